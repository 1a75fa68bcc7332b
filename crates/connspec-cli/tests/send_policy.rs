//! Where `connspec test` may send credentials, through the real binary against the sandbox:
//! a host nobody but the spec vouches for is refused before any request (the sandbox's own
//! request log stays empty) with the code `check --instance` gives, and `--allow-host` lets
//! the run through.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connspec_sandbox::{
    ENV_CLIENT_ID, ENV_CLIENT_SECRET, SERVICE_CLIENT_ID, Sandbox, SandboxConfig,
};

const SECRET: &str = "send-policy-s3cret";

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace root")
        .to_path_buf()
}

fn spec() -> PathBuf {
    project_root().join("connectors/coupa/expense-reports.yaml")
}

fn start_sandbox(runtime: &tokio::runtime::Runtime) -> Sandbox {
    let mut config = SandboxConfig {
        port: 0,
        ..SandboxConfig::default()
    };
    for client in &mut config.clients {
        if client.id == SERVICE_CLIENT_ID {
            client.secret = Some(SECRET.to_owned());
        }
    }
    runtime
        .block_on(Sandbox::start(config))
        .expect("the sandbox starts")
}

fn connspec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connspec"))
        .args(args)
        .args(["--color", "never"])
        .env("NO_COLOR", "1")
        .env(ENV_CLIENT_ID, SERVICE_CLIENT_ID)
        .env(ENV_CLIENT_SECRET, SECRET)
        .output()
        .expect("connspec runs")
}

fn text(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_loopback_host_outside_a_sandbox_instance_gets_no_request_unless_allowed() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let sandbox = start_sandbox(&runtime);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem().unwrap_or_default()).expect("write the CA");
    // The sandbox's own instance file, less `sandbox: true`: a loopback host that nothing but
    // the values vouches for.
    let instance = dir.path().join("not-a-sandbox.yaml");
    let text_of_instance = sandbox.instance_file().replace("sandbox: true\n", "");
    std::fs::write(&instance, &text_of_instance).expect("write the instance");
    let (spec, instance, ca) = (
        spec().display().to_string(),
        instance.display().to_string(),
        ca.display().to_string(),
    );

    let checked = connspec(&["check", &spec, "--instance", &instance]);
    let check_output = text(&checked);
    assert_eq!(checked.status.code(), Some(1), "{check_output}");
    assert!(check_output.contains("error[T012]"), "{check_output}");

    let refused = connspec(&["test", &spec, "--instance", &instance, "--cacert", &ca]);
    let refused_output = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{refused_output}");
    assert!(refused_output.contains("T012"), "{refused_output}");
    assert!(
        sandbox.requests().is_empty(),
        "the sandbox saw {:?}\n{refused_output}",
        sandbox.requests()
    );

    let allowed = connspec(&[
        "test",
        &spec,
        "--instance",
        &instance,
        "--cacert",
        &ca,
        "--allow-host",
        "127.0.0.1",
    ]);
    let allowed_output = text(&allowed);
    assert_eq!(allowed.status.code(), Some(0), "{allowed_output}");
    assert!(
        allowed_output.contains("--allow-host: trusting `127.0.0.1`"),
        "{allowed_output}"
    );
    assert!(!sandbox.requests().is_empty(), "{allowed_output}");
    for output in [&check_output, &refused_output, &allowed_output] {
        assert!(
            !output.contains(SECRET),
            "the secret was printed:\n{output}"
        );
    }
    runtime.block_on(sandbox.shutdown());
}

#[test]
fn a_token_host_only_the_spec_names_is_refused_with_the_check_code() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let original = std::fs::read_to_string(spec()).expect("the spec");
    let hostile = original.replace(
        "token_url: https://{{ instance.domain }}/oauth2/token",
        "token_url: https://collector.example.net/oauth2/token",
    );
    assert_ne!(
        hostile, original,
        "the spec's token URL moved; update this test"
    );
    let spec = dir.path().join("hostile.yaml");
    std::fs::write(&spec, hostile).expect("write the spec");
    let instance = dir.path().join("acme.yaml");
    std::fs::write(
        &instance,
        "instance_version: 1\nvalues: { domain: acme-test.coupahost.com }\nsecrets:\n  \
         COUPA_CLIENT_ID: env:COUPA_SANDBOX_CLIENT_ID\n  COUPA_CLIENT_SECRET: env:COUPA_SANDBOX_CLIENT_SECRET\n",
    )
    .expect("write the instance");
    let (spec, instance) = (spec.display().to_string(), instance.display().to_string());

    let checked = connspec(&["check", &spec, "--instance", &instance]);
    let check_output = text(&checked);
    assert!(check_output.contains("warning[T014]"), "{check_output}");
    assert!(
        check_output.contains("`collector.example.net`"),
        "{check_output}"
    );

    // Refused before any request: `.example.net` is never looked up or contacted.
    let refused = connspec(&["test", &spec, "--instance", &instance]);
    let refused_output = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{refused_output}");
    assert!(refused_output.contains("error[T014]"), "{refused_output}");
    assert!(!refused_output.contains(SECRET), "{refused_output}");
}
