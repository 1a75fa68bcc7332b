//! A parsed cURL command converted into a spec action or, for an OAuth2 token request, the
//! connector's `auth` block.
//!
//! Credentials are never copied: an `Authorization` header, `-u`, an API-key header or query
//! parameter is dropped from the action and turned into the auth it implies, with every secret
//! as a `{{ secrets.NAME }}` reference. Postman placeholders (`{{id}}`) become action inputs
//! (`{{ inputs.id }}`); a placeholder host becomes the `domain` instance parameter. What the
//! user should know is returned as notes, never printed.

use std::collections::BTreeMap;

use connspec_catalog::{Catalog, RefreshTokens, RouteMatch};
use serde_json::{Map, Value, json};

use crate::curl::{CurlRequest, DataKind};

/// Why a command cannot be converted. Messages never hold a value of the command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A URL scheme other than `http` or `https`.
    #[error("the URL's scheme `{0}` is not http or https")]
    UnsupportedScheme(String),
    /// A URL without a host, or with white space in it.
    #[error("the URL has no valid host")]
    NoHost,
    /// `-F` together with `-d`-style data.
    #[error("the command mixes `-F` with `-d`-style data, which curl refuses too")]
    FormWithData,
    /// `--json` or a JSON `Content-Type` with a body that is not JSON (after the placeholders
    /// it may hold as values, `{"n": {{count}}}`).
    #[error(
        "the body is sent as JSON but is not valid JSON: {reason} at line {line}, column {column} \
         of the body"
    )]
    InvalidJson {
        line: usize,
        column: usize,
        /// What the JSON parser expected, without any of the body's text.
        reason: String,
    },
    /// A header, query, form or JSON field name too long to be a YAML mapping key.
    #[error(
        "a field name in the command takes {chars} characters as YAML, over {}, so the action \
         cannot be written ({})",
        crate::YAML_KEY_CHARS.describe_default(),
        crate::YAML_KEY_CHARS.remedy()
    )]
    KeyTooLong { chars: usize },
}

/// The longest mapping key YAML allows without the explicit `? key` form (YAML 1.2, §7.4.2:
/// implicit keys are at most 1024 characters), as written: quotes and escapes included.
pub(crate) const MAX_KEY_CHARS: usize = 1024;

/// What the importer needs to know besides the command.
#[derive(Debug, Clone, Default)]
pub struct ConvertOptions {
    /// The provider whose catalogue applies (`coupa`); otherwise taken from the host.
    pub provider: Option<String>,
    /// The action's name; otherwise derived from the method and path (`list_approvals`).
    pub action_name: Option<String>,
    /// The base URL of the spec the action is for, when there is one.
    pub base_url: Option<String>,
    /// Secret names the spec already declares, reused when an auth block needs them.
    pub spec_secrets: Vec<String>,
}

/// What a cURL command became.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// An action, or the auth block of a token request.
    pub target: Target,
    /// The connection: base URL parts and the instance parameters its host needs.
    pub connection: Connection,
    /// The provider whose catalogue applied, if any.
    pub provider: Option<String>,
    /// What the user should know: dropped credentials, assumptions, host differences.
    pub notes: Vec<String>,
}

/// What kind of spec fragment a command became.
#[derive(Debug, Clone)]
pub enum Target {
    /// An ordinary request: a spec action.
    Action(ImportedAction),
    /// An OAuth2 token request: the `auth` block it implies.
    Auth(ImportedAuth),
}

/// Scheme and host of the cURL URL, as a base URL template.
#[derive(Debug, Clone)]
pub struct Connection {
    /// `https://{{ instance.domain }}`.
    pub base_url: String,
    /// Instance parameters used by the host: name, format, example.
    pub parameters: Vec<(String, &'static str, Option<String>)>,
}

/// A spec action, ready to render.
#[derive(Debug, Clone)]
pub struct ImportedAction {
    /// The action's name (the key under `actions:`).
    pub name: String,
    /// The action's mapping (description, method, path, headers, query, body, inputs, expect).
    pub body: Map<String, Value>,
    /// The auth the command's credentials imply.
    pub auth: Option<ImportedAuth>,
    /// The scopes the provider's catalogue says the route needs (its least-privileged way).
    pub scopes: Vec<String>,
    /// The HTTP method, upper-case.
    pub method: String,
    /// The path relative to the base URL, with `{{ inputs.… }}` templates.
    pub path: String,
}

/// A connector `auth` block and the secrets it references.
#[derive(Debug, Clone)]
pub struct ImportedAuth {
    /// The `auth` mapping, secrets as `{{ secrets.NAME }}` references.
    pub auth: Map<String, Value>,
    /// Secret names with where to find them.
    pub secrets: Vec<(String, String)>,
    /// Permissions the credential must be given where it is made (`granted_scopes`): the
    /// route's, when the provider grants them on the token or app rather than per request.
    pub granted_scopes: Vec<String>,
}

/// Converts a parsed command; errors are for the user and never hold a value.
pub fn convert(request: &CurlRequest, options: &ConvertOptions) -> Result<Conversion, ImportError> {
    let conversion = convert_unchecked(request, options)?;
    let longest = match &conversion.target {
        Target::Action(action) => longest_key(&action.body)
            .max(action.auth.as_ref().map_or(0, |a| longest_key(&a.auth)))
            .max(action.name.chars().count()),
        Target::Auth(auth) => longest_key(&auth.auth),
    };
    if longest > MAX_KEY_CHARS {
        return Err(ImportError::KeyTooLong { chars: longest });
    }
    Ok(conversion)
}

/// The length in characters of the longest key anywhere in `map`, as YAML text writes it.
fn longest_key(map: &Map<String, Value>) -> usize {
    let written = |key: &String| crate::yaml_text::key(key).chars().count();
    let mut longest = map.keys().map(written).fold(0, usize::max);
    let mut stack: Vec<&Value> = map.values().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(inner) => {
                longest = inner.keys().map(written).fold(longest, usize::max);
                stack.extend(inner.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    longest
}

fn convert_unchecked(
    request: &CurlRequest,
    options: &ConvertOptions,
) -> Result<Conversion, ImportError> {
    let url = split_url(&request.url)?;
    let mut notes = Vec::new();
    if url.raw_query.contains(char::is_whitespace) {
        notes.push(
            "the query string holds white space, which curl itself refuses; the spec's `query` \
             sends each value URL-encoded"
                .to_owned(),
        );
    }
    let catalog_provider = options
        .provider
        .clone()
        .or_else(|| provider_of_host(&url.host));
    let mut catalog = catalog_provider
        .as_deref()
        .and_then(connspec_catalog::catalog);
    // A request to a provider's token endpoint on a shared identity host
    // (`oauth2.googleapis.com/token`) names the provider, and which endpoint it is.
    let token_endpoint = match catalog {
        Some(catalog) => catalog.token_url_of_request(&url.host, &url.path),
        None => {
            connspec_catalog::catalog_of_token_url(&url.host, &url.path).map(|(found, template)| {
                catalog = Some(found);
                template
            })
        }
    };
    let mut connection = connection_of(&url, catalog, &mut notes);
    // A `format: url` parameter brings its own scheme.
    if url.scheme != "https" && !connection.base_url.starts_with("{{") {
        notes.push(format!(
            "the URL uses `{}`; Agent Studio requires HTTPS, so the base URL uses https",
            if url.scheme.is_empty() {
                "no scheme"
            } else {
                url.scheme.as_str()
            }
        ));
    }
    let mut inputs = Inputs::default();

    let mut path = url.path.clone();
    if let Some(base_url) = &options.base_url {
        path = relative_to_base(&url, base_url, &mut notes);
    }

    let mut fields = FormFields::default();
    let body_source = body_of(request, &mut notes)?;
    let mut query: Vec<(String, String)> = url.query.clone();
    let mut body = None;
    match body_source {
        BodySource::None => {}
        BodySource::Form(pairs) if request.get => query.extend(pairs),
        BodySource::Form(pairs) => fields.pairs = pairs,
        BodySource::Json(value) => body = Some(ActionBody::Json(value)),
        BodySource::Text(text) if request.get => {
            query.extend(form_urlencoded::parse(text.as_bytes()).into_owned());
        }
        BodySource::Text(text) => body = Some(ActionBody::Text(text)),
    }

    let method = if request.get && request.method.is_none() {
        "GET".to_owned()
    } else {
        request.effective_method()
    };
    let prefix = secret_prefix(catalog);
    let token_request = token_grant(&fields.pairs, &query, body.as_ref());
    if let Some(grant) = token_request {
        if method != "POST" {
            notes.push(format!(
                "a token request is a POST; the command uses {method}"
            ));
        }
        let auth = token_request_auth(
            request,
            &grant,
            &url,
            &mut connection,
            &fields.pairs,
            &query,
            body.as_ref(),
            catalog.map(|catalog| (catalog, token_endpoint)),
            &prefix,
            &mut notes,
        );
        return Ok(Conversion {
            target: Target::Auth(auth),
            connection,
            provider: catalog.map(|c| c.name.clone()),
            notes,
        });
    }

    // Credentials: every one is dropped; the first becomes the connector's auth.
    let mut credentials = Credentials::new(&prefix, &options.spec_secrets);
    let mut headers: Vec<(String, String)> = Vec::new();
    if let Some(user) = &request.user {
        credentials.basic(user.contains(':'), "`-u`");
    }
    if request.oauth2_bearer.is_some() {
        credentials.bearer("`--oauth2-bearer`");
    }
    if url.user_info {
        credentials.basic(true, "the user name and password in the URL");
    }
    for (name, value) in &request.headers {
        if name.eq_ignore_ascii_case("authorization") {
            let scheme = auth_scheme(value);
            if scheme.eq_ignore_ascii_case("bearer") {
                credentials.bearer("the `Authorization: Bearer …` header");
            } else if scheme.eq_ignore_ascii_case("basic") {
                credentials.basic(true, "the `Authorization: Basic …` header");
            } else if scheme.is_empty() {
                credentials.api_key_header(name, "%s", "the `Authorization` header");
            } else {
                credentials.api_key_header(
                    name,
                    &format!("{scheme} %s"),
                    "the `Authorization` header",
                );
            }
        } else if is_credential_header(name) {
            credentials.api_key_header(name, "%s", &format!("the `{name}` header"));
        } else {
            headers.push((name.clone(), value.clone()));
        }
    }
    query.retain(|(name, _)| {
        if is_credential_query(name) {
            credentials.api_key_query(name);
            false
        } else {
            true
        }
    });
    notes.append(&mut credentials.notes);

    // Bodies: credential-looking fields never keep a literal value.
    let mut form_text = None;
    if !fields.pairs.is_empty() {
        let pairs: Vec<(String, String)> = fields
            .pairs
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    protect_literal_secret(k, v, &mut inputs, &mut notes),
                )
            })
            .collect();
        form_text = Some(encode_form(&pairs, &mut inputs));
    }
    if let Some(ActionBody::Json(value)) = &mut body {
        protect_json_secrets(value, &mut inputs, &mut notes);
    }

    let content_type = headers
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    let has_body = body.is_some() || form_text.is_some();
    match (content_type, has_body) {
        (Some(index), false) => {
            headers.remove(index);
            notes.push(
                "dropped `Content-Type`: the request sends no body, so it would say nothing \
                 (M003); `Accept` asks for the response format"
                    .to_owned(),
            );
        }
        (None, true) => {
            let value = if matches!(body, Some(ActionBody::Json(_))) {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            headers.push(("Content-Type".to_owned(), value.to_owned()));
        }
        _ => {}
    }
    if catalog.is_some_and(|c| c.conventions.accept_json_required)
        && !headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("accept") && v.contains("json"))
    {
        headers.push(("Accept".to_owned(), "application/json".to_owned()));
        notes.push(format!(
            "added `Accept: application/json`: {} answers {} without it",
            catalog.map_or("the provider", |c| c.display_name.as_str()),
            catalog.map_or("another format", |c| c
                .conventions
                .format_without_accept
                .as_str())
        ));
    }

    let path = inputs.templatize(&path, "the path");
    let mut action = Map::new();
    action.insert(
        "description".to_owned(),
        Value::String(format!(
            "{method} {}, imported from a cURL command.",
            display_path(&url.path)
        )),
    );
    action.insert("method".to_owned(), Value::String(method.clone()));
    action.insert("path".to_owned(), Value::String(path.clone()));
    if !headers.is_empty() {
        let mut map = Map::new();
        for (name, value) in &headers {
            let value = inputs.templatize(value, &format!("the `{name}` header"));
            map.insert(name.clone(), Value::String(value));
        }
        action.insert("headers".to_owned(), Value::Object(map));
    }
    if !query.is_empty() {
        let mut map = Map::new();
        for (name, value) in &query {
            let value = protect_literal_secret(name, value, &mut inputs, &mut notes);
            let value = inputs.templatize(&value, &format!("the `{name}` query parameter"));
            map.insert(name.clone(), query_value(value));
        }
        action.insert("query".to_owned(), Value::Object(map));
    }
    match (&mut body, form_text) {
        (_, Some(text)) => {
            action.insert("body".to_owned(), Value::String(text));
        }
        (Some(ActionBody::Json(value)), None) => {
            templatize_json(value, &mut inputs);
            action.insert("body".to_owned(), value.clone());
        }
        (Some(ActionBody::Text(text)), None) => {
            let text = protect_text_secrets(text, &mut inputs, &mut notes);
            let text = inputs.templatize(&text, "the body");
            action.insert("body".to_owned(), Value::String(text));
        }
        (None, None) => {}
    }
    if !inputs.names.is_empty() {
        let mut map = Map::new();
        for (name, origin) in &inputs.names {
            map.insert(
                name.clone(),
                json!({
                    "type": "string",
                    "description": origin,
                    "required": true,
                }),
            );
        }
        action.insert("inputs".to_owned(), Value::Object(map));
    }
    action.insert("expect".to_owned(), json!({ "status": "2xx" }));

    let name = options
        .action_name
        .clone()
        .unwrap_or_else(|| action_name(&method, &url.path));
    let scopes: Vec<String> = catalog
        .and_then(|c| match c.route(&method, &path) {
            RouteMatch::Found(route) => Some(route.least_privileged().to_vec()),
            _ => None,
        })
        .unwrap_or_default();
    let auth = credentials
        .kind
        .map(|kind| implied_auth(kind, &credentials, &connection, catalog, &scopes, &prefix));
    if let (Some(CredentialKind::Bearer), Some(auth)) = (credentials.kind, &auth)
        && let (Some(catalog), Some(grant)) = (catalog, auth.auth.get("grant_type"))
    {
        notes.push(format!(
            "{} bearer tokens are OAuth2 access tokens: the implied auth is the {} grant at `{}`",
            catalog.display_name,
            grant.as_str().unwrap_or_default().replace('_', " "),
            catalog.token_url
        ));
    }
    Ok(Conversion {
        target: Target::Action(ImportedAction {
            name,
            body: action,
            auth,
            scopes,
            method,
            path,
        }),
        connection,
        provider: catalog.map(|c| c.name.clone()),
        notes,
    })
}

/// A path as a description shows it: each placeholder as `{name}`, as API references write
/// path parameters (a description is printed, never rendered: no `{{`, T008).
fn display_path(path: &str) -> String {
    placeholders(path)
        .iter()
        .map(|piece| match piece {
            Piece::Literal(literal) => describe(literal),
            Piece::Placeholder(slot) => format!("{{{}}}", slot.name),
        })
        .collect()
}

/// A URL split by text, so `{{placeholders}}` in the host survive.
#[derive(Debug, Clone)]
struct UrlParts {
    scheme: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    /// The query string as written, without `?`.
    raw_query: String,
    user_info: bool,
}

fn split_url(url: &str) -> Result<UrlParts, ImportError> {
    let (scheme, rest) = match url.find("://") {
        Some(at) => (url[..at].to_ascii_lowercase(), &url[at + 3..]),
        None => (String::new(), url),
    };
    if !scheme.is_empty() && scheme != "https" && scheme != "http" {
        return Err(ImportError::UnsupportedScheme(scheme));
    }
    // The host ends at the first `/`, `?` or `#` outside `{{ }}`.
    let mut depth = 0usize;
    let mut host_end = rest.len();
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'/' | b'?' | b'#' if depth == 0 => {
                host_end = i;
                break;
            }
            _ => {}
        }
    }
    let mut host = &rest[..host_end];
    let mut user_info = false;
    if let Some(at) = host.rfind('@') {
        // User info is a credential: dropped here, reported as basic auth.
        host = &host[at + 1..];
        user_info = true;
    }
    let outside_placeholders = placeholders(host).into_iter().any(
        |piece| matches!(piece, Piece::Literal(literal) if literal.contains(char::is_whitespace)),
    );
    if host.is_empty() || outside_placeholders {
        return Err(ImportError::NoHost);
    }
    let after = &rest[host_end..];
    let after = after.split('#').next().unwrap_or_default();
    let (path, query) = match after.split_once('?') {
        Some((path, query)) => (path, query),
        None => (after, ""),
    };
    let path = if path.is_empty() { "/" } else { path };
    Ok(UrlParts {
        scheme,
        host: host.to_owned(),
        path: path.to_owned(),
        query: form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
        raw_query: query.to_owned(),
        user_info,
    })
}

/// Asks for refresh tokens the way the provider issues them (`how`, from
/// [`connspec_catalog::refresh_tokens`]): its refresh scope joins `scopes`, its authorization
/// request parameters join `auth`'s `authorization_query`; a setting of the OAuth client needs
/// nothing in the spec. Says what it added, if anything.
fn ask_for_refresh_tokens(
    how: &RefreshTokens,
    auth: &mut Map<String, Value>,
    scopes: &mut Vec<String>,
) -> Option<String> {
    match how {
        RefreshTokens::Scope(scope) if !scopes.contains(scope) => {
            scopes.push(scope.clone());
            Some(format!("`{scope}` to the scopes"))
        }
        RefreshTokens::AuthorizationQuery(query) => {
            let given = auth
                .entry("authorization_query")
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(given) = given else {
                return None;
            };
            let mut added = Vec::new();
            for (key, value) in query {
                if given.get(key).and_then(Value::as_str) != Some(value.as_str()) {
                    given.insert(key.clone(), Value::from(value.as_str()));
                    added.push(format!("{key}={value}"));
                }
            }
            (!added.is_empty())
                .then(|| format!("`{}` to the authorization request", added.join("&")))
        }
        RefreshTokens::Scope(_) | RefreshTokens::ClientSetting(_) => None,
    }
}

/// The provider whose hosts include this one (`acme.coupahost.com` is Coupa's,
/// `graph.microsoft.com` Microsoft Graph's); only that catalogue is parsed.
fn provider_of_host(host: &str) -> Option<String> {
    connspec_catalog::catalog_of_instance_host(host).map(|c| c.name.clone())
}

/// The base URL for a URL's host: placeholders become instance parameters; a host that is one
/// placeholder is the provider's host parameter, else `domain` (a host name), as in the
/// connectors library. Without a scheme, a placeholder named like a URL (`{{base_url}}`,
/// `{{OAUTH_TOKEN_ENDPOINT}}`) holds scheme and host: a `format: url` parameter.
fn connection_of(url: &UrlParts, catalog: Option<&Catalog>, notes: &mut Vec<String>) -> Connection {
    let host_parameter = catalog.and_then(|c| c.scaffold.host.as_ref());
    let pieces = placeholders(&url.host);
    if let [Piece::Placeholder(slot)] = pieces.as_slice()
        && url.scheme.is_empty()
        && ["url", "endpoint", "uri"]
            .iter()
            .any(|word| slot.name.contains(word))
    {
        notes.push(format!(
            "the URL starts with the placeholder `{}` and no scheme: it became the instance \
             parameter `{}` (`format: url`), which holds scheme and host",
            slot.text, slot.name
        ));
        return Connection {
            base_url: format!("{{{{ instance.{} }}}}", slot.name),
            parameters: vec![(slot.name.clone(), "url", None)],
        };
    }
    let only_placeholder = matches!(pieces.as_slice(), [Piece::Placeholder(_)]);
    let mut parameters = Vec::new();
    let mut template = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => template.push_str(text),
            Piece::Placeholder(slot) => {
                let name = if only_placeholder {
                    host_parameter.map_or_else(|| "domain".to_owned(), |h| h.parameter.clone())
                } else {
                    slot.instance_name()
                };
                template.push_str("{{ instance.");
                template.push_str(&name);
                template.push_str(" }}");
                if !parameters.iter().any(|(n, _, _)| *n == name) {
                    let (format, example) = if only_placeholder {
                        let example = host_parameter
                            .map(|h| h.example.clone())
                            .or_else(|| slot.example());
                        ("hostname", example)
                    } else {
                        ("string", None)
                    };
                    parameters.push((name, format, example));
                }
            }
        }
    }
    if !parameters.is_empty() && pieces_hold_guide_text(&url.host) {
        notes.push(format!(
            "the placeholders of the host became instance parameters ({})",
            parameters
                .iter()
                .map(|(n, _, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Connection {
        base_url: format!("https://{template}"),
        parameters,
    }
}

/// Whether `text` holds a placeholder other than `{{x}}` (which needs no note: it already is
/// a template).
fn pieces_hold_guide_text(text: &str) -> bool {
    placeholders(text)
        .iter()
        .any(|p| matches!(p, Piece::Placeholder(slot) if !slot.template))
}

/// The path relative to the spec's base URL, with a note when the hosts differ.
fn relative_to_base(url: &UrlParts, base_url: &str, notes: &mut Vec<String>) -> String {
    let base = split_url(base_url).ok();
    let Some(base) = base else {
        return url.path.clone();
    };
    let templated = |h: &str| h.contains("{{");
    if templated(&url.host) && templated(&base.host) {
        if normalise_host(&url.host) != normalise_host(&base.host) {
            notes.push(format!(
                "took the cURL host `{}` to be the spec's `{}`",
                url.host, base.host
            ));
        }
    } else if !url.host.eq_ignore_ascii_case(&base.host) {
        notes.push(format!(
            "the cURL host `{}` differs from the spec's base URL host `{}`; the action calls \
             the spec's host",
            url.host, base.host
        ));
    }
    let prefix = base.path.trim_end_matches('/');
    if prefix.is_empty() {
        return url.path.clone();
    }
    match url.path.strip_prefix(prefix) {
        Some("") => "/".to_owned(),
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        _ => {
            notes.push(format!(
                "the path `{}` does not start with the base URL's path `{prefix}`",
                url.path
            ));
            url.path.clone()
        }
    }
}

fn normalise_host(host: &str) -> String {
    host.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The request body as the command gives it.
enum BodySource {
    None,
    /// `name=value` pairs, decoded.
    Form(Vec<(String, String)>),
    Json(Value),
    Text(String),
}

enum ActionBody {
    Json(Value),
    Text(String),
}

#[derive(Default)]
struct FormFields {
    pairs: Vec<(String, String)>,
}

/// Combines the data options the way curl does (joined with `&`) and recognises the body's
/// shape: JSON, a form, or text.
fn body_of(request: &CurlRequest, notes: &mut Vec<String>) -> Result<BodySource, ImportError> {
    if !request.form.is_empty() {
        if !request.data.is_empty() {
            return Err(ImportError::FormWithData);
        }
        notes.push(
            "the `-F` fields are sent as a form body (application/x-www-form-urlencoded), not \
             multipart; check that the API accepts it"
                .to_owned(),
        );
        return Ok(BodySource::Form(request.form.clone()));
    }
    if request.data.is_empty() {
        return Ok(BodySource::None);
    }
    let json_requested = request.data.iter().any(|d| d.kind == DataKind::Json)
        || request
            .header("content-type")
            .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    let joined: String = request
        .data
        .iter()
        .map(|d| d.value.as_str())
        .collect::<Vec<_>>()
        .join(if json_requested { "" } else { "&" });
    if joined.trim().is_empty() {
        // `--data ''`: curl sends an empty body; the method stays POST.
        return Ok(BodySource::None);
    }
    if json_requested && is_single_placeholder(joined.trim()) {
        // `--data '{{event_body}}'`: the whole JSON document is one value.
        return Ok(BodySource::Text(joined.trim().to_owned()));
    }
    let trimmed = joined.trim_start();
    if json_requested || trimmed.starts_with('{') || trimmed.starts_with('[') {
        match parse_json_with_placeholders(&joined) {
            Ok(value) if value.is_object() || value.is_array() => {
                return Ok(BodySource::Json(value));
            }
            Ok(_) if json_requested => return Ok(BodySource::Text(joined)),
            Err(error) if json_requested => return Err(error),
            _ => {}
        }
    }
    let mut pairs = Vec::new();
    for data in &request.data {
        match data.kind {
            DataKind::UrlEncode => {
                // `name=content` (content sent encoded), `=content` and `content` have no name.
                match data.value.split_once('=') {
                    Some((name, content)) if !name.is_empty() => {
                        pairs.push((name.to_owned(), content.to_owned()));
                    }
                    _ => return Ok(BodySource::Text(joined)),
                }
            }
            DataKind::Raw | DataKind::Json => {
                if data.value.split('&').any(|p| !p.contains('=')) {
                    return Ok(BodySource::Text(joined));
                }
                pairs.extend(form_urlencoded::parse(data.value.as_bytes()).into_owned());
            }
        }
    }
    Ok(BodySource::Form(pairs))
}

/// Parses JSON whose values may be bare placeholders (`{"id": {{id}}, "n": <COUNT>}`), as
/// guides write them: each placeholder outside a string becomes a string. Anything else that
/// is not JSON is refused with its line and column in the body.
fn parse_json_with_placeholders(text: &str) -> Result<Value, ImportError> {
    let first_error = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let bare = bare_placeholders(text);
    if bare.is_empty() {
        return Err(invalid_json(text, &first_error));
    }
    let mut quoted = String::with_capacity(text.len() + 2 * bare.len());
    let mut last = 0;
    for &(start, end) in &bare {
        quoted.push_str(&text[last..start]);
        quoted.push_str(&Value::String(text[start..end].to_owned()).to_string());
        last = end;
    }
    quoted.push_str(&text[last..]);
    if let Ok(value) = serde_json::from_str::<Value>(&quoted) {
        return Ok(value);
    }
    // For the position, each placeholder becomes a number of the same length (`0` and
    // spaces), so lines and columns are the body's own.
    let mut padded = text.to_owned();
    for &(start, end) in &bare {
        padded.replace_range(start..end, &format!("0{}", " ".repeat(end - start - 1)));
    }
    match serde_json::from_str::<Value>(&padded) {
        Err(error) => Err(invalid_json(&padded, &error)),
        Ok(_) => Err(invalid_json(text, &first_error)),
    }
}

/// Byte ranges of the placeholders that stand outside JSON strings.
fn bare_placeholders(text: &str) -> Vec<(usize, usize)> {
    let mut in_string = vec![false; text.len()];
    let mut inside = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        in_string[i] = inside;
        if inside {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => inside = false,
                _ => {}
            }
        } else if b == b'"' {
            inside = true;
        }
    }
    connspec_lint::placeholder::find(text)
        .into_iter()
        .filter(|p| p.end > p.start && !in_string[p.start] && text.is_char_boundary(p.end))
        .filter(|p| text[p.start..p.end].is_ascii())
        .map(|p| (p.start, p.end))
        .collect()
}

/// The refusal for a JSON parse error of `text`: its position (line and column in characters)
/// and what was expected, never the text.
fn invalid_json(text: &str, error: &serde_json::Error) -> ImportError {
    let message = error.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(reason, _)| reason);
    let control = reason.starts_with("control character");
    let reason = if control {
        "a raw line break or other control character inside a string (write it as `\\n`)".to_owned()
    } else {
        reason.to_owned()
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let (mut line, mut byte_column) = (error.line(), error.column());
    if control && byte_column == 0 && line > 1 {
        // The parser stops after the line break: point at the break, at the end of its line.
        line -= 1;
        byte_column = lines.get(line - 1).map_or(0, |l| l.len()) + 1;
    }
    let column = lines.get(line.saturating_sub(1)).map_or(byte_column, |l| {
        let end = byte_column.saturating_sub(1).min(l.len());
        l.get(..end)
            .map_or(byte_column, |prefix| prefix.chars().count() + 1)
    });
    ImportError::InvalidJson {
        line,
        column,
        reason,
    }
}

/// A piece of text: literal, or a placeholder (see [`connspec_lint::placeholder`]: the same
/// scanner M008 uses, so what M008 would report in a URL is what becomes a template here).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Literal(&'a str),
    Placeholder(Slot<'a>),
}

/// A placeholder of the command and the name it gets in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot<'a> {
    /// The placeholder as written (`<YOUR_INSTANCE>`, `{{approvalId}}`).
    text: &'a str,
    /// What is between its delimiters, trimmed (`YOUR_INSTANCE`, `inputs.x`).
    inner: &'a str,
    /// Its name in the spec's conventions (`instance`, `approval_id`).
    name: String,
    /// Written as a template (`{{x}}`), which may name its namespace (`{{ instance.x }}`).
    template: bool,
}

impl Slot<'_> {
    /// The namespace a template names (`instance`, `inputs`, …), if any.
    fn namespace(&self) -> Option<&str> {
        let (namespace, _) = self.inner.split_once('.')?;
        (self.template && ["inputs", "instance", "secrets", "meta_info"].contains(&namespace))
            .then_some(namespace)
    }

    /// Its name as an instance parameter: `{{ instance.x }}` keeps `x`.
    fn instance_name(&self) -> String {
        match self.namespace() {
            Some("instance") => snake_name(&self.inner["instance.".len()..]),
            _ => self.name.clone(),
        }
    }

    /// An example the guide gives inside it: `<DOMAIN (like demo.docusign.net)>`.
    fn example(&self) -> Option<String> {
        let (_, after) = self
            .inner
            .split_once("(like ")
            .or_else(|| self.inner.split_once("(e.g. "))?;
        let example = after.split(')').next()?.trim();
        (!example.is_empty() && !example.contains(char::is_whitespace)).then(|| example.to_owned())
    }
}

fn placeholders(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut last = 0;
    for found in connspec_lint::placeholder::find(text) {
        if found.start > last {
            pieces.push(Piece::Literal(&text[last..found.start]));
        }
        let template = found.kind == connspec_lint::placeholder::PlaceholderKind::Template;
        let name = match found.inner.split_once('.') {
            Some((namespace, rest)) if template && namespace == "inputs" => snake_name(rest),
            _ => found.suggested_name(),
        };
        pieces.push(Piece::Placeholder(Slot {
            text: &text[found.start..found.end],
            inner: found.inner,
            name,
            template,
        }));
        last = found.end;
    }
    if last < text.len() {
        pieces.push(Piece::Literal(&text[last..]));
    }
    pieces
}

/// A name as a `snake_case` identifier: `approvalId` → `approval_id`, `INSTANCE_DOMAIN` →
/// `instance_domain`, `org-domain` → `org_domain` (the placeholder scanner's rule).
pub(crate) fn snake_name(raw: &str) -> String {
    connspec_lint::placeholder::snake_case(raw)
}

/// The inputs an action declares, collected while its templates are written.
#[derive(Debug, Default)]
struct Inputs {
    /// Input name → where it came from, for its description.
    names: BTreeMap<String, String>,
}

impl Inputs {
    /// Rewrites placeholders as connspec templates and declares an input for each.
    fn templatize(&mut self, text: &str, site: &str) -> String {
        let mut out = String::new();
        for piece in placeholders(text) {
            match piece {
                Piece::Literal(literal) => out.push_str(literal),
                Piece::Placeholder(slot) => out.push_str(&self.template_for(&slot, site)),
            }
        }
        out
    }

    fn template_for(&mut self, slot: &Slot<'_>, site: &str) -> String {
        if matches!(slot.namespace(), Some("meta_info" | "instance" | "secrets")) {
            return format!("{{{{ {} }}}}", slot.inner);
        }
        let name = slot.name.clone();
        self.names.entry(name.clone()).or_insert_with(|| {
            format!(
                "The placeholder `{}` in {site} of the imported cURL command",
                describe(slot.text)
            )
        });
        format!("{{{{ inputs.{name} }}}}")
    }
}

/// A placeholder as a description may show it: a description is printed, never rendered, so
/// `{{`, `{%` and `{#` must not reach it (T008); `{{x}}` is shown as `x`.
fn describe(text: &str) -> String {
    let text = text.trim_matches(|c| c == '{' || c == '}');
    text.replace(['{', '}'], "")
}

/// A form body as Agent Studio sends it (`key=value&key2=value2`): literal text percent-encoded
/// as curl would send it, templates left as they are.
fn encode_form(pairs: &[(String, String)], inputs: &mut Inputs) -> String {
    let encode = |text: &str, inputs: &mut Inputs, site: &str| -> String {
        let mut out = String::new();
        for piece in placeholders(text) {
            match piece {
                Piece::Literal(literal) => {
                    out.extend(form_urlencoded::byte_serialize(literal.as_bytes()));
                }
                Piece::Placeholder(slot) => out.push_str(&inputs.template_for(&slot, site)),
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(name, value)| {
            let site = format!("the `{name}` body field");
            format!(
                "{}={}",
                encode(name, inputs, &site),
                encode(value, inputs, &site)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A query value: an integer stays a number (`limit: 50`), anything else is text.
fn query_value(text: String) -> Value {
    let is_integer = !text.is_empty()
        && text.len() <= 15
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    match text.parse::<u64>() {
        Ok(number) if is_integer => Value::from(number),
        _ => Value::String(text),
    }
}

fn templatize_json(value: &mut Value, inputs: &mut Inputs) {
    match value {
        Value::String(text) => *text = inputs.templatize(text, "the body"),
        Value::Array(items) => items.iter_mut().for_each(|v| templatize_json(v, inputs)),
        Value::Object(map) => map.values_mut().for_each(|v| templatize_json(v, inputs)),
        _ => {}
    }
}

/// Field names that hold credentials; their literal values are never copied.
fn is_secret_field(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('-', "_");
    [
        "password",
        "secret",
        "token",
        "api_key",
        "apikey",
        "private_key",
        "assertion",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// A literal value of a credential-looking field becomes an input, so it is never copied.
fn protect_literal_secret(
    name: &str,
    value: &str,
    inputs: &mut Inputs,
    notes: &mut Vec<String>,
) -> String {
    if !is_secret_field(name) || value.is_empty() || is_single_placeholder(value) {
        return value.to_owned();
    }
    let input = snake_name(name);
    inputs.names.entry(input.clone()).or_insert_with(|| {
        format!("Replaces the literal `{name}` of the imported cURL command, which was not copied")
    });
    notes.push(format!(
        "the value of `{name}` looks like a credential and was not copied; it is the input \
         `{input}`"
    ));
    format!("{{{{ inputs.{input} }}}}")
}

/// A text body that is not a clean form may still hold `name=value` pieces between `&`s; a
/// credential-looking one becomes an input as in a form (found by the `import_curl` fuzz
/// target: a `client_secret=` inside a malformed form body was copied).
fn protect_text_secrets(text: &str, inputs: &mut Inputs, notes: &mut Vec<String>) -> String {
    text.split('&')
        .map(|piece| match piece.split_once('=') {
            Some((name, value)) if is_secret_field(name) => {
                format!(
                    "{name}={}",
                    protect_literal_secret(name, value, inputs, notes)
                )
            }
            _ => piece.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn protect_json_secrets(value: &mut Value, inputs: &mut Inputs, notes: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (name, field) in map.iter_mut() {
                if let Value::String(text) = field {
                    *text = protect_literal_secret(name, text, inputs, notes);
                } else {
                    protect_json_secrets(field, inputs, notes);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| protect_json_secrets(v, inputs, notes)),
        _ => {}
    }
}

fn is_single_placeholder(text: &str) -> bool {
    matches!(placeholders(text).as_slice(), [Piece::Placeholder(_)])
}

/// The scheme of an `Authorization` value (`Bearer`, `Token`), or nothing when the value is
/// the credential alone (`YOUR_BEARER_TOKEN`, `<ACCESS_TOKEN>`, `sk_123`): a scheme is a word
/// of letters followed by the credential, never a placeholder.
fn auth_scheme(value: &str) -> &str {
    let mut words = value.split_whitespace();
    let first = words.next().unwrap_or_default();
    let is_scheme = first.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !first.is_empty()
        && placeholders(first)
            .iter()
            .all(|p| matches!(p, Piece::Literal(_)));
    // `Authorization: Bearer` with the token left out is still a bearer header.
    let bearer_alone = first.eq_ignore_ascii_case("bearer") || first.eq_ignore_ascii_case("basic");
    if is_scheme && (words.next().is_some() || bearer_alone) {
        first
    } else {
        ""
    }
}

/// Whether a header carries a credential (an API key, a token, a password, a session), by the
/// words of its name. Wide on purpose: a header wrongly taken for a credential becomes a secret
/// reference the author can undo, one wrongly copied leaks into a committed spec.
fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "proxy-authorization" | "cookie")
        || [
            "key",
            "token",
            "secret",
            "auth",
            "signature",
            "password",
            "passwd",
            "session",
            "credential",
        ]
        .iter()
        .any(|word| name.contains(word))
}

/// Query parameters that carry an API key.
fn is_credential_query(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "api_key" | "apikey" | "api-key" | "key" | "access_token" | "token" | "auth_token"
    )
}

/// The prefix of secret names: the provider's (`COUPA_CLIENT_ID`) or none (`CLIENT_ID`).
fn secret_prefix(catalog: Option<&Catalog>) -> String {
    catalog.map_or_else(String::new, Catalog::secret_prefix)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CredentialKind {
    Bearer,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
}

/// The credentials of a command: what kind the first one is, and a note for each.
#[derive(Debug)]
struct Credentials {
    kind: Option<CredentialKind>,
    header_name: String,
    value_pattern: String,
    param_name: String,
    prefix: String,
    spec_secrets: Vec<String>,
    notes: Vec<String>,
}

impl Credentials {
    fn new(prefix: &str, spec_secrets: &[String]) -> Self {
        Self {
            kind: None,
            header_name: String::new(),
            value_pattern: String::new(),
            param_name: String::new(),
            prefix: prefix.to_owned(),
            spec_secrets: spec_secrets.to_vec(),
            notes: Vec::new(),
        }
    }

    fn found(&mut self, kind: CredentialKind, origin: &str) -> bool {
        let first = self.kind.is_none();
        if first {
            self.kind = Some(kind);
            self.notes.push(format!(
                "dropped {origin}: credentials are never copied; the connector's auth sends \
                 them"
            ));
        } else {
            self.notes.push(format!(
                "dropped {origin} as well: a connector has one auth config; if the API needs \
                 both, add this one yourself with a `{{{{ secrets.NAME }}}}` value"
            ));
        }
        first
    }

    fn bearer(&mut self, origin: &str) {
        self.found(CredentialKind::Bearer, origin);
    }

    fn basic(&mut self, _with_password: bool, origin: &str) {
        self.found(CredentialKind::Basic, origin);
    }

    fn api_key_header(&mut self, name: &str, pattern: &str, origin: &str) {
        if self.found(CredentialKind::ApiKeyHeader, origin) {
            name.clone_into(&mut self.header_name);
            pattern.clone_into(&mut self.value_pattern);
        }
    }

    fn api_key_query(&mut self, name: &str) {
        if self.found(
            CredentialKind::ApiKeyQuery,
            &format!("the `{name}` query parameter"),
        ) {
            name.clone_into(&mut self.param_name);
        }
    }

    /// A secret name: one the spec declares with this ending if there is one, else a new one.
    fn secret(&self, suffix: &str) -> String {
        self.spec_secrets
            .iter()
            .find(|s| s.ends_with(suffix))
            .cloned()
            .unwrap_or_else(|| format!("{}{suffix}", self.prefix))
    }
}

fn secret_ref(name: &str) -> Value {
    Value::String(format!("{{{{ secrets.{name} }}}}"))
}

/// The auth block the command's first credential implies.
fn implied_auth(
    kind: CredentialKind,
    credentials: &Credentials,
    connection: &Connection,
    catalog: Option<&Catalog>,
    route_scopes: &[String],
    prefix: &str,
) -> ImportedAuth {
    let mut auth = Map::new();
    let mut secrets = Vec::new();
    let secret = |suffix: &str, description: &str, secrets: &mut Vec<(String, String)>| {
        let name = credentials.secret(suffix);
        secrets.push((name.clone(), description.to_owned()));
        secret_ref(&name)
    };
    let mut granted_scopes = Vec::new();
    // The grant a provider's bearer tokens come from, as its catalogue lists them; a provider
    // whose tokens are made by hand (GitHub's) keeps the bearer token.
    let grant = catalog.and_then(|c| {
        ["client_credentials", "authorization_code"]
            .into_iter()
            .find(|grant| c.scaffold.supports(grant) && !c.scaffold.supports("bearer"))
            .map(|grant| (c, grant))
    });
    match (kind, grant) {
        (CredentialKind::Bearer, Some((catalog, grant))) => {
            let _ = prefix;
            auth.insert("type".into(), "oauth2".into());
            auth.insert("grant_type".into(), grant.into());
            if grant == "authorization_code" {
                auth.insert(
                    "authorization_url".into(),
                    catalog.authorization_endpoint(&connection.base_url).into(),
                );
            }
            auth.insert(
                "token_url".into(),
                catalog.token_endpoint(&connection.base_url).into(),
            );
            let scaffold = &catalog.scaffold;
            let (id_location, secret_location) = catalog.client_credential_locations();
            let id = secret("CLIENT_ID", &id_location, &mut secrets);
            auth.insert("client_id".into(), id);
            let client_secret = secret("CLIENT_SECRET", &secret_location, &mut secrets);
            auth.insert("client_secret".into(), client_secret);
            // Client credentials of a provider that grants permissions on the app ask for
            // them all (Graph's `.default`); the route's go to `granted_scopes`.
            let requested: Vec<String> =
                if grant == "client_credentials" && scaffold.client_credentials_granted_on_app {
                    granted_scopes = route_scopes.to_vec();
                    scaffold.client_credentials_scopes.clone()
                } else {
                    route_scopes.to_vec()
                };
            let mut requested = requested;
            if grant == "authorization_code" {
                // Users' consent should bring refresh tokens, however the provider issues them.
                let host = connection.base_url.trim_start_matches("https://");
                let how = connspec_catalog::refresh_tokens(Some(catalog), [host]);
                ask_for_refresh_tokens(&how, &mut auth, &mut requested);
            }
            // An app that holds its permissions asks for none (Zoom's Server-to-Server apps).
            if !requested.is_empty() || granted_scopes.is_empty() {
                let scopes: Vec<Value> = requested.into_iter().map(Value::from).collect();
                auth.insert("scopes".into(), Value::Array(scopes));
            }
            auth.insert("client_authentication".into(), "request_body".into());
            auth.insert("token_response".into(), "json".into());
            if grant == "client_credentials" && !scaffold.client_credentials_body.is_empty() {
                // The provider's own token request fields (Zoom's `account_credentials`).
                let body: Map<String, Value> = scaffold
                    .client_credentials_body
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect();
                auth.insert("token_request".into(), json!({ "body": body }));
            }
        }
        (CredentialKind::Bearer, None) => {
            // A token made by hand holds the permissions it was given there.
            granted_scopes = route_scopes.to_vec();
            auth.insert("type".into(), "bearer".into());
            let token = secret("API_TOKEN", "The API token", &mut secrets);
            auth.insert("token".into(), token);
        }
        (CredentialKind::Basic, _) => {
            auth.insert("type".into(), "basic".into());
            let user = secret("API_USERNAME", "The API user name", &mut secrets);
            auth.insert("username".into(), user);
            let password = secret("API_PASSWORD", "The API user's password", &mut secrets);
            auth.insert("password".into(), password);
        }
        (CredentialKind::ApiKeyHeader, _) => {
            auth.insert("type".into(), "api_key".into());
            auth.insert("placement".into(), "header".into());
            auth.insert("header_name".into(), credentials.header_name.clone().into());
            auth.insert(
                "value_pattern".into(),
                credentials.value_pattern.clone().into(),
            );
            let key = secret("API_KEY", "The API key", &mut secrets);
            auth.insert("key".into(), key);
        }
        (CredentialKind::ApiKeyQuery, _) => {
            auth.insert("type".into(), "api_key".into());
            auth.insert("placement".into(), "query".into());
            auth.insert("param_name".into(), credentials.param_name.clone().into());
            let key = secret("API_KEY", "The API key", &mut secrets);
            auth.insert("key".into(), key);
        }
    }
    ImportedAuth {
        auth,
        secrets,
        granted_scopes,
    }
}

/// The grant of a token request: a `grant_type` field in the body or the query.
fn token_grant(
    form: &[(String, String)],
    query: &[(String, String)],
    body: Option<&ActionBody>,
) -> Option<String> {
    let from_pairs = form
        .iter()
        .chain(query)
        .find(|(k, _)| k == "grant_type")
        .map(|(_, v)| v.clone());
    let from_json = match body {
        Some(ActionBody::Json(Value::Object(map))) => map
            .get("grant_type")
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    };
    from_pairs.or(from_json)
}

/// The `auth` block a token request implies: grant, token URL, client credentials as secret
/// references, scopes, and how the client authenticates.
#[allow(clippy::too_many_arguments)]
fn token_request_auth(
    request: &CurlRequest,
    grant: &str,
    url: &UrlParts,
    connection: &mut Connection,
    form: &[(String, String)],
    query: &[(String, String)],
    body: Option<&ActionBody>,
    provider: Option<(&Catalog, Option<&str>)>,
    prefix: &str,
    notes: &mut Vec<String>,
) -> ImportedAuth {
    let catalog = provider.map(|(catalog, _)| catalog);
    let mut fields: Vec<(String, String)> = form.iter().chain(query).cloned().collect();
    if let Some(ActionBody::Json(Value::Object(map))) = body {
        for (k, v) in map {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            fields.push((k.clone(), text));
        }
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut secrets: Vec<(String, String)> = Vec::new();
    let secret = |suffix: &str, description: String, secrets: &mut Vec<(String, String)>| {
        let name = format!("{prefix}{suffix}");
        if !secrets.iter().any(|(n, _)| *n == name) {
            secrets.push((name.clone(), description));
        }
        secret_ref(&name)
    };
    notes.push(format!(
        "this is an OAuth2 token request (grant_type {}); it became the connector's `auth`, \
         and no credential was copied",
        if is_single_placeholder(grant) {
            "from a placeholder"
        } else {
            grant
        }
    ));

    let mut auth = Map::new();
    auth.insert("type".into(), "oauth2".into());
    let known = [
        "client_credentials",
        "authorization_code",
        "password",
        "refresh_token",
    ];
    let grant_name = if known.contains(&grant) {
        grant.to_owned()
    } else {
        "client_credentials".to_owned()
    };
    auth.insert("grant_type".into(), grant_name.clone().into());
    let mut token_url = connection.base_url.clone();
    if let Some((catalog, Some(endpoint))) = provider {
        // The provider's token endpoint on a host every customer shares: the spec names it
        // as the catalogue does (an Entra ID tenant is an instance parameter) and calls the
        // provider's API, not its identity host.
        notes.push(format!(
            "`{}{}` is {}'s token endpoint: the token URL is `{endpoint}`",
            url.host, url.path, catalog.display_name
        ));
        endpoint.clone_into(&mut token_url);
        if let Some(base_url) = &catalog.scaffold.base_url {
            connection.base_url.clone_from(base_url);
        }
    } else if url.path != "/" || !connection.base_url.starts_with("{{") {
        // Placeholders in the token URL's path are instance parameters too, declared with
        // the host's, so the spec's token URL names only what the spec declares.
        for piece in placeholders(&url.path) {
            match piece {
                Piece::Literal(literal) => token_url.push_str(literal),
                Piece::Placeholder(slot) => {
                    let name = slot.instance_name();
                    token_url.push_str("{{ instance.");
                    token_url.push_str(&name);
                    token_url.push_str(" }}");
                    if !connection.parameters.iter().any(|(n, _, _)| *n == name) {
                        connection.parameters.push((name, "string", None));
                    }
                }
            }
        }
    }
    if grant_name == "authorization_code" {
        let authorization_url = if let Some(c) = catalog {
            let authorization_url = c.authorization_endpoint(&connection.base_url);
            notes.push(format!(
                "the authorization URL `{authorization_url}` is {}'s, from its catalogue",
                c.display_name
            ));
            authorization_url
        } else {
            let authorization_url = token_url.strip_suffix("token").map_or_else(
                || format!("{token_url}/authorize"),
                |s| format!("{s}authorize"),
            );
            notes.push(format!(
                "the authorization URL `{authorization_url}` is derived from the token URL; \
                 check it against the provider's documentation"
            ));
            authorization_url
        };
        auth.insert("authorization_url".into(), authorization_url.into());
    }
    auth.insert("token_url".into(), token_url.into());

    let basic_header = request.user.is_some()
        || request
            .header("authorization")
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("basic"));
    let (id_location, secret_location) = connspec_catalog::client_credential_locations(catalog);
    let id = secret("CLIENT_ID", id_location, &mut secrets);
    auth.insert("client_id".into(), id);
    let client_secret = secret("CLIENT_SECRET", secret_location, &mut secrets);
    auth.insert("client_secret".into(), client_secret);
    match grant_name.as_str() {
        "password" => {
            let username = secret(
                "USERNAME",
                "The service account's user name".to_owned(),
                &mut secrets,
            );
            auth.insert("username".into(), username);
            let password = secret(
                "PASSWORD",
                "The service account's password".to_owned(),
                &mut secrets,
            );
            auth.insert("password".into(), password);
        }
        "refresh_token" => {
            let token = secret(
                "REFRESH_TOKEN",
                "A refresh token minted beforehand".to_owned(),
                &mut secrets,
            );
            auth.insert("refresh_token".into(), token);
        }
        _ => {}
    }

    let mut scopes: Vec<String> = Vec::new();
    if let Some(scope) = field("scope") {
        if placeholders(scope)
            .iter()
            .any(|p| matches!(p, Piece::Placeholder(_)))
        {
            notes.push(
                "the scopes are a placeholder: list the ones your actions need under \
                 `auth.scopes` (`connspec check` names missing ones, P002)"
                    .to_owned(),
            );
        } else {
            scopes = scope
                .split(|c: char| c.is_whitespace() || c == ',' || c == '+')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }
    // The token host (`oauth2.googleapis.com`) says how the provider issues refresh tokens
    // when the API host does not.
    let base_host = connection.base_url.trim_start_matches("https://");
    let refresh = connspec_catalog::refresh_tokens(catalog, [base_host, url.host.as_str()]);
    if grant_name == "authorization_code"
        && let Some(added) = ask_for_refresh_tokens(&refresh, &mut auth, &mut scopes)
    {
        notes.push(format!("added {added} so users get refresh tokens (A006)"));
    }
    if grant_name == "client_credentials"
        && let RefreshTokens::Scope(refresh_scope) = &refresh
        && scopes.contains(refresh_scope)
    {
        scopes.retain(|s| s != refresh_scope);
        notes.push(format!(
            "removed `{refresh_scope}`: client credentials get no refresh token (P013)"
        ));
    }
    auth.insert(
        "scopes".into(),
        Value::Array(scopes.into_iter().map(Value::from).collect()),
    );
    let in_body = field("client_id").is_some() || field("client_secret").is_some();
    let client_authentication = match (basic_header, in_body) {
        (true, false) => "basic_header",
        (false, true) => "request_body",
        (true, true) => {
            notes.push(
                "the command sends client credentials in both the body and a Basic header; \
                 the auth sends them in the body only (A007)"
                    .to_owned(),
            );
            "request_body"
        }
        (false, false) => "auto",
    };
    auth.insert("client_authentication".into(), client_authentication.into());
    // A grant type the provider's catalogue sends as request data (Zoom's
    // `account_credentials`) stays there, as `init` writes it; another becomes the custom
    // grant type.
    let grant_in_body = catalog.is_some_and(|c| {
        c.scaffold
            .client_credentials_body
            .get("grant_type")
            .map(String::as_str)
            == Some(grant)
    });
    if !known.contains(&grant) && !is_single_placeholder(grant) && !grant_in_body {
        auth.insert("custom_grant_type".into(), grant.into());
    }

    // Other fields and headers go into the token request, credentials as secrets.
    let standard = [
        "grant_type",
        "client_id",
        "client_secret",
        "scope",
        "username",
        "password",
        "refresh_token",
        "code",
        "redirect_uri",
        "code_verifier",
        "state",
    ];
    let mut extra_body = Map::new();
    if grant_in_body {
        extra_body.insert("grant_type".into(), grant.into());
    }
    for (name, value) in &fields {
        if standard.contains(&name.as_str()) {
            continue;
        }
        // A field the provider's catalogue fills from the instance (Zoom's `account_id`).
        let from_instance = catalog.and_then(|c| {
            c.scaffold
                .client_credentials_body
                .get(name)
                .filter(|template| template.contains("{{"))
                .map(|template| (c, template))
        });
        let value = if let Some((catalog, template)) = from_instance {
            notes.push(format!(
                "`{name}` differs per {} customer: it became `{template}`",
                catalog.display_name
            ));
            Value::String(template.clone())
        } else if is_secret_field(name) || is_single_placeholder(value) {
            secret(
                &snake_name(name).to_ascii_uppercase(),
                format!("The `{name}` of the token request"),
                &mut secrets,
            )
        } else {
            Value::String(value.clone())
        };
        extra_body.insert(name.clone(), value);
    }
    let mut extra_headers = Map::new();
    for (name, value) in &request.headers {
        let lower = name.to_ascii_lowercase();
        let default_header = (lower == "content-type" && value.contains("x-www-form-urlencoded"))
            || (lower == "accept" && value.contains("json"))
            || lower == "authorization";
        if default_header {
            continue;
        }
        let value = if is_credential_header(name) {
            secret(
                &snake_name(name).to_ascii_uppercase(),
                format!("The `{name}` header of the token request"),
                &mut secrets,
            )
        } else {
            Value::String(value.clone())
        };
        extra_headers.insert(name.clone(), value);
    }
    if !extra_body.is_empty() || !extra_headers.is_empty() {
        let mut token_request = Map::new();
        if !extra_headers.is_empty() {
            token_request.insert("headers".into(), Value::Object(extra_headers));
        }
        if !extra_body.is_empty() {
            token_request.insert("body".into(), Value::Object(extra_body));
        }
        auth.insert("token_request".into(), Value::Object(token_request));
    }
    auth.insert("token_response".into(), "json".into());
    ImportedAuth {
        auth,
        secrets,
        granted_scopes: Vec::new(),
    }
}

/// A default action name from the method and the path: `GET /api/approvals` is
/// `list_approvals`, `GET /api/users/{{id}}` is `get_user`, `PUT /api/approvals/{{id}}/approve`
/// is `approve_approval`.
pub(crate) fn action_name(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .filter(|s| *s != "api" && !is_version_segment(s))
        .collect();
    let is_param = |s: &str| {
        s.starts_with(':')
            || placeholders(s)
                .iter()
                .any(|p| matches!(p, Piece::Placeholder(_)))
    };
    let literal = |s: &&str| !is_param(s);
    let last_is_param = segments.last().is_some_and(|s| is_param(s));
    let literals: Vec<&str> = segments.iter().copied().filter(literal).collect();
    let last = literals.last().copied().unwrap_or("root");
    let before = literals
        .len()
        .checked_sub(2)
        .and_then(|i| literals.get(i))
        .copied();
    // `/things/{{id}}/verb`: a verb on one thing.
    let verb_on_item = !last_is_param
        && !last.ends_with('s')
        && segments.len() >= 3
        && segments
            .get(segments.len() - 2)
            .is_some_and(|s| is_param(s));
    let name = match method {
        "GET" if last_is_param => format!("get_{}", singular(last)),
        "GET" => format!("list_{last}"),
        "POST" if verb_on_item => format!("{last}_{}", singular(before.unwrap_or("item"))),
        "POST" => format!("create_{}", singular(last)),
        "PUT" | "PATCH" if verb_on_item => {
            format!("{last}_{}", singular(before.unwrap_or("item")))
        }
        "PUT" | "PATCH" => format!("update_{}", singular(last)),
        "DELETE" => format!("delete_{}", singular(last)),
        other => format!("{}_{last}", other.to_ascii_lowercase()),
    };
    let name = snake_name(&name);
    if is_valid_action_name(&name) {
        name
    } else {
        format!("{}_request", method.to_ascii_lowercase())
    }
}

fn is_version_segment(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// A naive English singular, good enough for resource names.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// Agent Studio's rule for action names (M007): a letter, then letters, digits and `_`.
pub fn is_valid_action_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{render_fragment, render_full_spec};
    use crate::testing::{action, convert_command};

    fn everything(conversion: &Conversion) -> String {
        format!(
            "{}{}{}",
            render_full_spec(conversion),
            render_fragment(conversion),
            conversion.notes.join("\n")
        )
    }

    /// A bearer token of each provider becomes the auth its catalogue says it comes from, with
    /// the route's least-privileged scopes where the provider wants them.
    #[test]
    fn bearer_tokens_become_each_providers_own_auth_with_the_routes_scopes() {
        // Graph: client credentials ask for `.default`; the permission goes to granted_scopes.
        let graph = convert_command(
            "curl -H 'Authorization: Bearer x' https://graph.microsoft.com/v1.0/users/a@b.c/events",
            None,
        );
        assert_eq!(graph.provider.as_deref(), Some("microsoft-graph"));
        let auth = action(&graph).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["grant_type"], "client_credentials");
        assert_eq!(
            auth.auth["scopes"],
            json!(["https://graph.microsoft.com/.default"])
        );
        assert_eq!(auth.granted_scopes, ["Calendars.ReadBasic"]);
        let spec = render_full_spec(&graph);
        assert!(spec.contains("tenant:"), "{spec}");
        // Google: users consent; refresh tokens come from `access_type=offline`.
        let google = convert_command(
            "curl -H 'Authorization: Bearer x' https://www.googleapis.com/calendar/v3/calendars/primary/events",
            None,
        );
        let auth = action(&google).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["grant_type"], "authorization_code");
        assert_eq!(auth.auth["authorization_query"]["access_type"], "offline");
        assert_eq!(
            auth.auth["scopes"],
            json!(["https://www.googleapis.com/auth/calendar.events.readonly"])
        );
        // GitHub: a token made by hand keeps the bearer auth and holds the permission.
        let github = convert_command(
            "curl -H 'Authorization: Bearer x' https://api.github.com/repos/o/r/issues",
            None,
        );
        let auth = action(&github).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["type"], "bearer");
        assert_eq!(auth.granted_scopes, ["issues:read"]);
    }

    #[test]
    fn placeholders_become_inputs_and_the_host_an_instance_parameter() {
        let conversion = convert_command(
            "curl 'https://{{INSTANCE_DOMAIN}}/api/approvals/{{approvalId}}/approve?reason={{Reason}}' -X PUT",
            Some("coupa"),
        );
        assert_eq!(
            conversion.connection.base_url,
            "https://{{ instance.domain }}"
        );
        let action = action(&conversion);
        assert_eq!(action.name, "approve_approval");
        assert_eq!(
            action.body["path"],
            "/api/approvals/{{ inputs.approval_id }}/approve"
        );
        assert_eq!(action.body["query"]["reason"], "{{ inputs.reason }}");
        let inputs = action.body["inputs"].as_object().expect("inputs");
        assert_eq!(inputs.keys().collect::<Vec<_>>(), ["approval_id", "reason"]);
        assert_eq!(action.scopes, ["core.approval.write"]);
        assert_eq!(action.body["headers"]["Accept"], "application/json");
    }

    /// Found by the `import_curl` fuzz target: a 1,300-character query name (and one of 200
    /// NULs, six characters each once escaped) was written as a YAML key, which no YAML parser
    /// reads back.
    #[test]
    fn names_too_long_for_a_yaml_key_are_refused() {
        let long = "n".repeat(MAX_KEY_CHARS + 1);
        let request = crate::curl::parse_curl(&format!(
            "curl 'https://api.example.com/items?{long}=1' -H 'X-{long}: 2'"
        ))
        .expect("parses");
        let error = convert(&request, &ConvertOptions::default()).expect_err("refused");
        assert!(matches!(error, ImportError::KeyTooLong { chars } if chars > MAX_KEY_CHARS));
        assert!(!error.to_string().contains(&long), "{error}");
        // It names the limit and says it is fixed, and why.
        let message = error.to_string();
        assert!(
            message.contains(&crate::YAML_KEY_CHARS.describe_default())
                && message.contains(&crate::YAML_KEY_CHARS.remedy()),
            "{message}"
        );
        // The fuzzer's case: control characters, each six characters once escaped.
        // Its URL also held a space, which curl (and now the importer) refuses first.
        let command =
            include_str!("../../../tests/cases/fuzz/curl/query-name-of-nul-characters.txt")
                .replace(": Bearer", ":Bearer");
        let request = crate::curl::parse_curl(&command).expect("parses");
        assert!(matches!(
            convert(&request, &ConvertOptions::default()),
            Err(ImportError::KeyTooLong { .. })
        ));
        let fits = "n".repeat(MAX_KEY_CHARS);
        let request =
            crate::curl::parse_curl(&format!("curl 'https://api.example.com/items?{fits}=1'"))
                .expect("parses");
        let conversion = convert(&request, &ConvertOptions::default()).expect("converts");
        let text = render_fragment(&conversion);
        let (file, _) = connspec_model::yaml::decode("x.yaml", text.as_bytes());
        let (document, diagnostics) =
            connspec_model::yaml::load(&file, &connspec_model::yaml::Limits::default());
        assert!(
            document.is_some() && diagnostics.is_empty(),
            "{diagnostics:?}\n{text}"
        );
    }

    /// Found by the `import_curl` fuzz target.
    #[test]
    fn credentials_inside_a_text_body_are_not_copied() {
        let command = "curl -X POST https://api.example.com/x --data-urlencode 'a=1' \
            --data-urlencode 'client_secret=s3cr3t-literal-value' --data-urlencode 'no-equals'";
        let conversion = convert_command(command, None);
        let text = everything(&conversion);
        assert!(!text.contains("s3cr3t-literal-value"), "{text}");
        assert!(
            text.contains("client_secret={{ inputs.client_secret }}"),
            "{text}"
        );
    }

    #[test]
    fn default_names_follow_method_and_path() {
        let cases = [
            ("GET", "/api/approvals", "list_approvals"),
            ("GET", "/api/expense_reports", "list_expense_reports"),
            ("GET", "/api/users/{{id}}", "get_user"),
            ("GET", "/v2/categories/{{id}}", "get_category"),
            ("POST", "/api/requisitions", "create_requisition"),
            (
                "POST",
                "/api/requisitions/{{id}}/submit",
                "submit_requisition",
            ),
            ("POST", "/api/items/{{id}}/notes", "create_note"),
            ("PATCH", "/things/{{id}}", "update_thing"),
            ("DELETE", "/api/invoices/{{id}}", "delete_invoice"),
            ("GET", "/", "list_root"),
        ];
        for (method, path, expected) in cases {
            assert_eq!(action_name(method, path), expected, "{method} {path}");
        }
    }

    #[test]
    fn credentials_are_never_copied() {
        let command = "curl -u admin:p4ssw0rd 'https://api.example.com/v1/x?api_key=K3YV4LUE&q=1' \
             -H 'Authorization: Bearer sk_live_T0K3N' -H 'X-Api-Key: XK3Y' \
             --json '{\"password\": \"hunter22\", \"name\": \"n\"}'";
        let conversion = convert_command(command, None);
        let text = everything(&conversion);
        for secret in [
            "p4ssw0rd",
            "K3YV4LUE",
            "sk_live_T0K3N",
            "XK3Y",
            "hunter22",
            "admin",
        ] {
            assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        }
        let action = action(&conversion);
        assert_eq!(action.body["query"], json!({ "q": 1 }));
        assert!(action.body["headers"].get("Authorization").is_none());
        let auth = action.auth.as_ref().expect("auth");
        assert_eq!(auth.auth["type"], "basic");
        assert_eq!(auth.auth["password"], "{{ secrets.API_PASSWORD }}");
    }

    #[test]
    fn each_credential_kind_becomes_its_auth() {
        let kinds = [
            (
                "curl https://h.example.com/x -H 'Authorization: Bearer t'",
                "bearer",
            ),
            ("curl https://h.example.com/x --oauth2-bearer t", "bearer"),
            (
                "curl https://h.example.com/x -H 'Authorization: Basic dTpw'",
                "basic",
            ),
            ("curl https://u:p@h.example.com/x", "basic"),
            ("curl https://h.example.com/x -H 'DD-API-KEY: k'", "api_key"),
            (
                "curl https://h.example.com/x -H 'Authorization: Token t'",
                "api_key",
            ),
            ("curl 'https://h.example.com/x?api_key=k'", "api_key"),
        ];
        for (command, expected) in kinds {
            let conversion = convert_command(command, None);
            let auth = action(&conversion).auth.as_ref().expect(command);
            assert_eq!(auth.auth["type"], expected, "{command}");
            assert!(!everything(&conversion).contains("dTpw"), "{command}");
        }
        let conversion = convert_command(
            "curl https://h.example.com/x -H 'Authorization: Token t'",
            None,
        );
        let auth = action(&conversion).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["value_pattern"], "Token %s");
        let conversion = convert_command(
            "curl https://acme.coupahost.com/api/users -H 'Authorization: Bearer t'",
            None,
        );
        assert_eq!(conversion.provider.as_deref(), Some("coupa"));
        let auth = action(&conversion).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["type"], "oauth2");
        assert_eq!(auth.auth["scopes"], json!(["core.user.read"]));
    }

    /// A token request to a provider's token endpoint on a shared identity host takes the
    /// provider's catalogue: its API as base URL, the endpoint as the catalogue writes it, its
    /// authorization URL, and refresh tokens asked for its way.
    #[test]
    fn token_requests_to_a_providers_identity_host_follow_its_catalogue() {
        let google = convert_command(
            "curl -X POST https://oauth2.googleapis.com/token -d grant_type=authorization_code \
             -d code=c -d client_id=i -d client_secret=s \
             -d scope=https://www.googleapis.com/auth/calendar.readonly",
            None,
        );
        assert_eq!(google.provider.as_deref(), Some("google"));
        assert_eq!(google.connection.base_url, "https://www.googleapis.com");
        let Target::Auth(auth) = &google.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["authorization_url"],
            "https://accounts.google.com/o/oauth2/v2/auth"
        );
        assert_eq!(
            auth.auth["authorization_query"],
            json!({ "access_type": "offline" })
        );
        assert_eq!(
            auth.auth["scopes"],
            json!(["https://www.googleapis.com/auth/calendar.readonly"])
        );
        assert_eq!(auth.auth["client_id"], "{{ secrets.GOOGLE_CLIENT_ID }}");

        let graph = convert_command(
            "curl -X POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token \
             -d grant_type=authorization_code -d code=c -d client_id=i -d client_secret=s \
             -d 'scope=User.Read'",
            None,
        );
        assert_eq!(graph.provider.as_deref(), Some("microsoft-graph"));
        let Target::Auth(auth) = &graph.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["token_url"],
            "https://login.microsoftonline.com/{{ instance.tenant }}/oauth2/v2.0/token"
        );
        assert_eq!(auth.auth["scopes"], json!(["User.Read", "offline_access"]));
        let spec = render_full_spec(&graph);
        assert!(
            spec.contains("base_url: https://graph.microsoft.com/v1.0")
                && spec.contains("tenant:")
                && !spec.contains("contoso"),
            "{spec}"
        );

        // No catalogue and no host facts: the `offline_access` convention, as A006 expects.
        let other = convert_command(
            "curl -X POST https://auth.example.com/oauth/token -d grant_type=authorization_code \
             -d code=c -d client_id=i -d client_secret=s -d scope=read",
            None,
        );
        let Target::Auth(auth) = &other.target else {
            panic!("expected an auth block");
        };
        assert_eq!(auth.auth["scopes"], json!(["read", "offline_access"]));
        assert!(auth.auth.get("authorization_query").is_none());
        assert!(
            other
                .notes
                .iter()
                .any(|n| n.contains("derived from the token URL"))
        );
    }

    /// Zoom's Server-to-Server apps send their own grant type and the account id: a Zoom
    /// bearer token implies both, and an imported token request's account id becomes the
    /// instance parameter the catalogue names.
    #[test]
    fn zoom_token_requests_send_the_account_id_of_the_instance() {
        let bearer = convert_command(
            "curl -H 'Authorization: Bearer x' 'https://api.zoom.us/v2/phone/users?page_size=10'",
            None,
        );
        assert_eq!(bearer.provider.as_deref(), Some("zoom"));
        let auth = action(&bearer).auth.as_ref().expect("auth");
        assert_eq!(auth.auth["grant_type"], "client_credentials");
        assert_eq!(
            auth.auth["token_request"],
            json!({ "body": {
                "account_id": "{{ instance.account_id }}",
                "grant_type": "account_credentials",
            } })
        );
        // The app holds its scopes; the token request names none.
        assert!(auth.auth.get("scopes").is_none(), "{:?}", auth.auth);
        assert_eq!(auth.granted_scopes, ["phone:read:list_users:admin"]);
        let spec = render_full_spec(&bearer);
        assert!(spec.contains("account_id:\n    description:"), "{spec}");

        let request = convert_command(
            "curl -X POST 'https://zoom.us/oauth/token?grant_type=account_credentials&account_id=AbCd123' \
             -u 'id:secret'",
            None,
        );
        assert_eq!(request.provider.as_deref(), Some("zoom"));
        let Target::Auth(auth) = &request.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["token_request"]["body"]["account_id"],
            "{{ instance.account_id }}"
        );
        // The grant type is request data, as `init` writes it, not a custom grant type.
        assert_eq!(
            auth.auth["token_request"]["body"]["grant_type"],
            "account_credentials"
        );
        assert!(
            auth.auth.get("custom_grant_type").is_none(),
            "{:?}",
            auth.auth
        );
        let spec = render_full_spec(&request);
        assert!(
            !spec.contains("AbCd123") && spec.contains("account_id:\n    description:"),
            "{spec}"
        );
    }

    #[test]
    fn token_requests_become_auth_blocks() {
        let conversion = convert_command(
            "curl --location 'https://{{INSTANCE_DOMAIN}}/oauth2/token' \\\n\
             --header 'Content-Type: application/x-www-form-urlencoded' \\\n\
             --data-urlencode 'grant_type=client_credentials' \\\n\
             --data-urlencode 'client_id=my-real-id' \\\n\
             --data-urlencode 'client_secret=my-real-secret' \\\n\
             --data-urlencode 'scope=core.approval.read core.user.read'",
            Some("coupa"),
        );
        let Target::Auth(auth) = &conversion.target else {
            panic!("expected an auth block");
        };
        assert_eq!(auth.auth["grant_type"], "client_credentials");
        assert_eq!(
            auth.auth["token_url"],
            "https://{{ instance.domain }}/oauth2/token"
        );
        assert_eq!(
            auth.auth["client_secret"],
            "{{ secrets.COUPA_CLIENT_SECRET }}"
        );
        assert_eq!(auth.auth["client_authentication"], "request_body");
        assert_eq!(
            auth.auth["scopes"],
            json!(["core.approval.read", "core.user.read"])
        );
        let text = everything(&conversion);
        assert!(
            !text.contains("my-real-secret") && !text.contains("my-real-id"),
            "{text}"
        );

        let basic = convert_command(
            "curl -u id:secret https://auth.example.com/oauth/token -d grant_type=refresh_token \
             -d refresh_token=rt123 -d audience=api",
            None,
        );
        let Target::Auth(auth) = &basic.target else {
            panic!("expected an auth block");
        };
        assert_eq!(auth.auth["grant_type"], "refresh_token");
        assert_eq!(auth.auth["client_authentication"], "basic_header");
        assert_eq!(auth.auth["refresh_token"], "{{ secrets.REFRESH_TOKEN }}");
        assert_eq!(
            auth.auth["token_request"],
            json!({ "body": { "audience": "api" } })
        );
        assert!(!everything(&basic).contains("rt123"));

        let code = convert_command(
            "curl -X POST 'https://acme.coupahost.com/oauth2/token?grant_type=authorization_code&code=abc&client_id=x&client_secret=y'",
            None,
        );
        let Target::Auth(auth) = &code.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["authorization_url"],
            "https://acme.coupahost.com/oauth2/authorizations/new"
        );
        assert_eq!(auth.auth["scopes"], json!(["offline_access"]));
    }

    #[test]
    fn bodies_keep_their_shape() {
        let form = convert_command(
            "curl https://h.example.com/x --data-urlencode 'note=two words & more' -d 'a={{A}}'",
            None,
        );
        assert_eq!(
            action(&form).body["body"],
            "note=two+words+%26+more&a={{ inputs.a }}"
        );
        assert_eq!(
            action(&form).body["headers"]["Content-Type"],
            "application/x-www-form-urlencoded"
        );
        let json = convert_command(
            "curl https://h.example.com/x -H 'Content-Type: application/json' -d '{\"id\": {{id}}, \"tags\": [\"a\"]}'",
            None,
        );
        assert_eq!(
            action(&json).body["body"],
            json!({ "id": "{{ inputs.id }}", "tags": ["a"] })
        );
        let get = convert_command(
            "curl -G https://h.example.com/x -d status=open -d limit=5",
            None,
        );
        assert_eq!(action(&get).body["method"], "GET");
        assert_eq!(
            action(&get).body["query"],
            json!({ "status": "open", "limit": 5 })
        );
        assert!(action(&get).body.get("body").is_none());
        let no_body = convert_command(
            "curl https://h.example.com/x -H 'Content-Type: application/json'",
            None,
        );
        assert!(action(&no_body).body.get("headers").is_none());
    }

    #[test]
    fn guide_placeholders_become_parameters_inputs_and_secrets() {
        let conversion = convert_command(
            "curl --request PATCH \\\n  --url 'https://<YOUR_INSTANCE>.example.com/api/${VERSION}/users/{userId}/YOUR_TENANT?as_of=<DATE>' \\\n  \
             --header 'Authorization: Bearer <ACCESS_TOKEN>' --header 'X-Trace: $TRACE_ID' \\\n  \
             --data '{\"n\": <COUNT>, \"name\": \"{name}\"}' -H 'Content-Type: application/json'",
            None,
        );
        assert_eq!(
            conversion.connection.base_url,
            "https://{{ instance.instance }}.example.com"
        );
        let action = action(&conversion);
        assert_eq!(
            action.body["path"],
            "/api/{{ inputs.version }}/users/{{ inputs.user_id }}/{{ inputs.tenant }}"
        );
        assert_eq!(action.body["query"]["as_of"], "{{ inputs.date }}");
        assert_eq!(action.body["headers"]["X-Trace"], "{{ inputs.trace_id }}");
        assert_eq!(
            action.body["body"],
            json!({ "n": "{{ inputs.count }}", "name": "{{ inputs.name }}" })
        );
        let auth = action.auth.as_ref().expect("auth");
        assert_eq!(auth.auth["token"], "{{ secrets.API_TOKEN }}");
        let text = everything(&conversion);
        assert!(!text.contains("ACCESS_TOKEN"), "{text}");
        // Descriptions are printed, never rendered: no `{{` in them (T008).
        assert!(
            !action.body["description"]
                .as_str()
                .unwrap_or("")
                .contains("{{"),
            "{text}"
        );
        assert_eq!(
            action.body["description"],
            "PATCH /api/{version}/users/{user_id}/{tenant}, imported from a cURL command."
        );
    }

    #[test]
    fn password_and_session_headers_are_credentials() {
        for name in [
            "X-Password",
            "Copassword",
            "X-Session-Id",
            "X-Passwd",
            "X-Credential",
        ] {
            let conversion = convert_command(
                &format!("curl https://h.example.com/x -H '{name}: s3cr3t-v4lue-123'"),
                None,
            );
            let text = render_fragment(&conversion);
            assert!(!text.contains("s3cr3t-v4lue-123"), "{name}: {text}");
        }
    }

    #[test]
    fn an_authorization_value_without_a_scheme_is_the_whole_key() {
        for value in ["YOUR_BEARER_TOKEN", "<ACCESS_TOKEN>", "sk_live_123"] {
            let conversion = convert_command(
                &format!("curl https://h.example.com/x -H 'Authorization: {value}'"),
                None,
            );
            let auth = action(&conversion).auth.as_ref().expect("auth");
            assert_eq!(auth.auth["type"], "api_key", "{value}");
            assert_eq!(auth.auth["value_pattern"], "%s", "{value}");
            assert!(!everything(&conversion).contains(value), "{value}");
        }
        let conversion = convert_command(
            "curl https://h.example.com/x -H 'Authorization: Bearer'",
            None,
        );
        assert_eq!(
            action(&conversion).auth.as_ref().expect("auth").auth["type"],
            "bearer"
        );
    }

    /// A token URL templated from placeholders declares them, so the spec checks clean.
    #[test]
    fn token_url_placeholders_are_declared() {
        let tenant = convert_command(
            "curl -X POST 'https://login.example.com/{{tenant_id}}/oauth2/token' \
             -d grant_type=client_credentials -d client_id=a -d client_secret=b",
            None,
        );
        let Target::Auth(auth) = &tenant.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["token_url"],
            "https://login.example.com/{{ instance.tenant_id }}/oauth2/token"
        );
        let names: Vec<&str> = tenant
            .connection
            .parameters
            .iter()
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(names, ["tenant_id"]);
        // A scheme-less URL placeholder holds the whole URL.
        let conversion = convert_command(
            "curl '{{OAUTH_TOKEN_ENDPOINT}}' -d grant_type=client_credentials -d client_id=a",
            None,
        );
        let Target::Auth(auth) = &conversion.target else {
            panic!("expected an auth block");
        };
        assert_eq!(
            auth.auth["token_url"],
            "{{ instance.oauth_token_endpoint }}"
        );
        assert_eq!(
            conversion.connection.parameters,
            [("oauth_token_endpoint".to_owned(), "url", None)]
        );
        for conversion in [&tenant, &conversion] {
            let text = render_full_spec(conversion);
            let checked = connspec_lint::check_and_lint(
                "x.yaml",
                text.as_bytes(),
                &connspec_model::CheckOptions::default(),
                &connspec_lint::LintSettings::default(),
            );
            let errors: Vec<_> = checked
                .checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == connspec_diagnostics::Severity::Error)
                .map(|d| d.code.code)
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{text}");
        }
    }

    #[test]
    fn json_bodies_take_bare_placeholders_and_refuse_the_rest_where_it_is() {
        let json = |data: &str| {
            let command = format!(
                "curl https://h.example.com/x -H 'Content-Type: application/json' -d '{data}'"
            );
            let request = crate::curl::parse_curl(&command).expect("parses");
            convert(&request, &ConvertOptions::default())
        };
        let conversion =
            json("{\"n\": {{count}}, \"p\": {{{payload}}}, \"ids\": [<ID>]}").expect("converts");
        assert_eq!(
            action(&conversion).body["body"],
            json!({ "n": "{{ inputs.count }}", "p": "{{ inputs.payload }}", "ids": ["{{ inputs.id }}"] })
        );
        let conversion = json("{{event_body}}").expect("converts");
        assert_eq!(action(&conversion).body["body"], "{{ inputs.event_body }}");
        assert_eq!(
            json("{\n  \"q\": \"SELECT a\n  FROM b\"\n}").unwrap_err(),
            ImportError::InvalidJson {
                line: 2,
                column: 17,
                reason: "a raw line break or other control character inside a string (write it \
                         as `\\n`)"
                    .to_owned(),
            }
        );
        // Positions count from the body, placeholders included.
        assert_eq!(
            json("{\"a\": {{x}}, \"b\": [1, ...]}").unwrap_err(),
            ImportError::InvalidJson {
                line: 1,
                column: 23,
                reason: "expected value".to_owned(),
            }
        );
        // `--data ''` sends no body.
        let request =
            crate::curl::parse_curl("curl https://h.example.com/x --data ''").expect("parses");
        let conversion = convert(&request, &ConvertOptions::default()).expect("converts");
        assert_eq!(action(&conversion).body["method"], "POST");
        assert!(action(&conversion).body.get("body").is_none());
    }

    #[test]
    fn conversion_errors_are_typed() {
        let cases = [
            (
                "curl ftp://h.example.com/x",
                ImportError::UnsupportedScheme("ftp".to_owned()),
            ),
            ("curl https:///x", ImportError::NoHost),
            (
                "curl https://h.example.com/x -F a=b -d c=d",
                ImportError::FormWithData,
            ),
            (
                "curl https://h.example.com/x --json '{not json'",
                ImportError::InvalidJson {
                    line: 1,
                    column: 2,
                    reason: "key must be a string".to_owned(),
                },
            ),
        ];
        for (command, expected) in cases {
            let request = crate::curl::parse_curl(command).expect(command);
            let error = convert(&request, &ConvertOptions::default()).unwrap_err();
            assert_eq!(error, expected, "{command}");
        }
        assert_eq!(
            ImportError::UnsupportedScheme("ftp".to_owned()).to_string(),
            "the URL's scheme `ftp` is not http or https"
        );
    }
}
