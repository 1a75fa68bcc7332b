//! The runtime view of a connector, for live runs: every template rendered with real values.
//!
//! Inputs take the caller's values or their examples (as Agent Studio's Test does), secrets
//! take the values the caller resolved (compile never reads the environment), and every
//! string that holds a secret is [`Tainted`]. The [`Redactor`] of the result knows every
//! secret value, for scrubbing responses and errors before they are printed.

use std::collections::BTreeMap;

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{
    Action, ApiKeyPlacement, Auth, Body, ClientAuthentication, DEFAULT_AUTH_HEADER,
    DEFAULT_VALUE_PATTERN, Expect, JwtAlgorithm, Method, OAuth2,
};
use connspec_model::yaml::push_pointer;
use serde_json::Value as Json;

use crate::codes::{MISSING_INPUT_VALUE, UNRESOLVED_SECRET};
use crate::context::Context;
use crate::redact::{Redactor, Tainted};
use crate::render::{InputMode, Rendered, Segment};
use crate::targets::{action_pointer, json_text};
use crate::values::Overrides;
use crate::{CompileDiagnostic, InstanceInput, Origin, SpecInput};

/// What the caller supplies for a live run.
#[derive(Debug, Clone, Default)]
pub struct RuntimeInputs {
    /// Secret values by declared name, resolved by the caller from the instance's sources.
    pub secrets: BTreeMap<String, String>,
    /// Input values by action name, then input name; examples fill in the rest.
    pub inputs: BTreeMap<String, BTreeMap<String, Json>>,
    /// `meta_info` for templates that use it, e.g. `{"user": {"email_addr": "a@b.c"}}`.
    pub meta_info: Json,
    /// Hosts the caller vouches for (`--allow-host`) besides the instance's and the
    /// catalogue's: credentials go nowhere else.
    pub trust: connspec_semantic::Trust,
}

/// A connector ready to call.
#[derive(Debug, Clone)]
pub struct RuntimeConnector {
    pub name: String,
    pub base_url: Tainted,
    pub auth: RuntimeAuth,
    pub common_headers: Vec<(String, Tainted)>,
    pub actions: Vec<RuntimeAction>,
    /// Every secret value used, for scrubbing anything printed.
    pub redactor: Redactor,
}

/// How requests authenticate.
#[derive(Debug, Clone)]
pub enum RuntimeAuth {
    None,
    Basic {
        username: Tainted,
        password: Tainted,
    },
    /// A header whose value is the key put into its pattern (API key or bearer token).
    Header {
        name: String,
        value: Tainted,
    },
    /// A query parameter carrying the key.
    Query {
        name: String,
        value: Tainted,
    },
    OAuth2(Box<RuntimeOAuth2>),
    /// A JWT signed with the spec's private key: the bearer token itself, or exchanged at
    /// `token_url`.
    Jwt(Box<RuntimeJwt>),
    /// An auth type the runtime does not drive yet (`jwks`, `on_prem`), by its tag.
    Unsupported(&'static str),
}

/// An OAuth 2.0 client, for the token request.
#[derive(Debug, Clone)]
pub struct RuntimeOAuth2 {
    /// The grant as written in the spec (`client_credentials`, ...).
    pub grant: &'static str,
    /// The `grant_type` form value to send (the custom one when set).
    pub grant_type: String,
    pub token_url: Tainted,
    pub authorization_url: Option<Tainted>,
    pub client_id: Option<Tainted>,
    pub client_secret: Option<Tainted>,
    pub client_authentication: ClientAuthentication,
    pub scopes: Vec<String>,
    pub username: Option<Tainted>,
    pub password: Option<Tainted>,
    pub refresh_token: Option<Tainted>,
    /// Extra token-request headers and form fields.
    pub token_headers: Vec<(String, Tainted)>,
    pub token_form: Vec<(String, Tainted)>,
    /// Key of the access token in the JSON response.
    pub access_token_key: String,
    /// Key of the expiry in the JSON response.
    pub expires_in_key: String,
    /// Header that carries the token on API calls, and its value pattern (`Bearer %s`).
    pub header_key: String,
    pub header_pattern: String,
}

/// JWT auth (`auth.type: jwt`), for signing and the optional token request.
#[derive(Debug, Clone)]
pub struct RuntimeJwt {
    /// The PEM private key (or the HMAC secret for HS256).
    pub private_key: Tainted,
    pub algorithm: JwtAlgorithm,
    /// The `kid` header.
    pub key_id: Option<Tainted>,
    pub client_id: Option<Tainted>,
    pub issuer: Option<Tainted>,
    pub subject: Option<Tainted>,
    pub audience: Option<Tainted>,
    /// Extra claims, in the spec's order.
    pub extra_claims: Vec<(String, Tainted)>,
    /// `exp` = `iat` + this.
    pub expiry_seconds: u32,
    /// Where the JWT is exchanged for an access token; `None`: the JWT is the bearer token.
    pub token_url: Option<Tainted>,
    /// The form field that carries the JWT (default `assertion`).
    pub assertion_key: String,
    /// The `grant_type` sent (default `urn:ietf:params:oauth:grant-type:jwt-bearer`).
    pub grant_type: String,
    /// Extra token-request headers and form fields.
    pub token_headers: Vec<(String, Tainted)>,
    pub token_form: Vec<(String, Tainted)>,
}

/// One action, fully resolved.
#[derive(Debug, Clone)]
pub struct RuntimeAction {
    pub name: String,
    pub method: Method,
    /// Base URL and path; query parameters are separate.
    pub url: Tainted,
    pub headers: Vec<(String, Tainted)>,
    pub query: Vec<(String, Tainted)>,
    pub body: Option<RuntimeBody>,
    pub expect: Option<Expect>,
    /// The action's JSON Pointer in the spec, for diagnostics at its span.
    pub pointer: String,
}

/// A request body. Bodies never hold secrets (that is an error when compiling).
#[derive(Debug, Clone, PartialEq)]
pub enum RuntimeBody {
    Text(String),
    Json(Json),
}

/// Builds the runtime view of `spec` for `instance`; `None` when any diagnostic is an error.
pub fn runtime(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    overrides: &Overrides,
    given: &RuntimeInputs,
) -> (Option<RuntimeConnector>, Vec<CompileDiagnostic>) {
    let mut diagnostics = Vec::new();
    let mut inputs = BTreeMap::new();
    for (action_name, action) in &spec.spec.actions {
        let mut values = BTreeMap::new();
        for (input_name, input) in &action.inputs {
            let value = given
                .inputs
                .get(action_name)
                .and_then(|v| v.get(input_name))
                .or(input.example.as_ref());
            match value {
                Some(value) => {
                    values.insert(input_name.clone(), value.clone());
                }
                None if input.required => {
                    let pointer = push_pointer(
                        &format!("{}/inputs", action_pointer(action_name)),
                        input_name,
                    );
                    diagnostics.push(CompileDiagnostic {
                        origin: Origin::Spec,
                        diagnostic: Diagnostic::error(
                            &MISSING_INPUT_VALUE,
                            format!("input `{input_name}` of action `{action_name}` has no value for a live run"),
                        )
                        .with_span(spec.document.spans.key_or_value(&pointer))
                        .with_label("no value and no example")
                        .with_help("add an `example`, or give a value when running"),
                    });
                }
                None => {
                    values.insert(input_name.clone(), Json::String(String::new()));
                }
            }
        }
        inputs.insert(action_name.clone(), values);
    }
    let (context, more) = Context::build(
        spec,
        instance,
        overrides,
        &given.trust,
        InputMode::Values(inputs.clone()),
    );
    // A live run sends credentials: a host nobody but the spec vouches for, which printed
    // targets only warn about, stops it before any request.
    diagnostics.extend(more.into_iter().map(|mut located| {
        if connspec_semantic::policy::blocks_sending(&located.diagnostic) {
            located.diagnostic.severity = connspec_diagnostics::Severity::Error;
        }
        located
    }));
    if diagnostics
        .iter()
        .any(|d| d.diagnostic.severity == connspec_diagnostics::Severity::Error)
    {
        return (None, diagnostics);
    }
    let mut lowering = Lowering {
        context: &context,
        given,
        redactor: Redactor::new(),
        diagnostics: Vec::new(),
    };
    let connector = lowering.connector(&inputs);
    diagnostics.extend(
        lowering
            .diagnostics
            .into_iter()
            .map(|diagnostic| CompileDiagnostic {
                origin: Origin::Spec,
                diagnostic,
            }),
    );
    if diagnostics
        .iter()
        .any(|d| d.diagnostic.severity == connspec_diagnostics::Severity::Error)
    {
        return (None, diagnostics);
    }
    (Some(connector), diagnostics)
}

struct Lowering<'c, 'a> {
    context: &'c Context<'a>,
    given: &'c RuntimeInputs,
    redactor: Redactor,
    diagnostics: Vec<Diagnostic>,
}

impl Lowering<'_, '_> {
    fn tainted(&mut self, pointer: &str) -> Tainted {
        let rendered: &Rendered = self.context.field(pointer);
        let mut out = Tainted::default();
        for segment in &rendered.segments {
            match segment {
                Segment::Text(text) => out.push_plain(text),
                Segment::Input(name) => out.push_plain(name),
                Segment::Secret(name) => {
                    if let Some(value) = self.given.secrets.get(name) {
                        self.redactor.add(name, value);
                        out.push_secret(name, value);
                    } else {
                        let help = match self.context.instance.secrets.get(name) {
                            Some(source) => {
                                format!("the instance reads it from `{}`; set that", source.0)
                            }
                            None => format!(
                                "add a source for `{name}` under the instance file's `secrets:`"
                            ),
                        };
                        let span = self.context.spec_input.document.spans.nearest(pointer);
                        self.diagnostics.push(
                            Diagnostic::error(
                                &UNRESOLVED_SECRET,
                                format!("secret `{name}` has no value"),
                            )
                            .with_span(span)
                            .with_label("used here")
                            .with_help(help),
                        );
                    }
                }
                Segment::Meta(path) => {
                    let value = path
                        .split('.')
                        .try_fold(&self.given.meta_info, |value, key| value.get(key));
                    if let Some(value) = value {
                        out.push_plain(&json_text(value));
                    } else {
                        let span = self.context.spec_input.document.spans.nearest(pointer);
                        self.diagnostics.push(
                            Diagnostic::error(
                                &MISSING_INPUT_VALUE,
                                format!("`meta_info.{path}` has no value for a live run"),
                            )
                            .with_span(span)
                            .with_label("used here"),
                        );
                    }
                }
            }
        }
        out
    }

    fn optional(&mut self, pointer: &str, present: bool) -> Option<Tainted> {
        present.then(|| self.tainted(pointer))
    }

    fn map<V>(
        &mut self,
        pointer: &str,
        map: &indexmap::IndexMap<String, V>,
    ) -> Vec<(String, Tainted)> {
        map.keys()
            .map(|key| (key.clone(), self.tainted(&push_pointer(pointer, key))))
            .collect()
    }

    fn connector(&mut self, inputs: &BTreeMap<String, BTreeMap<String, Json>>) -> RuntimeConnector {
        let spec = self.context.spec;
        let base_url = self.tainted("/base_url");
        let auth = self.auth(&spec.auth);
        let common_headers = self.map("/common_headers", &spec.common_headers);
        let actions = spec
            .actions
            .iter()
            .map(|(name, action)| self.action(name, action, &base_url, inputs.get(name)))
            .collect();
        RuntimeConnector {
            name: spec.name.clone(),
            base_url,
            auth,
            common_headers,
            actions,
            redactor: self.redactor.clone(),
        }
    }

    fn auth(&mut self, auth: &Auth) -> RuntimeAuth {
        match auth {
            Auth::None(_) => RuntimeAuth::None,
            Auth::Basic(_) => RuntimeAuth::Basic {
                username: self.tainted("/auth/username"),
                password: self.tainted("/auth/password"),
            },
            Auth::ApiKey(key) => {
                let value = self.tainted("/auth/key");
                match key.placement {
                    ApiKeyPlacement::Header => RuntimeAuth::Header {
                        name: key.header().to_owned(),
                        value: apply_pattern(key.pattern(), &value),
                    },
                    ApiKeyPlacement::Query => RuntimeAuth::Query {
                        name: key.param_name.clone().unwrap_or_default(),
                        value,
                    },
                }
            }
            Auth::Bearer(_) => {
                let token = self.tainted("/auth/token");
                RuntimeAuth::Header {
                    name: DEFAULT_AUTH_HEADER.to_owned(),
                    value: apply_pattern(DEFAULT_VALUE_PATTERN, &token),
                }
            }
            Auth::Oauth2(oauth2) => {
                let common = oauth2.common();
                let (username, password, refresh_token, authorization_url) = match oauth2 {
                    OAuth2::Password(_) => (
                        Some(self.tainted("/auth/username")),
                        Some(self.tainted("/auth/password")),
                        None,
                        None,
                    ),
                    OAuth2::RefreshToken(_) => {
                        (None, None, Some(self.tainted("/auth/refresh_token")), None)
                    }
                    OAuth2::AuthorizationCode(_) => (
                        None,
                        None,
                        None,
                        Some(self.tainted("/auth/authorization_url")),
                    ),
                    OAuth2::ClientCredentials(_) | OAuth2::SamlBearer(_) => {
                        (None, None, None, None)
                    }
                };
                let keys = common.token_response_keys.clone();
                let (header_key, header_pattern) = common.token_header_parts();
                RuntimeAuth::OAuth2(Box::new(RuntimeOAuth2 {
                    grant: oauth2.grant_name(),
                    grant_type: common
                        .custom_grant_type
                        .clone()
                        .unwrap_or_else(|| oauth2.grant_name().to_owned()),
                    token_url: self.tainted("/auth/token_url"),
                    authorization_url,
                    client_id: self.optional("/auth/client_id", common.client_id.is_some()),
                    client_secret: self
                        .optional("/auth/client_secret", common.client_secret.is_some()),
                    client_authentication: common.client_authentication,
                    scopes: self.context.scopes(),
                    username,
                    password,
                    refresh_token,
                    token_headers: self
                        .map("/auth/token_request/headers", &common.token_request.headers),
                    token_form: self.map("/auth/token_request/body", &common.token_request.body),
                    access_token_key: keys
                        .as_ref()
                        .map_or_else(|| "access_token".to_owned(), |k| k.access_token.clone()),
                    expires_in_key: keys.map_or_else(|| "expires_in".to_owned(), |k| k.expires_in),
                    header_key: header_key.to_owned(),
                    header_pattern: header_pattern.to_owned(),
                }))
            }
            Auth::Jwt(jwt) => RuntimeAuth::Jwt(Box::new(RuntimeJwt {
                private_key: self.tainted("/auth/private_key"),
                algorithm: jwt.algorithm,
                key_id: self.optional("/auth/key_id", jwt.key_id.is_some()),
                client_id: self.optional("/auth/client_id", jwt.client_id.is_some()),
                issuer: self.optional("/auth/claims/issuer", jwt.claims.issuer.is_some()),
                subject: self.optional("/auth/claims/subject", jwt.claims.subject.is_some()),
                audience: self.optional("/auth/claims/audience", jwt.claims.audience.is_some()),
                extra_claims: self.map("/auth/claims/extra", &jwt.claims.extra),
                expiry_seconds: jwt.expiry_seconds,
                token_url: self.optional("/auth/token_url", jwt.token_url.is_some()),
                assertion_key: jwt
                    .assertion_key
                    .clone()
                    .unwrap_or_else(|| "assertion".to_owned()),
                grant_type: jwt
                    .custom_grant_type
                    .clone()
                    .unwrap_or_else(|| "urn:ietf:params:oauth:grant-type:jwt-bearer".to_owned()),
                token_headers: self.map("/auth/token_request/headers", &jwt.token_request.headers),
                token_form: self.map("/auth/token_request/body", &jwt.token_request.body),
            })),
            Auth::Jwks(_) | Auth::OnPrem(_) => RuntimeAuth::Unsupported(auth.type_name()),
        }
    }

    fn action(
        &mut self,
        name: &str,
        action: &Action,
        base_url: &Tainted,
        inputs: Option<&BTreeMap<String, Json>>,
    ) -> RuntimeAction {
        let base = action_pointer(name);
        let mut url = Tainted::default();
        url.append(base_url, true);
        url.append(&self.tainted(&format!("{base}/path")), false);
        let headers = self.map(&format!("{base}/headers"), &action.headers);
        let query = self.map(&format!("{base}/query"), &action.query);
        let body = match &action.body {
            None => None,
            Some(Body::Text(_)) => Some(RuntimeBody::Text(
                self.tainted(&format!("{base}/body")).expose(),
            )),
            Some(Body::Json(json)) => Some(RuntimeBody::Json(self.json(
                &format!("{base}/body"),
                &json.0,
                action,
                inputs,
            ))),
        };
        RuntimeAction {
            name: name.to_owned(),
            method: action.method,
            url,
            headers,
            query,
            body,
            expect: action.expect.clone(),
            pointer: base,
        }
    }

    /// A JSON body with its string leaves rendered; a leaf that is exactly one input takes the
    /// input's typed value.
    fn json(
        &mut self,
        pointer: &str,
        value: &Json,
        action: &Action,
        inputs: Option<&BTreeMap<String, Json>>,
    ) -> Json {
        match value {
            Json::String(template) => {
                let trimmed = template.trim();
                let lone_input = trimmed
                    .strip_prefix("{{")
                    .and_then(|t| t.strip_suffix("}}"))
                    .map(str::trim)
                    .and_then(|t| t.strip_prefix("inputs."))
                    .filter(|name| action.inputs.contains_key(*name));
                if let Some(value) = lone_input.and_then(|name| inputs.and_then(|i| i.get(name))) {
                    return value.clone();
                }
                Json::String(self.tainted(pointer).expose())
            }
            Json::Array(items) => Json::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        self.json(&push_pointer(pointer, &i.to_string()), item, action, inputs)
                    })
                    .collect(),
            ),
            Json::Object(map) => Json::Object(
                map.iter()
                    .map(|(k, item)| {
                        (
                            k.clone(),
                            self.json(&push_pointer(pointer, k), item, action, inputs),
                        )
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// `pattern` with `%s` replaced by `value`, keeping the taint.
fn apply_pattern(pattern: &str, value: &Tainted) -> Tainted {
    let (before, after) = pattern.split_once("%s").unwrap_or((pattern, ""));
    let mut out = Tainted::plain(before);
    out.append(value, false);
    out.push_plain(after);
    out
}
