//! `/_sandbox/…`: the request log, the faults and token expiry over HTTP, for tools outside the
//! process (`connspec sandbox` with `curl`). Loopback peers only; never logged, never faulted.
//!
//! - `GET /_sandbox/requests`, `DELETE /_sandbox/requests`
//! - `GET /_sandbox/faults`, `POST /_sandbox/faults` (a [`crate::Fault`] as JSON, e.g.
//!   `{"kind": "status", "status": 503, "path": "/api/*", "times": 2}`),
//!   `DELETE /_sandbox/faults`, `DELETE /_sandbox/faults/{id}`
//! - `POST /_sandbox/expire-tokens`: every access token issued so far expires.
//! - `GET /_sandbox/ca.pem`: the CA certificate to trust (HTTPS only).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};
use serde_json::json;

use crate::app::{App, Conn};
use crate::faults::{Fault, FaultId};
use crate::format;

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/_sandbox/requests", get(requests).delete(clear_requests))
        .route(
            "/_sandbox/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route("/_sandbox/faults/{id}", delete(remove_fault))
        .route("/_sandbox/expire-tokens", post(expire_tokens))
        .route("/_sandbox/ca.pem", get(ca))
        .layer(middleware::from_fn(loopback_only))
        .with_state(app)
}

async fn loopback_only(request: Request, next: Next) -> Response {
    let loopback = request
        .extensions()
        .get::<Conn>()
        .is_some_and(|c| c.peer.ip().is_loopback());
    if loopback {
        next.run(request).await
    } else {
        format::body(StatusCode::FORBIDDEN, format::JSON, "{}")
    }
}

async fn requests(State(app): State<Arc<App>>) -> Response {
    format::json(StatusCode::OK, &app.log.snapshot())
}

async fn clear_requests(State(app): State<Arc<App>>) -> StatusCode {
    app.log.clear();
    StatusCode::NO_CONTENT
}

async fn faults(State(app): State<Arc<App>>) -> Response {
    let list: Vec<_> = app
        .faults
        .list()
        .into_iter()
        .map(|(id, fault)| json!({"id": id, "fault": fault}))
        .collect();
    format::json(StatusCode::OK, &list)
}

async fn add_fault(State(app): State<Arc<App>>, body: Bytes) -> Response {
    match serde_json::from_slice::<Fault>(&body) {
        Ok(fault) => {
            let id = app.faults.add(fault);
            format::json(StatusCode::CREATED, &json!({"id": id}))
        }
        Err(error) => format::json(
            StatusCode::BAD_REQUEST,
            &json!({"error": format!("not a fault: {error}")}),
        ),
    }
}

async fn clear_faults(State(app): State<Arc<App>>) -> StatusCode {
    app.faults.clear();
    StatusCode::NO_CONTENT
}

async fn remove_fault(State(app): State<Arc<App>>, Path(id): Path<u64>) -> StatusCode {
    if app.faults.remove(FaultId(id)) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

async fn expire_tokens(State(app): State<Arc<App>>) -> StatusCode {
    app.tokens.expire_all();
    StatusCode::NO_CONTENT
}

async fn ca(State(app): State<Arc<App>>) -> Response {
    match &app.ca_pem {
        Some(pem) => format::body(StatusCode::OK, "application/x-pem-file", pem.clone()),
        None => format::body(StatusCode::NOT_FOUND, format::JSON, "{}"),
    }
}
