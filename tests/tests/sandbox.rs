//! End-to-end tests of `connspec sandbox`: it starts quickly, prints its URL, the test
//! credentials and an instance file that `connspec check` accepts with the Coupa connectors.
//! Everything stays on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{connspec, project_root, run};

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
