//! Unit tests of the library API: compile, the runtime view, and secret handling.

use std::collections::BTreeMap;

use connspec_diagnostics::SourceFile;
use connspec_model::{CheckOptions, CheckedFile, DocumentKind, check_source};

use crate::output::FieldValue;
use crate::runtime::{RuntimeAuth, RuntimeBody, RuntimeInputs};
use crate::{InstanceInput, Overrides, SpecInput, Target, compile, runtime};

const SPEC: &str = r#"
spec_version: 1
name: items
instance:
  domain: { format: hostname }
  tenant: { default: main }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: https://{{ instance.domain }}/{{ instance.tenant }}/
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.CLIENT_ID }}"
  client_secret: "{{ secrets.CLIENT_SECRET }}"
  scopes: [items.read]
actions:
  get_item:
    method: POST
    path: /items/{{ inputs.id }}
    headers: { X-User: "{{ meta_info.user.email_addr }}" }
    body: { id: "{{ inputs.id }}", note: "by {{ inputs.who }}" }
    inputs:
      id: { type: integer, example: 7, required: true }
      who: { type: string, example: ann }
"#;

const INSTANCE: &str = "instance_version: 1\nvalues: { domain: api.example.com }\n";

fn check(name: &str, text: &str, kind: DocumentKind) -> (SourceFile, CheckedFile) {
    let file = SourceFile::new(name, text);
    let checked = check_source(
        &file,
        &CheckOptions {
            kind: Some(kind),
            ..CheckOptions::default()
        },
    );
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    (file, checked)
}

fn with_inputs<R>(f: impl FnOnce(SpecInput<'_>, InstanceInput<'_>) -> R) -> R {
    with_texts(SPEC, INSTANCE, f)
}

/// Checks `spec` and `instance` (both must be valid) and hands them to `f`.
fn with_texts<R>(
    spec: &str,
    instance: &str,
    f: impl FnOnce(SpecInput<'_>, InstanceInput<'_>) -> R,
) -> R {
    let (spec_file, spec) = check("spec.yaml", spec, DocumentKind::Connector);
    let (instance_file, instance) = check("acme.yaml", instance, DocumentKind::Instance);
    f(
        SpecInput {
            file: &spec_file,
            document: spec.document.as_ref().expect("document"),
            spec: spec.spec.as_ref().expect("spec"),
        },
        InstanceInput {
            file: &instance_file,
            document: instance.document.as_ref().expect("document"),
            instance: instance.instance.as_ref().expect("instance"),
        },
    )
}

#[test]
fn agent_studio_uses_moveworks_syntax() {
    let compiled = with_inputs(|spec, instance| {
        compile(
            spec,
            instance,
            &[Target::AgentStudio],
            &Overrides::default(),
        )
    });
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    let action = &compiled.outputs[0].sections[1];
    let text = |label: &str| match &action.field(label).expect(label).value {
        FieldValue::Text(text) => text.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(text("Endpoint URL"), "/items/{{id}}");
    assert!(text("Headers").contains("{{meta_info.user.email_addr}}"));
    match &action.field("Body").expect("body").value {
        FieldValue::Code { text, .. } => {
            assert!(text.contains("\"id\": {{id}}"), "{text}");
            assert!(text.contains("\"note\": \"by {{who}}\""), "{text}");
        }
        other => panic!("{other:?}"),
    }
    let connector = &compiled.outputs[0].sections[0];
    match &connector.field("Base URL").expect("base url").value {
        FieldValue::Text(url) => assert_eq!(url, "https://api.example.com/main/"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn runtime_view_has_values_and_taints_secrets() {
    let mut given = RuntimeInputs {
        meta_info: serde_json::json!({ "user": { "email_addr": "ann@example.com" } }),
        ..RuntimeInputs::default()
    };
    given.secrets.insert("CLIENT_ID".into(), "id-123".into());
    given
        .secrets
        .insert("CLIENT_SECRET".into(), "top-secret".into());
    given.inputs.insert(
        "get_item".into(),
        BTreeMap::from([("id".to_owned(), serde_json::json!(42))]),
    );
    let (connector, diagnostics) =
        with_inputs(|spec, instance| runtime(spec, instance, &Overrides::default(), &given));
    let connector = connector.unwrap_or_else(|| panic!("{diagnostics:?}"));
    let action = &connector.actions[0];
    assert_eq!(action.url.expose(), "https://api.example.com/main/items/42");
    assert_eq!(action.headers[0].1.expose(), "ann@example.com");
    assert_eq!(
        action.body,
        Some(RuntimeBody::Json(
            serde_json::json!({ "id": 42, "note": "by ann" })
        ))
    );
    let RuntimeAuth::OAuth2(oauth2) = &connector.auth else {
        panic!("oauth2 expected");
    };
    let secret = oauth2.client_secret.as_ref().expect("secret");
    assert_eq!(secret.expose(), "top-secret");
    assert_eq!(secret.to_string(), "<redacted CLIENT_SECRET>");
    assert!(!format!("{connector:?}").contains("top-secret"));
    assert_eq!(
        connector.redactor.scrub("echo top-secret id-123"),
        "echo <redacted CLIENT_SECRET> <redacted CLIENT_ID>"
    );
}

#[test]
fn runtime_reports_unresolved_secrets() {
    let (connector, diagnostics) = with_inputs(|spec, instance| {
        runtime(
            spec,
            instance,
            &Overrides::default(),
            &RuntimeInputs::default(),
        )
    });
    assert!(connector.is_none());
    assert!(
        diagnostics.iter().any(|d| d.diagnostic.code.code == "T109"),
        "{diagnostics:?}"
    );
}

#[test]
fn overrides_win_over_values_and_unknown_ones_warn() {
    let overrides = Overrides::parse(["domain=other.example.com", "nope=1"]).expect("parse");
    let compiled =
        with_inputs(|spec, instance| compile(spec, instance, &[Target::AgentStudio], &overrides));
    assert!(!compiled.has_errors());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.diagnostic.code.code == "T011")
    );
    let text = crate::output::render(crate::Format::Text, &compiled.outputs);
    assert!(text.contains("https://other.example.com/main/"), "{text}");
    assert!(Overrides::parse(["novalue"]).is_err());
}

#[test]
fn codes_are_unique_and_documented() {
    let mut seen = std::collections::BTreeSet::new();
    for code in crate::codes::ALL {
        assert!(seen.insert(code.code), "{} twice", code.code);
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                code.explanation.contains(section),
                "{} lacks {section}",
                code.code
            );
        }
    }
}

#[test]
fn targets_parse_from_their_names() {
    for target in Target::ALL {
        assert_eq!(target.as_str().parse::<Target>(), Ok(target));
    }
    assert!("insomnia".parse::<Target>().is_err());
}

/// Rendered text never carries template syntax into a target: an instance value with braces
/// would become a Postman or Hurl variable reference.
#[test]
fn rendered_template_syntax_is_refused() {
    let spec = SPEC.replace(
        "    headers: { X-User: \"{{ meta_info.user.email_addr }}\" }",
        "    headers: { X-User: \"{{ meta_info.user.email_addr }}\", X-Tenant: \"{{ instance.tenant }}\" }",
    );
    assert_ne!(spec, SPEC);
    let instance =
        "instance_version: 1\nvalues: { domain: api.example.com, tenant: \"{{CLIENT_SECRET}}\" }\n";
    let compiled = with_texts(&spec, instance, |spec, instance| {
        compile(spec, instance, &Target::ALL, &Overrides::default())
    });
    assert!(compiled.has_errors());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.diagnostic.code.code == "T008"),
        "{:?}",
        compiled.diagnostics
    );
    assert!(compiled.outputs.is_empty() || compiled.has_errors());
}

/// Text that only becomes a target's template syntax next to an input's example: a rendered
/// `{` followed by the example `{CLIENT_SECRET}}` prints `{{CLIENT_SECRET}}` in the Hurl and
/// Postman outputs, which those tools would substitute with the secret. A `{` next to a
/// secret's own reference, or an example that starts with `{` after other text, is fine.
#[test]
fn template_syntax_formed_with_an_example_is_refused() {
    let compile_with = |path: &str, example: &str| {
        let spec = SPEC
            .replace(
                "    path: /items/{{ inputs.id }}",
                &format!("    path: {path}"),
            )
            .replace(
                "      who: { type: string, example: ann }",
                &format!("      who: {{ type: string, example: {example} }}"),
            );
        let compiled = with_texts(&spec, INSTANCE, |spec, instance| {
            compile(spec, instance, &Target::ALL, &Overrides::default())
        });
        compiled
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code.code == "T008")
            .map(|d| d.diagnostic.message.clone())
            .collect::<Vec<_>>()
    };
    let refused = compile_with(
        r#""/items{{ '{' }}{{ inputs.who }}""#,
        r#""{CLIENT_SECRET}}""#,
    );
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].contains("`{{`"), "{refused:?}");
    for (path, example) in [
        (r#""/items{{ '{' }}{{ inputs.who }}""#, "ann"),
        (r#""/items/{{ inputs.who }}""#, r#""{CLIENT_SECRET}}""#),
        (r#""/items{{ '{' }}{{ meta_info.user.email_addr }}""#, "ann"),
    ] {
        assert_eq!(
            compile_with(path, example),
            Vec::<String>::new(),
            "{path} {example}"
        );
    }
}
