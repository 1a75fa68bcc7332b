//! JWT auth in a live run, against a tiny loopback HTTP server in the test that records each
//! request: the JWT exchanged at the token URL (claims, `kid` and the RS256 signature checked
//! with the public key; the assertion field, grant type and extra form fields and headers), the
//! JWT sent as the bearer token, and neither the JWT nor the private key in any report. The
//! key pair under `tests/fixtures/` is a test-only key.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use connspec_compile::{RuntimeAuth, RuntimeConnector};
use connspec_runtime::{RunOptions, RunReport, run};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const PRIVATE_KEY: &str = include_str!("fixtures/test-only-rsa-private.pem");
const PUBLIC_KEY: &str = include_str!("fixtures/test-only-rsa-public.pem");
const ISSUED: &str = "issued-access-token-7f3a";

/// One request the server saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn form(&self) -> Vec<(String, String)> {
        reqwest::Url::parse(&format!("http://x/?{}", self.body))
            .expect("a form body")
            .query_pairs()
            .into_owned()
            .collect()
    }
}

/// A loopback server: `POST /token` returns a token, anything else `{"ok": true}`. Each
/// connection carries one request (`Connection: close`).
async fn server() -> (u16, Arc<Mutex<Vec<Seen>>>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("a loopback port");
    let port = listener.local_addr().expect("an address").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                let request = loop {
                    let Ok(Ok(n)) =
                        tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk)).await
                    else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                    if let Some(seen) = parse(&buffer) {
                        break seen;
                    }
                };
                let body = if request.method == "POST" && request.target == "/token" {
                    format!(
                        r#"{{"access_token":"{ISSUED}","token_type":"Bearer","expires_in":600}}"#
                    )
                } else {
                    r#"{"ok":true}"#.to_owned()
                };
                log.lock().expect("the log").push(request);
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (port, seen)
}

/// A whole request from `buffer`, or `None` when more is needed.
fn parse(buffer: &[u8]) -> Option<Seen> {
    let end = buffer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body = buffer.get(end + 4..end + 4 + length)?;
    Some(Seen {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(body).into_owned(),
    })
}

const EXCHANGE: &str = r#"spec_version: 1
name: jwt_exchange
instance:
  domain: { format: hostname, example: 127.0.0.1:4010 }
secrets: [JWT_PRIVATE_KEY]
base_url: http://{{ instance.domain }}  # connspec: allow A002 -- a loopback test server
auth:
  type: jwt
  private_key: "{{ secrets.JWT_PRIVATE_KEY }}"
  client_id: svc-client
  key_id: test-kid-1
  algorithm: RS256
  expiry_seconds: 300
  claims:
    issuer: svc-client
    subject: svc-client
    audience: http://{{ instance.domain }}/token
    extra:
      tenant: acme
  token_url: http://{{ instance.domain }}/token  # connspec: allow A002 -- loopback
  assertion_key: client_assertion
  token_request:
    headers:
      X-Tenant: acme
    body:
      client_assertion_type: urn:ietf:params:oauth:client-assertion-type:jwt-bearer
      grant_type: client_credentials
      scope: users.read
actions:
  ping:
    method: GET
    path: /api/ping
    expect:
      status: 200
      json: object
"#;

fn connector(spec: &str, port: u16, private_key: &str) -> RuntimeConnector {
    let instance = format!(
        "instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:{port}\n\
         secrets:\n  JWT_PRIVATE_KEY: env:JWT_PRIVATE_KEY\n"
    );
    common::runtime_connector(spec, &instance, &[("JWT_PRIVATE_KEY", private_key)])
}

async fn run_bounded(connector: RuntimeConnector) -> RunReport {
    tokio::time::timeout(
        Duration::from_secs(30),
        run(
            connector,
            RunOptions {
                timeout: Duration::from_secs(5),
                deadline: Duration::from_secs(20),
                ..RunOptions::default()
            },
        ),
    )
    .await
    .expect("the run finishes in time")
    .expect("the run starts")
}

/// Checks the signature with the public key and returns the header and the claims.
fn verify(jwt: &str, audience: &str) -> (jsonwebtoken::Header, serde_json::Value) {
    let key = DecodingKey::from_rsa_pem(PUBLIC_KEY.as_bytes()).expect("the public key");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[audience]);
    validation.set_issuer(&["svc-client"]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub", "aud"]);
    let data =
        jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &validation).expect("a valid JWT");
    (data.header, data.claims)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// Every string of the report, as it would be printed.
fn printed(report: &RunReport) -> String {
    format!(
        "{report:?}{}{}",
        serde_json::to_string(report).expect("the report serializes"),
        serde_json::to_string(&report.actions).expect("the actions serialize")
    )
}

fn assert_no_key(text: &str) {
    for line in PRIVATE_KEY.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line), "a line of the private key leaked");
    }
}

#[tokio::test]
async fn jwt_is_signed_and_exchanged_at_the_token_url() {
    let (port, seen) = server().await;
    let connector = connector(EXCHANGE, port, PRIVATE_KEY);
    assert!(matches!(connector.auth, RuntimeAuth::Jwt(_)));
    let report = run_bounded(connector).await;
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.token_requests, 1);
    let token = report.token.as_ref().expect("a token report");
    assert_eq!(token.grant, "jwt");
    assert_eq!(token.expires_in, Some(600));
    assert_eq!(
        token.client_authentication.as_deref(),
        Some("signed JWT as `client_assertion`")
    );

    let seen = seen.lock().expect("the log").clone();
    let [token_request, api] = seen.as_slice() else {
        panic!("a token request and an API call: {seen:#?}");
    };
    assert_eq!(
        (token_request.method.as_str(), token_request.target.as_str()),
        ("POST", "/token")
    );
    assert_eq!(token_request.header("x-tenant"), Some("acme"));
    assert_eq!(token_request.header("accept"), Some("application/json"));
    let form = token_request.form();
    let field = |name: &str| {
        let values: Vec<&str> = form
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(values.len(), 1, "`{name}` once in {form:?}");
        values[0].to_owned()
    };
    // The spec's `grant_type` overrides the JWT bearer default.
    assert_eq!(field("grant_type"), "client_credentials");
    assert_eq!(
        field("client_assertion_type"),
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert_eq!(field("scope"), "users.read");
    assert!(!form.iter().any(|(k, _)| k == "assertion"));
    let jwt = field("client_assertion");
    let (header, claims) = verify(&jwt, &format!("http://127.0.0.1:{port}/token"));
    assert_eq!(header.alg, Algorithm::RS256);
    assert_eq!(header.kid.as_deref(), Some("test-kid-1"));
    assert_eq!(claims["iss"], "svc-client");
    assert_eq!(claims["sub"], "svc-client");
    assert_eq!(claims["tenant"], "acme");
    let (iat, exp) = (
        claims["iat"].as_u64().expect("iat"),
        claims["exp"].as_u64().expect("exp"),
    );
    assert!(iat.abs_diff(now()) <= 5, "iat is now");
    assert_eq!(exp - iat, 300);
    assert_eq!(claims["jti"].as_str().map(str::len), Some(32));

    // The API call carries the issued access token, not the JWT.
    assert_eq!(api.target, "/api/ping");
    assert_eq!(
        api.header("authorization"),
        Some(format!("Bearer {ISSUED}").as_str())
    );

    let text = printed(&report);
    assert!(!text.contains(&jwt), "the JWT leaked");
    assert!(!text.contains(ISSUED), "the access token leaked");
    assert_no_key(&text);
}

#[tokio::test]
async fn jwt_without_a_token_url_is_the_bearer_token() {
    let (port, seen) = server().await;
    let spec = EXCHANGE
        .replace(
            "  token_url: http://{{ instance.domain }}/token  # connspec: allow A002 -- loopback\n",
            "",
        )
        .replace(
            "  assertion_key: client_assertion\n  token_request:\n    headers:\n      X-Tenant: acme\n    body:\n      client_assertion_type: urn:ietf:params:oauth:client-assertion-type:jwt-bearer\n      grant_type: client_credentials\n      scope: users.read\n",
            "",
        )
        .replace("audience: http://{{ instance.domain }}/token", "audience: test-api");
    assert!(!spec.contains("token_url"), "{spec}");
    let report = run_bounded(connector(&spec, port, PRIVATE_KEY)).await;
    assert!(!report.failed(), "{report:#?}");
    assert_eq!(report.token_requests, 0, "no token request");
    let seen = seen.lock().expect("the log").clone();
    let [api] = seen.as_slice() else {
        panic!("only the API call: {seen:#?}");
    };
    assert_eq!(api.target, "/api/ping");
    let jwt = api
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .expect("a bearer token")
        .to_owned();
    let (header, claims) = verify(&jwt, "test-api");
    assert_eq!(header.kid.as_deref(), Some("test-kid-1"));
    assert_eq!(claims["tenant"], "acme");
    let text = printed(&report);
    assert!(!text.contains(&jwt), "the JWT leaked");
    assert_no_key(&text);
}

#[tokio::test]
async fn an_unreadable_private_key_is_a_token_error_without_the_key() {
    let (port, seen) = server().await;
    let broken = PRIVATE_KEY.replace("MII", "XXX");
    let report = run_bounded(connector(EXCHANGE, port, &broken)).await;
    assert!(report.failed());
    let error = report.token_error.as_ref().expect("a token error");
    assert_eq!(error.code.code, "R001");
    assert!(
        error.message.contains("the private key cannot be read"),
        "{error:?}"
    );
    assert!(seen.lock().expect("the log").is_empty(), "nothing was sent");
    let text = printed(&report);
    for line in broken.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line), "a line of the key leaked");
    }
}
