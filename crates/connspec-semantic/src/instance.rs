//! Instance values: an instance file (and `--set` overrides) checked against its spec, and the
//! value of every declared parameter resolved.
//!
//! `connspec check --instance`, `compile` and `test` all take values from [`resolve_values`], so
//! a value that one of them refuses, they all refuse, with the same code at the same place.

use connspec_diagnostics::{Diagnostic, Span};
use connspec_model::spec::ParameterFormat;
use connspec_model::yaml::push_pointer;
use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::codes::{
    INVALID_INSTANCE_VALUE, MISSING_INSTANCE_VALUE, MISSING_SECRET_SOURCE, UNKNOWN_INSTANCE_VALUE,
};
use crate::host::{is_loopback, strip_port};
use crate::policy::Trust;
use crate::{InstanceInput, Located, Origin, SpecInput, did_you_mean};

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

/// Checks the instance file (and `overrides`) against the spec and resolves every declared
/// parameter's value: `--set`, then the file's `values`, then the parameter's `default`.
/// Parameters without one get a visible stand-in (`<missing NAME>`) and an error, so rendering
/// still reports every other problem at once.
pub fn resolve_values(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    overrides: &Overrides,
    trust: &Trust,
) -> (IndexMap<String, Json>, Vec<Located>) {
    let mut values = IndexMap::new();
    let mut out = Vec::new();
    let mut report = |diagnostic: Diagnostic| {
        out.push(Located {
            origin: Origin::Instance,
            diagnostic,
        });
    };
    let spans = &instance.document.spans;
    let connector = &spec.spec.name;
    let given = &instance.instance.values;
    let values_span = spans.key_or_value("/values");
    let anchor = if instance.document.value.get("values").is_some() {
        values_span
    } else {
        spans
            .value("/instance_version")
            .map_or(Span::at(0), |s| Span::at(s.start))
    };
    let catalog = connspec_catalog::catalog_of_spec(
        spec.spec.provider.as_deref(),
        spec.spec.base_url.as_str(),
    );
    let declared: Vec<&str> = spec.spec.instance.keys().map(String::as_str).collect();
    for (name, parameter) in &spec.spec.instance {
        let pointer = push_pointer("/values", name);
        let (value, given_as) = if let Some(text) = overrides.0.get(name) {
            (Some(typed(text, parameter.format)), Given::Override)
        } else if let Some(value) = given.get(name) {
            (Some(value.0.clone()), Given::File)
        } else {
            (
                parameter.default.as_ref().map(|d| d.0.clone()),
                Given::Default,
            )
        };
        let Some(value) = value else {
            report(
                Diagnostic::error(
                    &MISSING_INSTANCE_VALUE,
                    format!("no value for `{name}`, which connector `{connector}` requires"),
                )
                .with_span(anchor)
                .with_label("missing here")
                .with_help(match &parameter.example {
                    Some(example) => format!("add `{name}: {}` under `values`", example.to_text()),
                    None => format!("add `{name}` under `values`"),
                }),
            );
            values.insert(name.clone(), Json::String(format!("<missing {name}>")));
            continue;
        };
        if given_as != Given::Default
            && let Some(problem) = format_problem(
                name,
                &value,
                parameter.format,
                Loopback {
                    sandbox: instance.instance.sandbox,
                    trust,
                },
                catalog,
            )
        {
            let mut diagnostic = Diagnostic::error(&INVALID_INSTANCE_VALUE, problem)
                .with_label(format!("for connector `{connector}`"));
            diagnostic = match given_as {
                Given::Override => diagnostic
                    .with_span(anchor)
                    .with_note(format!("given as `--set {name}=…`")),
                _ => diagnostic.with_span(spans.value(&pointer).unwrap_or(values_span)),
            };
            report(diagnostic);
        }
        values.insert(name.clone(), value);
    }
    for name in given.keys() {
        if !spec.spec.instance.contains_key(name) {
            let pointer = push_pointer("/values", name);
            report(unknown(connector, name, &declared).with_span(spans.key_or_value(&pointer)));
        }
    }
    for name in overrides.0.keys() {
        if !spec.spec.instance.contains_key(name) {
            report(
                unknown(connector, name, &declared)
                    .with_span(anchor)
                    .with_note(format!("given as `--set {name}=…`")),
            );
        }
    }
    secret_sources(spec, instance, &mut report);
    (values, out)
}

/// Where a parameter's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Given {
    Override,
    File,
    Default,
}

fn unknown(connector: &str, name: &str, declared: &[&str]) -> Diagnostic {
    let mut diagnostic = Diagnostic::warning(
        &UNKNOWN_INSTANCE_VALUE,
        format!("connector `{connector}` declares no instance parameter `{name}`"),
    )
    .with_label("not declared");
    if let Some(suggestion) = did_you_mean(name, declared.iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}

/// Every declared secret needs a source; a source for an undeclared secret is likely a typo.
fn secret_sources(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    report: &mut impl FnMut(Diagnostic),
) {
    let spans = &instance.document.spans;
    let connector = &spec.spec.name;
    let secret_names: Vec<&str> = spec
        .spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .collect();
    for name in &secret_names {
        if !instance.instance.secrets.contains_key(*name) {
            // A warning: compiled settings need no secret values, and a live run that needs
            // one refuses on its own (T109).
            report(
                Diagnostic::warning(
                    &MISSING_SECRET_SOURCE,
                    format!("no source for secret `{name}` of connector `{connector}`"),
                )
                .with_span(spans.key_or_value("/secrets"))
                .with_label("missing here")
                .with_help(format!("add `{name}: env:{name}` under `secrets`")),
            );
        }
    }
    for name in instance.instance.secrets.keys() {
        if !secret_names.contains(&name.as_str()) {
            let pointer = push_pointer("/secrets", name);
            let mut diagnostic = Diagnostic::warning(
                &MISSING_SECRET_SOURCE,
                format!("connector `{connector}` declares no secret `{name}`"),
            )
            .with_span(spans.key_or_value(&pointer))
            .with_label("not declared");
            if let Some(suggestion) = did_you_mean(name, secret_names.iter().copied()) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            report(diagnostic);
        }
    }
}

/// What is wrong with a value for a parameter of `format`.
fn format_problem(
    name: &str,
    value: &Json,
    format: ParameterFormat,
    loopback: Loopback<'_>,
    catalog: Option<&connspec_catalog::Catalog>,
) -> Option<String> {
    let text = match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    };
    match format {
        ParameterFormat::Hostname => hostname_problem(&text, loopback)
            .or_else(|| catalog.and_then(|c| c.host_problem(&text))),
        ParameterFormat::Url => url_problem(name, &text, loopback),
        ParameterFormat::Integer => (!value.is_i64() && text.parse::<i64>().is_err())
            .then(|| format!("`{name}` must be an integer")),
        ParameterFormat::String => None,
    }
}

/// What is wrong with a `hostname` value: a scheme, a path, spaces, or loopback outside a
/// sandbox instance.
fn hostname_problem(text: &str, loopback: Loopback<'_>) -> Option<String> {
    if text.contains("://") {
        return Some(format!("`{text}` is a URL; give the host name only"));
    }
    if text.contains('/') || text.contains(char::is_whitespace) || text.is_empty() {
        return Some(format!("`{text}` is not a host name"));
    }
    let host = strip_port(text);
    if !loopback.allowed(host) {
        return Some(format!(
            "`{text}` is the loopback interface; only an instance with `sandbox: true` may use it"
        ));
    }
    None
}

/// What is wrong with a `url` value: not absolute, not HTTPS (outside a sandbox's loopback),
/// or loopback outside a sandbox instance.
fn url_problem(name: &str, text: &str, loopback: Loopback<'_>) -> Option<String> {
    let Some((scheme, rest)) = text.split_once("://") else {
        return Some(format!("`{name}` must be an absolute URL"));
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = strip_port(host_port);
    if host.is_empty() {
        return Some(format!("`{name}` must be an absolute URL with a host"));
    }
    if !loopback.allowed(host) {
        return Some(format!(
            "`{text}` is the loopback interface; only an instance with `sandbox: true` (or \
             `--allow-host`) may use it"
        ));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => None,
        "http" if is_loopback(host) => None,
        "http" => Some(format!(
            "`{name}` must use HTTPS: credentials and data would cross the network in clear"
        )),
        _ => Some(format!("`{name}` must be an `https://` URL")),
    }
}

/// Who may point a value at the loopback interface: a sandbox instance, or `--allow-host`.
#[derive(Debug, Clone, Copy)]
struct Loopback<'a> {
    sandbox: bool,
    trust: &'a Trust,
}

impl Loopback<'_> {
    /// Whether `host` is allowed as far as loopback goes (any other host is).
    fn allowed(self, host: &str) -> bool {
        !is_loopback(host) || self.sandbox || self.trust.allows(&host.to_ascii_lowercase())
    }
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
