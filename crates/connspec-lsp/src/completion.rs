//! Completion by position: keys and values from the schema, scopes from the provider's
//! catalogue, and template variables inside `{{ }}` from what the document declares.

use connspec_catalog::{Catalog, RouteMatch};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, TextEdit,
};
use serde_json::Value;

use crate::cursor::{self, Cursor, ITEM, Slot};
use crate::document::Document;
use crate::schema::Schemas;

/// Where a connector lists the scopes its grant requests (`auth.scopes`).
pub(crate) const SCOPES_PATH: [&str; 3] = ["auth", "scopes", ITEM];

/// `meta_info` attributes Agent Studio fills in when it runs an action (its guides name the
/// user's e-mail address and the action instance id; any user attribute may follow `user.`).
const META_INFO: &[(&str, &str)] = &[
    (
        "user.email_addr",
        "The e-mail address of the user the action runs for.",
    ),
    (
        "action_instance_id",
        "The id of this run of the action: an idempotency key.",
    ),
];

pub(crate) fn completions(
    document: &Document,
    schemas: &Schemas,
    position: Position,
) -> Vec<CompletionItem> {
    let offset = document.index.offset(&document.text, position);
    let cursor = cursor::at(&document.text, offset);
    let range = document
        .index
        .range(&document.text, cursor.word.start, cursor.word.end);
    let item = |label: String, kind, detail: Option<String>, docs: Option<String>| CompletionItem {
        text_edit: Some(CompletionItemTextEdit::TextEdit(TextEdit {
            range,
            new_text: label.clone(),
        })),
        label,
        kind: Some(kind),
        detail,
        documentation: docs.map(markdown),
        ..CompletionItem::default()
    };
    match &cursor.slot {
        Slot::Template { expression } => template_names(document, &cursor, expression)
            .into_iter()
            .map(|(name, kind, docs)| item(name, kind, None, docs))
            .collect(),
        Slot::Key | Slot::Value => {
            let Some(node) = schemas
                .root(document.kind.schema())
                .walk(cursor.path.iter().map(String::as_str))
            else {
                return Vec::new();
            };
            let node = node.narrowed(&cursor.siblings);
            if cursor.slot == Slot::Key && node.is_mapping() {
                return node
                    .keys()
                    .into_iter()
                    .filter(|key| !cursor.siblings.iter().any(|(k, _)| *k == key.name))
                    .enumerate()
                    .map(|(order, key)| {
                        let detail = key.required.then(|| "required".to_owned());
                        // Required keys first, each group in the model's order.
                        let sort = format!("{}{order:03}", u8::from(!key.required));
                        let mut item = item(
                            key.name,
                            CompletionItemKind::Property,
                            detail,
                            key.description,
                        );
                        item.sort_text = Some(sort);
                        item
                    })
                    .collect();
            }
            if cursor.path == SCOPES_PATH
                && let Some(catalog) = catalog_of(document)
            {
                return scope_items(catalog, document)
                    .into_iter()
                    .map(|(scope, needed, docs)| {
                        let detail = needed.then(|| "needed by an action".to_owned());
                        let mut item = item(scope, CompletionItemKind::Value, detail, docs);
                        item.sort_text = Some(format!("{}{}", u8::from(!needed), item.label));
                        item.preselect = needed.then_some(true);
                        item
                    })
                    .collect();
            }
            node.values()
                .into_iter()
                .map(|value| {
                    item(
                        value.value,
                        CompletionItemKind::EnumMember,
                        None,
                        value.description,
                    )
                })
                .collect()
        }
    }
}

pub(crate) fn markdown(text: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text,
    })
}

/// The catalogue of the document's `provider`, as the lint rules choose it.
pub(crate) fn catalog_of(document: &Document) -> Option<&'static Catalog> {
    let value = document.value()?;
    let provider = value.get("provider").and_then(Value::as_str);
    let base_url = value.get("base_url").and_then(Value::as_str).unwrap_or("");
    connspec_catalog::catalog_of_spec(provider, base_url)
}

/// Every scope of `catalog`, whether an action of the document needs it, and its description.
fn scope_items(catalog: &Catalog, document: &Document) -> Vec<(String, bool, Option<String>)> {
    let base_url = document
        .value()
        .and_then(|v| v.get("base_url"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let needed: Vec<&str> = document
        .value()
        .and_then(|v| v.get("actions"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, action)| {
            let method = action.get("method")?.as_str()?;
            let path = action.get("path")?.as_str()?;
            match catalog.route_of(base_url, method, path) {
                RouteMatch::Found(route) => Some(route.least_privileged()),
                _ => None,
            }
        })
        .flatten()
        .map(String::as_str)
        .collect();
    catalog
        .scopes()
        .map(|scope| {
            (
                scope.to_owned(),
                needed.contains(&scope),
                catalog.describe_scope(scope, 8),
            )
        })
        .collect()
}

/// The names a template may use at the cursor: the namespaces, then the names declared in one.
fn template_names(
    document: &Document,
    cursor: &Cursor,
    expression: &str,
) -> Vec<(String, CompletionItemKind, Option<String>)> {
    let action = action_of(&cursor.path);
    let Some((namespace, rest)) = expression.split_once('.') else {
        return connspec_semantic::field::NAMESPACES
            .iter()
            .filter(|ns| action.is_some() || !matches!(**ns, "inputs" | "meta_info"))
            .map(|ns| ((*ns).to_owned(), CompletionItemKind::Module, None))
            .collect();
    };
    // The part already typed before the last dot (`user.` of `meta_info.user.em`): names
    // are offered from there on, as the completion replaces only the last segment.
    let typed = rest.rfind('.').map_or("", |at| &rest[..=at]);
    declared(document, namespace, action)
        .into_iter()
        .filter_map(|(name, docs)| {
            let tail = name.strip_prefix(typed)?;
            Some((tail.to_owned(), CompletionItemKind::Variable, docs))
        })
        .collect()
}

/// The action whose field `path` is in.
pub(crate) fn action_of(path: &[String]) -> Option<&str> {
    match path {
        [actions, name, ..] if actions == "actions" => Some(name),
        _ => None,
    }
}

/// The names `namespace` declares in the document, with what the declaration says of each.
pub(crate) fn declared(
    document: &Document,
    namespace: &str,
    action: Option<&str>,
) -> Vec<(String, Option<String>)> {
    let Some(value) = document.value() else {
        return Vec::new();
    };
    let described = |declaration: &Value| {
        let description = declaration.get("description").and_then(Value::as_str);
        let example = declaration.get("example").map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        match (description, example) {
            (None, None) => None,
            (Some(d), None) => Some(d.to_owned()),
            (None, Some(e)) => Some(format!("Example: `{e}`")),
            (Some(d), Some(e)) => Some(format!("{d}\n\nExample: `{e}`")),
        }
    };
    let mapping = |v: Option<&Value>| -> Vec<(String, Option<String>)> {
        v.and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, declaration)| (name.clone(), described(declaration)))
            .collect()
    };
    match namespace {
        "instance" => mapping(value.get("instance")),
        "inputs" => mapping(action.and_then(|a| value.get("actions")?.get(a)?.get("inputs"))),
        "secrets" => value
            .get("secrets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|secret| match secret {
                Value::String(name) => Some((name.clone(), None)),
                Value::Object(_) => Some((
                    secret.get("name")?.as_str()?.to_owned(),
                    secret
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )),
                _ => None,
            })
            .collect(),
        "meta_info" if action.is_some() => META_INFO
            .iter()
            .map(|(name, docs)| ((*name).to_owned(), Some((*docs).to_owned())))
            .collect(),
        _ => Vec::new(),
    }
}
