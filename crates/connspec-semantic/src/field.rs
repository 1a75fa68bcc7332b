//! The field table: every templated field of a connector with its pointer, span, site and role.
//!
//! Built once from the typed spec, so the question "what is this field, and may it hold a
//! secret?" has one answer that lint rules, compile targets, the runtime and diff all read.
//! Each field's template is parsed once ([`Analysis`]).

use std::collections::HashMap;

use connspec_diagnostics::{SourceFile, Span};
use connspec_model::schema::Template;
use connspec_model::spec::{
    Action, Auth, Body, ConnectorSpec, JwtClaims, OAuth2, TokenRequestOptions,
};
use connspec_model::yaml::{Document, SpanTable, push_pointer};
use indexmap::IndexMap;
use serde_json::Value;

pub use crate::template::{Analysis, Block, TemplateError, VariableRef};

/// Where a field sits in a spec: what diagnostics call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    BaseUrl,
    /// A URL field of `auth` (`token_url`, `authorization_url`, `revoke_url`, `idp_url`, …).
    AuthUrl(String),
    /// A field of `auth` that holds a secret (`client_secret`, `password`, `key`, …).
    AuthSecret(String),
    /// A value of `auth.authorization_query`.
    AuthorizationQuery(String),
    /// One entry of the grant's `scopes`.
    Scope(usize),
    /// Any other field of `auth`, as a dotted path (`client_id`, `token_request.headers.X`).
    AuthOther(String),
    CommonHeader(String),
    ClientCertificate(String),
    ActionPath {
        action: String,
    },
    ActionHeader {
        action: String,
        name: String,
    },
    ActionQuery {
        action: String,
        name: String,
    },
    ActionBody {
        action: String,
    },
}

impl Site {
    /// The action this field belongs to, if any; `inputs.*` and `meta_info` exist only there.
    pub fn action(&self) -> Option<&str> {
        match self {
            Site::ActionPath { action }
            | Site::ActionHeader { action, .. }
            | Site::ActionQuery { action, .. }
            | Site::ActionBody { action } => Some(action),
            _ => None,
        }
    }

    /// The field as a diagnostic names it: "the base URL", "header `Accept` of action `list`".
    pub fn describe(&self) -> String {
        match self {
            Site::BaseUrl => "the base URL".to_owned(),
            Site::AuthUrl(field) | Site::AuthSecret(field) | Site::AuthOther(field) => {
                format!("`auth.{field}`")
            }
            Site::AuthorizationQuery(name) => format!("authorization query parameter `{name}`"),
            Site::Scope(index) => format!("scope {} of `auth.scopes`", index + 1),
            Site::CommonHeader(name) => format!("common header `{name}`"),
            Site::ClientCertificate(field) => format!("`client_certificate.{field}`"),
            Site::ActionPath { action } => format!("the path of action `{action}`"),
            Site::ActionHeader { action, name } => format!("header `{name}` of action `{action}`"),
            Site::ActionQuery { action, name } => {
                format!("query parameter `{name}` of action `{action}`")
            }
            Site::ActionBody { action } => format!("the body of action `{action}`"),
        }
    }
}

/// What a field is for, which decides whether it may hold a secret and how targets print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A credential value (`client_secret`, `password`, an API key, a private key): stored
    /// encrypted by Agent Studio, printed as a placeholder.
    Secret,
    /// Another credential field: the client id, a username, JWT claims, the token request's
    /// extra headers and body. Stored with the auth config; may hold secrets.
    Credential,
    /// A connector-wide header: a `Credential` value type in Agent Studio when it holds a
    /// secret.
    CredentialHeader,
    /// A URL: the base URL, token, authorization, revoke and IdP URLs.
    Url,
    /// A scope the grant requests.
    Scope,
    /// An action's path.
    Path,
    /// A query parameter: of an action, or of the authorization URL.
    Query,
    /// An action's header: plain text in Agent Studio's action editor.
    Header,
    /// A piece of an action's body.
    Body,
    /// Other text that is printed as it is (the SAML assertion's issuer, audience, mappings).
    PublicText,
}

impl Role {
    /// Whether a secret may appear in this field: only credential fields are stored
    /// encrypted; everything else is printed, logged and stored in plain text.
    pub fn may_hold_secret(self) -> bool {
        matches!(
            self,
            Role::Secret | Role::Credential | Role::CredentialHeader
        )
    }
}

/// Template namespaces every field may use.
pub const NAMESPACES: &[&str] = &["instance", "secrets", "inputs", "meta_info"];

/// One templated field of a spec, with its analysis.
#[derive(Debug, Clone)]
pub struct Field {
    /// JSON Pointer of the value (`/auth/token_url`, `/actions/list/query/status`).
    pub pointer: String,
    /// The template text as written.
    pub text: String,
    /// Span of the YAML value.
    pub span: Span,
    pub site: Site,
    pub role: Role,
    pub blocks: Vec<Block>,
    pub variables: Vec<VariableRef>,
    pub error: Option<TemplateError>,
}

impl Field {
    fn new(pointer: String, text: &str, spans: &SpanTable, site: Site, role: Role) -> Self {
        let span = spans
            .value(&pointer)
            .unwrap_or_else(|| spans.nearest(&pointer));
        let Analysis {
            blocks,
            variables,
            error,
        } = Analysis::of(text);
        Self {
            pointer,
            text: text.to_owned(),
            span,
            site,
            role,
            blocks,
            variables,
            error,
        }
    }

    pub fn is_templated(&self) -> bool {
        !self.blocks.is_empty() || self.error.is_some()
    }

    /// Variables in `namespace`.
    pub fn variables_in<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a VariableRef> {
        self.variables
            .iter()
            .filter(move |v| v.namespace() == namespace)
    }

    /// The action whose inputs are in scope here.
    pub fn action(&self) -> Option<&str> {
        self.site.action()
    }

    /// Whether `namespace` is defined in this field: `inputs` and `meta_info` only in actions.
    pub fn allows(&self, namespace: &str) -> bool {
        match namespace {
            "instance" | "secrets" => true,
            "inputs" | "meta_info" => self.action().is_some(),
            _ => false,
        }
    }

    /// The file span of bytes `start..end` of the template text.
    ///
    /// Plain and single-line quoted scalars hold the text verbatim, so the range is found by
    /// locating the text in the value's source; otherwise the referenced snippet is searched
    /// for, and failing that the whole value is returned.
    pub fn sub_span(&self, file: &SourceFile, start: usize, end: usize) -> Span {
        let source = file
            .text()
            .get(self.span.start..self.span.end)
            .unwrap_or("");
        if let Some(at) = source.find(self.text.as_str()) {
            // minijinja may point into the middle of a multi-byte character.
            return file.clamp_span(Span::new(
                self.span.start + at + start,
                self.span.start + at + end,
            ));
        }
        if let Some(snippet) = self.text.get(start..end)
            && !snippet.is_empty()
            && let Some(at) = source.find(snippet)
        {
            return Span::new(self.span.start + at, self.span.start + at + snippet.len());
        }
        self.span
    }

    /// The span of a variable reference.
    pub fn variable_span(&self, file: &SourceFile, variable: &VariableRef) -> Span {
        self.sub_span(file, variable.offset, variable.offset + variable.path.len())
    }
}

/// A printed string that connspec copies as written (a name, a description, a header name):
/// template syntax in it would reach the outputs unrendered.
#[derive(Debug, Clone)]
pub struct LiteralField {
    pub pointer: String,
    pub text: String,
    pub span: Span,
}

/// Every field of a connector: the templated ones (in file order) and the literal strings
/// that hold template syntax.
#[derive(Debug, Clone, Default)]
pub struct FieldTable {
    pub fields: Vec<Field>,
    /// Literal (never rendered) strings that contain an opener of the targets' template
    /// syntax: `{{`, `{%` or `{#`.
    pub literals_with_braces: Vec<LiteralField>,
    by_pointer: HashMap<String, usize>,
}

impl FieldTable {
    /// Builds the table of `spec`, with spans from `document`.
    pub fn new(spec: &ConnectorSpec, document: &Document) -> Self {
        let mut walk = Walk {
            spans: &document.spans,
            fields: Vec::new(),
        };
        walk.spec(spec);
        let mut fields = walk.fields;
        fields.sort_by_key(|f| f.span.start);
        let by_pointer = fields
            .iter()
            .enumerate()
            .map(|(index, f)| (f.pointer.clone(), index))
            .collect();
        let literals_with_braces =
            literals_with_braces(&document.value, &document.spans, &by_pointer);
        Self {
            fields,
            literals_with_braces,
            by_pointer,
        }
    }

    /// The field at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<&Field> {
        self.by_pointer.get(pointer).map(|&i| &self.fields[i])
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Field> {
        self.fields.iter()
    }
}

impl<'a> IntoIterator for &'a FieldTable {
    type Item = &'a Field;
    type IntoIter = std::slice::Iter<'a, Field>;

    fn into_iter(self) -> Self::IntoIter {
        self.fields.iter()
    }
}

/// Fields of `auth` and `client_certificate` whose value is a secret.
pub const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "key",
    "token",
    "private_key",
    "refresh_token",
    "moveworks_signing_private_key",
];

/// The walk over the typed spec that assigns each templated field its site and role.
struct Walk<'s> {
    spans: &'s SpanTable,
    fields: Vec<Field>,
}

impl Walk<'_> {
    fn push(&mut self, pointer: String, text: &str, site: Site, role: Role) {
        self.fields
            .push(Field::new(pointer, text, self.spans, site, role));
    }

    /// A field of `auth`: a secret, a URL or another credential field by its name.
    fn auth(&mut self, field: &str, template: Option<&Template>, role: Role) {
        let Some(template) = template else { return };
        let site = match role {
            Role::Secret => Site::AuthSecret(field.to_owned()),
            Role::Url => Site::AuthUrl(field.to_owned()),
            _ => Site::AuthOther(field.to_owned()),
        };
        self.push(push_pointer("/auth", field), template.as_str(), site, role);
    }

    /// A map under `auth` (`token_request.headers`, `claims.extra`, `attribute_mappings`).
    fn auth_map(&mut self, path: &[&str], map: &IndexMap<String, Template>, role: Role) {
        let mut base = "/auth".to_owned();
        for token in path {
            base = push_pointer(&base, token);
        }
        for (key, template) in map {
            let dotted = format!("{}.{key}", path.join("."));
            self.push(
                push_pointer(&base, key),
                template.as_str(),
                Site::AuthOther(dotted),
                role,
            );
        }
    }

    fn token_request(&mut self, options: &TokenRequestOptions) {
        self.auth_map(
            &["token_request", "headers"],
            &options.headers,
            Role::Credential,
        );
        self.auth_map(&["token_request", "body"], &options.body, Role::Credential);
    }

    fn claims(&mut self, claims: &JwtClaims) {
        for (name, template) in [
            ("issuer", &claims.issuer),
            ("subject", &claims.subject),
            ("audience", &claims.audience),
        ] {
            if let Some(template) = template {
                self.push(
                    format!("/auth/claims/{name}"),
                    template.as_str(),
                    Site::AuthOther(format!("claims.{name}")),
                    Role::Credential,
                );
            }
        }
        self.auth_map(&["claims", "extra"], &claims.extra, Role::Credential);
    }

    fn scopes(&mut self, scopes: &[String]) {
        for (index, scope) in scopes.iter().enumerate() {
            self.push(
                format!("/auth/scopes/{index}"),
                scope,
                Site::Scope(index),
                Role::Scope,
            );
        }
    }

    fn spec(&mut self, spec: &ConnectorSpec) {
        self.push(
            "/base_url".to_owned(),
            spec.base_url.as_str(),
            Site::BaseUrl,
            Role::Url,
        );
        self.auth_fields(&spec.auth);
        for (name, template) in &spec.common_headers {
            self.push(
                push_pointer("/common_headers", name),
                template.as_str(),
                Site::CommonHeader(name.clone()),
                Role::CredentialHeader,
            );
        }
        if let Some(certificate) = &spec.client_certificate {
            for (name, template) in [
                ("certificate", &certificate.certificate),
                ("private_key", &certificate.private_key),
            ] {
                self.push(
                    format!("/client_certificate/{name}"),
                    template.as_str(),
                    Site::ClientCertificate(name.to_owned()),
                    Role::Secret,
                );
            }
        }
        for (name, action) in &spec.actions {
            self.action(name, action);
        }
    }

    fn action(&mut self, name: &str, action: &Action) {
        let base = push_pointer("/actions", name);
        let owner = || name.to_owned();
        self.push(
            format!("{base}/path"),
            action.path.as_str(),
            Site::ActionPath { action: owner() },
            Role::Path,
        );
        for (key, value) in &action.headers {
            self.push(
                push_pointer(&format!("{base}/headers"), key),
                value.as_str(),
                Site::ActionHeader {
                    action: owner(),
                    name: key.clone(),
                },
                Role::Header,
            );
        }
        for (key, value) in &action.query {
            if let Value::String(text) = &value.0 {
                self.push(
                    push_pointer(&format!("{base}/query"), key),
                    text,
                    Site::ActionQuery {
                        action: owner(),
                        name: key.clone(),
                    },
                    Role::Query,
                );
            }
        }
        match &action.body {
            Some(Body::Text(text)) => self.push(
                format!("{base}/body"),
                text.as_str(),
                Site::ActionBody { action: owner() },
                Role::Body,
            ),
            Some(Body::Json(json)) => {
                let mut stack = vec![(format!("{base}/body"), &json.0)];
                while let Some((pointer, value)) = stack.pop() {
                    match value {
                        Value::String(text) => self.push(
                            pointer,
                            text,
                            Site::ActionBody { action: owner() },
                            Role::Body,
                        ),
                        Value::Array(items) => {
                            for (index, item) in items.iter().enumerate() {
                                stack.push((push_pointer(&pointer, &index.to_string()), item));
                            }
                        }
                        Value::Object(map) => {
                            for (key, item) in map {
                                stack.push((push_pointer(&pointer, key), item));
                            }
                        }
                        _ => {}
                    }
                }
            }
            None => {}
        }
    }

    fn auth_fields(&mut self, auth: &Auth) {
        use Role::{Credential, Secret, Url};
        match auth {
            Auth::None(_) | Auth::OnPrem(_) => {}
            Auth::Basic(basic) => {
                self.auth("username", Some(&basic.username), Credential);
                self.auth("password", Some(&basic.password), Secret);
            }
            Auth::ApiKey(key) => self.auth("key", Some(&key.key), Secret),
            Auth::Bearer(bearer) => self.auth("token", Some(&bearer.token), Secret),
            Auth::Oauth2(oauth2) => {
                let common = oauth2.common();
                self.auth("token_url", Some(&common.token_url), Url);
                self.auth("client_id", common.client_id.as_ref(), Credential);
                self.auth("client_secret", common.client_secret.as_ref(), Secret);
                self.token_request(&common.token_request);
                self.scopes(oauth2.scopes());
                match oauth2 {
                    OAuth2::ClientCredentials(_) => {}
                    OAuth2::AuthorizationCode(grant) => {
                        self.auth("authorization_url", Some(&grant.authorization_url), Url);
                        for (key, template) in &grant.authorization_query {
                            self.push(
                                push_pointer("/auth/authorization_query", key),
                                template.as_str(),
                                Site::AuthorizationQuery(key.clone()),
                                Role::Query,
                            );
                        }
                        self.auth("revoke_url", grant.revoke_url.as_ref(), Url);
                    }
                    OAuth2::Password(grant) => {
                        self.auth("username", Some(&grant.username), Credential);
                        self.auth("password", Some(&grant.password), Secret);
                    }
                    OAuth2::RefreshToken(grant) => {
                        self.auth("refresh_token", Some(&grant.refresh_token), Secret);
                    }
                    OAuth2::SamlBearer(grant) => {
                        self.auth("idp_url", grant.idp_url.as_ref(), Url);
                        // Certificates are public but uploaded like keys: they may come from
                        // the secret store and print as placeholders.
                        for (field, certificate) in [
                            ("idp_signing_certificate", &grant.idp_signing_certificate),
                            ("signing_certificate", &grant.signing_certificate),
                            (
                                "moveworks_signing_certificate",
                                &grant.moveworks_signing_certificate,
                            ),
                        ] {
                            self.auth(field, certificate.as_ref(), Credential);
                        }
                        self.auth(
                            "moveworks_signing_private_key",
                            grant.moveworks_signing_private_key.as_ref(),
                            Secret,
                        );
                        self.auth(
                            "expected_audience",
                            grant.expected_audience.as_ref(),
                            Role::PublicText,
                        );
                        self.auth("issuer", grant.issuer.as_ref(), Role::PublicText);
                        self.auth("audience", grant.audience.as_ref(), Role::PublicText);
                        self.auth(
                            "target_audience",
                            grant.target_audience.as_ref(),
                            Role::PublicText,
                        );
                        self.auth(
                            "target_recipient_url",
                            grant.target_recipient_url.as_ref(),
                            Url,
                        );
                        self.auth_map(
                            &["attribute_mappings"],
                            &grant.attribute_mappings,
                            Role::PublicText,
                        );
                    }
                }
            }
            Auth::Jwt(jwt) => {
                self.auth("private_key", Some(&jwt.private_key), Secret);
                self.auth("client_id", jwt.client_id.as_ref(), Credential);
                self.auth("key_id", jwt.key_id.as_ref(), Credential);
                self.claims(&jwt.claims);
                self.auth("token_url", jwt.token_url.as_ref(), Url);
                self.token_request(&jwt.token_request);
            }
            Auth::Jwks(jwks) => {
                self.claims(&jwks.claims);
                self.auth("token_url", jwks.token_url.as_ref(), Url);
                self.token_request(&jwks.token_request);
            }
        }
    }
}

/// Literal strings of the document that hold template syntax, outside the templated fields.
/// Expectations (compared with responses, never pasted), instance parameter declarations and
/// secret declarations are not printed as connector fields and are left out.
fn literals_with_braces(
    value: &Value,
    spans: &SpanTable,
    templated: &HashMap<String, usize>,
) -> Vec<LiteralField> {
    // Pointers are built only for the strings that hold template syntax: building one per
    // node of a large spec cost more than the rest of the walk.
    let mut nodes: Vec<(usize, Token<'_>)> = Vec::new();
    let pointer_of = |nodes: &[(usize, Token<'_>)], mut at: usize| {
        let mut tokens = Vec::new();
        while at != usize::MAX {
            let (parent, token) = &nodes[at];
            tokens.push(token);
            at = *parent;
        }
        tokens
            .iter()
            .rev()
            .fold(String::new(), |pointer, token| match token {
                Token::Key(key) => push_pointer(&pointer, key),
                Token::Index(index) => push_pointer(&pointer, &index.to_string()),
            })
    };
    let mut out = Vec::new();
    // (node index of the value, or MAX for the root; the value; its depth)
    let mut stack: Vec<(usize, &Value, usize)> = vec![(usize::MAX, value, 0)];
    while let Some((node, value, depth)) = stack.pop() {
        match value {
            Value::String(text)
                if crate::render::TARGET_SYNTAX
                    .iter()
                    .any(|o| text.contains(*o)) =>
            {
                let pointer = pointer_of(&nodes, node);
                if templated.contains_key(&pointer) {
                    continue;
                }
                let span = spans
                    .value(&pointer)
                    .unwrap_or_else(|| spans.nearest(&pointer));
                out.push(LiteralField {
                    pointer,
                    text: text.clone(),
                    span,
                });
            }
            Value::Object(map) => {
                for (key, child) in map {
                    // Only the first three tokens decide whether a part is printed.
                    if depth < 3 && is_unprinted(&pointer_of(&nodes, node), key) {
                        continue;
                    }
                    nodes.push((node, Token::Key(key)));
                    stack.push((nodes.len() - 1, child, depth + 1));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    nodes.push((node, Token::Index(index)));
                    stack.push((nodes.len() - 1, child, depth + 1));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|l| l.span.start);
    out
}

/// One reference token of a pointer, kept unescaped until a pointer is needed.
enum Token<'v> {
    Key(&'v str),
    Index(usize),
}

/// Whether the child `key` of the node at pointer `parent` is a part of a spec that is never
/// printed as a connector field.
fn is_unprinted(parent: &str, key: &str) -> bool {
    let pointer = push_pointer(parent, key);
    let mut tokens = pointer.split('/').skip(1);
    match tokens.next() {
        Some("$schema" | "instance" | "secrets") => true,
        Some("actions") => {
            tokens.next();
            tokens.next() == Some("expect")
        }
        _ => false,
    }
}
