//! Access tokens: one per run, cached, minted again shortly before expiry and once on a 401.
//!
//! Standard responses go through the `oauth2` crate (client credentials with the secret in the
//! body, in a Basic header, or `auto`: the body first, then Basic, as Agent Studio does;
//! password; refresh token). The raw escape hatch (a form POST read as plain JSON) serves what
//! the typed response cannot: custom response keys, a custom `grant_type`, and quirky bodies
//! such as a string `expires_in`.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
// The redactor's form encoding: what is sent and what redaction searches for are one encoding.
use connspec_compile::redact::form_encode;
use connspec_compile::runtime::RuntimeJwt;
use connspec_compile::{Redactor, RuntimeOAuth2, Tainted};
use connspec_model::spec::{ClientAuthentication, ClientCredentialsPlacement};
use oauth2::basic::{BasicClient, BasicTokenResponse};
use oauth2::{
    AuthType, ClientId, ClientSecret, RefreshToken, RequestTokenError, ResourceOwnerPassword,
    ResourceOwnerUsername, Scope, TokenResponse as _, TokenUrl,
};
use serde::Serialize;
use serde_json::Value as Json;

use crate::http::Received;
use crate::http::{self, AGENT_STUDIO_TIMEOUT, AdapterError, MAX_TOKEN_RESPONSE_BYTES, Transport};
use crate::limits::{CONNECT_TIMEOUT_LIMIT, REQUEST_TIMEOUT};
use crate::login::StoredToken;
use crate::record::{Recorder, Tag};
use crate::retry::{Retry, is_retryable_status};
use connspec_diagnostics::Amount;

/// Tokens are minted again this long before they expire.
pub(crate) const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// What the token endpoint did, for the report.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct TokenReport {
    pub grant: String,
    pub token_url: String,
    /// The client authentication that obtained the token (`request_body`, `basic_header`).
    pub client_authentication: Option<String>,
    /// Each failed attempt before it, e.g. `request_body: invalid_client`.
    pub failed_attempts: Vec<String>,
    pub token_type: Option<String>,
    pub expires_in: Option<u64>,
    pub requested_scopes: Vec<String>,
    /// Scopes the server says it granted; `None` when the response has no `scope`.
    pub granted_scopes: Option<Vec<String>>,
    /// Token requests sent during the run.
    pub requests: u32,
    /// Each token exchange, redacted (`-vv`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<crate::run::Exchange>,
}

#[derive(Clone)]
struct Token {
    value: String,
    expires_at: Option<Instant>,
}

impl Token {
    fn new(value: String, lifetime: Option<Duration>) -> Self {
        // A minute before expiry, or at half the lifetime of a short-lived token.
        let usable = lifetime.map(|l| l.saturating_sub(EXPIRY_MARGIN.min(l / 2)));
        Self {
            value,
            // A lifetime past the clock's range (a server's `expires_in` is untrusted) never
            // expires rather than panicking.
            expires_at: usable.and_then(|d| Instant::now().checked_add(d)),
        }
    }

    fn fresh(&self) -> bool {
        self.expires_at.is_none_or(|at| Instant::now() < at)
    }
}

/// The token of one run, shared by every action.
pub(crate) struct TokenSource {
    oauth: RuntimeOAuth2,
    client: reqwest::Client,
    current: tokio::sync::Mutex<Option<Token>>,
    requests: AtomicU32,
    report: Mutex<TokenReport>,
    redactor: std::sync::Arc<Mutex<Redactor>>,
    /// The refresh token of a stored token set (authorization code), rotated on use.
    refresh: Mutex<Option<String>>,
    /// The token set after a refresh, for the caller to store.
    renewed: Mutex<Option<StoredToken>>,
    /// JWT auth: each token is a freshly signed JWT, or what the token URL gives for it.
    jwt: Option<Box<RuntimeJwt>>,
    /// Retries of 429, 502, 503, 504 and connection errors.
    retry: Option<Retry>,
    /// The per-request timeout of the token client, for messages.
    timeout: Duration,
    /// The most of a token response that is read.
    max_body: usize,
    /// Where a recorded run keeps its exchanges.
    recorder: Option<std::sync::Arc<Recorder>>,
}

/// Why no token was obtained; the message never holds a secret (it is also scrubbed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub message: String,
    /// The OAuth 2.0 error code, e.g. `invalid_client`.
    pub oauth_error: Option<String>,
    /// Why no response came, when none did.
    pub(crate) transport: Option<Transport>,
    /// Another attempt may succeed (429, 502, 503, 504, a refused or dropped connection).
    pub(crate) retryable: bool,
    /// The server's `Retry-After`.
    pub(crate) retry_after: Option<Duration>,
}

impl TokenError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            oauth_error: None,
            transport: None,
            retryable: false,
            retry_after: None,
        }
    }

    /// An OAuth 2.0 error answer, or a refusal with a pseudo-code such as `unsupported`.
    pub(crate) fn oauth(message: impl Into<String>, code: String) -> Self {
        Self {
            oauth_error: Some(code),
            ..Self::new(message)
        }
    }

    /// A request that got no response.
    /// A request that got no response, within a request `timeout`.
    pub(crate) fn transport(error: &reqwest::Error, timeout: Duration) -> Self {
        Self {
            transport: Some(Transport::of(error)),
            retryable: http::retryable(error),
            ..Self::new(transport_message(error, timeout))
        }
    }

    /// An error status; 429, 502, 503 and 504 may be retried.
    fn status(message: String, status: reqwest::StatusCode, retry_after: Option<Duration>) -> Self {
        Self {
            retryable: is_retryable_status(status.as_u16()),
            retry_after,
            ..Self::new(message)
        }
    }
}

struct Minted {
    token: Token,
    token_type: Option<String>,
    expires_in: Option<u64>,
    granted: Option<Vec<String>>,
}

impl TokenSource {
    pub(crate) fn new(
        oauth: RuntimeOAuth2,
        client: reqwest::Client,
        redactor: std::sync::Arc<Mutex<Redactor>>,
        stored: Option<&StoredToken>,
    ) -> Self {
        let mut current = None;
        let mut refresh = None;
        if let Some(stored) = stored {
            let mut redactor = lock(&redactor);
            redactor.add("ACCESS_TOKEN", &stored.access_token);
            if let Some(token) = &stored.refresh_token {
                redactor.add("REFRESH_TOKEN", token);
            }
            drop(redactor);
            current = Some(Token::new(stored.access_token.clone(), stored.remaining()));
            refresh.clone_from(&stored.refresh_token);
        }
        let report = TokenReport {
            grant: oauth.grant.to_owned(),
            token_url: oauth.token_url.to_string(),
            requested_scopes: oauth.scopes.clone(),
            ..TokenReport::default()
        };
        if let (Some(id), Some(secret)) = (&oauth.client_id, &oauth.client_secret) {
            let mut redactor = lock(&redactor);
            let engine = base64::engine::general_purpose::STANDARD;
            let (id, secret) = (id.expose(), secret.expose());
            redactor.add("CLIENT_BASIC", &engine.encode(format!("{id}:{secret}")));
            redactor.add(
                "CLIENT_BASIC",
                &engine.encode(format!("{}:{}", form_encode(&id), form_encode(&secret))),
            );
            redactor.add("CLIENT_SECRET_FORM", &form_encode(&secret));
        }
        Self {
            oauth,
            client,
            current: tokio::sync::Mutex::new(current),
            requests: AtomicU32::new(0),
            report: Mutex::new(report),
            redactor,
            refresh: Mutex::new(refresh),
            renewed: Mutex::new(None),
            jwt: None,
            retry: None,
            timeout: AGENT_STUDIO_TIMEOUT,
            max_body: MAX_TOKEN_RESPONSE_BYTES,
            recorder: None,
        }
    }

    /// Keeps every token exchange in `recorder` (a recorded run).
    #[must_use]
    pub(crate) fn with_recorder(mut self, recorder: Option<std::sync::Arc<Recorder>>) -> Self {
        self.recorder = recorder;
        self
    }

    /// The token client's request `timeout` (for messages) and the most of a token response
    /// that is read.
    #[must_use]
    pub(crate) fn with_bounds(mut self, timeout: Duration, max_body: usize) -> Self {
        self.timeout = timeout;
        self.max_body = max_body;
        self
    }

    /// Retries token requests that got 429, 502, 503, 504 or no connection, within `retry`.
    #[must_use]
    pub(crate) fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Runs `request` again while it fails in a way another attempt may fix.
    async fn retrying<F, Fut>(&self, mut request: F) -> Result<Minted, TokenError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Minted, TokenError>>,
    {
        let mut attempt = 1;
        loop {
            match request().await {
                Err(error) if error.retryable && self.retry.is_some_and(|r| r.again(attempt)) => {
                    if let Some(retry) = &self.retry {
                        retry.pause(attempt, error.retry_after).await;
                    }
                    attempt += 1;
                }
                Err(mut error) if error.retryable && attempt > 1 => {
                    if let Some(retry) = &self.retry {
                        error.message = format!("{} ({})", error.message, retry.ended(attempt));
                    }
                    return Err(error);
                }
                result => return result,
            }
        }
    }

    /// The token source of JWT auth: the signed JWT itself, or exchanged at its token URL.
    pub(crate) fn jwt(
        jwt: RuntimeJwt,
        client: reqwest::Client,
        redactor: std::sync::Arc<Mutex<Redactor>>,
    ) -> Self {
        {
            let mut redactor = lock(&redactor);
            let pem = jwt.private_key.expose();
            redactor.add("PRIVATE_KEY", &pem);
            // Each line of the key on its own, should a fragment ever show up.
            for line in pem.lines().map(str::trim).filter(|l| l.len() >= 16) {
                if !line.starts_with("-----") {
                    redactor.add("PRIVATE_KEY", line);
                }
            }
        }
        let oauth = RuntimeOAuth2 {
            grant: "jwt",
            grant_type: jwt.grant_type.clone(),
            token_url: jwt.token_url.clone().unwrap_or_default(),
            authorization_url: None,
            client_id: None,
            client_secret: None,
            client_authentication: ClientAuthentication::RequestBody,
            scopes: Vec::new(),
            username: None,
            password: None,
            refresh_token: None,
            token_headers: Vec::new(),
            token_form: Vec::new(),
            access_token_key: "access_token".to_owned(),
            expires_in_key: "expires_in".to_owned(),
            header_key: "Authorization".to_owned(),
            header_pattern: "Bearer %s".to_owned(),
        };
        let mut source = Self::new(oauth, client, redactor, None);
        if jwt.token_url.is_none() {
            "(none: the signed JWT is the bearer token)"
                .clone_into(&mut lock(&source.report).token_url);
        }
        source.jwt = Some(Box::new(jwt));
        source
    }

    pub(crate) fn report(&self) -> TokenReport {
        let mut report = lock(&self.report).clone();
        report.requests = self.requests.load(Ordering::Relaxed);
        report
    }

    /// The token set after a refresh during the run, to store for the next one.
    pub(crate) fn renewed(&self) -> Option<StoredToken> {
        lock(&self.renewed).clone()
    }

    pub(crate) fn requests(&self) -> u32 {
        self.requests.load(Ordering::Relaxed)
    }

    /// The current token, minted when there is none or it is about to expire.
    pub(crate) async fn token(&self) -> Result<String, TokenError> {
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref().filter(|t| t.fresh()) {
            return Ok(token.value.clone());
        }
        let token = self.mint().await?;
        let value = token.value.clone();
        *current = Some(token);
        Ok(value)
    }

    /// A new token after `rejected` got a 401 (unless another action replaced it already).
    pub(crate) async fn remint(&self, rejected: &str) -> Result<String, TokenError> {
        let mut current = self.current.lock().await;
        if let Some(token) = current
            .as_ref()
            .filter(|t| t.value != rejected && t.fresh())
        {
            return Ok(token.value.clone());
        }
        let token = self.mint().await?;
        let value = token.value.clone();
        *current = Some(token);
        Ok(value)
    }

    async fn mint(&self) -> Result<Token, TokenError> {
        if let Some(jwt) = &self.jwt {
            return match self.retrying(|| self.jwt_token(jwt)).await {
                Ok(minted) => {
                    let how = match &jwt.token_url {
                        Some(_) => format!("signed JWT as `{}`", jwt.assertion_key),
                        None => "signed JWT".to_owned(),
                    };
                    Ok(self.record(minted, Some(&how)))
                }
                Err(error) => {
                    let mode = if jwt.token_url.is_some() {
                        "assertion"
                    } else {
                        "signing"
                    };
                    lock(&self.report)
                        .failed_attempts
                        .push(format!("{mode}: {}", error.message));
                    Err(error)
                }
            };
        }
        if let Err(reason) = http::check_url(&self.oauth.token_url.expose()) {
            return Err(TokenError::new(format!("token URL: {reason}")));
        }
        let methods: &[ClientCredentialsPlacement] = match self
            .oauth
            .client_authentication
            .placement()
        {
            ClientCredentialsPlacement::Either => &[
                ClientCredentialsPlacement::RequestBody,
                ClientCredentialsPlacement::BasicHeader,
            ],
            ClientCredentialsPlacement::RequestBody => &[ClientCredentialsPlacement::RequestBody],
            ClientCredentialsPlacement::BasicHeader => &[ClientCredentialsPlacement::BasicHeader],
        };
        let mut last = TokenError::new("no token request was made");
        for (i, method) in methods.iter().enumerate() {
            match self.retrying(|| self.request(*method)).await {
                Ok(minted) => return Ok(self.record(minted, Some(method_name(*method)))),
                Err(error) => {
                    let retry_other = i + 1 < methods.len()
                        && matches!(
                            error.oauth_error.as_deref(),
                            Some("invalid_client" | "invalid_request" | "unauthorized_client")
                        );
                    lock(&self.report).failed_attempts.push(format!(
                        "{}: {}",
                        method_name(*method),
                        error.message
                    ));
                    last = error;
                    if !retry_other {
                        break;
                    }
                }
            }
        }
        Err(last)
    }

    /// Learns the new token for redaction and reports it.
    fn record(&self, minted: Minted, client_authentication: Option<&str>) -> Token {
        lock(&self.redactor).add("ACCESS_TOKEN", &minted.token.value);
        let mut report = lock(&self.report);
        report.client_authentication = client_authentication.map(str::to_owned);
        report.token_type = minted.token_type;
        report.expires_in = minted.expires_in;
        report.granted_scopes = minted.granted;
        minted.token
    }

    /// A freshly signed JWT, or the access token the token URL gives for it.
    async fn jwt_token(&self, jwt: &RuntimeJwt) -> Result<Minted, TokenError> {
        let assertion = crate::jwt::sign(jwt)?;
        lock(&self.redactor).add("JWT", &assertion);
        let Some(token_url) = jwt.token_url.as_ref().map(Tainted::expose) else {
            let lifetime = u64::from(jwt.expiry_seconds);
            return Ok(Minted {
                token: Token::new(assertion, Some(Duration::from_secs(lifetime))),
                token_type: Some("jwt".to_owned()),
                expires_in: Some(lifetime),
                granted: None,
            });
        };
        if let Err(reason) = http::check_url(&token_url) {
            return Err(TokenError::new(format!("token URL: {reason}")));
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut form = vec![
            ("grant_type".to_owned(), jwt.grant_type.clone()),
            (jwt.assertion_key.clone(), assertion),
        ];
        // The spec's extra fields win over ours (e.g. Okta's `grant_type: client_credentials`
        // with a `client_assertion`).
        for (k, v) in &jwt.token_form {
            match form.iter_mut().find(|(name, _)| name == k) {
                Some(field) => field.1 = v.expose(),
                None => form.push((k.clone(), v.expose())),
            }
        }
        let mut request = self.client.post(token_url);
        if !jwt
            .token_headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("accept"))
        {
            request = request.header("Accept", "application/json");
        }
        for (k, v) in &jwt.token_headers {
            request = request.header(k, v.expose());
        }
        let received = self.exchange(request.form(&form)).await?;
        self.raw_response(received)
    }

    /// Sends a token request and reads its response (recorded when the run is).
    async fn exchange(&self, request: reqwest::RequestBuilder) -> Result<Received, TokenError> {
        let request = request
            .build()
            .map_err(|e| TokenError::transport(&e, self.timeout))?;
        http::exchange(
            &self.client,
            request,
            self.max_body,
            self.recorder.as_deref().map(|r| (r, Tag::Token)),
        )
        .await
        .map_err(|e| TokenError::transport(&e, self.timeout))
    }

    fn needs_raw(&self) -> bool {
        self.oauth.access_token_key != "access_token"
            || self.oauth.expires_in_key != "expires_in"
            || self.oauth.grant_type != self.oauth.grant
    }

    async fn request(&self, method: ClientCredentialsPlacement) -> Result<Minted, TokenError> {
        let stored_refresh = lock(&self.refresh).clone();
        if self.oauth.grant == "authorization_code" && stored_refresh.is_none() {
            return Err(TokenError::oauth(
                "no stored token for the authorization code grant; run `connspec login` first",
                "unsupported".to_owned(),
            ));
        }
        if !matches!(
            self.oauth.grant,
            "client_credentials" | "password" | "refresh_token" | "authorization_code"
        ) {
            return Err(TokenError::oauth(
                format!(
                    "the `{}` grant cannot be run by `connspec test` yet",
                    self.oauth.grant
                ),
                "unsupported".to_owned(),
            ));
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        if self.needs_raw() {
            return self.raw(method).await;
        }
        let token_url = TokenUrl::new(self.oauth.token_url.expose())
            .map_err(|e| TokenError::new(format!("token URL: {e}")))?;
        let mut client = BasicClient::new(ClientId::new(
            self.oauth
                .client_id
                .as_ref()
                .map(connspec_compile::Tainted::expose)
                .unwrap_or_default(),
        ))
        .set_token_uri(token_url)
        .set_auth_type(match method {
            ClientCredentialsPlacement::BasicHeader => AuthType::BasicAuth,
            _ => AuthType::RequestBody,
        });
        if let Some(secret) = &self.oauth.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose()));
        }
        let headers: Vec<(String, String)> = self
            .oauth
            .token_headers
            .iter()
            .map(|(k, v)| (k.clone(), v.expose()))
            .collect();
        let form: Vec<(String, String)> = self
            .oauth
            .token_form
            .iter()
            .map(|(k, v)| (k.clone(), v.expose()))
            .collect();
        let scopes = self.oauth.scopes.iter().map(|s| Scope::new(s.clone()));
        let send = http::Adapter {
            client: self.client.clone(),
            headers,
            max_body: self.max_body,
            recorder: self.recorder.clone(),
        };
        let result = match self.oauth.grant {
            "client_credentials" => {
                let mut request = client.exchange_client_credentials().add_scopes(scopes);
                for (k, v) in &form {
                    request = request.add_extra_param(k.as_str(), v.as_str());
                }
                request.request_async(&send).await
            }
            "password" => {
                let username = ResourceOwnerUsername::new(
                    self.oauth
                        .username
                        .as_ref()
                        .map(connspec_compile::Tainted::expose)
                        .unwrap_or_default(),
                );
                let password = ResourceOwnerPassword::new(
                    self.oauth
                        .password
                        .as_ref()
                        .map(connspec_compile::Tainted::expose)
                        .unwrap_or_default(),
                );
                let mut request = client
                    .exchange_password(&username, &password)
                    .add_scopes(scopes);
                for (k, v) in &form {
                    request = request.add_extra_param(k.as_str(), v.as_str());
                }
                request.request_async(&send).await
            }
            "refresh_token" | "authorization_code" => {
                let refresh = RefreshToken::new(stored_refresh.clone().unwrap_or_else(|| {
                    self.oauth
                        .refresh_token
                        .as_ref()
                        .map(connspec_compile::Tainted::expose)
                        .unwrap_or_default()
                }));
                // Refreshing a user's token set asks for no `scope`: RFC 6749 §6 then grants
                // what the user consented to (oidc-provider refuses scopes the refresh token
                // does not list, and a resource server's scopes are not on it).
                let mut request = client.exchange_refresh_token(&refresh);
                if self.oauth.grant == "refresh_token" {
                    request = request.add_scopes(scopes);
                }
                for (k, v) in &form {
                    request = request.add_extra_param(k.as_str(), v.as_str());
                }
                request.request_async(&send).await
            }
            other => {
                return Err(TokenError::new(format!(
                    "the `{other}` grant cannot be run by `connspec test` yet"
                )));
            }
        };
        match result {
            Ok(response) => {
                let minted = minted(&response)?;
                if self.oauth.grant == "authorization_code" {
                    let rotated = response
                        .refresh_token()
                        .map(|t| t.secret().clone())
                        .or(stored_refresh);
                    if let Some(token) = &rotated {
                        lock(&self.redactor).add("REFRESH_TOKEN", token);
                    }
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    lock(&self.refresh).clone_from(&rotated);
                    *lock(&self.renewed) = Some(StoredToken {
                        access_token: response.access_token().secret().clone(),
                        refresh_token: rotated,
                        expires_at: response
                            .expires_in()
                            .map(|d| now.saturating_add(d.as_secs())),
                        scopes: response
                            .scopes()
                            .map(|s| s.iter().map(|s| s.as_str().to_owned()).collect()),
                    });
                }
                Ok(minted)
            }
            Err(RequestTokenError::ServerResponse(error)) => {
                let code = error.error().to_string();
                let description = error
                    .error_description()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                Err(TokenError::oauth(
                    format!("the token endpoint answered `{code}`{description}"),
                    code,
                ))
            }
            Err(RequestTokenError::Request(error)) => Err(match error {
                AdapterError::Reqwest(e) => TokenError::transport(&e, self.timeout),
                AdapterError::Status {
                    status,
                    retry_after,
                } => TokenError::status(
                    format!("the token endpoint answered {status}"),
                    status,
                    retry_after,
                ),
                other @ (AdapterError::Http(_)
                | AdapterError::Redirect(_)
                | AdapterError::TooLarge { .. }) => TokenError::new(other.to_string()),
            }),
            Err(RequestTokenError::Parse(error, body)) => {
                // The escape hatch: read the body as plain JSON (string `expires_in` and the like).
                parse_raw(
                    &body,
                    &self.oauth.access_token_key,
                    &self.oauth.expires_in_key,
                )
                .map_err(|reason| match reason {
                    RawTokenProblem::Empty => TokenError::new(EMPTY_TOKEN.to_owned()),
                    RawTokenProblem::Missing => {
                        TokenError::new(format!("unreadable token response: {error}"))
                    }
                })
            }
            Err(RequestTokenError::Other(message)) => Err(TokenError::new(message)),
        }
    }

    /// The raw token request: a form POST, the response read as JSON with the spec's keys.
    async fn raw(&self, method: ClientCredentialsPlacement) -> Result<Minted, TokenError> {
        let mut form: Vec<(String, String)> =
            vec![("grant_type".to_owned(), self.oauth.grant_type.clone())];
        if !self.oauth.scopes.is_empty() {
            form.push(("scope".to_owned(), self.oauth.scopes.join(" ")));
        }
        for (key, value) in [
            ("username", &self.oauth.username),
            ("password", &self.oauth.password),
            ("refresh_token", &self.oauth.refresh_token),
        ] {
            if let Some(value) = value {
                form.push((key.to_owned(), value.expose()));
            }
        }
        let id = self
            .oauth
            .client_id
            .as_ref()
            .map(connspec_compile::Tainted::expose);
        let secret = self
            .oauth
            .client_secret
            .as_ref()
            .map(connspec_compile::Tainted::expose);
        let mut request = self.client.post(self.oauth.token_url.expose());
        if method == ClientCredentialsPlacement::BasicHeader {
            if let Some(id) = &id {
                request = request.basic_auth(form_encode(id), secret.as_deref().map(form_encode));
            }
        } else {
            if let Some(id) = id {
                form.push(("client_id".to_owned(), id));
            }
            if let Some(secret) = secret {
                form.push(("client_secret".to_owned(), secret));
            }
        }
        for (k, v) in &self.oauth.token_form {
            form.push((k.clone(), v.expose()));
        }
        for (k, v) in &self.oauth.token_headers {
            request = request.header(k, v.expose());
        }
        let received = self
            .exchange(request.header("Accept", "application/json").form(&form))
            .await?;
        self.raw_response(received)
    }

    /// A token response read as plain JSON with the spec's keys.
    fn raw_response(&self, received: Received) -> Result<Minted, TokenError> {
        let status = received.status;
        let retry_after = http::retry_after(&received.headers);
        let (body, truncated) = (received.body, received.truncated);
        if truncated {
            return Err(TokenError::new(http::too_large_message(self.max_body)));
        }
        if status.is_success() {
            return parse_raw(
                &body,
                &self.oauth.access_token_key,
                &self.oauth.expires_in_key,
            )
            .map_err(|reason| match reason {
                RawTokenProblem::Empty => TokenError::new(EMPTY_TOKEN.to_owned()),
                RawTokenProblem::Missing => TokenError::new(format!(
                    "the token response has no string `{}`",
                    self.oauth.access_token_key
                )),
            });
        }
        let json: Option<Json> = serde_json::from_slice(&body).ok();
        let code = json
            .as_ref()
            .and_then(|j| j.get("error"))
            .and_then(Json::as_str)
            .map(str::to_owned);
        // As for the standard grants: the description says why (every report scrubs it).
        let description = json
            .as_ref()
            .and_then(|j| j.get("error_description"))
            .and_then(Json::as_str)
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        let message = match &code {
            Some(code) => format!("the token endpoint answered {status} `{code}`{description}"),
            None if status.is_redirection() => {
                format!(
                    "the token endpoint redirected ({status}); token requests never follow redirects"
                )
            }
            None => format!("the token endpoint answered {status}"),
        };
        Err(TokenError {
            oauth_error: code,
            ..TokenError::status(message, status, retry_after)
        })
    }
}

/// The token a successful response carries; an empty one is a failed token request, never a
/// `Bearer ` header.
fn minted(response: &BasicTokenResponse) -> Result<Minted, TokenError> {
    if response.access_token().secret().trim().is_empty() {
        return Err(TokenError::new(EMPTY_TOKEN.to_owned()));
    }
    let expires_in = response.expires_in().map(|d| d.as_secs());
    Ok(Minted {
        token: Token::new(
            response.access_token().secret().clone(),
            response.expires_in(),
        ),
        token_type: Some(format!("{:?}", response.token_type()).to_lowercase()),
        expires_in,
        granted: response
            .scopes()
            .map(|scopes| scopes.iter().map(|s| s.to_string()).collect()),
    })
}

const EMPTY_TOKEN: &str = "the token endpoint answered success with an empty access token";

/// Why a raw token response gave no token.
enum RawTokenProblem {
    /// Not JSON, or no string under the access token key.
    Missing,
    /// The access token is empty or blank.
    Empty,
}

/// Reads a JSON token response with custom keys; `expires_in` may be a number or a string.
fn parse_raw(body: &[u8], token_key: &str, expires_key: &str) -> Result<Minted, RawTokenProblem> {
    let json: Json = serde_json::from_slice(body).map_err(|_| RawTokenProblem::Missing)?;
    let value = json
        .get(token_key)
        .and_then(Json::as_str)
        .ok_or(RawTokenProblem::Missing)?
        .to_owned();
    if value.trim().is_empty() {
        return Err(RawTokenProblem::Empty);
    }
    let expires_in = match json.get(expires_key) {
        Some(Json::Number(n)) => n.as_u64(),
        Some(Json::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    Ok(Minted {
        token: Token::new(value, expires_in.map(Duration::from_secs)),
        token_type: json
            .get("token_type")
            .and_then(Json::as_str)
            .map(str::to_owned),
        expires_in,
        granted: json
            .get("scope")
            .and_then(Json::as_str)
            .map(|s| s.split_whitespace().map(str::to_owned).collect()),
    })
}

fn method_name(method: ClientCredentialsPlacement) -> &'static str {
    match method {
        ClientCredentialsPlacement::Either => ClientAuthentication::Auto.as_str(),
        ClientCredentialsPlacement::RequestBody => ClientAuthentication::RequestBody.as_str(),
        ClientCredentialsPlacement::BasicHeader => ClientAuthentication::BasicHeader.as_str(),
    }
}

/// A reqwest error as one line, with its host but without the rest of its URL (the path or
/// query may carry a secret).
/// Why `error` got no response, for a request bounded by `timeout`; a timeout names the limit
/// that ended it.
pub(crate) fn transport_message(error: &reqwest::Error, timeout: Duration) -> String {
    let host = error
        .url()
        .and_then(|url| Some((url.host_str()?.to_owned(), url.port_or_known_default()?)));
    let kind = match (Transport::of(error), host) {
        (Transport::Timeout, _) if error.is_connect() && timeout > http::CONNECT_TIMEOUT => {
            format!(
                "timed out connecting, after {} ({})",
                CONNECT_TIMEOUT_LIMIT.describe_default(),
                CONNECT_TIMEOUT_LIMIT.remedy()
            )
        }
        (Transport::Timeout, _) => format!(
            "timed out after {} ({})",
            REQUEST_TIMEOUT.describe(Amount::Time(timeout)),
            REQUEST_TIMEOUT.remedy()
        ),
        (Transport::Dns, Some((host, _))) => format!("the DNS lookup of `{host}` failed"),
        (Transport::Refused, Some((host, port))) => {
            format!("`{host}:{port}` refused the connection")
        }
        (Transport::Tls, Some((host, _))) => format!("the TLS handshake with `{host}` failed"),
        _ if error.is_connect() => "connection failed".to_owned(),
        _ if error.is_redirect() => format!(
            "more redirects than {} ({})",
            crate::limits::REDIRECTS.describe_default(),
            crate::limits::REDIRECTS.remedy()
        ),
        _ if error.is_body() || error.is_decode() => {
            "the response body could not be read".to_owned()
        }
        _ => "request failed".to_owned(),
    };
    let mut source = std::error::Error::source(error);
    let mut detail = String::new();
    while let Some(cause) = source {
        detail = cause.to_string();
        source = cause.source();
    }
    if detail.is_empty() {
        kind
    } else {
        format!("{kind}: {detail}")
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_access_token_is_a_failed_token_request() {
        for body in [
            r#"{"access_token": "", "token_type": "bearer"}"#,
            r#"{"access_token": "  ", "token_type": "bearer", "expires_in": 60}"#,
        ] {
            let response: BasicTokenResponse = serde_json::from_str(body).expect("response");
            let error = minted(&response).err().expect("an empty token fails");
            assert_eq!(error.message, EMPTY_TOKEN, "{body}");
            assert!(matches!(
                parse_raw(body.as_bytes(), "access_token", "expires_in"),
                Err(RawTokenProblem::Empty)
            ));
        }
        assert!(matches!(
            parse_raw(b"{}", "access_token", "expires_in"),
            Err(RawTokenProblem::Missing)
        ));
        let ok = parse_raw(
            br#"{"access_token": "t", "expires_in": "60"}"#,
            "access_token",
            "expires_in",
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn a_lifetime_past_the_clock_never_panics() {
        let token = Token::new("t".to_owned(), Some(Duration::MAX));
        assert!(token.fresh());
        let body = format!(r#"{{"access_token": "t", "expires_in": {}}}"#, u64::MAX);
        assert!(parse_raw(body.as_bytes(), "access_token", "expires_in").is_ok());
        let start = Instant::now();
        assert!(crate::run::instant_after(start, Duration::MAX) > start);
    }
}
