//! Instance values: the instance file's `values`, `--set` overrides and parameter defaults.

use connspec_diagnostics::{Diagnostic, Span};
use connspec_model::spec::ParameterFormat;
use connspec_model::yaml::push_pointer;
use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::codes::{MISSING_INSTANCE_VALUE, UNKNOWN_INSTANCE_VALUE};
use crate::{CompileDiagnostic, InstanceInput, Origin, SpecInput};

/// `--set NAME=VALUE` overrides, in the order given; later ones win.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides(pub IndexMap<String, String>);

/// A `--set` argument without `=`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not NAME=VALUE")]
pub struct BadOverride(pub String);

impl Overrides {
    /// Parses `NAME=VALUE` arguments.
    pub fn parse<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<Self, BadOverride> {
        let mut map = IndexMap::new();
        for arg in args {
            let (name, value) = arg
                .split_once('=')
                .filter(|(name, _)| !name.trim().is_empty())
                .ok_or_else(|| BadOverride(arg.to_owned()))?;
            map.insert(name.trim().to_owned(), value.to_owned());
        }
        Ok(Self(map))
    }
}

/// Resolves every declared parameter's value. Parameters without one get a visible stand-in
/// (`<missing NAME>`) and an error, so rendering still reports every other problem at once.
pub(crate) fn resolve(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    overrides: &Overrides,
) -> (IndexMap<String, Json>, Vec<CompileDiagnostic>) {
    let mut values = IndexMap::new();
    let mut diagnostics = Vec::new();
    let given = &instance.instance.values;
    for (name, parameter) in &spec.spec.instance {
        let value = if let Some(text) = overrides.0.get(name) {
            Some(typed(text, parameter.format))
        } else if let Some(value) = given.get(name) {
            Some(value.0.clone())
        } else {
            parameter.default.as_ref().map(|d| d.0.clone())
        };
        let value = value.unwrap_or_else(|| {
            diagnostics.push(CompileDiagnostic {
                origin: Origin::Instance,
                diagnostic: missing(spec, instance, name),
            });
            Json::String(format!("<missing {name}>"))
        });
        values.insert(name.clone(), value);
    }
    for name in given.keys() {
        if !spec.spec.instance.contains_key(name) {
            let pointer = push_pointer("/values", name);
            let span = instance.document.spans.key_or_value(&pointer);
            diagnostics.push(CompileDiagnostic {
                origin: Origin::Instance,
                diagnostic: unknown(spec, name).with_span(span),
            });
        }
    }
    for name in overrides.0.keys() {
        if !spec.spec.instance.contains_key(name) {
            diagnostics.push(CompileDiagnostic {
                origin: Origin::Instance,
                diagnostic: unknown(spec, name).with_note(format!("given as `--set {name}=…`")),
            });
        }
    }
    (values, diagnostics)
}

fn missing(spec: SpecInput<'_>, instance: InstanceInput<'_>, name: &str) -> Diagnostic {
    let spans = &instance.document.spans;
    let span = spans
        .key("/values")
        .or_else(|| spans.value("/instance_version").map(|s| Span::at(s.start)))
        .unwrap_or_default();
    let example = spec
        .spec
        .instance
        .get(name)
        .and_then(|p| p.example.as_ref())
        .map_or_else(|| "…".to_owned(), |e| e.to_text().into_owned());
    Diagnostic::error(
        &MISSING_INSTANCE_VALUE,
        format!(
            "instance `{}` gives no value for parameter `{name}`",
            instance.file.name()
        ),
    )
    .with_span(span)
    .with_label(format!("`{name}` is missing here"))
    .with_help(format!(
        "add `{name}: {example}` under `values:`, or pass `--set {name}={example}`"
    ))
    .with_note(format!(
        "`{}` declares `{name}` under `instance:`",
        spec.file.name()
    ))
}

fn unknown(spec: SpecInput<'_>, name: &str) -> Diagnostic {
    let declared: Vec<&str> = spec.spec.instance.keys().map(String::as_str).collect();
    let mut diagnostic = Diagnostic::warning(
        &UNKNOWN_INSTANCE_VALUE,
        format!("`{name}` is not a parameter of `{}`", spec.file.name()),
    )
    .with_label("not declared by the spec");
    if let Some(best) = crate::render::did_you_mean(name, &declared) {
        diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
    }
    diagnostic
}

/// A `--set` value as the parameter's type: integers become numbers, the rest stays text.
fn typed(text: &str, format: ParameterFormat) -> Json {
    if format == ParameterFormat::Integer
        && let Ok(number) = text.trim().parse::<i64>()
    {
        return Json::from(number);
    }
    Json::String(text.to_owned())
}
