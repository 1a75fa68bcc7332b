//! The request log records what happened and never a secret.

use connspec_sandbox::{
    CONSENT_CLIENT_ID, CONSENT_CLIENT_SECRET, PKCE_CLIENT_ID, SERVICE_CLIENT_ID,
    SERVICE_CLIENT_SECRET, TEST_USER_PASSWORD,
};
use reqwest::StatusCode;

use crate::common::{authorize, client, get_json, json, location, param, service_token, start};

#[tokio::test]
async fn the_log_holds_no_secret_token_code_or_password() {
    let sandbox = start().await;
    let http = client(&sandbox);
    let mut secrets: Vec<String> = vec![
        SERVICE_CLIENT_SECRET.to_owned(),
        CONSENT_CLIENT_SECRET.to_owned(),
        TEST_USER_PASSWORD.to_owned(),
    ];
    // Client credentials, Basic and body.
    let token = service_token(&sandbox, None).await;
    secrets.push(token.clone());
    let basic = http
        .post(sandbox.token_url())
        .basic_auth(SERVICE_CLIENT_ID, Some(SERVICE_CLIENT_SECRET))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token");
    secrets.push(
        json(basic).await["access_token"]
            .as_str()
            .expect("token")
            .to_owned(),
    );
    // Authorization code with PKCE, in the query string, and a refresh.
    let verifier = "the-verifier-the-log-must-never-show-0123456789-0123456789";
    let challenge = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        <sha2::Sha256 as sha2::Digest>::digest(verifier.as_bytes()),
    );
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", "http://127.0.0.1:4000/callback"),
            ("scope", "core.approval.read offline_access"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    let code = param(&pairs, "code").expect("code").to_owned();
    let response = http
        .post(sandbox.token_url())
        .query(&[
            ("grant_type", "authorization_code"),
            ("client_id", CONSENT_CLIENT_ID),
            ("client_secret", CONSENT_CLIENT_SECRET),
            ("code", &code),
            ("code_verifier", verifier),
            ("redirect_uri", "http://127.0.0.1:4000/callback"),
        ])
        .send()
        .await
        .expect("exchange");
    assert_eq!(response.status(), StatusCode::OK);
    let body = json(response).await;
    let refresh = body["refresh_token"].as_str().expect("refresh").to_owned();
    secrets.extend([
        code,
        verifier.to_owned(),
        refresh.clone(),
        body["access_token"].as_str().expect("a").to_owned(),
    ]);
    let response = http
        .post(sandbox.token_url())
        .basic_auth(CONSENT_CLIENT_ID, Some(CONSENT_CLIENT_SECRET))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)])
        .send()
        .await
        .expect("refresh");
    assert_eq!(response.status(), StatusCode::OK);
    // A failed PKCE login page, API calls with and without a token.
    let page = http
        .get(sandbox.authorization_url())
        .query(&[
            ("client_id", PKCE_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", "http://127.0.0.1:1/callback"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    secrets.push(crate::common::hidden(&page, "request_id"));
    assert_eq!(
        get_json(&sandbox, &token, "/api/approvals?status=pending_approval")
            .await
            .0,
        StatusCode::OK
    );
    let anonymous = http
        .get(format!("{}/api/approvals", sandbox.base_url()))
        .send()
        .await
        .expect("request");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let log = sandbox.requests();
    let text = format!("{log:?}\n{}", serde_json::to_string(&log).expect("json"));
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "the log shows a secret: {secret}"
        );
    }
    let basic_value = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("{SERVICE_CLIENT_ID}:{SERVICE_CLIENT_SECRET}"),
    );
    assert!(!text.contains(&basic_value));
    // And it records what happened.
    let api: Vec<_> = log.iter().filter(|e| e.path == "/api/approvals").collect();
    assert_eq!(api.len(), 2);
    assert_eq!(
        (
            api[0].method.as_str(),
            api[0].status,
            api[0].token_presented
        ),
        ("GET", Some(200), true)
    );
    assert_eq!(api[0].client_id.as_deref(), Some(SERVICE_CLIENT_ID));
    assert_eq!(api[0].query.as_deref(), Some("status=pending_approval"));
    assert_eq!((api[1].status, api[1].token_presented), (Some(401), false));
    assert!(log.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(log.iter().all(|e| e.host == sandbox.addr().to_string()));
}
