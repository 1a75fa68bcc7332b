//! Every fault switch, from the library API and from the admin endpoint.

use std::time::{Duration, Instant};

use connspec_sandbox::{Fault, OVERSIZED_BODY_BYTES};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{client, following_client, get_json, json, service_token, start};

const APPROVALS: &str = "/api/approvals";

#[tokio::test]
async fn latency_delays_the_answer() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::latency(Duration::from_millis(300)).on(APPROVALS));
    let started = Instant::now();
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(
        get_json(&sandbox, &token, "/api/users/17").await.0,
        StatusCode::OK
    );
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "other routes are not delayed"
    );
    assert_eq!(sandbox.requests()[1].fault.as_deref(), Some("latency"));
}

#[tokio::test]
async fn a_5xx_answers_the_next_requests_then_stops() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::status(503).on_method("GET", "/api/*").times(2));
    for _ in 0..2 {
        let response = client(&sandbox)
            .get(format!("{}{APPROVALS}", sandbox.base_url()))
            .bearer_auth(&token)
            .header("Accept", "application/json")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("text/html")
        );
    }
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::OK
    );
    assert!(sandbox.faults().is_empty());
}

#[tokio::test]
async fn the_token_endpoint_can_fail_too() {
    let sandbox = start().await;
    sandbox.add_fault(Fault::status(500).on("/oauth2/token").times(1));
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    service_token(&sandbox, None).await;
}

async fn burst(
    sandbox: &connspec_sandbox::Sandbox,
    token: &str,
    n: usize,
) -> Vec<(StatusCode, Option<String>)> {
    let http = client(sandbox);
    let mut out = Vec::new();
    for _ in 0..n {
        let response = http
            .get(format!("{}/api/users/17", sandbox.base_url()))
            .bearer_auth(token)
            .header("Accept", "application/json")
            .send()
            .await
            .expect("request");
        let retry = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().expect("ascii").to_owned());
        out.push((response.status(), retry));
    }
    out
}

#[tokio::test]
async fn the_rate_limit_is_a_leaky_bucket_without_retry_after() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::rate_limit().on("/api/*"));
    let answers = burst(&sandbox, &token, 60).await;
    let limited: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    // 20 at once, plus what drains at 25/s while the burst is sent.
    assert!(
        answers[..20].iter().all(|(s, _)| *s == StatusCode::OK),
        "{answers:?}"
    );
    assert!(!limited.is_empty(), "{answers:?}");
    assert!(limited.iter().all(|(_, retry)| retry.is_none()));
    tokio::time::sleep(Duration::from_millis(900)).await;
    let answers = burst(&sandbox, &token, 15).await;
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::OK),
        "drained: {answers:?}"
    );
}

#[tokio::test]
async fn the_rate_limit_sends_retry_after_when_asked() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::rate_limit().with_retry_after());
    let answers = burst(&sandbox, &token, 60).await;
    let limited: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(!limited.is_empty());
    for (_, retry) in limited {
        let seconds: u64 = retry
            .as_deref()
            .expect("Retry-After")
            .parse()
            .expect("seconds");
        assert!(seconds >= 1);
    }
}

#[tokio::test]
async fn malformed_json_keeps_the_status_and_breaks_the_body() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::malformed_json().on(APPROVALS).times(1));
    let response = client(&sandbox)
        .get(format!("{}{APPROVALS}", sandbox.base_url()))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.expect("body");
    assert!(text.starts_with('['));
    assert!(serde_json::from_str::<Value>(&text).is_err());
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_oversized_body_is_valid_json_over_200_kb() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::oversized_body().on("/api/approvals/:id"));
    let response = client(&sandbox)
        .get(format!("{}/api/approvals/12622", sandbox.base_url()))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.len() >= OVERSIZED_BODY_BYTES && bytes.len() > 200 * 1024);
    let value: Value = serde_json::from_slice(&bytes).expect("valid JSON");
    assert_eq!(value["id"], 12622);
    sandbox.clear_faults();
    sandbox.add_fault(Fault::oversized_body().on(APPROVALS));
    let (status, list) = get_json(&sandbox, &token, APPROVALS).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.as_array().expect("array").len() > 50);
}

#[tokio::test]
async fn a_redirect_goes_to_another_host_that_sees_no_token() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::redirect().on(APPROVALS));
    let response = client(&sandbox)
        .get(format!("{}{APPROVALS}?limit=1", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(
        location,
        format!("{}{APPROVALS}?limit=1", sandbox.redirect_target())
    );
    assert_ne!(sandbox.redirect_addr(), sandbox.addr());
    // A client that follows it drops the Authorization header on the way to the other host,
    // which then answers 401; the log shows both hops.
    let response = following_client(&sandbox)
        .get(format!("{}{APPROVALS}?limit=1", sandbox.base_url()))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let log = sandbox.requests();
    let hops: Vec<_> = log.iter().rev().take(2).collect();
    assert_eq!(hops[0].host, sandbox.redirect_addr().to_string());
    assert!(!hops[0].token_presented);
    assert_eq!(hops[1].status, Some(302));
    assert!(hops[1].token_presented);
}

#[tokio::test]
async fn an_expired_token_fault_answers_401_once() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::expired_token().times(1));
    // The token endpoint is not affected.
    service_token(&sandbox, None).await;
    let (status, body) = get_json(&sandbox, &token, APPROVALS).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["errors"]["base"][0], "The access token expired");
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::OK
    );
    // expire_tokens() expires every token issued so far, for real.
    sandbox.expire_tokens();
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::UNAUTHORIZED
    );
    let fresh = service_token(&sandbox, None).await;
    assert_eq!(
        get_json(&sandbox, &fresh, APPROVALS).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_dropped_connection_gives_no_answer() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    sandbox.add_fault(Fault::drop_connection().on(APPROVALS).times(1));
    let error = client(&sandbox)
        .get(format!("{}{APPROVALS}", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect_err("no answer");
    assert!(
        error.is_request() || error.is_connect() || error.is_body(),
        "{error:?}"
    );
    let entry = sandbox
        .requests()
        .into_iter()
        .find(|e| e.fault.is_some())
        .expect("logged");
    assert_eq!(
        (entry.status, entry.fault.as_deref()),
        (None, Some("drop_connection"))
    );
    assert_eq!(
        get_json(&sandbox, &token, APPROVALS).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_admin_endpoint_switches_faults_and_reads_the_log() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let http = client(&sandbox);
    let admin = format!("{}/_sandbox", sandbox.base_url());
    let response = http
        .post(format!("{admin}/faults"))
        .body(r#"{"kind": "status", "status": 502, "path": "/api/approvals", "times": 1}"#)
        .send()
        .await
        .expect("add");
    assert_eq!(response.status(), StatusCode::CREATED);
    let id = json(response).await["id"].as_u64().expect("id");
    let faults = json(
        http.get(format!("{admin}/faults"))
            .send()
            .await
            .expect("list"),
    )
    .await;
    assert_eq!(faults[0]["id"], id);
    assert_eq!(
        get_json(&sandbox, &token, "/api/users/17").await.0,
        StatusCode::OK
    );
    let response = http
        .get(format!("{}{APPROVALS}", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    let bad = http
        .post(format!("{admin}/faults"))
        .body("{}")
        .send()
        .await
        .expect("add");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let id = json(
        http.post(format!("{admin}/faults"))
            .body(r#"{"kind":"drop_connection"}"#)
            .send()
            .await
            .expect("add"),
    )
    .await["id"]
        .as_u64()
        .expect("id");
    assert_eq!(
        http.delete(format!("{admin}/faults/{id}"))
            .send()
            .await
            .expect("rm")
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        http.delete(format!("{admin}/faults/{id}"))
            .send()
            .await
            .expect("rm")
            .status(),
        StatusCode::NOT_FOUND
    );
    let log = json(
        http.get(format!("{admin}/requests"))
            .send()
            .await
            .expect("log"),
    )
    .await;
    let log = log.as_array().expect("array");
    assert_eq!(log.last().expect("entry")["status"], 502);
    assert!(
        log.iter()
            .all(|e| !e["path"].as_str().expect("path").starts_with("/_sandbox"))
    );
    assert_eq!(
        http.post(format!("{admin}/expire-tokens"))
            .send()
            .await
            .expect("expire")
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_json(&sandbox, &token, "/api/users/17").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        http.delete(format!("{admin}/requests"))
            .send()
            .await
            .expect("clear")
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(sandbox.requests().is_empty());
    let ca = http
        .get(format!("{admin}/ca.pem"))
        .send()
        .await
        .expect("ca")
        .text()
        .await
        .expect("pem");
    assert_eq!(Some(ca.as_str()), sandbox.ca_pem());
}
