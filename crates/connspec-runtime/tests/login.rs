//! The loopback login of `connspec login` without a peer: the listener is bound to 127.0.0.1
//! only, a callback whose `state` differs is refused before any code is exchanged, and the
//! authorization URL (which a browser opener gets on its command line) holds no client secret.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use connspec_compile::{RuntimeAuth, RuntimeOAuth2};
use connspec_runtime::login::{Loopback, authorization, complete};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const CANARY: &str = "CANARY-l0gin-s3cr3t-51ab";

/// An authorization code connector whose endpoints are on `host` (plain HTTP, loopback).
fn oauth(host: &str) -> RuntimeOAuth2 {
    let spec = "spec_version: 1
name: login_probe
instance:
  domain: { format: hostname, example: 127.0.0.1:1 }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: http://{{ instance.domain }}  # connspec: allow A002 -- a loopback probe
auth:
  type: oauth2
  grant_type: authorization_code
  authorization_url: http://{{ instance.domain }}/authorize  # connspec: allow A002 -- loopback
  token_url: http://{{ instance.domain }}/token  # connspec: allow A002 -- a loopback probe
  client_id: \"{{ secrets.CLIENT_ID }}\"
  client_secret: \"{{ secrets.CLIENT_SECRET }}\"
  scopes: [read, offline_access]
  pkce: true
actions:
  me:
    method: GET
    path: /me
";
    let instance = format!(
        "instance_version: 1\nsandbox: true\nvalues:\n  domain: {host}\n\
         secrets:\n  CLIENT_ID: env:ID\n  CLIENT_SECRET: env:SECRET\n"
    );
    let connector = common::runtime_connector(
        spec,
        &instance,
        &[("CLIENT_ID", "login-probe"), ("CLIENT_SECRET", CANARY)],
    );
    match connector.auth {
        RuntimeAuth::OAuth2(oauth) => *oauth,
        other => panic!("not OAuth 2.0: {other:?}"),
    }
}

fn port_of(loopback: &Loopback) -> u16 {
    loopback
        .redirect_uri()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/callback"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect URI {}", loopback.redirect_uri()))
}

#[tokio::test]
async fn the_loopback_listener_binds_127_0_0_1_only() {
    let loopback = Loopback::bind().await.expect("binds");
    let port = port_of(&loopback);
    tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("127.0.0.1 accepts");
    // Bound to 0.0.0.0 (or ::), another address of this machine would accept too; on Linux
    // the whole 127.0.0.0/8 is local, so 127.0.0.2 tells the two apart without leaving it.
    #[cfg(target_os = "linux")]
    {
        let other = tokio::net::TcpStream::connect(("127.0.0.2", port)).await;
        assert!(other.is_err(), "127.0.0.2:{port} accepted a connection");
    }
    let ipv6 = tokio::net::TcpStream::connect(("::1", port)).await;
    assert!(ipv6.is_err(), "[::1]:{port} accepted a connection");
}

#[tokio::test]
async fn a_callback_with_another_state_is_refused_before_any_code_exchange() {
    // A token endpoint that counts what reaches it.
    let token_endpoint = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let host = token_endpoint.local_addr().expect("an address").to_string();
    let exchanges = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&exchanges);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = token_endpoint.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer).await;
            let _ = stream
                .write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    });
    let oauth = oauth(&host);
    let loopback = Loopback::bind().await.expect("binds");
    let port = port_of(&loopback);
    let request = authorization(&oauth, &loopback).expect("an authorization URL");
    assert!(request.url.contains("state="), "{}", request.url);
    let client = connspec_runtime::http::client(None, Duration::from_secs(5), false, None)
        .expect("a client");
    let callback = tokio::spawn(async move {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("the listener accepts");
        stream
            .write_all(
                b"GET /callback?code=stolen-code&state=forged HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            )
            .await
            .expect("the callback is sent");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
    });
    let error = complete(&oauth, &loopback, request, &client, Duration::from_secs(5))
        .await
        .expect_err("a forged state is refused");
    assert!(
        error.message.contains("`state` does not match"),
        "{}",
        error.message
    );
    callback.await.expect("the callback task ends");
    assert_eq!(
        exchanges.load(Ordering::SeqCst),
        0,
        "the code was sent to the token endpoint"
    );
}

#[tokio::test]
async fn the_authorization_url_holds_no_client_secret() {
    let oauth = oauth("127.0.0.1:9");
    let loopback = Loopback::bind().await.expect("binds");
    let request = authorization(&oauth, &loopback).expect("an authorization URL");
    assert!(
        request.url.contains("client_id=login-probe"),
        "{}",
        request.url
    );
    assert!(
        request.url.contains("code_challenge_method=S256"),
        "{}",
        request.url
    );
    assert!(!request.url.contains(CANARY), "{}", request.url);
    assert!(!request.url.contains("client_secret"), "{}", request.url);
}

/// The callback wait, hit: the error names the limit at the value given and the flag that
/// raises it.
#[tokio::test]
async fn a_callback_that_never_comes_names_the_wait_and_its_flag() {
    let oauth = oauth("127.0.0.1:9");
    let loopback = Loopback::bind().await.expect("binds");
    let request = authorization(&oauth, &loopback).expect("an authorization URL");
    let client = connspec_runtime::http::client(None, Duration::from_secs(5), false, None)
        .expect("a client");
    let error = complete(&oauth, &loopback, request, &client, Duration::from_secs(1))
        .await
        .expect_err("no callback arrives");
    let wait = &connspec_runtime::limits::LOGIN_CALLBACK_WAIT;
    let named = wait.describe(connspec_diagnostics::Amount::Time(Duration::from_secs(1)));
    assert!(error.message.contains(&named), "{}", error.message);
    assert!(error.message.contains(&wait.remedy()), "{}", error.message);
    assert_eq!(wait.flag(), Some("--timeout"));
}
