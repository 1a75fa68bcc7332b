//! The central invariant of the semantic layer, over generated specs × instances (proptest):
//! `check --instance` reports an error exactly when `compile` refuses, every error `compile`
//! gives is one `check` gave (same code, same span, same file), and nothing of ours that looks
//! like a template (`{{ instance.… }}`, `{% … %}`) reaches an output.
//!
//! The generator covers every auth kind (jwt, jwks, refresh token and SAML included), templates
//! and secrets in headers, query and body, `meta_info`, expressions and filters, broken
//! templates, specs with a provider, instance values of every format (right and wrong), and
//! text with quotes, `{`, `%` and newlines. About half the pairs have a fault somewhere.

use std::fmt::Write as _;

use connspec_compile::output::{self, Format};
use connspec_compile::{InstanceInput, Origin, Overrides, SpecInput, Target};
use connspec_diagnostics::{Diagnostic, Severity};
use connspec_lint::{CheckedSource, LintSettings};
use connspec_model::CheckOptions;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Literal text that is not a template but has the characters that trip escaping.
fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("a \"quoted\" 'word'".to_owned()),
        Just("50% off {x}".to_owned()),
        Just("line one\nline two".to_owned()),
        Just("é漢😀".to_owned()),
        proptest::string::string_regex("[a-z0-9 _-]{0,8}").expect("regex"),
    ]
}

/// A template fragment for an action field that compiles: literals, plain substitutions, and
/// expressions over instance values (which connspec evaluates).
fn clean_fragment() -> BoxedStrategy<String> {
    prop_oneof![
        4 => literal(),
        3 => Just("{{ inputs.item }}".to_owned()),
        2 => Just("{{ instance.tenant }}".to_owned()),
        1 => Just("{{ meta_info.user.email_addr }}".to_owned()),
        1 => Just("{{ instance.tenant | upper }}".to_owned()),
        1 => Just("{{ instance.tenant ~ '-x' }}".to_owned()),
        1 => Just("{{ instance.port * 2 }}".to_owned()),
    ]
    .boxed()
}

/// A fragment with a fault: a secret in a printed field (also through a slice), an expression
/// over an input, a typo, Moveworks' bare syntax, a broken template.
fn faulty_fragment() -> BoxedStrategy<String> {
    prop_oneof![
        Just("{{ secrets.APP_KEY }}".to_owned()),
        Just("{{ secrets.APP_KEY[0:3] }}".to_owned()),
        Just("{{ inputs.item | lower }}".to_owned()),
        Just("{% if inputs.item %}y{% endif %}".to_owned()),
        Just("{{ inputs.itme }}".to_owned()),
        Just("{{ instance.tenat }}".to_owned()),
        Just("{{ status }}".to_owned()),
        Just("{{ inputs.item".to_owned()),
    ]
    .boxed()
}

/// One to two fragments; with `faulty`, about one in thirteen is a faulty one (so a faulty
/// spec has a fault or two, not one in every field).
fn fragments(faulty: bool) -> BoxedStrategy<String> {
    let fragment = if faulty {
        prop_oneof![12 => clean_fragment(), 1 => faulty_fragment()].boxed()
    } else {
        clean_fragment()
    };
    prop::collection::vec(fragment, 1..3)
        .prop_map(|parts| parts.concat())
        .boxed()
}

/// An auth block, the secrets it uses, and the grant's scopes when it has them.
fn auth(faulty: bool) -> impl Strategy<Value = (Value, Vec<&'static str>)> {
    let token_url = prop_oneof![
        Just("https://{{ instance.domain }}/oauth2/token"),
        Just("https://login.example.net/oauth2/token"),
        Just("{{ instance.api }}/token"),
    ];
    let scope = if faulty {
        prop_oneof![
            Just("read"),
            Just("{{ secrets.CLIENT_SECRET }}"),
            Just("{{ inputs.x }}")
        ]
        .boxed()
    } else {
        prop_oneof![
            Just("read"),
            Just("core.expense.read"),
            Just("as_account-us.{{ instance.tenant }}"),
        ]
        .boxed()
    };
    (token_url, scope, 0usize..12).prop_map(|(token_url, scope, kind)| {
        let cc = json!({"client_id": "{{ secrets.CLIENT_ID }}", "client_secret": "{{ secrets.CLIENT_SECRET }}"});
        let mut oauth2 = json!({"type": "oauth2", "token_url": token_url});
        for (key, value) in cc.as_object().into_iter().flatten() {
            oauth2[key] = value.clone();
        }
        let oauth_secrets = vec!["CLIENT_ID", "CLIENT_SECRET"];
        match kind {
            0 => (json!({"type": "none"}), vec![]),
            1 => (
                json!({"type": "basic", "username": "{{ secrets.API_USER }}", "password": "{{ secrets.API_PASSWORD }}"}),
                vec!["API_USER", "API_PASSWORD"],
            ),
            2 => (json!({"type": "bearer", "token": "{{ secrets.API_TOKEN }}"}), vec!["API_TOKEN"]),
            3 => (
                json!({"type": "api_key", "placement": "query", "param_name": "key", "key": "{{ secrets.API_KEY }}"}),
                vec!["API_KEY"],
            ),
            4 => {
                oauth2["grant_type"] = json!("client_credentials");
                oauth2["scopes"] = json!([scope]);
                (oauth2, oauth_secrets)
            }
            5 => {
                oauth2["grant_type"] = json!("authorization_code");
                oauth2["authorization_url"] = json!("https://{{ instance.domain }}/oauth2/authorize");
                oauth2["scopes"] = json!([scope, "offline_access"]);
                oauth2["authorization_query"] = json!({"prompt": "consent"});
                (oauth2, oauth_secrets)
            }
            6 => {
                oauth2["grant_type"] = json!("password");
                oauth2["username"] = json!("{{ secrets.API_USER }}");
                oauth2["password"] = json!("{{ secrets.API_PASSWORD }}");
                (oauth2, vec!["CLIENT_ID", "CLIENT_SECRET", "API_USER", "API_PASSWORD"])
            }
            7 => {
                oauth2["grant_type"] = json!("refresh_token");
                oauth2["refresh_token"] = json!("{{ secrets.REFRESH_TOKEN }}");
                oauth2["token_request"] = json!({"headers": {"X-Tenant": "{{ instance.tenant }}"}, "body": {"audience": "{{ secrets.CLIENT_ID }}"}});
                (oauth2, vec!["CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"])
            }
            8 => {
                oauth2["grant_type"] = json!("saml_bearer");
                oauth2["idp_url"] = json!("https://{{ instance.domain }}/idp");
                oauth2["issuer"] = json!("moveworks-{{ instance.tenant }}");
                oauth2["attribute_mappings"] = json!({"tenant": "{{ instance.tenant }}"});
                (oauth2, oauth_secrets)
            }
            9 => (
                json!({"type": "jwt", "private_key": "{{ secrets.PRIVATE_KEY }}", "algorithm": "RS256",
                       "claims": {"issuer": "{{ instance.tenant }}", "audience": token_url},
                       "token_url": token_url}),
                vec!["PRIVATE_KEY"],
            ),
            10 => (
                json!({"type": "jwt", "private_key": "{{ secrets.PRIVATE_KEY }}", "algorithm": "RS256",
                       "claims": {"subject": "{{ secrets.API_USER }}", "extra": {"tid": "{{ instance.tenant }}"}}}),
                vec!["PRIVATE_KEY", "API_USER"],
            ),
            _ => (
                json!({"type": "jwks", "claims": {"issuer": "moveworks", "audience": "{{ instance.domain }}"},
                       "token_url": token_url}),
                vec![],
            ),
        }
    })
}

/// One action with templates in its path, headers, query and body.
fn action(faulty: bool) -> impl Strategy<Value = (String, Value)> {
    (
        proptest::string::string_regex("[a-z][a-z0-9_]{1,8}").expect("regex"),
        prop_oneof![Just("GET"), Just("POST")],
        fragments(faulty),
        fragments(faulty),
        fragments(faulty),
        fragments(faulty),
        any::<bool>(),
    )
        .prop_map(|(name, method, path, header, query, body, meta_header)| {
            let mut action = json!({
                "method": method,
                "path": format!("/api/expense_reports/{path}").replace('\n', " "),
                "headers": {"Accept": "application/json", "X-Note": header},
                "query": {"q": query, "limit": 10},
                "inputs": {"item": {"type": "string", "example": "abc"}},
            });
            if meta_header {
                action["headers"]["X-User"] = json!("{{ meta_info.user.email_addr }}");
            }
            if method == "POST" {
                action["body"] = json!({"note": body, "nested": [body.clone(), 3]});
            }
            (format!("act_{name}"), action)
        })
}

/// A spec (as JSON); with `faulty`, templates may have faults.
fn spec(faulty: bool) -> impl Strategy<Value = Value> {
    let base_url = if faulty {
        prop_oneof![
            Just("https://{{ instance.domain }}"),
            Just("https://{{ instance.domian }}"),
            Just("https://{{ secrets.APP_KEY }}.example.com"),
        ]
        .boxed()
    } else {
        prop_oneof![
            Just("https://{{ instance.domain }}"),
            Just("{{ instance.api }}"),
            Just("https://api.example.com"),
        ]
        .boxed()
    };
    (
        auth(faulty),
        base_url,
        prop::collection::vec(action(faulty), 1..4),
        any::<bool>(),
        literal(),
        prop_oneof![
            3 => Just(Map::new()),
            1 => Just(Map::from_iter([("X-App".to_owned(), json!("{{ secrets.APP_KEY }}"))])),
        ],
    )
        .prop_map(
            |((auth, mut secrets), base_url, actions, coupa, description, common_headers)| {
                secrets.push("APP_KEY");
                secrets.sort_unstable();
                secrets.dedup();
                let mut spec = json!({
                    "spec_version": 1,
                    "name": "generated",
                    "description": description,
                    "instance": {
                        "domain": {"format": "hostname", "example": "acme.coupahost.com"},
                        "tenant": {"format": "string", "default": "acme"},
                        "api": {"format": "url", "example": "https://api.example.com"},
                        "port": {"format": "integer", "default": 443},
                    },
                    "secrets": secrets,
                    "base_url": base_url,
                    "auth": auth,
                    "common_headers": common_headers,
                    "actions": actions.into_iter().collect::<Map<_, _>>(),
                });
                if coupa {
                    spec["provider"] = json!("coupa");
                }
                spec
            },
        )
}

/// An instance file; with `faulty`, values may be missing, misspelt or of the wrong format.
fn instance(faulty: bool) -> impl Strategy<Value = Value> {
    let (domain, api, port) = if faulty {
        (
            prop_oneof![
                Just(Some("acme.coupahost.com")),
                Just(Some("https://acme.coupahost.com/")),
                Just(Some("127.0.0.1:9443")),
                Just(Some("acme.example.com")),
                Just(None),
            ]
            .boxed(),
            prop_oneof![
                Just(Some("https://api.example.com")),
                Just(Some("http://api.example.com")),
                Just(Some("api.example.com")),
                Just(None),
            ]
            .boxed(),
            prop_oneof![Just(None), Just(Some(json!("x"))), Just(Some(json!(8443)))].boxed(),
        )
    } else {
        (
            Just(Some("acme.coupahost.com")).boxed(),
            Just(Some("https://api.example.com")).boxed(),
            prop_oneof![Just(None), Just(Some(json!(8443)))].boxed(),
        )
    };
    (
        domain,
        api,
        port,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>().prop_map(move |typo| faulty && typo),
    )
        .prop_map(|(domain, api, port, sandbox, sources, trusted, typo)| {
            let mut values = Map::new();
            if let Some(domain) = domain {
                values.insert("domain".into(), json!(domain));
            }
            if let Some(api) = api {
                values.insert("api".into(), json!(api));
            }
            if let Some(port) = port {
                values.insert("port".into(), port);
            }
            if typo {
                values.insert("tenat".into(), json!("acme"));
            }
            let mut instance = json!({"instance_version": 1, "values": values, "sandbox": sandbox});
            if sources {
                let names = [
                    "APP_KEY",
                    "API_KEY",
                    "API_PASSWORD",
                    "API_TOKEN",
                    "API_USER",
                    "CLIENT_ID",
                    "CLIENT_SECRET",
                    "PRIVATE_KEY",
                    "REFRESH_TOKEN",
                ];
                instance["secrets"] = names
                    .iter()
                    .map(|n| ((*n).to_owned(), json!(format!("env:GEN_{n}"))))
                    .collect::<Map<_, _>>()
                    .into();
            }
            if trusted {
                instance["allowed_hosts"] = json!(["login.example.net", "api.example.com"]);
            }
            instance
        })
}

fn check(name: &str, text: &str) -> CheckedSource {
    connspec_lint::check_and_lint(
        name,
        text.as_bytes(),
        &CheckOptions::default(),
        &LintSettings::default(),
    )
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn check_errs_exactly_when_compile_refuses(
        (spec, instance) in (any::<bool>(), any::<bool>())
            .prop_flat_map(|(spec_faulty, instance_faulty)| (spec(spec_faulty), instance(instance_faulty))),
    ) {
        let spec_text = serde_json::to_string_pretty(&spec).expect("JSON");
        let instance_text = serde_json::to_string_pretty(&instance).expect("JSON");
        let spec_checked = check("spec.json", &spec_text);
        let instance_checked = check("instance.json", &instance_text);
        let (Some(spec_document), Some(spec_model)) =
            (&spec_checked.checked.document, &spec_checked.checked.spec)
        else {
            return Err(TestCaseError::fail(format!(
                "the generator wrote a spec the schema refuses: {:?}",
                spec_checked.checked.diagnostics
            )));
        };
        let (Some(instance_document), Some(instance_model)) =
            (&instance_checked.checked.document, &instance_checked.checked.instance)
        else {
            return Err(TestCaseError::fail("the generator wrote an invalid instance file"));
        };
        let spec_input = SpecInput { file: &spec_checked.file, document: spec_document, spec: spec_model };
        let instance_input = InstanceInput {
            file: &instance_checked.file,
            document: instance_document,
            instance: instance_model,
        };

        // What `connspec check spec --instance instance` reports.
        let mut checked: Vec<(Origin, Diagnostic)> = spec_checked
            .checked
            .diagnostics
            .iter()
            .map(|d| (Origin::Spec, d.clone()))
            .collect();
        checked.extend(instance_checked.checked.diagnostics.iter().map(|d| (Origin::Instance, d.clone())));
        checked.extend(
            connspec_lint::check_instance(spec_input, instance_input, &connspec_lint::LintSettings::default())
                .into_iter()
                .map(|l| (l.origin, l.diagnostic)),
        );
        let check_errs = checked.iter().any(|(_, d)| d.severity == Severity::Error);

        // What `connspec compile` does: refuse on the files' own errors, else compile.
        let files_err = !errors(&spec_checked.checked.diagnostics).is_empty()
            || !errors(&instance_checked.checked.diagnostics).is_empty();
        let compiled = connspec_compile::compile(spec_input, instance_input, &Target::ALL, &Overrides::default());
        let compile_refuses = files_err || compiled.has_errors();

        let summary = || {
            let mut text = format!("{spec_text}\n{instance_text}\ncheck:\n");
            for (origin, d) in &checked {
                let _ = writeln!(text, "  {origin:?} {} {:?} {}", d.code.code, d.severity, d.message);
            }
            text.push_str("compile:\n");
            for d in &compiled.diagnostics {
                let _ = writeln!(text, "  {:?} {} {:?} {}", d.origin, d.diagnostic.code.code, d.diagnostic.severity, d.diagnostic.message);
            }
            text
        };
        prop_assert_eq!(check_errs, compile_refuses, "{}", summary());

        // One code per fault: every error compile gives, check gave at the same place.
        for located in &compiled.diagnostics {
            let d = &located.diagnostic;
            if d.severity != Severity::Error {
                continue;
            }
            prop_assert!(
                checked.iter().any(|(origin, c)| *origin == located.origin
                    && c.code.code == d.code.code
                    && c.span == d.span),
                "compile's {} at {:?} is not among check's findings\n{}",
                d.code.code,
                d.span,
                summary()
            );
        }

        // Nothing of ours that looks like a template reaches an output.
        if !compiled.has_errors() {
            let mut printed = String::new();
            for format in [Format::Text, Format::Markdown, Format::Json] {
                printed.push_str(&output::render(format, &compiled.outputs));
            }
            for output in &compiled.outputs {
                for file in &output.files {
                    printed.push_str(&file.text);
                }
            }
            for ours in ["{{ instance.", "{{ secrets.", "{{ inputs.", "{{ meta_info.", "{%", "{#"] {
                if let Some(at) = printed.find(ours) {
                    let from = printed.floor_char_boundary(at.saturating_sub(200));
                    let to = printed.ceil_char_boundary((at + 100).min(printed.len()));
                    prop_assert!(false, "`{}` reached an output: …{}…\n{}", ours, &printed[from..to], summary());
                }
            }
        }
    }
}
