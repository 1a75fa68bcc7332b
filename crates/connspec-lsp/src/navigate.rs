//! Go-to-definition from `{{ inputs.x }}`, `{{ instance.x }}` and `{{ secrets.X }}` to where
//! they are declared, and the document's outline: its actions with their inputs.

use connspec_model::yaml::push_pointer;
use lsp_types::{DocumentSymbol, Location, Position, SymbolKind};
use serde_json::Value;

use crate::completion::action_of;
use crate::cursor::{self, Slot};
use crate::document::Document;

/// The declaration of the template variable under the cursor, when the document loads.
pub(crate) fn definition(document: &Document, position: Position) -> Option<Location> {
    let text = &document.text;
    let parsed = document.parsed.as_ref()?;
    let offset = document.index.offset(text, position);
    // The end of the dotted name under the cursor: the cursor there sees the whole name.
    let end = offset
        + text[offset..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(text.len() - offset);
    let at = cursor::at(text, end);
    let Slot::Template { expression } = &at.slot else {
        return None;
    };
    let mut segments = expression.split('.');
    let (namespace, name) = (segments.next()?, segments.next()?);
    let span = match namespace {
        "instance" => parsed.spans.key(&push_pointer("/instance", name)),
        "inputs" => {
            let action = action_of(&at.path)?;
            let inputs = push_pointer(&push_pointer("/actions", action), "inputs");
            parsed.spans.key(&push_pointer(&inputs, name))
        }
        "secrets" => {
            let index =
                parsed.value.get("secrets")?.as_array()?.iter().position(
                    |secret| match secret {
                        Value::String(declared) => declared == name,
                        other => other.get("name").and_then(Value::as_str) == Some(name),
                    },
                )?;
            parsed.spans.value(&format!("/secrets/{index}"))
        }
        _ => None,
    }?;
    Some(Location {
        uri: document.uri.clone(),
        range: document.index.range(text, span.start, span.end),
    })
}

/// The outline: each action (method and path as detail) with its inputs.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written out.
pub(crate) fn symbols(document: &Document) -> Vec<DocumentSymbol> {
    let Some(parsed) = document.parsed.as_ref() else {
        return Vec::new();
    };
    let text = &document.text;
    let range = |start: usize, end: usize| document.index.range(text, start, end);
    let symbol = |name: &str, detail: Option<String>, kind, pointer: &str| {
        let key = parsed.spans.key(pointer)?;
        let value = parsed.spans.value(pointer).unwrap_or(key);
        Some(DocumentSymbol {
            name: name.to_owned(),
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: range(key.start, value.end.max(key.end)),
            selection_range: range(key.start, key.end),
            children: None,
        })
    };
    let Some(actions) = parsed.value.get("actions").and_then(Value::as_object) else {
        return Vec::new();
    };
    actions
        .iter()
        .filter_map(|(name, action)| {
            let pointer = push_pointer("/actions", name);
            let method = action.get("method").and_then(Value::as_str).unwrap_or("");
            let path = action.get("path").and_then(Value::as_str).unwrap_or("");
            let detail = format!("{method} {path}").trim().to_owned();
            let mut parent = symbol(
                name,
                (!detail.is_empty()).then_some(detail),
                SymbolKind::Function,
                &pointer,
            )?;
            let inputs_pointer = push_pointer(&pointer, "inputs");
            let children: Vec<DocumentSymbol> = action
                .get("inputs")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(input, declaration)| {
                    let kind = declaration.get("type").and_then(Value::as_str);
                    symbol(
                        input,
                        kind.map(str::to_owned),
                        SymbolKind::Variable,
                        &push_pointer(&inputs_pointer, input),
                    )
                })
                .collect();
            parent.children = (!children.is_empty()).then_some(children);
            Some(parent)
        })
        .collect()
}
