//! The runtime against a real OAuth 2.0 server, oidc-provider (`tests/peers/oidc-server.mjs`):
//! the authorization code grant with PKCE through its login and consent pages, the refresh
//! grant with the refresh token it returns, and a callback with a wrong `state`. Skipped with a
//! note when node or the npm peers are missing, unless `CONNSPEC_REQUIRE_PEERS=1`.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use connspec_compile::{RuntimeAuth, RuntimeConnector};
use connspec_runtime::login::{Loopback, authorization, complete};
use connspec_runtime::{RunOptions, run};

/// Every wait of this file is bounded by this.
const BOUND: Duration = Duration::from_secs(20);

const SPEC: &str = r#"spec_version: 1
name: oidc_web
instance:
  domain: { format: hostname, example: 127.0.0.1:4010 }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: http://{{ instance.domain }}  # connspec: allow A002 -- oidc-provider on loopback
auth:
  type: oauth2
  grant_type: authorization_code
  authorization_url: http://{{ instance.domain }}/auth  # connspec: allow A002 -- loopback peer
  token_url: http://{{ instance.domain }}/token  # connspec: allow A002 -- loopback peer
  client_id: "{{ secrets.CLIENT_ID }}"
  client_secret: "{{ secrets.CLIENT_SECRET }}"
  scopes: [openid, offline_access, api:read]
  pkce: true
  client_authentication: basic_header
actions:
  discovery:
    method: GET
    path: /.well-known/openid-configuration
    expect:
      status: 200
      json: object
"#;

fn connector(port: u16) -> RuntimeConnector {
    let instance = format!(
        "instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:{port}\n\
         secrets:\n  CLIENT_ID: env:OIDC_CLIENT_ID\n  CLIENT_SECRET: env:OIDC_CLIENT_SECRET\n"
    );
    common::runtime_connector(
        SPEC,
        &instance,
        &[("CLIENT_ID", "ci-web"), ("CLIENT_SECRET", "ci-web-secret")],
    )
}

/// A browser: a cookie jar, no automatic redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a client")
}

/// Follows `url` through oidc-provider's login and consent pages (a 303 per hop) and returns
/// the final redirect to `redirect_uri`, not yet followed.
async fn log_in_and_consent(browser: &reqwest::Client, url: &str, redirect_uri: &str) -> String {
    let mut current = reqwest::Url::parse(url).expect("the authorization URL parses");
    let mut response = browser
        .get(current.clone())
        .send()
        .await
        .expect("the authorization endpoint answers");
    for _ in 0..12 {
        let status = response.status();
        if status.is_redirection() {
            let location = response.headers()["location"]
                .to_str()
                .expect("an ASCII location")
                .to_owned();
            let next = current.join(&location).expect("a valid location");
            if next.as_str().starts_with(redirect_uri) {
                return next.to_string();
            }
            current = next;
            response = browser
                .get(current.clone())
                .send()
                .await
                .expect("the server answers");
            continue;
        }
        assert!(status.is_success(), "{status} at {current}");
        let page = response.text().await.expect("a page");
        let form: &[(&str, &str)] = if page.contains(r#"name="prompt" value="login""#) {
            &[("prompt", "login"), ("login", "alice"), ("password", "x")]
        } else if page.contains(r#"name="prompt" value="consent""#) {
            &[("prompt", "consent")]
        } else {
            panic!("an unexpected page at {current}: {page}");
        };
        response = browser
            .post(current.clone())
            .form(form)
            .send()
            .await
            .expect("the form is posted");
    }
    panic!("no redirect to {redirect_uri} after 12 hops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oidc_provider_authorization_code_with_pkce_then_refresh() {
    // Started before the async work: the helper waits (bounded) with blocking I/O.
    let Some(server) = tokio::task::spawn_blocking(connspec_tests::oidc_provider)
        .await
        .expect("the start task finishes")
    else {
        return;
    };
    let port = server.port;
    tokio::time::timeout(BOUND * 3, async {
        let connector = connector(port);
        let RuntimeAuth::OAuth2(oauth) = &connector.auth else {
            panic!("oauth2");
        };
        let client =
            connspec_runtime::http::client(None, Duration::from_secs(10), false, None).unwrap();
        let loopback = Loopback::bind().await.unwrap();
        let request = authorization(oauth, &loopback).unwrap();
        assert!(
            request.url.contains("code_challenge_method=S256"),
            "{}",
            request.url
        );
        assert!(request.url.contains("state="), "{}", request.url);

        // The user's browser: login, consent, then the redirect to the runtime's listener.
        let url = request.url.clone();
        let redirect_uri = loopback.redirect_uri().to_owned();
        let user = tokio::spawn(async move {
            let browser = browser();
            let callback = log_in_and_consent(&browser, &url, &redirect_uri).await;
            assert!(callback.contains("code="), "{callback}");
            browser.get(callback).send().await.unwrap().status()
        });
        let token = complete(oauth, &loopback, request, &client, BOUND)
            .await
            .expect("the code is exchanged");
        assert!(
            user.await.unwrap().is_success(),
            "the listener answered 200"
        );
        assert!(!token.access_token.is_empty());
        let refresh = token.refresh_token.clone().expect("a refresh token");
        assert!(token.expires_at.is_some());
        assert!(!format!("{token:?}").contains(&token.access_token));
        assert!(!format!("{token:?}").contains(&refresh));

        // The stored token has expired: the run refreshes it, once, through the runtime.
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let expired = connspec_runtime::StoredToken {
            expires_at: Some(now.saturating_sub(10)),
            ..token.clone()
        };
        let report = run(
            connector.clone(),
            RunOptions {
                stored_token: Some(expired),
                timeout: Duration::from_secs(10),
                deadline: BOUND,
                ..RunOptions::default()
            },
        )
        .await
        .unwrap();
        assert!(!report.failed(), "{report:#?}");
        assert_eq!(report.token_requests, 1);
        let renewed = report.renewed_token.clone().expect("a renewed token set");
        assert_ne!(renewed.access_token, token.access_token);
        assert!(renewed.refresh_token.is_some());
        let text = format!(
            "{}{}",
            serde_json::to_string(&report.actions).unwrap(),
            serde_json::to_string(&report.token).unwrap()
        );
        assert!(!text.contains(&renewed.access_token));
        assert!(!text.contains(&refresh));
    })
    .await
    .expect("the flow finishes in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oidc_provider_a_wrong_state_on_the_callback_is_refused() {
    // Started before the async work: the helper waits (bounded) with blocking I/O.
    let Some(server) = tokio::task::spawn_blocking(connspec_tests::oidc_provider)
        .await
        .expect("the start task finishes")
    else {
        return;
    };
    let port = server.port;
    tokio::time::timeout(BOUND * 3, async {
        let connector = connector(port);
        let RuntimeAuth::OAuth2(oauth) = &connector.auth else {
            panic!("oauth2");
        };
        let client =
            connspec_runtime::http::client(None, Duration::from_secs(10), false, None).unwrap();
        let loopback = Loopback::bind().await.unwrap();
        let request = authorization(oauth, &loopback).unwrap();
        let url = request.url.clone();
        let redirect_uri = loopback.redirect_uri().to_owned();
        let user = tokio::spawn(async move {
            let browser = browser();
            let callback = log_in_and_consent(&browser, &url, &redirect_uri).await;
            // An attacker's callback: a real code, another state.
            let mut tampered = reqwest::Url::parse(&callback).unwrap();
            let pairs: Vec<(String, String)> = tampered
                .query_pairs()
                .map(|(k, v)| {
                    let v = if k == "state" { "forged".into() } else { v };
                    (k.into_owned(), v.into_owned())
                })
                .collect();
            assert!(pairs.iter().any(|(k, _)| k == "state"));
            tampered.query_pairs_mut().clear().extend_pairs(pairs);
            browser.get(tampered).send().await.unwrap().status()
        });
        let error = complete(oauth, &loopback, request, &client, BOUND)
            .await
            .expect_err("a forged state is refused");
        assert!(
            error.message.contains("`state` does not match"),
            "{error:?}"
        );
        assert!(user.await.unwrap().is_success());
    })
    .await
    .expect("the flow finishes in time");
}
