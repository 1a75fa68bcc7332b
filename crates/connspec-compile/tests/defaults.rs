//! Default parity: for every default the connector schema states, a spec that omits the key
//! compiles to exactly what a spec that writes the default compiles to, on every target. A
//! default that printed differently from writing it would tell the admin one thing and the
//! schema another (DESIGN §8: one resolved model).

use std::collections::BTreeSet;

use connspec_compile::{Format, InstanceInput, Overrides, SpecInput, Target, compile, output};
use connspec_diagnostics::SourceFile;
use connspec_model::schema::{SchemaKind, schema_value};
use connspec_model::{CheckOptions, DocumentKind, check_source};
use serde_json::Value;

/// Specs that together reach every object of the schema that holds a default.
const BASES: &[&str] = &[
    r#"{"spec_version": 1, "name": "plain", "base_url": "https://api.example.com",
        "instance": {"region": {"example": "eu"}},
        "auth": {"type": "none"},
        "actions": {"get_item": {"method": "GET", "path": "/items/{{ inputs.id }}",
            "query": {"region": "{{ instance.region }}"},
            "inputs": {"id": {"example": "7"}}}}}"#,
    r#"{"spec_version": 1, "name": "basic", "base_url": "https://api.example.com",
        "secrets": ["USER", "PASSWORD"],
        "auth": {"type": "basic", "username": "{{ secrets.USER }}", "password": "{{ secrets.PASSWORD }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "key_authorization", "base_url": "https://api.example.com",
        "secrets": ["KEY"],
        "auth": {"type": "api_key", "key": "{{ secrets.KEY }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "key_custom_header", "base_url": "https://api.example.com",
        "secrets": ["KEY"],
        "auth": {"type": "api_key", "header_name": "DD-API-KEY", "key": "{{ secrets.KEY }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "client_credentials", "base_url": "https://api.example.com",
        "secrets": ["ID", "SECRET"],
        "auth": {"type": "oauth2", "grant_type": "client_credentials",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}", "client_secret": "{{ secrets.SECRET }}",
            "scopes": ["read"], "token_response_keys": {}, "token_header": {}},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "custom_token_header", "base_url": "https://api.example.com",
        "secrets": ["ID", "SECRET"],
        "auth": {"type": "oauth2", "grant_type": "client_credentials",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}", "client_secret": "{{ secrets.SECRET }}",
            "token_header": {"key": "X-Access-Token"}},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "authorization_code", "base_url": "https://api.example.com",
        "secrets": ["ID", "SECRET"],
        "auth": {"type": "oauth2", "grant_type": "authorization_code",
            "authorization_url": "https://api.example.com/oauth/authorize",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}", "client_secret": "{{ secrets.SECRET }}",
            "scopes": ["read", "offline_access"]},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "password", "base_url": "https://api.example.com",
        "secrets": ["ID", "SECRET", "USER", "PASSWORD"],
        "auth": {"type": "oauth2", "grant_type": "password",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}", "client_secret": "{{ secrets.SECRET }}",
            "username": "{{ secrets.USER }}", "password": "{{ secrets.PASSWORD }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "refresh", "base_url": "https://api.example.com",
        "secrets": ["ID", "SECRET", "REFRESH"],
        "auth": {"type": "oauth2", "grant_type": "refresh_token",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}", "client_secret": "{{ secrets.SECRET }}",
            "refresh_token": "{{ secrets.REFRESH }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "saml", "base_url": "https://api.example.com",
        "secrets": ["ID", "KEY"],
        "auth": {"type": "oauth2", "grant_type": "saml_bearer",
            "token_url": "https://api.example.com/oauth/token",
            "client_id": "{{ secrets.ID }}",
            "idp_url": "https://idp.example.com/sso/saml",
            "moveworks_signing_private_key": "{{ secrets.KEY }}"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "jwt", "base_url": "https://api.example.com",
        "secrets": ["KEY"],
        "auth": {"type": "jwt", "private_key": "{{ secrets.KEY }}",
            "token_url": "https://api.example.com/oauth/token"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
    r#"{"spec_version": 1, "name": "jwks", "base_url": "https://api.example.com",
        "auth": {"type": "jwks", "token_url": "https://api.example.com/oauth/token"},
        "actions": {"list": {"method": "GET", "path": "/items"}}}"#,
];

const INSTANCE: &str = r#"{"instance_version": 1, "values": {"region": "eu"}}"#;

/// Defaults the schema states in prose because they depend on another key: (base spec name,
/// parent pointer, key, value absence means).
const PROSE_DEFAULTS: &[(&str, &str, &str, &str)] = &[
    ("key_authorization", "/auth", "header_name", "Authorization"),
    ("key_authorization", "/auth", "value_pattern", "Bearer %s"),
    ("key_custom_header", "/auth", "value_pattern", "%s"),
    (
        "client_credentials",
        "/auth/token_header",
        "value_pattern",
        "Bearer %s",
    ),
    (
        "custom_token_header",
        "/auth/token_header",
        "value_pattern",
        "%s",
    ),
];

/// One default: where it applies and its value.
#[derive(Debug, Clone)]
struct Site {
    parent: String,
    key: String,
    value: Value,
    /// The schema location that states it (for coverage).
    origin: String,
}

#[test]
fn every_schema_default_prints_the_same_as_writing_it() {
    let schema = schema_value(SchemaKind::Connector);
    let stated = stated_defaults(&schema);
    assert!(stated.len() >= 10, "{stated:?}");
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    let mut compared = 0;
    for base in BASES {
        let spec: Value = serde_json::from_str(base).expect("base spec");
        let name = spec["name"].as_str().expect("name").to_owned();
        let mut sites = Vec::new();
        collect_sites(&schema, &schema, &spec, "", "", &mut sites);
        for &(of, parent, key, value) in PROSE_DEFAULTS {
            if of == name {
                sites.push(Site {
                    parent: parent.to_owned(),
                    key: key.to_owned(),
                    value: Value::String(value.to_owned()),
                    origin: format!("prose:{of}{parent}/{key}"),
                });
            }
        }
        for site in sites {
            covered.insert(site.origin.clone());
            let omitted = with_key(&spec, &site, None);
            let written = with_key(&spec, &site, Some(site.value.clone()));
            let (a, b) = (compile_all(&omitted), compile_all(&written));
            compared += 1;
            if a != b {
                failures.push(format!(
                    "{name}: `{}/{}` omitted and written as {} compile differently:\n{}",
                    site.parent,
                    site.key,
                    site.value,
                    first_difference(&a, &b)
                ));
            }
        }
    }
    let uncovered: Vec<&String> = stated.iter().filter(|o| !covered.contains(*o)).collect();
    assert!(
        uncovered.is_empty(),
        "schema defaults no base spec reaches (add a base): {uncovered:#?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} defaults differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every `properties.KEY.default` of the schema, by schema location.
fn stated_defaults(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![(String::new(), schema)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (key, property) in properties {
                        if property.get("default").is_some() {
                            out.insert(format!("{path}/properties/{key}"));
                        }
                    }
                }
                for (key, child) in map {
                    stack.push((format!("{path}/{key}"), child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    stack.push((format!("{path}/{index}"), child));
                }
            }
            _ => {}
        }
    }
    out
}

/// Walks `value` with the schema node `node` (at schema location `at`), collecting the
/// defaults of every object it reaches.
fn collect_sites(
    root: &Value,
    node: &Value,
    value: &Value,
    at: &str,
    pointer: &str,
    out: &mut Vec<Site>,
) {
    let (node, at) = resolve(root, node, value, at);
    let Value::Object(object) = value else {
        if let (Value::Array(items), Some(item)) = (value, node.get("items")) {
            for (index, child) in items.iter().enumerate() {
                collect_sites(
                    root,
                    item,
                    child,
                    &format!("{at}/items"),
                    &format!("{pointer}/{index}"),
                    out,
                );
            }
        }
        return;
    };
    if let Some(Value::Object(properties)) = node.get("properties") {
        for (key, property) in properties {
            if let Some(default) = property.get("default") {
                out.push(Site {
                    parent: pointer.to_owned(),
                    key: key.clone(),
                    value: default.clone(),
                    origin: format!("{at}/properties/{key}"),
                });
            }
            if let Some(child) = object.get(key) {
                collect_sites(
                    root,
                    property,
                    child,
                    &format!("{at}/properties/{key}"),
                    &format!("{pointer}/{key}"),
                    out,
                );
            }
        }
    }
    if let Some(additional @ Value::Object(_)) = node.get("additionalProperties") {
        for (key, child) in object {
            collect_sites(
                root,
                additional,
                child,
                &format!("{at}/additionalProperties"),
                &format!("{pointer}/{key}"),
                out,
            );
        }
    }
}

/// Follows `$ref`s and picks the `oneOf`/`anyOf` branch whose tag constants `value` matches.
fn resolve<'s>(
    root: &'s Value,
    mut node: &'s Value,
    value: &Value,
    at: &str,
) -> (&'s Value, String) {
    let mut at = at.to_owned();
    for _ in 0..16 {
        if let Some(Value::String(reference)) = node.get("$ref") {
            let pointer = reference.trim_start_matches('#');
            node = root.pointer(pointer).expect("schema $ref");
            pointer.clone_into(&mut at);
            continue;
        }
        let branches = node
            .get("oneOf")
            .or_else(|| node.get("anyOf"))
            .and_then(Value::as_array);
        if let Some(branches) = branches {
            let Some((index, branch)) = branches
                .iter()
                .enumerate()
                .find(|(_, b)| tags_match(root, b, value))
            else {
                break;
            };
            let key = if node.get("oneOf").is_some() {
                "oneOf"
            } else {
                "anyOf"
            };
            at = format!("{at}/{key}/{index}");
            node = branch;
            continue;
        }
        break;
    }
    (node, at)
}

/// Whether every `const` property of `branch` (after `$ref`) equals `value`'s, and the
/// branch is an object schema when `value` is an object.
fn tags_match(root: &Value, branch: &Value, value: &Value) -> bool {
    let branch = match branch.get("$ref").and_then(Value::as_str) {
        Some(reference) => root
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or(branch),
        None => branch,
    };
    let own = match branch.get("properties") {
        Some(Value::Object(properties)) => properties.iter().all(|(key, property)| match property
            .get("const")
        {
            Some(constant) => value.get(key) == Some(constant),
            None => true,
        }),
        _ => branch.get("oneOf").is_some() || !value.is_object(),
    };
    own && branch
        .get("oneOf")
        .and_then(Value::as_array)
        .is_none_or(|branches| branches.iter().any(|b| tags_match(root, b, value)))
}

/// `spec` with `site`'s key removed (`None`) or set to `value`.
fn with_key(spec: &Value, site: &Site, value: Option<Value>) -> Value {
    let mut spec = spec.clone();
    let parent = if site.parent.is_empty() {
        Some(&mut spec)
    } else {
        spec.pointer_mut(&site.parent)
    };
    if let Some(Value::Object(map)) = parent {
        match value {
            Some(value) => {
                map.insert(site.key.clone(), value);
            }
            None => {
                map.remove(&site.key);
            }
        }
    }
    spec
}

/// Every target's output for `spec` (JSON text is YAML), rendered as JSON.
fn compile_all(spec: &Value) -> String {
    let spec_text = serde_json::to_string_pretty(spec).expect("json");
    let spec_file = SourceFile::new("spec.yaml", spec_text);
    let instance_file = SourceFile::new("instance.yaml", INSTANCE);
    let options = |kind| CheckOptions {
        kind: Some(kind),
        ..CheckOptions::default()
    };
    let spec_checked = check_source(&spec_file, &options(DocumentKind::Connector));
    assert!(
        !spec_checked.has_errors(),
        "{spec}: {:?}",
        spec_checked.diagnostics
    );
    let instance_checked = check_source(&instance_file, &options(DocumentKind::Instance));
    assert!(
        !instance_checked.has_errors(),
        "{:?}",
        instance_checked.diagnostics
    );
    let compiled = compile(
        SpecInput {
            file: &spec_file,
            document: spec_checked.document.as_ref().expect("document"),
            spec: spec_checked.spec.as_ref().expect("spec"),
        },
        InstanceInput {
            file: &instance_file,
            document: instance_checked.document.as_ref().expect("document"),
            instance: instance_checked.instance.as_ref().expect("instance"),
        },
        &Target::ALL,
        &Overrides::default(),
    );
    let diagnostics: Vec<String> = compiled
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.diagnostic.code.code, d.diagnostic.message))
        .collect();
    format!(
        "{}\n{}",
        output::render(Format::Json, &compiled.outputs),
        diagnostics.join("\n")
    )
}

fn first_difference(a: &str, b: &str) -> String {
    a.lines().zip(b.lines()).find(|(x, y)| x != y).map_or_else(
        || "(one output is longer)".to_owned(),
        |(x, y)| format!("  omitted: {x}\n  written: {y}"),
    )
}
