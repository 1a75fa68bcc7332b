//! The YAML text of a [`Conversion`]: a fragment to paste under `actions:` (or the `secrets`
//! and `auth` keys of a token request), or a whole connector spec around it.

use connspec_catalog::Catalog;
use serde_json::{Map, Value, json};

use crate::convert::{Conversion, ImportedAction, Target, is_valid_action_name, snake_name};
use crate::yaml_text;

/// The YAML of a conversion on its own, as `connspec import curl` prints it without `--full`:
/// the action under an `actions:` key's indentation, or the `secrets` and `auth` keys a token
/// request implies.
pub fn render_fragment(conversion: &Conversion) -> String {
    match &conversion.target {
        Target::Action(action) => {
            let mut out = String::from(
                "# Imported by `connspec import curl`: paste it under `actions:` of a spec, or add \
                 it with `--spec FILE`.\n",
            );
            out.push_str(&render_action(action, 2, 2));
            out
        }
        Target::Auth(auth) => {
            let mut out = String::from(
                "# The connector auth this token request implies (`connspec import curl`):\n\
                 # put these keys into a spec, replacing its `secrets` and `auth`.\n",
            );
            let mut map = Map::new();
            map.insert("secrets".into(), secrets_value(&auth.secrets));
            map.insert("auth".into(), Value::Object(auth.auth.clone()));
            out.push_str(&yaml_text::mapping_lines(&map, 0, 2));
            out
        }
    }
}

/// One action at `indent` spaces, its keys `step` further in.
pub(crate) fn render_action(action: &ImportedAction, indent: usize, step: usize) -> String {
    let mut map = Map::new();
    map.insert(action.name.clone(), Value::Object(action.body.clone()));
    yaml_text::mapping_lines(&map, indent, step)
}

fn secrets_value(secrets: &[(String, String)]) -> Value {
    Value::Array(
        secrets
            .iter()
            .map(|(name, description)| json!({ "name": name, "description": description }))
            .collect(),
    )
}

/// A whole connector spec around the imported action (or auth), as `--full` prints it.
pub fn render_full_spec(conversion: &Conversion) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema={}connector.schema.json\n#\n\
         # Imported from a cURL command by `connspec import curl`; check it with\n\
         # `connspec check`. `connspec init` writes a commented starting point instead.\n",
        connspec_model::schema::SCHEMA_ID_BASE
    );
    let mut spec = Map::new();
    spec.insert("spec_version".into(), 1.into());
    spec.insert("name".into(), connector_name(conversion).into());
    if let Some(provider) = &conversion.provider {
        spec.insert("provider".into(), provider.clone().into());
    }
    if !conversion.connection.parameters.is_empty() {
        let mut instance = Map::new();
        for (name, format, example) in &conversion.connection.parameters {
            let mut parameter = Map::new();
            let description = if *format == "hostname" {
                conversion
                    .provider
                    .as_deref()
                    .and_then(connspec_catalog::catalog)
                    .map_or_else(
                        || "Host of the API, without scheme or path".to_owned(),
                        Catalog::host_description,
                    )
            } else if *format == "url" {
                "The API's URL, with scheme and host".to_owned()
            } else {
                format!("The `{name}` part of the API's URLs")
            };
            parameter.insert("description".into(), description.into());
            parameter.insert("format".into(), (*format).into());
            if let Some(example) = example {
                parameter.insert("example".into(), example.clone().into());
            }
            instance.insert(name.clone(), Value::Object(parameter));
        }
        spec.insert("instance".into(), Value::Object(instance));
    }
    let (auth, actions) = match &conversion.target {
        Target::Auth(auth) => (Some(auth), Map::new()),
        Target::Action(action) => {
            let mut actions = Map::new();
            actions.insert(action.name.clone(), Value::Object(action.body.clone()));
            (action.auth.as_ref(), actions)
        }
    };
    if let Some(auth) = auth
        && !auth.secrets.is_empty()
    {
        spec.insert("secrets".into(), secrets_value(&auth.secrets));
    }
    if let Some(auth) = auth
        && !auth.granted_scopes.is_empty()
    {
        spec.insert("granted_scopes".into(), json!(auth.granted_scopes));
    }
    spec.insert(
        "base_url".into(),
        conversion.connection.base_url.clone().into(),
    );
    let auth_value = auth.map_or_else(
        || json!({ "type": "none" }),
        |auth| Value::Object(auth.auth.clone()),
    );
    // The provider's base URL, endpoints and token request fields may use its own instance
    // parameters (an Entra ID tenant, a Jira site's cloud id, a Zoom account id).
    if let Some(catalog) = conversion
        .provider
        .as_deref()
        .and_then(connspec_catalog::catalog)
    {
        // The auth's URLs and token request fields, and the base URL.
        let referring_text = format!("{auth_value} {}", conversion.connection.base_url);
        for parameter in &catalog.scaffold.parameters {
            let used =
                referring_text.contains(&format!("{{{{ instance.{} }}}}", parameter.parameter));
            let instance = spec
                .entry("instance")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(instance) = instance.as_object_mut()
                && used
                && !instance.contains_key(&parameter.parameter)
            {
                instance.insert(
                    parameter.parameter.clone(),
                    json!({ "description": parameter.description, "example": parameter.example }),
                );
            }
        }
        if spec
            .get("instance")
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty)
        {
            spec.remove("instance");
        }
    }
    spec.insert("auth".into(), auth_value);
    spec.insert("actions".into(), Value::Object(actions));
    out.push_str(&yaml_text::mapping_lines(&spec, 0, 2));
    out
}

/// A connector name for `--full`: the provider's, else the API host's main label.
fn connector_name(conversion: &Conversion) -> String {
    if let Some(provider) = &conversion.provider {
        return connspec_catalog::catalog(provider)
            .and_then(|c| c.scaffold.connector_name.clone())
            .unwrap_or_else(|| format!("{}_connector", snake_name(provider)));
    }
    let host = conversion
        .connection
        .base_url
        .trim_start_matches("https://")
        .to_owned();
    if host.contains("{{") {
        return "my_connector".to_owned();
    }
    let labels: Vec<&str> = host
        .split(':')
        .next()
        .unwrap_or_default()
        .split('.')
        .filter(|l| !matches!(*l, "api" | "www" | "com" | "io" | "net" | "org"))
        .collect();
    let name = snake_name(labels.first().copied().unwrap_or("my_connector"));
    if name.len() >= 2 && is_valid_action_name(&name) {
        name
    } else {
        "my_connector".to_owned()
    }
}
