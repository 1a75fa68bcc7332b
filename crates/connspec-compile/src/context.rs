//! One compile's state: instance values and every template leaf of the spec, rendered once.
//!
//! Leaves are keyed by their JSON Pointer in the spec (`/auth/token_url`,
//! `/actions/list/query/status`), the same pointers the span table uses, so a target asks for
//! a field by where it is written and diagnostics point at exactly that place.

use std::collections::{BTreeMap, HashMap};

use connspec_model::instance::InstanceFile;
use connspec_model::schema::Template;
use connspec_model::spec::{Auth, Body, ConnectorSpec, JwtClaims, OAuth2, TokenRequestOptions};
use connspec_model::yaml::push_pointer;
use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::render::{InputMode, Location, Rendered, Renderer, Role, Scope, json_to_value};
use crate::values::{self, Overrides};
use crate::{CompileDiagnostic, InstanceInput, Origin, SpecInput};

/// Everything a target needs: the inputs and the rendered leaves.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub spec: &'a ConnectorSpec,
    pub spec_name: &'a str,
    pub spec_input: SpecInput<'a>,
    pub instance: &'a InstanceFile,
    pub instance_name: &'a str,
    fields: HashMap<String, Rendered>,
}

impl<'a> Context<'a> {
    pub(crate) fn build(
        spec: SpecInput<'a>,
        instance: InstanceInput<'a>,
        overrides: &Overrides,
        input_mode: InputMode,
    ) -> (Self, Vec<CompileDiagnostic>) {
        let (values, mut diagnostics) = values::resolve(spec, instance, overrides);
        let instance_values = json_to_value(&Json::Object(
            values.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        ));
        let scope = Scope {
            instance_params: spec.spec.instance.keys().map(String::as_str).collect(),
            instance_values,
            secrets: spec
                .spec
                .secrets
                .iter()
                .map(connspec_model::spec::SecretDeclaration::name)
                .collect(),
            inputs: spec
                .spec
                .actions
                .iter()
                .map(|(name, action)| {
                    (
                        name.as_str(),
                        action.inputs.keys().map(String::as_str).collect(),
                    )
                })
                .collect::<BTreeMap<_, _>>(),
            input_mode,
        };
        let renderer = Renderer::new(
            scope,
            Location {
                file: spec.file,
                spans: &spec.document.spans,
            },
        );
        let mut walk = Walk {
            renderer: &renderer,
            fields: HashMap::new(),
            diagnostics: Vec::new(),
        };
        walk.spec(spec.spec);
        diagnostics.extend(
            walk.diagnostics
                .into_iter()
                .map(|diagnostic| CompileDiagnostic {
                    origin: Origin::Spec,
                    diagnostic,
                }),
        );
        let context = Self {
            spec: spec.spec,
            spec_name: spec.file.name(),
            spec_input: spec,
            instance: instance.instance,
            instance_name: instance.file.name(),
            fields: walk.fields,
        };
        (context, diagnostics)
    }

    /// The rendered field at `pointer` (empty when it failed to render or does not exist).
    pub(crate) fn field(&self, pointer: &str) -> &Rendered {
        static EMPTY: Rendered = Rendered {
            segments: Vec::new(),
        };
        self.fields.get(pointer).unwrap_or(&EMPTY)
    }

    /// Whether the spec writes `pointer` explicitly (rather than relying on a default).
    pub(crate) fn written(&self, pointer: &str) -> bool {
        self.spec_input.document.spans.value(pointer).is_some()
    }
}

/// The walk over every template leaf of a spec, with the role each field plays.
struct Walk<'r, 'a> {
    renderer: &'r Renderer<'a>,
    fields: HashMap<String, Rendered>,
    diagnostics: Vec<connspec_diagnostics::Diagnostic>,
}

impl Walk<'_, '_> {
    fn leaf(&mut self, pointer: String, template: &str, role: Role, action: Option<&str>) {
        if let Some(rendered) =
            self.renderer
                .render(&pointer, template, role, action, &mut self.diagnostics)
        {
            self.fields.insert(pointer, rendered);
        }
    }

    fn template(&mut self, pointer: &str, template: &Template, role: Role) {
        self.leaf(pointer.to_owned(), template.as_str(), role, None);
    }

    fn optional(&mut self, pointer: &str, template: Option<&Template>, role: Role) {
        if let Some(template) = template {
            self.template(pointer, template, role);
        }
    }

    fn map(&mut self, pointer: &str, map: &IndexMap<String, Template>, role: Role) {
        for (key, template) in map {
            self.leaf(push_pointer(pointer, key), template.as_str(), role, None);
        }
    }

    fn token_request(&mut self, pointer: &str, options: &TokenRequestOptions) {
        self.map(
            &format!("{pointer}/headers"),
            &options.headers,
            Role::Credential,
        );
        self.map(&format!("{pointer}/body"), &options.body, Role::Credential);
    }

    fn claims(&mut self, pointer: &str, claims: &JwtClaims) {
        self.optional(
            &format!("{pointer}/issuer"),
            claims.issuer.as_ref(),
            Role::Credential,
        );
        self.optional(
            &format!("{pointer}/subject"),
            claims.subject.as_ref(),
            Role::Credential,
        );
        self.optional(
            &format!("{pointer}/audience"),
            claims.audience.as_ref(),
            Role::Credential,
        );
        self.map(&format!("{pointer}/extra"), &claims.extra, Role::Credential);
    }

    fn spec(&mut self, spec: &ConnectorSpec) {
        self.template("/base_url", &spec.base_url, Role::Public);
        self.auth(&spec.auth);
        self.map("/common_headers", &spec.common_headers, Role::Credential);
        if let Some(certificate) = &spec.client_certificate {
            self.template(
                "/client_certificate/certificate",
                &certificate.certificate,
                Role::Credential,
            );
            self.template(
                "/client_certificate/private_key",
                &certificate.private_key,
                Role::Credential,
            );
        }
        for (name, action) in &spec.actions {
            let base = push_pointer("/actions", name);
            let action_name = Some(name.as_str());
            self.leaf(
                format!("{base}/path"),
                action.path.as_str(),
                Role::Public,
                action_name,
            );
            for (key, value) in &action.headers {
                let pointer = push_pointer(&format!("{base}/headers"), key);
                self.leaf(pointer, value.as_str(), Role::Public, action_name);
            }
            for (key, value) in &action.query {
                let pointer = push_pointer(&format!("{base}/query"), key);
                match &value.0 {
                    Json::String(text) => self.leaf(pointer, text, Role::Public, action_name),
                    other => {
                        self.fields
                            .insert(pointer, Rendered::text(other.to_string()));
                    }
                }
            }
            match &action.body {
                Some(Body::Text(text)) => {
                    self.leaf(
                        format!("{base}/body"),
                        text.as_str(),
                        Role::Public,
                        action_name,
                    );
                }
                Some(Body::Json(json)) => {
                    self.json_leaves(&format!("{base}/body"), &json.0, action_name);
                }
                None => {}
            }
        }
    }

    /// Renders every string leaf inside a JSON body.
    fn json_leaves(&mut self, root: &str, value: &Json, action: Option<&str>) {
        let mut stack = vec![(root.to_owned(), value)];
        while let Some((pointer, value)) = stack.pop() {
            match value {
                Json::String(text) => self.leaf(pointer, text, Role::Public, action),
                Json::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        stack.push((push_pointer(&pointer, &index.to_string()), item));
                    }
                }
                Json::Object(map) => {
                    for (key, item) in map {
                        stack.push((push_pointer(&pointer, key), item));
                    }
                }
                _ => {}
            }
        }
    }

    fn auth(&mut self, auth: &Auth) {
        let cred = Role::Credential;
        match auth {
            Auth::None(_) | Auth::OnPrem(_) => {}
            Auth::Basic(basic) => {
                self.template("/auth/username", &basic.username, cred);
                self.template("/auth/password", &basic.password, cred);
            }
            Auth::ApiKey(key) => self.template("/auth/key", &key.key, cred),
            Auth::Bearer(bearer) => self.template("/auth/token", &bearer.token, cred),
            Auth::Oauth2(oauth2) => {
                let common = oauth2.common();
                self.template("/auth/token_url", &common.token_url, Role::Public);
                self.optional("/auth/client_id", common.client_id.as_ref(), cred);
                self.optional("/auth/client_secret", common.client_secret.as_ref(), cred);
                self.token_request("/auth/token_request", &common.token_request);
                match oauth2 {
                    OAuth2::ClientCredentials(_) => {}
                    OAuth2::AuthorizationCode(grant) => {
                        self.template(
                            "/auth/authorization_url",
                            &grant.authorization_url,
                            Role::Public,
                        );
                        self.map(
                            "/auth/authorization_query",
                            &grant.authorization_query,
                            Role::Public,
                        );
                        self.optional("/auth/revoke_url", grant.revoke_url.as_ref(), Role::Public);
                    }
                    OAuth2::Password(grant) => {
                        self.template("/auth/username", &grant.username, cred);
                        self.template("/auth/password", &grant.password, cred);
                    }
                    OAuth2::RefreshToken(grant) => {
                        self.template("/auth/refresh_token", &grant.refresh_token, cred);
                    }
                    OAuth2::SamlBearer(grant) => {
                        self.optional("/auth/idp_url", grant.idp_url.as_ref(), Role::Public);
                        self.optional("/auth/issuer", grant.issuer.as_ref(), Role::Public);
                        self.optional("/auth/audience", grant.audience.as_ref(), Role::Public);
                        self.optional(
                            "/auth/target_audience",
                            grant.target_audience.as_ref(),
                            Role::Public,
                        );
                        self.optional(
                            "/auth/target_recipient_url",
                            grant.target_recipient_url.as_ref(),
                            Role::Public,
                        );
                        self.map(
                            "/auth/attribute_mappings",
                            &grant.attribute_mappings,
                            Role::Public,
                        );
                    }
                }
            }
            Auth::Jwt(jwt) => {
                self.template("/auth/private_key", &jwt.private_key, cred);
                self.optional("/auth/client_id", jwt.client_id.as_ref(), cred);
                self.optional("/auth/key_id", jwt.key_id.as_ref(), cred);
                self.claims("/auth/claims", &jwt.claims);
                self.optional("/auth/token_url", jwt.token_url.as_ref(), Role::Public);
                self.token_request("/auth/token_request", &jwt.token_request);
            }
            Auth::Jwks(jwks) => {
                self.claims("/auth/claims", &jwks.claims);
                self.optional("/auth/token_url", jwks.token_url.as_ref(), Role::Public);
                self.token_request("/auth/token_request", &jwks.token_request);
            }
        }
    }
}
