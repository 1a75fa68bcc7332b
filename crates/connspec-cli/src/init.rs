//! `connspec init`: a commented connector spec and an instance file that pass `connspec check`
//! with no findings, for every auth type worth scaffolding.
//!
//! Every key carries a comment saying what it is and what Agent Studio calls it, so the file
//! teaches the format. Files are only ever created, never replaced: both names are checked
//! first, and each file is written to a temporary name and hard-linked into place, which fails
//! if the name exists, so nothing a user wrote is overwritten even in a race.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use connspec_catalog::RefreshTokens;
use connspec_catalog::{Catalog, ScaffoldAction};
use connspec_import::yaml_text::scalar;

use crate::ExitStatus;
use crate::args::provider_parser;
use crate::session::write::create_new;

/// Where trailing comments start, so a file reads as two columns.
const COMMENT_COLUMN: usize = 36;

/// Lines longer than this get their comment on the line above.
const MAX_WIDTH: usize = 100;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  connspec init --provider coupa connectors/acme          Coupa, client credentials
  connspec init --provider coupa --auth authorization_code --name coupa_my_approvals .
  connspec init --auth api_key --name github_repos connectors/github")]
pub struct InitArgs {
    /// The provider: `coupa` writes a real Coupa connector (its token and authorization URLs,
    /// the `domain` parameter, a read action with the scope it needs). Without it, a generic
    /// HTTPS API skeleton.
    #[arg(long, value_parser = provider_parser())]
    pub provider: Option<String>,
    /// How the connector authenticates: an auth type, or an OAuth2 grant.
    #[arg(long, value_enum, value_name = "TYPE", default_value_t = AuthKind::ClientCredentials)]
    pub auth: AuthKind,
    /// The connector name (Agent Studio "Connector Name", immutable once created):
    /// `^[a-zA-Z][a-zA-Z0-9_]+$`, 2 to 64 characters [default: `coupa_connector` or
    /// `my_connector`].
    #[arg(long, value_name = "NAME", value_parser = parse_connector_name)]
    pub name: Option<String>,
    /// The folder to write into (created if missing): `<name>.yaml` and
    /// `instances/example.yaml`. A path ending in `.yaml` or `.yml` is the spec file itself;
    /// its folder gets `instances/example.yaml`.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
}

/// Auth types and OAuth2 grants `connspec init` scaffolds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthKind {
    /// OAuth 2.0 client credentials grant (system-level access).
    #[value(name = "client_credentials", alias = "client-credentials")]
    ClientCredentials,
    /// OAuth 2.0 authorization code grant (each user consents; User Consent Auth).
    #[value(name = "authorization_code", alias = "authorization-code")]
    AuthorizationCode,
    /// OAuth 2.0 password grant (a service account).
    Password,
    /// OAuth 2.0 refresh token grant (a refresh token minted beforehand).
    #[value(name = "refresh_token", alias = "refresh-token")]
    RefreshToken,
    /// HTTP Basic: user name and password.
    Basic,
    /// An API key in a header or a query parameter.
    #[value(name = "api_key", alias = "api-key")]
    ApiKey,
    /// A static bearer token.
    Bearer,
    /// A JWT signed with your private key, exchanged at a token URL.
    Jwt,
    /// A JWT signed by Moveworks with keys it publishes.
    Jwks,
    /// Requests through a Moveworks On-Prem Agent.
    #[value(name = "on_prem", alias = "on-prem")]
    OnPrem,
    /// No authentication.
    None,
}

impl AuthKind {
    /// Every kind, for tests and documentation.
    pub const ALL: [AuthKind; 11] = [
        AuthKind::ClientCredentials,
        AuthKind::AuthorizationCode,
        AuthKind::Password,
        AuthKind::RefreshToken,
        AuthKind::Basic,
        AuthKind::ApiKey,
        AuthKind::Bearer,
        AuthKind::Jwt,
        AuthKind::Jwks,
        AuthKind::OnPrem,
        AuthKind::None,
    ];

    /// Whether a provider's API accepts this kind, as its catalogue says; a generic API
    /// accepts every kind.
    pub fn supported_by(self, catalog: Option<&Catalog>) -> bool {
        catalog.is_none_or(|c| c.scaffold.supports(&self.value_name()))
    }

    fn is_oauth2_grant(self) -> bool {
        matches!(
            self,
            AuthKind::ClientCredentials
                | AuthKind::AuthorizationCode
                | AuthKind::Password
                | AuthKind::RefreshToken
        )
    }

    fn value_name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }
}

/// Agent Studio's connector name rule (M001), as a clap value parser.
fn parse_connector_name(name: &str) -> Result<String, String> {
    let valid = (2..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err(
            "Agent Studio connector names match `^[a-zA-Z][a-zA-Z0-9_]+$` and are 2 to 64 \
             characters long"
                .to_owned(),
        )
    }
}

pub(crate) fn run(args: &InitArgs) -> Result<ExitStatus> {
    // The value parser only accepts providers with a catalogue.
    let catalog = args.provider.as_deref().and_then(connspec_catalog::catalog);
    if let Some(catalog) = catalog
        && !args.auth.supported_by(Some(catalog))
    {
        let supported: Vec<AuthKind> = AuthKind::ALL
            .into_iter()
            .filter(|k| k.supported_by(Some(catalog)))
            .collect();
        let names: Vec<String> = supported.iter().map(|k| k.value_name()).collect();
        let api = format!("{}'s API", catalog.display_name);
        if supported.iter().all(|k| k.is_oauth2_grant()) {
            bail!(
                "{api} authenticates with OAuth 2.0 only; `--auth {}` is not one of its grants \
                 (use {})",
                args.auth.value_name(),
                names.join(", ")
            );
        }
        bail!(
            "{api} does not accept `--auth {}` (use {})",
            args.auth.value_name(),
            names.join(", ")
        );
    }
    // A path naming a YAML file is the spec itself, not a folder to create.
    let spec_file = is_yaml_file_name(&args.path).then(|| args.path.clone());
    let folder = match &spec_file {
        Some(file) => file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => args.path.clone(),
    };
    let from_file_name = spec_file
        .as_deref()
        .and_then(Path::file_stem)
        .and_then(|stem| stem.to_str())
        .map(|stem| stem.replace('-', "_"))
        .filter(|stem| parse_connector_name(stem).is_ok());
    let name = args.name.clone().or(from_file_name).unwrap_or_else(|| {
        catalog.map_or_else(
            || "my_connector".to_owned(),
            |c| {
                c.scaffold
                    .connector_name
                    .clone()
                    .unwrap_or_else(|| format!("{}_connector", c.name))
            },
        )
    });
    if spec_file.is_none() && args.path.is_file() {
        bail!(
            "`{}` is a file; give a folder to write into, or a new `.yaml` file name",
            args.path.display()
        );
    }
    if folder.is_file() {
        bail!(
            "`{}` is a file; the spec's folder must be a folder",
            folder.display()
        );
    }
    let spec_path =
        spec_file.unwrap_or_else(|| folder.join(format!("{}.yaml", name.replace('_', "-"))));
    let instance_path = folder.join("instances").join("example.yaml");
    let existing: Vec<String> = [&spec_path, &instance_path]
        .iter()
        .filter(|p| p.exists() || p.symlink_metadata().is_ok())
        .map(|p| format!("`{}`", p.display()))
        .collect();
    if !existing.is_empty() {
        bail!(
            "{} already exists; connspec init never overwrites a file, so nothing was written \
             (choose another PATH or --name)",
            existing.join(" and ")
        );
    }
    let schema_dir = find_schemas_dir(&folder);
    let scaffold = Scaffold {
        name: name.clone(),
        catalog,
        auth: args.auth,
    };
    let spec_text = scaffold.spec(&schema_ref(schema_dir.as_deref(), &folder, "connector"));
    let instance_dir = folder.join("instances");
    let instance_text = scaffold.instance(&schema_ref(
        schema_dir.as_deref(),
        &instance_dir,
        "instance",
    ));

    std::fs::create_dir_all(&instance_dir)
        .with_context(|| format!("cannot create `{}`", instance_dir.display()))?;
    create_new(&spec_path, spec_text.as_bytes())?;
    if let Err(error) = create_new(&instance_path, instance_text.as_bytes()) {
        // The spec was created by this run a moment ago: removing it loses nothing.
        let _ = std::fs::remove_file(&spec_path);
        return Err(error);
    }

    println!("wrote {}", spec_path.display());
    println!("wrote {}", instance_path.display());
    println!();
    println!("next:");
    println!(
        "  connspec check {} --instance {}",
        spec_path.display(),
        instance_path.display()
    );
    match (catalog, args.auth) {
        // The grants the embedded sandbox serves, for the provider it emulates.
        (Some(c), AuthKind::ClientCredentials | AuthKind::AuthorizationCode)
            if c.name == connspec_sandbox::PROVIDER =>
        {
            println!("  connspec test {} --sandbox", spec_path.display());
        }
        (Some(_), _) => {
            println!(
                "  connspec test {} --instance {}   (set the secrets' variables first)",
                spec_path.display(),
                instance_path.display()
            );
        }
        (None, _) => {
            println!(
                "  connspec compile {} --instance {}",
                spec_path.display(),
                instance_path.display()
            );
        }
    }
    Ok(ExitStatus::Success)
}

/// Whether `path` names a YAML file (`new.yaml`, `x.YML`) rather than a folder.
fn is_yaml_file_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The nearest `schemas/connector.schema.json` folder above `path` (or its nearest existing
/// ancestor), as an absolute path.
fn find_schemas_dir(path: &Path) -> Option<PathBuf> {
    let absolute = absolute(path)?;
    let mut dir = Some(absolute.as_path());
    while let Some(current) = dir {
        let candidate = current.join("schemas");
        if candidate.join("connector.schema.json").is_file() {
            return Some(candidate);
        }
        dir = current.parent();
    }
    None
}

/// `path` made absolute and normalised without touching the file system for missing parts.
fn absolute(path: &Path) -> Option<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    // Canonicalise the part that exists (symlinks), then append the rest.
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
    let mut result = std::fs::canonicalize(existing).ok()?;
    for part in rest.iter().rev() {
        result.push(part);
    }
    let mut normal = PathBuf::new();
    for component in result.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    Some(normal)
}

/// The modeline's schema reference: relative to the file's folder when the repository has
/// `schemas/`, else the published URL.
fn schema_ref(schemas: Option<&Path>, file_dir: &Path, kind: &str) -> String {
    let relative = schemas.and_then(|schemas| {
        let from = absolute(file_dir)?;
        relative_path(&from, schemas)
    });
    match relative {
        Some(relative) => format!("{relative}/{kind}.schema.json"),
        None => format!(
            "{}{kind}.schema.json",
            connspec_model::schema::SCHEMA_ID_BASE
        ),
    }
}

/// `to` relative to `from`, both absolute, with `/` separators.
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    for component in &to[common..] {
        parts.push(component.as_os_str().to_str()?.to_owned());
    }
    Some(parts.join("/"))
}

/// What to scaffold.
#[derive(Debug, Clone)]
pub(crate) struct Scaffold {
    pub(crate) name: String,
    /// The provider's catalogue; `None` scaffolds a generic HTTPS API.
    pub(crate) catalog: Option<&'static Catalog>,
    pub(crate) auth: AuthKind,
}

/// A YAML text with aligned trailing comments.
#[derive(Debug, Default)]
struct Lines {
    out: String,
}

impl Lines {
    fn comment(&mut self, indent: usize, text: &str) {
        let _ = if text.is_empty() {
            writeln!(self.out, "{}#", " ".repeat(indent))
        } else {
            writeln!(self.out, "{}# {text}", " ".repeat(indent))
        };
    }

    /// `key: value  # comment`; an empty value opens a nested block.
    fn entry(&mut self, indent: usize, key: &str, value: &str, comment: &str) {
        let mut line = format!("{}{key}:", " ".repeat(indent));
        if !value.is_empty() {
            line.push(' ');
            line.push_str(value);
        }
        self.finish(indent, line, comment);
    }

    /// Ends a line with its comment, or puts the comment above when the line would get long.
    fn finish(&mut self, indent: usize, mut line: String, comment: &str) {
        if !comment.is_empty() {
            let pad = COMMENT_COLUMN.saturating_sub(line.len()).max(2);
            if line.len() + pad + 2 + comment.len() > MAX_WIDTH {
                self.comment(indent, comment);
            } else {
                line.push_str(&" ".repeat(pad));
                line.push_str("# ");
                line.push_str(comment);
            }
        }
        self.out.push_str(&line);
        self.out.push('\n');
    }

    fn item(&mut self, indent: usize, value: &str, comment: &str) {
        let line = format!("{}- {value}", " ".repeat(indent));
        self.finish(indent, line, comment);
    }
}

/// A secret reference as a quoted YAML scalar.
fn secret(name: &str) -> String {
    scalar(&format!("{{{{ secrets.{name} }}}}"))
}

/// A secret the spec declares: its name and where an admin finds the value.
struct SecretInfo {
    name: String,
    description: String,
}

/// An instance parameter: name, description, format, example value.
struct ParameterInfo {
    name: &'static str,
    description: &'static str,
    format: &'static str,
    example: &'static str,
}

/// A mapping key as YAML needs it written (`$filter` is plain; `a: b` is quoted).
fn yaml_key(key: &str) -> String {
    scalar(key)
}

/// `https://host` of a base URL, without its path.
fn host_origin(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    match base_url[after_scheme..].find('/') {
        Some(slash) => &base_url[..after_scheme + slash],
        None => base_url,
    }
}

impl Scaffold {
    /// The provider's host parameter (Coupa's `domain`), or a generic `host`.
    fn host_parameter(&self) -> ParameterInfo {
        match self.catalog.and_then(|c| c.scaffold.host.as_ref()) {
            Some(host) => ParameterInfo {
                name: &host.parameter,
                description: &host.description,
                format: "hostname",
                example: &host.example,
            },
            None => ParameterInfo {
                name: "host",
                description: "Host of the API, without scheme or path",
                format: "hostname",
                example: "api.example.com",
            },
        }
    }

    fn host(&self) -> String {
        match self.catalog.and_then(|c| c.scaffold.base_url.as_ref()) {
            Some(base_url) => base_url.clone(),
            None => format!("https://{{{{ instance.{} }}}}", self.host_parameter().name),
        }
    }

    /// The provider's example action for the scaffold's auth kind, if its catalogue has one.
    fn action(&self) -> Option<&'static ScaffoldAction> {
        self.catalog
            .and_then(|c| c.scaffold.action(&self.auth.value_name()))
    }

    fn parameters(&self) -> Vec<ParameterInfo> {
        let scaffold = self.catalog.map(|c| &c.scaffold);
        // A provider with one API host for every customer needs no host parameter.
        let mut parameters = if scaffold.is_some_and(|s| s.base_url.is_some() && s.host.is_none()) {
            Vec::new()
        } else {
            vec![self.host_parameter()]
        };
        let auth = self.auth.value_name();
        for parameter in scaffold
            .into_iter()
            .flat_map(|s| &s.parameters)
            .filter(|p| p.is_for(&auth))
        {
            parameters.push(ParameterInfo {
                name: &parameter.parameter,
                description: &parameter.description,
                format: "string",
                example: &parameter.example,
            });
        }
        if self.auth == AuthKind::Jwt {
            parameters.push(ParameterInfo {
                name: "client_id",
                description: "Client ID of the app whose public key the API trusts",
                format: "string",
                example: "my-client-id",
            });
        }
        parameters
    }

    fn secrets(&self) -> Vec<SecretInfo> {
        let prefix = self.catalog.map(Catalog::secret_prefix).unwrap_or_default();
        let secret = |name: &str, description: String| SecretInfo {
            name: format!("{prefix}{name}"),
            description,
        };
        let client = || {
            let (id, secret_location) = connspec_catalog::client_credential_locations(self.catalog);
            vec![
                secret("CLIENT_ID", id),
                secret("CLIENT_SECRET", secret_location),
            ]
        };
        match self.auth {
            AuthKind::ClientCredentials | AuthKind::AuthorizationCode => client(),
            AuthKind::Password => {
                let mut secrets = client();
                secrets.push(secret(
                    "SERVICE_USERNAME",
                    "The service account's user name".into(),
                ));
                secrets.push(secret(
                    "SERVICE_PASSWORD",
                    "The service account's password".into(),
                ));
                secrets
            }
            AuthKind::RefreshToken => {
                let mut secrets = client();
                secrets.push(secret(
                    "REFRESH_TOKEN",
                    "A refresh token minted once through the authorization code flow".into(),
                ));
                secrets
            }
            AuthKind::Basic => vec![
                secret("API_USERNAME", "The API user's name".into()),
                secret("API_PASSWORD", "The API user's password".into()),
            ],
            AuthKind::ApiKey => vec![secret(
                "API_KEY",
                "The API key from the API's settings".into(),
            )],
            AuthKind::Bearer => vec![secret("API_TOKEN", "A long-lived API token".into())],
            AuthKind::Jwt => vec![secret(
                "JWT_PRIVATE_KEY",
                "PEM private key whose public key the API trusts".into(),
            )],
            AuthKind::Jwks | AuthKind::OnPrem | AuthKind::None => Vec::new(),
        }
    }

    /// The connector spec.
    pub(crate) fn spec(&self, schema: &str) -> String {
        let mut doc = Lines::default();
        let _ = writeln!(doc.out, "# yaml-language-server: $schema={schema}");
        doc.comment(0, "");
        let what = self.catalog.map_or_else(
            || "A connector for an HTTPS API".to_owned(),
            |c| format!("A {} connector", c.display_name),
        );
        doc.comment(
            0,
            &format!("{what} for Moveworks Agent Studio, written by `connspec init`."),
        );
        doc.comment(
            0,
            "Each key says what it is and, in quotes, the Agent Studio field it fills. Your editor",
        );
        doc.comment(
            0,
            "completes keys and shows their documentation through the schema above; `connspec",
        );
        doc.comment(
            0,
            "check` checks the file, `connspec compile` prints what to paste.",
        );
        doc.entry(
            0,
            "spec_version",
            "1",
            "version of this file format; only 1 exists",
        );
        doc.entry(
            0,
            "name",
            &scalar(&self.name),
            "\"Connector Name\": immutable once created",
        );
        let display = self.catalog.map_or("My API", |c| c.display_name.as_str());
        doc.entry(
            0,
            "display_name",
            &scalar(display),
            "\"Display Name\", shown to end users",
        );
        let description = self.catalog.map_or_else(
            || "What this connector is for.".to_owned(),
            |c| {
                c.scaffold
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("{} data for Moveworks.", c.display_name))
            },
        );
        doc.entry(0, "description", &scalar(&description), "\"Description\"");
        if let Some(catalog) = self.catalog {
            doc.entry(
                0,
                "provider",
                &scalar(&catalog.name),
                &format!(
                    "checks scopes, paths and hosts against {}'s catalogue",
                    catalog.display_name
                ),
            );
        }
        let parameters = self.parameters();
        if !parameters.is_empty() {
            doc.entry(
                0,
                "instance",
                "",
                "parameters each instance file gives: {{ instance.NAME }}",
            );
        }
        for parameter in parameters {
            doc.entry(
                2,
                parameter.name,
                "",
                &format!("{{{{ instance.{} }}}}", parameter.name),
            );
            doc.entry(
                4,
                "description",
                &scalar(parameter.description),
                "what the value is",
            );
            let format_comment = match parameter.format {
                "hostname" => "a host name: no scheme, no path",
                _ => "any text",
            };
            doc.entry(4, "format", parameter.format, format_comment);
            doc.entry(
                4,
                "example",
                &scalar(parameter.example),
                "shown in docs and generated files",
            );
        }
        let secrets = self.secrets();
        if !secrets.is_empty() {
            doc.entry(
                0,
                "secrets",
                "",
                "names only: instance files say where values come from",
            );
            for secret in &secrets {
                doc.item(
                    2,
                    &format!("name: {}", scalar(&secret.name)),
                    "{{ secrets.NAME }}",
                );
                doc.entry(
                    4,
                    "description",
                    &scalar(&secret.description),
                    "where an admin finds it",
                );
            }
        }
        if let Some(granted) = self.granted_scopes() {
            doc.entry(
                0,
                "granted_scopes",
                &format!(
                    "[{}]",
                    granted
                        .iter()
                        .map(|s| scalar(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "permissions granted to the app at the provider, which the actions need",
            );
        }
        doc.entry(
            0,
            "base_url",
            &scalar(&self.host()),
            "\"Base URL\": HTTPS; action paths follow it",
        );
        self.auth_block(&mut doc);
        self.actions_block(&mut doc);
        doc.out
    }

    fn auth_block(&self, doc: &mut Lines) {
        let host = self.host();
        let secrets = self.secrets();
        let secret_named = |suffix: &str| {
            secrets
                .iter()
                .find(|s| s.name.ends_with(suffix))
                .map(|s| secret(&s.name))
                .unwrap_or_default()
        };
        doc.entry(0, "auth", "", "\"Auth Config\"");
        let oauth2 = |doc: &mut Lines, grant: &str, label: &str| {
            doc.entry(2, "type", "oauth2", "\"Oauth2\"");
            doc.entry(
                2,
                "grant_type",
                grant,
                &format!("\"Oauth2 Grant Type\": {label}"),
            );
        };
        let catalog = self.catalog;
        let origin = host_origin(&host);
        let token_url = catalog.map_or_else(
            || format!("{host}/oauth2/token"),
            |c| c.token_endpoint(origin),
        );
        let authorization_url = catalog.map_or_else(
            || format!("{host}/oauth2/authorize"),
            |c| c.authorization_endpoint(origin),
        );
        let client = |doc: &mut Lines| {
            doc.entry(2, "token_url", &scalar(&token_url), "\"Oauth2 Token Url\"");
            doc.entry(2, "client_id", &secret_named("CLIENT_ID"), "\"Client ID\"");
            doc.entry(
                2,
                "client_secret",
                &secret_named("CLIENT_SECRET"),
                "\"Client Secret\"",
            );
        };
        let scopes = self.scopes();
        let scope_list = format!(
            "[{}]",
            scopes
                .iter()
                .map(|s| scalar(s))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let client_authentication = |doc: &mut Lines| {
            doc.entry(
                2,
                "client_authentication",
                "request_body",
                "\"Oauth2 Client Authentication\": OAuth 2.0 with Request Body",
            );
            doc.entry(
                2,
                "token_response",
                "json",
                "\"Oauth2 Custom Oauth Response Response Type\": Json",
            );
        };
        match self.auth {
            AuthKind::ClientCredentials => {
                oauth2(doc, "client_credentials", "Client Credentials Grant");
                client(doc);
                if scopes.is_empty() && self.granted_scopes().is_some() {
                    doc.comment(
                        2,
                        "No scopes: the app holds the ones granted to it (granted_scopes).",
                    );
                } else {
                    doc.entry(
                        2,
                        "scopes",
                        &scope_list,
                        "\"Client Credentials Grant Scope\": what the actions need",
                    );
                }
                client_authentication(doc);
                let body = self
                    .catalog
                    .map(|c| &c.scaffold.client_credentials_body)
                    .filter(|body| !body.is_empty());
                if let Some(body) = body {
                    doc.entry(
                        2,
                        "token_request",
                        "",
                        "the provider's own token request fields",
                    );
                    doc.entry(4, "body", "", "\"Additional Request Data\"");
                    for (key, value) in body {
                        doc.entry(6, key, &scalar(value), "");
                    }
                }
            }
            AuthKind::AuthorizationCode => {
                oauth2(
                    doc,
                    "authorization_code",
                    "Authorization Code Grant (User Consent Auth)",
                );
                doc.entry(
                    2,
                    "authorization_url",
                    &scalar(&authorization_url),
                    "\"Authorization URL\", where users consent",
                );
                client(doc);
                let refresh = self.refresh_tokens();
                if let RefreshTokens::Scope(scope) = &refresh {
                    doc.comment(
                        2,
                        &format!("{scope} makes the provider issue refresh tokens."),
                    );
                }
                doc.entry(
                    2,
                    "scopes",
                    &scope_list,
                    "\"Authorization Code Grant Scope\"",
                );
                if let RefreshTokens::AuthorizationQuery(query) = &refresh {
                    doc.entry(
                        2,
                        "authorization_query",
                        "",
                        "\"Authorization Request Query Parameters\": they ask for refresh tokens",
                    );
                    for (key, value) in query {
                        doc.entry(4, key, &scalar(value), "");
                    }
                }
                doc.entry(2, "pkce", "true", "PKCE (S256): recommended");
                client_authentication(doc);
                doc.entry(
                    2,
                    "data_center",
                    "us",
                    "your Moveworks data centre: fixes the redirect URI to register",
                );
            }
            AuthKind::Password => {
                oauth2(doc, "password", "Password Grant");
                client(doc);
                doc.entry(
                    2,
                    "username",
                    &secret_named("SERVICE_USERNAME"),
                    "\"Password Grant Username\"",
                );
                doc.entry(
                    2,
                    "password",
                    &secret_named("SERVICE_PASSWORD"),
                    "\"Password Grant Password\"",
                );
                doc.entry(2, "scopes", &scope_list, "scopes to request");
                client_authentication(doc);
            }
            AuthKind::RefreshToken => {
                oauth2(doc, "refresh_token", "Refresh Token Grant");
                client(doc);
                doc.entry(
                    2,
                    "refresh_token",
                    &secret_named("REFRESH_TOKEN"),
                    "\"Refresh Token Grant Refresh Token\"",
                );
                doc.entry(2, "scopes", &scope_list, "\"Refresh Token Grant Scope\"");
                let lifetime = catalog
                    .and_then(|c| c.scaffold.refresh_token_lifetime.as_deref())
                    .unwrap_or("unknown");
                doc.entry(
                    2,
                    "refresh_token_lifetime",
                    lifetime,
                    "for the setup checklist: when to mint a new one",
                );
                client_authentication(doc);
            }
            AuthKind::Basic => {
                doc.entry(2, "type", "basic", "\"Basic Auth\"");
                doc.entry(2, "username", &secret_named("API_USERNAME"), "\"Username\"");
                doc.entry(2, "password", &secret_named("API_PASSWORD"), "\"Password\"");
            }
            AuthKind::ApiKey => {
                doc.entry(2, "type", "api_key", "\"Api Key Auth\"");
                doc.entry(
                    2,
                    "placement",
                    "header",
                    "\"Api Key Auth Auth Type\": Header Auth (or query: Param Auth)",
                );
                doc.entry(2, "header_name", "X-API-Key", "\"Header Auth Key\"");
                doc.entry(
                    2,
                    "value_pattern",
                    &scalar("%s"),
                    "\"Header Auth Value Pattern\": %s is the key",
                );
                doc.entry(2, "key", &secret_named("API_KEY"), "\"API Key\"");
            }
            AuthKind::Bearer => {
                doc.entry(2, "type", "bearer", "\"Bearer Token Auth\"");
                doc.entry(
                    2,
                    "token",
                    &secret_named("API_TOKEN"),
                    "sent as Authorization: Bearer <token>",
                );
            }
            AuthKind::Jwt => {
                doc.entry(2, "type", "jwt", "\"Jwt Auth\"");
                doc.entry(
                    2,
                    "private_key",
                    &secret_named("JWT_PRIVATE_KEY"),
                    "\"Private Key\" (PEM)",
                );
                doc.entry(
                    2,
                    "client_id",
                    &scalar("{{ instance.client_id }}"),
                    "\"Client ID\"",
                );
                doc.entry(2, "algorithm", "RS256", "\"Jwt Auth Algorithm\"");
                doc.entry(
                    2,
                    "expiry_seconds",
                    "3600",
                    "\"Jwt Auth Claims Expiry Seconds\"",
                );
                doc.entry(2, "claims", "", "the JWT's claims");
                doc.entry(
                    4,
                    "issuer",
                    &scalar("{{ instance.client_id }}"),
                    "\"Jwt Auth Claims Issuer\"",
                );
                doc.entry(
                    4,
                    "subject",
                    &scalar("{{ instance.client_id }}"),
                    "\"Jwt Auth Claims Subject\"",
                );
                doc.entry(
                    4,
                    "audience",
                    &scalar(&token_url),
                    "\"Jwt Auth Claims Audience\"",
                );
                doc.entry(
                    2,
                    "token_url",
                    &scalar(&token_url),
                    "\"Jwt Auth Oauth2 Access Token Request URL\"",
                );
                doc.entry(
                    2,
                    "assertion_key",
                    "client_assertion",
                    "\"Assertion Key (optional)\"",
                );
                // The token request asks for the scopes the actions need, as the provider's
                // client credentials flow with a signed JWT expects.
                let route_scopes = self.route_scopes();
                if !route_scopes.is_empty() {
                    doc.entry(2, "token_request", "", "the token request's extra fields");
                    doc.entry(4, "body", "", "\"Additional Request Data\"");
                    doc.entry(
                        6,
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "",
                    );
                    doc.entry(6, "grant_type", "client_credentials", "");
                    doc.entry(
                        6,
                        "scope",
                        &scalar(&route_scopes.join(" ")),
                        "what the actions need, space-separated",
                    );
                }
            }
            AuthKind::Jwks => {
                doc.entry(2, "type", "jwks", "\"JWKS Auth\": Moveworks signs the JWT");
                doc.entry(2, "claims", "", "the JWT's claims");
                doc.entry(4, "issuer", "moveworks", "who signs it");
                doc.entry(4, "audience", &scalar(&host), "who it is for");
            }
            AuthKind::OnPrem => {
                doc.entry(2, "type", "on_prem", "\"On Premise Auth\"");
                doc.entry(
                    2,
                    "service_name",
                    "my_service",
                    "\"Service Name\" of the On-Prem Agent service",
                );
            }
            AuthKind::None => {
                doc.entry(2, "type", "none", "\"No Auth\"");
            }
        }
    }

    /// For a provider that grants client credentials their permissions on the app: what the
    /// action needs, to list under `granted_scopes`.
    fn granted_scopes(&self) -> Option<Vec<String>> {
        let catalog = self.catalog?;
        // A token made at the provider holds the permissions it was given there.
        let made_by_hand = matches!(self.auth, AuthKind::Bearer | AuthKind::ApiKey);
        let granted_on_app = self.auth == AuthKind::ClientCredentials
            && catalog.scaffold.client_credentials_granted_on_app;
        (made_by_hand || granted_on_app)
            .then(|| self.route_scopes())
            .filter(|scopes| !scopes.is_empty())
    }

    /// The least-privileged scopes of the scaffolded action's route.
    fn route_scopes(&self) -> Vec<String> {
        match (self.catalog, self.action()) {
            (Some(catalog), Some(action)) => {
                match catalog.route_of(&self.host(), "GET", &action.path) {
                    connspec_catalog::RouteMatch::Found(route) => route.least_privileged().to_vec(),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// How the provider issues refresh tokens: its catalogue, else the facts of its API host.
    fn refresh_tokens(&self) -> RefreshTokens {
        let host = self.host();
        let host = host_origin(&host).trim_start_matches("https://");
        connspec_catalog::refresh_tokens(self.catalog, [host])
    }

    /// The scopes the scaffolded action needs, from the provider's catalogue.
    fn scopes(&self) -> Vec<String> {
        if let Some(catalog) = self.catalog
            && self.auth == AuthKind::ClientCredentials
            && self.granted_scopes().is_some()
        {
            return catalog.scaffold.client_credentials_scopes.clone();
        }
        let mut scopes = Vec::new();
        if let (Some(_), Some(_)) = (self.catalog, self.action()) {
            scopes.extend(self.route_scopes());
        } else if self.auth != AuthKind::RefreshToken {
            scopes.push("read".into());
        }
        if self.auth == AuthKind::AuthorizationCode
            && let RefreshTokens::Scope(scope) = self.refresh_tokens()
        {
            scopes.push(scope);
        }
        scopes
    }

    fn actions_block(&self, doc: &mut Lines) {
        doc.entry(
            0,
            "actions",
            "",
            "HTTP actions, by \"Action Name\", in this order",
        );
        let action = self.action();
        let (name, description, path) = action.map_or(
            (
                "list_items",
                "Items that match a search, at most 50 per page.",
                "/v1/items",
            ),
            |a| (a.name.as_str(), a.description.as_str(), a.path.as_str()),
        );
        doc.entry(2, name, "", "the action's name (letters, digits, _)");
        doc.entry(
            4,
            "description",
            &scalar(description),
            "what it does; the reasoning engine reads it",
        );
        doc.entry(4, "method", "GET", "\"Method\"");
        doc.entry(
            4,
            "path",
            &scalar(path),
            "\"Endpoint URL\": after the Base URL, no query",
        );
        doc.entry(4, "headers", "", "\"Headers\"");
        let accept_comment = match self.catalog {
            Some(c) if c.conventions.accept_json_required => format!(
                "{} answers {} without it",
                c.display_name, c.conventions.format_without_accept
            ),
            _ => "ask for JSON".to_owned(),
        };
        doc.entry(6, "Accept", "application/json", &accept_comment);
        doc.entry(4, "query", "", "\"Query parameters\"");
        let (input, param, example, input_description) = action.map_or(
            ("search", "search", "example", "Text the items must contain"),
            |a| {
                (
                    a.input.name.as_str(),
                    a.input.param.as_deref().unwrap_or(a.input.name.as_str()),
                    a.input.example.as_str(),
                    a.input.description.as_str(),
                )
            },
        );
        doc.entry(
            6,
            &yaml_key(param),
            &scalar(&format!("{{{{ inputs.{input} }}}}")),
            "an input, filled in by the reasoning engine",
        );
        // A provider's page size parameter, if its catalogue names one; a generic API gets
        // `limit`.
        let conventions = self.catalog.map(|c| &c.conventions);
        let page_size_param = match conventions {
            Some(c) => c.page_size_param.as_deref(),
            None => Some("limit"),
        };
        let (page_size, limit_comment) =
            match (self.catalog, conventions.and_then(|c| c.max_page_size)) {
                (Some(c), Some(max)) => (
                    max,
                    format!("{} pages hold at most {max} records", c.display_name),
                ),
                _ => (50, "a fixed value".to_owned()),
            };
        if let Some(page_size_param) = page_size_param {
            doc.entry(
                6,
                &yaml_key(page_size_param),
                &page_size.to_string(),
                &limit_comment,
            );
        }
        doc.entry(4, "inputs", "", "\"Input Args\": {{ inputs.NAME }}");
        doc.entry(6, input, "", "");
        doc.entry(8, "type", "string", "data type");
        doc.entry(
            8,
            "description",
            &scalar(input_description),
            "\"Description\"",
        );
        doc.entry(
            8,
            "example",
            &scalar(example),
            "\"Example Value\"; connspec test uses it",
        );
        doc.entry(8, "required", "true", "\"Required\"");
        doc.entry(
            4,
            "expect",
            "",
            "what `connspec test` checks in the response",
        );
        doc.entry(
            6,
            "status",
            "200",
            "the status code (or a class such as 2xx)",
        );
        let json = action.map_or("object", |a| a.json.as_str());
        doc.entry(6, "json", json, "the JSON type of the body");
    }

    /// The example instance file.
    pub(crate) fn instance(&self, schema: &str) -> String {
        let mut doc = Lines::default();
        let _ = writeln!(doc.out, "# yaml-language-server: $schema={schema}");
        doc.comment(0, "");
        doc.comment(
            0,
            &format!(
                "An example instance of `{}`: one deployment's values, and where its",
                self.name
            ),
        );
        doc.comment(
            0,
            "secrets come from. Secret values never live in this file.",
        );
        doc.entry(
            0,
            "instance_version",
            "1",
            "version of this file format; only 1 exists",
        );
        let description = self.catalog.map_or_else(
            || "Example instance".to_owned(),
            |c| format!("Example {} test instance", c.display_name),
        );
        doc.entry(
            0,
            "description",
            &scalar(&description),
            "what this instance is",
        );
        let parameters = self.parameters();
        if parameters.is_empty() {
            doc.entry(
                0,
                "values",
                "{}",
                "the spec declares no instance parameters",
            );
        } else {
            doc.entry(
                0,
                "values",
                "",
                "a value for each instance parameter of the spec",
            );
        }
        for parameter in parameters {
            doc.entry(2, parameter.name, &scalar(parameter.example), "");
        }
        let secrets = self.secrets();
        if secrets.is_empty() {
            doc.entry(0, "secrets", "{}", "the spec declares no secrets");
        } else {
            doc.entry(
                0,
                "secrets",
                "",
                "env:VAR, dotenv:KEY (with `dotenv: .env`) or file:PATH",
            );
            for secret in &secrets {
                doc.entry(
                    2,
                    &secret.name,
                    &scalar(&format!("env:{}", secret.name)),
                    "",
                );
            }
        }
        doc.out
    }
}
