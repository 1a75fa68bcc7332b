//! `moveworks-api`: request bodies for the Configuration API's http-connectors and
//! http-actions (`reference/agent-studio.md` §5).
//!
//! The API is alpha ("available only to a limited set of organizations… Don't build
//! integrations against it"), and only its top-level keys are documented; the nested shapes
//! below mirror the spec and are marked as inferred in every output.

use connspec_model::spec::{
    Action, ApiKeyPlacement, Auth, ClientAuthentication, DEFAULT_AUTH_HEADER,
    DEFAULT_VALUE_PATTERN, OAuth2,
};
use connspec_model::yaml::push_pointer;
use serde_json::{Map, Value as Json, json};

use super::{action_pointer, args, body, headers, query, studio_leaf};
use crate::context::Context;
use crate::lower::{Place, studio};
use crate::output::{Field, FieldValue, Section, Unverified};

/// The Configuration API's base URL.
const API: &str = "https://api.moveworks.ai/configurations/v1alpha1";

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>) {
    let notes = vec![
        "ALPHA: the Configuration API is available only to a limited set of organizations, and Moveworks advises against building integrations on it.".to_owned(),
        "Only the top-level keys (name, base_url, version, the *_auth/oauth2 object; signature, connector_id, method, path, query_params, headers, body_bender) are documented; nested shapes are inferred.".to_owned(),
        "Authenticate with `Authorization: Bearer <key>` (a key from HTTP Connectors > Credentials); `<secret NAME>` marks a value to fill in.".to_owned(),
    ];
    let mut sections = Vec::new();
    let mut connector = Section::new("Create the connector");
    connector.fields.push(Field::text(
        "Request",
        format!("POST {API}/platform/extensions/http-connectors"),
    ));
    connector.fields.push(
        Field::new("Body", FieldValue::Json(connector_body(context))).unverified(Unverified::Value),
    );
    sections.push(connector);
    for (name, action) in &context.spec.actions {
        let mut section = Section::new(format!("Create action {name}"));
        section.fields.push(Field::text(
            "Request",
            format!("POST {API}/platform/extensions/http-actions"),
        ));
        section.fields.push(
            Field::new("Body", FieldValue::Json(action_body(context, name, action)))
                .unverified(Unverified::Value),
        );
        sections.push(section);
    }
    (sections, notes)
}

fn text(context: &Context<'_>, pointer: &str) -> Json {
    Json::String(studio(context.field(pointer), Place::Other))
}

fn map_pairs<V>(context: &Context<'_>, pointer: &str, map: &indexmap::IndexMap<String, V>) -> Json {
    Json::Array(
        map.keys()
            .map(|key| json!({ "key": key, "value": text(context, &push_pointer(pointer, key)) }))
            .collect(),
    )
}

fn connector_body(context: &Context<'_>) -> Json {
    let spec = context.spec;
    let mut body = Map::new();
    body.insert("name".into(), json!(spec.name));
    if let Some(description) = spec
        .description
        .as_ref()
        .or(spec.display_description.as_ref())
    {
        body.insert("description".into(), json!(description));
    }
    body.insert("base_url".into(), text(context, "/base_url"));
    let (key, auth) = match &spec.auth {
        Auth::None(_) => (None, Json::Null),
        Auth::Basic(_) => (
            Some("basic_auth"),
            json!({ "username": text(context, "/auth/username"), "password": text(context, "/auth/password") }),
        ),
        Auth::ApiKey(api_key) => (
            Some("api_key_auth"),
            match api_key.placement {
                ApiKeyPlacement::Header => json!({
                    "placement": "header",
                    "header_name": api_key.header(),
                    "value_pattern": api_key.pattern(),
                    "key": text(context, "/auth/key"),
                }),
                ApiKeyPlacement::Query => json!({
                    "placement": "query",
                    "param_name": api_key.param_name,
                    "key": text(context, "/auth/key"),
                }),
            },
        ),
        Auth::Bearer(_) => (
            Some("api_key_auth"),
            json!({
                "placement": "header",
                "header_name": DEFAULT_AUTH_HEADER,
                "value_pattern": DEFAULT_VALUE_PATTERN,
                "key": text(context, "/auth/token"),
            }),
        ),
        Auth::Oauth2(oauth2) => (Some("oauth2"), oauth2_body(context, oauth2)),
        Auth::Jwt(jwt) => (
            Some("jwt_auth"),
            json!({
                "private_key": text(context, "/auth/private_key"),
                "client_id": jwt.client_id.as_ref().map(|_| text(context, "/auth/client_id")),
                "key_id": jwt.key_id.as_ref().map(|_| text(context, "/auth/key_id")),
                "algorithm": format!("JWT_ALGORITHM_{:?}", jwt.algorithm),
                "expiry_seconds": jwt.expiry_seconds,
                "claims": claims(context, &jwt.claims),
                "token_url": jwt.token_url.as_ref().map(|_| text(context, "/auth/token_url")),
                "assertion_key": jwt.assertion_key,
                "custom_grant_type": jwt.custom_grant_type,
                "token_request": token_request(context, &jwt.token_request),
            }),
        ),
        Auth::Jwks(jwks) => (
            Some("jwks_auth"),
            json!({
                "claims": claims(context, &jwks.claims),
                "token_url": jwks.token_url.as_ref().map(|_| text(context, "/auth/token_url")),
                "token_request": token_request(context, &jwks.token_request),
            }),
        ),
        Auth::OnPrem(on_prem) => (
            Some("on_prem_auth"),
            json!({ "service_name": on_prem.service_name }),
        ),
    };
    if let Some(key) = key {
        body.insert(key.into(), drop_nulls(auth));
    }
    if !spec.common_headers.is_empty() {
        body.insert(
            "common_headers".into(),
            map_pairs(context, "/common_headers", &spec.common_headers),
        );
    }
    Json::Object(body)
}

fn oauth2_body(context: &Context<'_>, oauth2: &OAuth2) -> Json {
    let common = oauth2.common();
    let mut body = json!({
        "grant_type": oauth2.grant_name(),
        "client_id": common.client_id.as_ref().map(|_| text(context, "/auth/client_id")),
        "client_secret": common.client_secret.as_ref().map(|_| text(context, "/auth/client_secret")),
        "token_url": text(context, "/auth/token_url"),
        "scopes": context.scopes(),
        "client_authentication": match common.client_authentication {
            ClientAuthentication::Auto => Json::Null,
            other => json!(other.as_str()),
        },
        "custom_grant_type": common.custom_grant_type,
        "token_request": token_request(context, &common.token_request),
        "token_response_keys": common.token_response_keys.as_ref().map(|k| json!({
            "access_token": k.access_token,
            "expires_in": k.expires_in,
            "expires_in_format": "CUSTOM_OAUTH2_EXPIRES_IN_FORMAT_SECONDS",
        })),
        "token_header": common.token_header.as_ref().map(|h| json!({ "key": h.key, "value_pattern": h.pattern() })),
    });
    if let (Json::Object(map), Some(extra)) = (&mut body, grant_fields(context, oauth2)) {
        map.extend(extra);
    }
    body
}

fn grant_fields(context: &Context<'_>, oauth2: &OAuth2) -> Option<Map<String, Json>> {
    let value = match oauth2 {
        OAuth2::ClientCredentials(_) => return None,
        OAuth2::AuthorizationCode(grant) => json!({
            "authorization_url": text(context, "/auth/authorization_url"),
            "authorization_query": map_pairs(context, "/auth/authorization_query", &grant.authorization_query),
            "pkce": grant.pkce,
            "revoke_url": grant.revoke_url.as_ref().map(|_| text(context, "/auth/revoke_url")),
        }),
        OAuth2::Password(_) => json!({
            "username": text(context, "/auth/username"),
            "password": text(context, "/auth/password"),
        }),
        OAuth2::RefreshToken(_) => json!({ "refresh_token": text(context, "/auth/refresh_token") }),
        OAuth2::SamlBearer(grant) => {
            let optional = |field: &str, present: bool| {
                present.then(|| text(context, &format!("/auth/{field}")))
            };
            json!({
                "idp_url": optional("idp_url", grant.idp_url.is_some()),
                "idp_signing_certificate": optional("idp_signing_certificate", grant.idp_signing_certificate.is_some()),
                "expected_audience": optional("expected_audience", grant.expected_audience.is_some()),
                "attribute_mappings": (!grant.attribute_mappings.is_empty())
                    .then(|| map_pairs(context, "/auth/attribute_mappings", &grant.attribute_mappings)),
                "issuer": optional("issuer", grant.issuer.is_some()),
                "signing_certificate": optional("signing_certificate", grant.signing_certificate.is_some()),
                "audience": optional("audience", grant.audience.is_some()),
                "target_audience": optional("target_audience", grant.target_audience.is_some()),
                "target_recipient_url": optional("target_recipient_url", grant.target_recipient_url.is_some()),
                "moveworks_signing_private_key": optional("moveworks_signing_private_key", grant.moveworks_signing_private_key.is_some()),
                "moveworks_signing_certificate": optional("moveworks_signing_certificate", grant.moveworks_signing_certificate.is_some()),
            })
        }
    };
    match value {
        Json::Object(map) => Some(map),
        _ => None,
    }
}

fn claims(context: &Context<'_>, claims: &connspec_model::spec::JwtClaims) -> Json {
    drop_nulls(json!({
        "issuer": claims.issuer.as_ref().map(|_| text(context, "/auth/claims/issuer")),
        "subject": claims.subject.as_ref().map(|_| text(context, "/auth/claims/subject")),
        "audience": claims.audience.as_ref().map(|_| text(context, "/auth/claims/audience")),
        "extra": map_pairs(context, "/auth/claims/extra", &claims.extra),
    }))
}

fn token_request(
    context: &Context<'_>,
    options: &connspec_model::spec::TokenRequestOptions,
) -> Json {
    if options.is_empty() {
        return Json::Null;
    }
    json!({
        "headers": map_pairs(context, "/auth/token_request/headers", &options.headers),
        "body": map_pairs(context, "/auth/token_request/body", &options.body),
    })
}

/// Removes `null` members, so optional settings the spec leaves out are absent.
fn drop_nulls(value: Json) -> Json {
    match value {
        Json::Object(map) => Json::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, drop_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}

fn action_body(context: &Context<'_>, name: &str, action: &Action) -> Json {
    let base = action_pointer(name);
    let arguments: Vec<Json> = args(action)
        .into_iter()
        .map(|a| {
            drop_nulls(json!({
                "name": a.name,
                "type": a.kind,
                "description": a.description,
                "example": a.example,
                "required": a.required,
            }))
        })
        .collect();
    let pairs = |rows: Vec<(String, String)>| -> Json {
        Json::Array(
            rows.into_iter()
                .map(|(k, v)| json!({ "key": k, "value": v }))
                .collect(),
        )
    };
    let headers = headers(context, name, action)
        .iter()
        .map(|(k, v)| (k.clone(), studio(v, Place::Other)))
        .collect();
    let query = query(context, name, action)
        .into_iter()
        .map(|(k, v)| (k, studio(v, Place::Other)))
        .collect();
    let body = body(
        context,
        name,
        action,
        &|r| studio(r, Place::Other),
        &studio_leaf,
    );
    drop_nulls(json!({
        "signature": drop_nulls(json!({
            "name": name,
            "description": action.description,
            "input_arguments": arguments,
        })),
        "connector_id": "<id of the connector created above>",
        "method": action.method.as_str(),
        "path": studio(context.field(&format!("{base}/path")), Place::ApiPath),
        "query_params": pairs(query),
        "headers": pairs(headers),
        "body_bender": body,
    }))
}
