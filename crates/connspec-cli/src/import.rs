//! `connspec import curl`: a cURL command (as provider guides print them) becomes a spec action,
//! or, for an OAuth2 token request, the connector's `auth` block.
//!
//! Credentials are never copied: an `Authorization` header, `-u`, an API-key header or query
//! parameter is dropped from the action and turned into the auth it implies, with every secret
//! as a `{{ secrets.NAME }}` reference. `--spec FILE` inserts the action into an existing spec
//! as text, so every comment and byte the user wrote stays, re-checks the result with the
//! check pipeline and writes it only when it has no new errors.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use connspec_catalog::{Catalog, RouteMatch};
use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Diagnostic, FileReport, Severity};
use connspec_lint::LintSettings;
use connspec_model::spec::{Auth, ConnectorSpec};
use connspec_model::yaml::Document;
use connspec_model::{CheckOptions, check_bytes};
use serde_json::{Map, Value, json};

use crate::curl::{CurlRequest, DataKind};
use crate::init::Provider;
use crate::yaml_text;
use crate::{ExitStatus, all_codes};

/// Largest command read from standard input.
const MAX_COMMAND_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Turn a cURL command into a spec action, or a token request into the connector's auth.
    ///
    /// Give the command as one quoted argument, or pipe it in (`-` or no argument). Options
    /// come before the command. `Authorization` headers, `-u` and API keys are never copied:
    /// they become the connector's auth, with secrets as `{{ secrets.NAME }}` references.
    /// Postman placeholders such as `{{id}}` become action inputs (`{{ inputs.id }}`).
    ///
    /// Exit status: 0 when the action was printed or added, 1 when adding it to --spec would
    /// add errors (nothing is written), 2 on bad input or I/O errors.
    #[command(after_help = "\
Examples:
  connspec import curl 'curl https://acme.coupahost.com/api/approvals -H \"Accept: application/json\"'
  pbpaste | connspec import curl --full --provider coupa
  connspec import curl --spec connectors/coupa/approvals.yaml --name list_my_approvals \"$(cat req.sh)\"")]
    Curl(CurlArgs),
}

#[derive(Debug, Args)]
pub struct CurlArgs {
    /// Name of the action [default: from the method and path, e.g. `list_approvals`].
    #[arg(long, value_name = "ACTION")]
    pub name: Option<String>,
    /// Append the action to this spec (under `actions:`, keeping every comment), after checking
    /// that the result has no new errors.
    #[arg(long, value_name = "FILE", conflicts_with = "full")]
    pub spec: Option<PathBuf>,
    /// Print a whole connector spec (base URL, auth, secrets, the action) instead of the action
    /// alone.
    #[arg(long)]
    pub full: bool,
    /// Provider whose conventions apply: for Coupa, a bearer token means an OAuth2 token from
    /// `/oauth2/token` with the scope the action needs. Taken from --spec or the host otherwise.
    #[arg(long, value_enum)]
    pub provider: Option<Provider>,
    /// The cURL command as one argument (or its words after `--`); `-` or nothing reads
    /// standard input.
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub(crate) fn run(args: &ImportArgs) -> Result<ExitStatus> {
    match &args.source {
        ImportSource::Curl(args) => curl(args),
    }
}

fn curl(args: &CurlArgs) -> Result<ExitStatus> {
    if let Some(name) = &args.name
        && !is_valid_action_name(name)
    {
        bail!(
            "`--name {name}` is not a valid action name: it must start with a letter and hold \
             only letters, digits and `_`, at most 64 characters"
        );
    }
    let text = command_text(&args.command)?;
    let request = crate::curl::parse(&text).map_err(|e| anyhow::anyhow!("{e}"))?;
    for warning in &request.warnings {
        eprintln!("connspec: warning: {warning}");
    }

    let spec_input = match &args.spec {
        Some(path) => Some(SpecInput::read(path)?),
        None => None,
    };
    let provider = args
        .provider
        .map(Provider::name)
        .map(str::to_owned)
        .or_else(|| spec_input.as_ref().and_then(|s| s.spec.provider.clone()));
    let options = ConvertOptions {
        provider,
        action_name: args.name.clone(),
        base_url: spec_input
            .as_ref()
            .map(|s| s.spec.base_url.as_str().to_owned()),
        spec_secrets: spec_input
            .as_ref()
            .map(|s| s.spec.secrets.iter().map(|d| d.name().to_owned()).collect())
            .unwrap_or_default(),
    };
    let conversion = convert(&request, &options).map_err(|e| anyhow::anyhow!("{e}"))?;
    for note in &conversion.notes {
        eprintln!("connspec: note: {note}");
    }

    match (&conversion.target, &spec_input) {
        (Target::Auth(_), Some(spec)) => bail!(
            "this cURL command is an OAuth2 token request: it becomes the connector's `auth`, \
             not an action, so nothing was added to {}; run `connspec import curl` without \
             `--spec` to print the auth block",
            spec.path.display()
        ),
        (Target::Action(action), Some(spec)) => append_to_spec(spec, action, &conversion),
        (_, None) => {
            let yaml = if args.full {
                render_full_spec(&conversion)
            } else {
                render_fragment(&conversion)
            };
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(yaml.as_bytes())?;
            stdout.flush()?;
            Ok(ExitStatus::Success)
        }
    }
}

/// The command text: one argument as written, several as shell words, or standard input.
fn command_text(words: &[String]) -> Result<String> {
    match words {
        [] => read_stdin_command(),
        [only] if only == "-" => read_stdin_command(),
        [only] => Ok(only.clone()),
        words => shlex::try_join(words.iter().map(String::as_str))
            .map_err(|_| anyhow::anyhow!("the command holds a NUL byte")),
    }
}

fn read_stdin_command() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        bail!(
            "no cURL command: give it as one quoted argument or pipe it in \
             (`pbpaste | connspec import curl`)"
        );
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_COMMAND_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("reading the cURL command from standard input")?;
    if bytes.len() as u64 > MAX_COMMAND_BYTES {
        bail!("the cURL command on standard input is larger than 1 MiB");
    }
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the cURL command is not UTF-8 text"))
}

/// What the importer needs to know besides the command.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConvertOptions {
    pub(crate) provider: Option<String>,
    pub(crate) action_name: Option<String>,
    /// The base URL of the spec the action is for, when there is one.
    pub(crate) base_url: Option<String>,
    /// Secret names the spec already declares, reused when an auth block needs them.
    pub(crate) spec_secrets: Vec<String>,
}

/// What a cURL command became.
#[derive(Debug, Clone)]
pub(crate) struct Conversion {
    pub(crate) target: Target,
    /// The connection: base URL parts and the instance parameters its host needs.
    pub(crate) connection: Connection,
    pub(crate) provider: Option<String>,
    /// What the user should know: dropped credentials, assumptions, host differences.
    pub(crate) notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Target {
    Action(ImportedAction),
    /// An OAuth2 token request: the `auth` block it implies.
    Auth(ImportedAuth),
}

/// Scheme and host of the cURL URL, as a base URL template.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    /// `https://{{ instance.domain }}`.
    pub(crate) base_url: String,
    /// Instance parameters used by the host: name, format, example.
    pub(crate) parameters: Vec<(String, &'static str, Option<String>)>,
}

/// A spec action, ready to render.
#[derive(Debug, Clone)]
pub(crate) struct ImportedAction {
    pub(crate) name: String,
    /// The action's mapping (description, method, path, headers, query, body, inputs, expect).
    pub(crate) body: Map<String, Value>,
    /// The auth the command's credentials imply.
    pub(crate) auth: Option<ImportedAuth>,
    /// A scope the provider's catalogue says the route needs.
    pub(crate) scope: Option<String>,
    pub(crate) method: String,
    pub(crate) path: String,
}

/// A connector `auth` block and the secrets it references.
#[derive(Debug, Clone)]
pub(crate) struct ImportedAuth {
    pub(crate) auth: Map<String, Value>,
    /// Secret names with where to find them.
    pub(crate) secrets: Vec<(String, String)>,
}

/// Converts a parsed command; errors are for the user and never hold a value.
pub(crate) fn convert(
    request: &CurlRequest,
    options: &ConvertOptions,
) -> Result<Conversion, String> {
    let url = split_url(&request.url)?;
    let mut notes = Vec::new();
    if url.scheme != "https" {
        notes.push(format!(
            "the URL uses `{}`; Agent Studio requires HTTPS, so the base URL uses https",
            if url.scheme.is_empty() {
                "no scheme"
            } else {
                url.scheme.as_str()
            }
        ));
    }
    let catalog_provider = options
        .provider
        .clone()
        .or_else(|| provider_of_host(&url.host));
    let catalog = catalog_provider
        .as_deref()
        .and_then(connspec_catalog::catalog);
    let connection = connection_of(&url.host, catalog.is_some());
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
            &connection,
            &fields.pairs,
            &query,
            body.as_ref(),
            catalog,
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
            let scheme = value.split_whitespace().next().unwrap_or_default();
            if scheme.eq_ignore_ascii_case("bearer") {
                credentials.bearer("the `Authorization: Bearer …` header");
            } else if scheme.eq_ignore_ascii_case("basic") {
                credentials.basic(true, "the `Authorization: Basic …` header");
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
    if catalog.is_some_and(|c| c.accept_json_required)
        && !headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("accept") && v.contains("json"))
    {
        headers.push(("Accept".to_owned(), "application/json".to_owned()));
        notes.push(format!(
            "added `Accept: application/json`: {} answers XML without it",
            catalog.map_or("the provider", |c| c.display_name.as_str())
        ));
    }

    let path = inputs.templatize(&path, "the path");
    let mut action = Map::new();
    action.insert(
        "description".to_owned(),
        Value::String(format!(
            "{method} {}, imported from a cURL command.",
            url.path
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
            let text = inputs.templatize(text, "the body");
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
    let scope = catalog.and_then(|c| match c.route(&method, &path) {
        RouteMatch::Found(route) => Some(route.scope.clone()),
        _ => None,
    });
    let auth = credentials.kind.map(|kind| {
        implied_auth(
            kind,
            &credentials,
            &connection,
            catalog,
            scope.as_deref(),
            &prefix,
        )
    });
    if let (Some(CredentialKind::Bearer), Some(catalog)) = (credentials.kind, catalog) {
        notes.push(format!(
            "{} bearer tokens are OAuth2 access tokens: the implied auth is the client \
             credentials grant at `{}`",
            catalog.display_name, catalog.token_path
        ));
    }
    Ok(Conversion {
        target: Target::Action(ImportedAction {
            name,
            body: action,
            auth,
            scope,
            method,
            path,
        }),
        connection,
        provider: catalog.map(|c| c.name.clone()),
        notes,
    })
}

/// A URL split by text, so `{{placeholders}}` in the host survive.
#[derive(Debug, Clone)]
struct UrlParts {
    scheme: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    user_info: bool,
}

fn split_url(url: &str) -> Result<UrlParts, String> {
    let (scheme, rest) = match url.find("://") {
        Some(at) => (url[..at].to_ascii_lowercase(), &url[at + 3..]),
        None => (String::new(), url),
    };
    if !scheme.is_empty() && scheme != "https" && scheme != "http" {
        return Err(format!("the URL's scheme `{scheme}` is not http or https"));
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
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err("the URL has no valid host".to_owned());
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
        user_info,
    })
}

/// The provider whose instances live on this host (`acme.coupahost.com` is Coupa).
fn provider_of_host(host: &str) -> Option<String> {
    connspec_catalog::providers()
        .filter_map(connspec_catalog::catalog)
        .find(|c| c.host_kind(host).is_some())
        .map(|c| c.name.clone())
}

/// The base URL for a host: placeholders become instance parameters; a host that is one
/// placeholder is the `domain` parameter (a host name), as in the connectors library.
fn connection_of(host: &str, has_catalog: bool) -> Connection {
    let pieces = placeholders(host);
    let only_placeholder = matches!(pieces.as_slice(), [Piece::Placeholder(_)]);
    let mut parameters = Vec::new();
    let mut template = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => template.push_str(text),
            Piece::Placeholder(inner) => {
                let name = if only_placeholder {
                    "domain".to_owned()
                } else {
                    inner
                        .strip_prefix("instance.")
                        .map_or_else(|| snake_name(inner), str::to_owned)
                };
                template.push_str("{{ instance.");
                template.push_str(&name);
                template.push_str(" }}");
                if !parameters.iter().any(|(n, _, _)| *n == name) {
                    let (format, example) = if only_placeholder {
                        let example = has_catalog.then(|| "acme-test.coupahost.com".to_owned());
                        ("hostname", example)
                    } else {
                        ("string", None)
                    };
                    parameters.push((name, format, example));
                }
            }
        }
    }
    Connection {
        base_url: format!("https://{template}"),
        parameters,
    }
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
fn body_of(request: &CurlRequest, notes: &mut Vec<String>) -> Result<BodySource, String> {
    if !request.form.is_empty() {
        if !request.data.is_empty() {
            return Err(
                "the command mixes `-F` with `-d`-style data, which curl refuses too".to_owned(),
            );
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
    let trimmed = joined.trim_start();
    if json_requested || trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Some(value) = parse_json_with_placeholders(&joined) {
            return Ok(BodySource::Json(value));
        }
        if json_requested {
            return Err("the JSON body is not valid JSON".to_owned());
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

/// Parses JSON whose values may be bare placeholders (`{"id": {{id}}}`), as Postman writes.
fn parse_json_with_placeholders(text: &str) -> Option<Value> {
    let accept = |value: Value| (value.is_object() || value.is_array()).then_some(value);
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return accept(value);
    }
    // Quote the placeholders that sit outside JSON strings, then parse again.
    let mut replaced = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string
            && rest.starts_with("{{")
            && let Some(end) = rest.find("}}")
        {
            {
                let placeholder = &rest[..end + 2];
                replaced.push_str(&yaml_text::quoted(placeholder));
                rest = &rest[end + 2..];
                continue;
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        replaced.push(c);
        rest = &rest[c.len_utf8()..];
    }
    serde_json::from_str::<Value>(&replaced)
        .ok()
        .and_then(accept)
}

/// A piece of text: literal, or a `{{ placeholder }}` (Postman's `{{x}}`, Mustache's `{{{x}}}`
/// or connspec's `{{ inputs.x }}`) with its trimmed inner name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Literal(&'a str),
    Placeholder(&'a str),
}

fn placeholders(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let triple = rest[start..].starts_with("{{{");
        let open = if triple { 3 } else { 2 };
        let close = if triple { "}}}" } else { "}}" };
        let inner_start = start + open;
        let Some(length) = rest[inner_start..].find(close) else {
            break;
        };
        let inner = rest[inner_start..inner_start + length].trim();
        let valid = !inner.is_empty()
            && inner.len() <= 100
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        if valid {
            if start > 0 {
                pieces.push(Piece::Literal(&rest[..start]));
            }
            pieces.push(Piece::Placeholder(inner));
        } else {
            pieces.push(Piece::Literal(&rest[..inner_start + length + close.len()]));
        }
        rest = &rest[inner_start + length + close.len()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest));
    }
    pieces
}

/// A placeholder name as a `snake_case` identifier: `approvalId` → `approval_id`,
/// `INSTANCE_DOMAIN` → `instance_domain`, `org-domain` → `org_domain`.
fn snake_name(raw: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in raw.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    let mut name = out.trim_matches('_').to_owned();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name = format!("input_{name}");
    }
    name.truncate(64);
    name.trim_end_matches('_').to_owned()
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
                Piece::Placeholder(inner) => out.push_str(&self.template_for(inner, site)),
            }
        }
        out
    }

    fn template_for(&mut self, inner: &str, site: &str) -> String {
        for kept in ["meta_info.", "instance.", "secrets."] {
            if inner.starts_with(kept) {
                return format!("{{{{ {inner} }}}}");
            }
        }
        let name = inner
            .strip_prefix("inputs.")
            .map_or_else(|| snake_name(inner), snake_name);
        self.names
            .entry(name.clone())
            .or_insert_with(|| format!("`{{{{{inner}}}}}` in {site} of the imported cURL command"));
        format!("{{{{ inputs.{name} }}}}")
    }
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
                Piece::Placeholder(inner) => out.push_str(&inputs.template_for(inner, site)),
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

/// Whether a header carries a credential (an API key or token); the same words the lint uses.
fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "proxy-authorization" | "cookie")
        || name.contains("key")
        || name.contains("token")
        || name.contains("secret")
        || name.contains("auth")
        || name.contains("signature")
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
    catalog.map_or_else(String::new, |c| format!("{}_", c.name.to_ascii_uppercase()))
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
    scope: Option<&str>,
    prefix: &str,
) -> ImportedAuth {
    let mut auth = Map::new();
    let mut secrets = Vec::new();
    let secret = |suffix: &str, description: &str, secrets: &mut Vec<(String, String)>| {
        let name = credentials.secret(suffix);
        secrets.push((name.clone(), description.to_owned()));
        secret_ref(&name)
    };
    match (kind, catalog) {
        (CredentialKind::Bearer, Some(catalog)) => {
            // The provider's bearer tokens come from its OAuth2 token endpoint.
            let _ = prefix;
            auth.insert("type".into(), "oauth2".into());
            auth.insert("grant_type".into(), "client_credentials".into());
            auth.insert(
                "token_url".into(),
                format!("{}{}", connection.base_url, catalog.token_path).into(),
            );
            let setup = catalog.setup_location.clone().unwrap_or_default();
            let id = secret("CLIENT_ID", &format!("{setup} > Identifier"), &mut secrets);
            auth.insert("client_id".into(), id);
            let client_secret = secret("CLIENT_SECRET", &format!("{setup} > Secret"), &mut secrets);
            auth.insert("client_secret".into(), client_secret);
            let scopes: Vec<Value> = scope.into_iter().map(Value::from).collect();
            auth.insert("scopes".into(), Value::Array(scopes));
            auth.insert("client_authentication".into(), "request_body".into());
            auth.insert("token_response".into(), "json".into());
        }
        (CredentialKind::Bearer, None) => {
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
    ImportedAuth { auth, secrets }
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
    connection: &Connection,
    form: &[(String, String)],
    query: &[(String, String)],
    body: Option<&ActionBody>,
    catalog: Option<&Catalog>,
    prefix: &str,
    notes: &mut Vec<String>,
) -> ImportedAuth {
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
    let setup = catalog
        .and_then(|c| c.setup_location.clone())
        .unwrap_or_else(|| "The OAuth client".to_owned());
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
    let token_url = format!(
        "{}{}",
        connection.base_url,
        placeholders(&url.path)
            .iter()
            .map(|p| match p {
                Piece::Literal(l) => (*l).to_owned(),
                Piece::Placeholder(inner) => format!("{{{{ instance.{} }}}}", snake_name(inner)),
            })
            .collect::<String>()
    );
    if grant_name == "authorization_code" {
        let authorization_url = match catalog {
            Some(c) => format!("{}{}", connection.base_url, c.authorization_path),
            None => token_url.strip_suffix("token").map_or_else(
                || format!("{token_url}/authorize"),
                |s| format!("{s}authorize"),
            ),
        };
        notes.push(format!(
            "the authorization URL `{authorization_url}` is derived from the token URL; check it \
             against the provider's documentation"
        ));
        auth.insert("authorization_url".into(), authorization_url.into());
    }
    auth.insert("token_url".into(), token_url.into());

    let basic_header = request.user.is_some()
        || request
            .header("authorization")
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("basic"));
    let id = secret("CLIENT_ID", format!("{setup} > Identifier"), &mut secrets);
    auth.insert("client_id".into(), id);
    let client_secret = secret("CLIENT_SECRET", format!("{setup} > Secret"), &mut secrets);
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
    let refresh_scope = catalog
        .and_then(|c| c.refresh_scope.clone())
        .unwrap_or_else(|| "offline_access".to_owned());
    if grant_name == "authorization_code" && !scopes.contains(&refresh_scope) {
        scopes.push(refresh_scope.clone());
        notes.push(format!(
            "added `{refresh_scope}` to the scopes so users get refresh tokens (A006)"
        ));
    }
    if grant_name == "client_credentials" && scopes.contains(&refresh_scope) {
        scopes.retain(|s| *s != refresh_scope);
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
    if !known.contains(&grant) && !is_single_placeholder(grant) {
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
    for (name, value) in &fields {
        if standard.contains(&name.as_str()) {
            continue;
        }
        let value = if is_secret_field(name) || is_single_placeholder(value) {
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
    ImportedAuth { auth, secrets }
}

/// A default action name from the method and the path: `GET /api/approvals` is
/// `list_approvals`, `GET /api/users/{{id}}` is `get_user`, `PUT /api/approvals/{{id}}/approve`
/// is `approve_approval`.
fn action_name(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .filter(|s| *s != "api" && !is_version_segment(s))
        .collect();
    let is_param = |s: &str| s.contains("{{") || s.starts_with(':');
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
pub(crate) fn is_valid_action_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The YAML printed without `--full`: the action under an `actions:` key's indentation, or
/// the `secrets` and `auth` keys a token request implies.
pub(crate) fn render_fragment(conversion: &Conversion) -> String {
    match &conversion.target {
        Target::Action(action) => {
            let mut out = String::from(
                "# Imported by `connspec import curl`: paste it under `actions:` of a spec, or add \
                 it with `--spec FILE`.\n",
            );
            out.push_str(&render_action(action, 2, 2));
            out
        }
        Target::Auth(auth) => {
            let mut out = String::from(
                "# The connector auth this token request implies (`connspec import curl`):\n\
                 # put these keys into a spec, replacing its `secrets` and `auth`.\n",
            );
            let mut map = Map::new();
            map.insert("secrets".into(), secrets_value(&auth.secrets));
            map.insert("auth".into(), Value::Object(auth.auth.clone()));
            out.push_str(&yaml_text::mapping_lines(&map, 0, 2));
            out
        }
    }
}

/// One action at `indent` spaces, its keys `step` further in.
fn render_action(action: &ImportedAction, indent: usize, step: usize) -> String {
    let mut map = Map::new();
    map.insert(action.name.clone(), Value::Object(action.body.clone()));
    yaml_text::mapping_lines(&map, indent, step)
}

fn secrets_value(secrets: &[(String, String)]) -> Value {
    Value::Array(
        secrets
            .iter()
            .map(|(name, description)| json!({ "name": name, "description": description }))
            .collect(),
    )
}

/// A whole connector spec around the imported action (or auth): `--full`.
pub(crate) fn render_full_spec(conversion: &Conversion) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema={}connector.schema.json\n#\n\
         # Imported from a cURL command by `connspec import curl`; check it with\n\
         # `connspec check`. `connspec init` writes a commented starting point instead.\n",
        connspec_model::schema::SCHEMA_ID_BASE
    );
    let mut spec = Map::new();
    spec.insert("spec_version".into(), 1.into());
    spec.insert("name".into(), connector_name(conversion).into());
    if let Some(provider) = &conversion.provider {
        spec.insert("provider".into(), provider.clone().into());
    }
    if !conversion.connection.parameters.is_empty() {
        let mut instance = Map::new();
        for (name, format, example) in &conversion.connection.parameters {
            let mut parameter = Map::new();
            let description = if *format == "hostname" {
                conversion
                    .provider
                    .as_deref()
                    .and_then(connspec_catalog::catalog)
                    .map_or_else(
                        || "Host of the API, without scheme or path".to_owned(),
                        |c| format!("{} host of the customer's instance", c.display_name),
                    )
            } else {
                format!("The `{name}` part of the API host")
            };
            parameter.insert("description".into(), description.into());
            parameter.insert("format".into(), (*format).into());
            if let Some(example) = example {
                parameter.insert("example".into(), example.clone().into());
            }
            instance.insert(name.clone(), Value::Object(parameter));
        }
        spec.insert("instance".into(), Value::Object(instance));
    }
    let (auth, actions) = match &conversion.target {
        Target::Auth(auth) => (Some(auth), Map::new()),
        Target::Action(action) => {
            let mut actions = Map::new();
            actions.insert(action.name.clone(), Value::Object(action.body.clone()));
            (action.auth.as_ref(), actions)
        }
    };
    if let Some(auth) = auth
        && !auth.secrets.is_empty()
    {
        spec.insert("secrets".into(), secrets_value(&auth.secrets));
    }
    spec.insert(
        "base_url".into(),
        conversion.connection.base_url.clone().into(),
    );
    let auth_value = auth.map_or_else(
        || json!({ "type": "none" }),
        |auth| Value::Object(auth.auth.clone()),
    );
    spec.insert("auth".into(), auth_value);
    spec.insert("actions".into(), Value::Object(actions));
    out.push_str(&yaml_text::mapping_lines(&spec, 0, 2));
    out
}

/// A connector name for `--full`: the provider's, else the API host's main label.
fn connector_name(conversion: &Conversion) -> String {
    if let Some(provider) = &conversion.provider {
        return format!("{provider}_connector");
    }
    let host = conversion
        .connection
        .base_url
        .trim_start_matches("https://")
        .to_owned();
    if host.contains("{{") {
        return "my_connector".to_owned();
    }
    let labels: Vec<&str> = host
        .split(':')
        .next()
        .unwrap_or_default()
        .split('.')
        .filter(|l| !matches!(*l, "api" | "www" | "com" | "io" | "net" | "org"))
        .collect();
    let name = snake_name(labels.first().copied().unwrap_or("my_connector"));
    if name.len() >= 2 && is_valid_action_name(&name) {
        name
    } else {
        "my_connector".to_owned()
    }
}

/// A spec named with `--spec`: its text, as read, and what checking it gave.
#[derive(Debug)]
pub(crate) struct SpecInput {
    path: PathBuf,
    text: String,
    document: Document,
    spec: ConnectorSpec,
}

impl SpecInput {
    fn read(path: &Path) -> Result<Self> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let name = path.display().to_string();
        let (_, checked) = check_bytes(&name, &bytes, &CheckOptions::default());
        let text =
            String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("`{name}` is not UTF-8 text"))?;
        match (checked.document, checked.spec) {
            (Some(document), Some(spec)) => Ok(Self {
                path: path.to_path_buf(),
                text,
                document,
                spec,
            }),
            _ => bail!(
                "`{name}` is not a valid connector spec, so the action was not added; see \
                 `connspec check {name}`"
            ),
        }
    }
}

/// Errors of a spec text through the whole check pipeline: check then lint.
fn check_text(name: &str, text: &str) -> FileReport {
    let (file, checked) = check_bytes(name, text.as_bytes(), &CheckOptions::default());
    let mut diagnostics = checked.diagnostics.clone();
    let mut file = file;
    if let (Some(document), Some(spec)) = (&checked.document, &checked.spec) {
        diagnostics.extend(connspec_lint::lint(
            &file,
            document,
            spec,
            &LintSettings::default(),
        ));
    }
    if let Some(document) = &checked.document {
        // Literal secrets are masked in every snippet, as `connspec check` masks them.
        file = file.redacted(&connspec_lint::secret_spans(document));
    }
    FileReport::new(file, diagnostics)
}

/// Diagnostics of `after` at `severity` that `before` does not have, compared by code and
/// message (positions move when text is inserted).
fn new_findings(before: &FileReport, after: &FileReport, severity: Severity) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in before.diagnostics.iter().filter(|d| d.severity == severity) {
        *seen
            .entry((d.code.code.to_owned(), d.message.clone()))
            .or_default() += 1;
    }
    after
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .filter(|d| {
            let key = (d.code.code.to_owned(), d.message.clone());
            match seen.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        })
        .cloned()
        .collect()
}

fn append_to_spec(
    input: &SpecInput,
    action: &ImportedAction,
    conversion: &Conversion,
) -> Result<ExitStatus> {
    let name = input.path.display().to_string();
    let exists = input
        .spec
        .actions
        .keys()
        .find(|existing| existing.eq_ignore_ascii_case(&action.name));
    if let Some(existing) = exists {
        bail!("{name} already has an action `{existing}`; choose another name with `--name`");
    }
    if let Some(implied) = &action.auth {
        let implied_type = implied
            .auth
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("none");
        let spec_type = input.spec.auth.type_name();
        if implied_type != spec_type {
            eprintln!(
                "connspec: note: the cURL command authenticates like `auth.type: {implied_type}`; \
                 the spec's auth is `{spec_type}`, which the action will use"
            );
        }
    }
    let edited = insert_action(input, action)?;
    let before = check_text(&name, &input.text);
    let after = check_text(&name, &edited.text);
    let errors = new_findings(&before, &after, Severity::Error);
    let codes = all_codes();
    let options = RenderOptions {
        color: crate::check::use_color(crate::args::ColorChoice::Auto),
        codes: &codes,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    if !errors.is_empty() {
        let report = FileReport::new(after.source.clone(), errors);
        eprint!("{}", render(Format::Human, &[report], &options));
        eprintln!(
            "connspec: error: adding `{}` would add the errors above to {name}; nothing was \
             written",
            action.name
        );
        return Ok(ExitStatus::Failure);
    }
    let warnings: Vec<Diagnostic> = [Severity::Warning, Severity::Info]
        .into_iter()
        .flat_map(|severity| new_findings(&before, &after, severity))
        .collect();
    if !warnings.is_empty() {
        let report = FileReport::new(after.source.clone(), warnings);
        eprint!("{}", render(Format::Human, &[report], &options));
    }
    replace_file(&input.path, &input.text, &edited.text)?;
    for note in &edited.notes {
        eprintln!("connspec: note: {note}");
    }
    let _ = conversion;
    println!(
        "added action `{}` ({} {}) to {name}",
        action.name, action.method, action.path
    );
    println!("next: connspec check {name}");
    Ok(ExitStatus::Success)
}

/// The spec text with the action (and the scope it needs) inserted.
#[derive(Debug)]
struct EditedSpec {
    text: String,
    notes: Vec<String>,
}

/// Inserts the action at the end of `actions:` (a block mapping, `{}`, or a missing key) and,
/// when the provider's catalogue names a scope the OAuth2 auth lacks, the scope; each edit
/// keeps every other byte.
fn insert_action(input: &SpecInput, action: &ImportedAction) -> Result<EditedSpec> {
    let text = &input.text;
    let spans = &input.document.spans;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut notes = Vec::new();

    if let (Some(key), Some(value)) = (spans.key("/actions"), spans.value("/actions")) {
        let key_column = column(text, key.start);
        let value_text = &text[value.start.min(text.len())..value.end.min(text.len())];
        let has_actions = !input.spec.actions.is_empty();
        if value_text.trim_start().starts_with('{') {
            if has_actions {
                bail!(
                    "`actions` in {} is a flow mapping (`{{ … }}`); write it as a block \
                         mapping to add an action to it",
                    input.path.display()
                );
            }
            let block = render_action(action, key_column + 2, 2);
            // Replace from just after `actions:` through the closing brace of `{}`.
            let colon = text[key.end..value.start]
                .find(':')
                .map_or(value.start, |i| key.end + i + 1);
            let close = text[value.start..]
                .find('}')
                .map_or(value.end, |i| value.start + i + 1);
            edits.push((colon, close - colon, format!("\n{block}")));
            // The block ends with a newline; drop the one after `{}` if nothing follows.
            if text[close..].starts_with('\n')
                && let Some(last) = edits.last_mut()
            {
                last.2.pop();
            }
        } else {
            let (indent, step) = action_layout(input, key_column);
            let at = line_end_after(text, value.end);
            let mut block = String::new();
            if at == text.len() && !text.ends_with('\n') {
                block.push('\n');
            }
            block.push_str(&render_action(action, indent, step));
            edits.push((at, 0, block));
        }
    } else {
        let mut block = String::new();
        if !text.is_empty() && !text.ends_with('\n') {
            block.push('\n');
        }
        block.push_str("actions:\n");
        block.push_str(&render_action(action, 2, 2));
        edits.push((text.len(), 0, block));
    }

    if let (Some(scope), Auth::Oauth2(oauth2)) = (&action.scope, &input.spec.auth)
        && !oauth2.scopes().iter().any(|s| s == scope)
    {
        edits.push(scope_edit(input, scope)?);
        notes.push(format!(
            "added `{scope}` to `auth.scopes`: the provider's catalogue says `{} {}` needs it; \
             grant it to the OAuth client too",
            action.method, action.path
        ));
    }

    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut edited = text.clone();
    for (at, remove, insert) in edits {
        edited.replace_range(at..at + remove, &insert);
    }
    Ok(EditedSpec {
        text: edited,
        notes,
    })
}

/// Indentation of the existing actions, and of their keys relative to them.
fn action_layout(input: &SpecInput, key_column: usize) -> (usize, usize) {
    let spans = &input.document.spans;
    let text = &input.text;
    let fallback = (key_column + 2, 2);
    let Some(first) = input.spec.actions.keys().next() else {
        return fallback;
    };
    let pointer = connspec_model::yaml::push_pointer("/actions", first);
    let Some(first_key) = spans.key(&pointer) else {
        return fallback;
    };
    let indent = column(text, first_key.start);
    // A key inside the first action, when it sits on a line of its own (block style).
    let child = ["description", "method", "path"]
        .iter()
        .filter_map(|k| spans.key(&connspec_model::yaml::push_pointer(&pointer, k)))
        .map(|span| span.start)
        .min()
        .filter(|&start| line_start(text, start) != line_start(text, first_key.start))
        .map(|start| column(text, start));
    let step = child
        .and_then(|c| c.checked_sub(indent))
        .filter(|&s| s > 0)
        .unwrap_or_else(|| indent.saturating_sub(key_column).max(2));
    (indent, step)
}

/// The edit that adds `scope` to `auth.scopes` (a flow list, a block list, or no key yet).
fn scope_edit(input: &SpecInput, scope: &str) -> Result<(usize, usize, String)> {
    let text = &input.text;
    let spans = &input.document.spans;
    let item = yaml_text::scalar(scope);
    if let Some(value) = spans.value("/auth/scopes") {
        let value_text = &text[value.start..value.end];
        if value_text.starts_with('[') {
            let close = value_text.rfind(']').map_or(value.end, |i| value.start + i);
            let inner = value_text[1..close - value.start].trim();
            let insert = if inner.is_empty() {
                item
            } else {
                format!(", {item}")
            };
            // Just after the last item, before any space or comment ahead of `]`.
            let last_item_end =
                value.start + 1 + value_text[1..close - value.start].trim_end().len();
            return Ok((last_item_end, 0, insert));
        }
        let first = spans
            .value("/auth/scopes/0")
            .ok_or_else(|| anyhow::anyhow!("cannot find the first scope in `auth.scopes`"))?;
        let dash = text[..first.start].rfind('-').unwrap_or(first.start);
        let dash_column = column(text, dash);
        let at = line_end_after(text, value.end);
        let prefix = if at == text.len() && !text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        return Ok((
            at,
            0,
            format!("{prefix}{}- {item}\n", " ".repeat(dash_column)),
        ));
    }
    let grant = spans
        .key("/auth/grant_type")
        .ok_or_else(|| anyhow::anyhow!("cannot find `auth.grant_type`"))?;
    let at = line_end_after(text, grant.end);
    Ok((
        at,
        0,
        format!(
            "{}scopes: [{item}]\n",
            " ".repeat(column(text, grant.start))
        ),
    ))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Column in bytes; indentation is spaces, so bytes and characters agree there.
fn column(text: &str, offset: usize) -> usize {
    offset.min(text.len()) - line_start(text, offset)
}

/// The offset just after the line break that ends the line holding `offset`.
fn line_end_after(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    // A span can end just after its line break already.
    if offset > 0 && text.as_bytes()[offset - 1] == b'\n' {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Replaces `path` with `text` through a temporary file and a rename, after making sure the
/// file still holds what was read, so a concurrent edit is never lost.
fn replace_file(path: &Path, original: &str, text: &str) -> Result<()> {
    let current =
        std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if current != original.as_bytes() {
        bail!(
            "`{}` changed while the action was being added; nothing was written, run the import again",
            path.display()
        );
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary =
        path.with_file_name(format!(".{file_name}.{}.connspec-tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .with_context(|| format!("cannot create `{}`", temporary.display()))?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&temporary, metadata.permissions());
        }
        std::fs::rename(&temporary, path)
            .with_context(|| format!("cannot replace `{}`", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_command(command: &str, provider: Option<&str>) -> Conversion {
        let request = match crate::curl::parse(command) {
            Ok(request) => request,
            Err(error) => panic!("{command}: {error}"),
        };
        let options = ConvertOptions {
            provider: provider.map(str::to_owned),
            ..ConvertOptions::default()
        };
        match convert(&request, &options) {
            Ok(conversion) => conversion,
            Err(error) => panic!("{command}: {error}"),
        }
    }

    fn action(conversion: &Conversion) -> &ImportedAction {
        match &conversion.target {
            Target::Action(action) => action,
            Target::Auth(_) => panic!("expected an action"),
        }
    }

    fn everything(conversion: &Conversion) -> String {
        format!(
            "{}{}{}",
            render_full_spec(conversion),
            render_fragment(conversion),
            conversion.notes.join("\n")
        )
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
        assert_eq!(action.scope.as_deref(), Some("core.approval.write"));
        assert_eq!(action.body["headers"]["Accept"], "application/json");
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

    fn spec_input(text: &str) -> SpecInput {
        let (_, checked) = check_bytes("spec.yaml", text.as_bytes(), &CheckOptions::default());
        SpecInput {
            path: PathBuf::from("spec.yaml"),
            text: text.to_owned(),
            document: checked.document.expect("document"),
            spec: checked.spec.expect("spec"),
        }
    }

    const SPEC: &str = "# my comment\nspec_version: 1\nname: coupa_x\nprovider: coupa\n\
        instance:\n  domain: { format: hostname, example: acme.coupahost.com }\n\
        secrets: [C_ID, C_SECRET]\nbase_url: https://{{ instance.domain }}\nauth:\n  type: oauth2\n\
        \x20 grant_type: client_credentials\n  token_url: https://{{ instance.domain }}/oauth2/token\n\
        \x20 client_id: \"{{ secrets.C_ID }}\"\n  client_secret: \"{{ secrets.C_SECRET }}\"\n\
        \x20 scopes: [core.user.read]   # kept\nactions:\n    get_user:   # four spaces\n\
        \x20       method: GET\n        path: /api/users/{{ inputs.id }}\n\
        \x20       headers: { Accept: application/json }\n        inputs: { id: { type: integer } }\n\
        # trailing comment\n";

    #[test]
    fn appending_keeps_every_byte_and_the_layout() {
        let input = spec_input(SPEC);
        let conversion = convert_command(
            "curl https://{{INSTANCE_DOMAIN}}/api/approvals -H 'Accept: application/json'",
            Some("coupa"),
        );
        let edited = insert_action(&input, action(&conversion)).expect("edit");
        assert!(
            edited
                .text
                .contains("scopes: [core.user.read, core.approval.read]   # kept")
        );
        assert!(
            edited
                .text
                .contains("\n    list_approvals:\n        description:")
        );
        assert!(edited.text.ends_with("# trailing comment\n"));
        // Every original line is still there, in order.
        let mut lines = edited.text.lines();
        for line in SPEC.lines().filter(|l| !l.contains("scopes:")) {
            assert!(lines.any(|l| l == line), "lost: {line}");
        }
        let report = check_text("spec.yaml", &edited.text);
        assert!(
            !report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "{:?}",
            report.diagnostics
        );
    }

    #[test]
    fn appending_to_empty_or_missing_actions() {
        for tail in ["actions: {}\n", ""] {
            let text = SPEC.split("actions:").next().unwrap_or_default().to_owned() + tail;
            let text = text.replace("scopes: [core.user.read]", "scopes: []");
            let input = spec_input(&text);
            let conversion = convert_command("curl https://{{D}}/api/users", Some("coupa"));
            let edited = insert_action(&input, action(&conversion)).expect("edit");
            assert!(
                edited
                    .text
                    .contains("actions:\n  list_users:\n    description:"),
                "{}",
                edited.text
            );
            assert!(
                edited.text.contains("scopes: [core.user.read]"),
                "{}",
                edited.text
            );
        }
    }
}
