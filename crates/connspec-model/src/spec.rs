//! The connector spec: one YAML file per connector, as DESIGN §3 fixes its key names.
//!
//! These types are the single source of truth for `schemas/connector.schema.json`: doc comments
//! become descriptions, `#[schemars(example = ..)]` become examples. Every struct denies unknown
//! fields; every union is internally tagged (`type`, `grant_type`) so a schema error can name the
//! branch the author chose. Maps are [`IndexMap`]s so the author's order is kept (actions compile
//! and run in the order written).

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::schema::{Scalar, StatusMatcher, Template};

const EXAMPLE_SECRETS: &[&str] = &["COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET"];
const EXAMPLE_CC_SCOPES: &[&str] = &["core.expense.read"];
const EXAMPLE_AC_SCOPES: &[&str] = &["core.approval.read", "offline_access"];

/// A connector: the Agent Studio HTTP connector, its authentication, and its HTTP actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "connspec connector spec")]
pub struct ConnectorSpec {
    /// Where editors find this schema; ignored by connspec.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the spec format. Only `1` exists.
    #[schemars(range(min = 1, max = 1))]
    pub spec_version: u32,
    /// Agent Studio connector name ("Connector Name"). Letters, digits and `_`, starting with a
    /// letter, 2–64 characters. Immutable once created in Agent Studio.
    #[schemars(example = &"coupa_client_credentials")]
    pub name: String,
    /// End-user facing name ("Display Name").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Coupa")]
    pub display_name: Option<String>,
    /// End-user facing description ("Display Description").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_description: Option<String>,
    /// What the connector is for ("Description").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Provider whose catalogue rules apply (scopes, paths, conventions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"coupa")]
    pub provider: Option<String>,
    /// Scopes the credential holds without asking for them: chosen where the token or the app
    /// was created (a personal access token's permissions, a Server-to-Server app's scopes,
    /// an Entra ID app's application permissions). Never sent; the provider rules check the
    /// actions against them and the setup checklist lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = EXAMPLE_GRANTED_SCOPES)]
    pub granted_scopes: Vec<String>,
    /// Parameters every instance file must give, used as `{{ instance.NAME }}`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub instance: IndexMap<String, InstanceParameter>,
    /// Names of the secrets this connector needs, used as `{{ secrets.NAME }}`. Values never live
    /// in a spec: an instance file says where each one comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = EXAMPLE_SECRETS)]
    pub secrets: Vec<SecretDeclaration>,
    /// Base URL of the API ("Base URL"); action paths are appended to it. HTTPS.
    #[schemars(example = &"https://{{ instance.domain }}")]
    pub base_url: Template,
    /// Authentication ("Auth Config").
    pub auth: Auth,
    /// Headers sent with every request of every action ("Common headers").
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub common_headers: IndexMap<String, Template>,
    /// An X.509 client certificate for mutual TLS ("Certificate uploads").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate: Option<ClientCertificate>,
    /// The HTTP actions, by action name, in the order they compile and run.
    #[serde(default)]
    pub actions: IndexMap<String, Action>,
}

/// A parameter an instance file gives a value for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstanceParameter {
    /// What the parameter is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Coupa host")]
    pub description: Option<String>,
    /// Expected shape of the value.
    #[serde(default)]
    pub format: ParameterFormat,
    /// An example value, shown in generated instance files and documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"acme-test.coupahost.com")]
    pub example: Option<Scalar>,
    /// Value used when an instance file gives none; a parameter with a default is optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Scalar>,
}

/// Shape of an instance parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParameterFormat {
    /// Any text.
    #[default]
    String,
    /// A host name, optionally with `:port` (e.g. `acme.coupahost.com`).
    Hostname,
    /// An absolute URL.
    Url,
    /// An integer.
    Integer,
}

/// A secret's name, or its name with a description of where to get it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SecretDeclaration {
    /// The secret's name: upper case letters, digits and `_`.
    Name(#[schemars(regex(pattern = r"^[A-Z][A-Z0-9_]*$"))] String),
    /// The secret's name with a description.
    Described(DescribedSecret),
}

impl SecretDeclaration {
    pub fn name(&self) -> &str {
        match self {
            SecretDeclaration::Name(name) => name,
            SecretDeclaration::Described(described) => &described.name,
        }
    }
}

/// A secret with a description of where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DescribedSecret {
    /// The secret's name: upper case letters, digits and `_`.
    #[schemars(regex(pattern = r"^[A-Z][A-Z0-9_]*$"))]
    pub name: String,
    /// Where an admin finds the value, e.g. "Setup > Oauth2/OpenID Connect Clients > Secret".
    pub description: String,
}

/// An X.509 client certificate and key for mutual TLS; both are secret templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientCertificate {
    /// PEM certificate ("X.509 certificate (Optional)").
    #[schemars(example = &"{{ secrets.CLIENT_CERT_PEM }}")]
    pub certificate: Template,
    /// PEM private key ("X.509 private key (Optional)").
    #[schemars(example = &"{{ secrets.CLIENT_KEY_PEM }}")]
    pub private_key: Template,
}

/// How the connector authenticates ("Auth Config"), selected by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Auth {
    /// "No Auth": no authorization details are sent.
    None(NoAuth),
    /// "Basic Auth": username and password in an HTTP Basic header.
    Basic(BasicAuth),
    /// "Api Key Auth": a key in a header (with a value pattern) or a query parameter.
    ApiKey(ApiKeyAuth),
    /// "Bearer Token Auth": a static token sent as `Authorization: Bearer <token>`.
    Bearer(BearerAuth),
    /// "Oauth2": an access token obtained from a token endpoint, by `grant_type`.
    Oauth2(OAuth2),
    /// "Jwt Auth": a JWT signed with a private key you supply, sent directly or exchanged.
    Jwt(JwtAuth),
    /// "JWKS Auth": a JWT signed with keys Moveworks holds and publishes.
    Jwks(JwksAuth),
    /// "On Premise Auth": requests go through a Moveworks On-Prem Agent service.
    OnPrem(OnPremAuth),
}

/// An example of `granted_scopes`.
const EXAMPLE_GRANTED_SCOPES: &[&str] = &["User.Read.All"];

/// Where a spec says a scope its credential holds or asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRef<'a> {
    pub scope: &'a str,
    /// JSON Pointer of the field that holds it.
    pub pointer: String,
    /// Byte offset of the scope in the field's string, when the field holds several
    /// (`scope: "okta.users.read okta.groups.read"`).
    pub offset: Option<usize>,
    /// The list the scope is an item of (`/auth/scopes`), where an edit may add or remove one.
    pub list: Option<&'static str>,
}

/// The scopes of a spec: those its credential asks for and those it was granted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScopeRefs<'a> {
    pub scopes: Vec<ScopeRef<'a>>,
    /// The list a missing scope is best added to, if the spec has one.
    pub list: Option<&'static str>,
}

impl ConnectorSpec {
    /// Every scope the spec's credential asks for (`auth.scopes`, a `scope` field of the token
    /// request body) or holds (`granted_scopes`); `None` when the spec says nothing of scopes
    /// and its auth could not ask for any, so nothing can be checked.
    pub fn scope_refs(&self) -> Option<ScopeRefs<'_>> {
        let mut refs = ScopeRefs::default();
        let token_request = match &self.auth {
            Auth::Oauth2(oauth2) => {
                for (index, scope) in oauth2.scopes().iter().enumerate() {
                    refs.scopes.push(ScopeRef {
                        scope,
                        pointer: format!("/auth/scopes/{index}"),
                        offset: None,
                        list: Some("/auth/scopes"),
                    });
                }
                refs.list = Some("/auth/scopes");
                Some(oauth2_token_request(oauth2))
            }
            Auth::Jwt(jwt) => Some(&jwt.token_request),
            Auth::Jwks(jwks) => Some(&jwks.token_request),
            _ => None,
        };
        if let Some(body_scope) = token_request.and_then(|t| t.body.get("scope")) {
            let text = body_scope.as_str();
            if !text.contains("{{") {
                for (offset, scope) in split_with_offsets(text) {
                    refs.scopes.push(ScopeRef {
                        scope,
                        pointer: "/auth/token_request/body/scope".to_owned(),
                        offset: Some(offset),
                        list: None,
                    });
                }
            }
        }
        for (index, scope) in self.granted_scopes.iter().enumerate() {
            refs.scopes.push(ScopeRef {
                scope,
                pointer: format!("/granted_scopes/{index}"),
                offset: None,
                list: Some("/granted_scopes"),
            });
        }
        // A spec that lists granted scopes manages the credential's permissions at the
        // provider: a missing one is granted there, not requested.
        if !self.granted_scopes.is_empty() {
            refs.list = Some("/granted_scopes");
        }
        let oauth2 = matches!(self.auth, Auth::Oauth2(_));
        (oauth2 || !refs.scopes.is_empty()).then_some(refs)
    }
}

/// The token request options of an OAuth 2.0 grant.
fn oauth2_token_request(oauth2: &OAuth2) -> &TokenRequestOptions {
    match oauth2 {
        OAuth2::ClientCredentials(g) => &g.token_request,
        OAuth2::AuthorizationCode(g) => &g.token_request,
        OAuth2::Password(g) => &g.token_request,
        OAuth2::RefreshToken(g) => &g.token_request,
        OAuth2::SamlBearer(g) => &g.token_request,
    }
}

/// The space-separated words of `text` with their byte offsets.
fn split_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
}

impl Auth {
    /// The `type` tag as written in a spec.
    pub fn type_name(&self) -> &'static str {
        match self {
            Auth::None(_) => "none",
            Auth::Basic(_) => "basic",
            Auth::ApiKey(_) => "api_key",
            Auth::Bearer(_) => "bearer",
            Auth::Oauth2(_) => "oauth2",
            Auth::Jwt(_) => "jwt",
            Auth::Jwks(_) => "jwks",
            Auth::OnPrem(_) => "on_prem",
        }
    }
}

/// No authentication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoAuth {}

/// HTTP Basic authentication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    /// "Username".
    #[schemars(example = &"{{ secrets.API_USER }}")]
    pub username: Template,
    /// "Password" (may be empty for APIs that take a key as the username). A secret.
    #[schemars(example = &"{{ secrets.API_PASSWORD }}", extend("x-secret" = true))]
    pub password: Template,
}

/// An API key in a header or a query parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyAuth {
    /// Where the key goes ("Api Key Auth Auth Type": Header Auth or Param Auth).
    #[serde(default)]
    pub placement: ApiKeyPlacement,
    /// "Header Auth Key" (header placement). Absent: `Authorization`, printed as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"DD-API-KEY")]
    pub header_name: Option<String>,
    /// "Header Auth Value Pattern" (header placement): `%s` is replaced by the key.
    /// Absent: `Bearer %s` on the `Authorization` header and `%s` (the bare key) on any other
    /// header; the pattern used is always printed, so the admin types it explicitly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Bearer %s")]
    pub value_pattern: Option<String>,
    /// "Param Auth Param Name" (query placement, required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"api_key")]
    pub param_name: Option<String>,
    /// "API Key". A secret.
    #[schemars(example = &"{{ secrets.API_KEY }}", extend("x-secret" = true))]
    pub key: Template,
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyPlacement {
    /// "Header Auth".
    #[default]
    Header,
    /// "Param Auth": a query parameter.
    Query,
}

/// A static bearer token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BearerAuth {
    /// The token. A secret.
    #[schemars(example = &"{{ secrets.API_TOKEN }}", extend("x-secret" = true))]
    pub token: Template,
}

/// OAuth 2.0, selected by `grant_type` ("Oauth2 Grant Type").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "grant_type", rename_all = "snake_case")]
pub enum OAuth2 {
    /// "Client Credentials Grant": system-level access with the client's own credentials.
    ClientCredentials(ClientCredentialsGrant),
    /// "Authorization Code Grant": each user consents (User Consent Auth).
    AuthorizationCode(AuthorizationCodeGrant),
    /// "Password Grant": a service account's username and password.
    Password(PasswordGrant),
    /// "Refresh Token Grant": a long-lived refresh token minted beforehand.
    RefreshToken(RefreshTokenGrant),
    /// "Saml Bearer Grant": a SAML assertion exchanged for a token.
    SamlBearer(Box<SamlBearerGrant>),
}

impl OAuth2 {
    /// The `grant_type` tag as written in a spec.
    pub fn grant_name(&self) -> &'static str {
        match self {
            OAuth2::ClientCredentials(_) => "client_credentials",
            OAuth2::AuthorizationCode(_) => "authorization_code",
            OAuth2::Password(_) => "password",
            OAuth2::RefreshToken(_) => "refresh_token",
            OAuth2::SamlBearer(_) => "saml_bearer",
        }
    }

    /// The settings every grant shares.
    pub fn common(&self) -> OAuth2Common {
        match self {
            OAuth2::ClientCredentials(g) => g.common(),
            OAuth2::AuthorizationCode(g) => g.common(),
            OAuth2::Password(g) => g.common(),
            OAuth2::RefreshToken(g) => g.common(),
            OAuth2::SamlBearer(g) => g.common(),
        }
    }

    /// The scopes the grant requests (empty when it has none).
    pub fn scopes(&self) -> &[String] {
        match self {
            OAuth2::ClientCredentials(g) => &g.scopes,
            OAuth2::AuthorizationCode(g) => &g.scopes,
            OAuth2::Password(g) => &g.scopes,
            OAuth2::RefreshToken(g) => &g.scopes,
            OAuth2::SamlBearer(g) => &g.scopes,
        }
    }
}

/// Settings every OAuth2 grant shares, flattened into each grant's object.
///
/// In a spec they sit in each grant's object: `oauth2_grant!` splices them into every grant
/// struct, because serde cannot combine `flatten` with `deny_unknown_fields`.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuth2Common {
    pub token_url: Template,
    pub client_id: Option<Template>,
    pub client_secret: Option<Template>,
    pub client_authentication: ClientAuthentication,
    pub custom_grant_type: Option<String>,
    pub token_request: TokenRequestOptions,
    pub token_response: Option<TokenResponseFormat>,
    pub token_response_keys: Option<TokenResponseKeys>,
    pub token_header: Option<TokenHeader>,
}

/// Declares a grant struct with the shared OAuth2 fields plus its own, and its conversion to
/// [`OAuth2Common`]. Field docs here become the schema's descriptions for every grant.
macro_rules! oauth2_grant {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            client_id: $client_id_ty:ty,
            client_secret: $client_secret_ty:ty,
            $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Token endpoint ("Oauth2 Token Url"), a full URL.
            #[schemars(example = &"https://{{ instance.domain }}/oauth2/token")]
            pub token_url: Template,
            /// "Client ID".
            #[schemars(example = &"{{ secrets.COUPA_CLIENT_ID }}")]
            pub client_id: $client_id_ty,
            /// "Client Secret". A secret.
            #[schemars(example = &"{{ secrets.COUPA_CLIENT_SECRET }}", extend("x-secret" = true))]
            pub client_secret: $client_secret_ty,
            /// How the client authenticates at the token endpoint ("Oauth2 Client
            /// Authentication"). `auto` (blank in Agent Studio) tries the request body and
            /// HTTP Basic in turn.
            #[serde(default)]
            pub client_authentication: ClientAuthentication,
            /// Overrides the `grant_type` sent to the token endpoint ("Oauth2 Custom Grant Type").
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(example = &"account_credentials")]
            pub custom_grant_type: Option<String>,
            /// Extra headers and form data for the token request ("Oauth2 Custom Oauth Request
            /// Options").
            #[serde(default, skip_serializing_if = "TokenRequestOptions::is_empty")]
            pub token_request: TokenRequestOptions,
            /// Format of the token response ("Oauth2 Custom Oauth Response Response Type").
            /// Absent: the field is left blank and Agent Studio reads the standard JSON
            /// response; write `json` when the guide sets the field.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub token_response: Option<TokenResponseFormat>,
            /// Custom keys in a JSON token response ("Json Access Token Key", "Json Expires In
            /// Key", "Json Expires In Format").
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub token_response_keys: Option<TokenResponseKeys>,
            /// How the access token is put on each API request ("Header Auth Key", "Header Auth
            /// Value Pattern"). Default `Authorization: Bearer %s`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub token_header: Option<TokenHeader>,
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl $name {
            /// The settings every grant shares.
            pub fn common(&self) -> OAuth2Common {
                OAuth2Common {
                    token_url: self.token_url.clone(),
                    client_id: OptionalTemplate::to_option(&self.client_id),
                    client_secret: OptionalTemplate::to_option(&self.client_secret),
                    client_authentication: self.client_authentication,
                    custom_grant_type: self.custom_grant_type.clone(),
                    token_request: self.token_request.clone(),
                    token_response: self.token_response,
                    token_response_keys: self.token_response_keys.clone(),
                    token_header: self.token_header.clone(),
                }
            }
        }
    };
}

/// A field that is a template in some grants and an optional template in others.
trait OptionalTemplate {
    fn to_option(&self) -> Option<Template>;
}

impl OptionalTemplate for Template {
    fn to_option(&self) -> Option<Template> {
        Some(self.clone())
    }
}

impl OptionalTemplate for Option<Template> {
    fn to_option(&self) -> Option<Template> {
        self.clone()
    }
}

oauth2_grant! {
    /// Client credentials grant.
    pub struct ClientCredentialsGrant {
        client_id: Template,
        client_secret: Template,
        /// Scopes to request ("Client Credentials Grant Scope"), sent space-separated.
        #[serde(default)]
        #[schemars(example = EXAMPLE_CC_SCOPES)]
        pub scopes: Vec<String>,
    }
}

oauth2_grant! {
    /// Authorization code grant (User Consent Auth).
    pub struct AuthorizationCodeGrant {
        client_id: Template,
        client_secret: Option<Template>,
        /// Where users are sent to consent ("Authorization URL").
        #[schemars(example = &"https://{{ instance.domain }}/oauth2/authorizations/new")]
        pub authorization_url: Template,
        /// Scopes to request ("Authorization Code Grant Scope"), sent space-separated. Include
        /// `offline_access` (or the provider's equivalent) to get refresh tokens.
        #[serde(default)]
        #[schemars(example = EXAMPLE_AC_SCOPES)]
        pub scopes: Vec<String>,
        /// Extra query parameters on the authorization URL ("Authorization Request Query
        /// Parameters"). Never `redirect_uri`: Agent Studio sets it.
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub authorization_query: IndexMap<String, Template>,
        /// Use PKCE (S256 code challenge). Recommended; some providers require it as well as a
        /// client secret.
        #[serde(default)]
        pub pkce: bool,
        /// Endpoint that revokes tokens ("Revoke URL"), so users can withdraw consent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub revoke_url: Option<Template>,
        /// How the client authenticates when revoking ("Revoke Access Token Authentication").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub revoke_authentication: Option<RevokeAuthentication>,
        /// Moveworks data centre of the organisation, which fixes the callback URL to register
        /// at the provider.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub data_center: Option<DataCenter>,
    }
}

oauth2_grant! {
    /// Resource owner password grant.
    pub struct PasswordGrant {
        client_id: Template,
        client_secret: Template,
        /// "Password Grant Username".
        #[schemars(example = &"{{ secrets.SERVICE_USER }}")]
        pub username: Template,
        /// "Password Grant Password". A secret.
        #[schemars(example = &"{{ secrets.SERVICE_PASSWORD }}", extend("x-secret" = true))]
        pub password: Template,
        /// Scopes to request, sent space-separated.
        #[serde(default)]
        pub scopes: Vec<String>,
    }
}

oauth2_grant! {
    /// Refresh token grant.
    pub struct RefreshTokenGrant {
        client_id: Template,
        client_secret: Template,
        /// "Refresh Token Grant Refresh Token". A secret.
        #[schemars(example = &"{{ secrets.REFRESH_TOKEN }}", extend("x-secret" = true))]
        pub refresh_token: Template,
        /// "Refresh Token Grant Scope"; Agent Studio advises leaving it blank.
        #[serde(default)]
        pub scopes: Vec<String>,
        /// How long the refresh token lives, for the setup checklist (e.g. "90 days").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub refresh_token_lifetime: Option<String>,
    }
}

oauth2_grant! {
    /// SAML bearer assertion grant.
    pub struct SamlBearerGrant {
        client_id: Template,
        client_secret: Option<Template>,
        /// "Saml Bearer Grant Flow Type".
        #[serde(default)]
        pub flow_type: SamlFlowType,
        /// "SAML IdP URL": the SSO URL of the identity provider's SAML app.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(example = &"https://{{ instance.okta_domain }}/app/moveworks/sso/saml")]
        pub idp_url: Option<Template>,
        /// "IdP Signing Certificate" (upload): the identity provider's certificate (PEM), with
        /// which Moveworks verifies the IdP's SAML response.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(example = &"{{ secrets.IDP_SIGNING_CERTIFICATE }}")]
        pub idp_signing_certificate: Option<Template>,
        /// "Expected Audience (Moveworks Entity ID)": must match the audience URI set in the
        /// identity provider's SAML app.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expected_audience: Option<Template>,
        /// "Attribute Mappings": IdP attributes mapped to claims of the new assertion.
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        pub attribute_mappings: IndexMap<String, Template>,
        /// "SAML Issuer".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub issuer: Option<Template>,
        /// "Saml Bearer Grant Scope", sent space-separated.
        #[serde(default)]
        pub scopes: Vec<String>,
        /// "Signing Certificate" (upload): a certificate for the assertion, when the provider
        /// asks for one besides Moveworks' own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub signing_certificate: Option<Template>,
        /// "SAML Audience": the audience of the assertion Moveworks generates.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub audience: Option<Template>,
        /// "Target Audience": the final system's entity id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub target_audience: Option<Template>,
        /// "Target Recipient URL": the recipient of the new assertion (the token endpoint).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub target_recipient_url: Option<Template>,
        /// "Moveworks Signing Private Key" (upload, PEM): signs the assertion Moveworks sends.
        /// A secret.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(example = &"{{ secrets.MOVEWORKS_SIGNING_PRIVATE_KEY }}", extend("x-secret" = true))]
        pub moveworks_signing_private_key: Option<Template>,
        /// "Moveworks Signing Certificate" (upload, PEM): the certificate of that key, which the
        /// provider registers to verify the assertion.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub moveworks_signing_certificate: Option<Template>,
    }
}

/// How the client authenticates at the token endpoint.
///
/// Agent Studio's guides show the Basic-header option under two strings, "… set to client id
/// and client secret" and "… set to username and password"; both send the client id and secret
/// in an HTTP Basic header. Choose the one the admin's form shows: the value only changes the
/// option string printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuthentication {
    /// Blank in Agent Studio: try the request body, then HTTP Basic.
    #[default]
    Auto,
    /// "OAuth 2.0 with Request Body": `client_id` and `client_secret` in the form body.
    RequestBody,
    /// "OAuth 2.0 with Basic Auth Header set to client id and client secret".
    BasicHeader,
    /// "OAuth 2.0 with Basic Auth Header set to username and password": the same Basic header
    /// (client id and secret) under the option string some guides show.
    BasicHeaderUsernamePassword,
}

/// How the client credentials travel to the token endpoint, whatever option string names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientCredentialsPlacement {
    /// Not fixed: the request body, then HTTP Basic.
    Either,
    /// In the form body.
    RequestBody,
    /// In an HTTP Basic header.
    BasicHeader,
}

impl ClientAuthentication {
    /// Where the client id and secret go on the token request.
    pub fn placement(self) -> ClientCredentialsPlacement {
        match self {
            ClientAuthentication::Auto => ClientCredentialsPlacement::Either,
            ClientAuthentication::RequestBody => ClientCredentialsPlacement::RequestBody,
            ClientAuthentication::BasicHeader
            | ClientAuthentication::BasicHeaderUsernamePassword => {
                ClientCredentialsPlacement::BasicHeader
            }
        }
    }

    /// Whether the client id and secret go in an HTTP Basic header (and only there).
    pub fn is_basic_header(self) -> bool {
        self.placement() == ClientCredentialsPlacement::BasicHeader
    }

    /// The value as written in a spec.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuthentication::Auto => "auto",
            ClientAuthentication::RequestBody => "request_body",
            ClientAuthentication::BasicHeader => "basic_header",
            ClientAuthentication::BasicHeaderUsernamePassword => "basic_header_username_password",
        }
    }
}

/// How a token is revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevokeAuthentication {
    /// "Revoke access token with Request Body".
    RequestBody,
    /// Client credentials in an HTTP Basic header.
    BasicHeader,
}

/// A Moveworks data centre; it fixes the OAuth callback URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataCenter {
    /// `https://<org>.moveworks.com/auth/oauthCallback`.
    Us,
    /// `https://<org>.am-ca-central.moveworks.com/auth/oauthCallback`.
    Ca,
    /// `https://<org>.am-eu-central.moveworks.com/auth/oauthCallback`.
    Eu,
    /// `https://<org>.am-ap-southeast.moveworks.com/auth/oauthCallback`.
    Ap,
    /// `https://<org>.moveworksgov.com/auth/oauthCallback`.
    Gov,
}

/// SAML bearer flow variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SamlFlowType {
    /// "Online Flow": the user's own SAML assertion (dynamic SAML).
    #[default]
    Online,
    /// A static assertion given as additional request data.
    Static,
}

/// Extra headers and form fields on the token request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequestOptions {
    /// "Additional Headers" on the token request.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, Template>,
    /// "Additional Request Data": form fields added to the token request body.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub body: IndexMap<String, Template>,
}

impl TokenRequestOptions {
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.body.is_empty()
    }
}

/// Format of a token response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenResponseFormat {
    /// A JSON object (RFC 6749 §5.1).
    #[default]
    Json,
}

/// Keys of a JSON token response that does not use the standard names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenResponseKeys {
    /// "Json Access Token Key".
    #[serde(default = "default_access_token_key")]
    pub access_token: String,
    /// "Json Expires In Key".
    #[serde(default = "default_expires_in_key")]
    pub expires_in: String,
    /// "Json Expires In Format".
    #[serde(default)]
    pub expires_in_format: ExpiresInFormat,
}

fn default_access_token_key() -> String {
    "access_token".to_owned()
}

fn default_expires_in_key() -> String {
    "expires_in".to_owned()
}

/// Unit of the expiry in a token response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpiresInFormat {
    /// Seconds from now (`CUSTOM_OAUTH2_EXPIRES_IN_FORMAT_SECONDS`).
    #[default]
    Seconds,
}

/// The header that carries the access token on each API request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenHeader {
    /// "Header Auth Key".
    #[serde(default = "default_token_header_key")]
    pub key: String,
    /// "Header Auth Value Pattern": `%s` is replaced by the token. Absent: `Bearer %s` on the
    /// `Authorization` header and `%s` (the bare token) on any other header; the pattern used
    /// is always printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_pattern: Option<String>,
}

fn default_token_header_key() -> String {
    DEFAULT_AUTH_HEADER.to_owned()
}

/// The header a token or key goes in when a spec names none, as in Agent Studio.
pub const DEFAULT_AUTH_HEADER: &str = "Authorization";
/// The value pattern on the `Authorization` header when a spec gives none: `%s` is the token
/// or key.
pub const DEFAULT_VALUE_PATTERN: &str = "Bearer %s";
/// The value pattern on any other header when a spec gives none: the bare token or key.
pub const BARE_VALUE_PATTERN: &str = "%s";

/// Header names whose values are credentials whatever a spec says (an auth's own header aside):
/// `-v` masks them and a cassette must hold them as placeholders.
pub const CREDENTIAL_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "x-auth-token",
];

/// Whether header `name` is one of [`CREDENTIAL_HEADERS`], in any case.
pub fn is_credential_header(name: &str) -> bool {
    CREDENTIAL_HEADERS
        .iter()
        .any(|header| name.eq_ignore_ascii_case(header))
}

/// Whether the common header `name` goes with a request whose own headers are named `own`: an
/// action's header of the same name, in any case, replaces it. Every target and the runtime
/// ask this one function, so what `connspec test` sends is what the cURL and Postman outputs
/// send.
pub fn common_header_applies<'a>(name: &str, mut own: impl Iterator<Item = &'a str>) -> bool {
    !own.any(|own| own.eq_ignore_ascii_case(name))
}

/// The value pattern used when a spec gives none for `header`: `Bearer %s` on
/// `Authorization`, the bare value elsewhere (a `DD-API-KEY: Bearer …` would be refused).
pub fn default_value_pattern(header: &str) -> &'static str {
    if header.eq_ignore_ascii_case(DEFAULT_AUTH_HEADER) {
        DEFAULT_VALUE_PATTERN
    } else {
        BARE_VALUE_PATTERN
    }
}

impl TokenHeader {
    /// The value pattern written, or the default for the header.
    pub fn pattern(&self) -> &str {
        self.value_pattern
            .as_deref()
            .unwrap_or_else(|| default_value_pattern(&self.key))
    }
}

impl OAuth2Common {
    /// The header and value pattern that carry the access token on each API request.
    pub fn token_header_parts(&self) -> (&str, &str) {
        self.token_header
            .as_ref()
            .map_or((DEFAULT_AUTH_HEADER, DEFAULT_VALUE_PATTERN), |h| {
                (h.key.as_str(), h.pattern())
            })
    }
}

impl ApiKeyAuth {
    /// The header of a header-placed key.
    pub fn header(&self) -> &str {
        self.header_name.as_deref().unwrap_or(DEFAULT_AUTH_HEADER)
    }

    /// The value pattern of a header-placed key: the one written, or the header's default.
    pub fn pattern(&self) -> &str {
        self.value_pattern
            .as_deref()
            .unwrap_or_else(|| default_value_pattern(self.header()))
    }
}

/// JWT auth with a private key you supply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JwtAuth {
    /// "Private Key": PEM. A secret.
    #[schemars(example = &"{{ secrets.JWT_PRIVATE_KEY }}", extend("x-secret" = true))]
    pub private_key: Template,
    /// "Client ID".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Template>,
    /// "KID": the key id put in the JWT header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<Template>,
    /// "Jwt Auth Algorithm".
    #[serde(default)]
    pub algorithm: JwtAlgorithm,
    /// "Jwt Auth Claims Expiry Seconds".
    #[serde(default = "default_jwt_expiry")]
    #[schemars(range(min = 1, max = 86_400))]
    pub expiry_seconds: u32,
    /// The JWT claims.
    #[serde(default)]
    pub claims: JwtClaims,
    /// "Jwt Auth Oauth2 Access Token Request URL". Without it the JWT itself is the bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<Template>,
    /// "Assertion Key (optional)": the form field that carries the JWT, e.g. `client_assertion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"client_assertion")]
    pub assertion_key: Option<String>,
    /// Overrides the `grant_type` sent to the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"urn:ietf:params:oauth:grant-type:jwt-bearer")]
    pub custom_grant_type: Option<String>,
    /// Extra headers and form fields on the token request.
    #[serde(default, skip_serializing_if = "TokenRequestOptions::is_empty")]
    pub token_request: TokenRequestOptions,
}

fn default_jwt_expiry() -> u32 {
    3600
}

/// JWT signing algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum JwtAlgorithm {
    /// `JWT_ALGORITHM_RS256`.
    #[default]
    RS256,
    /// `JWT_ALGORITHM_RS384`.
    RS384,
    /// `JWT_ALGORITHM_RS512`.
    RS512,
    /// `JWT_ALGORITHM_ES256`.
    ES256,
    /// `JWT_ALGORITHM_HS256`.
    HS256,
}

/// Registered and extra JWT claims.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JwtClaims {
    /// "Jwt Auth Claims Issuer" (`iss`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Template>,
    /// "Jwt Auth Claims Subject" (`sub`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Template>,
    /// "Jwt Auth Claims Audience" (`aud`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Template>,
    /// "Jwt Auth Additional Claims".
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extra: IndexMap<String, Template>,
}

/// JWKS auth: Moveworks signs a JWT with keys it publishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JwksAuth {
    /// The JWT claims.
    #[serde(default)]
    pub claims: JwtClaims,
    /// Token endpoint to exchange the JWT at; without it the JWT is the bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<Template>,
    /// Extra headers and form fields on the token request.
    #[serde(default, skip_serializing_if = "TokenRequestOptions::is_empty")]
    pub token_request: TokenRequestOptions,
}

/// Requests routed through a Moveworks On-Prem Agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OnPremAuth {
    /// "Service Name" of the On-Prem Agent service.
    pub service_name: String,
}

/// An HTTP action ("HTTP Actions > Create").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What the action does; the reasoning engine reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// "Method".
    pub method: Method,
    /// "Endpoint URL": the path after the base URL, starting with `/`, without a query string.
    #[schemars(example = &"/api/expense_reports")]
    pub path: Template,
    /// "Headers": every request header except the auth header.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, Template>,
    /// "Query parameters".
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, Scalar>,
    /// "Body": a string is sent as written; an object or array is sent as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// "Input Args", used as `{{ inputs.NAME }}`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub inputs: IndexMap<String, Input>,
    /// What a live test checks in the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// HTTP method of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether the method changes state; live tests skip these unless writes are allowed.
    pub fn is_write(self) -> bool {
        !matches!(self, Method::Get)
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Body {
    /// Raw text, e.g. `key=value&key2=value2` for a form body. String leaves are templates.
    Text(Template),
    /// A JSON object or array; string leaves are templates.
    Json(JsonBody),
}

/// A JSON request body (object or array).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonBody(pub serde_json::Value);

impl JsonSchema for JsonBody {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonBody".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A JSON object or array sent as the body; string leaves are templates.",
            "type": ["object", "array"]
        })
    }
}

/// An input argument of an action ("Input Args").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Data type.
    #[serde(rename = "type", default)]
    pub kind: InputType,
    /// "Description".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// "Example Value"; live tests use it when no `--input` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// "Required".
    #[serde(default)]
    pub required: bool,
}

/// Data type of an input argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputType {
    #[default]
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

/// What a live test expects of a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Status code (`200`) or class (`2xx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusMatcher>,
    /// JSON type of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<JsonType>,
    /// A JSON Schema (draft 2020-12) the body must satisfy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Map<String, serde_json::Value>>,
    /// Checks on values inside the body, by JSONPath-style path (`$[0].status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<JsonCheck>,
    /// Upper bound on latency, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_latency_ms: Option<u64>,
}

/// JSON type of a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JsonType {
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// A check on one value inside a JSON response body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonCheck {
    /// JSONPath-style path, e.g. `$[0].status` or `$.errors`.
    #[schemars(example = &"$[0].status")]
    pub path: String,
    /// The value must equal this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<serde_json::Value>,
    /// The path must (true) or must not (false) exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exists: Option<bool>,
    /// The value, as text, must match this regular expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<String>,
}
