//! End-to-end tests of `connspec test`: the Coupa connectors pass against the embedded sandbox,
//! a missing scope is a 403 at the action's YAML line, writes need `--allow-writes`, the JSON
//! and JUnit reports, `--instance` against a running `connspec sandbox`, and a canary secret
//! that never appears in any output. Everything stays on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, connspec, project_root, run};

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
