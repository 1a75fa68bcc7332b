//! Hover: the explanation of a finding under the cursor, a key's schema documentation (the
//! model's doc comment, with Agent Studio's label), what a value selects, a scope's catalogue
//! entry, and a template variable's declaration.

use std::fmt::Write as _;

use lsp_types::{Contents, Hover, MarkupContent, MarkupKind, Position};

use crate::completion::{SCOPES_PATH, action_of, catalog_of, declared};
use crate::cursor::{self, Slot};
use crate::document::Document;
use crate::schema::Schemas;

pub(crate) fn hover(document: &Document, schemas: &Schemas, position: Position) -> Option<Hover> {
    let text = &document.text;
    let offset = document.index.offset(text, position);
    let mut sections: Vec<String> = document
        .diagnostics
        .iter()
        .filter(|d| d.span.is_some_and(|s| s.start <= offset && offset <= s.end))
        .map(|d| {
            format!(
                "**{}** `{}`: {}\n\n{}",
                d.code.code,
                d.code.name,
                d.message,
                d.code.explanation_text().trim()
            )
        })
        .collect();
    // The whole word under the cursor, and the place its end is at.
    let word = cursor::at(text, offset).word;
    let at_end = cursor::at(text, word.end);
    let written = text.get(at_end.word.clone()).unwrap_or("");
    let range = at_end.word.clone();
    if let Some(about) = describe(document, schemas, &at_end, written) {
        sections.insert(0, about);
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: (!range.is_empty()).then(|| document.index.range(text, range.start, range.end)),
    })
}

/// What the word `written` at `cursor` is, in Markdown.
fn describe(
    document: &Document,
    schemas: &Schemas,
    cursor: &cursor::Cursor,
    written: &str,
) -> Option<String> {
    if written.is_empty() {
        return None;
    }
    let root = schemas.root(document.kind.schema());
    match &cursor.slot {
        Slot::Template { expression } => {
            let (namespace, name) = expression.split_once('.')?;
            let action = action_of(&cursor.path);
            let (name, docs) = declared(document, namespace, action)
                .into_iter()
                .find(|(declared, _)| declared == name)?;
            let mut text = format!("`{namespace}.{name}`");
            if let Some(action) = action.filter(|_| namespace == "inputs") {
                let _ = write!(text, ": an input of action `{action}`");
            }
            if let Some(docs) = docs {
                let _ = write!(text, "\n\n{docs}");
            }
            Some(text)
        }
        Slot::Key => {
            let parent = root.walk(cursor.path.iter().map(String::as_str))?;
            let parent = parent.narrowed(&cursor.siblings);
            if parent.is_mapping() {
                let node = parent.child(written)?;
                let mut text = format!("`{written}`");
                if let Some(description) = node.description {
                    let _ = write!(text, "\n\n{description}");
                }
                return Some(text);
            }
            value_description(document, &parent, cursor, written)
        }
        Slot::Value => {
            let node = root.walk(cursor.path.iter().map(String::as_str))?;
            value_description(document, &node, cursor, written)
        }
    }
}

fn value_description(
    document: &Document,
    node: &crate::schema::Node<'_>,
    cursor: &cursor::Cursor,
    written: &str,
) -> Option<String> {
    if cursor.path == SCOPES_PATH {
        let catalog = catalog_of(document)?;
        return Some(catalog.describe_scope(written, 12).unwrap_or_else(|| {
            format!(
                "`{written}` is not a {} scope connspec knows.",
                catalog.display_name
            )
        }));
    }
    let selected = node.value_description(written);
    match (selected, &node.description) {
        (Some(selected), _) => Some(format!("`{written}`: {selected}")),
        (None, Some(field)) => Some(field.clone()),
        (None, None) => None,
    }
}
