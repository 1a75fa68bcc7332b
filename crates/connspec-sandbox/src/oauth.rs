//! Coupa's OAuth 2.0 endpoints: `POST /oauth2/token` (client credentials, authorization code
//! with PKCE or a shared secret, refresh token) and `GET /oauth2/authorizations/new` with a
//! login page and a consent page a test drives with two form posts.
//!
//! Errors follow RFC 6749 §5.2 (`{"error", "error_description"}`; `invalid_client` is 401).
//! Clients authenticate with HTTP Basic or with `client_id` and `client_secret` in the body
//! (or the query, as Coupa documents the code exchange), never both. Refresh tokens are
//! issued only for authorization code with `offline_access`, and are rotated on use.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use crate::app::App;
use crate::config::{ClientConfig, GrantType, TestUser};
use crate::format::{self, escape};
use crate::log::{ClientAuth, LogNote};
use crate::token::{random_string, s256_challenge, same_secret};

/// How long an authorization request waits for its login and consent, and a code for its
/// exchange (RFC 6749 §4.1.2 recommends at most 10 minutes).
const CODE_LIFETIME: Duration = Duration::from_secs(600);

/// Pending authorization requests, unused codes and live refresh tokens.
#[derive(Default)]
pub(crate) struct OAuthState {
    pending: HashMap<String, Authorization>,
    codes: HashMap<String, Authorization>,
    refresh: HashMap<String, RefreshGrant>,
}

/// Counts only: the keys are secrets.
impl std::fmt::Debug for OAuthState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthState")
            .field("pending", &self.pending.len())
            .field("codes", &self.codes.len())
            .field("refresh_tokens", &self.refresh.len())
            .finish()
    }
}

/// An authorization request, then the code it yields.
#[derive(Debug, Clone)]
struct Authorization {
    client_id: String,
    redirect_uri: String,
    /// The request named `redirect_uri` (so the exchange must repeat it).
    redirect_uri_given: bool,
    scopes: Vec<String>,
    state: Option<String>,
    challenge: Option<String>,
    created: Instant,
    /// Index of the test user who logged in.
    user: Option<usize>,
}

#[derive(Debug, Clone)]
struct RefreshGrant {
    client_id: String,
    scopes: Vec<String>,
    user: usize,
}

/// An RFC 6749 error: its code, description and status.
struct OAuthError {
    error: &'static str,
    description: String,
    status: StatusCode,
}

impl OAuthError {
    fn new(error: &'static str, description: impl Into<String>) -> OAuthError {
        let status = if error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        OAuthError {
            error,
            description: description.into(),
            status,
        }
    }

    fn into_response(self) -> Response {
        let mut response = no_store(format::json(
            self.status,
            &json!({"error": self.error, "error_description": self.description}),
        ));
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Coupa\""),
            );
        }
        response
    }
}

fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// `POST /oauth2/token`.
pub(crate) async fn token(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let mut note = LogNote::default();
    let mut response = match token_inner(&app, &headers, &uri, &body, &mut note) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    response.extensions_mut().insert(note);
    response
}

fn token_inner(
    app: &App,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
    note: &mut LogNote,
) -> Result<Response, OAuthError> {
    let params = token_params(headers, uri, body)?;
    note.grant_type = params.get("grant_type").cloned();
    let client = authenticate_client(app, headers, &params, note)?;
    let grant_type = params
        .get("grant_type")
        .ok_or_else(|| OAuthError::new("invalid_request", "grant_type is required"))?;
    match grant_type.as_str() {
        "client_credentials" => {
            if client.grant != GrantType::ClientCredentials {
                return Err(unauthorized_client(client, grant_type));
            }
            let scopes = requested_scopes(app, params.get("scope"), &client.scopes, client)?;
            Ok(token_response(app, client, &scopes, None, &scopes))
        }
        "authorization_code" => {
            if client.grant != GrantType::AuthorizationCode {
                return Err(unauthorized_client(client, grant_type));
            }
            exchange_code(app, client, &params)
        }
        "refresh_token" => {
            if client.grant != GrantType::AuthorizationCode {
                return Err(OAuthError::new(
                    "unauthorized_client",
                    "refresh tokens exist for authorization-code clients only; a client-credentials client mints a new token instead",
                ));
            }
            refresh(app, client, &params)
        }
        other => Err(OAuthError::new(
            "unsupported_grant_type",
            format!(
                "grant_type `{other}` is not supported; use client_credentials, authorization_code or refresh_token"
            ),
        )),
    }
}

fn unauthorized_client(client: &ClientConfig, grant_type: &str) -> OAuthError {
    OAuthError::new(
        "unauthorized_client",
        format!(
            "client `{}` is set up for {}, not {grant_type}",
            client.id,
            client.grant.as_str()
        ),
    )
}

/// The parameters of a token request: the form body and the query string, each at most once.
fn token_params(
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> Result<HashMap<String, String>, OAuthError> {
    let mut params = HashMap::new();
    let mut add = |bytes: &[u8]| -> Result<(), OAuthError> {
        for (key, value) in form_urlencoded::parse(bytes) {
            if params
                .insert(key.clone().into_owned(), value.into_owned())
                .is_some()
            {
                return Err(OAuthError::new(
                    "invalid_request",
                    format!("parameter `{key}` is given more than once"),
                ));
            }
        }
        Ok(())
    };
    if !body.is_empty() {
        let form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !form {
            return Err(OAuthError::new(
                "invalid_request",
                "the token request body must be application/x-www-form-urlencoded",
            ));
        }
        add(body)?;
    }
    if let Some(query) = uri.query() {
        add(query.as_bytes())?;
    }
    Ok(params)
}

/// Finds and checks the client: HTTP Basic, or `client_id` + `client_secret` parameters, or a
/// public client's `client_id` alone.
fn authenticate_client<'a>(
    app: &'a App,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
    note: &mut LogNote,
) -> Result<&'a ClientConfig, OAuthError> {
    let basic = match headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        Some(value) => Some(parse_basic(value).ok_or_else(|| {
            OAuthError::new(
                "invalid_client",
                "the Authorization header must be Basic base64(client_id:client_secret)",
            )
        })?),
        None => None,
    };
    let body_id = params.get("client_id");
    let body_secret = params.get("client_secret");
    let (id, secret, method) = match (basic, body_secret) {
        (Some(_), Some(_)) => {
            return Err(OAuthError::new(
                "invalid_request",
                "client credentials are in both the Authorization header and the body; use one",
            ));
        }
        (Some((id, secret)), None) => {
            if body_id.is_some_and(|b| *b != id) {
                return Err(OAuthError::new(
                    "invalid_request",
                    "client_id in the body differs from the Authorization header",
                ));
            }
            (id, Some(secret), ClientAuth::BasicHeader)
        }
        (None, Some(secret)) => {
            let id = body_id.ok_or_else(|| {
                OAuthError::new("invalid_request", "client_secret without client_id")
            })?;
            (id.clone(), Some(secret.clone()), ClientAuth::RequestBody)
        }
        (None, None) => {
            let id = body_id.ok_or_else(|| {
                OAuthError::new(
                    "invalid_client",
                    "no client authentication: send HTTP Basic or client_id and client_secret",
                )
            })?;
            (id.clone(), None, ClientAuth::None)
        }
    };
    note.client_auth = Some(method);
    let client = app
        .config
        .client(&id)
        .ok_or_else(|| OAuthError::new("invalid_client", "unknown client"))?;
    note.client_id = Some(client.id.clone());
    match (&client.secret, secret) {
        (Some(expected), Some(given)) if same_secret(expected, &given) => Ok(client),
        (Some(_), Some(_)) => Err(OAuthError::new(
            "invalid_client",
            "The Client ID is invalid or you must have provided multiple credentials. Failed authentication.",
        )),
        (Some(_), None) => Err(OAuthError::new(
            "invalid_client",
            "this client has a secret: authenticate with it",
        )),
        (None, Some(_)) => Err(OAuthError::new(
            "invalid_client",
            "this client is public and has no secret",
        )),
        (None, None) => Ok(client),
    }
}

/// `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1).
fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id), form_decode(secret)))
}

fn form_decode(text: &str) -> String {
    form_urlencoded::parse(format!("v={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The scopes a request asks for: all of `allowed` when it names none, else each one named,
/// which must be in `allowed`.
fn requested_scopes(
    app: &App,
    scope: Option<&String>,
    allowed: &[String],
    client: &ClientConfig,
) -> Result<Vec<String>, OAuthError> {
    let Some(scope) = scope.filter(|s| !s.trim().is_empty()) else {
        return Ok(allowed.to_vec());
    };
    let mut scopes: Vec<String> = Vec::new();
    for name in scope.split(' ').filter(|s| !s.is_empty()) {
        if !allowed.iter().any(|a| a == name) {
            let description = if name.contains(',') {
                format!("`{name}`: scopes are separated by spaces, not commas")
            } else if !app.catalog.is_known_scope(name) {
                match app.catalog.suggest_scope(name) {
                    Some(real) => format!("unknown scope `{name}`; did you mean `{real}`?"),
                    None => format!("unknown scope `{name}`"),
                }
            } else {
                format!("scope `{name}` is not granted to client `{}`", client.id)
            };
            return Err(OAuthError::new("invalid_scope", description));
        }
        if !scopes.iter().any(|s| s == name) {
            scopes.push(name.to_owned());
        }
    }
    Ok(scopes)
}

/// The token response: `access_token`, `token_type`, `expires_in`, plus `refresh_token` for a
/// user grant with `offline_access` (a new one, for `grant_scopes`) and `id_token` with
/// `openid`.
fn token_response(
    app: &App,
    client: &ClientConfig,
    scopes: &[String],
    user: Option<usize>,
    grant_scopes: &[String],
) -> Response {
    let test_user: Option<&TestUser> = user.and_then(|u| app.config.users.get(u));
    let access_token = app.tokens.mint(
        &client.id,
        scopes,
        test_user.map(|u| (u.user_id, u.login.as_str())),
    );
    let mut body = Map::new();
    body.insert("access_token".into(), json!(access_token));
    body.insert("token_type".into(), json!("bearer"));
    body.insert("expires_in".into(), json!(app.tokens.lifetime().as_secs()));
    if let (Some(user), Some(test_user)) = (user, test_user) {
        let offline = app
            .catalog
            .refresh_scope()
            .is_some_and(|s| grant_scopes.iter().any(|g| g == s));
        if offline {
            let token = random_string(32);
            app.oauth().refresh.insert(
                token.clone(),
                RefreshGrant {
                    client_id: client.id.clone(),
                    scopes: grant_scopes.to_vec(),
                    user,
                },
            );
            body.insert("refresh_token".into(), json!(token));
        }
        if scopes.iter().any(|s| s == "openid") {
            let email = format!("{}@example.com", test_user.login);
            body.insert(
                "id_token".into(),
                json!(app.tokens.id_token(&client.id, &test_user.login, &email)),
            );
        }
    }
    no_store(format::json(StatusCode::OK, &Value::Object(body)))
}

fn exchange_code(
    app: &App,
    client: &ClientConfig,
    params: &HashMap<String, String>,
) -> Result<Response, OAuthError> {
    let code = params
        .get("code")
        .ok_or_else(|| OAuthError::new("invalid_request", "code is required"))?;
    // A code works once: it is gone whatever the outcome.
    let grant = app.oauth().codes.remove(code).ok_or_else(|| {
        OAuthError::new(
            "invalid_grant",
            "the code is invalid, expired or already used",
        )
    })?;
    if grant.created.elapsed() > CODE_LIFETIME {
        return Err(OAuthError::new("invalid_grant", "the code expired"));
    }
    if grant.client_id != client.id {
        return Err(OAuthError::new(
            "invalid_grant",
            "the code was issued to another client",
        ));
    }
    match params.get("redirect_uri") {
        Some(uri) if *uri != grant.redirect_uri => {
            return Err(OAuthError::new(
                "invalid_grant",
                "redirect_uri differs from the authorization request's",
            ));
        }
        None if grant.redirect_uri_given => {
            return Err(OAuthError::new(
                "invalid_grant",
                "redirect_uri is required: the authorization request had one",
            ));
        }
        _ => {}
    }
    match (&grant.challenge, params.get("code_verifier")) {
        (Some(challenge), Some(verifier)) => {
            if s256_challenge(verifier) != *challenge {
                return Err(OAuthError::new(
                    "invalid_grant",
                    "code_verifier does not match the code_challenge",
                ));
            }
        }
        (Some(_), None) => {
            return Err(OAuthError::new(
                "invalid_grant",
                "code_verifier is required: the authorization request had a code_challenge",
            ));
        }
        (None, Some(_)) => {
            return Err(OAuthError::new(
                "invalid_grant",
                "code_verifier given, but the authorization request had no code_challenge",
            ));
        }
        (None, None) => {}
    }
    Ok(token_response(
        app,
        client,
        &grant.scopes,
        grant.user,
        &grant.scopes,
    ))
}

fn refresh(
    app: &App,
    client: &ClientConfig,
    params: &HashMap<String, String>,
) -> Result<Response, OAuthError> {
    let token = params
        .get("refresh_token")
        .ok_or_else(|| OAuthError::new("invalid_request", "refresh_token is required"))?;
    let grant = {
        let mut oauth = app.oauth();
        match oauth.refresh.get(token) {
            Some(grant) if grant.client_id != client.id => {
                return Err(OAuthError::new(
                    "invalid_grant",
                    "the refresh token was issued to another client",
                ));
            }
            Some(_) => oauth.refresh.remove(token),
            None => None,
        }
    }
    .ok_or_else(|| OAuthError::new("invalid_grant", "the refresh token is invalid or was used"))?;
    let scopes = match requested_scopes(app, params.get("scope"), &grant.scopes, client) {
        Ok(scopes) => scopes,
        Err(error) => {
            // A refused request leaves the refresh token usable.
            app.oauth().refresh.insert(token.clone(), grant);
            return Err(error);
        }
    };
    // The refresh token is rotated and keeps the grant's scopes, whatever this request narrowed.
    Ok(token_response(
        app,
        client,
        &scopes,
        Some(grant.user),
        &grant.scopes,
    ))
}

/// `GET /oauth2/authorizations/new`.
pub(crate) async fn authorize(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let mut params: HashMap<String, String> = HashMap::new();
    for (key, value) in form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        if params.insert(key.to_string(), value.into_owned()).is_some() {
            return error_page(&format!("Parameter {key} is given more than once."));
        }
    }
    // Before the redirect URI is known good, errors are shown, never redirected (RFC 6749 §4.1.2.1).
    let Some(client) = params.get("client_id").and_then(|id| app.config.client(id)) else {
        return error_page("Unknown client_id.");
    };
    let (redirect_uri, redirect_uri_given) = match params.get("redirect_uri") {
        Some(uri)
            if client
                .redirect_uris
                .iter()
                .any(|r| redirect_matches(r, uri)) =>
        {
            (uri.clone(), true)
        }
        Some(_) => return error_page("The redirect_uri is not registered for this client."),
        None if client.redirect_uris.len() == 1 => (client.redirect_uris[0].clone(), false),
        None => return error_page("redirect_uri is required."),
    };
    let state = params.get("state").cloned();
    let fail = |error: &str, description: &str| {
        redirect(
            &redirect_uri,
            &[
                ("error", Some(error)),
                ("error_description", Some(description)),
                ("state", state.as_deref()),
            ],
        )
    };
    if params.get("response_type").map(String::as_str) != Some("code") {
        return fail("unsupported_response_type", "response_type must be code");
    }
    if client.grant != GrantType::AuthorizationCode {
        return fail(
            "unauthorized_client",
            "this client is not set up for the authorization code grant",
        );
    }
    let scopes = match requested_scopes(&app, params.get("scope"), &client.scopes, client) {
        Ok(scopes) => scopes,
        Err(error) => return fail(error.error, &error.description),
    };
    let challenge = params.get("code_challenge");
    let method = params.get("code_challenge_method").map(String::as_str);
    match (challenge, method) {
        (None, Some(_)) => {
            return fail(
                "invalid_request",
                "code_challenge_method without code_challenge",
            );
        }
        (Some(_), None | Some("plain")) => {
            return fail("invalid_request", "code_challenge_method must be S256");
        }
        (Some(_), Some(m)) if m != "S256" => {
            return fail("invalid_request", "code_challenge_method must be S256");
        }
        (Some(c), _)
            if c.len() != 43
                || !c
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            return fail(
                "invalid_request",
                "code_challenge must be BASE64URL(SHA256(code_verifier)), 43 characters",
            );
        }
        (None, None) if client.secret.is_none() => {
            return fail(
                "invalid_request",
                "a public client must use PKCE (code_challenge with S256)",
            );
        }
        _ => {}
    }
    let request = Authorization {
        client_id: client.id.clone(),
        redirect_uri: redirect_uri.clone(),
        redirect_uri_given,
        scopes,
        state: state.clone(),
        challenge: challenge.cloned(),
        created: Instant::now(),
        user: None,
    };
    if app.config.auto_consent {
        if app.config.users.is_empty() {
            return fail("server_error", "the sandbox has no test user to consent");
        }
        return issue_code(
            &app,
            Authorization {
                user: Some(0),
                ..request
            },
        );
    }
    let id = random_string(24);
    {
        let mut oauth = app.oauth();
        oauth
            .pending
            .retain(|_, p| p.created.elapsed() < CODE_LIFETIME);
        oauth.pending.insert(id.clone(), request);
    }
    login_page(StatusCode::OK, &id, client, None)
}

/// `POST /oauth2/authorizations/login`: `request_id`, `login`, `password`.
pub(crate) async fn login(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let id = form.get("request_id").cloned().unwrap_or_default();
    let Some(request) = app.oauth().pending.get(&id).cloned() else {
        return error_page(
            "This sign-in has expired or is unknown. Start again from the application.",
        );
    };
    let Some(client) = app.config.client(&request.client_id) else {
        return error_page("Unknown client_id.");
    };
    let login = form.get("login").map(String::as_str).unwrap_or_default();
    let password = form.get("password").map(String::as_str).unwrap_or_default();
    let user = app
        .config
        .users
        .iter()
        .position(|u| u.login == login && same_secret(&u.password, password));
    let Some(user) = user else {
        return login_page(
            StatusCode::UNAUTHORIZED,
            &id,
            client,
            Some("Invalid login or password."),
        );
    };
    if let Some(pending) = app.oauth().pending.get_mut(&id) {
        pending.user = Some(user);
    }
    let scopes = request.scopes.iter().fold(String::new(), |mut out, s| {
        out.push_str("<li>");
        out.push_str(&escape(s));
        out.push_str("</li>");
        out
    });
    format::html(
        StatusCode::OK,
        "Authorize access",
        &format!(
            "<p><strong>{}</strong> asks to act as <strong>{}</strong> with these scopes:</p>\n<ul>{scopes}</ul>\n\
<form method=\"post\" action=\"/oauth2/authorizations/consent\">\n\
<input type=\"hidden\" name=\"request_id\" value=\"{}\">\n\
<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n\
<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>",
            escape(&client.name),
            escape(login),
            escape(&id)
        ),
    )
}

/// `POST /oauth2/authorizations/consent`: `request_id`, `decision` (`allow` or `deny`).
pub(crate) async fn consent(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let id = form.get("request_id").cloned().unwrap_or_default();
    let request = {
        let mut oauth = app.oauth();
        match oauth.pending.get(&id) {
            Some(p) if p.user.is_some() => oauth.pending.remove(&id),
            _ => None,
        }
    };
    let Some(request) = request else {
        return error_page(
            "Sign in first: this authorization request is unknown, expired or not signed in.",
        );
    };
    match form.get("decision").map(String::as_str) {
        Some("allow") => issue_code(&app, request),
        Some("deny") => redirect(
            &request.redirect_uri,
            &[
                ("error", Some("access_denied")),
                ("error_description", Some("the user denied access")),
                ("state", request.state.as_deref()),
            ],
        ),
        _ => error_page("decision must be allow or deny."),
    }
}

fn issue_code(app: &App, request: Authorization) -> Response {
    let code = random_string(24);
    let location = redirect(
        &request.redirect_uri,
        &[("code", Some(&code)), ("state", request.state.as_deref())],
    );
    let mut oauth = app.oauth();
    oauth
        .codes
        .retain(|_, c| c.created.elapsed() < CODE_LIFETIME);
    oauth.codes.insert(
        code,
        Authorization {
            created: Instant::now(),
            ..request
        },
    );
    location
}

/// A 302 to `uri` with `params` added to its query.
fn redirect(uri: &str, params: &[(&str, Option<&str>)]) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in params {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    let separator = if uri.contains('?') { '&' } else { '?' };
    let location = format!("{uri}{separator}{}", query.finish());
    let mut response = format::body(StatusCode::FOUND, format::HTML, "");
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn login_page(
    status: StatusCode,
    id: &str,
    client: &ClientConfig,
    error: Option<&str>,
) -> Response {
    let error = error.map_or_else(String::new, |e| {
        format!("<p class=\"error\">{}</p>\n", escape(e))
    });
    format::html(
        status,
        "Sign in to Coupa",
        &format!(
            "{error}<p>Sign in to allow <strong>{}</strong> to access your Coupa data.</p>\n\
<form method=\"post\" action=\"/oauth2/authorizations/login\">\n\
<input type=\"hidden\" name=\"request_id\" value=\"{}\">\n\
<label>Login <input name=\"login\"></label>\n\
<label>Password <input type=\"password\" name=\"password\"></label>\n\
<button type=\"submit\">Sign in</button>\n</form>",
            escape(&client.name),
            escape(id)
        ),
    )
}

fn error_page(message: &str) -> Response {
    format::html(
        StatusCode::BAD_REQUEST,
        "Authorization error",
        &format!("<p class=\"error\">{}</p>", escape(message)),
    )
}

/// Whether `given` may be used for a registered redirect URI: equal, or both loopback URIs
/// that differ only in the port (RFC 8252 §7.3).
fn redirect_matches(registered: &str, given: &str) -> bool {
    if registered == given {
        return true;
    }
    let split = |uri: &str| -> Option<(String, String)> {
        let rest = uri.strip_prefix("http://")?;
        let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
        let host = if authority.starts_with('[') {
            authority.split_once(']').map(|(h, _)| format!("{h}]"))?
        } else {
            authority.split(':').next()?.to_owned()
        };
        matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]")
            .then(|| (host, path.to_owned()))
    };
    matches!((split(registered), split(given)), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_match_any_port() {
        assert!(redirect_matches(
            "http://127.0.0.1/callback",
            "http://127.0.0.1:54321/callback"
        ));
        assert!(redirect_matches(
            "http://localhost/cb",
            "http://localhost:1/cb"
        ));
        assert!(!redirect_matches(
            "http://127.0.0.1/callback",
            "http://127.0.0.1:5/other"
        ));
        assert!(!redirect_matches(
            "http://127.0.0.1/callback",
            "http://evil.example/callback"
        ));
        assert!(!redirect_matches(
            "https://a.example/cb",
            "https://a.example:444/cb"
        ));
        assert!(redirect_matches(
            "https://a.example/cb",
            "https://a.example/cb"
        ));
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        let header = format!("Basic {}", STANDARD.encode("my%20client:p%3Ass+word"));
        assert_eq!(
            parse_basic(&header),
            Some(("my client".to_owned(), "p:ss word".to_owned()))
        );
        assert_eq!(parse_basic("Bearer abc"), None);
        assert_eq!(parse_basic("Basic !!!"), None);
    }
}
