//! Agent Studio's UI labels and option strings, copied exactly as `reference/agent-studio.md`
//! records them (case and oddities included).
//!
//! Each constant is one label or option string. Those the reference marks as inference ([I])
//! or could not see say so in their doc comment, and the targets flag them in their output
//! with [`Unverified`](crate::Unverified).

/// Connector name field. [I]: guides say "Connection Name", "Connector Name" and "Name"; the
/// 2026 guides use "Connector Name".
pub(crate) const CONNECTOR_NAME: &str = "Connector Name";
pub(crate) const DISPLAY_NAME: &str = "Display Name";
pub(crate) const DISPLAY_DESCRIPTION: &str = "Display Description";
pub(crate) const DESCRIPTION: &str = "Description";
pub(crate) const BASE_URL: &str = "Base URL";
pub(crate) const AUTH_CONFIG: &str = "Auth Config";
pub(crate) const COMMON_HEADERS: &str = "Common headers";
pub(crate) const CERTIFICATE: &str = "X.509 certificate (Optional)";
pub(crate) const PRIVATE_KEY_UPLOAD: &str = "X.509 private key (Optional)";

pub(crate) const USERNAME: &str = "Username";
pub(crate) const PASSWORD: &str = "Password";

pub(crate) const API_KEY_AUTH_TYPE: &str = "Api Key Auth Auth Type";
pub(crate) const HEADER_AUTH_KEY: &str = "Header Auth Key";
pub(crate) const HEADER_AUTH_VALUE_PATTERN: &str = "Header Auth Value Pattern";
pub(crate) const PARAM_AUTH_PARAM_NAME: &str = "Param Auth Param Name";
pub(crate) const API_KEY: &str = "API Key";

pub(crate) const GRANT_TYPE: &str = "Oauth2 Grant Type";
pub(crate) const CLIENT_ID: &str = "Client ID";
pub(crate) const CLIENT_SECRET: &str = "Client Secret";
pub(crate) const CC_SCOPE: &str = "Client Credentials Grant Scope";
pub(crate) const AUTHORIZATION_URL: &str = "Authorization URL";
pub(crate) const AC_SCOPE: &str = "Authorization Code Grant Scope";
pub(crate) const AUTHORIZATION_QUERY: &str = "Authorization Request Query Parameters";
pub(crate) const REVOKE_URL: &str = "Revoke URL";
pub(crate) const REVOKE_AUTHENTICATION: &str =
    "Authorization Code Grant Revoke Access Token Options Revoke Access Token Authentication";
pub(crate) const PASSWORD_USERNAME: &str = "Password Grant Username";
pub(crate) const PASSWORD_PASSWORD: &str = "Password Grant Password";
/// [I]: not in the reference; by analogy with the other grants.
pub(crate) const PASSWORD_SCOPE: &str = "Password Grant Scope";
pub(crate) const REFRESH_TOKEN: &str = "Refresh Token Grant Refresh Token";
pub(crate) const REFRESH_SCOPE: &str = "Refresh Token Grant Scope";
pub(crate) const SAML_FLOW_TYPE: &str = "Saml Bearer Grant Flow Type";
pub(crate) const SAML_IDP_URL: &str = "SAML IdP URL";
pub(crate) const SAML_ISSUER: &str = "SAML Issuer";
pub(crate) const SAML_AUDIENCE: &str = "SAML Audience";
pub(crate) const SAML_TARGET_AUDIENCE: &str = "Target Audience";
pub(crate) const SAML_TARGET_RECIPIENT: &str = "Target Recipient URL";
pub(crate) const SAML_ATTRIBUTE_MAPPINGS: &str = "Attribute Mappings";
pub(crate) const SAML_SCOPE: &str = "Saml Bearer Grant Scope";
pub(crate) const SAML_IDP_SIGNING_CERTIFICATE: &str = "IdP Signing Certificate";
pub(crate) const SAML_EXPECTED_AUDIENCE: &str = "Expected Audience (Moveworks Entity ID)";
pub(crate) const SAML_SIGNING_CERTIFICATE: &str = "Signing Certificate";
pub(crate) const SAML_MOVEWORKS_SIGNING_KEY: &str = "Moveworks Signing Private Key";
pub(crate) const SAML_MOVEWORKS_SIGNING_CERTIFICATE: &str = "Moveworks Signing Certificate";
pub(crate) const TOKEN_URL: &str = "Oauth2 Token Url";
pub(crate) const CLIENT_AUTHENTICATION: &str = "Oauth2 Client Authentication";
pub(crate) const CUSTOM_GRANT_TYPE: &str = "Oauth2 Custom Grant Type";
/// The custom grant type on the Jwt Auth form, as DD `docusign` labels it.
pub(crate) const JWT_CUSTOM_GRANT_TYPE: &str = "Custom Grant Scope";
pub(crate) const ADDITIONAL_HEADERS: &str =
    "Oauth2 Custom Oauth Request Options Additional Headers";
pub(crate) const ADDITIONAL_REQUEST_DATA: &str =
    "Oauth2 Custom Oauth Request Options Additional Request Data";
pub(crate) const RESPONSE_TYPE: &str = "Oauth2 Custom Oauth Response Response Type";
pub(crate) const JSON_ACCESS_TOKEN_KEY: &str = "Json Access Token Key";
pub(crate) const JSON_EXPIRES_IN_KEY: &str = "Json Expires In Key";
pub(crate) const JSON_EXPIRES_IN_FORMAT: &str = "Json Expires In Format";

pub(crate) const JWT_PRIVATE_KEY: &str = "Private Key";
pub(crate) const JWT_KID: &str = "KID";
pub(crate) const JWT_ALGORITHM: &str = "Jwt Auth Algorithm";
pub(crate) const JWT_EXPIRY: &str = "Jwt Auth Claims Expiry Seconds";
pub(crate) const JWT_ISSUER: &str = "Jwt Auth Claims Issuer";
pub(crate) const JWT_SUBJECT: &str = "Jwt Auth Claims Subject";
pub(crate) const JWT_AUDIENCE: &str = "Jwt Auth Claims Audience";
pub(crate) const JWT_ADDITIONAL_CLAIMS: &str = "Jwt Auth Additional Claims";
pub(crate) const JWT_TOKEN_URL: &str = "Jwt Auth Oauth2 Access Token Request URL";
pub(crate) const JWT_ASSERTION_KEY: &str = "Assertion Key (optional)";

pub(crate) const ON_PREM_SERVICE_NAME: &str = "Service Name";

pub(crate) const CONNECTOR: &str = "Connector";
pub(crate) const ACTION_NAME: &str = "Action Name";
/// [I]: the action editor's description label is not in the reference ("API Description" in
/// the older UI).
pub(crate) const ACTION_DESCRIPTION: &str = "Description";
pub(crate) const METHOD: &str = "Method";
pub(crate) const ENDPOINT_URL: &str = "Endpoint URL";
pub(crate) const HEADERS: &str = "Headers";
pub(crate) const QUERY_PARAMETERS: &str = "Query parameters";
pub(crate) const BODY: &str = "Body";
pub(crate) const INPUT_ARGS: &str = "Input Args";
pub(crate) const IMPORT_CURL: &str = "Import cURL";

/// Option strings.
pub(crate) mod option {
    pub(crate) const NO_AUTH: &str = "No Auth";
    pub(crate) const BASIC_AUTH: &str = "Basic Auth";
    pub(crate) const API_KEY_AUTH: &str = "Api Key Auth";
    pub(crate) const OAUTH2: &str = "Oauth2";
    pub(crate) const JWT_AUTH: &str = "JWT Auth";
    pub(crate) const JWKS_AUTH: &str = "JWKS Auth";
    pub(crate) const ON_PREMISE_AUTH: &str = "On Premise Auth";
    pub(crate) const HEADER_AUTH: &str = "Header Auth";
    pub(crate) const PARAM_AUTH: &str = "Param Auth";
    pub(crate) const CLIENT_CREDENTIALS_GRANT: &str = "Client Credentials Grant";
    pub(crate) const AUTHORIZATION_CODE_GRANT: &str = "Authorization Code Grant";
    pub(crate) const PASSWORD_GRANT: &str = "Password Grant";
    pub(crate) const REFRESH_TOKEN_GRANT: &str = "Refresh Token Grant";
    pub(crate) const SAML_BEARER_GRANT: &str = "Saml Bearer Grant";
    pub(crate) const JWKS_GRANT: &str = "JWKS grant";
    pub(crate) const REQUEST_BODY: &str = "OAuth 2.0 with Request Body";
    /// DD `sailpoint-iiq`, `snowflake`. [I]: this and the next string coexist in the guides
    /// for what is probably one option.
    pub(crate) const BASIC_HEADER_CLIENT_ID: &str =
        "OAuth 2.0 with Basic Auth Header set to client id and client secret";
    /// DD `nexthink`, `sap-ariba`.
    pub(crate) const BASIC_HEADER_USERNAME: &str =
        "OAuth 2.0 with Basic Auth Header set to username and password";
    pub(crate) const REVOKE_REQUEST_BODY: &str = "Revoke access token with Request Body";
    /// [I]: only the request-body option string is known.
    pub(crate) const REVOKE_BASIC_HEADER: &str = "Revoke access token with Basic Auth Header";
    pub(crate) const JSON: &str = "Json";
    pub(crate) const EXPIRES_IN_SECONDS: &str = "CUSTOM_OAUTH2_EXPIRES_IN_FORMAT_SECONDS";
    pub(crate) const ONLINE_FLOW: &str = "Online Flow";
    /// [I]: only "Online Flow" is known.
    pub(crate) const STATIC_FLOW: &str = "Static Flow";
    pub(crate) const CREDENTIAL: &str = "Credential";
    pub(crate) const INHERIT_CONNECTOR: &str = "Inherit from existing connector";
}
