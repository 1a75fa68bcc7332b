//! `/api/…`: bearer-token authentication, scope enforcement per route with the provider
//! catalogue (the same map the lint rules use), and the resources: list, show, and approve,
//! reject or hold a pending approval.

use std::borrow::Cow;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use connspec_catalog::RouteMatch;
use serde_json::Value;

use crate::app::App;
use crate::config::ApprovalResponse;
use crate::data::{ActionError, ApprovalAction, INTEGRATION_USER_ID, Resource};
use crate::format::{self, Format};
use crate::log::LogNote;
use crate::query::{self, ReturnObject, compare_values};
use crate::token::{Claims, TokenError};

/// Every request under `/api/`.
pub(crate) async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let format = format::negotiate(request.headers());
    let claims = match authenticate(&app, request.headers()) {
        Ok(claims) => claims,
        Err(message) => return unauthorized(format, message),
    };
    let mut response = route(&app, &request, &claims, format);
    response.extensions_mut().insert(LogNote {
        client_id: Some(claims.client_id),
        ..LogNote::default()
    });
    response
}

fn route(app: &App, request: &Request, claims: &Claims, format: Format) -> Response {
    let method = request.method();
    let path = request.uri().path();
    let route = match app.catalog.route(method.as_str(), path) {
        RouteMatch::Found(route) => route,
        RouteMatch::WrongMethod(methods) => {
            let mut response = format::errors(
                format,
                StatusCode::METHOD_NOT_ALLOWED,
                "base",
                &[&format!(
                    "{path} does not accept {method}; it accepts {}",
                    methods.join(", ")
                )],
            );
            if let Ok(allow) = HeaderValue::from_str(&methods.join(", ")) {
                response.headers_mut().insert(header::ALLOW, allow);
            }
            return response;
        }
        RouteMatch::Unknown => {
            return format::errors(
                format,
                StatusCode::NOT_FOUND,
                "base",
                &[&format!("No route matches [{method}] \"{path}\"")],
            );
        }
    };
    if !route.requirement.is_met_by(|scope| claims.has_scope(scope)) {
        let needed = route.least_privileged().join(" ");
        let mut response = format::errors(
            format,
            StatusCode::FORBIDDEN,
            "base",
            &[&format!(
                "The access token lacks the scope {needed}, which {method} {} requires",
                route.path
            )],
        );
        if let Ok(value) = HeaderValue::from_str(&format!(
            "Bearer realm=\"Coupa\", error=\"insufficient_scope\", scope=\"{needed}\""
        )) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        return response;
    }
    // Dispatch on the catalogue's route template, so the sandbox serves exactly the routes
    // the lint rules know, with their scopes.
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let template: Vec<&str> = route.path.split('/').filter(|s| !s.is_empty()).collect();
    let pairs = query::pairs(request.uri().query());
    let resource = template.get(1).and_then(|s| Resource::from_path(s));
    let action = template
        .get(3)
        .and_then(|s| ApprovalAction::from_segment(s));
    match (resource, method, &template[2.min(template.len())..], action) {
        (Some(resource), &Method::GET, [], None) => list(app, resource, &pairs, claims, format),
        (Some(resource), &Method::GET, [":id"], None) => {
            show(app, resource, segments[2], &pairs, claims, format)
        }
        (Some(Resource::Approvals), &Method::PUT | &Method::PATCH, [":id", _], Some(action)) => {
            act(app, segments[2], action, &pairs, claims, format)
        }
        _ => format::errors(
            format,
            StatusCode::NOT_FOUND,
            "base",
            &[&format!(
                "{method} {} exists in Coupa but not in the connspec sandbox",
                route.path
            )],
        ),
    }
}

/// The claims of the request's bearer token, or why there are none (for a 401).
fn authenticate(app: &App, headers: &HeaderMap) -> Result<Claims, &'static str> {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        let legacy = app
            .catalog
            .legacy_headers
            .iter()
            .any(|h| headers.contains_key(h.as_str()));
        return Err(if legacy {
            "API keys are no longer supported (since R35); use an OAuth 2.0 access token"
        } else {
            "An access token is required: send Authorization: Bearer <token>"
        });
    };
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => return Err("The Authorization header must be Bearer <token>"),
    };
    app.tokens.verify(token).map_err(|error| match error {
        TokenError::Invalid => "The access token is invalid",
        TokenError::Expired => "The access token expired",
    })
}

/// 401 with an RFC 6750 challenge.
pub(crate) fn unauthorized(format: Format, message: &str) -> Response {
    let mut response = format::errors(format, StatusCode::UNAUTHORIZED, "base", &[message]);
    let challenge =
        format!("Bearer realm=\"Coupa\", error=\"invalid_token\", error_description=\"{message}\"");
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// A user-consent token sees only what is assigned to its user: its approvals.
fn visible(claims: &Claims, resource: Resource, record: &Value) -> bool {
    match (claims.uid, resource) {
        (Some(user), Resource::Approvals) => record["approver-id"].as_u64() == Some(user),
        _ => true,
    }
}

fn bad_request(format: Format, resource: Resource, message: &str) -> Response {
    format::errors(
        format,
        StatusCode::BAD_REQUEST,
        resource.error_key(),
        &[message],
    )
}

fn not_found(format: Format, resource: Resource, id: &str) -> Response {
    format::errors(
        format,
        StatusCode::NOT_FOUND,
        resource.error_key(),
        &[&format!(
            "Couldn't find {} with 'id'={id}",
            resource.element()
        )],
    )
}

fn list(
    app: &App,
    resource: Resource,
    pairs: &[(String, String)],
    claims: &Claims,
    format: Format,
) -> Response {
    let store = app.store();
    let table = store.table(resource);
    let max_page = app
        .catalog
        .conventions
        .max_page_size
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(50);
    let query = match query::parse_list(pairs, table.first(), max_page) {
        Ok(query) => query,
        Err(message) => return bad_request(format, resource, &message),
    };
    let mut selected: Vec<&Value> = table
        .iter()
        .filter(|r| visible(claims, resource, r))
        .filter(|r| query.filters.iter().all(|f| f.matches(r)))
        .collect();
    if let Some(field) = &query.order_by {
        selected.sort_by(|a, b| compare_values(&a[field.as_str()], &b[field.as_str()]));
    }
    if query.descending {
        selected.reverse();
    }
    let page: Vec<Cow<'_, Value>> = selected
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .map(|r| query.shape.apply(r))
        .collect();
    format::list(format, resource.list_element(), resource.element(), &page)
}

fn show(
    app: &App,
    resource: Resource,
    id: &str,
    pairs: &[(String, String)],
    claims: &Claims,
    format: Format,
) -> Response {
    let shape = match query::parse_shape(pairs, false) {
        Ok(shape) => shape,
        Err(message) => return bad_request(format, resource, &message),
    };
    let store = app.store();
    let record = id
        .parse::<u64>()
        .ok()
        .and_then(|n| store.find(resource, n))
        .filter(|r| visible(claims, resource, r));
    match record {
        Some(record) => format::object(
            format,
            StatusCode::OK,
            resource.element(),
            &shape.apply(record),
        ),
        None => not_found(format, resource, id),
    }
}

fn act(
    app: &App,
    id: &str,
    action: ApprovalAction,
    pairs: &[(String, String)],
    claims: &Claims,
    format: Format,
) -> Response {
    let resource = Resource::Approvals;
    let shape = match query::parse_shape(pairs, true) {
        Ok(shape) => shape,
        Err(message) => return bad_request(format, resource, &message),
    };
    let reason = pairs
        .iter()
        .find(|(k, _)| k == "reason")
        .map(|(_, v)| v.as_str());
    let Ok(number) = id.parse::<u64>() else {
        return not_found(format, resource, id);
    };
    let mut store = app.store_mut();
    if !store
        .find(resource, number)
        .is_some_and(|r| visible(claims, resource, r))
    {
        return not_found(format, resource, id);
    }
    let actor = claims.uid.unwrap_or(INTEGRATION_USER_ID);
    let approval = match store.act_on_approval(number, action, actor, reason) {
        Ok(approval) => approval,
        Err(ActionError::NotFound) => return not_found(format, resource, id),
        Err(ActionError::Invalid(message)) => return bad_request(format, resource, &message),
    };
    if shape.return_object == Some(ReturnObject::None) {
        return format::body(StatusCode::OK, format::JSON, "");
    }
    let (element, record) = match app.config.approval_response {
        ApprovalResponse::Approvable => match store.approvable_of(&approval) {
            Some((resource, record)) => (resource.element(), record.clone()),
            None => (resource.element(), approval),
        },
        ApprovalResponse::Approval => (resource.element(), approval),
    };
    format::object(format, StatusCode::OK, element, &shape.apply(&record))
}
