//! An open document: its text, the client's version, the settings that apply to it and the
//! findings of its last check.

use std::path::PathBuf;

use connspec_diagnostics::Diagnostic;
use connspec_model::DocumentKind;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use serde_json::Value;

use crate::position::LineIndex;
use crate::settings::DocumentSettings;

#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) uri: Uri,
    /// The file behind a `file:` URI.
    pub(crate) path: Option<PathBuf>,
    pub(crate) version: i32,
    pub(crate) text: String,
    pub(crate) index: LineIndex,
    pub(crate) settings: DocumentSettings,
    /// The findings of the last check of `text`; their spans index into it.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Connector spec or instance file, as the last check found it.
    pub(crate) kind: DocumentKind,
    /// The YAML of `text` with its spans, when `text` loads.
    pub(crate) parsed: Option<connspec_model::yaml::Document>,
    /// The value of the last text that loaded: names declared there (instance parameters,
    /// secrets, inputs) stay known while the text is broken in the middle of an edit.
    pub(crate) last_value: Option<Value>,
}

impl Document {
    pub(crate) fn new(
        uri: Uri,
        path: Option<PathBuf>,
        version: i32,
        text: String,
        settings: DocumentSettings,
    ) -> Self {
        let index = LineIndex::new(&text);
        Self {
            uri,
            path,
            version,
            text,
            index,
            settings,
            diagnostics: Vec::new(),
            kind: DocumentKind::Connector,
            parsed: None,
            last_value: None,
        }
    }

    /// Whether the document is a project file, `connspec.toml`.
    pub(crate) fn is_project(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(crate::settings::is_project_file)
    }

    /// The value that names are read from: the current text's, else the last that loaded.
    pub(crate) fn value(&self) -> Option<&Value> {
        self.parsed
            .as_ref()
            .map(|p| &p.value)
            .or(self.last_value.as_ref())
    }

    /// Applies the client's changes in order: a whole-document change replaces the text, a
    /// ranged one replaces the range (UTF-16 positions against the text as changed so far).
    pub(crate) fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) {
        for change in changes {
            match change {
                TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                    self.text = whole.text;
                }
                TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
                    let start = self.index.offset(&self.text, partial.range.start);
                    let end = self.index.offset(&self.text, partial.range.end).max(start);
                    self.text.replace_range(start..end, &partial.text);
                }
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{
        Position, Range, TextDocumentContentChangePartial, TextDocumentContentChangeWholeDocument,
    };

    #[allow(deprecated)]
    fn partial(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangePartial {
            range: Range {
                start: Position {
                    line: start.0,
                    character: start.1,
                },
                end: Position {
                    line: end.0,
                    character: end.1,
                },
            },
            range_length: None,
            text: text.to_owned(),
        }
        .into()
    }

    #[test]
    fn ranged_changes_apply_in_order_with_utf16_positions() {
        let uri: Uri = "file:///x.yaml".parse().expect("uri");
        let mut document = Document::new(
            uri,
            None,
            1,
            "name: é😀\nb: 2\n".to_owned(),
            DocumentSettings::default(),
        );
        document.apply_changes(
            2,
            vec![
                // After "é😀" (1 + 2 units) on line 0.
                partial((0, 9), (0, 9), "!"),
                partial((1, 3), (1, 4), "3"),
            ],
        );
        assert_eq!(document.text, "name: é😀!\nb: 3\n");
        assert_eq!(document.version, 2);
        document.apply_changes(
            3,
            vec![TextDocumentContentChangeWholeDocument::new("a\n".to_owned()).into()],
        );
        assert_eq!(document.text, "a\n");
        // A range past the end is clamped, not a panic.
        document.apply_changes(4, vec![partial((9, 0), (9, 9), "z")]);
        assert_eq!(document.text, "a\nz");
    }
}
