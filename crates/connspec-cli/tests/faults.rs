//! Fault injection through the real `connspec test` binary, one table row per fault: every
//! fault switch of the sandbox, plus a closed port, an untrusted TLS certificate, a `.invalid`
//! host, a stalled server, an endless and a dripping body, a token endpoint that echoes what it
//! is sent and a redirect that would carry an API key to another host.
//!
//! Each row states the expected code, a message fragment, the exit status and a time bound;
//! the run gets a canary client secret, and no output (stdout, stderr, the JSON report) may
//! hold the canary, its Basic form or an access token. Rows run a few at a time; everything
//! listens on 127.0.0.1 (or 127.0.0.2), and the `.invalid` name is never looked up (RFC 6761).
//!
//! The send policy has rows of its own: credentials bound for a loopback host of an instance
//! that is not `sandbox: true`, for a host outside the provider's host patterns, or for a token
//! URL on another organisation's tenant are refused before any request, and only
//! `--allow-host` lets the request reach its server. Names that are not loopback reach a
//! recording proxy (`HTTPS_PROXY`) that answers every `CONNECT` with 403, so nothing is looked
//! up or sent off this machine.
//! `cargo test -p connspec-cli --test faults -- --nocapture` prints the measured table.

#![allow(clippy::print_stdout)] // The measured table is the point of `--nocapture`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connspec_diagnostics::Limit;
use connspec_runtime::limits::{
    AGENT_STUDIO_RESPONSE, ATTEMPTS, REQUEST_TIMEOUT, RESPONSE_READ, RUN_DEADLINE,
    TOKEN_RESPONSE_READ,
};
use connspec_sandbox::{Fault, FaultKind, LogEntry, SERVICE_CLIENT_ID, Sandbox, SandboxConfig};
use serde_json::Value;

/// The client secret (and API key) of every run; it must never be printed.
const CANARY: &str = "CANARY-f4ult-s3cr3t-7d2e";

/// Where a row's requests go.
enum Target {
    /// `connectors/coupa/expense-reports.yaml` against the sandbox with these faults; `warm`
    /// sends one API request first (to fill a rate limit's bucket).
    Sandbox { faults: Vec<Fault>, warm: bool },
    /// The token endpoint on the sandbox, the API on a probe.
    Api(Probe),
    /// The token endpoint on a probe, the API on the sandbox.
    Token(Probe),
    /// An `X-COUPA-API-KEY` connector whose server redirects to a recorder on another host.
    ApiKeyRedirect,
    /// A send-policy case: where the spec sends credentials, against the sandbox and the
    /// recording proxy.
    Policy(Policy),
}

/// A host the send policy must not trust unless `--allow-host` names it.
#[derive(Clone, Copy)]
enum Policy {
    /// The sandbox's own instance file without `sandbox: true`: a loopback host nobody vouches
    /// for.
    LoopbackWithoutSandbox,
    /// The API on a host outside the provider's host patterns (`*.coupahost.com`).
    OutsideProviderPatterns,
    /// The token URL on another organisation's tenant (`other-org.coupahost.com`), which the
    /// provider's patterns match but the instance does not name.
    OtherOrganisationToken,
}

/// The API host outside Coupa's patterns; `.invalid`, so a run that bypassed the proxy could
/// not look it up either.
const OUTSIDE_HOST: &str = "reports.collector.invalid";
/// Another organisation's Coupa tenant; only ever reached through the recording proxy.
const OTHER_ORGANISATION_HOST: &str = "other-org.coupahost.com";

/// A hostile or broken server.
#[derive(Clone, Copy)]
enum Probe {
    /// A port nothing listens on.
    Closed,
    /// Accepts the connection and never answers.
    Stalled,
    /// HTTPS with a certificate the run does not trust (another sandbox, its own CA).
    UntrustedTls,
    /// `fault-probe.invalid`, which never resolves.
    Dns,
    /// 200 and a JSON body that never ends.
    Endless,
    /// 200, then the body a byte every 100 ms (a slow loris): only a total timeout ends it.
    Drip,
    /// A token endpoint that answers 401 with the request body in `error_description`.
    Echo,
}

/// What a row must end with.
struct Row {
    name: &'static str,
    target: Target,
    /// Extra `connspec test` arguments (short timeouts, attempts, deadline).
    args: &'static [&'static str],
    exit: i32,
    /// The finding's code (token error or the action's first finding), `None` when clean.
    code: Option<&'static str>,
    /// A fragment of that finding's message.
    fragment: &'static str,
    /// The run must end within this bound (it only catches hangs; typical runs are far below).
    bound: Duration,
    /// A further check on the outcome (request log, recorder, attempts).
    check: Option<Check>,
}

/// A row's further check.
type Check = fn(&Outcome) -> Result<(), String>;

/// A row's index, run time and verdict.
type Verdict = (usize, Duration, Result<(), String>);

/// What a row's run left behind.
struct Outcome {
    report: Value,
    /// The sandbox's request log.
    log: Vec<LogEntry>,
    /// The second host of a redirect.
    redirect_addr: Option<SocketAddr>,
    /// Request heads a recorder probe received.
    recorded: Vec<String>,
}

const SHORT: &[&str] = &["--timeout", "1", "--max-attempts", "3", "--deadline", "20"];

/// The rows that hit a limit, and the limit: their finding must name it and say how to raise it
/// (or why it is fixed), in the registry's words.
const LIMIT_ROWS: &[(&str, &Limit)] = &[
    ("latency beyond --timeout (API)", &REQUEST_TIMEOUT),
    (
        "latency beyond --timeout (token endpoint)",
        &REQUEST_TIMEOUT,
    ),
    ("stalled server (API)", &REQUEST_TIMEOUT),
    ("stalled server (token endpoint)", &REQUEST_TIMEOUT),
    ("body dripping a byte per 100 ms (API)", &REQUEST_TIMEOUT),
    (
        "body dripping a byte per 100 ms (token endpoint)",
        &REQUEST_TIMEOUT,
    ),
    ("503 on the API, always", &ATTEMPTS),
    ("503 on the token endpoint, always", &ATTEMPTS),
    ("429 without Retry-After, always", &ATTEMPTS),
    ("dropped connection, always", &ATTEMPTS),
    (
        "429 with Retry-After: 1000, cut by --deadline",
        &RUN_DEADLINE,
    ),
    ("body over 200 KB (a warning)", &AGENT_STUDIO_RESPONSE),
    ("endless body (API)", &RESPONSE_READ),
    ("endless body (token endpoint)", &TOKEN_RESPONSE_READ),
];

/// The limit a row hits, if any.
fn limit_of(row: &Row) -> Option<&'static Limit> {
    LIMIT_ROWS
        .iter()
        .find(|(name, _)| *name == row.name)
        .map(|(_, limit)| *limit)
}

#[test]
fn every_limit_row_names_a_row() {
    let rows = rows();
    for (name, _) in LIMIT_ROWS {
        assert!(rows.iter().any(|row| row.name == *name), "no row `{name}`");
    }
}

fn rows() -> Vec<Row> {
    let api = |fault: Fault| Target::Sandbox {
        faults: vec![fault.on("/api/*")],
        warm: false,
    };
    let token = |fault: Fault| Target::Sandbox {
        faults: vec![fault.on("/oauth2/token")],
        warm: false,
    };
    let secs = Duration::from_secs;
    vec![
        Row {
            name: "latency beyond --timeout (API)",
            target: api(Fault::latency(secs(30))),
            args: SHORT,
            exit: 1,
            code: Some("R002"),
            fragment: "timed out",
            bound: secs(10),
            check: Some(|o| attempts(o, 1)),
        },
        Row {
            name: "latency beyond --timeout (token endpoint)",
            target: token(Fault::latency(secs(30))),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "timed out",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "503 on the API, always",
            target: api(Fault::status(503)),
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 503",
            bound: secs(10),
            check: Some(|o| attempts(o, 3)),
        },
        Row {
            name: "503 on the API, once",
            target: api(Fault::status(503).times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| attempts(o, 2)),
        },
        Row {
            name: "502 on the API, once (a gateway error: retried)",
            target: api(Fault::status(502).times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| attempts(o, 2)),
        },
        Row {
            name: "504 on the token endpoint, once (retried)",
            target: token(Fault::status(504).times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| token_requests(o, 2)),
        },
        Row {
            name: "500 on the API (an answer: not retried)",
            target: api(Fault::status(500)),
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 500",
            bound: secs(10),
            check: Some(|o| attempts(o, 1)),
        },
        Row {
            name: "503 on the token endpoint, always",
            target: token(Fault::status(503)),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "503",
            bound: secs(10),
            check: Some(|o| token_requests(o, 3)),
        },
        Row {
            name: "503 on the token endpoint, once",
            target: token(Fault::status(503).times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| token_requests(o, 2)),
        },
        Row {
            name: "429 without Retry-After, always",
            target: Target::Sandbox {
                faults: vec![rate_limit(0.001, false)],
                warm: true,
            },
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 429",
            bound: secs(10),
            check: Some(|o| attempts(o, 3)),
        },
        Row {
            name: "429 with Retry-After (3 s), honoured",
            target: Target::Sandbox {
                faults: vec![rate_limit(1.0 / 3.0, true)],
                warm: true,
            },
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(retry_after_was_honoured),
        },
        Row {
            name: "429 with Retry-After: 1000, cut by --deadline",
            target: Target::Sandbox {
                faults: vec![rate_limit(0.001, true)],
                warm: true,
            },
            args: &["--timeout", "1", "--max-attempts", "3", "--deadline", "2"],
            exit: 1,
            code: Some("R002"),
            fragment: "deadline of 2 s passed",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "malformed JSON",
            target: api(Fault::malformed_json()),
            args: SHORT,
            exit: 1,
            code: Some("R004"),
            fragment: "JSON",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "body over 200 KB (a warning)",
            target: api(Fault::oversized_body()),
            args: SHORT,
            exit: 0,
            code: Some("R005"),
            fragment: "over the fixed Agent Studio response limit of 200 KiB",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "redirect to another host (API)",
            target: api(Fault::redirect()),
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 302",
            bound: secs(10),
            check: Some(second_host_saw_no_credentials),
        },
        Row {
            name: "redirect to another host (token endpoint)",
            target: token(Fault::redirect()),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "never follow redirects",
            bound: secs(10),
            check: Some(second_host_saw_no_credentials),
        },
        Row {
            name: "redirect to another host (X-COUPA-API-KEY)",
            target: Target::ApiKeyRedirect,
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 302",
            bound: secs(10),
            check: Some(|o| {
                if o.recorded.iter().any(|head| head.contains(CANARY)) {
                    return Err(format!(
                        "the API key reached the other host: {:?}",
                        o.recorded
                    ));
                }
                Ok(())
            }),
        },
        Row {
            name: "expired token, once (re-minted)",
            target: api(Fault::expired_token().times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| token_requests(o, 2)),
        },
        Row {
            name: "expired token, always (re-minted once)",
            target: api(Fault::expired_token()),
            args: SHORT,
            exit: 1,
            code: Some("R003"),
            fragment: "status 401",
            bound: secs(10),
            check: Some(|o| token_requests(o, 2)),
        },
        Row {
            name: "dropped connection, always",
            target: api(Fault::drop_connection()),
            args: SHORT,
            exit: 1,
            code: Some("R002"),
            fragment: "after 3 attempts",
            bound: secs(10),
            check: Some(|o| attempts(o, 3)),
        },
        Row {
            name: "dropped connection, once",
            target: api(Fault::drop_connection().times(1)),
            args: SHORT,
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| attempts(o, 2)),
        },
        Row {
            name: "closed port (API)",
            target: Target::Api(Probe::Closed),
            args: SHORT,
            exit: 1,
            code: Some("R009"),
            fragment: "refused",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "closed port (token endpoint)",
            target: Target::Token(Probe::Closed),
            args: SHORT,
            exit: 1,
            code: Some("R009"),
            fragment: "refused",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "untrusted TLS certificate (API)",
            target: Target::Api(Probe::UntrustedTls),
            args: SHORT,
            exit: 1,
            code: Some("R010"),
            fragment: "certificate",
            bound: secs(10),
            check: Some(|o| attempts(o, 1)),
        },
        Row {
            name: "untrusted TLS certificate (token endpoint)",
            target: Target::Token(Probe::UntrustedTls),
            args: SHORT,
            exit: 1,
            code: Some("R010"),
            fragment: "certificate",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "DNS failure: fault-probe.invalid (API)",
            target: Target::Api(Probe::Dns),
            args: SHORT,
            exit: 1,
            code: Some("R008"),
            fragment: "fault-probe.invalid",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "DNS failure: fault-probe.invalid (token endpoint)",
            target: Target::Token(Probe::Dns),
            args: SHORT,
            exit: 1,
            code: Some("R008"),
            fragment: "fault-probe.invalid",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "stalled server (API)",
            target: Target::Api(Probe::Stalled),
            args: SHORT,
            exit: 1,
            code: Some("R002"),
            fragment: "timed out",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "stalled server (token endpoint)",
            target: Target::Token(Probe::Stalled),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "timed out",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "endless body (API)",
            target: Target::Api(Probe::Endless),
            args: &["--timeout", "30", "--max-attempts", "3", "--deadline", "30"],
            exit: 1,
            code: Some("R005"),
            fragment: "stopped reading",
            bound: secs(20),
            check: None,
        },
        Row {
            name: "endless body (token endpoint)",
            target: Target::Token(Probe::Endless),
            args: &["--timeout", "30", "--max-attempts", "3", "--deadline", "30"],
            exit: 1,
            code: Some("R001"),
            fragment: "stopped reading",
            bound: secs(20),
            check: None,
        },
        Row {
            name: "body dripping a byte per 100 ms (API)",
            target: Target::Api(Probe::Drip),
            args: SHORT,
            exit: 1,
            code: Some("R002"),
            fragment: "timed out",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "body dripping a byte per 100 ms (token endpoint)",
            target: Target::Token(Probe::Drip),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "timed out",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "token endpoint echoes the secret",
            target: Target::Token(Probe::Echo),
            args: SHORT,
            exit: 1,
            code: Some("R001"),
            fragment: "invalid_client",
            bound: secs(10),
            check: None,
        },
        Row {
            name: "send policy: loopback instance without sandbox: true",
            target: Target::Policy(Policy::LoopbackWithoutSandbox),
            args: SHORT,
            exit: 1,
            code: Some("T012"),
            fragment: "loopback",
            bound: secs(10),
            check: Some(nothing_arrived),
        },
        Row {
            name: "send policy: loopback instance without sandbox: true, --allow-host",
            target: Target::Policy(Policy::LoopbackWithoutSandbox),
            args: &[
                "--allow-host",
                "127.0.0.1",
                "--timeout",
                "5",
                "--deadline",
                "20",
            ],
            exit: 0,
            code: None,
            fragment: "",
            bound: secs(10),
            check: Some(|o| {
                if o.log.iter().any(|e| e.path == "/api/expense_reports") {
                    Ok(())
                } else {
                    Err(format!("the sandbox saw no API request: {:?}", o.log))
                }
            }),
        },
        Row {
            name: "send policy: API host outside the provider's patterns",
            target: Target::Policy(Policy::OutsideProviderPatterns),
            args: SHORT,
            exit: 1,
            code: Some("T014"),
            fragment: OUTSIDE_HOST,
            bound: secs(10),
            check: Some(nothing_arrived),
        },
        Row {
            name: "send policy: API host outside the provider's patterns, --allow-host",
            target: Target::Policy(Policy::OutsideProviderPatterns),
            args: &[
                "--allow-host",
                OUTSIDE_HOST,
                "--timeout",
                "5",
                "--max-attempts",
                "1",
            ],
            exit: 1,
            code: Some("R002"),
            fragment: "tunnel error",
            bound: secs(10),
            check: Some(|o| proxy_was_asked_for(o, OUTSIDE_HOST)),
        },
        Row {
            name: "send policy: token URL on another organisation's tenant",
            target: Target::Policy(Policy::OtherOrganisationToken),
            args: SHORT,
            exit: 1,
            code: Some("T014"),
            fragment: "another organisation's Coupa tenant",
            bound: secs(10),
            check: Some(nothing_arrived),
        },
        Row {
            name: "send policy: token URL on another organisation's tenant, --allow-host",
            target: Target::Policy(Policy::OtherOrganisationToken),
            args: &[
                "--allow-host",
                OTHER_ORGANISATION_HOST,
                "--timeout",
                "5",
                "--max-attempts",
                "1",
            ],
            exit: 1,
            code: Some("R001"),
            fragment: "tunnel error",
            bound: secs(20),
            check: Some(|o| proxy_was_asked_for(o, OTHER_ORGANISATION_HOST)),
        },
    ]
}

/// A leaky bucket of one request refilled at `per_second` on the API routes.
fn rate_limit(per_second: f64, retry_after: bool) -> Fault {
    Fault::new(FaultKind::RateLimit {
        per_second,
        burst: 1,
        retry_after,
    })
    .on("/api/*")
}

fn attempts(outcome: &Outcome, expected: u64) -> Result<(), String> {
    let got = outcome.report["report"]["actions"][0]["attempts"].as_u64();
    if got == Some(expected) {
        Ok(())
    } else {
        Err(format!("attempts: {got:?}, expected {expected}"))
    }
}

fn token_requests(outcome: &Outcome, expected: u64) -> Result<(), String> {
    let got = outcome.report["report"]["token_requests"].as_u64();
    if got == Some(expected) {
        Ok(())
    } else {
        Err(format!("token requests: {got:?}, expected {expected}"))
    }
}

/// The retry came at least the announced second after the 429.
fn retry_after_was_honoured(outcome: &Outcome) -> Result<(), String> {
    let api: Vec<&LogEntry> = outcome
        .log
        .iter()
        .filter(|e| e.path == "/api/expense_reports")
        .collect();
    // The warm-up request, the 429, and the retry that passed.
    let [_, limited, retried] = api.as_slice() else {
        return Err(format!("{} API requests, expected 3", api.len()));
    };
    if limited.status != Some(429) || retried.status != Some(200) {
        return Err(format!(
            "statuses {:?}, {:?}",
            limited.status, retried.status
        ));
    }
    if retried.at_ms < limited.at_ms + 900 {
        return Err(format!(
            "retried {} ms after the 429",
            retried.at_ms - limited.at_ms
        ));
    }
    Ok(())
}

/// The redirect's second host got no request at all, so neither a token nor a secret.
fn second_host_saw_no_credentials(outcome: &Outcome) -> Result<(), String> {
    let other = outcome.redirect_addr.map(|a| a.to_string());
    let reached: Vec<&LogEntry> = outcome
        .log
        .iter()
        .filter(|e| Some(&e.host) == other.as_ref())
        .collect();
    if reached
        .iter()
        .any(|e| e.token_presented || e.client_auth.is_some())
    {
        return Err(format!("credentials reached the other host: {reached:?}"));
    }
    if !reached.is_empty() {
        return Err(format!("the redirect was followed: {reached:?}"));
    }
    Ok(())
}

#[test]
fn every_fault_ends_with_its_code_in_bounded_time_without_leaking() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let dir = tempdir();
    let rows = rows();
    let next = Mutex::new(rows.iter().enumerate());
    let results: Mutex<Vec<Verdict>> = Mutex::new(Vec::new());
    // A few rows at a time: enough to keep the total short, few enough that a 1 s timeout
    // is not eaten by a starved debug build on two cores.
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                loop {
                    let Some((index, row)) = next.lock().expect("not poisoned").next() else {
                        break;
                    };
                    let row_dir = dir.join(format!("row-{index}"));
                    std::fs::create_dir_all(&row_dir).expect("a row folder");
                    let (elapsed, result) = run_row(&runtime, row, &row_dir);
                    results
                        .lock()
                        .expect("not poisoned")
                        .push((index, elapsed, result));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("not poisoned");
    results.sort_by_key(|(index, _, _)| *index);
    println!("| fault | code | exit | bound | measured |");
    println!("| --- | --- | --- | --- | --- |");
    let mut failures = Vec::new();
    for (index, elapsed, result) in &results {
        let row = &rows[*index];
        println!(
            "| {} | {} | {} | {} s | {:.2} s |",
            row.name,
            row.code.unwrap_or("-"),
            row.exit,
            row.bound.as_secs(),
            elapsed.as_secs_f64()
        );
        if let Err(message) = result {
            failures.push(format!("{}: {message}", row.name));
        }
    }
    assert_eq!(results.len(), rows.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sets up one row, runs the binary, and checks everything the row promises.
fn run_row(
    runtime: &tokio::runtime::Runtime,
    row: &Row,
    dir: &Path,
) -> (Duration, Result<(), String>) {
    let sandbox = runtime.block_on(start_sandbox());
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem().unwrap_or_default()).expect("write the CA");
    let recorded = Arc::new(Mutex::new(Vec::new()));
    let mut keep_alive: Vec<Sandbox> = Vec::new();
    let mut proxy: Option<SocketAddr> = None;
    let (spec, instance) = match &row.target {
        Target::Sandbox { faults, warm } => {
            for fault in faults {
                sandbox.add_fault(fault.clone());
            }
            if *warm {
                runtime.block_on(warm_up(&sandbox));
            }
            let instance = dir.join("instance.yaml");
            std::fs::write(&instance, sandbox.instance_file()).expect("write the instance");
            (
                project_root().join("connectors/coupa/expense-reports.yaml"),
                instance,
            )
        }
        Target::Api(probe) | Target::Token(probe) => {
            let (host, scheme) = start_probe(*probe, runtime, &mut keep_alive, &recorded);
            let sandbox_host = sandbox.domain();
            let on_api = matches!(row.target, Target::Api(_));
            let (api, token) = if on_api {
                ((host, scheme), (sandbox_host, "https"))
            } else {
                ((sandbox_host, "https"), (host, scheme))
            };
            probe_files(dir, &api, &token)
        }
        Target::ApiKeyRedirect => {
            let sink = serve("127.0.0.2:0", Arc::clone(&recorded), |stream, _| {
                respond(stream, "200 OK", "application/json", "[]");
            })
            .or_else(|_| {
                serve("127.0.0.1:0", Arc::clone(&recorded), |stream, _| {
                    respond(stream, "200 OK", "application/json", "[]");
                })
            })
            .expect("a recorder");
            let location = format!("http://{sink}/api/expense_reports");
            let redirector = serve(
                "127.0.0.1:0",
                Arc::new(Mutex::new(Vec::new())),
                move |stream, _| {
                    let head = format!(
                        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                    let _ = stream.write_all(head.as_bytes());
                },
            )
            .expect("a redirector");
            api_key_files(dir, &redirector.to_string())
        }
        Target::Policy(policy) => {
            let spawned = policy_files(dir, *policy, &sandbox.instance_file());
            if !matches!(policy, Policy::LoopbackWithoutSandbox) {
                let addr = serve("127.0.0.1:0", Arc::clone(&recorded), |stream, _| {
                    let _ = stream.write_all(
                        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                })
                .expect("a recording proxy");
                proxy = Some(addr);
            }
            spawned
        }
    };
    // A public name is only ever run against the proxy once the binary is seen to use it.
    if let (Target::Policy(Policy::OtherOrganisationToken), Some(addr)) = (&row.target, proxy)
        && row.args.contains(&"--allow-host")
        && let Err(why) = proxy_is_honoured(dir, addr, &recorded)
    {
        return (Duration::ZERO, Err(why));
    }
    let report = dir.join("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_connspec"));
    command
        .arg("test")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance)
        .arg("--cacert")
        .arg(&ca)
        .args(row.args)
        .args(["--format", "json", "--color", "never", "--report"])
        .arg(&report)
        .env("NO_COLOR", "1")
        .env("COUPA_SANDBOX_CLIENT_ID", SERVICE_CLIENT_ID)
        .env("COUPA_SANDBOX_CLIENT_SECRET", CANARY)
        .env("PROBE_CLIENT_ID", SERVICE_CLIENT_ID)
        .env("PROBE_CLIENT_SECRET", CANARY)
        .env("PROBE_API_KEY", CANARY);
    if let Some(addr) = proxy {
        through_proxy(&mut command, addr);
    }
    let started = Instant::now();
    let output = output_within(&mut command, row.bound);
    let elapsed = started.elapsed();
    let log = sandbox.requests();
    let redirect_addr = Some(sandbox.redirect_addr());
    runtime.block_on(async {
        sandbox.shutdown().await;
        for other in keep_alive {
            other.shutdown().await;
        }
    });
    let result = output.and_then(|(code, stdout, stderr)| {
        let json = std::fs::read_to_string(&report).unwrap_or_default();
        let transcript =
            format!("exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- report\n{json}");
        let fail = |why: String| Err(format!("{why}\n{transcript}"));
        if stderr.contains("panicked") {
            return fail("a panic".into());
        }
        for leak in leaks() {
            if stdout.contains(&leak) || stderr.contains(&leak) || json.contains(&leak) {
                return fail(format!("`{leak}` is in the output"));
            }
        }
        if code != row.exit {
            return fail(format!("exit {code}, expected {}", row.exit));
        }
        // A run the send policy refuses ends before it starts: no report, the finding on stderr.
        let refused = json.is_empty() && matches!(row.target, Target::Policy(_));
        let value = if refused {
            Value::Null
        } else if let Ok(value) = serde_json::from_str::<Value>(&json) {
            value
        } else {
            return fail("the report is not JSON".into());
        };
        let finding = if refused {
            first_error(&stderr)
        } else {
            value["report"]["token_error"]
                .as_object()
                .cloned()
                .or_else(|| {
                    value["report"]["actions"][0]["findings"][0]
                        .as_object()
                        .cloned()
                })
        };
        match (row.code, finding) {
            (None, None) => {}
            (None, Some(finding)) => return fail(format!("unexpected finding {finding:?}")),
            (Some(code), None) => return fail(format!("no finding, expected {code}")),
            (Some(code), Some(finding)) => {
                let message = finding["message"].as_str().unwrap_or_default();
                if finding["code"] != code || !message.contains(row.fragment) {
                    return fail(format!(
                        "finding {} `{message}`, expected {code} with `{}`",
                        finding["code"], row.fragment
                    ));
                }
                // The human summary (or the refusal) shows the same code.
                let shown = if refused { &stderr } else { &stdout };
                if !shown.contains(&format!("[{code}]")) {
                    return fail(format!("the human summary does not show {code}"));
                }
                if let Some(limit) = limit_of(row)
                    && !(message.contains(limit.name) && message.contains(&limit.remedy()))
                {
                    return fail(format!(
                        "`{message}` does not name the {} and say `{}`",
                        limit.name,
                        limit.remedy()
                    ));
                }
            }
        }
        if let Some(check) = row.check {
            let outcome = Outcome {
                report: value,
                log,
                redirect_addr,
                recorded: recorded.lock().expect("not poisoned").clone(),
            };
            if let Err(why) = check(&outcome) {
                return fail(why);
            }
        }
        Ok(())
    });
    (elapsed, result)
}

/// The canary, its Basic forms, and any JWT-shaped (sandbox) access token.
fn leaks() -> Vec<String> {
    vec![
        CANARY.to_owned(),
        base64(&format!("{SERVICE_CLIENT_ID}:{CANARY}")),
        base64(CANARY),
        "eyJ".to_owned(),
    ]
}

async fn start_sandbox() -> Sandbox {
    let mut config = SandboxConfig {
        port: 0,
        ..SandboxConfig::default()
    };
    for client in &mut config.clients {
        if client.id == SERVICE_CLIENT_ID {
            client.secret = Some(CANARY.to_owned());
        }
    }
    Sandbox::start(config).await.expect("the sandbox starts")
}

/// One API request, so that a rate limit's bucket is full when the run starts.
async fn warm_up(sandbox: &Sandbox) {
    let client =
        connspec_runtime::http::client(sandbox.ca_pem(), Duration::from_secs(5), false, None)
            .expect("a client");
    let _ = client
        .get(format!("{}/api/expense_reports", sandbox.base_url()))
        .send()
        .await;
}

/// Starts `probe`; returns its `host:port` and the scheme to reach it with.
fn start_probe(
    probe: Probe,
    runtime: &tokio::runtime::Runtime,
    keep_alive: &mut Vec<Sandbox>,
    recorded: &Arc<Mutex<Vec<String>>>,
) -> (String, &'static str) {
    let nothing = Arc::clone(recorded);
    match probe {
        Probe::Closed => {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            let addr = listener.local_addr().expect("an address");
            drop(listener);
            (addr.to_string(), "https")
        }
        Probe::Stalled => {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            let addr = listener.local_addr().expect("an address");
            std::thread::spawn(move || {
                // Hold every connection open, answer nothing.
                let mut held = Vec::new();
                for stream in listener.incoming().flatten() {
                    held.push(stream);
                }
            });
            (addr.to_string(), "https")
        }
        Probe::UntrustedTls => {
            // Its own CA, generated at start; the run trusts only the first sandbox's.
            let other = runtime.block_on(start_sandbox());
            let host = other.domain();
            keep_alive.push(other);
            (host, "https")
        }
        Probe::Dns => ("fault-probe.invalid".to_owned(), "https"),
        Probe::Endless => {
            let addr = serve("127.0.0.1:0", nothing, |stream, _| {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[";
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                let chunk = "0,".repeat(32 * 1024);
                while stream.write_all(chunk.as_bytes()).is_ok() {}
            })
            .expect("an endless server");
            (addr.to_string(), "http")
        }
        Probe::Drip => {
            let addr = serve("127.0.0.1:0", nothing, |stream, _| {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[";
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                while stream.write_all(b" ").is_ok() {
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
            .expect("a dripping server");
            (addr.to_string(), "http")
        }
        Probe::Echo => {
            let addr = serve("127.0.0.1:0", nothing, |stream, request| {
                let body = request.split("\r\n\r\n").nth(1).unwrap_or_default();
                let echoed = serde_json::json!({
                    "error": "invalid_client",
                    "error_description": format!("unknown client; you sent {body} and {request}"),
                });
                respond(
                    stream,
                    "401 Unauthorized",
                    "application/json",
                    &echoed.to_string(),
                );
            })
            .expect("an echo server");
            (addr.to_string(), "http")
        }
    }
}

/// The probe spec (client credentials; API and token endpoint on their own hosts) and its
/// instance file, in `dir`.
fn probe_files(dir: &Path, api: &(String, &str), token: &(String, &str)) -> (PathBuf, PathBuf) {
    let allow = |scheme: &str| {
        if scheme == "http" {
            "  # connspec: allow A002 -- a loopback probe"
        } else {
            ""
        }
    };
    let spec = format!(
        "spec_version: 1
name: fault_probe
instance:
  api: {{ format: hostname, example: 127.0.0.1:1 }}
  token: {{ format: hostname, example: 127.0.0.1:1 }}
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: {api_scheme}://{{{{ instance.api }}}}{api_allow}
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: {token_scheme}://{{{{ instance.token }}}}/oauth2/token{token_allow}
  client_id: \"{{{{ secrets.CLIENT_ID }}}}\"
  client_secret: \"{{{{ secrets.CLIENT_SECRET }}}}\"
  scopes: [core.expense.read]
actions:
  list_expense_reports:
    method: GET
    path: /api/expense_reports
    headers: {{ Accept: application/json }}
    expect: {{ status: 200, json: array }}
",
        api_scheme = api.1,
        api_allow = allow(api.1),
        token_scheme = token.1,
        token_allow = allow(token.1),
    );
    let instance = format!(
        "instance_version: 1
sandbox: true
values:
  api: {}
  token: {}
secrets:
  CLIENT_ID: env:PROBE_CLIENT_ID
  CLIENT_SECRET: env:PROBE_CLIENT_SECRET
",
        api.0, token.0
    );
    write_pair(dir, &spec, &instance)
}

/// Coupa's legacy API key header, against `host` over plain HTTP (loopback).
fn api_key_files(dir: &Path, host: &str) -> (PathBuf, PathBuf) {
    let spec = "spec_version: 1
name: fault_api_key
instance:
  api: { format: hostname, example: 127.0.0.1:1 }
secrets: [API_KEY]
base_url: http://{{ instance.api }}  # connspec: allow A002 -- a loopback probe
auth:
  type: api_key
  header_name: X-COUPA-API-KEY
  value_pattern: \"%s\"
  key: \"{{ secrets.API_KEY }}\"
actions:
  list_expense_reports:
    method: GET
    path: /api/expense_reports
    headers: { Accept: application/json }
    expect: { status: 200, json: array }
";
    let instance = format!(
        "instance_version: 1\nsandbox: true\nvalues:\n  api: {host}\nsecrets:\n  API_KEY: env:PROBE_API_KEY\n"
    );
    write_pair(dir, spec, &instance)
}

fn write_pair(dir: &Path, spec: &str, instance: &str) -> (PathBuf, PathBuf) {
    let (spec_path, instance_path) = (dir.join("spec.yaml"), dir.join("instance.yaml"));
    std::fs::write(&spec_path, spec).expect("write the spec");
    std::fs::write(&instance_path, instance).expect("write the instance");
    (spec_path, instance_path)
}

type Handler = dyn Fn(&mut TcpStream, &str) + Send + Sync;

/// A plain HTTP/1.1 server on `addr` that records each request head and answers with
/// `handler` (one request per connection).
fn serve(
    addr: &str,
    recorded: Arc<Mutex<Vec<String>>>,
    handler: impl Fn(&mut TcpStream, &str) + Send + Sync + 'static,
) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let handler: Arc<Handler> = Arc::new(handler);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let recorded = Arc::clone(&recorded);
            let handler = Arc::clone(&handler);
            std::thread::spawn(move || {
                let request = read_request(&mut stream);
                recorded.lock().expect("not poisoned").push(request.clone());
                handler(&mut stream, &request);
            });
        }
    });
    Ok(local)
}

/// A request's head and its `Content-Length` body, as text.
fn read_request(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

/// Runs `command` to its end, or kills it after `bound`: (exit code, stdout, stderr).
fn output_within(command: &mut Command, bound: Duration) -> Result<(i32, String, String), String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("connspec does not start: {e}"))?;
    let pipe = |reader: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut reader) = reader {
                let _ = reader.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = pipe(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = pipe(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + bound;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "no end within {bound:?} (killed)\n--- stderr\n{}",
                stderr.join().unwrap_or_default()
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok((
        status.code().unwrap_or(-1),
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    ))
}

/// The spec and instance of a send-policy row, in `dir`: the Coupa spec (its API or token
/// host moved for the row) and the sandbox's instance file (`sandbox` is its text).
fn policy_files(dir: &Path, policy: Policy, sandbox: &str) -> (PathBuf, PathBuf) {
    let spec =
        std::fs::read_to_string(project_root().join("connectors/coupa/expense-reports.yaml"))
            .expect("the spec");
    let (spec, instance) = match policy {
        Policy::LoopbackWithoutSandbox => (spec, sandbox.replace("sandbox: true\n", "")),
        Policy::OutsideProviderPatterns => (
            spec.replace(
                "base_url: https://{{ instance.domain }}",
                &format!("base_url: https://{OUTSIDE_HOST}"),
            ),
            sandbox.to_owned(),
        ),
        Policy::OtherOrganisationToken => (
            spec.replace(
                "token_url: https://{{ instance.domain }}/oauth2/token",
                &format!("token_url: https://{OTHER_ORGANISATION_HOST}/oauth2/token"),
            ),
            sandbox.to_owned(),
        ),
    };
    assert!(
        spec.contains(OUTSIDE_HOST)
            || spec.contains(OTHER_ORGANISATION_HOST)
            || matches!(policy, Policy::LoopbackWithoutSandbox),
        "the Coupa spec's URLs moved; update the send-policy rows"
    );
    assert!(
        !instance.contains("sandbox: true") || !matches!(policy, Policy::LoopbackWithoutSandbox),
        "the sandbox's instance file changed; update the send-policy rows"
    );
    write_pair(dir, &spec, &instance)
}

/// Routes every name but the loopback ones through the recording proxy at `addr`.
fn through_proxy(command: &mut Command, addr: SocketAddr) {
    let url = format!("http://{addr}");
    for name in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env(name, &url);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        command.env(name, "127.0.0.1,localhost");
    }
    for name in ["HTTP_PROXY", "http_proxy"] {
        command.env_remove(name);
    }
}

/// Runs the binary once for a `.invalid` token host through the proxy at `addr` and checks
/// that the proxy saw it, before a row sends a public name there: a binary that ignored the
/// proxy would otherwise look the name up. The recorder is emptied afterwards.
fn proxy_is_honoured(
    dir: &Path,
    addr: SocketAddr,
    recorded: &Arc<Mutex<Vec<String>>>,
) -> Result<(), String> {
    const PREFLIGHT: &str = "preflight.invalid";
    let spec =
        std::fs::read_to_string(project_root().join("connectors/coupa/expense-reports.yaml"))
            .expect("the spec")
            .replace(
                "token_url: https://{{ instance.domain }}/oauth2/token",
                &format!("token_url: https://{PREFLIGHT}/oauth2/token"),
            );
    let preflight = dir.join("preflight");
    std::fs::create_dir_all(&preflight).expect("a preflight folder");
    let instance = "instance_version: 1\nvalues: { domain: acme-test.coupahost.com }\nsecrets:\n  \
                    COUPA_CLIENT_ID: env:COUPA_SANDBOX_CLIENT_ID\n  \
                    COUPA_CLIENT_SECRET: env:COUPA_SANDBOX_CLIENT_SECRET\n";
    let (spec, instance) = write_pair(&preflight, &spec, instance);
    let mut command = Command::new(env!("CARGO_BIN_EXE_connspec"));
    command
        .arg("test")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance)
        .args([
            "--allow-host",
            PREFLIGHT,
            "--timeout",
            "5",
            "--max-attempts",
            "1",
        ])
        .env("COUPA_SANDBOX_CLIENT_ID", SERVICE_CLIENT_ID)
        .env("COUPA_SANDBOX_CLIENT_SECRET", CANARY);
    through_proxy(&mut command, addr);
    let _ = output_within(&mut command, Duration::from_secs(10));
    let mut seen = recorded.lock().expect("not poisoned");
    let honoured = seen
        .iter()
        .any(|head| head.starts_with(&format!("CONNECT {PREFLIGHT}:443 ")));
    seen.clear();
    if honoured {
        Ok(())
    } else {
        Err(
            "the binary does not use HTTPS_PROXY: the row would look a public name up, so it \
             did not run"
                .to_owned(),
        )
    }
}

/// The first `error[CODE]: message` line of a refusal, as a report finding.
fn first_error(stderr: &str) -> Option<serde_json::Map<String, Value>> {
    let line = stderr.lines().find(|l| l.starts_with("error["))?;
    let (code, message) = line.strip_prefix("error[")?.split_once("]: ")?;
    let mut finding = serde_json::Map::new();
    finding.insert("code".to_owned(), Value::from(code));
    finding.insert("message".to_owned(), Value::from(message));
    Some(finding)
}

/// Neither the sandbox nor the proxy got any request.
fn nothing_arrived(outcome: &Outcome) -> Result<(), String> {
    if !outcome.log.is_empty() {
        return Err(format!("the sandbox got requests: {:?}", outcome.log));
    }
    if !outcome.recorded.is_empty() {
        return Err(format!("the proxy got requests: {:?}", outcome.recorded));
    }
    Ok(())
}

/// The proxy was asked for a tunnel to `host`, and for nothing else.
fn proxy_was_asked_for(outcome: &Outcome, host: &str) -> Result<(), String> {
    let expected = format!("CONNECT {host}:443 ");
    if outcome.recorded.is_empty() {
        return Err(format!("no request reached the proxy for `{host}`"));
    }
    if let Some(other) = outcome.recorded.iter().find(|h| !h.starts_with(&expected)) {
        return Err(format!("the proxy got another request: {other:?}"));
    }
    Ok(())
}

fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// A fresh folder under the target directory's temporary space.
fn tempdir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("faults-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}
