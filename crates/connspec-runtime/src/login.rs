//! The authorization code grant for `connspec login`: PKCE (S256) and `state`, a one-shot
//! loopback listener on 127.0.0.1 for the redirect, and the code exchange, all through the
//! `oauth2` crate. The token set is a [`StoredToken`]; the CLI keeps it in a 0600 file.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use connspec_compile::{RuntimeOAuth2, Tainted};
use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    RedirectUrl, RequestTokenError, Scope, TokenResponse as _, TokenUrl,
};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::http::{self, Adapter};
use crate::token::TokenError;

/// A token set from the authorization code grant.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredToken {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// Seconds since the Unix epoch.
    pub expires_at: Option<u64>,
    pub scopes: Option<Vec<String>>,
}

impl std::fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredToken")
            .field("access_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl StoredToken {
    /// Seconds left before expiry (`None`: no expiry known).
    pub fn remaining(&self) -> Option<Duration> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
        self.expires_at
            .map(|at| Duration::from_secs(at.saturating_sub(now)))
    }
}

/// A listener for the redirect, bound before the authorization URL is shown.
#[derive(Debug)]
pub struct Loopback {
    listener: tokio::net::TcpListener,
    redirect_uri: String,
}

impl Loopback {
    pub async fn bind() -> Result<Self, TokenError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| TokenError::new(format!("cannot listen on 127.0.0.1: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| TokenError::new(e.to_string()))?
            .port();
        Ok(Self {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}/callback"),
        })
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the redirect; returns its query string.
    async fn callback(&self) -> Result<String, TokenError> {
        loop {
            let (mut stream, _) = self
                .listener
                .accept()
                .await
                .map_err(|e| TokenError::new(format!("the loopback listener failed: {e}")))?;
            let mut buffer = vec![0u8; 16 * 1024];
            let mut read = 0;
            while read < buffer.len() {
                match stream.read(&mut buffer[read..]).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read += n,
                }
                if buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            let head = String::from_utf8_lossy(&buffer[..read]).into_owned();
            let target = head
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            let Some(query) = target.strip_prefix("/callback?").map(str::to_owned) else {
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    )
                    .await;
                continue;
            };
            let body = "<!doctype html><title>connspec</title><p>connspec received the \
                        authorization. You can close this tab.</p>";
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
            return Ok(query);
        }
    }
}

/// The authorization URL to open, and what the exchange needs later.
#[derive(Debug)]
pub struct Authorization {
    pub url: String,
    state: CsrfToken,
    verifier: oauth2::PkceCodeVerifier,
}

fn client(
    oauth: &RuntimeOAuth2,
    redirect_uri: &str,
) -> Result<
    BasicClient<
        oauth2::EndpointSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    TokenError,
> {
    let expose = |t: &Option<Tainted>| t.as_ref().map(Tainted::expose);
    let authorization_url = expose(&oauth.authorization_url)
        .ok_or_else(|| TokenError::new("the spec has no `authorization_url`"))?;
    http::check_url(&authorization_url)
        .map_err(|e| TokenError::new(format!("authorization URL: {e}")))?;
    http::check_url(&oauth.token_url.expose())
        .map_err(|e| TokenError::new(format!("token URL: {e}")))?;
    let mut client = BasicClient::new(ClientId::new(expose(&oauth.client_id).unwrap_or_default()))
        .set_auth_uri(AuthUrl::new(authorization_url).map_err(|e| TokenError::new(e.to_string()))?)
        .set_token_uri(
            TokenUrl::new(oauth.token_url.expose()).map_err(|e| TokenError::new(e.to_string()))?,
        )
        .set_redirect_uri(
            RedirectUrl::new(redirect_uri.to_owned())
                .map_err(|e| TokenError::new(e.to_string()))?,
        )
        .set_auth_type(if oauth.client_authentication.is_basic_header() {
            AuthType::BasicAuth
        } else {
            AuthType::RequestBody
        });
    if let Some(secret) = expose(&oauth.client_secret) {
        client = client.set_client_secret(ClientSecret::new(secret));
    }
    Ok(client)
}

/// Builds the authorization URL with PKCE S256 and a random `state`.
pub fn authorization(
    oauth: &RuntimeOAuth2,
    loopback: &Loopback,
) -> Result<Authorization, TokenError> {
    let client = client(oauth, loopback.redirect_uri())?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(oauth.scopes.iter().map(|s| Scope::new(s.clone())))
        .set_pkce_challenge(challenge)
        .url();
    Ok(Authorization {
        url: url.to_string(),
        state,
        verifier,
    })
}

/// Waits for the redirect on `loopback`, checks `state`, and exchanges the code.
pub async fn complete(
    oauth: &RuntimeOAuth2,
    loopback: &Loopback,
    authorization: Authorization,
    http_client: &reqwest::Client,
    timeout: Duration,
) -> Result<StoredToken, TokenError> {
    let query = tokio::time::timeout(timeout, loopback.callback())
        .await
        .map_err(|_| {
            let wait = &crate::limits::LOGIN_CALLBACK_WAIT;
            TokenError::new(format!(
                "no redirect to {} within {} ({})",
                loopback.redirect_uri(),
                wait.describe(connspec_diagnostics::Amount::Time(timeout)),
                wait.remedy()
            ))
        })??;
    let params: Vec<(String, String)> = url_pairs(&query);
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    if let Some(error) = get("error") {
        let description = get("error_description")
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        return Err(TokenError::oauth(
            format!("the authorization server answered `{error}`{description}"),
            error,
        ));
    }
    if get("state").as_deref() != Some(authorization.state.secret().as_str()) {
        return Err(TokenError::new(
            "the redirect's `state` does not match the request's; refusing the code",
        ));
    }
    let code = get("code").ok_or_else(|| TokenError::new("the redirect has no `code`"))?;
    let client = client(oauth, loopback.redirect_uri())?;
    let adapter = Adapter {
        max_body: http::MAX_TOKEN_RESPONSE_BYTES,
        recorder: None,
        client: http_client.clone(),
        headers: oauth
            .token_headers
            .iter()
            .map(|(k, v)| (k.clone(), v.expose()))
            .collect(),
    };
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(authorization.verifier)
        .request_async(&adapter)
        .await
        .map_err(|error| match error {
            RequestTokenError::ServerResponse(e) => TokenError::oauth(
                format!("the token endpoint answered `{}`", e.error()),
                e.error().to_string(),
            ),
            other => TokenError::new(other.to_string()),
        })?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(StoredToken {
        access_token: response.access_token().secret().clone(),
        refresh_token: response.refresh_token().map(|t| t.secret().clone()),
        expires_at: response.expires_in().map(|d| now + d.as_secs()),
        scopes: response
            .scopes()
            .map(|s| s.iter().map(|s| s.as_str().to_owned()).collect()),
    })
}

/// The pairs of a query string, percent-decoded.
fn url_pairs(query: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://127.0.0.1/?{query}"))
        .map(|url| url.query_pairs().into_owned().collect())
        .unwrap_or_default()
}
