//! End-to-end tests of `connspec sandbox`: it starts quickly, prints its URL, the test
//! credentials and an instance file that `connspec check` accepts with the Coupa connectors.
//! Everything stays on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{connspec, run};
use connspec_tests::project_root;

/// Kills the sandbox this test started when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn binary() -> PathBuf {
    // `connspec --version` makes sure the binary is built.
    assert_eq!(run(connspec().arg("--version")).code, 0);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from);
    target
        .join("debug")
        .join(format!("connspec{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn connspec_sandbox_prints_its_url_credentials_and_a_ready_instance_file() {
    let binary = binary();
    let dir = tempfile::tempdir().expect("temp dir");
    let instance = dir.path().join("sandbox.yaml");
    let ca = dir.path().join("ca.pem");
    let started = Instant::now();
    let mut child = Running(
        Command::new(&binary)
            .args(["sandbox", "--port", "0", "--seed", "7", "--instance-out"])
            .arg(&instance)
            .arg("--ca-out")
            .arg(&ca)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("connspec sandbox starts"),
    );
    let mut lines = BufReader::new(child.0.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("UTF-8");
    let startup = started.elapsed();
    // The release binary starts in milliseconds; this debug-build bound only catches hangs.
    assert!(startup < Duration::from_secs(5), "{startup:?}");
    let url = first
        .strip_prefix("connspec sandbox listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("first line: {first}"))
        .to_owned();
    assert!(first.ends_with("(seed 7)"), "{first}");
    let domain = url
        .strip_prefix("https://")
        .expect("HTTPS by default")
        .to_owned();
    TcpStream::connect(&domain).expect("it listens");

    let banner: Vec<String> = lines
        .map(|l| l.expect("UTF-8"))
        .take_while(|l| l != "Press Ctrl-C to stop.")
        .collect();
    let banner = banner.join("\n");
    for expected in [
        "export COUPA_SANDBOX_CLIENT_ID=sandbox-service".to_owned(),
        "export COUPA_SANDBOX_CLIENT_SECRET=".to_owned(),
        format!("  domain: {domain}"),
        "  COUPA_CLIENT_SECRET: env:COUPA_SANDBOX_CLIENT_SECRET".to_owned(),
        format!("CA certificate: {}", ca.display()),
    ] {
        assert!(
            banner.contains(&expected),
            "missing {expected:?} in\n{banner}"
        );
    }
    assert!(
        std::fs::read_to_string(&ca)
            .expect("CA written")
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    let written = std::fs::read_to_string(&instance).expect("instance file written");
    assert!(
        banner.contains(written.trim_end()),
        "the printed and written files differ"
    );

    // The instance file is valid, alone and for every Coupa connector.
    let root = project_root();
    let output = run(connspec().current_dir(&root).arg("check").arg(&instance));
    assert_eq!(output.code, 0, "{}", output.transcript());
    let output = run(connspec()
        .current_dir(&root)
        .args(["check", "--color", "never", "--instance"])
        .arg(&instance)
        .arg("connectors/coupa"));
    assert_eq!(output.code, 0, "{}", output.transcript());
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let binary = binary();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port().to_string();
    let output = Command::new(&binary)
        .args(["sandbox", "--port", &port])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--port 0"), "{stderr}");
}

/// Every form the sandbox's client secret takes on the wire and in a response.
fn secret_forms() -> Vec<String> {
    use base64::Engine as _;
    let secret = connspec_sandbox::SERVICE_CLIENT_SECRET;
    let pair = format!("{}:{secret}", connspec_sandbox::SERVICE_CLIENT_ID);
    let mut forms = vec![secret.to_owned()];
    for engine in [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ] {
        forms.push(engine.encode(secret));
        forms.push(engine.encode(&pair));
    }
    forms
}

#[test]
fn a_recorded_sandbox_run_replays_to_the_same_report_with_the_sandbox_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cassettes = dir.path().join("cassettes");
    for connector in ["approvals-service", "expense-reports"] {
        let spec = project_root().join(format!("connectors/coupa/{connector}.yaml"));
        let spec = spec.to_string_lossy().into_owned();
        // The sandbox lives inside this process and ends with it.
        let recorded = run(connspec()
            .args([
                "test",
                &spec,
                "--sandbox",
                "--allow-writes",
                "--format",
                "json",
            ])
            .arg("--record")
            .arg(&cassettes));
        assert_eq!(recorded.code, 0, "{}", recorded.transcript());
        assert!(
            recorded.stderr.contains("connspec: recorded "),
            "{}",
            recorded.stderr
        );
        let replayed = run(connspec()
            .args(["test", &spec, "--allow-writes", "--format", "json"])
            .arg("--replay")
            .arg(&cassettes));
        assert_eq!(replayed.code, 0, "{}", replayed.transcript());
        assert_eq!(
            connspec_tests::report_without_timings(&recorded.stdout),
            connspec_tests::report_without_timings(&replayed.stdout)
        );
        let after: serde_json::Value = serde_json::from_str(&replayed.stdout).expect("JSON");
        // Every request of the replay reached the replay server and was in the cassette.
        let sent = after["report"]["requests"].as_u64().expect("requests")
            + after["report"]["token_requests"]
                .as_u64()
                .expect("token requests");
        assert!(sent >= 2, "{}", replayed.stdout);
        assert!(
            replayed
                .stderr
                .contains(&format!(": {sent} request(s) answered\n")),
            "{}",
            replayed.stderr
        );
    }
    // The cassettes hold placeholders, never the client secret or a token (JWT-shaped).
    let mut cassette_count = 0;
    for entry in std::fs::read_dir(&cassettes).expect("cassettes") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("cassette");
        cassette_count += 1;
        assert!(text.contains("<redacted ACCESS_TOKEN>"), "{text}");
        for form in secret_forms() {
            assert!(!text.contains(&form), "{}: {form}", path.display());
        }
        assert!(!text.contains("eyJ"), "{}: a JWT", path.display());
        // `check` validates a cassette: the recorded one is clean.
        let checked = run(connspec().arg("check").arg(&path));
        assert_eq!(checked.code, 0, "{}", checked.transcript());
    }
    assert_eq!(cassette_count, 2);
}

#[test]
fn a_spec_edit_that_changes_a_request_fails_replay_at_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cassettes = dir.path().join("cassettes");
    let original = project_root().join("connectors/coupa/approvals-service.yaml");
    let text = std::fs::read_to_string(&original).expect("spec");
    let spec = dir.path().join("approvals-service.yaml");
    std::fs::write(&spec, &text).expect("spec");
    let recorded = run(connspec()
        .arg("test")
        .arg(&spec)
        .args(["--sandbox", "--record"])
        .arg(&cassettes));
    assert_eq!(recorded.code, 0, "{}", recorded.transcript());

    let edited = text.replacen(
        "      status: pending_approval",
        "      status: approved",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&spec, &edited).expect("spec");
    let line = connspec_tests::line_of(&edited, "      status: approved");
    let replayed = run(connspec()
        .arg("test")
        .arg(&spec)
        .args(["--color", "never", "--replay"])
        .arg(&cassettes));
    assert_eq!(replayed.code, 1, "{}", replayed.transcript());
    let all = format!("{}{}", replayed.stdout, replayed.stderr);
    assert!(all.contains("error[R011]"), "{all}");
    assert!(
        all.contains(&format!("approvals-service.yaml:{line}:7")),
        "{all}"
    );
    assert!(
        all.contains("query `status`: recorded `pending_approval`, sent `approved`"),
        "{all}"
    );
    assert!(all.contains("1 not in the cassette"), "{all}");
    // The recording of the edited action went unused.
    assert!(all.contains(", 1 recorded one(s) not asked for"), "{all}");

    // A credential pasted into the cassette is an error of `check`, and is not printed.
    let cassette = std::fs::read_dir(&cassettes)
        .expect("cassettes")
        .next()
        .expect("a cassette")
        .expect("entry")
        .path();
    let leaked = std::fs::read_to_string(&cassette)
        .expect("cassette")
        .replacen(
            "Bearer <redacted ACCESS_TOKEN>",
            "Bearer pasted-token-0123456789",
            1,
        );
    std::fs::write(&cassette, leaked).expect("cassette");
    let checked = run(connspec()
        .args(["check", "--color", "never"])
        .arg(&cassette));
    assert_eq!(checked.code, 1, "{}", checked.transcript());
    let all = format!("{}{}", checked.stdout, checked.stderr);
    assert!(all.contains("error[R012]"), "{all}");
    assert!(!all.contains("pasted-token-0123456789"), "{all}");
}
