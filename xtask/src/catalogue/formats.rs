//! Readers of the vendors' formats: each turns one extract into scopes and operations, with
//! the vendor's own meaning of a list of scopes (round2.md §1: `OpenAPI`'s AND, Slack's and
//! Zoom's alternatives, Google's "any applicable", Graph's least-privilege marks).

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use serde_json::Value;

use super::{Derived, Format, Generator, ListMeaning, Operation};

/// HTTP methods a catalogue route may have, as `OpenAPI` writes them.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

pub(crate) fn read(generator: &Generator, value: &Value) -> anyhow::Result<Derived> {
    match generator.format {
        Format::Openapi => openapi(generator, value),
        Format::GraphPermissions => graph(value),
        Format::GoogleDiscovery => google(value),
        Format::GithubPermissions => github(value),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Alternatives from one list of scopes, by what a list means for the vendor.
fn from_list(list: Vec<String>, meaning: ListMeaning) -> Vec<Vec<String>> {
    if list.is_empty() {
        return Vec::new();
    }
    match meaning {
        ListMeaning::AllOf => vec![list],
        ListMeaning::AnyOf => list.into_iter().map(|s| vec![s]).collect(),
    }
}

fn openapi(generator: &Generator, value: &Value) -> anyhow::Result<Derived> {
    let scheme = generator
        .scheme
        .as_deref()
        .context("an openapi source needs `scheme` in generator.toml")?;
    let mut derived = Derived::default();
    // OpenAPI 3 flows, or Swagger 2's one definition.
    let definition = value
        .pointer(&format!("/components/securitySchemes/{scheme}"))
        .or_else(|| value.pointer(&format!("/securityDefinitions/{scheme}")))
        .with_context(|| format!("no security scheme `{scheme}`"))?;
    let mut declared: Vec<&serde_json::Map<String, Value>> = Vec::new();
    if let Some(flows) = definition.get("flows").and_then(Value::as_object) {
        declared.extend(flows.values().filter_map(|f| f.get("scopes")?.as_object()));
    }
    if let Some(scopes) = definition.get("scopes").and_then(Value::as_object) {
        declared.push(scopes);
    }
    for map in declared {
        for (scope, description) in map {
            derived.scopes.insert(
                scope.clone(),
                description.as_str().unwrap_or_default().trim().to_owned(),
            );
        }
    }
    let global = value.get("security");
    let paths = value
        .get("paths")
        .and_then(Value::as_object)
        .context("no `paths`")?;
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            derived.operations_listed += 1;
            let mut alternatives = Vec::new();
            // Atlassian: entries of all-needed scopes, any one entry enough.
            if let Some(entries) = operation
                .get("x-atlassian-oauth2-scopes")
                .and_then(Value::as_array)
            {
                for entry in entries {
                    let scopes = strings(entry.get("scopes"));
                    if !scopes.is_empty() {
                        alternatives.push(scopes);
                    }
                }
            }
            if alternatives.is_empty() {
                let requirements = operation.get("security").or(global);
                for requirement in requirements.and_then(Value::as_array).into_iter().flatten() {
                    alternatives.extend(from_list(
                        strings(requirement.get(scheme)),
                        generator.list_means,
                    ));
                }
            }
            if alternatives.is_empty() {
                continue;
            }
            derived.operations.push(Operation {
                method: method.to_ascii_uppercase(),
                path: format!("{}{path}", generator.path_prefix),
                alternatives,
                least: Vec::new(),
            });
        }
    }
    Ok(derived)
}

/// Graph's `permissions.json`: each permission lists path sets (schemes, methods, paths); a
/// path's value `least=<schemes>` marks the permission least privileged there. A path needs
/// any one of the permissions that list it (for delegated work or application access).
fn graph(value: &Value) -> anyhow::Result<Derived> {
    let permissions = value
        .get("permissions")
        .and_then(Value::as_object)
        .context("no `permissions`")?;
    let mut derived = Derived::default();
    // (method, path) → [(permission, least)]
    let mut by_route: BTreeMap<(String, String), Vec<(String, bool)>> = BTreeMap::new();
    for (name, permission) in permissions {
        if permission.get("authorizationType").and_then(Value::as_str) != Some("oAuth2") {
            continue;
        }
        let schemes = permission.get("schemes");
        let description = ["DelegatedWork", "Application"]
            .iter()
            .filter_map(|k| schemes?.get(k)?.get("adminDisplayName")?.as_str())
            .find(|d| !d.is_empty())
            .unwrap_or_default();
        derived
            .scopes
            .insert(name.clone(), description.trim().to_owned());
        for set in permission
            .get("pathSets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let keys = strings(set.get("schemeKeys"));
            if !keys
                .iter()
                .any(|k| k == "DelegatedWork" || k == "Application")
            {
                continue;
            }
            for method in strings(set.get("methods")) {
                let method = method.to_ascii_uppercase();
                if !METHODS.contains(&method.to_ascii_lowercase().as_str()) {
                    continue;
                }
                for (path, mark) in set
                    .get("paths")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let least = mark.as_str().is_some_and(|m| {
                        m.split(';').any(|part| {
                            part.strip_prefix("least=").is_some_and(|schemes| {
                                schemes
                                    .split(',')
                                    .any(|s| s == "DelegatedWork" || s == "Application")
                            })
                        })
                    });
                    let entry = by_route.entry((method.clone(), path.clone())).or_default();
                    match entry.iter_mut().find(|(p, _)| p == name) {
                        Some((_, was_least)) => *was_least |= least,
                        None => entry.push((name.clone(), least)),
                    }
                }
            }
        }
    }
    derived.operations_listed = by_route.len();
    for ((method, path), permissions) in by_route {
        let least = permissions
            .iter()
            .enumerate()
            .filter(|(_, (_, least))| *least)
            .map(|(i, _)| i)
            .collect();
        derived.operations.push(Operation {
            method,
            path,
            alternatives: permissions.into_iter().map(|(p, _)| vec![p]).collect(),
            least,
        });
    }
    Ok(derived)
}

/// A Google discovery document: `auth.oauth2.scopes` and, in nested `resources`, methods with
/// `httpMethod`, `path` (under `servicePath`) and `scopes`, any one of which is enough.
fn google(value: &Value) -> anyhow::Result<Derived> {
    let mut derived = Derived::default();
    if let Some(scopes) = value
        .pointer("/auth/oauth2/scopes")
        .and_then(Value::as_object)
    {
        for (scope, info) in scopes {
            let description = info
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            derived
                .scopes
                .insert(scope.clone(), description.trim().to_owned());
        }
    }
    let service_path = value
        .get("servicePath")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some(resources) = value.get("resources") {
        google_methods(resources, service_path, &mut derived);
    }
    if derived.operations_listed == 0 {
        bail!("no methods");
    }
    Ok(derived)
}

/// The methods of a discovery document's nested `resources`, with their scopes.
fn google_methods(resources: &Value, service_path: &str, derived: &mut Derived) {
    for resource in resources.as_object().into_iter().flatten().map(|(_, r)| r) {
        for method in resource
            .get("methods")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, m)| m)
        {
            let (Some(http), Some(path)) = (
                method.get("httpMethod").and_then(Value::as_str),
                method
                    .get("flatPath")
                    .or_else(|| method.get("path"))
                    .and_then(Value::as_str),
            ) else {
                continue;
            };
            derived.operations_listed += 1;
            let alternatives = from_list(strings(method.get("scopes")), ListMeaning::AnyOf);
            if alternatives.is_empty() || !METHODS.contains(&http.to_ascii_lowercase().as_str()) {
                continue;
            }
            derived.operations.push(Operation {
                method: http.to_ascii_uppercase(),
                path: format!("/{service_path}{path}"),
                alternatives,
                least: Vec::new(),
            });
        }
        if let Some(nested) = resource.get("resources") {
            google_methods(nested, service_path, derived);
        }
    }
}

/// The scopes that grant one operation under one permission (its access and any higher), and
/// whether the operation needs other permissions too.
type Granting = (Vec<String>, bool);

/// GitHub's fine-grained permissions: per permission, the operations it allows at `read`,
/// `write` or `admin` access. Scope names are `<permission>:<access>`; write access includes
/// read. An operation with `additional-permissions` needs all of its permissions together.
fn github(value: &Value) -> anyhow::Result<Derived> {
    let permissions = value.as_object().context("not an object")?;
    let mut derived = Derived::default();
    // (method, path) → [(scope alternatives for one permission, additional)]
    let mut by_route: BTreeMap<(String, String), Vec<Granting>> = BTreeMap::new();
    let levels = ["read", "write", "admin"];
    for (key, permission) in permissions {
        let title = permission
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or(key);
        let operations = permission
            .get("permissions")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        // The access levels the source names for this permission: a token can be given those.
        let named: Vec<&str> = levels
            .into_iter()
            .filter(|level| {
                operations
                    .iter()
                    .any(|o| o.get("access").and_then(Value::as_str) == Some(*level))
            })
            .collect();
        for level in &named {
            derived
                .scopes
                .insert(format!("{key}:{level}"), format!("{title}: {level} access"));
        }
        for operation in permission
            .get("permissions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (Some(verb), Some(path), Some(access)) = (
                operation.get("verb").and_then(Value::as_str),
                operation.get("requestPath").and_then(Value::as_str),
                operation.get("access").and_then(Value::as_str),
            ) else {
                continue;
            };
            let additional = operation
                .get("additional-permissions")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            // Higher access includes lower: `write` grants what `read` does.
            let from = levels.iter().position(|l| *l == access).unwrap_or(0);
            let granting: Vec<String> = levels[from..]
                .iter()
                .filter(|l| named.contains(l))
                .map(|l| format!("{key}:{l}"))
                .collect();
            by_route
                .entry((verb.to_ascii_uppercase(), path.to_owned()))
                .or_default()
                .push((granting, additional));
        }
    }
    derived.operations_listed = by_route.len();
    for ((method, path), entries) in by_route {
        let mut alternatives: Vec<Vec<String>> = Vec::new();
        let together: Vec<String> = entries
            .iter()
            .filter(|(_, additional)| *additional)
            .filter_map(|(granting, _)| granting.first().cloned())
            .collect();
        for (granting, additional) in &entries {
            if !additional {
                alternatives.extend(granting.iter().map(|s| vec![s.clone()]));
            }
        }
        if !together.is_empty() {
            alternatives.push(together);
        }
        derived.operations.push(Operation {
            method,
            path,
            alternatives,
            least: Vec::new(),
        });
    }
    Ok(derived)
}
