//! Checks a spec against an instance file: missing and unknown values, value formats, secret
//! sources, and the provider's host patterns. Findings point into the instance file and name
//! the connector.

use connspec_diagnostics::{Code, Diagnostic, Family, SourceFile, Span};
use connspec_model::instance::InstanceFile;
use connspec_model::spec::{ConnectorSpec, ParameterFormat};
use connspec_model::yaml::{Document, push_pointer};

use crate::rules::helpers::did_you_mean;

pub(crate) static MISSING_INSTANCE_VALUE: Code = Code {
    code: "T010",
    name: "missing-instance-value",
    family: Family::Template,
    summary: "an instance file gives no value for a required instance parameter",
    explanation: r#"## What it does
With `connspec check --instance FILE`, reports an instance parameter of the spec that has no
default and no value in the instance file.

## Why is this bad?
Rendering is strict: compile and live tests fail for this instance.

## Example
```yaml
# spec: instance: { domain: { format: hostname } }
instance_version: 1
values: {}
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub(crate) static UNKNOWN_INSTANCE_VALUE: Code = Code {
    code: "T011",
    name: "unknown-instance-value",
    family: Family::Template,
    summary: "an instance file gives a value the spec does not declare",
    explanation: r#"## What it does
With `connspec check --instance FILE`, reports a value for a parameter the spec does not
declare, suggesting the closest declared one.

## Why is this bad?
It is usually a misspelt parameter, so the intended one is missing; or it is left over from an
older spec.

## Example
```yaml
instance_version: 1
values:
  domian: acme-test.coupahost.com
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub(crate) static INVALID_INSTANCE_VALUE: Code = Code {
    code: "T012",
    name: "invalid-instance-value",
    family: Family::Template,
    summary: "an instance value does not have the parameter's format",
    explanation: r#"## What it does
With `connspec check --instance FILE`, reports a value that does not match its parameter's
`format`: a `hostname` with a scheme or a path, a `url` that is not absolute, an `integer` that
is not one; and, for a provider with a catalogue, a host that is not one of its instances.
Loopback hosts are allowed only in an instance marked `sandbox: true`.

## Why is this bad?
`https://{{ instance.domain }}` with `domain: https://acme.coupahost.com/` renders
`https://https://acme.coupahost.com/`.

## Example
```yaml
instance_version: 1
values:
  domain: https://acme-test.coupahost.com/
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub(crate) static MISSING_SECRET_SOURCE: Code = Code {
    code: "T013",
    name: "missing-secret-source",
    family: Family::Template,
    summary: "an instance file does not say where a declared secret comes from",
    explanation: r#"## What it does
With `connspec check --instance FILE`, reports a secret the spec declares that the instance's
`secrets` does not map to a source, and sources for secrets the spec does not declare.

## Why is this bad?
A live test cannot obtain the value, and an unknown source is usually a misspelt name.

## Example
```yaml
instance_version: 1
values: { domain: acme-test.coupahost.com }
secrets:
  COUPA_CLIENT_ID: env:COUPA_CLIENT_ID
```

## Use instead
```yaml
instance_version: 1
values: { domain: acme-test.coupahost.com }
secrets:
  COUPA_CLIENT_ID: env:COUPA_CLIENT_ID
  COUPA_CLIENT_SECRET: env:COUPA_CLIENT_SECRET
```
"#,
};

pub(crate) static CODES: &[&Code] = &[
    &MISSING_INSTANCE_VALUE,
    &UNKNOWN_INSTANCE_VALUE,
    &INVALID_INSTANCE_VALUE,
    &MISSING_SECRET_SOURCE,
];

/// A loaded, schema-valid instance file.
#[derive(Debug, Clone, Copy)]
pub struct InstanceInput<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub instance: &'a InstanceFile,
}

/// Checks `spec` against one instance file; diagnostics point into the instance file.
pub fn check_instance(spec: &ConnectorSpec, input: InstanceInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let spans = &input.document.spans;
    let connector = &spec.name;
    let values_span = spans.key_or_value("/values");
    let anchor = if input.document.value.get("values").is_some() {
        values_span
    } else {
        Span::at(0)
    };
    for (name, parameter) in &spec.instance {
        if parameter.default.is_none() && !input.instance.values.contains_key(name) {
            out.push(
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
        }
    }
    let declared: Vec<&str> = spec.instance.keys().map(String::as_str).collect();
    let catalog = spec.provider.as_deref().and_then(connspec_catalog::catalog);
    for (name, value) in &input.instance.values {
        let pointer = push_pointer("/values", name);
        let Some(parameter) = spec.instance.get(name) else {
            let mut diagnostic = Diagnostic::warning(
                &UNKNOWN_INSTANCE_VALUE,
                format!("connector `{connector}` declares no instance parameter `{name}`"),
            )
            .with_span(spans.key_or_value(&pointer))
            .with_label("not declared");
            if let Some(suggestion) = did_you_mean(name, declared.iter().copied()) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            out.push(diagnostic);
            continue;
        };
        let text = value.to_text();
        let problem = match parameter.format {
            ParameterFormat::Hostname => {
                hostname_problem(&text, input.instance.sandbox).or_else(|| {
                    catalog.and_then(|c| crate::rules::helpers::url::host_problem(c, &text))
                })
            }
            ParameterFormat::Url => (!(text.starts_with("https://")
                || text.starts_with("http://")))
            .then(|| format!("`{name}` must be an absolute URL")),
            ParameterFormat::Integer => (!value.0.is_i64() && text.parse::<i64>().is_err())
                .then(|| format!("`{name}` must be an integer")),
            ParameterFormat::String => None,
        };
        if let Some(problem) = problem {
            out.push(
                Diagnostic::error(&INVALID_INSTANCE_VALUE, problem)
                    .with_span(spans.value(&pointer).unwrap_or(values_span))
                    .with_label(format!("for connector `{connector}`")),
            );
        }
    }
    let secret_names: Vec<&str> = spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .collect();
    for name in &secret_names {
        if !input.instance.secrets.contains_key(*name) {
            out.push(
                Diagnostic::error(
                    &MISSING_SECRET_SOURCE,
                    format!("no source for secret `{name}` of connector `{connector}`"),
                )
                .with_span(spans.key_or_value("/secrets"))
                .with_label("missing here")
                .with_help(format!("add `{name}: env:{name}` under `secrets`")),
            );
        }
    }
    for name in input.instance.secrets.keys() {
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
            out.push(diagnostic);
        }
    }
    out
}

/// What is wrong with a `hostname` value: a scheme, a path, spaces, or loopback outside a
/// sandbox instance.
fn hostname_problem(text: &str, sandbox: bool) -> Option<String> {
    if text.contains("://") {
        return Some(format!("`{text}` is a URL; give the host name only"));
    }
    if text.contains('/') || text.contains(char::is_whitespace) || text.is_empty() {
        return Some(format!("`{text}` is not a host name"));
    }
    let host = text.rsplit_once(':').map_or(text, |(h, _)| h);
    if crate::rules::helpers::url::is_loopback(host) && !sandbox {
        return Some(format!(
            "`{text}` is the loopback interface; only an instance with `sandbox: true` may use it"
        ));
    }
    None
}
