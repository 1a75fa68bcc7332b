//! Live runs of connector specs: tokens, actions, expectations and redaction.
//!
//! [`run`] takes the runtime view that `connspec_compile::runtime` renders (real values,
//! secrets kept in `Tainted`) and calls the API: one access token per run through the
//! `oauth2` crate (with a raw escape hatch for quirky token responses) or a signed JWT
//! (`jwt.rs`: the bearer token itself, or exchanged at the token URL), the actions
//! concurrently over one connection pool with timeouts, retries and a deadline, and each
//! response checked against the action's `expect`. Every string of the [`RunReport`] is
//! scrubbed of secret values, tokens and their derived forms. [`diagnostics`] maps the
//! report's findings to diagnostics at the spec's YAML lines, and [`report`] renders a report
//! as text, JSON or `JUnit` XML. [`limits`] describes every limit
//! of a run for `docs/limits.md` and the messages.

pub mod codes;
pub mod expect;
pub mod http;
mod jwt;
pub mod limits;
pub mod login;
mod record;
pub mod report;
mod retry;
mod run;
pub mod secrets;
mod token;

use connspec_diagnostics::Diagnostic;
use connspec_model::yaml::Document;

pub use expect::{AGENT_STUDIO_RESPONSE_LIMIT, Finding};
pub use login::StoredToken;
pub use run::{ActionReport, EventSink, Exchange, Outcome, RunEvent, RunOptions, RunReport, run};
pub use token::{TokenError, TokenReport};

/// Infrastructure errors: the run could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

/// The findings of `report` as diagnostics in the spec `document`: each at the action's key,
/// with the failed `expect` entry as a secondary label.
pub fn diagnostics(report: &RunReport, document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let to_diagnostic = |finding: &Finding, action: Option<&ActionReport>| {
        let mut diagnostic =
            Diagnostic::new(finding.code, finding.severity, finding.message.clone());
        match action {
            // A replayed request that differs from the recording: at the part that differs
            // (the query parameter, say), which is where the spec changed.
            Some(action)
                if finding.code.code == codes::REPLAY_MISMATCH.code
                    && finding.pointer != action.pointer =>
            {
                diagnostic = diagnostic
                    .with_span(document.spans.key_or_value(&finding.pointer))
                    .with_label("differs from the recording")
                    .with_secondary(
                        document.spans.key_or_value(&action.pointer),
                        format!("{} {}", action.method, action.name),
                    );
            }
            Some(action) => {
                diagnostic = diagnostic
                    .with_span(document.spans.key_or_value(&action.pointer))
                    .with_label(format!("{} {}", action.method, action.name));
                if finding.pointer != action.pointer {
                    diagnostic = diagnostic.with_secondary(
                        document.spans.key_or_value(&finding.pointer),
                        "expected here",
                    );
                }
            }
            None => {
                diagnostic = diagnostic
                    .with_span(document.spans.key_or_value(&finding.pointer))
                    .with_label("while getting a token");
            }
        }
        diagnostic
    };
    if let Some(finding) = &report.token_error {
        out.push(to_diagnostic(finding, None));
    }
    for action in &report.actions {
        for finding in &action.findings {
            out.push(to_diagnostic(finding, Some(action)));
        }
    }
    out
}
