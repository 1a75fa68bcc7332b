//! Reports of a run, as `connspec test` prints or writes them: human (one line per action,
//! the failed expectations as diagnostics at the spec's lines, the token report), JSON (a
//! stable document, version 1) and `JUnit` XML (one test case per action, through the
//! diagnostics crate's `JunitXml`). Pure functions of a [`RunReport`]: nothing is printed here.

use std::fmt::Write as _;

use connspec_compile::RuntimeAuth;
use connspec_diagnostics::junit::JunitXml;
use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{FileReport, Severity, SourceFile, terminal};
use connspec_model::yaml::Document;

use crate::{ActionReport, Outcome, RunReport, TokenReport, diagnostics};

/// What a report says besides the run itself.
#[derive(Debug, Clone, Copy)]
pub struct ReportContext<'a> {
    /// The spec as read: its name, and its lines for `JUnit`.
    pub spec: &'a SourceFile,
    /// The spec as printed, literal secrets masked: the snippets of the human report.
    pub shown: &'a SourceFile,
    pub document: &'a Document,
    /// What the run was against: the instance file's name, or `sandbox`.
    pub instance: &'a str,
    /// How it authenticated ([`auth_label`]).
    pub auth: &'a str,
}

/// How a connector authenticates, in a few words (`oauth2 client_credentials`, `api key`).
pub fn auth_label(auth: &RuntimeAuth) -> String {
    match auth {
        RuntimeAuth::OAuth2(oauth) => format!("oauth2 {}", oauth.grant),
        RuntimeAuth::None => "none".to_owned(),
        RuntimeAuth::Basic { .. } => "basic".to_owned(),
        RuntimeAuth::Header { .. } | RuntimeAuth::Query { .. } => "api key".to_owned(),
        RuntimeAuth::Jwt(_) => "jwt".to_owned(),
        RuntimeAuth::Unsupported(kind) => (*kind).to_owned(),
    }
}

/// One line per action, the findings as diagnostics (with ANSI colours when `color`), the
/// token report and a summary.
pub fn render_human(report: &RunReport, context: &ReportContext<'_>, color: bool) -> String {
    let mut out = render_header(
        &report.connector,
        context.instance,
        context.auth,
        report.token.as_ref(),
        report.token_error.is_some(),
    );
    for action in &report.actions {
        out.push_str(&render_action_line(action));
    }
    out.push_str(&render_footer(report, context, color));
    out
}

/// The head of the human report: what is tested against what, and the token step. A
/// streaming printer shows it as soon as the token step is over.
pub fn render_header(
    connector: &str,
    instance: &str,
    auth: &str,
    token: Option<&TokenReport>,
    token_failed: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "connspec test {connector} against {instance} ({auth})\n"
    );
    if let Some(token) = token {
        let _ = writeln!(out, "token endpoint {}", token.token_url);
        match token.client_authentication.as_deref() {
            Some(auth) => {
                let _ = writeln!(out, "  client authentication: {auth}");
            }
            None if token.failed_attempts.is_empty() && !token_failed => {
                let _ = writeln!(
                    out,
                    "  token:                 from `connspec login` (not requested)"
                );
            }
            None => {
                let _ = writeln!(out, "  client authentication: none succeeded");
            }
        }
        for attempt in &token.failed_attempts {
            let _ = writeln!(out, "  failed attempt:        {attempt}");
        }
        if let Some(expires) = token.expires_in {
            let _ = writeln!(out, "  expires_in:            {expires} s");
        }
        let _ = writeln!(
            out,
            "  requested scopes:      {}",
            join_or_none(&token.requested_scopes)
        );
        match &token.granted_scopes {
            Some(granted) => {
                let _ = writeln!(out, "  granted scopes:        {}", join_or_none(granted));
                let missing: Vec<&str> = token
                    .requested_scopes
                    .iter()
                    .filter(|s| !granted.contains(s))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    let _ = writeln!(out, "  not granted:           {}", missing.join(" "));
                }
            }
            None => {
                let _ = writeln!(out, "  granted scopes:        (not in the response)");
            }
        }
        let _ = writeln!(out, "  token requests:        {}", token.requests);
        // `-vv`: each token exchange, as an HTTP client's trace shows it.
        for exchange in &token.exchanges {
            for line in &exchange.request {
                let _ = writeln!(out, "  > {line}");
            }
            if let Some(body) = &exchange.request_body {
                let _ = writeln!(out, "  > {body}");
            }
            for line in &exchange.response {
                let _ = writeln!(out, "  < {line}");
            }
            if let Some(body) = &exchange.body {
                let _ = writeln!(out, "  < {body}");
            }
        }
        out.push('\n');
    }
    // Names, URLs and scopes come from the spec and the server: control and bidirectional
    // characters in them are shown as escapes.
    terminal::escape(&out).into_owned()
}

/// One action's line: PASS, FAIL or SKIP with its method, name, status, time and size.
pub fn render_action_line(action: &ActionReport) -> String {
    let mut out = String::new();
    let (mark, detail) = match action.outcome {
        Outcome::Passed => ("PASS", String::new()),
        Outcome::Failed => ("FAIL", String::new()),
        Outcome::Skipped => (
            "SKIP",
            format!("  ({})", action.skipped.as_deref().unwrap_or("skipped")),
        ),
    };
    let status = action
        .status
        .map_or_else(|| "---".to_owned(), |s| s.to_string());
    let retries = if action.attempts > 1 {
        format!("  {} attempts", action.attempts)
    } else {
        String::new()
    };
    if action.outcome == Outcome::Skipped {
        let _ = writeln!(out, "{mark}  {:<6} {}{detail}", action.method, action.name);
    } else {
        let _ = writeln!(
            out,
            "{mark}  {:<6} {:<32} {status}  {:>5} ms  {:>9}{retries}",
            action.method,
            action.name,
            action.latency_ms,
            bytes(action.bytes)
        );
    }
    // `--verbose`: what was sent and received, as an HTTP client's trace shows it.
    if let Some(exchange) = &action.exchange {
        for line in &exchange.request {
            let _ = writeln!(out, "      > {line}");
        }
        for line in &exchange.response {
            let _ = writeln!(out, "      < {line}");
        }
        if let Some(body) = &exchange.body {
            let _ = writeln!(out, "      < {body}");
        }
    }
    terminal::escape(&out).into_owned()
}

/// The tail of the human report: the findings at their YAML lines and the summary.
pub fn render_footer(report: &RunReport, context: &ReportContext<'_>, color: bool) -> String {
    let mut out = String::new();
    let findings = diagnostics(report, context.document);
    if !findings.is_empty() {
        out.push('\n');
        // The human format reads no code metadata (only SARIF does).
        let options = RenderOptions {
            color,
            codes: &[],
            tool_version: "",
        };
        let file = FileReport::new(context.shown.clone(), findings);
        out.push_str(&render(Format::Human, &[file], &options));
    }
    let _ = writeln!(
        out,
        "\n{} passed, {} failed, {} skipped; {} requests, {} token request{}, {} ms",
        report.count(Outcome::Passed),
        report.count(Outcome::Failed) + usize::from(report.token_error.is_some()),
        report.count(Outcome::Skipped),
        report.requests,
        report.token_requests,
        if report.token_requests == 1 { "" } else { "s" },
        report.elapsed_ms
    );
    out
}

/// The stable JSON document (version 1): the spec, the instance, whether the run passed, and
/// the whole report.
pub fn render_json(report: &RunReport, context: &ReportContext<'_>) -> String {
    let document = serde_json::json!({
        "version": 1,
        "spec": context.spec.name(),
        "instance": context.instance,
        "passed": !report.failed(),
        "report": report,
    });
    let mut text =
        terminal::escape_json(&connspec_diagnostics::pretty::to_string(&document)).into_owned();
    text.push('\n');
    text
}

/// `JUnit` XML: one test suite for the connector, one test case per action (and one for the
/// token when none was obtained), each with the spec file and line of its action.
pub fn render_junit(report: &RunReport, context: &ReportContext<'_>) -> String {
    let failures = report.count(Outcome::Failed) + usize::from(report.token_error.is_some());
    let spec_name = context.spec.name();
    let line_of = |pointer: &str| {
        let span = context.document.spans.key_or_value(pointer);
        context.spec.line_col(span.start).line
    };
    let mut xml = JunitXml::new();
    xml.open(
        "testsuite",
        &[
            ("name", &report.connector),
            (
                "tests",
                &(report.actions.len() + usize::from(report.token_error.is_some())),
            ),
            ("failures", &failures),
            ("skipped", &report.count(Outcome::Skipped)),
            ("time", &format_args!("{:.3}", secs(report.elapsed_ms))),
        ],
    )
    .newline();
    if let Some(finding) = &report.token_error {
        xml.indent(1)
            .open(
                "testcase",
                &[
                    ("classname", &report.connector),
                    ("name", &"token"),
                    ("file", &spec_name),
                    ("line", &line_of(&finding.pointer)),
                ],
            )
            .empty(
                "failure",
                &[("type", &finding.code.code), ("message", &finding.message)],
            )
            .close("testcase")
            .newline();
    }
    for action in &report.actions {
        xml.indent(1).open(
            "testcase",
            &[
                ("classname", &report.connector),
                ("name", &action.name),
                ("file", &spec_name),
                ("line", &line_of(&action.pointer)),
                ("time", &format_args!("{:.3}", secs(action.latency_ms))),
            ],
        );
        match action.outcome {
            Outcome::Skipped => {
                xml.empty(
                    "skipped",
                    &[("message", &action.skipped.as_deref().unwrap_or_default())],
                );
            }
            Outcome::Failed | Outcome::Passed => {
                for finding in action
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                {
                    xml.empty(
                        "failure",
                        &[
                            ("type", &finding.code.code),
                            (
                                "message",
                                &format_args!(
                                    "{} (line {})",
                                    finding.message,
                                    line_of(&finding.pointer)
                                ),
                            ),
                        ],
                    );
                }
            }
        }
        xml.close("testcase").newline();
    }
    xml.close("testsuite").newline();
    xml.finish()
}

fn join_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(" ")
    }
}

fn bytes(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        #[allow(clippy::cast_precision_loss)] // display only
        let kib = n as f64 / 1024.0;
        format!("{kib:.1} KiB")
    }
}

#[allow(clippy::cast_precision_loss)] // display only
fn secs(ms: u64) -> f64 {
    ms as f64 / 1000.0
}
