//! Starting, stopping, plain HTTP, configuration checks and the instance file.

use std::time::{Duration, Instant};

use connspec_sandbox::{Error, Sandbox, SandboxConfig, Scheme, TestUser};
use reqwest::StatusCode;

use crate::common::{get_json, service_token, start, start_with};

#[tokio::test]
async fn starts_fast_on_a_free_port_and_stops() {
    let started = Instant::now();
    let sandbox = start().await;
    let elapsed = started.elapsed();
    let debug = format!("{sandbox:?}");
    assert!(
        debug.contains("[REDACTED]") && !debug.contains("sandbox-service-secret"),
        "{debug}"
    );
    // A debug build on a busy CI machine; the release binary starts in a few milliseconds.
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert!(sandbox.base_url().starts_with("https://127.0.0.1:"));
    assert_eq!(sandbox.domain(), format!("127.0.0.1:{}", sandbox.port()));
    assert!(
        sandbox
            .ca_pem()
            .expect("CA")
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    let port = sandbox.port();
    service_token(&sandbox, None).await;
    sandbox.shutdown().await;
    // The port is free again, and a sandbox on a chosen port works.
    let again = start_with(SandboxConfig {
        port,
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(again.port(), port);
    // A taken port is an error.
    let taken = Sandbox::start(SandboxConfig {
        port,
        ..SandboxConfig::default()
    })
    .await;
    assert!(matches!(taken, Err(Error::Bind { .. })), "{taken:?}");
}

#[tokio::test]
async fn plain_http_for_load_tools() {
    let sandbox = start_with(SandboxConfig {
        scheme: Scheme::Http,
        ..SandboxConfig::default()
    })
    .await;
    assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
    assert!(sandbox.ca_pem().is_none());
    let token = service_token(&sandbox, None).await;
    assert_eq!(
        get_json(&sandbox, &token, "/api/approvals").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_seed_decides_the_data() {
    let a = start_with(SandboxConfig {
        seed: 42,
        ..SandboxConfig::default()
    })
    .await;
    let b = start_with(SandboxConfig {
        seed: 42,
        ..SandboxConfig::default()
    })
    .await;
    let c = start_with(SandboxConfig {
        seed: 43,
        ..SandboxConfig::default()
    })
    .await;
    let users = connspec_sandbox::Resource::Users;
    assert_eq!(a.records(users), b.records(users));
    assert_ne!(a.records(users), c.records(users));
}

#[tokio::test]
async fn contradictory_configurations_are_refused() {
    let mut unknown_scope = SandboxConfig::default();
    unknown_scope.clients[0]
        .scopes
        .push("core.expense_report.read".to_owned());
    let mut public_service = SandboxConfig::default();
    public_service.clients[0].secret = None;
    let mut twice = SandboxConfig::default();
    twice.clients.push(twice.clients[0].clone());
    let mut bad_user = SandboxConfig::default();
    bad_user.users.push(TestUser {
        login: "x".into(),
        password: "y".into(),
        user_id: 999,
    });
    for config in [unknown_scope, public_service, twice, bad_user] {
        assert!(matches!(
            Sandbox::start(config).await,
            Err(Error::Config(_))
        ));
    }
}

#[tokio::test]
async fn the_instance_file_and_credentials() {
    let sandbox = start().await;
    let instance = sandbox.instance_file();
    assert!(instance.contains("instance_version: 1\n"));
    assert!(instance.contains(&format!("  domain: 127.0.0.1:{}\n", sandbox.port())));
    assert!(instance.contains("COUPA_CLIENT_ID: env:COUPA_SANDBOX_CLIENT_ID\n"));
    assert!(instance.contains("COUPA_CLIENT_SECRET: env:COUPA_SANDBOX_CLIENT_SECRET\n"));
    let env = sandbox.credential_env();
    assert_eq!(
        env[0],
        ("COUPA_SANDBOX_CLIENT_ID", "sandbox-service".to_owned())
    );
    assert_eq!(env[1].0, "COUPA_SANDBOX_CLIENT_SECRET");
    assert_eq!(env.len(), 4);
}
