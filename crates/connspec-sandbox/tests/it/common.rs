//! Helpers: start a sandbox, a client that trusts only its CA, tokens, form pages.

use connspec_sandbox::{
    SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET, Sandbox, SandboxConfig, TEST_USER_LOGIN,
    TEST_USER_PASSWORD,
};
use reqwest::{Certificate, Client, Response, StatusCode, Url, redirect};
use serde_json::Value;

pub(crate) async fn start() -> Sandbox {
    start_with(SandboxConfig::default()).await
}

pub(crate) async fn start_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("sandbox starts")
}

/// A client that trusts only the sandbox's CA, never uses a proxy and follows no redirect.
pub(crate) fn client(sandbox: &Sandbox) -> Client {
    builder(sandbox)
        .redirect(redirect::Policy::none())
        .build()
        .expect("client")
}

/// Like [`client`], but following redirects.
pub(crate) fn following_client(sandbox: &Sandbox) -> Client {
    builder(sandbox).build().expect("client")
}

fn builder(sandbox: &Sandbox) -> reqwest::ClientBuilder {
    let mut builder = Client::builder().no_proxy();
    if let Some(pem) = sandbox.ca_pem() {
        builder = builder.tls_certs_only([Certificate::from_pem(pem.as_bytes()).expect("pem")]);
    }
    builder
}

pub(crate) async fn json(response: Response) -> Value {
    let text = response.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A client-credentials token of the default service client, asking for `scope` (all granted
/// scopes when `None`).
pub(crate) async fn service_token(sandbox: &Sandbox, scope: Option<&str>) -> String {
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_id", SERVICE_CLIENT_ID),
        ("client_secret", SERVICE_CLIENT_SECRET),
    ];
    if let Some(scope) = scope {
        form.push(("scope", scope));
    }
    let response = client(sandbox)
        .post(sandbox.token_url())
        .form(&form)
        .send()
        .await
        .expect("token request");
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// `GET` with a token and `Accept: application/json`.
pub(crate) async fn get_json(sandbox: &Sandbox, token: &str, path: &str) -> (StatusCode, Value) {
    let response = client(sandbox)
        .get(format!("{}{path}", sandbox.base_url()))
        .bearer_auth(token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    let status = response.status();
    (status, json(response).await)
}

/// The value of a hidden form field in an HTML page.
pub(crate) fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + marker.len();
    let end = page[start..].find('"').expect("closing quote") + start;
    page[start..end].to_owned()
}

/// The query parameters of a redirect's `Location`.
pub(crate) fn location(response: &Response) -> (Url, Vec<(String, String)>) {
    let location = response
        .headers()
        .get("location")
        .expect("Location")
        .to_str()
        .expect("ASCII");
    let url = Url::parse(location).expect("absolute URL");
    let pairs = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (url, pairs)
}

pub(crate) fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Drives the authorization endpoint, the login form and the consent form; returns the
/// redirect to the client.
pub(crate) async fn authorize(sandbox: &Sandbox, query: &[(&str, &str)]) -> Response {
    let http = client(sandbox);
    let page = http
        .get(sandbox.authorization_url())
        .query(query)
        .send()
        .await
        .expect("authorize");
    assert_eq!(page.status(), StatusCode::OK, "login page");
    let page = page.text().await.expect("page");
    let request_id = hidden(&page, "request_id");
    let consent = http
        .post(format!(
            "{}/oauth2/authorizations/login",
            sandbox.base_url()
        ))
        .form(&[
            ("request_id", request_id.as_str()),
            ("login", TEST_USER_LOGIN),
            ("password", TEST_USER_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(consent.status(), StatusCode::OK, "consent page");
    let consent = consent.text().await.expect("page");
    assert!(consent.contains("Allow"), "{consent}");
    http.post(format!(
        "{}/oauth2/authorizations/consent",
        sandbox.base_url()
    ))
    .form(&[
        ("request_id", hidden(&consent, "request_id").as_str()),
        ("decision", "allow"),
    ])
    .send()
    .await
    .expect("consent")
}
