//! The state every request handler shares, the per-connection context, and the gate every
//! request passes: it applies the faults, then logs the request (redacted) and its answer.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use connspec_catalog::Catalog;
use tokio::sync::Notify;

use crate::config::SandboxConfig;
use crate::data::Store;
use crate::faults::{BodyFault, Faults, Terminal};
use crate::format;
use crate::log::{LogEntry, LogNote, RequestLog, redact_query};
use crate::oauth::OAuthState;
use crate::token::Tokens;

/// Everything the handlers share.
pub(crate) struct App {
    pub(crate) config: SandboxConfig,
    pub(crate) catalog: &'static Catalog,
    pub(crate) store: RwLock<Store>,
    pub(crate) tokens: Tokens,
    pub(crate) oauth: Mutex<OAuthState>,
    pub(crate) faults: Faults,
    pub(crate) log: RequestLog,
    pub(crate) started: Instant,
    /// `https://127.0.0.1:PORT`.
    pub(crate) base_url: String,
    /// Base URL of the other host that redirects point to.
    pub(crate) redirect_base: String,
    pub(crate) ca_pem: Option<String>,
}

/// Shows where the sandbox listens and how it is set up; never a record, code or token.
impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("base_url", &self.base_url)
            .field("redirect_base", &self.redirect_base)
            .field("catalog", &self.catalog.name)
            .field("config", &self.config)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl App {
    pub(crate) fn store(&self) -> std::sync::RwLockReadGuard<'_, Store> {
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn store_mut(&self) -> std::sync::RwLockWriteGuard<'_, Store> {
        self.store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn oauth(&self) -> std::sync::MutexGuard<'_, OAuthState> {
        self.oauth
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One connection, as its requests see it (a request extension).
#[derive(Debug, Clone)]
pub(crate) struct Conn {
    /// Notified to close the connection at once (the drop-connection fault).
    pub(crate) kill: Arc<Notify>,
    /// The listener's `address:port`.
    pub(crate) host: Arc<str>,
    /// The main listener (faults apply) rather than the redirect target.
    pub(crate) primary: bool,
    pub(crate) peer: SocketAddr,
}

/// The middleware in front of every route but the admin ones.
pub(crate) async fn gate(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let conn = request.extensions().get::<Conn>().cloned();
    let primary = conn.as_ref().is_none_or(|c| c.primary);
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let api = path.starts_with(app.catalog.api_prefix.as_str());
    let format = format::negotiate(request.headers());
    let mut entry = LogEntry {
        seq: 0,
        at_ms: u64::try_from(app.started.elapsed().as_millis()).unwrap_or(u64::MAX),
        host: conn
            .as_ref()
            .map_or_else(String::new, |c| c.host.to_string()),
        method,
        path,
        query: request.uri().query().map(redact_query),
        status: None,
        token_presented: has_bearer(request.headers()),
        grant_type: None,
        client_id: None,
        client_auth: None,
        fault: None,
        duration_ms: 0,
    };
    let plan = if primary {
        app.faults.plan(&entry.method, &entry.path, api)
    } else {
        crate::faults::Plan::default()
    };
    if !plan.applied.is_empty() {
        entry.fault = Some(plan.applied.join(","));
    }
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    let mut response = match plan.terminal {
        Some(Terminal::Drop) => {
            if let Some(conn) = conn {
                entry.duration_ms = millis(started);
                app.log.push(entry.clone());
                conn.kill.notify_one();
                // The connection task drops this future with the connection.
                std::future::pending::<()>().await;
            }
            format::body(StatusCode::INTERNAL_SERVER_ERROR, format::HTML, "")
        }
        Some(Terminal::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            format::html(
                status,
                &status.to_string(),
                "<p>The server cannot answer right now. Please try again later.</p>",
            )
        }
        Some(Terminal::RateLimited { retry_after }) => {
            let mut response = format::html(
                StatusCode::TOO_MANY_REQUESTS,
                "429 Too Many Requests",
                "<p>Rate limit exceeded: 25 requests per second, bursts of 20.</p>",
            );
            if let Some(wait) = retry_after {
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            }
            response
        }
        Some(Terminal::Redirect(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
            let location = format!("{}{path_and_query}", app.redirect_base);
            let mut response = format::body(status, format::HTML, "");
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Some(Terminal::ExpiredToken) => {
            crate::api::unauthorized(format, "The access token expired")
        }
        None => next.run(request).await,
    };
    if let Some(fault) = plan.body
        && response.status().is_success()
    {
        response = change_body(response, fault).await;
    }
    if let Some(note) = response.extensions().get::<LogNote>() {
        entry.grant_type.clone_from(&note.grant_type);
        entry.client_id.clone_from(&note.client_id);
        entry.client_auth = note.client_auth;
    }
    entry.status = Some(response.status().as_u16());
    entry.duration_ms = millis(started);
    app.log.push(entry);
    response
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn has_bearer(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "))
}

/// Cuts a body in half, or pads it past `bytes` while keeping it valid.
async fn change_body(response: Response, fault: BodyFault) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let new_body: Vec<u8> = match fault {
        BodyFault::Malformed => {
            if bytes.len() < 2 {
                b"{\"errors\":".to_vec()
            } else {
                bytes[..bytes.len() / 2].to_vec()
            }
        }
        BodyFault::Oversized(target) => pad(&bytes, target),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(new_body))
}

fn pad(bytes: &[u8], target: usize) -> Vec<u8> {
    let trimmed = bytes.trim_ascii();
    let mut out = Vec::with_capacity(target + bytes.len() * 2);
    if trimmed.len() >= 2 && trimmed.starts_with(b"[") && trimmed.ends_with(b"]") {
        // A JSON array: repeat its elements (an empty one gets strings).
        let mut inner = trimmed[1..trimmed.len() - 1].trim_ascii();
        if inner.is_empty() {
            inner = b"\"sandbox-padding\"";
        }
        out.push(b'[');
        out.extend_from_slice(inner);
        while out.len() < target {
            out.push(b',');
            out.extend_from_slice(inner);
        }
        out.push(b']');
    } else if trimmed.starts_with(b"{") && trimmed.ends_with(b"}") {
        // A JSON object: add a long attribute.
        out.extend_from_slice(b"{\"sandbox-padding\":\"");
        out.resize(target + 20, b'x');
        out.extend_from_slice(b"\"");
        if trimmed.len() > 2 {
            out.push(b',');
            out.extend_from_slice(&trimmed[1..]);
        } else {
            out.push(b'}');
        }
    } else {
        // XML or anything else: a comment after the document.
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"<!-- ");
        out.resize(target + 5, b'x');
        out.extend_from_slice(b" -->\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn padding_keeps_json_valid() {
        for body in [&b"[{\"id\":1},{\"id\":2}]"[..], b"{\"id\":1}", b"{}", b"[]"] {
            let padded = pad(body, 10_000);
            assert!(padded.len() >= 10_000);
            serde_json::from_slice::<serde_json::Value>(&padded).expect("valid JSON");
        }
        assert!(pad(b"<a/>", 1000).ends_with(b" -->\n"));
    }
}
