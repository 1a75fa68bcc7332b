//! `cargo xtask catalogue extract`: prunes a vendor's full API description to what a
//! catalogue needs, so the repository vendors megabytes less and, where a source's terms allow
//! only names (Zoom), holds only names and operation ids.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use serde_json::{Map, Value};

use super::{Format, Generator, SOURCES_DIR, read_generator};
use crate::util::project_root;

pub(crate) fn extract(provider: &str, id: &str, file: &Path) -> anyhow::Result<()> {
    let dir = project_root().join(SOURCES_DIR).join(provider);
    let generator = read_generator(&dir)?;
    if !generator.sources.iter().any(|s| s.id == id) {
        bail!("{provider}/generator.toml has no source `{id}`");
    }
    let value = load(file)?;
    let pruned = prune(&generator, &value)?;
    let mut text = serde_json::to_string_pretty(&pruned)?;
    text.push('\n');
    let out = dir.join(format!("{id}.json"));
    fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// A JSON file, or a YAML one converted by `PyYAML`.
fn load(file: &Path) -> anyhow::Result<Value> {
    let yaml = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let text = if yaml {
        let python = crate::pyyaml::python()?;
        let output = Command::new(python)
            .args([
                "-c",
                "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
            ])
            .arg(file)
            .output()
            .context("running PyYAML")?;
        if !output.status.success() {
            bail!("PyYAML failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        String::from_utf8(output.stdout)?
    } else {
        fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?
    };
    serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))
}

/// `value`'s entries named in `keys`, in `value`'s order.
fn keep(value: &Value, keys: &[&str]) -> Value {
    let Some(object) = value.as_object() else {
        return value.clone();
    };
    Value::Object(
        object
            .iter()
            .filter(|(k, _)| keys.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

fn prune(generator: &Generator, value: &Value) -> anyhow::Result<Value> {
    Ok(match generator.format {
        Format::Openapi => prune_openapi(generator, value)?,
        Format::GraphPermissions => {
            let mut permissions = Map::new();
            for (name, permission) in value
                .get("permissions")
                .and_then(Value::as_object)
                .context("no `permissions`")?
            {
                let mut kept = keep(permission, &["authorizationType", "pathSets"]);
                let schemes: Map<String, Value> = permission
                    .get("schemes")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            keep(v, &["adminDisplayName", "requiresAdminConsent"]),
                        )
                    })
                    .collect();
                if let Some(object) = kept.as_object_mut() {
                    object.insert("schemes".into(), Value::Object(schemes));
                }
                permissions.insert(name.clone(), kept);
            }
            serde_json::json!({ "permissions": permissions })
        }
        Format::GoogleDiscovery => {
            fn resources(value: &Value) -> Value {
                let mut out = Map::new();
                for (name, resource) in value.as_object().into_iter().flatten() {
                    let mut kept = Map::new();
                    if let Some(methods) = resource.get("methods").and_then(Value::as_object) {
                        let methods: Map<String, Value> = methods
                            .iter()
                            .map(|(k, m)| {
                                (
                                    k.clone(),
                                    keep(m, &["id", "httpMethod", "path", "flatPath", "scopes"]),
                                )
                            })
                            .collect();
                        kept.insert("methods".into(), Value::Object(methods));
                    }
                    if let Some(nested) = resource.get("resources") {
                        kept.insert("resources".into(), resources(nested));
                    }
                    out.insert(name.clone(), Value::Object(kept));
                }
                Value::Object(out)
            }
            let mut kept = keep(
                value,
                &[
                    "name",
                    "version",
                    "revision",
                    "rootUrl",
                    "servicePath",
                    "auth",
                ],
            );
            if let (Some(object), Some(r)) = (kept.as_object_mut(), value.get("resources")) {
                object.insert("resources".into(), resources(r));
            }
            kept
        }
        Format::GithubPermissions => {
            let mut out = Map::new();
            for (key, permission) in value.as_object().context("not an object")? {
                let operations: Vec<Value> = permission
                    .get("permissions")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|o| {
                        keep(
                            o,
                            &[
                                "slug",
                                "verb",
                                "requestPath",
                                "access",
                                "additional-permissions",
                            ],
                        )
                    })
                    .collect();
                out.insert(
                    key.clone(),
                    serde_json::json!({ "title": permission.get("title"), "permissions": operations }),
                );
            }
            Value::Object(out)
        }
    })
}

fn prune_openapi(generator: &Generator, value: &Value) -> anyhow::Result<Value> {
    let scheme = generator
        .scheme
        .as_deref()
        .context("an openapi source needs `scheme`")?;
    let mut out = keep(
        value,
        &[
            "openapi", "swagger", "servers", "host", "basePath", "security",
        ],
    );
    let Some(object) = out.as_object_mut() else {
        bail!("not an object");
    };
    let names_only = |definition: &Value| -> Value {
        let mut definition = definition.clone();
        if !generator.descriptions {
            blank_scope_descriptions(&mut definition);
        }
        definition
    };
    if let Some(definition) = value.pointer(&format!("/components/securitySchemes/{scheme}")) {
        object.insert(
            "components".into(),
            serde_json::json!({ "securitySchemes": { scheme: names_only(definition) } }),
        );
    }
    if let Some(definition) = value.pointer(&format!("/securityDefinitions/{scheme}")) {
        object.insert(
            "securityDefinitions".into(),
            serde_json::json!({ scheme: names_only(definition) }),
        );
    }
    let mut paths = Map::new();
    for (path, item) in value
        .get("paths")
        .and_then(Value::as_object)
        .context("no `paths`")?
    {
        let operations: Map<String, Value> = item
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(method, _)| super::formats_methods().contains(&method.as_str()))
            .map(|(method, operation)| {
                (
                    method.clone(),
                    keep(
                        operation,
                        &["operationId", "security", "x-atlassian-oauth2-scopes"],
                    ),
                )
            })
            .collect();
        paths.insert(path.clone(), Value::Object(operations));
    }
    object.insert("paths".into(), Value::Object(paths));
    Ok(out)
}

/// Empties every description in a security scheme's `scopes` maps.
fn blank_scope_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "scopes"
                    && let Value::Object(scopes) = child
                {
                    for description in scopes.values_mut() {
                        *description = Value::String(String::new());
                    }
                } else {
                    blank_scope_descriptions(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(blank_scope_descriptions),
        _ => {}
    }
}
