//! Semantic lint rules for connector specs, run after the schema check.
//!
//! One rule per file under `rules/`, one struct per rule named after the bad pattern, one
//! stable code; the struct's doc comment is the rule's documentation (`connspec explain`,
//! `docs/rules.md`). Provider knowledge comes from `connspec-catalog` data files.

pub mod cassettes;
mod context;
mod instances;
pub mod pairing;
pub mod placeholder;
mod project;
mod rule;
mod rules;
mod settings;
mod suppression;

/// The template strings of a spec: the semantic layer's field table, under the names the rules
/// use.
pub mod templates {
    pub use connspec_semantic::field::{
        Block, Field as TemplateString, SECRET_FIELDS, Site, TemplateError, VariableRef,
    };
}

#[cfg(test)]
mod tests;

use connspec_diagnostics::{Code, Diagnostic, SourceFile};
use connspec_model::spec::ConnectorSpec;
use connspec_model::yaml::Document;
use connspec_model::{CheckOptions, CheckedFile, DocumentKind, check_bytes};

pub use context::Context;
pub use instances::{InstanceInput, SpecInput, check_instance};
pub use project::{MAX_PROJECT_FILE_BYTES, PROJECT_FILE, find_project_file, read_project_file};
pub use rule::Rule;
pub use settings::{ConfigError, InstancesConfig, LintSettings, ProjectConfig};

/// Every lint rule, in code order.
pub fn rules() -> &'static [&'static dyn Rule] {
    rules::RULES
}

/// Every code this crate emits: rules, instance checks and suppression comments.
pub fn codes() -> Vec<&'static Code> {
    let mut codes: Vec<&'static Code> = rules::RULES.iter().map(|r| r.code()).collect();
    codes.extend(instances::CODES.iter().copied());
    codes.extend(cassettes::CODES.iter().copied());
    codes.extend(suppression::CODES.iter().copied());
    codes.extend(settings::CODES.iter().copied());
    codes
}

/// Spans of literal secret values, wherever the file stands; printers mask them
/// (`SourceFile::redacted`) so a leaked credential is not printed again in CI logs. In a
/// connector spec these are literal values of secret fields (`auth.client_secret: abc`); in an
/// instance file, every value under `secrets:` that is not a source reference (`env:NAME`,
/// `dotenv:NAME`, `file:PATH`), at any depth and of any type.
pub fn secret_spans(document: &Document, kind: DocumentKind) -> Vec<connspec_diagnostics::Span> {
    match kind {
        DocumentKind::Connector => spec_secret_spans(document),
        DocumentKind::Instance => instance_secret_spans(document),
        DocumentKind::Cassette => cassettes::cassette_secret_spans(document),
    }
}

fn spec_secret_spans(document: &Document) -> Vec<connspec_diagnostics::Span> {
    let mut spans = Vec::new();
    let mut candidates: Vec<(String, &serde_json::Value)> = Vec::new();
    if let Some(auth) = document
        .value
        .get("auth")
        .and_then(serde_json::Value::as_object)
    {
        for field in templates::SECRET_FIELDS {
            if let Some(value) = auth.get(*field) {
                candidates.push((format!("/auth/{field}"), value));
            }
        }
    }
    if let Some(key) = document.value.pointer("/client_certificate/private_key") {
        candidates.push(("/client_certificate/private_key".to_owned(), key));
    }
    for (pointer, value) in candidates {
        let literal = match value {
            serde_json::Value::String(s) => !s.trim().is_empty() && !s.contains("{{"),
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => true,
            _ => false,
        };
        if literal && let Some(span) = document.spans.value(&pointer) {
            spans.push(span);
        }
    }
    spans
}

/// Every scalar under an instance file's `secrets:` but the source references. A mapping or
/// list where a source belongs is an attempt at writing the value itself, so its scalars are
/// masked too; only the names (the keys) stay readable.
fn instance_secret_spans(document: &Document) -> Vec<connspec_diagnostics::Span> {
    use serde_json::Value as Json;
    let mut spans = Vec::new();
    let Some(secrets) = document.value.get("secrets") else {
        return spans;
    };
    let mut pending = vec![("/secrets".to_owned(), secrets)];
    while let Some((pointer, value)) = pending.pop() {
        match value {
            Json::Object(entries) => {
                for (key, value) in entries {
                    pending.push((connspec_model::yaml::push_pointer(&pointer, key), value));
                }
            }
            Json::Array(items) => {
                for (index, value) in items.iter().enumerate() {
                    pending.push((
                        connspec_model::yaml::push_pointer(&pointer, &index.to_string()),
                        value,
                    ));
                }
            }
            Json::Null => {}
            Json::String(text) if is_source_reference(text) => {}
            Json::String(_) | Json::Number(_) | Json::Bool(_) => {
                if let Some(span) = document.spans.value(&pointer) {
                    spans.push(span);
                }
            }
        }
    }
    spans
}

/// Whether `text` names where a secret comes from rather than being one: the instance
/// schema's `^(env|dotenv|file):\S.*$`.
fn is_source_reference(text: &str) -> bool {
    ["env:", "dotenv:", "file:"].iter().any(|prefix| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| !c.is_whitespace())
    })
}

/// Lints a schema-valid spec. Rules not enabled by `settings` do not run; findings on a line
/// with a `# connspec: allow CODE -- reason` comment are suppressed.
pub fn lint(
    file: &SourceFile,
    document: &Document,
    spec: &ConnectorSpec,
    settings: &LintSettings,
) -> Vec<Diagnostic> {
    let ctx = Context::new(file, document, spec);
    let mut diagnostics = Vec::new();
    for rule in rules::RULES {
        if settings.is_enabled(rule.code()) {
            rule.check(&ctx, &mut diagnostics);
        }
    }
    suppression::apply(file, &mut diagnostics, settings);
    diagnostics
}

/// The rules that read an instance file on its own (its text, not its pairing with a spec):
/// control and bidirectional characters. Selection and suppression comments apply as in specs.
fn lint_instance(
    file: &SourceFile,
    document: &Document,
    settings: &LintSettings,
) -> Vec<Diagnostic> {
    let rule = rules::control_character::ControlCharacter;
    if !settings.is_enabled(rule.code()) {
        return Vec::new();
    }
    let mut diagnostics = rule.findings(file, &document.value, &document.spans);
    suppression::apply(file, &mut diagnostics, settings);
    diagnostics
}

/// One file through the whole static check, as `connspec check` runs it.
#[derive(Debug, Clone)]
pub struct CheckedSource {
    /// The file as read; diagnostics' spans index into it.
    pub file: SourceFile,
    /// The same text with literal secrets masked (same offsets): what snippets may print.
    pub shown: SourceFile,
    /// What the model's stages built; `diagnostics` also holds the lint findings.
    pub checked: CheckedFile,
}

/// Decodes and checks `bytes` (YAML, limits, schema, typed model), then, for a valid connector
/// spec, runs the lint rules `settings` enable. Every command that reads a spec goes through
/// here, so they all report the same findings and mask the same secrets.
pub fn check_and_lint(
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
    settings: &LintSettings,
) -> CheckedSource {
    let (file, mut checked) = check_bytes(name, bytes, options);
    let mut shown = file.clone();
    if let Some(document) = &checked.document {
        if let Some(spec) = &checked.spec {
            let findings = lint(&file, document, spec, settings);
            checked.diagnostics.extend(findings);
        } else if checked.kind == DocumentKind::Instance {
            checked
                .diagnostics
                .extend(lint_instance(&file, document, settings));
        } else if let Some(cassette) = &checked.cassette {
            let mut found: Vec<Diagnostic> = cassettes::check_cassette(document, cassette)
                .into_iter()
                .filter(|d| settings.is_enabled(d.code))
                .collect();
            suppression::apply(&file, &mut found, settings);
            checked.diagnostics.extend(found);
        }
        shown = file.redacted(&secret_spans(document, checked.kind));
    }
    CheckedSource {
        file,
        shown,
        checked,
    }
}
