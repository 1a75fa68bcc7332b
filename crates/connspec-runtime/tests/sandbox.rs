//! The runtime against the embedded Coupa-like sandbox: tokens with every client
//! authentication, retries and faults (bounded), the write guard, redaction, and the
//! 500-action benchmark figure.

mod common;

use std::time::{Duration, Instant};

use connspec_compile::RuntimeConnector;
use connspec_runtime::{Outcome, RunOptions, RunReport, run};
use connspec_sandbox::{
    ClientAuth, Fault, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET, Sandbox, SandboxConfig,
};

const EXPENSE_REPORTS: &str = include_str!("../../../connectors/coupa/expense-reports.yaml");
const APPROVALS: &str = include_str!("../../../connectors/coupa/approvals-service.yaml");

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        port: 0,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

/// The runtime view of `spec` against `sandbox`, with these client credentials.
fn connector(spec: &str, sandbox: &Sandbox, id: &str, secret: &str) -> RuntimeConnector {
    common::runtime_connector(
        spec,
        &sandbox.instance_file(),
        &[("COUPA_CLIENT_ID", id), ("COUPA_CLIENT_SECRET", secret)],
    )
}

fn options(sandbox: &Sandbox) -> RunOptions {
    RunOptions {
        ca_pem: sandbox.ca_pem().map(str::to_owned),
        backoff: Duration::from_millis(10),
        ..RunOptions::default()
    }
}

fn service(spec: &str, sandbox: &Sandbox) -> RuntimeConnector {
    connector(spec, sandbox, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET)
}

fn codes(report: &RunReport) -> Vec<&'static str> {
    report
        .token_error
        .iter()
        .chain(report.actions.iter().flat_map(|a| &a.findings))
        .map(|f| f.code.code)
        .collect()
}

fn token_auths(sandbox: &Sandbox) -> Vec<Option<ClientAuth>> {
    sandbox
        .requests()
        .into_iter()
        .filter(|e| e.path == "/oauth2/token")
        .map(|e| e.client_auth)
        .collect()
}

#[tokio::test]
async fn expense_reports_pass_with_one_token_in_the_body() {
    let sandbox = sandbox().await;
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.actions[0].status, Some(200));
    assert_eq!(report.token_requests, 1);
    let token = report.token.as_ref().unwrap();
    assert_eq!(token.client_authentication.as_deref(), Some("request_body"));
    assert_eq!(token.expires_in, Some(86_399));
    assert_eq!(token_auths(&sandbox), [Some(ClientAuth::RequestBody)]);
}

#[tokio::test]
async fn basic_header_and_auto_client_authentication() {
    let sandbox = sandbox().await;
    let basic = EXPENSE_REPORTS.replace(
        "client_authentication: request_body",
        "client_authentication: basic_header",
    );
    let report = run(service(&basic, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(token_auths(&sandbox), [Some(ClientAuth::BasicHeader)]);

    // auto: the body first, as Agent Studio does; with a wrong secret, Basic next.
    let auto = EXPENSE_REPORTS.replace(
        "client_authentication: request_body",
        "client_authentication: auto",
    );
    sandbox.clear_requests();
    let report = run(service(&auto, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed());
    assert_eq!(token_auths(&sandbox), [Some(ClientAuth::RequestBody)]);

    sandbox.clear_requests();
    let wrong = connector(&auto, &sandbox, SERVICE_CLIENT_ID, "wrong-secret");
    let report = run(wrong, options(&sandbox)).await.unwrap();
    assert_eq!(report.token_requests, 2);
    assert_eq!(codes(&report), ["R001"]);
    let token = report.token.unwrap();
    assert_eq!(token.failed_attempts.len(), 2, "{token:?}");
    assert!(token.failed_attempts[0].starts_with("request_body"));
    assert!(token.failed_attempts[1].contains("invalid_client"));
    assert!(report.actions.iter().all(|a| a.outcome == Outcome::Skipped));
}

#[tokio::test]
async fn retries_are_bounded_and_recover() {
    let sandbox = sandbox().await;
    // Two 503s, then success: three attempts.
    sandbox.add_fault(Fault::status(503).on("/api/*").times(2));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.actions[0].attempts, 3);

    // A dropped connection is retried too.
    sandbox.clear_faults();
    sandbox.add_fault(Fault::drop_connection().on("/api/*").times(1));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.actions[0].attempts, 2);

    // Always 503: gives up after max_attempts, quickly.
    sandbox.clear_faults();
    sandbox.add_fault(Fault::status(503).on("/api/*"));
    let started = Instant::now();
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert_eq!(report.actions[0].attempts, 4);
    assert_eq!(report.actions[0].status, Some(503));
    assert_eq!(codes(&report), ["R003"]);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn an_expired_token_is_minted_again_once() {
    let sandbox = sandbox().await;
    sandbox.add_fault(Fault::expired_token().on("/api/*").times(1));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.token_requests, 2);

    // Always 401: one new token, then the 401 is reported.
    sandbox.add_fault(Fault::expired_token().on("/api/*"));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert_eq!(report.token_requests, 2);
    assert_eq!(report.actions[0].status, Some(401));
    assert_eq!(codes(&report), ["R003"]);
}

#[tokio::test]
async fn body_faults_map_to_expectations() {
    let sandbox = sandbox().await;
    sandbox.add_fault(Fault::malformed_json().on("/api/*"));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert_eq!(codes(&report), ["R004"]);
    assert_eq!(
        report.actions[0].findings[0].pointer,
        "/actions/list_expense_reports/expect/json"
    );

    // Over 200 KB: a warning, the action still passes.
    sandbox.clear_faults();
    sandbox.add_fault(Fault::oversized_body().on("/api/*"));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert_eq!(codes(&report), ["R005"]);
    assert_eq!(report.actions[0].outcome, Outcome::Passed);
}

#[tokio::test]
async fn a_missing_scope_is_a_403_at_the_action() {
    let sandbox = sandbox().await;
    let spec = EXPENSE_REPORTS.replace("scopes: [core.expense.read]", "scopes: [core.user.read]");
    let report = run(service(&spec, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert_eq!(report.actions[0].status, Some(403));
    let finding = &report.actions[0].findings[0];
    assert_eq!(finding.code.code, "R003");
    assert_eq!(
        finding.pointer,
        "/actions/list_expense_reports/expect/status"
    );
    assert!(finding.message.contains("scope"), "{}", finding.message);
}

#[tokio::test]
async fn writes_need_allow_writes() {
    let sandbox = sandbox().await;
    let report = run(service(APPROVALS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    assert!(!report.failed(), "{report:#?}");
    let skipped: Vec<&str> = report
        .actions
        .iter()
        .filter(|a| a.outcome == Outcome::Skipped)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(skipped, ["approve", "reject"]);
    assert!(!sandbox.requests().iter().any(|e| e.method == "PUT"));

    let report = run(
        service(APPROVALS, &sandbox),
        RunOptions {
            allow_writes: true,
            only: vec!["approve".to_owned()],
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.actions.len(), 1);
    assert!(sandbox.requests().iter().any(|e| e.method == "PUT"));
}

#[tokio::test]
async fn secrets_never_appear_in_a_report() {
    const CANARY: &str = "CANARY-s3cr3t-9f1c";
    let sandbox = sandbox().await;
    // A wrong secret (the canary) fails at the token endpoint, with every client authentication.
    let auto = EXPENSE_REPORTS.replace(
        "client_authentication: request_body",
        "client_authentication: auto",
    );
    let report = run(
        connector(&auto, &sandbox, CANARY, CANARY),
        options(&sandbox),
    )
    .await
    .unwrap();
    let text = format!("{report:?}{}", serde_json::to_string(&report).unwrap());
    assert!(report.failed());
    assert!(!text.contains(CANARY), "{text}");
    assert!(
        !text.contains("Q0FOQVJZ"),
        "base64 of the canary leaked: {text}"
    );

    // A good run: neither the secret nor its Basic form.
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    let text = format!("{report:?}{}", serde_json::to_string(&report).unwrap());
    assert!(!text.contains(SERVICE_CLIENT_SECRET));
}

/// The benchmark figure: 500 GET actions against the sandbox, one token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::print_stderr, clippy::cast_precision_loss)]
async fn five_hundred_actions_one_token() {
    let sandbox = sandbox().await;
    let mut connector = service(EXPENSE_REPORTS, &sandbox);
    let action = connector.actions[0].clone();
    connector.actions = (0..500)
        .map(|i| {
            let mut action = action.clone();
            action.name = format!("list_{i}");
            action
        })
        .collect();
    let started = Instant::now();
    let report = run(
        connector,
        RunOptions {
            jobs: 16,
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(report.count(Outcome::Passed), 500, "{:?}", codes(&report));
    assert_eq!(report.token_requests, 1);
    let tokens = sandbox
        .requests()
        .iter()
        .filter(|e| e.path == "/oauth2/token")
        .count();
    assert_eq!(tokens, 1);
    eprintln!(
        "benchmark: 500 GET actions in {:.3} s, {:.0} requests/s, {} token request",
        elapsed.as_secs_f64(),
        500.0 / elapsed.as_secs_f64(),
        report.token_requests
    );
}

const CONSENT: &str = include_str!("../../../connectors/coupa/approvals-user-consent.yaml");

#[tokio::test]
async fn authorization_code_with_pkce_then_refresh() {
    use connspec_runtime::login::{Loopback, authorization, complete};
    let sandbox = Sandbox::start(SandboxConfig {
        port: 0,
        auto_consent: true,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let connector = connector(
        CONSENT,
        &sandbox,
        connspec_sandbox::CONSENT_CLIENT_ID,
        connspec_sandbox::CONSENT_CLIENT_SECRET,
    );
    let connspec_compile::RuntimeAuth::OAuth2(oauth) = &connector.auth else {
        panic!("oauth2");
    };
    let client =
        connspec_runtime::http::client(sandbox.ca_pem(), Duration::from_secs(10), false, None)
            .unwrap();
    let loopback = Loopback::bind().await.unwrap();
    let request = authorization(oauth, &loopback).unwrap();
    assert!(request.url.contains("code_challenge_method=S256"));
    assert!(request.url.contains("state="));
    // The sandbox consents at once; follow its redirect to the loopback listener by hand.
    let browser = client.clone();
    let url = request.url.clone();
    tokio::spawn(async move {
        let response = browser.get(&url).send().await.unwrap();
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("http://127.0.0.1:"));
        browser.get(location).send().await.unwrap();
    });
    let token = complete(oauth, &loopback, request, &client, Duration::from_secs(10))
        .await
        .unwrap();
    assert!(
        token.refresh_token.is_some(),
        "offline_access gives a refresh token"
    );
    assert!(!format!("{token:?}").contains(&token.access_token));

    // A valid stored token: no token request at all.
    let report = run(
        connector.clone(),
        RunOptions {
            stored_token: Some(token.clone()),
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.token_requests, 0);

    // An expired one is refreshed with the refresh token (rotated), once.
    sandbox.expire_tokens();
    let report = run(
        connector,
        RunOptions {
            stored_token: Some(token.clone()),
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.token_requests, 1);
    let renewed = report.renewed_token.expect("a renewed token set");
    assert_ne!(renewed.access_token, token.access_token);
    let text = serde_json::to_string(&report.actions).unwrap();
    assert!(!text.contains(&renewed.access_token));
}

#[tokio::test]
async fn coupa_rate_limits_are_retried_with_backoff() {
    let sandbox = sandbox().await;
    // A bucket smaller and slower than Coupa's, so that some of the 40 requests find it full
    // however slowly a loaded machine sends them.
    sandbox.add_fault(
        Fault::new(connspec_sandbox::FaultKind::RateLimit {
            per_second: 10.0,
            burst: 5,
            retry_after: false,
        })
        .on("/api/*"),
    );
    let mut connector = service(EXPENSE_REPORTS, &sandbox);
    let action = connector.actions[0].clone();
    connector.actions = (0..40)
        .map(|i| {
            let mut action = action.clone();
            action.name = format!("list_{i}");
            action
        })
        .collect();
    let report = run(
        connector,
        RunOptions {
            jobs: 8,
            max_attempts: 8,
            backoff: Duration::from_millis(200),
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert_eq!(report.count(Outcome::Passed), 40, "{:?}", codes(&report));
    assert!(report.requests > 40, "some requests were rate limited");
    assert!(report.actions.iter().all(|a| a.attempts <= 8));
}

#[tokio::test]
async fn token_requests_never_follow_redirects() {
    let sandbox = sandbox().await;
    sandbox.add_fault(Fault::redirect().on("/oauth2/token"));
    let report = run(service(EXPENSE_REPORTS, &sandbox), options(&sandbox))
        .await
        .unwrap();
    let error = report.token_error.expect("no token");
    assert!(
        error.message.contains("redirected (302)"),
        "{}",
        error.message
    );
    assert!(
        !sandbox
            .requests()
            .iter()
            .any(|e| e.host.starts_with("127.0.0.2")),
        "the redirect was not followed"
    );
}

#[tokio::test]
async fn short_lived_tokens_are_minted_again_before_they_expire() {
    let sandbox = Sandbox::start(SandboxConfig {
        port: 0,
        token_lifetime: Duration::from_secs(2),
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    sandbox.add_fault(Fault::latency(Duration::from_millis(300)).on("/api/*"));
    let mut connector = service(EXPENSE_REPORTS, &sandbox);
    let action = connector.actions[0].clone();
    connector.actions = (0..8)
        .map(|i| {
            let mut action = action.clone();
            action.name = format!("list_{i}");
            action
        })
        .collect();
    let report = run(
        connector,
        RunOptions {
            jobs: 1,
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert_eq!(report.count(Outcome::Passed), 8, "{:?}", codes(&report));
    // 2.4 s of requests with a token usable for 1 s: minted again in time, never refused.
    assert!(report.token_requests >= 2, "{}", report.token_requests);
    assert!(
        !sandbox.requests().iter().any(|e| e.status == Some(401)),
        "no request went out with an expired token"
    );
}

#[tokio::test]
async fn timeouts_and_the_deadline_are_bounded() {
    let sandbox = sandbox().await;
    sandbox.add_fault(Fault::latency(Duration::from_millis(1500)).on("/api/*"));
    let started = Instant::now();
    let report = run(
        service(EXPENSE_REPORTS, &sandbox),
        RunOptions {
            timeout: Duration::from_millis(300),
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert_eq!(codes(&report), ["R002"]);
    let finding = &report.actions[0].findings[0];
    assert!(
        finding.message.starts_with("timed out"),
        "{}",
        finding.message
    );
    assert_eq!(report.actions[0].attempts, 1, "a timeout is not retried");
    assert!(started.elapsed() < Duration::from_millis(1400));

    // The run's deadline cuts a request short too.
    let started = Instant::now();
    let report = run(
        service(EXPENSE_REPORTS, &sandbox),
        RunOptions {
            deadline: Duration::from_millis(400),
            ..options(&sandbox)
        },
    )
    .await
    .unwrap();
    assert_eq!(codes(&report), ["R002"]);
    assert!(started.elapsed() < Duration::from_millis(1400));
}
