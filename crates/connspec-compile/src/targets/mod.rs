//! The targets: each lowers the rendered spec into an [`Output`]. Shared pieces of an action
//! (its URL, headers, query and body in a target's syntax) live here.

mod agent_studio;
mod curl;
mod hurl;
mod moveworks_api;
mod postman;
mod setup;

use std::fmt::Write as _;
use std::path::Path;

use connspec_model::spec::{Action, Body, InputType};
use connspec_model::yaml::push_pointer;
use serde_json::Value as Json;

use crate::Target;
use crate::context::Context;
use crate::lower::{Part, Place, shell_word, studio, studio_segment};
use crate::output::{Arg, Output, OutputFile};
use crate::render::{Rendered, Segment};

pub(crate) fn build(context: &Context<'_>, target: Target) -> Output {
    let none = |(sections, notes)| (sections, notes, Vec::new());
    let (sections, notes, files): (_, _, Vec<OutputFile>) = match target {
        Target::AgentStudio => none(agent_studio::build(context)),
        Target::Setup => none(setup::build(context)),
        Target::Curl => none(curl::build(context)),
        Target::MoveworksApi => none(moveworks_api::build(context)),
        Target::Postman => postman::build(context),
        Target::Hurl => hurl::build(context),
    };
    Output {
        target,
        spec: context.spec_name.to_owned(),
        instance: context.instance_name.to_owned(),
        connector: context.spec.name.clone(),
        sections,
        notes,
        files,
    }
}

/// The pointer of an action in the spec.
pub(crate) fn action_pointer(name: &str) -> String {
    push_pointer("/actions", name)
}

/// An action's rendered query parameters, in order.
pub(crate) fn query<'c>(
    context: &'c Context<'_>,
    name: &str,
    action: &Action,
) -> Vec<(String, &'c Rendered)> {
    let base = format!("{}/query", action_pointer(name));
    action
        .query
        .keys()
        .map(|key| (key.clone(), context.field(&push_pointer(&base, key))))
        .collect()
}

/// An action's rendered headers, in order, plus `Content-Type: application/json` for a JSON
/// body that does not set one.
pub(crate) fn headers(
    context: &Context<'_>,
    name: &str,
    action: &Action,
) -> Vec<(String, Rendered)> {
    let base = format!("{}/headers", action_pointer(name));
    let mut headers: Vec<(String, Rendered)> = action
        .headers
        .keys()
        .map(|key| {
            (
                key.clone(),
                context.field(&push_pointer(&base, key)).clone(),
            )
        })
        .collect();
    let json_body = matches!(action.body, Some(Body::Json(_)));
    if json_body
        && !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        headers.push((
            "Content-Type".to_owned(),
            Rendered::text("application/json"),
        ));
    }
    headers
}

/// How a JSON body leaf that is exactly one placeholder is written.
pub(crate) enum Leaf {
    /// As a JSON string.
    Quoted(String),
    /// As raw text (a Moveworks variable standing for a number, an object...).
    Raw(String),
    /// As a JSON value.
    Value(Json),
}

/// Marks raw text inside a serialized JSON string so the quotes around it can be removed.
const RAW: char = '\u{E002}';

/// The action's body as text: a text body lowered with `text`, a JSON body pretty-printed with
/// each string leaf lowered by `leaf`.
pub(crate) fn body(
    context: &Context<'_>,
    name: &str,
    action: &Action,
    text: &dyn Fn(&Rendered) -> String,
    leaf: &dyn Fn(&Rendered, Option<InputType>) -> Leaf,
) -> Option<String> {
    let base = format!("{}/body", action_pointer(name));
    match action.body.as_ref()? {
        Body::Text(_) => Some(text(context.field(&base))),
        Body::Json(json) => {
            let lowered = lower_json(context, &base, &json.0, action, leaf);
            let pretty = connspec_diagnostics::pretty::to_string(&lowered);
            Some(
                pretty
                    .replace(&format!("\"{RAW}"), "")
                    .replace(&format!("{RAW}\""), ""),
            )
        }
    }
}

fn lower_json(
    context: &Context<'_>,
    pointer: &str,
    value: &Json,
    action: &Action,
    leaf: &dyn Fn(&Rendered, Option<InputType>) -> Leaf,
) -> Json {
    match value {
        Json::String(_) => {
            let rendered = context.field(pointer);
            let kind = match rendered.single() {
                Some(Segment::Input(input)) => action.inputs.get(input).map(|i| i.kind),
                _ => None,
            };
            match leaf(rendered, kind) {
                Leaf::Quoted(text) => Json::String(text),
                Leaf::Raw(text) => Json::String(format!("{RAW}{text}{RAW}")),
                Leaf::Value(value) => value,
            }
        }
        Json::Array(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    lower_json(
                        context,
                        &push_pointer(pointer, &i.to_string()),
                        item,
                        action,
                        leaf,
                    )
                })
                .collect(),
        ),
        Json::Object(map) => Json::Object(
            map.iter()
                .map(|(k, item)| {
                    (
                        k.clone(),
                        lower_json(context, &push_pointer(pointer, k), item, action, leaf),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A JSON body leaf in Moveworks syntax: a lone non-string input is written bare
/// (`"id": {{id}}`), so the number or object it stands for is not quoted.
pub(crate) fn studio_leaf(rendered: &Rendered, kind: Option<InputType>) -> Leaf {
    match (rendered.single(), kind) {
        (Some(segment @ Segment::Input(_)), Some(kind)) if kind != InputType::String => {
            Leaf::Raw(studio_segment(segment, Place::Other))
        }
        _ => Leaf::Quoted(studio(rendered, Place::Other)),
    }
}

/// An input's type as Agent Studio names it.
pub(crate) fn input_type(kind: InputType) -> &'static str {
    match kind {
        InputType::String => "string",
        InputType::Integer => "integer",
        InputType::Number => "number",
        InputType::Boolean => "boolean",
        InputType::Object => "object",
        InputType::Array => "array",
    }
}

/// A JSON value as field text: strings without quotes (the semantic layer judges the same
/// text for template syntax).
pub(crate) fn json_text(value: &Json) -> String {
    connspec_semantic::render::printed_text(value)
}

/// The action's input arguments.
pub(crate) fn args(action: &Action) -> Vec<Arg> {
    action
        .inputs
        .iter()
        .map(|(name, input)| Arg {
            name: name.clone(),
            kind: input_type(input.kind).to_owned(),
            description: input.description.clone(),
            example: input.example.as_ref().map(json_text),
            required: input.required,
        })
        .collect()
}

/// A path from the instance file, relative to the folder the user named the instance in.
pub(crate) fn relative_to_instance(context: &Context<'_>, path: &str) -> String {
    let dir = Path::new(context.instance_name)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    dir.join(path).display().to_string()
}

/// The shell expansion that reads a secret where the instance file says it lives:
/// `$VAR` for `env:`/`dotenv:`, `$(cat 'path')` for `file:`, else `$NAME`.
pub(crate) fn secret_expansion(context: &Context<'_>, name: &str) -> String {
    let source = context.instance.secrets.get(name).map(|s| s.0.as_str());
    match source.and_then(|s| s.split_once(':')) {
        Some(("env" | "dotenv", var)) if is_variable_name(var) => format!("${var}"),
        Some(("file", path)) => format!(
            "$(cat {})",
            shell_word(&[Part::Literal(relative_to_instance(context, path))])
        ),
        _ => format!("${name}"),
    }
}

/// Whether `name` can be a shell (and Hurl) variable name.
pub(crate) fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Lowers a rendered field into `{{variable}}` syntax (Postman, Hurl): literal text through
/// `encode`, a secret as the variable named like it, an input as its example (through
/// `encode`; `{{name}}` without one), `meta_info` through `meta`.
pub(crate) fn with_variables(
    rendered: &Rendered,
    action: Option<&Action>,
    encode: &dyn Fn(&str) -> String,
    meta: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    for segment in &rendered.segments {
        match segment {
            Segment::Text(text) => out.push_str(&encode(text)),
            Segment::Secret(name) => {
                let _ = write!(out, "{{{{{name}}}}}");
            }
            Segment::Input(name) => match example(action, name) {
                Some(example) => out.push_str(&encode(&json_text(example))),
                None => {
                    let _ = write!(out, "{{{{{name}}}}}");
                }
            },
            Segment::Meta(path) => out.push_str(&meta(path)),
        }
    }
    out
}

/// An input's example value.
pub(crate) fn example<'a>(action: Option<&'a Action>, input: &str) -> Option<&'a Json> {
    action
        .and_then(|a| a.inputs.get(input))
        .and_then(|i| i.example.as_ref())
}

/// The inputs of `action` that have no example, in order: the targets that run requests
/// leave them as variables for the user to set.
pub(crate) fn inputs_without_example(action: &Action) -> impl Iterator<Item = &str> {
    action
        .inputs
        .iter()
        .filter(|(_, i)| i.example.is_none())
        .map(|(n, _)| n.as_str())
}

/// Why an access token must be supplied by hand for auths a request cannot fetch one for; `None`
/// for the auths a token request (or no token) serves.
pub(crate) fn token_supplied_why(auth: &connspec_model::spec::Auth) -> Option<&'static str> {
    use connspec_model::spec::{Auth, OAuth2};
    match auth {
        Auth::Oauth2(OAuth2::AuthorizationCode(_)) => {
            Some("The authorization code grant needs a user's consent in a browser")
        }
        Auth::Oauth2(OAuth2::SamlBearer(_)) => {
            Some("The SAML bearer grant needs a user's SAML assertion")
        }
        Auth::Jwt(_) => {
            Some("JWT auth signs a JWT with a private key, which a request file cannot do")
        }
        Auth::Jwks(_) => Some("JWKS auth: Moveworks signs the JWT with keys it holds"),
        _ => None,
    }
}

/// The spec's secrets that `text` uses as `{{NAME}}`, in the spec's order.
pub(crate) fn secrets_used<'s>(context: &'s Context<'_>, text: &str) -> Vec<&'s str> {
    context
        .spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .filter(|name| text.contains(&format!("{{{{{name}}}}}")))
        .collect()
}
