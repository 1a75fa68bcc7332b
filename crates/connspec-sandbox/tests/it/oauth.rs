//! Every OAuth 2.0 path over real HTTPS: client credentials (body, Basic, both), scopes,
//! authorization code with PKCE and with a shared secret, consent, refresh, and the errors.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use connspec_sandbox::{
    CONSENT_CLIENT_ID, CONSENT_CLIENT_SECRET, ClientAuth, ClientConfig, GrantType, PKCE_CLIENT_ID,
    SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET, SandboxConfig, TEST_USER_LOGIN,
};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::common::{
    authorize, client, get_json, hidden, json, location, param, start, start_with,
};

const VERIFIER: &str = "a-verifier-that-is-long-enough-for-rfc-7636-section-4.1-0123456789";
const REDIRECT: &str = "http://127.0.0.1:53682/callback";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn token_request(
    sandbox: &connspec_sandbox::Sandbox,
    form: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let response = client(sandbox)
        .post(sandbox.token_url())
        .form(form)
        .send()
        .await
        .expect("token request");
    let status = response.status();
    (status, json(response).await)
}

#[tokio::test]
async fn client_credentials_with_the_secret_in_the_body() {
    let sandbox = start().await;
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", SERVICE_CLIENT_SECRET),
            ("scope", "core.approval.read core.user.read"),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body = json(response).await;
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86_399);
    assert!(body.get("refresh_token").is_none(), "{body}");
    let token = body["access_token"].as_str().expect("token");
    assert_eq!(token.split('.').count(), 3, "JWT-shaped");
    let payload = URL_SAFE_NO_PAD
        .decode(token.split('.').nth(1).expect("payload"))
        .expect("base64url");
    let claims: serde_json::Value = serde_json::from_slice(&payload).expect("claims");
    assert_eq!(claims["scope"], "core.approval.read core.user.read");
    assert_eq!(claims["client_id"], SERVICE_CLIENT_ID);
    let entry = sandbox.requests().pop().expect("logged");
    assert_eq!(entry.client_auth, Some(ClientAuth::RequestBody));
    assert_eq!(entry.grant_type.as_deref(), Some("client_credentials"));
}

#[tokio::test]
async fn client_credentials_with_http_basic() {
    let sandbox = start().await;
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .basic_auth(SERVICE_CLIENT_ID, Some(SERVICE_CLIENT_SECRET))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let token = json(response).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    // No scope asked: every scope granted to the client.
    let (status, _) = get_json(&sandbox, &token, "/api/suppliers?limit=1").await;
    assert_eq!(status, StatusCode::OK);
    let entry = sandbox.requests()[0].clone();
    assert_eq!(entry.client_auth, Some(ClientAuth::BasicHeader));
}

#[tokio::test]
async fn credentials_in_both_the_header_and_the_body_are_rejected() {
    let sandbox = start().await;
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .basic_auth(SERVICE_CLIENT_ID, Some(SERVICE_CLIENT_SECRET))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", SERVICE_CLIENT_SECRET),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["error"], "invalid_request");
}

#[tokio::test]
async fn a_wrong_secret_or_an_unknown_client_is_invalid_client_401() {
    let sandbox = start().await;
    for (id, secret) in [(SERVICE_CLIENT_ID, "wrong"), ("nobody", "x")] {
        let response = client(&sandbox)
            .post(sandbox.token_url())
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", id),
                ("client_secret", secret),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers().contains_key("www-authenticate"));
        assert_eq!(json(response).await["error"], "invalid_client");
    }
    let (status, body) = token_request(&sandbox, &[("grant_type", "client_credentials")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
}

#[tokio::test]
async fn scopes_not_granted_misspelt_or_comma_separated_are_invalid_scope() {
    let sandbox = start().await;
    for (scope, hint) in [
        ("core.approval.read core.invoice.write", "not granted"),
        (
            "core.expense_report.read",
            "did you mean `core.expense.read`",
        ),
        ("core.approval.read,core.user.read", "spaces, not commas"),
        ("offline_access", "not granted"),
    ] {
        let (status, body) = token_request(
            &sandbox,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", SERVICE_CLIENT_ID),
                ("client_secret", SERVICE_CLIENT_SECRET),
                ("scope", scope),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{scope}");
        assert_eq!(body["error"], "invalid_scope", "{scope}");
        let description = body["error_description"].as_str().expect("description");
        assert!(description.contains(hint), "{scope}: {description}");
    }
}

#[tokio::test]
async fn grant_type_errors() {
    let sandbox = start().await;
    let auth = [
        ("client_id", SERVICE_CLIENT_ID),
        ("client_secret", SERVICE_CLIENT_SECRET),
    ];
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("grant_type", "password"),
                ("username", "u"),
                ("password", "p"),
            ],
            "unsupported_grant_type",
        ),
        (&[], "invalid_request"),
        (
            &[("grant_type", "refresh_token"), ("refresh_token", "x")],
            "unauthorized_client",
        ),
        (
            &[("grant_type", "authorization_code"), ("code", "x")],
            "unauthorized_client",
        ),
    ];
    for (extra, error) in cases {
        let mut form = auth.to_vec();
        form.extend_from_slice(extra);
        let (status, body) = token_request(&sandbox, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{extra:?}");
        assert_eq!(body["error"], error, "{extra:?}");
    }
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .header("content-type", "application/json")
        .body(r#"{"grant_type":"client_credentials"}"#)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["error"], "invalid_request");
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("grant_type", "client_credentials"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

#[tokio::test]
async fn client_credentials_never_get_a_refresh_token_even_with_offline_access() {
    let mut config = SandboxConfig::default();
    config.clients[0].scopes.push("offline_access".to_owned());
    let sandbox = start_with(config).await;
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", SERVICE_CLIENT_SECRET),
            ("scope", "core.approval.read offline_access"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("refresh_token").is_none(), "{body}");
}

#[tokio::test]
async fn authorization_code_with_pkce_echoes_state_and_issues_refresh_and_id_tokens() {
    let sandbox = start().await;
    let state = "s t&a=te/✓";
    let challenge = challenge(VERIFIER);
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", PKCE_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read offline_access openid"),
            ("state", state),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    assert_eq!(redirect.status(), StatusCode::FOUND);
    let (url, pairs) = location(&redirect);
    assert!(url.as_str().starts_with(REDIRECT), "{url}");
    assert_eq!(param(&pairs, "state"), Some(state));
    let code = param(&pairs, "code").expect("code").to_owned();

    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PKCE_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "bearer");
    assert!(body["refresh_token"].is_string(), "{body}");
    assert_eq!(
        body["id_token"]
            .as_str()
            .expect("id_token")
            .split('.')
            .count(),
        3
    );
    assert_eq!(
        sandbox.requests().last().expect("entry").client_auth,
        Some(ClientAuth::None)
    );

    // The user's token sees only the approvals assigned to them.
    let token = body["access_token"].as_str().expect("token");
    let (status, approvals) = get_json(&sandbox, token, "/api/approvals").await;
    assert_eq!(status, StatusCode::OK);
    let approvals = approvals.as_array().expect("array");
    assert!(!approvals.is_empty());
    assert!(
        approvals
            .iter()
            .all(|a| a["approver"]["login"] == TEST_USER_LOGIN)
    );
    // A scope the user did not grant is refused.
    let (status, _) = get_json(&sandbox, token, "/api/users/17").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The code works once.
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PKCE_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

async fn pkce_code(sandbox: &connspec_sandbox::Sandbox) -> String {
    let challenge = challenge(VERIFIER);
    let redirect = authorize(
        sandbox,
        &[
            ("client_id", PKCE_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    param(&pairs, "code").expect("code").to_owned()
}

#[tokio::test]
async fn a_pkce_mismatch_or_a_missing_verifier_is_invalid_grant() {
    let sandbox = start().await;
    for verifier in [
        Some("another-verifier-that-is-long-enough-but-not-the-one-used-000000"),
        None,
    ] {
        let code = pkce_code(&sandbox).await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("client_id", PKCE_CLIENT_ID),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ];
        if let Some(verifier) = verifier {
            form.push(("code_verifier", verifier));
        }
        let (status, body) = token_request(&sandbox, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{verifier:?}");
        assert_eq!(body["error"], "invalid_grant", "{verifier:?}");
        // The failed exchange used the code up.
        form.push(("code_verifier", VERIFIER));
        form.retain(|(k, v)| *k != "code_verifier" || *v == VERIFIER);
        let (_, body) = token_request(&sandbox, &form).await;
        assert_eq!(body["error"], "invalid_grant");
    }
}

#[tokio::test]
async fn authorization_code_with_a_shared_secret() {
    let sandbox = start().await;
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read core.approval.write"),
            ("state", "xyz"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    assert_eq!(param(&pairs, "state"), Some("xyz"));
    let code = param(&pairs, "code").expect("code").to_owned();
    // Without the secret: invalid_client (and the code is still usable).
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CONSENT_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    // The secret with HTTP Basic works; no offline_access, so no refresh token.
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .basic_auth(CONSENT_CLIENT_ID, Some(CONSENT_CLIENT_SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let body = json(response).await;
    assert!(body.get("refresh_token").is_none(), "{body}");
}

#[tokio::test]
async fn the_code_exchange_in_the_query_string_as_coupa_documents_it() {
    let sandbox = start().await;
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    let code = param(&pairs, "code").expect("code").to_owned();
    let response = client(&sandbox)
        .post(sandbox.token_url())
        .query(&[
            ("client_id", CONSENT_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("scope", "core.approval.read"),
            ("client_secret", CONSENT_CLIENT_SECRET),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let entry = sandbox.requests().pop().expect("entry");
    let query = entry.query.expect("query logged");
    assert!(
        !query.contains(&code) && !query.contains(CONSENT_CLIENT_SECRET),
        "{query}"
    );
    assert!(query.contains("code=REDACTED") && query.contains("client_secret=REDACTED"));
}

#[tokio::test]
async fn a_wrong_redirect_uri_at_the_exchange_is_invalid_grant() {
    let sandbox = start().await;
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    let code = param(&pairs, "code").expect("code").to_owned();
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CONSENT_CLIENT_ID),
            ("client_secret", CONSENT_CLIENT_SECRET),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/other"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn authorization_request_errors_redirect_with_state_once_the_redirect_uri_is_known() {
    let sandbox = start().await;
    let http = client(&sandbox);
    let challenge = challenge(VERIFIER);
    let cases: [(&[(&str, &str)], &str); 5] = [
        // A public client must use PKCE.
        (
            &[("client_id", PKCE_CLIENT_ID), ("response_type", "code")],
            "invalid_request",
        ),
        // Only S256.
        (
            &[
                ("client_id", PKCE_CLIENT_ID),
                ("response_type", "code"),
                ("code_challenge", &challenge),
                ("code_challenge_method", "plain"),
            ],
            "invalid_request",
        ),
        (
            &[("client_id", CONSENT_CLIENT_ID), ("response_type", "token")],
            "unsupported_response_type",
        ),
        (
            &[
                ("client_id", CONSENT_CLIENT_ID),
                ("response_type", "code"),
                ("scope", "core.invoice.delete"),
            ],
            "invalid_scope",
        ),
        (
            &[
                ("client_id", SERVICE_CLIENT_ID),
                ("response_type", "code"),
                ("redirect_uri", REDIRECT),
            ],
            "unauthorized_client",
        ),
    ];
    let mut config = SandboxConfig::default();
    config.clients[0]
        .redirect_uris
        .push(REDIRECT.replace(":53682", ""));
    let sandbox_with_uri = start_with(config).await;
    for (query, error) in cases {
        let target = if query[0].1 == SERVICE_CLIENT_ID {
            &sandbox_with_uri
        } else {
            &sandbox
        };
        let mut query = query.to_vec();
        query.push(("state", "keep-me"));
        if !query.iter().any(|(k, _)| *k == "redirect_uri") {
            query.push(("redirect_uri", REDIRECT));
        }
        let response = client(target)
            .get(target.authorization_url())
            .query(&query)
            .send()
            .await
            .expect("authorize");
        assert_eq!(response.status(), StatusCode::FOUND, "{query:?}");
        let (_, pairs) = location(&response);
        assert_eq!(param(&pairs, "error"), Some(error), "{query:?}");
        assert_eq!(param(&pairs, "state"), Some("keep-me"));
    }
    // An unknown client or redirect URI is shown, never redirected to.
    for query in [
        [("client_id", "nobody"), ("redirect_uri", REDIRECT)],
        [
            ("client_id", CONSENT_CLIENT_ID),
            ("redirect_uri", "https://attacker.example/cb"),
        ],
    ] {
        let response = http
            .get(sandbox.authorization_url())
            .query(&query)
            .send()
            .await
            .expect("authorize");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(response.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn the_login_form_refuses_a_wrong_password_and_deny_redirects_access_denied() {
    let sandbox = start().await;
    let http = client(&sandbox);
    let page = http
        .get(sandbox.authorization_url())
        .query(&[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("state", "st"),
        ])
        .send()
        .await
        .expect("authorize")
        .text()
        .await
        .expect("page");
    let request_id = hidden(&page, "request_id");
    let login_url = format!("{}/oauth2/authorizations/login", sandbox.base_url());
    let consent_url = format!("{}/oauth2/authorizations/consent", sandbox.base_url());
    // Consent before login is refused.
    let early = http
        .post(&consent_url)
        .form(&[("request_id", request_id.as_str()), ("decision", "allow")])
        .send()
        .await
        .expect("consent");
    assert_eq!(early.status(), StatusCode::BAD_REQUEST);
    let wrong = http
        .post(&login_url)
        .form(&[
            ("request_id", request_id.as_str()),
            ("login", TEST_USER_LOGIN),
            ("password", "nope"),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(
        wrong
            .text()
            .await
            .expect("page")
            .contains("Invalid login or password")
    );
    let consent = http
        .post(&login_url)
        .form(&[
            ("request_id", request_id.as_str()),
            ("login", TEST_USER_LOGIN),
            ("password", connspec_sandbox::TEST_USER_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(consent.status(), StatusCode::OK);
    let denied = http
        .post(&consent_url)
        .form(&[("request_id", request_id.as_str()), ("decision", "deny")])
        .send()
        .await
        .expect("deny");
    assert_eq!(denied.status(), StatusCode::FOUND);
    let (_, pairs) = location(&denied);
    assert_eq!(param(&pairs, "error"), Some("access_denied"));
    assert_eq!(param(&pairs, "state"), Some("st"));
    assert_eq!(param(&pairs, "code"), None);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_narrow_scopes() {
    let sandbox = start().await;
    let redirect = authorize(
        &sandbox,
        &[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", "core.approval.read core.user.read offline_access"),
        ],
    )
    .await;
    let (_, pairs) = location(&redirect);
    let code = param(&pairs, "code").expect("code").to_owned();
    let secret = [
        ("client_id", CONSENT_CLIENT_ID),
        ("client_secret", CONSENT_CLIENT_SECRET),
    ];
    let mut form = secret.to_vec();
    form.extend([
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
    ]);
    let (_, first) = token_request(&sandbox, &form).await;
    let refresh = first["refresh_token"].as_str().expect("refresh").to_owned();

    let mut form = secret.to_vec();
    form.extend([
        ("grant_type", "refresh_token"),
        ("refresh_token", &refresh),
        ("scope", "core.approval.read"),
    ]);
    let (status, second) = token_request(&sandbox, &form).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let narrowed = second["access_token"].as_str().expect("access");
    assert_eq!(
        get_json(&sandbox, narrowed, "/api/approvals?limit=1")
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        get_json(&sandbox, narrowed, "/api/users/17").await.0,
        StatusCode::FORBIDDEN
    );
    let rotated = second["refresh_token"]
        .as_str()
        .expect("rotated")
        .to_owned();
    assert_ne!(rotated, refresh);

    // The old refresh token is spent; the new one still carries every granted scope.
    let (status, body) = token_request(&sandbox, &form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let mut form = secret.to_vec();
    form.extend([
        ("grant_type", "refresh_token"),
        ("refresh_token", &rotated),
        ("scope", "core.user.read"),
    ]);
    let (status, third) = token_request(&sandbox, &form).await;
    assert_eq!(status, StatusCode::OK, "{third}");
    // Another client cannot use it; a scope outside the grant is invalid_scope.
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", PKCE_CLIENT_ID),
            ("refresh_token", third["refresh_token"].as_str().expect("r")),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let mut form = secret.to_vec();
    form.extend([
        ("grant_type", "refresh_token"),
        ("refresh_token", third["refresh_token"].as_str().expect("r")),
        ("scope", "core.invoice.read"),
    ]);
    let (status, body) = token_request(&sandbox, &form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_scope"))
    );
}

#[tokio::test]
async fn auto_consent_redirects_at_once() {
    let config = SandboxConfig {
        auto_consent: true,
        ..SandboxConfig::default()
    };
    let sandbox = start_with(config).await;
    let response = client(&sandbox)
        .get(sandbox.authorization_url())
        .query(&[
            ("client_id", CONSENT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("state", "1"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(response.status(), StatusCode::FOUND);
    let (_, pairs) = location(&response);
    assert!(param(&pairs, "code").is_some());
}

#[tokio::test]
async fn token_lifetime_is_configurable_and_expired_tokens_get_401() {
    let config = SandboxConfig {
        token_lifetime: Duration::from_secs(1),
        ..SandboxConfig::default()
    };
    let sandbox = start_with(config).await;
    let (_, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", SERVICE_CLIENT_SECRET),
        ],
    )
    .await;
    assert_eq!(body["expires_in"], 1);
    let token = body["access_token"].as_str().expect("token");
    assert_eq!(
        get_json(&sandbox, token, "/api/approvals?limit=1").await.0,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (status, body) = get_json(&sandbox, token, "/api/approvals?limit=1").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["errors"]["base"][0], "The access token expired");
}

#[tokio::test]
async fn clients_come_from_the_configuration() {
    let config = SandboxConfig {
        clients: vec![ClientConfig {
            id: "custom".to_owned(),
            secret: Some("s".to_owned()),
            name: "Custom".to_owned(),
            grant: GrantType::ClientCredentials,
            scopes: vec!["core.expense.read".to_owned()],
            redirect_uris: Vec::new(),
        }],
        ..SandboxConfig::default()
    };
    let sandbox = start_with(config).await;
    let (status, body) = token_request(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "custom"),
            ("client_secret", "s"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let token = body["access_token"].as_str().expect("token");
    assert_eq!(
        get_json(&sandbox, token, "/api/expense_reports?limit=1")
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        get_json(&sandbox, token, "/api/approvals?limit=1").await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = token_request(
        &sandbox,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", SERVICE_CLIENT_ID),
            ("client_secret", SERVICE_CLIENT_SECRET),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
