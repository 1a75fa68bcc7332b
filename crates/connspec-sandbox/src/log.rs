//! The request log a test reads: what was asked and answered, with every secret left out.
//!
//! An entry never holds an `Authorization` value, a client secret, a code, a code verifier, a
//! token or a password: it records *that* a token was presented, and query parameters that
//! carry secrets (Coupa documents the code exchange with its parameters in the query string)
//! have their values replaced by `REDACTED`. Request bodies are not kept at all.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// Query parameters whose values are secrets.
const SECRET_PARAMS: [&str; 11] = [
    "client_secret",
    "code",
    "code_verifier",
    "refresh_token",
    "access_token",
    "id_token",
    "token",
    "password",
    "assertion",
    "client_assertion",
    "request_id",
];

/// How a client authenticated at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// HTTP Basic (`client_secret_basic`).
    BasicHeader,
    /// `client_id` and `client_secret` in the body or query (`client_secret_post`).
    RequestBody,
    /// A public client: `client_id` only.
    None,
}

/// One request and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Order of arrival, from 1.
    pub seq: u64,
    /// Milliseconds since the sandbox started.
    pub at_ms: u64,
    /// The listener (`127.0.0.1:PORT`, or the redirect target's `127.0.0.2:PORT`).
    pub host: String,
    pub method: String,
    pub path: String,
    /// The query string with secret values replaced by `REDACTED`.
    pub query: Option<String>,
    /// The status answered; `None` when the connection was dropped (a fault).
    pub status: Option<u16>,
    /// The request carried `Authorization: Bearer …`.
    pub token_presented: bool,
    /// Token requests: the `grant_type`.
    pub grant_type: Option<String>,
    /// Token and API requests: the client (not a secret).
    pub client_id: Option<String>,
    /// Token requests: how the client authenticated.
    pub client_auth: Option<ClientAuth>,
    /// The fault applied, if any (`latency`, `status`, `rate_limit`, `malformed_json`,
    /// `oversized_body`, `redirect`, `expired_token`, `drop_connection`).
    pub fault: Option<String>,
    /// Milliseconds to answer.
    pub duration_ms: u64,
}

/// What a handler adds to its request's log entry (a response extension).
#[derive(Debug, Clone, Default)]
pub(crate) struct LogNote {
    pub(crate) grant_type: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) client_auth: Option<ClientAuth>,
}

/// A bounded log; the oldest entries go first.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: Mutex<VecDeque<LogEntry>>,
    capacity: usize,
    next_seq: AtomicU64,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> RequestLog {
        RequestLog {
            entries: Mutex::new(VecDeque::with_capacity(capacity.min(1024))),
            capacity: capacity.max(1),
            next_seq: AtomicU64::new(1),
        }
    }

    pub(crate) fn push(&self, mut entry: LogEntry) {
        entry.seq = self.next_seq.fetch_add(1, Ordering::Relaxed);
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= self.capacity {
            entries.pop_front();
        }
        entries.push_back(entry);
    }

    pub(crate) fn snapshot(&self) -> Vec<LogEntry> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.iter().cloned().collect()
    }

    pub(crate) fn since(&self, seq: u64) -> Vec<LogEntry> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.iter().filter(|e| e.seq > seq).cloned().collect()
    }

    pub(crate) fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }
}

/// The query string with the values of secret parameters replaced.
pub(crate) fn redact_query(query: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if SECRET_PARAMS.contains(&key.as_ref()) {
            out.append_pair(&key, "REDACTED");
        } else {
            out.append_pair(&key, &value);
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_query_values_are_redacted() {
        assert_eq!(
            redact_query(
                "grant_type=authorization_code&code=abc&client_secret=s3&client_id=c&reason=ok%21"
            ),
            "grant_type=authorization_code&code=REDACTED&client_secret=REDACTED&client_id=c&reason=ok%21"
        );
    }

    #[test]
    fn the_log_keeps_the_newest_entries() {
        let log = RequestLog::new(2);
        for path in ["/a", "/b", "/c"] {
            log.push(LogEntry {
                seq: 0,
                at_ms: 0,
                host: String::new(),
                method: "GET".into(),
                path: path.into(),
                query: None,
                status: Some(200),
                token_presented: false,
                grant_type: None,
                client_id: None,
                client_auth: None,
                fault: None,
                duration_ms: 0,
            });
        }
        let paths: Vec<String> = log.snapshot().into_iter().map(|e| e.path).collect();
        assert_eq!(paths, ["/b", "/c"]);
        assert_eq!(log.since(2).len(), 1);
        log.clear();
        assert!(log.snapshot().is_empty());
    }
}
