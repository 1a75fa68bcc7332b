//! Schema and loader messages that must give the answer: the allowed values of an enumeration
//! documented value by value, every fault of a tagged union whose tag is wrong, what a number
//! JSON cannot hold is, and a tag as it was written.

use connspec_diagnostics::{Diagnostic, SourceFile};
use connspec_model::schema::{SchemaKind, schema_value};
use connspec_model::{CheckOptions, check_source};

fn check(text: &str) -> (SourceFile, Vec<Diagnostic>) {
    let file = SourceFile::new("t.yaml", text);
    let checked = check_source(&file, &CheckOptions::default());
    (file, checked.diagnostics)
}

fn spec(auth: &str, actions: &str) -> String {
    format!(
        "spec_version: 1\nname: acme\nbase_url: https://api.example.com\nsecrets: [K]\n\
         auth:\n{auth}actions:\n{actions}"
    )
}

/// The constants of `$defs/NAME` in the generated schema, as a message lists them.
fn allowed_in_schema(name: &str) -> String {
    let schema = schema_value(SchemaKind::Connector);
    let branches = schema["$defs"][name]["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs/{name} is a oneOf"));
    let values: Vec<String> = branches
        .iter()
        .map(|b| format!("`{}`", b["const"].as_str().expect("a const branch")))
        .collect();
    assert!(values.len() > 1, "{name}");
    values.join(", ")
}

#[test]
fn constants_documented_one_by_one_are_listed_like_an_enum() {
    let cases = [
        (
            "  type: api_key\n  key: \"{{ secrets.K }}\"\n  header_name: X-Key\n  placement: body\n",
            "`body` is not a valid `auth.placement`",
            "ApiKeyPlacement",
        ),
        (
            "  type: oauth2\n  grant_type: client_credentials\n  token_url: https://api.example.com/t\n  \
             client_id: \"{{ secrets.K }}\"\n  client_secret: \"{{ secrets.K }}\"\n  \
             client_authentication: header\n",
            "`header` is not a valid `auth.client_authentication`",
            "ClientAuthentication",
        ),
    ];
    for (auth, message, def) in cases {
        let (_, diagnostics) = check(&spec(auth, "  {}\n"));
        let [diagnostic] = diagnostics.as_slice() else {
            panic!("{diagnostics:#?}");
        };
        assert_eq!(diagnostic.code.code, "S013");
        assert_eq!(diagnostic.message, message);
        let help = diagnostic.help.as_deref().unwrap_or_default();
        assert!(
            help.ends_with(&format!("allowed: {}", allowed_in_schema(def))),
            "{help}"
        );
        assert!(
            !diagnostic.message.contains("oneOf"),
            "{}",
            diagnostic.message
        );
    }
}

#[test]
fn an_invalid_tag_does_not_hide_faults_every_branch_shares() {
    let auth = "  type: oauth2\n  grant_type: client_credential\n  token_url: https://api.example.com/t\n  \
                client_id: \"{{ secrets.K }}\"\n  client_secret: \"{{ secrets.K }}\"\n  \
                bogus_key: 1\n  scopes: read\n";
    let (file, diagnostics) = check(&spec(auth, "  {}\n"));
    let found: Vec<(&str, &str, usize)> = diagnostics
        .iter()
        .map(|d| {
            let line = file.line_col(d.span.expect("a span").start).line;
            (d.code.code, d.message.as_str(), line)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "S013",
                "`client_credential` is not a valid `auth.grant_type`",
                7
            ),
            ("S010", "unknown key `bogus_key`", 11),
            (
                "S012",
                "expected a list for `auth.scopes`, found a string",
                12
            ),
        ]
    );
    // A wrong `type` too: a key no kind of auth has is reported with a suggestion.
    let auth =
        "  type: oauth\n  grant_type: client_credentials\n  tokn_url: https://api.example.com/t\n";
    let (_, diagnostics) = check(&spec(auth, "  {}\n"));
    let found: Vec<(&str, &str, Option<&str>)> = diagnostics
        .iter()
        .map(|d| (d.code.code, d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].1, "`oauth` is not a valid `auth.type`");
    assert_eq!(
        found[1],
        (
            "S010",
            "unknown key `tokn_url`",
            Some("did you mean `token_url`?")
        )
    );
}

#[test]
fn numbers_json_cannot_hold_say_what_they_are() {
    let actions = "  a:\n    method: GET\n    path: /x\n    expect: { status: 99999999999999999999999, max_latency_ms: .inf }\n  \
                   b:\n    method: GET\n    path: /x\n    expect: { status: .nan, max_latency_ms: 1e400 }\n";
    let (_, diagnostics) = check(&spec("  type: none\n", actions));
    let messages: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d.code.code, d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "S012",
                "`actions.a.expect.status` is a number too large for 64 bits"
            ),
            (
                "S012",
                "expected an integer for `actions.a.expect.max_latency_ms`, found a number that \
                 is not finite (`.inf` or `.nan`)"
            ),
            (
                "S012",
                "`actions.b.expect.status` is a number that is not finite (`.inf` or `.nan`)"
            ),
            (
                "S012",
                "expected an integer for `actions.b.expect.max_latency_ms`, found a number too \
                 large for 64 bits"
            ),
        ]
    );
    assert!(messages.iter().all(|(_, m)| !m.contains("a string")));
}

#[test]
fn tags_are_named_as_written() {
    for (text, tag) in [
        ("name: !!binary aGVsbG8=\n", "!!binary"),
        ("name: !vault secret/x\n", "!vault"),
        ("names: !!set {a, b}\n", "!!set"),
        (
            "name: !<tag:example.com,2024:x> y\n",
            "!<tag:example.com,2024:x>",
        ),
    ] {
        let (_, diagnostics) = check(text);
        let [diagnostic] = diagnostics.as_slice() else {
            panic!("{text}: {diagnostics:#?}");
        };
        assert_eq!(diagnostic.code.code, "S008", "{text}");
        assert_eq!(diagnostic.message, format!("unsupported YAML tag `{tag}`"));
    }
    let (_, diagnostics) = check("limit: !!int twelve\n");
    assert_eq!(
        diagnostics
            .iter()
            .map(|d| (d.code.code, d.message.as_str()))
            .collect::<Vec<_>>(),
        [("S008", "the value does not match its tag `!!int`")]
    );
}
