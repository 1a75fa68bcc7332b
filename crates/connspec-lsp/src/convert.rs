//! connspec diagnostics and fixes as LSP diagnostics: ranges in UTF-16 positions, the rule
//! code with its docs link, secondary labels as related information, the fix in `data`.

use connspec_diagnostics::{Applicability, Diagnostic, Fix, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, Range, TextEdit,
};
use serde::{Deserialize, Serialize};

use crate::document::Document;

/// What a diagnostic's `data` holds: its fix, ready to become a code action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FixData {
    pub(crate) title: String,
    /// `safe`, `unsafe` or `display-only`.
    pub(crate) applicability: String,
    pub(crate) edits: Vec<TextEdit>,
}

impl FixData {
    pub(crate) fn new(document: &Document, fix: &Fix) -> Self {
        Self {
            title: fix.title.clone(),
            applicability: fix.applicability.as_str().to_owned(),
            edits: fix
                .edits
                .iter()
                .map(|edit| TextEdit {
                    range: document
                        .index
                        .range(&document.text, edit.span.start, edit.span.end),
                    new_text: edit.content.clone(),
                })
                .collect(),
        }
    }
}

/// The title a code action shows for `fix`: unsafe and display-only fixes say so.
pub(crate) fn action_title(fix: &Fix) -> String {
    match fix.applicability {
        Applicability::Safe => fix.title.clone(),
        Applicability::Unsafe => format!("{} (unsafe)", fix.title),
        Applicability::DisplayOnly => format!("{} (suggestion)", fix.title),
    }
}

pub(crate) fn range_of(document: &Document, diagnostic: &Diagnostic) -> Range {
    let (start, end) = diagnostic.span.map_or((0, 0), |s| (s.start, s.end));
    document.index.range(&document.text, start, end)
}

pub(crate) fn to_lsp(document: &Document, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    let severity = match diagnostic.severity {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Information,
    };
    // The help line carries the did-you-mean; editors show the message only.
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: document.uri.clone(),
                range: document
                    .index
                    .range(&document.text, label.span.start, label.span.end),
            },
            message: label.message.clone(),
        })
        .collect();
    let data = diagnostic
        .fix
        .as_ref()
        .and_then(|fix| serde_json::to_value(FixData::new(document, fix)).ok());
    lsp_types::Diagnostic {
        range: range_of(document, diagnostic),
        severity: Some(severity),
        code: Some(lsp_types::Code::String(diagnostic.code.code.to_owned())),
        code_description: diagnostic
            .code
            .help_uri()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("connspec".to_owned()),
        message: message.into(),
        tags: None,
        related_information: (!related.is_empty()).then_some(related),
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connspec_diagnostics::{Edit, Span};

    #[test]
    fn titles_say_how_sure_a_fix_is() {
        let edits = vec![Edit::deletion(Span::new(0, 1))];
        assert_eq!(
            action_title(&Fix::safe("drop it", edits.clone())),
            "drop it"
        );
        assert_eq!(
            action_title(&Fix::unsafe_edits("drop it", edits.clone())),
            "drop it (unsafe)"
        );
        assert_eq!(
            action_title(&Fix::display_only("drop it", edits)),
            "drop it (suggestion)"
        );
    }
}
