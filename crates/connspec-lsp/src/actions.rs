//! Code actions from fixes: one quick fix per fixable diagnostic in the requested range, and
//! "fix all" that applies every safe fix in rounds, as `connspec check --fix` does.

use std::borrow::Cow;

use connspec_diagnostics::{Applicability, apply_fixes};
use connspec_model::CheckOptions;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionParams, OptionalVersionedTextDocumentIdentifier,
    Position, Range, TextDocumentEdit, TextDocumentIdentifier, TextEdit, WorkspaceEdit,
};

use crate::FIX_ALL_KIND;
use crate::convert::{FixData, action_title, range_of, to_lsp};
use crate::document::Document;

/// The most rounds of fixing: each round re-checks, and a fix can enable another.
const MAX_FIX_ROUNDS: usize = 100;

pub(crate) fn code_actions(document: &Document, params: &CodeActionParams) -> Vec<CodeAction> {
    let only: Option<Vec<String>> = params
        .context
        .only
        .as_ref()
        .map(|kinds| kinds.iter().cloned().map(String::from).collect());
    let wanted = |kind: &str| {
        only.as_ref().is_none_or(|only| {
            only.iter().any(|prefix| {
                kind == prefix || kind.starts_with(&format!("{prefix}.")) || prefix.is_empty()
            })
        })
    };
    let mut actions = Vec::new();
    if wanted("quickfix") {
        for diagnostic in &document.diagnostics {
            let Some(fix) = &diagnostic.fix else {
                continue;
            };
            if fix.edits.is_empty() || !overlaps(range_of(document, diagnostic), params.range) {
                continue;
            }
            let data = FixData::new(document, fix);
            actions.push(CodeAction {
                title: action_title(fix),
                kind: Some(CodeActionKind::QuickFix),
                diagnostics: Some(vec![to_lsp(document, diagnostic)]),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                disabled: None,
                edit: Some(workspace_edit(document, data.edits)),
                command: None,
                data: None,
                tags: None,
            });
        }
    }
    if wanted(FIX_ALL_KIND)
        && let Some(edit) = fix_all(document)
    {
        actions.push(CodeAction {
            title: "Fix all safe connspec problems".to_owned(),
            kind: Some(CodeActionKind::Custom(Cow::Borrowed(FIX_ALL_KIND))),
            diagnostics: None,
            is_preferred: None,
            disabled: None,
            edit: Some(workspace_edit(document, vec![edit])),
            command: None,
            data: None,
            tags: None,
        });
    }
    actions
}

/// Every safe fix applied in rounds (apply, re-check, repeat) until none applies, as one
/// whole-document edit; `None` when nothing changes.
fn fix_all(document: &Document) -> Option<TextEdit> {
    let options = CheckOptions {
        limits: document.settings.limits,
        kind: None,
    };
    let name = document.uri.as_str();
    let mut text = document.text.clone();
    let mut diagnostics = document.diagnostics.clone();
    for _ in 0..MAX_FIX_ROUNDS {
        let (fixed, applied) = apply_fixes(
            &text,
            diagnostics.iter().filter_map(|d| d.fix.as_ref()),
            Applicability::Safe,
        );
        if applied == 0 || fixed == text {
            break;
        }
        text = fixed;
        diagnostics =
            connspec_lint::check_and_lint(name, text.as_bytes(), &options, &document.settings.lint)
                .checked
                .diagnostics;
    }
    (text != document.text).then(|| TextEdit {
        range: document.index.range(&document.text, 0, document.text.len()),
        new_text: text,
    })
}

fn workspace_edit(document: &Document, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: None,
        document_changes: Some(vec![
            TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    version: Some(document.version),
                    text_document_identifier: TextDocumentIdentifier {
                        uri: document.uri.clone(),
                    },
                },
                edits: edits.into_iter().map(Into::into).collect(),
            }
            .into(),
        ]),
        change_annotations: None,
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}
