//! End-to-end tests of `connspec test`: the Coupa connectors pass against the embedded sandbox,
//! a missing scope is a 403 at the action's YAML line, writes need `--allow-writes`, the JSON
//! and JUnit reports, `--instance` against a running `connspec sandbox`, and a canary secret
//! that never appears in any output. Everything stays on 127.0.0.1.

mod common;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, connspec, run};
use connspec_sandbox::{Fault, GrantType, Sandbox, SandboxConfig};
use connspec_tests::project_root;

const EXPENSE_REPORTS: &str = "connectors/coupa/expense-reports.yaml";
const APPROVALS: &str = "connectors/coupa/approvals-service.yaml";
const CANARY: &str = "CANARY-s3cr3t-9f1c";

fn test(args: &[&str]) -> Run {
    run(connspec()
        .current_dir(project_root())
        .arg("test")
        .args(args)
        .args(["--color", "never"])
        .env("NO_COLOR", "1"))
}

#[test]
fn quick_start_expense_reports_pass_with_the_sandbox() {
    let out = test(&[EXPENSE_REPORTS, "--sandbox"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(
        out.stdout.contains("PASS  GET    list_expense_reports"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("client authentication: request_body"));
    assert!(out.stdout.contains("expires_in:            86399 s"));
    assert!(out.stdout.contains("1 passed, 0 failed, 0 skipped"));
    assert!(out.stdout.contains("1 token request,"));
}

/// Every Coupa connector runs cleanly against the sandbox with its writes: the shipped
/// approvals connector approves one pending approval and rejects another.
#[test]
fn every_coupa_connector_passes_with_writes_against_the_sandbox() {
    let dir = project_root().join("connectors/coupa");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .expect("connectors/coupa")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 3, "{specs:?}");
    for spec in &specs {
        let spec = spec.to_str().expect("utf-8 path");
        let out = test(&[spec, "--sandbox", "--allow-writes"]);
        assert_eq!(out.code, 0, "{spec}: {}", out.transcript());
        assert!(
            out.stdout.contains(" 0 failed, 0 skipped"),
            "{spec}: {}",
            out.stdout
        );
    }
}

#[test]
fn approvals_pass_and_writes_are_skipped_without_allow_writes() {
    let out = test(&[APPROVALS, "--sandbox"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(
        out.stdout
            .contains("SKIP  PUT    approve  (PUT changes data; pass --allow-writes to run it)")
    );
    assert!(
        out.stdout.contains("4 passed, 0 failed, 2 skipped"),
        "{}",
        out.stdout
    );

    let out = test(&[
        APPROVALS,
        "--sandbox",
        "--allow-writes",
        "--action",
        "approve",
    ]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(
        out.stdout.contains("PASS  PUT    approve"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 passed, 0 failed, 0 skipped"));
}

#[test]
fn a_missing_scope_fails_with_the_403_at_the_action_line() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(project_root().join(EXPENSE_REPORTS))
        .unwrap()
        .replace("scopes: [core.expense.read]", "scopes: [core.user.read]")
        .replace(
            "path: /api/expense_reports\n",
            "path: /api/expense_reports  # connspec: allow P002 -- the live 403 is the point\n",
        );
    let path = dir.path().join("no-scope.yaml");
    std::fs::write(&path, spec).unwrap();
    let out = test(&[path.to_str().unwrap(), "--sandbox"]);
    assert_eq!(out.code, 1, "{}", out.transcript());
    let text = &out.stdout;
    assert!(
        text.contains("FAIL  GET    list_expense_reports             403"),
        "{text}"
    );
    assert!(
        text.contains(
            "error[R003]: status 403, expected 200 (the token lacks a scope this route needs)"
        ),
        "{text}"
    );
    // The action's key, and the `expect.status` entry below it.
    let file = path.display().to_string();
    assert!(text.contains(&format!("--> {file}:32:3")), "{text}");
    assert!(text.contains("32 |   list_expense_reports:"), "{text}");
    assert!(text.contains("55 |       status: 200"), "{text}");
    assert!(text.contains("expected here"), "{text}");
}

#[test]
fn json_and_junit_reports() {
    let out = test(&[APPROVALS, "--sandbox", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["passed"], true);
    assert_eq!(json["report"]["token_requests"], 1);
    assert_eq!(
        json["report"]["actions"][0]["name"],
        "list_pending_approvals"
    );
    assert_eq!(json["report"]["actions"][0]["outcome"], "passed");
    assert_eq!(json["report"]["actions"][2]["outcome"], "skipped");
    assert_eq!(
        json["report"]["token"]["client_authentication"],
        "request_body"
    );

    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.xml");
    let out = test(&[
        APPROVALS,
        "--sandbox",
        "--format",
        "junit",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(out.stdout.contains("4 passed"), "the summary still prints");
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(
        xml.contains(
            "<testsuite name=\"coupa_approvals_service\" tests=\"6\" failures=\"0\" skipped=\"2\""
        ),
        "{xml}"
    );
    assert!(xml.contains("name=\"approve\""));
    assert!(xml.contains("<skipped message="));
}

#[test]
fn usage_errors_exit_2() {
    let out = test(&[EXPENSE_REPORTS, "--sandbox", "--action", "nope"]);
    assert_eq!(out.code, 2, "{}", out.transcript());
    assert!(out.stderr.contains("no such action"));
    let out = test(&[EXPENSE_REPORTS, "--sandbox", "--input", "nope=1"]);
    assert_eq!(out.code, 2, "{}", out.transcript());
    let out = test(&[EXPENSE_REPORTS]);
    assert_eq!(out.code, 2, "--instance or --sandbox is required");
}

/// Kills the sandbox this test started when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn binary() -> PathBuf {
    assert_eq!(run(connspec().arg("--version")).code, 0);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from);
    target
        .join("debug")
        .join(format!("connspec{}", std::env::consts::EXE_SUFFIX))
}

/// Starts `connspec sandbox --port 0` writing its instance file and CA into `dir`; returns
/// the process and the test client's (id, secret) from its banner.
fn start_sandbox(dir: &Path) -> (Running, String, String) {
    let mut child = Command::new(binary())
        .args(["sandbox", "--port", "0", "--instance-out"])
        .arg(dir.join("sandbox.yaml"))
        .arg("--ca-out")
        .arg(dir.join("ca.pem"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("connspec sandbox starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let running = Running(child);
    let mut lines = BufReader::new(stdout).lines();
    let (mut id, mut secret) = (String::new(), String::new());
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(v) = line.strip_prefix("export COUPA_SANDBOX_CLIENT_ID=") {
            v.clone_into(&mut id);
        }
        if let Some(v) = line.strip_prefix("export COUPA_SANDBOX_CLIENT_SECRET=") {
            v.clone_into(&mut secret);
        }
        if line.starts_with("Press Ctrl-C") {
            break;
        }
    }
    assert!(
        !id.is_empty() && !secret.is_empty(),
        "the sandbox printed its credentials"
    );
    (running, id, secret)
}

#[test]
fn instance_file_against_a_running_sandbox_and_a_canary_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, id, secret) = start_sandbox(dir.path());
    let instance = dir.path().join("sandbox.yaml");
    let ca = dir.path().join("ca.pem");
    let run_with = |secret: &str, format: &str| {
        run(connspec()
            .current_dir(project_root())
            .args(["test", EXPENSE_REPORTS, "--instance"])
            .arg(&instance)
            .arg("--cacert")
            .arg(&ca)
            .args(["--format", format, "--color", "never"])
            .env("COUPA_SANDBOX_CLIENT_ID", &id)
            .env("COUPA_SANDBOX_CLIENT_SECRET", secret))
    };
    let out = run_with(&secret, "human");
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(out.stdout.contains("1 passed"));
    assert!(!out.stdout.contains(&secret) && !out.stderr.contains(&secret));

    // The canary as the secret: the token request fails; in no format does it show up.
    for format in ["human", "json", "junit"] {
        let out = run_with(CANARY, format);
        assert_eq!(out.code, 1, "{}", out.transcript());
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains("invalid_client"), "{all}");
        assert!(!all.contains(CANARY), "{all}");
        assert!(!all.contains("Q0FOQVJZ"), "the base64 form leaked: {all}");
    }
}

#[test]
fn a_missing_secret_names_its_source() {
    let out = run(connspec()
        .current_dir(project_root())
        .args(["test", EXPENSE_REPORTS, "--instance"])
        .arg("connectors/coupa/instances/sandbox.yaml")
        .args(["--color", "never"])
        .env_remove("COUPA_SANDBOX_CLIENT_ID")
        .env_remove("COUPA_SANDBOX_CLIENT_SECRET"));
    assert_eq!(out.code, 1, "{}", out.transcript());
    assert!(
        out.stderr.contains("secret `COUPA_CLIENT_ID` has no value"),
        "{}",
        out.stderr
    );
}

const OIDC_SPEC: &str = r#"spec_version: 1
name: oidc_peer
instance:
  domain: { format: hostname, example: 127.0.0.1:4010 }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: http://{{ instance.domain }}  # connspec: allow A002 -- oidc-provider on loopback
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: http://{{ instance.domain }}/token  # connspec: allow A002 -- loopback peer
  client_id: "{{ secrets.CLIENT_ID }}"
  client_secret: "{{ secrets.CLIENT_SECRET }}"
  scopes: [api:read]
  client_authentication: AUTH
actions:
  discovery:
    method: GET
    path: /.well-known/openid-configuration
    expect:
      status: 200
      json: object
      checks:
        - { path: $.issuer, exists: true }
"#;

fn oidc_run(dir: &Path, port: u16, auth: &str, id: &str, secret: &str) -> Run {
    let spec = dir.join(format!("oidc-{auth}.yaml"));
    std::fs::write(&spec, OIDC_SPEC.replace("AUTH", auth)).expect("write spec");
    let instance = dir.join("oidc-instance.yaml");
    std::fs::write(
        &instance,
        format!(
            "instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:{port}\n\
             secrets:\n  CLIENT_ID: env:OIDC_CLIENT_ID\n  CLIENT_SECRET: file:oidc-secret.txt\n"
        ),
    )
    .expect("write instance");
    std::fs::write(dir.join("oidc-secret.txt"), format!("{secret}\n")).expect("write secret");
    run(connspec()
        .arg("test")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance)
        .args(["--format", "json"])
        .env("OIDC_CLIENT_ID", id))
}

#[test]
fn oidc_provider_client_secret_basic_post_and_invalid_client() {
    let Some(server) = connspec_tests::oidc_provider() else {
        return;
    };
    let port = server.port;
    let dir = tempfile::tempdir().unwrap();
    for (auth, id) in [("basic_header", "ci-basic"), ("request_body", "ci-post")] {
        let out = oidc_run(dir.path(), port, auth, id, &format!("{id}-secret"));
        assert_eq!(out.code, 0, "{}", out.transcript());
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let token = &json["report"]["token"];
        assert_eq!(token["client_authentication"], auth);
        assert_eq!(token["expires_in"], 300);
        assert_eq!(token["granted_scopes"], serde_json::json!(["api:read"]));
        assert_eq!(json["report"]["token_requests"], 1);
    }
    // A wrong secret: invalid_client, with both client authentications under `auto`.
    let out = oidc_run(dir.path(), port, "auto", "ci-post", CANARY);
    assert_eq!(out.code, 1, "{}", out.transcript());
    assert!(!out.stdout.contains(CANARY) && !out.stderr.contains(CANARY));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let error = &json["report"]["token_error"];
    assert_eq!(error["code"], "R001");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("`invalid_client`"),
        "{error}"
    );
    assert_eq!(json["report"]["token_requests"], 2);
}

#[test]
fn the_consent_connector_logs_in_against_the_sandbox() {
    let out = test(&["connectors/coupa/approvals-user-consent.yaml", "--sandbox"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert!(
        out.stdout.contains("PASS  GET    list_my_approvals"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("from `connspec login`"));
}

// `connspec test` on a terminal, run under a pseudo-terminal (util-linux `script`) as a person
// would see it: each action's line appears when the action finishes, long before the run
// ends, and the progress counter on standard error only goes up. The sandbox answers every
// API request after a delay, so the run takes a while.

/// Actions of the spec, and how many run at once: three rounds of two.
const STREAMED_ACTIONS: usize = 6;
const STREAMED_JOBS: usize = 2;
const STREAMED_DELAY: Duration = Duration::from_millis(400);

fn streamed_spec() -> String {
    let mut text = String::from(
        "spec_version: 1
name: coupa_streaming
provider: coupa
instance:
  domain: { format: hostname, example: acme.coupahost.com }
secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
base_url: https://{{ instance.domain }}
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: \"{{ secrets.COUPA_CLIENT_ID }}\"
  client_secret: \"{{ secrets.COUPA_CLIENT_SECRET }}\"
  scopes: [core.expense.read]
actions:
",
    );
    for index in 0..STREAMED_ACTIONS {
        let _ = writeln!(
            text,
            "  list_page_{index}:\n    method: GET\n    path: /api/expense_reports\n    headers: {{ Accept: application/json }}\n    query: {{ limit: 5, offset: {} }}",
            index * 5
        );
    }
    text
}

#[test]
fn result_lines_stream_before_the_run_ends_and_the_counter_never_goes_back() {
    let Some(script) = connspec_tests::script_or_skip() else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut config = SandboxConfig {
        port: 0,
        ..SandboxConfig::default()
    };
    for client in &mut config.clients {
        if client.grant == GrantType::ClientCredentials && client.secret.is_some() {
            client.scopes = vec!["core.expense.read".to_owned()];
        }
    }
    let sandbox = runtime
        .block_on(Sandbox::start(config))
        .expect("the sandbox starts");
    sandbox.add_fault(Fault::latency(STREAMED_DELAY).on("/api/*"));

    let dir = tempfile::tempdir().expect("temp dir");
    let spec_path = dir.path().join("spec.yaml");
    std::fs::write(&spec_path, streamed_spec()).expect("write spec");
    let instance = dir.path().join("sandbox.yaml");
    std::fs::write(&instance, sandbox.instance_file()).expect("write instance");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem().expect("HTTPS sandbox")).expect("write CA");
    let command = format!(
        "{} test {} --instance {} --cacert {} --jobs {STREAMED_JOBS} --color never",
        binary().display(),
        spec_path.display(),
        instance.display(),
        ca.display()
    );
    let mut terminal = connspec_tests::Terminal::start(&script, &command, sandbox.credential_env());
    let first_pass = terminal.read_until(Duration::from_secs(60), |seen| seen.contains("PASS "));
    let summary = terminal.read_until(Duration::from_secs(60), |seen| seen.contains(" passed, "));
    let seen = std::mem::take(&mut terminal.seen);
    drop(terminal);
    assert_eq!(seen.matches("PASS ").count(), STREAMED_ACTIONS, "{seen:?}");
    // The first line came a round (or more) before the last action finished.
    let ahead = summary.duration_since(first_pass);
    assert!(
        ahead >= STREAMED_DELAY,
        "the first result came only {ahead:?} before the end: {seen:?}"
    );
    // The head (with the token step) comes before any result.
    let head = seen.find("token endpoint").expect("the head");
    assert!(head < seen.find("PASS ").expect("a result"), "{seen:?}");
    // The counter: `k/6` after each bar, never going back, ending at 6.
    let counts: Vec<usize> = seen
        .split("] ")
        .skip(1)
        .filter_map(|rest| {
            let (count, total) = rest.split_once('/')?;
            let total: String = total.chars().take_while(char::is_ascii_digit).collect();
            (total == STREAMED_ACTIONS.to_string()).then(|| count.parse().ok())?
        })
        .collect();
    assert!(
        !counts.is_empty(),
        "no progress counter on the terminal: {seen:?}"
    );
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "the counter went back: {counts:?}"
    );
    assert_eq!(counts.last(), Some(&STREAMED_ACTIONS), "{counts:?}");
    runtime.block_on(sandbox.shutdown());
}

#[test]
fn verbose_shows_each_exchange_with_credentials_redacted() {
    let out = test(&[EXPENSE_REPORTS, "--sandbox", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("PASS  GET    list_expense_reports"))
        .expect("the action's line");
    let trace = &lines[at + 1..];
    assert!(
        trace[0].starts_with("      > GET https://127.0.0.1:"),
        "{trace:?}"
    );
    assert!(trace[0].contains("/api/expense_reports?"), "{trace:?}");
    // The bearer token never shows: the header is masked.
    assert!(
        trace.contains(&"      > authorization: <redacted>"),
        "{trace:?}"
    );
    assert!(!out.stdout.contains("Bearer"), "{}", out.stdout);
    assert!(trace.contains(&"      < 200 OK"), "{trace:?}");
    assert!(
        trace
            .iter()
            .any(|l| l.starts_with("      < content-type: application/json")),
        "{trace:?}"
    );
    // The body's start, on one line and cut at the registry's limit.
    let body = trace
        .iter()
        .find(|l| l.starts_with("      < [{\"id\":"))
        .expect("the body's excerpt");
    assert!(body.len() < 2048 + 64, "{}", body.len());
    assert!(body.ends_with(" bytes)"), "{body}");
}

#[test]
fn an_actions_own_header_replaces_the_common_one_as_in_every_target() {
    // `approvals-service.yaml` sends `Accept` in `common_headers` and in every action.
    let out = test(&[
        "connectors/coupa/approvals-service.yaml",
        "--sandbox",
        "--verbose",
    ]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    let accepts: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("      > accept:"))
        .collect();
    let requests = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("      > GET "))
        .count();
    assert!(requests >= 4, "{}", out.stdout);
    assert_eq!(accepts.len(), requests, "{}", out.stdout);
    assert!(
        accepts
            .iter()
            .all(|l| *l == "      > accept: application/json"),
        "{accepts:?}"
    );
}

#[test]
fn very_verbose_shows_the_token_exchange_too_with_every_credential_redacted() {
    let out = test(&[EXPENSE_REPORTS, "--sandbox", "-vv"]);
    assert_eq!(out.code, 0, "{}", out.transcript());
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  token requests:"))
        .expect("the token report");
    let trace = &lines[at + 1..];
    assert!(
        trace[0].starts_with("  > POST https://127.0.0.1:") && trace[0].ends_with("/oauth2/token"),
        "{trace:?}"
    );
    // The form with the client secret as a placeholder, the token response with the token as
    // one: nothing of the sandbox's client secret or its JWT-shaped token shows.
    let form = trace
        .iter()
        .find(|l| l.starts_with("  > grant_type=client_credentials"))
        .expect("the token request's form");
    assert!(form.contains("client_secret=<redacted "), "{form}");
    assert!(trace.contains(&"  < 200 OK"), "{trace:?}");
    let response = trace
        .iter()
        .find(|l| l.starts_with("  < {\"access_token\":"))
        .expect("the token response");
    assert!(
        response.starts_with("  < {\"access_token\":\"<redacted ACCESS_TOKEN>\""),
        "{response}"
    );
    assert!(
        !out.stdout.contains("sandbox-service-secret"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("eyJ"), "{}", out.stdout);
    // And `-v`'s action trace is still there.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("      > GET https://127.0.0.1:")),
        "{}",
        out.stdout
    );
    // The JSON report carries the exchanges too.
    let out = test(&[EXPENSE_REPORTS, "--sandbox", "-vv", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let exchanges = json["report"]["token"]["exchanges"]
        .as_array()
        .expect("token exchanges");
    assert_eq!(exchanges.len(), 1, "{json}");
    assert!(!out.stdout.contains("sandbox-service-secret"));
}

#[test]
fn the_sandbox_refuses_a_connector_it_cannot_serve_and_says_why() {
    let out = test(&["connectors/okta/users.yaml", "--sandbox"]);
    assert_eq!(out.code, 2, "{}", out.transcript());
    assert!(
        out.stderr.contains("--sandbox serves Coupa only"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--instance FILE"), "{}", out.stderr);
    assert!(out.stderr.contains("--replay DIR"), "{}", out.stderr);
    // Not the sandbox instance's missing values, which say nothing about the cause.
    assert!(!out.stderr.contains("T010"), "{}", out.stderr);
    assert!(!out.stderr.contains("<sandbox instance>"), "{}", out.stderr);
}

// Record and replay for a connector that is not Coupa's: tokens from oidc-provider (a real
// OAuth 2.0 server), the API a small local server that checks the bearer token and filters by
// a query parameter. Both are stopped before the replay.

const REPLAY_SPEC: &str = r#"spec_version: 1
name: tickets
instance:
  idp: { format: hostname, example: 127.0.0.1:4010 }
  api: { format: hostname, example: 127.0.0.1:4020 }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: http://{{ instance.api }}  # connspec: allow A002 -- test API on loopback
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: http://{{ instance.idp }}/token  # connspec: allow A002 -- oidc-provider on loopback
  client_id: "{{ secrets.CLIENT_ID }}"
  client_secret: "{{ secrets.CLIENT_SECRET }}"
  scopes: [api:read]
  client_authentication: basic_header
actions:
  open_tickets:
    method: GET
    path: /tickets
    query:
      status: open
      limit: "10"
    expect:
      status: 200
      json: object
      checks:
        - { path: $.status, equals: open }
  closed_tickets:
    method: GET
    path: /tickets
    query:
      status: closed
    expect:
      status: 200
"#;

/// A local API: `GET /tickets?status=S` answers `{"status": S, "tickets": [...]}` to a request
/// with a bearer token, 401 without. It stops (and closes its port) when `stop` is set and
/// one more connection arrives.
fn ticket_api() -> (u16, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::io::{Read as _, Write as _};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopping = std::sync::Arc::clone(&stop);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stopping.load(Ordering::SeqCst) {
                return;
            }
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).to_string();
            let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let authorized = head
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("authorization: bearer "));
            let status = target
                .split_once("status=")
                .map(|(_, rest)| rest.split('&').next().unwrap_or_default().to_owned())
                .unwrap_or_default();
            let (code, body) = if authorized {
                (
                    "200 OK",
                    format!(
                        r#"{{"status":"{status}","tickets":[{{"id":1,"status":"{status}"}}]}}"#
                    ),
                )
            } else {
                ("401 Unauthorized", r#"{"error":"unauthorized"}"#.to_owned())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {code}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Date: Wed, 02 Dec 2026 12:00:00 GMT\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, stop)
}

#[test]
fn a_non_coupa_connector_recorded_against_oidc_provider_replays_offline() {
    let Some(server) = connspec_tests::oidc_provider() else {
        return;
    };
    let (api_port, stop_api) = ticket_api();
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("tickets.yaml");
    std::fs::write(&spec, REPLAY_SPEC).expect("spec");
    let instance = dir.path().join("local.yaml");
    std::fs::write(
        &instance,
        format!(
            "instance_version: 1\nsandbox: true\nvalues:\n  idp: 127.0.0.1:{}\n  api: 127.0.0.1:{api_port}\n\
             secrets:\n  CLIENT_ID: env:OIDC_CLIENT_ID\n  CLIENT_SECRET: env:OIDC_CLIENT_SECRET\n",
            server.port
        ),
    )
    .expect("instance");
    let cassettes = dir.path().join("cassettes");
    let recorded = run(connspec()
        .arg("test")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance)
        .args(["--format", "json", "--record"])
        .arg(&cassettes)
        .env("OIDC_CLIENT_ID", "ci-basic")
        .env("OIDC_CLIENT_SECRET", "ci-basic-secret"));
    assert_eq!(recorded.code, 0, "{}", recorded.transcript());
    let cassette_path = cassettes.join("tickets.local.cassette.yaml");
    let cassette = std::fs::read_to_string(&cassette_path).expect("the cassette");
    assert!(!cassette.contains("ci-basic-secret"), "{cassette}");
    assert!(
        !cassette.contains("eyJ"),
        "a token in the cassette: {cassette}"
    );
    assert!(
        cassette.contains("authorization: \"Bearer <redacted ACCESS_TOKEN>\""),
        "{cassette}"
    );
    assert!(
        !cassette.contains("date:"),
        "volatile headers are dropped: {cassette}"
    );

    // Both servers go away: the replay has nothing else to reach.
    drop(server);
    stop_api.store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = std::net::TcpStream::connect(("127.0.0.1", api_port));
    std::thread::sleep(Duration::from_millis(100));

    let replayed = run(connspec()
        .arg("test")
        .arg(&spec)
        .args(["--format", "json", "--replay"])
        .arg(&cassettes)
        .env_remove("OIDC_CLIENT_ID")
        .env_remove("OIDC_CLIENT_SECRET"));
    assert_eq!(replayed.code, 0, "{}", replayed.transcript());
    assert_eq!(
        connspec_tests::report_without_timings(&recorded.stdout),
        connspec_tests::report_without_timings(&replayed.stdout)
    );
    assert!(
        replayed.stderr.contains(": 3 request(s) answered\n"),
        "{}",
        replayed.stderr
    );

    // A changed query parameter fails replay at its line.
    let edited = REPLAY_SPEC.replacen("      limit: \"10\"", "      limit: \"20\"", 1);
    std::fs::write(&spec, &edited).expect("spec");
    let line = connspec_tests::line_of(&edited, "      limit: \"20\"");
    let replayed = run(connspec()
        .arg("test")
        .arg(&spec)
        .args(["--color", "never", "--replay"])
        .arg(&cassette_path));
    assert_eq!(replayed.code, 1, "{}", replayed.transcript());
    let all = format!("{}{}", replayed.stdout, replayed.stderr);
    assert!(all.contains("error[R011]"), "{all}");
    assert!(all.contains(&format!("tickets.yaml:{line}:7")), "{all}");
    assert!(
        all.contains("query `limit`: recorded `10`, sent `20`"),
        "{all}"
    );
    assert!(all.contains("PASS  GET    closed_tickets"), "{all}");
}

#[test]
fn the_user_agent_carries_the_version_connspec_prints() {
    use std::io::{Read as _, Write as _};
    let printed = run(connspec().arg("--version"));
    let version = printed
        .stdout
        .trim()
        .strip_prefix("connspec ")
        .expect("`connspec VERSION`")
        .to_owned();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a request");
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
            head.push(byte[0]);
        }
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
              Connection: close\r\n\r\n{}",
        );
        String::from_utf8_lossy(&head)
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .starts_with("user-agent:")
                    .then(|| l["user-agent:".len()..].trim().to_owned())
            })
            .unwrap_or_default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("ua.yaml");
    std::fs::write(
        &spec,
        "spec_version: 1\nname: ua\ninstance:\n  domain: { format: hostname, example: 127.0.0.1:4010 }\n\
         base_url: http://{{ instance.domain }}  # connspec: allow A002 -- loopback test server\n\
         auth: { type: none }\nactions:\n  ping:\n    method: GET\n    path: /ping\n",
    )
    .expect("spec");
    let instance = dir.path().join("local.yaml");
    std::fs::write(
        &instance,
        format!("instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:{port}\n"),
    )
    .expect("instance");
    let out = run(connspec()
        .arg("test")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance));
    assert_eq!(out.code, 0, "{}", out.transcript());
    assert_eq!(
        seen.join().expect("the server thread"),
        format!("connspec/{version}")
    );
}
