//! Properties of the static pipeline over generated specs (proptest): compiling is
//! deterministic, every diagnostic span lies inside its file on a character boundary, no
//! generated secret value reaches any printable output, and a spec and its JSON form check
//! alike.
//!
//! The generator builds valid connectors of every auth kind with 1–6 actions, paths with path
//! inputs, queries, headers and bodies holding non-ASCII text, and writes them as block YAML;
//! mutations then damage the text for the span property.

use std::fmt::Write as _;

use connspec_compile::output::{self, Format};
use connspec_compile::{InstanceInput, Origin, Overrides, RuntimeInputs, SpecInput, Target};
use connspec_diagnostics::{Diagnostic, SourceFile};
use connspec_lint::LintSettings;
use connspec_model::{CheckOptions, CheckedFile};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Text with the characters that break naive byte arithmetic: accents, CJK, emoji.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9 _é漢😀-]{0,12}").expect("valid regex")
}

fn identifier() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z][a-z0-9_]{1,10}").expect("valid regex")
}

/// An auth block and the secrets it names.
fn auth() -> impl Strategy<Value = (Value, Vec<&'static str>)> {
    prop_oneof![
        Just((json!({"type": "none"}), vec![])),
        Just((
            json!({"type": "basic", "username": "{{ secrets.API_USER }}", "password": "{{ secrets.API_PASSWORD }}"}),
            vec!["API_USER", "API_PASSWORD"],
        )),
        Just((
            json!({"type": "bearer", "token": "{{ secrets.API_TOKEN }}"}),
            vec!["API_TOKEN"],
        )),
        Just((
            json!({"type": "api_key", "placement": "header", "header_name": "X-Api-Key", "value_pattern": "%s", "key": "{{ secrets.API_KEY }}"}),
            vec!["API_KEY"],
        )),
        Just((
            json!({"type": "oauth2", "grant_type": "client_credentials",
                   "token_url": "https://{{ instance.domain }}/oauth2/token",
                   "client_id": "{{ secrets.CLIENT_ID }}", "client_secret": "{{ secrets.CLIENT_SECRET }}",
                   "scopes": ["read"], "client_authentication": "request_body"}),
            vec!["CLIENT_ID", "CLIENT_SECRET"],
        )),
        Just((
            json!({"type": "oauth2", "grant_type": "password",
                   "token_url": "https://{{ instance.domain }}/oauth2/token",
                   "client_id": "{{ secrets.CLIENT_ID }}", "client_secret": "{{ secrets.CLIENT_SECRET }}",
                   "username": "{{ secrets.API_USER }}", "password": "{{ secrets.API_PASSWORD }}",
                   "client_authentication": "basic_header"}),
            vec!["CLIENT_ID", "CLIENT_SECRET", "API_USER", "API_PASSWORD"],
        )),
        Just((
            json!({"type": "oauth2", "grant_type": "authorization_code",
                   "authorization_url": "https://{{ instance.domain }}/oauth2/authorize",
                   "token_url": "https://{{ instance.domain }}/oauth2/token",
                   "client_id": "{{ secrets.CLIENT_ID }}", "client_secret": "{{ secrets.CLIENT_SECRET }}",
                   "scopes": ["read", "offline_access"]}),
            vec!["CLIENT_ID", "CLIENT_SECRET"],
        )),
    ]
}

/// One action: a name, and its body as a JSON value.
fn action() -> impl Strategy<Value = (String, Value)> {
    (
        identifier(),
        prop_oneof![Just("GET"), Just("POST"), Just("PUT")],
        prop::collection::vec(identifier(), 1..3),
        any::<bool>(),
        prop::collection::vec((identifier(), text()), 0..3),
        text(),
        text(),
    )
        .prop_map(
            |(name, method, segments, with_id, query, header, body_text)| {
                let mut path = format!("/{}", segments.join("/"));
                let mut inputs = Map::new();
                if with_id {
                    path.push_str("/{{ inputs.id }}");
                    inputs.insert(
                        "id".into(),
                        json!({"type": "integer", "example": 42, "required": true}),
                    );
                }
                let mut action = json!({
                    "description": format!("Does {name} ({header})"),
                    "method": method,
                    "path": path,
                    "headers": {"Accept": "application/json", "X-Note": header},
                });
                if !query.is_empty() {
                    let query: Map<String, Value> = query
                        .into_iter()
                        .map(|(k, v)| (format!("q_{k}"), Value::String(v)))
                        .collect();
                    action["query"] = Value::Object(query);
                }
                if method != "GET" {
                    action["body"] = json!({"note": body_text, "count": 3});
                }
                if !inputs.is_empty() {
                    action["inputs"] = Value::Object(inputs);
                }
                (format!("act_{name}"), action)
            },
        )
}

/// A valid connector spec and the secrets it declares.
fn spec() -> impl Strategy<Value = (Value, Vec<&'static str>)> {
    (
        identifier(),
        text(),
        auth(),
        prop::collection::vec(action(), 1..6),
    )
        .prop_map(|(name, description, (auth, secrets), actions)| {
            let actions: Map<String, Value> = actions.into_iter().collect();
            let spec = json!({
                "spec_version": 1,
                "name": format!("c_{name}"),
                "description": description,
                "instance": {"domain": {"description": "API host", "format": "hostname", "example": "api.example.com"}},
                "secrets": secrets,
                "base_url": "https://{{ instance.domain }}",
                "auth": auth,
                "actions": actions,
            });
            (spec, secrets)
        })
}

/// Block-style YAML with every scalar JSON-quoted (JSON strings are YAML 1.2 strings).
fn yaml(value: &Value) -> String {
    let mut out = String::new();
    write_yaml(value, 0, &mut out);
    out
}

fn write_yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let key = Value::String(key.clone());
                match child {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        write_yaml(child, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        write_yaml(child, indent + 2, out);
                    }
                    scalar => {
                        let _ = writeln!(out, "{pad}{key}: {scalar}");
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        let _ = writeln!(out, "{pad}-");
                        write_yaml(item, indent + 2, out);
                    }
                    scalar => {
                        let _ = writeln!(out, "{pad}- {scalar}");
                    }
                }
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}{scalar}");
        }
    }
}

fn instance_text(secrets: &[&str]) -> String {
    let mut text = "instance_version: 1\nvalues:\n  domain: api.example.com\n".to_owned();
    if !secrets.is_empty() {
        text.push_str("secrets:\n");
        for name in secrets {
            let _ = writeln!(text, "  {name}: env:PROP_{name}");
        }
    }
    text
}

struct Checked {
    file: SourceFile,
    result: CheckedFile,
    diagnostics: Vec<Diagnostic>,
}

fn check(name: &str, text: &str) -> Checked {
    let checked = connspec_lint::check_and_lint(
        name,
        text.as_bytes(),
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    Checked {
        diagnostics: checked.checked.diagnostics.clone(),
        file: checked.file,
        result: checked.checked,
    }
}

fn spans_in_bounds(file: &SourceFile, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let text = file.text();
    for diagnostic in diagnostics {
        for span in diagnostic
            .span
            .into_iter()
            .chain(diagnostic.labels.iter().map(|l| l.span))
        {
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    Ok(())
}

/// Compiles `spec` for its instance to every target, as text in every format, plus the
/// runtime view's debug form with `secret_value` for every secret.
fn compile_all(spec: &Checked, instance: &Checked, secrets: &[&str], secret_value: &str) -> String {
    let spec_input = SpecInput {
        file: &spec.file,
        document: spec.result.document.as_ref().expect("document"),
        spec: spec.result.spec.as_ref().expect("a valid spec"),
    };
    let instance_input = InstanceInput {
        file: &instance.file,
        document: instance.result.document.as_ref().expect("document"),
        instance: instance.result.instance.as_ref().expect("a valid instance"),
    };
    let overrides = Overrides::default();
    let compiled = connspec_compile::compile(spec_input, instance_input, &Target::ALL, &overrides);
    assert!(
        !compiled.has_errors(),
        "a generated spec must compile: {:?}",
        compiled.diagnostics
    );
    for diagnostic in &compiled.diagnostics {
        let file = match diagnostic.origin {
            Origin::Spec => &spec.file,
            Origin::Instance => &instance.file,
        };
        spans_in_bounds(file, std::slice::from_ref(&diagnostic.diagnostic)).expect("in bounds");
    }
    let mut all = String::new();
    for format in [Format::Text, Format::Markdown, Format::Json] {
        all.push_str(&output::render(format, &compiled.outputs));
    }
    let mut given = RuntimeInputs::default();
    for name in secrets {
        given
            .secrets
            .insert((*name).to_owned(), format!("{secret_value}{name}"));
    }
    let (connector, diagnostics) =
        connspec_compile::runtime(spec_input, instance_input, &overrides, &given);
    assert!(connector.is_some(), "runtime view: {diagnostics:?}");
    let _ = write!(all, "{connector:?} {diagnostics:?}");
    all
}

/// Codes of errors and warnings, sorted: what a user sees, less positions.
fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = diagnostics.iter().map(|d| d.code.code).collect();
    codes.sort_unstable();
    codes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn compiling_is_deterministic((spec, secrets) in spec()) {
        let text = yaml(&spec);
        let checked = check("spec.yaml", &text);
        prop_assert!(!checked.result.has_errors(), "{text}\n{:?}", checked.diagnostics);
        let instance = check("instance.yaml", &instance_text(&secrets));
        let first = compile_all(&checked, &instance, &secrets, "x");
        let again = compile_all(&check("spec.yaml", &text), &instance, &secrets, "x");
        prop_assert_eq!(first, again);
    }

    #[test]
    fn no_generated_secret_reaches_any_output(
        (spec, secrets) in spec(),
        secret in "[A-Za-z0-9+/=]{16,40}",
    ) {
        let checked = check("spec.yaml", &yaml(&spec));
        let instance = check("instance.yaml", &instance_text(&secrets));
        let printed = compile_all(&checked, &instance, &secrets, &secret);
        for name in &secrets {
            let value = format!("{secret}{name}");
            prop_assert!(!printed.contains(&value), "secret {name} printed");
        }
    }

    #[test]
    fn spans_stay_in_bounds_under_mutation(
        (spec, _) in spec(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, "[:{}\\[\\]\"'#é😀\n -]{0,3}"), 1..4),
    ) {
        let mut text = yaml(&spec);
        for (at, remove, insert) in cuts {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, &insert);
        }
        let checked = check("mutated.yaml", &text);
        spans_in_bounds(&checked.file, &checked.diagnostics)?;
    }

    #[test]
    fn a_spec_and_its_json_form_check_alike((spec, _) in spec(), damage in 0usize..4) {
        // Some findings too: an unknown key, a wrong type, a misspelt scope, an http URL.
        let mut spec = spec;
        match damage {
            1 => { spec["auth"]["clent_id"] = json!("x"); }
            2 => { spec["spec_version"] = json!("one"); }
            3 => { spec["base_url"] = json!("http://{{ instance.domain }}"); }
            _ => {}
        }
        let from_yaml = check("spec.yaml", &yaml(&spec));
        let json_text = serde_json::to_string_pretty(&spec).expect("JSON");
        let from_json = check("spec.json", &json_text);
        prop_assert_eq!(codes(&from_yaml.diagnostics), codes(&from_json.diagnostics));
        prop_assert_eq!(&from_yaml.result.spec, &from_json.result.spec);
    }
}
