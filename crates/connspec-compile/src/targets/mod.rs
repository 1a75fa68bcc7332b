//! The targets: each lowers the rendered spec into an [`Output`]. Shared pieces of an action
//! (its URL, headers, query and body in a target's syntax) live here.

mod agent_studio;
mod curl;
mod moveworks_api;
mod setup;

use connspec_model::spec::{Action, Body, InputType};
use connspec_model::yaml::push_pointer;
use serde_json::Value as Json;

use crate::Target;
use crate::context::Context;
use crate::lower::{Place, studio, studio_segment};
use crate::output::{Arg, Output};
use crate::render::{Rendered, Segment};

pub(crate) fn build(context: &Context<'_>, target: Target) -> Output {
    let (sections, notes) = match target {
        Target::AgentStudio => agent_studio::build(context),
        Target::Setup => setup::build(context),
        Target::Curl => curl::build(context),
        Target::MoveworksApi => moveworks_api::build(context),
    };
    Output {
        target,
        spec: context.spec_name.to_owned(),
        instance: context.instance_name.to_owned(),
        connector: context.spec.name.clone(),
        sections,
        notes,
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
            let pretty = serde_json::to_string_pretty(&lowered).unwrap_or_default();
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

/// A JSON value as field text: strings without quotes.
pub(crate) fn json_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
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
