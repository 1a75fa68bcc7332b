//! The generated JSON Schemas walked by a cursor's path: which keys a mapping may hold, which
//! values a field takes, and what each one means (the model's doc comments, Agent Studio's
//! labels in quotes). Built once per server from the same model `connspec check` validates
//! against, so the editor can never offer a key the checker refuses.

use connspec_model::schema::{SchemaKind, schema_value};
use serde_json::Value;

use crate::cursor::ITEM;

/// The connector and instance schemas.
#[derive(Debug)]
pub(crate) struct Schemas {
    connector: Value,
    instance: Value,
    cassette: Value,
}

/// A key a mapping may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyDoc {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) required: bool,
}

/// A value a field may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueDoc {
    pub(crate) value: String,
    pub(crate) description: Option<String>,
}

impl Schemas {
    pub(crate) fn new() -> Self {
        Self {
            connector: schema_value(SchemaKind::Connector),
            instance: schema_value(SchemaKind::Instance),
            cassette: schema_value(SchemaKind::Cassette),
        }
    }

    pub(crate) fn root(&self, kind: SchemaKind) -> Node<'_> {
        let root = match kind {
            SchemaKind::Connector => &self.connector,
            SchemaKind::Instance => &self.instance,
            SchemaKind::Cassette => &self.cassette,
        };
        Node {
            root,
            alternatives: alternatives(root, root),
            description: description(root),
        }
    }
}

/// The schemas a node of the document may match (a union's branches side by side), and the
/// description written where the node is declared.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    root: &'a Value,
    alternatives: Vec<&'a Value>,
    pub(crate) description: Option<String>,
}

impl Node<'_> {
    /// The node at `path` below this one; `None` when no schema allows that path.
    pub(crate) fn walk<'p>(self, path: impl IntoIterator<Item = &'p str>) -> Option<Self> {
        let mut node = self;
        for key in path {
            node = node.child(key)?;
        }
        Some(node)
    }

    /// The node of `key` (or a sequence item, [`ITEM`]).
    pub(crate) fn child(&self, key: &str) -> Option<Self> {
        let mut alternatives = Vec::new();
        let mut described = None;
        for schema in &self.alternatives {
            let declared = if key == ITEM {
                schema.get("items")
            } else {
                schema
                    .get("properties")
                    .and_then(|p| p.get(key))
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
            };
            if let Some(declared) = declared {
                described = described.or_else(|| description(declared));
                alternatives.extend(self::alternatives(self.root, declared));
            }
        }
        if alternatives.is_empty() {
            return None;
        }
        let description = described.or_else(|| alternatives.iter().find_map(|a| description(a)));
        Some(Self {
            root: self.root,
            alternatives,
            description,
        })
    }

    /// Keeps the union branches that `siblings` select: a branch whose key is fixed to one
    /// value (`type: oauth2`, `grant_type: password`) stays only when the written value is it.
    pub(crate) fn narrowed(mut self, siblings: &[(String, String)]) -> Self {
        let kept: Vec<&Value> = self
            .alternatives
            .iter()
            .copied()
            .filter(|schema| {
                siblings.iter().all(|(key, written)| {
                    let Some(fixed) = schema
                        .get("properties")
                        .and_then(|p| p.get(key))
                        .and_then(|p| p.get("const"))
                        .and_then(Value::as_str)
                    else {
                        return true;
                    };
                    fixed == written
                })
            })
            .collect();
        if !kept.is_empty() {
            self.alternatives = kept;
        }
        self
    }

    /// Whether the node is a mapping with named keys.
    pub(crate) fn is_mapping(&self) -> bool {
        self.alternatives
            .iter()
            .any(|s| s.get("properties").is_some() || has_type(s, "object"))
    }

    /// The keys the mapping declares, in the model's order, without repeats.
    pub(crate) fn keys(&self) -> Vec<KeyDoc> {
        let mut keys: Vec<KeyDoc> = Vec::new();
        for schema in &self.alternatives {
            let Some(Value::Object(properties)) = schema.get("properties") else {
                continue;
            };
            let required = |name: &str| {
                schema
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|k| k == name))
            };
            for (name, declared) in properties {
                if name == "$schema" || keys.iter().any(|k| &k.name == name) {
                    continue;
                }
                keys.push(KeyDoc {
                    name: name.clone(),
                    description: description(declared).or_else(|| {
                        alternatives(self.root, declared)
                            .into_iter()
                            .find_map(description)
                    }),
                    required: required(name),
                });
            }
        }
        keys
    }

    /// The values a scalar node takes: enumerations, constants, booleans.
    pub(crate) fn values(&self) -> Vec<ValueDoc> {
        let mut values: Vec<ValueDoc> = Vec::new();
        let mut push = |value: &Value, description: Option<String>| {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Bool(_) | Value::Number(_) => value.to_string(),
                _ => return,
            };
            if !values.iter().any(|v| v.value == text) {
                values.push(ValueDoc {
                    value: text,
                    description,
                });
            }
        };
        for schema in &self.alternatives {
            if let Some(constant) = schema.get("const") {
                push(constant, description(schema));
            }
            for value in schema
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                push(value, None);
            }
            if has_type(schema, "boolean") {
                push(&Value::Bool(true), None);
                push(&Value::Bool(false), None);
            }
        }
        values
    }

    /// What the value `written` means here: the description of the branch it selects.
    pub(crate) fn value_description(&self, written: &str) -> Option<String> {
        self.values()
            .into_iter()
            .find(|v| v.value == written)
            .and_then(|v| v.description)
    }
}

fn has_type(schema: &Value, wanted: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t == wanted),
        _ => false,
    }
}

fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// `schema` with `$ref`s followed and `oneOf`/`anyOf`/`allOf` spread into the schemas a value
/// may match, `null` left out. Bounded, so a cyclic reference cannot loop.
fn alternatives<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut pending = vec![(schema, 0_u8)];
    while let Some((schema, depth)) = pending.pop() {
        if depth > 16 {
            continue;
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if let Some(target) = reference
                .strip_prefix('#')
                .and_then(|pointer| root.pointer(pointer))
            {
                pending.push((target, depth + 1));
            }
            continue;
        }
        let mut branched = false;
        for union in ["oneOf", "anyOf", "allOf"] {
            if let Some(branches) = schema.get(union).and_then(Value::as_array) {
                branched = true;
                for branch in branches.iter().rev() {
                    pending.push((branch, depth + 1));
                }
            }
        }
        let only_null = schema.get("type").and_then(Value::as_str) == Some("null");
        if !only_null && (!branched || schema.get("properties").is_some()) {
            out.push(schema);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_follow_references_and_unions() {
        let schemas = Schemas::new();
        let root = schemas.root(SchemaKind::Connector);
        let names: Vec<String> = root.keys().into_iter().map(|k| k.name).collect();
        assert!(names.contains(&"base_url".to_owned()), "{names:?}");
        assert!(!names.contains(&"$schema".to_owned()));

        let auth = root.clone().walk(["auth"]).expect("auth");
        let types: Vec<String> = auth
            .child("type")
            .expect("type")
            .values()
            .into_iter()
            .map(|v| v.value)
            .collect();
        assert!(types.contains(&"oauth2".to_owned()), "{types:?}");

        // `type: basic` narrows the keys to that branch's.
        let basic = auth
            .clone()
            .narrowed(&[("type".to_owned(), "basic".to_owned())]);
        let keys: Vec<String> = basic.keys().into_iter().map(|k| k.name).collect();
        assert!(keys.contains(&"username".to_owned()));
        assert!(!keys.contains(&"scopes".to_owned()), "{keys:?}");

        let method = root
            .clone()
            .walk(["actions", "any_name", "method"])
            .expect("an action's method");
        assert!(method.values().iter().any(|v| v.value == "GET"));
        assert!(method.description.is_some());

        assert!(root.walk(["no_such_key"]).is_none());
    }
}
