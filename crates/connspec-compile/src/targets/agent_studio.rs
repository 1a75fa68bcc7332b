//! `agent-studio`: the connector and each action as ordered "UI label: value" fields, exactly
//! as Agent Studio labels them for the auth type and grant, plus a cURL for Import cURL.

use connspec_model::spec::{
    Action, ApiKeyPlacement, Auth, ClientAuthentication, DEFAULT_AUTH_HEADER,
    DEFAULT_VALUE_PATTERN, DataCenter, JwtAlgorithm, JwtClaims, OAuth2, OAuth2Common,
    RevokeAuthentication, SamlFlowType, TokenRequestOptions,
};
use connspec_model::yaml::push_pointer;
use indexmap::IndexMap;

use super::{action_pointer, args, body, headers, query, studio_leaf};
use crate::context::Context;
use crate::labels::{self as l, option as o};
use crate::lower::{Part, Place, percent_encode, shell_word, studio};
use crate::output::{Field, FieldValue, Section, Unverified};
use crate::render::Segment;

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>) {
    let mut notes = Vec::new();
    let mut sections = vec![connector(context, &mut notes)];
    for (name, action) in &context.spec.actions {
        sections.push(action_section(context, name, action));
    }
    notes.extend(common_notes(context));
    (sections, notes)
}

/// A field lowered from the rendered template at `pointer`.
fn rendered(context: &Context<'_>, label: &str, pointer: &str) -> Field {
    Field::text(label, studio(context.field(pointer), Place::Other)).at(pointer)
}

fn connector(context: &Context<'_>, notes: &mut Vec<String>) -> Section {
    let spec = context.spec;
    let mut section = Section::new("Connector").at("");
    let fields = &mut section.fields;
    fields.push(
        Field::text(l::CONNECTOR_NAME, &spec.name)
            .at("/name")
            .unverified(Unverified::Label),
    );
    if let Some(display_name) = &spec.display_name {
        fields.push(Field::text(l::DISPLAY_NAME, display_name).at("/display_name"));
    }
    if let Some(display_description) = &spec.display_description {
        fields.push(
            Field::text(l::DISPLAY_DESCRIPTION, display_description).at("/display_description"),
        );
    }
    if let Some(description) = &spec.description {
        fields.push(Field::text(l::DESCRIPTION, description).at("/description"));
    }
    fields.push(rendered(context, l::BASE_URL, "/base_url"));
    auth(context, &spec.auth, fields, notes);
    if !spec.common_headers.is_empty() {
        fields.push(common_headers(context));
    }
    if spec.client_certificate.is_some() {
        fields.push(rendered(
            context,
            l::CERTIFICATE,
            "/client_certificate/certificate",
        ));
        fields.push(rendered(
            context,
            l::PRIVATE_KEY_UPLOAD,
            "/client_certificate/private_key",
        ));
    }
    section
}

fn auth(context: &Context<'_>, auth: &Auth, fields: &mut Vec<Field>, notes: &mut Vec<String>) {
    match auth {
        Auth::None(_) => fields.push(Field::text(l::AUTH_CONFIG, o::NO_AUTH).at("/auth/type")),
        Auth::Basic(_) => {
            fields.push(Field::text(l::AUTH_CONFIG, o::BASIC_AUTH).at("/auth/type"));
            fields.push(rendered(context, l::USERNAME, "/auth/username"));
            fields.push(rendered(context, l::PASSWORD, "/auth/password"));
        }
        Auth::ApiKey(key) => {
            fields.push(Field::text(l::AUTH_CONFIG, o::API_KEY_AUTH).at("/auth/type"));
            match key.placement {
                ApiKeyPlacement::Header => {
                    fields.push(
                        Field::text(l::API_KEY_AUTH_TYPE, o::HEADER_AUTH).at("/auth/placement"),
                    );
                    let header = key.header();
                    let pattern = key.pattern();
                    fields.push(Field::text(l::HEADER_AUTH_KEY, header).at("/auth/header_name"));
                    fields.push(
                        Field::text(l::HEADER_AUTH_VALUE_PATTERN, pattern)
                            .at("/auth/value_pattern"),
                    );
                }
                ApiKeyPlacement::Query => {
                    fields.push(
                        Field::text(l::API_KEY_AUTH_TYPE, o::PARAM_AUTH).at("/auth/placement"),
                    );
                    let param = key.param_name.as_deref().unwrap_or_default();
                    fields
                        .push(Field::text(l::PARAM_AUTH_PARAM_NAME, param).at("/auth/param_name"));
                }
            }
            fields.push(rendered(context, l::API_KEY, "/auth/key"));
        }
        Auth::Bearer(_) => {
            // "Bearer Token Auth is a subset of API Key Auth" (H-BEARER); its own field labels
            // are unknown, so the connector is written as the equivalent Api Key Auth.
            fields.push(Field::text(l::AUTH_CONFIG, o::API_KEY_AUTH).at("/auth/type"));
            fields.push(Field::text(l::API_KEY_AUTH_TYPE, o::HEADER_AUTH).at("/auth/type"));
            fields.push(Field::text(l::HEADER_AUTH_KEY, DEFAULT_AUTH_HEADER).at("/auth/type"));
            fields.push(
                Field::text(l::HEADER_AUTH_VALUE_PATTERN, DEFAULT_VALUE_PATTERN).at("/auth/type"),
            );
            fields.push(rendered(context, l::API_KEY, "/auth/token"));
            notes.push(
                "Bearer token auth is written as the equivalent Api Key Auth (header \
                 `Authorization`, pattern `Bearer %s`): Agent Studio's Bearer Token Auth labels \
                 are not documented."
                    .to_owned(),
            );
        }
        Auth::Oauth2(oauth2) => oauth2_fields(context, oauth2, fields, notes),
        Auth::Jwt(jwt) => {
            fields.push(Field::text(l::AUTH_CONFIG, o::JWT_AUTH).at("/auth/type"));
            fields.push(rendered(context, l::JWT_PRIVATE_KEY, "/auth/private_key"));
            if jwt.client_id.is_some() {
                fields.push(rendered(context, l::CLIENT_ID, "/auth/client_id"));
            }
            if jwt.key_id.is_some() {
                fields.push(rendered(context, l::JWT_KID, "/auth/key_id"));
            }
            fields.push(
                Field::text(l::JWT_ALGORITHM, algorithm(jwt.algorithm)).at("/auth/algorithm"),
            );
            fields.push(
                Field::text(l::JWT_EXPIRY, jwt.expiry_seconds.to_string())
                    .at("/auth/expiry_seconds"),
            );
            claims(context, &jwt.claims, fields, false);
            if jwt.token_url.is_some() {
                fields.push(rendered(context, l::JWT_TOKEN_URL, "/auth/token_url"));
            }
            if let Some(key) = &jwt.assertion_key {
                fields.push(Field::text(l::JWT_ASSERTION_KEY, key).at("/auth/assertion_key"));
            }
            if let Some(grant) = &jwt.custom_grant_type {
                fields.push(
                    Field::text(l::JWT_CUSTOM_GRANT_TYPE, grant).at("/auth/custom_grant_type"),
                );
            }
            token_request(context, &jwt.token_request, fields, true);
        }
        Auth::Jwks(jwks) => {
            if jwks.token_url.is_some() {
                fields.push(Field::text(l::AUTH_CONFIG, o::OAUTH2).at("/auth/type"));
                fields.push(Field::text(l::GRANT_TYPE, o::JWKS_GRANT).at("/auth/type"));
                fields.push(rendered(context, l::TOKEN_URL, "/auth/token_url"));
            } else {
                fields.push(Field::text(l::AUTH_CONFIG, o::JWKS_AUTH).at("/auth/type"));
            }
            claims(context, &jwks.claims, fields, true);
            token_request(context, &jwks.token_request, fields, true);
            notes.push(
                "JWKS auth: Moveworks signs the JWT with keys it publishes at \
                 https://<org>.moveworks.com/.well-known/jwks.json; register that URL at the \
                 provider. The JWKS form's field labels are not documented."
                    .to_owned(),
            );
        }
        Auth::OnPrem(on_prem) => {
            fields.push(Field::text(l::AUTH_CONFIG, o::ON_PREMISE_AUTH).at("/auth/type"));
            fields.push(
                Field::text(l::ON_PREM_SERVICE_NAME, &on_prem.service_name)
                    .at("/auth/service_name"),
            );
        }
    }
}

fn oauth2_fields(
    context: &Context<'_>,
    oauth2: &OAuth2,
    fields: &mut Vec<Field>,
    notes: &mut Vec<String>,
) {
    let common = oauth2.common();
    fields.push(Field::text(l::AUTH_CONFIG, o::OAUTH2).at("/auth/type"));
    let grant = match oauth2 {
        OAuth2::ClientCredentials(_) => o::CLIENT_CREDENTIALS_GRANT,
        OAuth2::AuthorizationCode(_) => o::AUTHORIZATION_CODE_GRANT,
        OAuth2::Password(_) => o::PASSWORD_GRANT,
        OAuth2::RefreshToken(_) => o::REFRESH_TOKEN_GRANT,
        OAuth2::SamlBearer(_) => o::SAML_BEARER_GRANT,
    };
    fields.push(Field::text(l::GRANT_TYPE, grant).at("/auth/grant_type"));
    if let OAuth2::AuthorizationCode(_) = oauth2 {
        fields.push(rendered(
            context,
            l::AUTHORIZATION_URL,
            "/auth/authorization_url",
        ));
    }
    if let OAuth2::SamlBearer(saml) = oauth2 {
        let flow = match saml.flow_type {
            SamlFlowType::Online => {
                Field::text(l::SAML_FLOW_TYPE, o::ONLINE_FLOW).at("/auth/flow_type")
            }
            SamlFlowType::Static => Field::text(l::SAML_FLOW_TYPE, o::STATIC_FLOW)
                .at("/auth/flow_type")
                .unverified(Unverified::Value),
        };
        fields.push(flow);
        // The form's order (DD `sap-success-factors`): IdP settings, then issuer and client.
        optional_fields(
            context,
            fields,
            &[
                (l::SAML_IDP_URL, "/auth/idp_url", saml.idp_url.is_some()),
                (
                    l::SAML_IDP_SIGNING_CERTIFICATE,
                    "/auth/idp_signing_certificate",
                    saml.idp_signing_certificate.is_some(),
                ),
                (
                    l::SAML_EXPECTED_AUDIENCE,
                    "/auth/expected_audience",
                    saml.expected_audience.is_some(),
                ),
            ],
        );
        if !saml.attribute_mappings.is_empty() {
            fields.push(pairs(
                context,
                l::SAML_ATTRIBUTE_MAPPINGS,
                "/auth/attribute_mappings",
                &saml.attribute_mappings,
            ));
        }
        optional_fields(
            context,
            fields,
            &[(l::SAML_ISSUER, "/auth/issuer", saml.issuer.is_some())],
        );
    }
    if common.client_id.is_some() {
        fields.push(rendered(context, l::CLIENT_ID, "/auth/client_id"));
    }
    if common.client_secret.is_some() {
        fields.push(rendered(context, l::CLIENT_SECRET, "/auth/client_secret"));
    }
    let scopes = context.scopes().join(" ");
    match oauth2 {
        OAuth2::ClientCredentials(_) => {
            if !scopes.is_empty() {
                fields.push(Field::text(l::CC_SCOPE, scopes).at("/auth/scopes"));
            }
        }
        OAuth2::AuthorizationCode(grant) => {
            fields.push(Field::text(l::AC_SCOPE, scopes).at("/auth/scopes"));
            if !grant.authorization_query.is_empty() {
                fields.push(pairs(
                    context,
                    l::AUTHORIZATION_QUERY,
                    "/auth/authorization_query",
                    &grant.authorization_query,
                ));
            }
            if grant.revoke_url.is_some() {
                fields.push(rendered(context, l::REVOKE_URL, "/auth/revoke_url"));
            }
            match grant.revoke_authentication {
                Some(RevokeAuthentication::RequestBody) => {
                    fields.push(
                        Field::text(l::REVOKE_AUTHENTICATION, o::REVOKE_REQUEST_BODY)
                            .at("/auth/revoke_authentication"),
                    );
                }
                Some(RevokeAuthentication::BasicHeader) => fields.push(
                    Field::text(l::REVOKE_AUTHENTICATION, o::REVOKE_BASIC_HEADER)
                        .at("/auth/revoke_authentication")
                        .unverified(Unverified::Value),
                ),
                None => {}
            }
            notes.push(callback_note(grant.data_center));
            if grant.pkce {
                notes.push(
                    "PKCE: Agent Studio creates the code verifier and the S256 challenge itself; \
                     there is no field to set."
                        .to_owned(),
                );
            }
        }
        OAuth2::Password(_) => {
            fields.push(rendered(context, l::PASSWORD_USERNAME, "/auth/username"));
            fields.push(rendered(context, l::PASSWORD_PASSWORD, "/auth/password"));
            if !scopes.is_empty() {
                fields.push(
                    Field::text(l::PASSWORD_SCOPE, scopes)
                        .at("/auth/scopes")
                        .unverified(Unverified::Label),
                );
            }
        }
        OAuth2::RefreshToken(grant) => {
            fields.push(rendered(context, l::REFRESH_TOKEN, "/auth/refresh_token"));
            if !scopes.is_empty() {
                fields.push(Field::text(l::REFRESH_SCOPE, scopes).at("/auth/scopes"));
            }
            if let Some(lifetime) = &grant.refresh_token_lifetime {
                notes.push(format!(
                    "The refresh token lives {lifetime}: mint a new one and update the connector before it expires."
                ));
            }
        }
        OAuth2::SamlBearer(saml) => {
            if !scopes.is_empty() {
                fields.push(Field::text(l::SAML_SCOPE, scopes).at("/auth/scopes"));
            }
            optional_fields(
                context,
                fields,
                &[
                    (
                        l::SAML_SIGNING_CERTIFICATE,
                        "/auth/signing_certificate",
                        saml.signing_certificate.is_some(),
                    ),
                    (l::SAML_AUDIENCE, "/auth/audience", saml.audience.is_some()),
                    (
                        l::SAML_TARGET_AUDIENCE,
                        "/auth/target_audience",
                        saml.target_audience.is_some(),
                    ),
                    (
                        l::SAML_TARGET_RECIPIENT,
                        "/auth/target_recipient_url",
                        saml.target_recipient_url.is_some(),
                    ),
                    (
                        l::SAML_MOVEWORKS_SIGNING_KEY,
                        "/auth/moveworks_signing_private_key",
                        saml.moveworks_signing_private_key.is_some(),
                    ),
                    (
                        l::SAML_MOVEWORKS_SIGNING_CERTIFICATE,
                        "/auth/moveworks_signing_certificate",
                        saml.moveworks_signing_certificate.is_some(),
                    ),
                ],
            );
        }
    }
    fields.push(rendered(context, l::TOKEN_URL, "/auth/token_url"));
    oauth2_common(context, &common, fields, notes);
}

/// The fields of `rows` whose value is present, rendered, in order.
fn optional_fields(context: &Context<'_>, fields: &mut Vec<Field>, rows: &[(&str, &str, bool)]) {
    for &(label, pointer, present) in rows {
        if present {
            fields.push(rendered(context, label, pointer));
        }
    }
}

/// The optional "additional info" fields every grant shares.
fn oauth2_common(
    context: &Context<'_>,
    common: &OAuth2Common,
    fields: &mut Vec<Field>,
    notes: &mut Vec<String>,
) {
    match common.client_authentication {
        ClientAuthentication::RequestBody => {
            fields.push(
                Field::text(l::CLIENT_AUTHENTICATION, o::REQUEST_BODY)
                    .at("/auth/client_authentication"),
            );
        }
        // Both Basic-header strings are copied from guides; which one today's form shows is
        // not known, so both stay marked.
        ClientAuthentication::BasicHeader => fields.push(
            Field::text(l::CLIENT_AUTHENTICATION, o::BASIC_HEADER_CLIENT_ID)
                .at("/auth/client_authentication")
                .unverified(Unverified::Value),
        ),
        ClientAuthentication::BasicHeaderUsernamePassword => fields.push(
            Field::text(l::CLIENT_AUTHENTICATION, o::BASIC_HEADER_USERNAME)
                .at("/auth/client_authentication")
                .unverified(Unverified::Value),
        ),
        ClientAuthentication::Auto => notes.push(format!(
            "{}: left blank, so Agent Studio tries Basic Auth and Request Body Auth in turn.",
            l::CLIENT_AUTHENTICATION
        )),
    }
    if let Some(grant) = &common.custom_grant_type {
        fields.push(Field::text(l::CUSTOM_GRANT_TYPE, grant).at("/auth/custom_grant_type"));
    }
    token_request(context, &common.token_request, fields, false);
    if common.token_response.is_some() || common.token_response_keys.is_some() {
        fields.push(Field::text(l::RESPONSE_TYPE, o::JSON).at("/auth/token_response"));
    }
    if let Some(keys) = &common.token_response_keys {
        fields.push(
            Field::text(l::JSON_ACCESS_TOKEN_KEY, &keys.access_token)
                .at("/auth/token_response_keys/access_token"),
        );
        fields.push(
            Field::text(l::JSON_EXPIRES_IN_KEY, &keys.expires_in)
                .at("/auth/token_response_keys/expires_in"),
        );
        fields.push(
            Field::text(l::JSON_EXPIRES_IN_FORMAT, o::EXPIRES_IN_SECONDS)
                .at("/auth/token_response_keys/expires_in_format"),
        );
    }
    if let Some(header) = &common.token_header {
        fields.push(Field::text(l::HEADER_AUTH_KEY, &header.key).at("/auth/token_header/key"));
        fields.push(
            Field::text(l::HEADER_AUTH_VALUE_PATTERN, header.pattern())
                .at("/auth/token_header/value_pattern"),
        );
    }
}

fn token_request(
    context: &Context<'_>,
    options: &TokenRequestOptions,
    fields: &mut Vec<Field>,
    label_unverified: bool,
) {
    let mark = |field: Field| {
        if label_unverified {
            field.unverified(Unverified::Label)
        } else {
            field
        }
    };
    if !options.headers.is_empty() {
        fields.push(mark(pairs(
            context,
            l::ADDITIONAL_HEADERS,
            "/auth/token_request/headers",
            &options.headers,
        )));
    }
    if !options.body.is_empty() {
        fields.push(mark(pairs(
            context,
            l::ADDITIONAL_REQUEST_DATA,
            "/auth/token_request/body",
            &options.body,
        )));
    }
}

fn claims(context: &Context<'_>, claims: &JwtClaims, fields: &mut Vec<Field>, unverified: bool) {
    let mark = |field: Field| {
        if unverified {
            field.unverified(Unverified::Label)
        } else {
            field
        }
    };
    for (label, pointer, present) in [
        (
            l::JWT_ISSUER,
            "/auth/claims/issuer",
            claims.issuer.is_some(),
        ),
        (
            l::JWT_SUBJECT,
            "/auth/claims/subject",
            claims.subject.is_some(),
        ),
        (
            l::JWT_AUDIENCE,
            "/auth/claims/audience",
            claims.audience.is_some(),
        ),
    ] {
        if present {
            fields.push(mark(rendered(context, label, pointer)));
        }
    }
    if !claims.extra.is_empty() {
        fields.push(mark(pairs(
            context,
            l::JWT_ADDITIONAL_CLAIMS,
            "/auth/claims/extra",
            &claims.extra,
        )));
    }
}

fn algorithm(algorithm: JwtAlgorithm) -> &'static str {
    match algorithm {
        JwtAlgorithm::RS256 => "JWT_ALGORITHM_RS256",
        JwtAlgorithm::RS384 => "JWT_ALGORITHM_RS384",
        JwtAlgorithm::RS512 => "JWT_ALGORITHM_RS512",
        JwtAlgorithm::ES256 => "JWT_ALGORITHM_ES256",
        JwtAlgorithm::HS256 => "JWT_ALGORITHM_HS256",
    }
}

/// Key/value rows of a map of templates.
fn pairs<V>(context: &Context<'_>, label: &str, pointer: &str, map: &IndexMap<String, V>) -> Field {
    let rows = map
        .keys()
        .map(|key| {
            let value = studio(context.field(&push_pointer(pointer, key)), Place::Other);
            (key.clone(), value)
        })
        .collect();
    Field::new(label, FieldValue::Pairs(rows)).at(pointer)
}

/// Common headers: each as Key, Value Type, Credential Pattern and Credential Secret.
fn common_headers(context: &Context<'_>) -> Field {
    let mut rows = Vec::new();
    let mut unverified = false;
    for key in context.spec.common_headers.keys() {
        let value = context.field(&push_pointer("/common_headers", key));
        rows.push(("Key".to_owned(), key.clone()));
        let secrets: Vec<&str> = value.secrets().collect();
        if let [secret] = secrets.as_slice() {
            let pattern = value.lower(|segment| match segment {
                Segment::Secret(_) => "%s".to_owned(),
                other => crate::lower::studio_segment(other, Place::Other),
            });
            rows.push(("Value Type".to_owned(), o::CREDENTIAL.to_owned()));
            rows.push(("Credential Pattern".to_owned(), pattern));
            rows.push((
                "Credential Secret".to_owned(),
                crate::lower::secret_placeholder(secret),
            ));
        } else {
            // Only the Credential value type is documented; a plain value's form is a guess.
            unverified = true;
            rows.push(("Value".to_owned(), studio(value, Place::Other)));
        }
    }
    let field = Field::new(l::COMMON_HEADERS, FieldValue::Pairs(rows)).at("/common_headers");
    if unverified {
        field.unverified(Unverified::Value)
    } else {
        field
    }
}

fn callback_note(data_center: Option<DataCenter>) -> String {
    let host = match data_center.unwrap_or(DataCenter::Us) {
        DataCenter::Us => "<org>.moveworks.com",
        DataCenter::Ca => "<org>.am-ca-central.moveworks.com",
        DataCenter::Eu => "<org>.am-eu-central.moveworks.com",
        DataCenter::Ap => "<org>.am-ap-southeast.moveworks.com",
        DataCenter::Gov => "<org>.moveworksgov.com",
    };
    let assumed = if data_center.is_none() {
        " (US data centre assumed: set `auth.data_center`)"
    } else {
        ""
    };
    format!(
        "Register the callback https://{host}/auth/oauthCallback at the provider{assumed}; \
         <org> is the org domain in your Agent Studio URL. Do not add a redirect_uri query parameter."
    )
}

fn common_notes(context: &Context<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    if !context.spec.secrets.is_empty() {
        let sources: Vec<String> = context
            .spec
            .secrets
            .iter()
            .map(|s| match context.instance.secrets.get(s.name()) {
                Some(source) => format!("{} ({})", s.name(), source.0),
                None => s.name().to_owned(),
            })
            .collect();
        notes.push(format!(
            "`<secret NAME>` marks a secret: paste its value from where the instance keeps it: {}.",
            sources.join(", ")
        ));
    }
    notes.push(
        "Fields marked unverified use a label or option string the reference could not confirm \
         in the current UI; check them on screen."
            .to_owned(),
    );
    let spaced: Vec<String> = context
        .spec
        .actions
        .keys()
        .filter(|name| name.contains(' '))
        .map(|name| format!("`{name}`"))
        .collect();
    if !spaced.is_empty() {
        notes.push(format!(
            "Compound actions call {} by the exact name, spaces and case included              (`action_name: {}`).",
            spaced.join(", "),
            spaced[0].trim_matches('`')
        ));
    }
    if matches!(context.spec.auth, Auth::Oauth2(_)) && !context.spec.actions.is_empty() {
        notes.push(
            "Import cURL overwrites the action form; with OAuth 2.0 choose the connector after \
             importing."
                .to_owned(),
        );
    }
    notes
}

fn action_section(context: &Context<'_>, name: &str, action: &Action) -> Section {
    let base = action_pointer(name);
    let mut section = Section::new(format!("Action {name}")).at(base.clone());
    let fields = &mut section.fields;
    fields.push(Field::text(
        l::CONNECTOR,
        format!("{}: {}", o::INHERIT_CONNECTOR, context.spec.name),
    ));
    fields.push(Field::text(l::ACTION_NAME, name).at(base.clone()));
    if let Some(description) = &action.description {
        fields.push(
            Field::text(l::ACTION_DESCRIPTION, description)
                .at(format!("{base}/description"))
                .unverified(Unverified::Label),
        );
    }
    fields.push(Field::text(l::METHOD, action.method.as_str()).at(format!("{base}/method")));
    // The guides type `{{id}}` in the Endpoint URL (DD `github`, `asana`, `docusign`).
    let path = studio(context.field(&format!("{base}/path")), Place::Other);
    fields.push(Field::text(l::ENDPOINT_URL, &path).at(format!("{base}/path")));
    let headers: Vec<(String, String)> = headers(context, name, action)
        .iter()
        .map(|(k, v)| (k.clone(), studio(v, Place::Other)))
        .collect();
    if !headers.is_empty() {
        fields.push(
            Field::new(l::HEADERS, FieldValue::Pairs(headers.clone()))
                .at(format!("{base}/headers")),
        );
    }
    let query: Vec<(String, String)> = query(context, name, action)
        .into_iter()
        .map(|(k, v)| (k, studio(v, Place::Other)))
        .collect();
    if !query.is_empty() {
        fields.push(
            Field::new(l::QUERY_PARAMETERS, FieldValue::Pairs(query.clone()))
                .at(format!("{base}/query")),
        );
    }
    let body = body(
        context,
        name,
        action,
        &|r| studio(r, Place::Other),
        &studio_leaf,
    );
    if let Some(body) = &body {
        let language = if matches!(action.body, Some(connspec_model::spec::Body::Json(_))) {
            "json"
        } else {
            "text"
        };
        fields.push(
            Field::new(
                l::BODY,
                FieldValue::Code {
                    language,
                    text: body.clone(),
                },
            )
            .at(format!("{base}/body")),
        );
    }
    let args = args(action);
    if !args.is_empty() {
        fields.push(Field::new(l::INPUT_ARGS, FieldValue::Args(args)).at(format!("{base}/inputs")));
    }
    let base_url = studio(context.field("/base_url"), Place::Other);
    let curl = import_curl(action, &base_url, &path, &headers, &query, body.as_deref());
    fields.push(Field::new(
        l::IMPORT_CURL,
        FieldValue::Code {
            language: "sh",
            text: curl,
        },
    ));
    section
}

/// The cURL to paste into Import cURL: Moveworks variables, no auth (the connector adds it).
fn import_curl(
    action: &Action,
    base_url: &str,
    path: &str,
    headers: &[(String, String)],
    query: &[(String, String)],
    body: Option<&str>,
) -> String {
    let mut url = format!("{}{path}", base_url.trim_end_matches('/'));
    for (index, (key, value)) in query.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(&percent_encode(key));
        url.push('=');
        url.push_str(&encode_keeping_variables(value));
    }
    let literal = |text: &str| shell_word(&[Part::Literal(text.to_owned())]);
    let mut lines = vec![format!(
        "curl --request {} {}",
        action.method.as_str(),
        literal(&url)
    )];
    for (key, value) in headers {
        lines.push(format!(
            "  --header {}",
            literal(&format!("{key}: {value}"))
        ));
    }
    if let Some(body) = body {
        lines.push(format!("  --data-raw {}", literal(body)));
    }
    lines.join(" \\\n")
}

/// Percent-encodes a query value but keeps `{{var}}` variables as they are.
fn encode_keeping_variables(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("{{") {
        out.push_str(&percent_encode(&rest[..start]));
        let after = &rest[start..];
        let end = after.find("}}").map_or(after.len(), |e| {
            let mut end = e + 2;
            while after[end..].starts_with('}') {
                end += 1;
            }
            end
        });
        out.push_str(&after[..end]);
        rest = &after[end..];
    }
    out.push_str(&percent_encode(rest));
    out
}
