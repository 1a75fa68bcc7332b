//! Faults a test switches on per route: latency, an error status, Coupa's 429 rate limit, a
//! malformed or oversized body, a redirect to another host, an expired token and a dropped
//! connection.
//!
//! A fault matches a method (or any) and a path pattern: `*` matches everything, a pattern's
//! `:name` segment matches one path segment and a final `*` segment the rest
//! (`/api/approvals/:id/approve`, `/api/*`). It applies to every matching request, or to the
//! next `times` ones. Faults apply on the main listener only; the redirect target is healthy.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Body size of [`Fault::oversized_body`]: above Agent Studio's 200 KB response limit.
pub const OVERSIZED_BODY_BYTES: usize = 256 * 1024;

/// What a fault does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Wait this long, then answer as usual.
    Latency { millis: u64 },
    /// Answer with this status (a 5xx) and an HTML page, as a proxy in front of Coupa would.
    Status { status: u16 },
    /// A leaky bucket: `burst` requests at once, refilled at `per_second`; requests that find it
    /// full get 429, with `Retry-After` only when `retry_after` is set (Coupa sends none).
    RateLimit {
        per_second: f64,
        burst: u32,
        #[serde(default)]
        retry_after: bool,
    },
    /// A successful answer's body cut in half: the JSON (or XML) does not parse.
    MalformedJson,
    /// A successful answer padded to at least `bytes`, still valid JSON (or XML).
    OversizedBody { bytes: usize },
    /// Redirect (`status`, e.g. 302) to the same path on another host: the sandbox's second
    /// listener on `127.0.0.2` (or `127.0.0.1` on another port where that address is missing).
    Redirect { status: u16 },
    /// 401 as if the presented token had expired (API routes only).
    ExpiredToken,
    /// Close the connection without answering.
    DropConnection,
}

impl FaultKind {
    /// The name the request log gives this fault.
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Latency { .. } => "latency",
            FaultKind::Status { .. } => "status",
            FaultKind::RateLimit { .. } => "rate_limit",
            FaultKind::MalformedJson => "malformed_json",
            FaultKind::OversizedBody { .. } => "oversized_body",
            FaultKind::Redirect { .. } => "redirect",
            FaultKind::ExpiredToken => "expired_token",
            FaultKind::DropConnection => "drop_connection",
        }
    }
}

/// A fault and the requests it applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    #[serde(flatten)]
    pub kind: FaultKind,
    /// `GET`, `PUT`, …; `None` for any method.
    #[serde(default)]
    pub method: Option<String>,
    /// Path pattern; see the module documentation.
    #[serde(default = "any_path")]
    pub path: String,
    /// Apply to this many requests, then switch off; `None` until removed.
    #[serde(default)]
    pub times: Option<u32>,
}

fn any_path() -> String {
    "*".to_owned()
}

impl Fault {
    /// A fault on every route, every time.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            kind,
            method: None,
            path: any_path(),
            times: None,
        }
    }

    pub fn latency(delay: Duration) -> Fault {
        Fault::new(FaultKind::Latency {
            millis: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        })
    }

    /// An error status, e.g. 500, 502, 503.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultKind::Status { status })
    }

    /// Coupa's rate limit: 25 requests per second, burst 20, no `Retry-After`.
    pub fn rate_limit() -> Fault {
        Fault::new(FaultKind::RateLimit {
            per_second: 25.0,
            burst: 20,
            retry_after: false,
        })
    }

    pub fn malformed_json() -> Fault {
        Fault::new(FaultKind::MalformedJson)
    }

    /// A body of [`OVERSIZED_BODY_BYTES`] or more.
    pub fn oversized_body() -> Fault {
        Fault::new(FaultKind::OversizedBody {
            bytes: OVERSIZED_BODY_BYTES,
        })
    }

    /// A 302 to the same path on another host.
    pub fn redirect() -> Fault {
        Fault::new(FaultKind::Redirect { status: 302 })
    }

    pub fn expired_token() -> Fault {
        Fault::new(FaultKind::ExpiredToken)
    }

    pub fn drop_connection() -> Fault {
        Fault::new(FaultKind::DropConnection)
    }

    /// Only on requests to paths matching `pattern`, any method.
    #[must_use]
    pub fn on(mut self, pattern: &str) -> Fault {
        pattern.clone_into(&mut self.path);
        self
    }

    /// Only on `method` requests to paths matching `pattern`.
    #[must_use]
    pub fn on_method(mut self, method: &str, pattern: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        pattern.clone_into(&mut self.path);
        self
    }

    /// Only for the next `n` matching requests.
    #[must_use]
    pub fn times(mut self, n: u32) -> Fault {
        self.times = Some(n);
        self
    }

    /// With `Retry-After` on 429 answers (rate limits only).
    #[must_use]
    pub fn with_retry_after(mut self) -> Fault {
        if let FaultKind::RateLimit { retry_after, .. } = &mut self.kind {
            *retry_after = true;
        }
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        if self
            .method
            .as_deref()
            .is_some_and(|m| !m.eq_ignore_ascii_case(method))
        {
            return false;
        }
        path_matches(&self.path, path)
    }
}

/// Whether `path` matches a fault's path pattern.
fn path_matches(pattern: &str, path: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let mut pattern_parts = pattern.split('/').filter(|s| !s.is_empty());
    let mut path_parts = path.split('/').filter(|s| !s.is_empty());
    loop {
        match (pattern_parts.next(), path_parts.next()) {
            (Some("*"), _) | (None, None) => return true,
            (Some(p), Some(s)) if p.starts_with(':') || p == s => {}
            _ => return false,
        }
    }
}

/// The id of an added fault, to remove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FaultId(pub u64);

/// An active fault with its state.
#[derive(Debug)]
struct Rule {
    id: FaultId,
    fault: Fault,
    remaining: Option<u32>,
    bucket: Bucket,
}

/// A leaky bucket's level.
#[derive(Debug, Default)]
struct Bucket {
    level: f64,
    last: Option<Instant>,
}

impl Bucket {
    /// Admits a request, or tells how long until one would be admitted.
    fn admit(&mut self, now: Instant, per_second: f64, burst: u32) -> Result<(), Duration> {
        let per_second = per_second.max(0.001);
        if let Some(last) = self.last {
            let drained = now.duration_since(last).as_secs_f64() * per_second;
            self.level = (self.level - drained).max(0.0);
        }
        self.last = Some(now);
        let capacity = f64::from(burst.max(1));
        if self.level + 1.0 <= capacity {
            self.level += 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (self.level + 1.0 - capacity) / per_second,
            ))
        }
    }
}

/// What the faults say about one request.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) latency: Duration,
    pub(crate) terminal: Option<Terminal>,
    pub(crate) body: Option<BodyFault>,
    /// Names of the faults applied, for the log.
    pub(crate) applied: Vec<&'static str>,
}

/// A fault that answers instead of the route.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Terminal {
    Status(u16),
    RateLimited { retry_after: Option<Duration> },
    Redirect(u16),
    ExpiredToken,
    Drop,
}

/// A fault that changes a successful answer's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFault {
    Malformed,
    Oversized(usize),
}

/// The active faults.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    any: AtomicBool,
    rules: Mutex<Vec<Rule>>,
    next_id: AtomicU64,
}

impl Faults {
    pub(crate) fn add(&self, fault: Fault) -> FaultId {
        let id = FaultId(self.next_id.fetch_add(1, Ordering::Relaxed) + 1);
        let mut rules = self
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        rules.push(Rule {
            id,
            remaining: fault.times,
            fault,
            bucket: Bucket::default(),
        });
        self.any.store(true, Ordering::Release);
        id
    }

    pub(crate) fn remove(&self, id: FaultId) -> bool {
        let mut rules = self
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = rules.len();
        rules.retain(|r| r.id != id);
        self.any.store(!rules.is_empty(), Ordering::Release);
        rules.len() != before
    }

    pub(crate) fn clear(&self) {
        let mut rules = self
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        rules.clear();
        self.any.store(false, Ordering::Release);
    }

    /// The active faults with their ids.
    pub(crate) fn list(&self) -> Vec<(FaultId, Fault)> {
        let rules = self
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        rules.iter().map(|r| (r.id, r.fault.clone())).collect()
    }

    /// Decides what the faults do to a request; `api` tells whether it is an API route.
    pub(crate) fn plan(&self, method: &str, path: &str, api: bool) -> Plan {
        let mut plan = Plan::default();
        if !self.any.load(Ordering::Acquire) {
            return plan;
        }
        let now = Instant::now();
        let mut rules = self
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for rule in rules.iter_mut() {
            if rule.remaining == Some(0) || !rule.fault.matches(method, path) {
                continue;
            }
            let applied = match &rule.fault.kind {
                FaultKind::Latency { millis } => {
                    plan.latency += Duration::from_millis(*millis);
                    true
                }
                FaultKind::RateLimit {
                    per_second,
                    burst,
                    retry_after,
                } => {
                    if let Err(wait) = rule.bucket.admit(now, *per_second, *burst)
                        && plan.terminal.is_none()
                    {
                        plan.terminal = Some(Terminal::RateLimited {
                            retry_after: retry_after.then_some(wait),
                        });
                    }
                    true
                }
                FaultKind::ExpiredToken if !api => false,
                terminal @ (FaultKind::Status { .. }
                | FaultKind::Redirect { .. }
                | FaultKind::ExpiredToken
                | FaultKind::DropConnection) => {
                    if plan.terminal.is_some() {
                        false
                    } else {
                        plan.terminal = Some(match terminal {
                            FaultKind::Status { status } => Terminal::Status(*status),
                            FaultKind::Redirect { status } => Terminal::Redirect(*status),
                            FaultKind::ExpiredToken => Terminal::ExpiredToken,
                            _ => Terminal::Drop,
                        });
                        true
                    }
                }
                body @ (FaultKind::MalformedJson | FaultKind::OversizedBody { .. }) => {
                    if plan.body.is_some() {
                        false
                    } else {
                        plan.body = Some(match body {
                            FaultKind::OversizedBody { bytes } => BodyFault::Oversized(*bytes),
                            _ => BodyFault::Malformed,
                        });
                        true
                    }
                }
            };
            if applied {
                plan.applied.push(rule.fault.kind.name());
                if let Some(remaining) = &mut rule.remaining {
                    *remaining -= 1;
                }
            }
        }
        rules.retain(|r| r.remaining != Some(0));
        self.any.store(!rules.is_empty(), Ordering::Release);
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_segments() {
        assert!(path_matches("*", "/anything"));
        assert!(path_matches("/api/approvals", "/api/approvals"));
        assert!(path_matches("/api/approvals/", "/api/approvals"));
        assert!(!path_matches("/api/approvals", "/api/approvals/1"));
        assert!(path_matches(
            "/api/approvals/:id/approve",
            "/api/approvals/7/approve"
        ));
        assert!(!path_matches(
            "/api/approvals/:id/approve",
            "/api/approvals/7/reject"
        ));
        assert!(path_matches("/api/*", "/api/users/3"));
        assert!(!path_matches("/api/*", "/oauth2/token"));
    }

    #[test]
    fn the_bucket_admits_a_burst_then_the_rate() {
        let mut bucket = Bucket::default();
        let start = Instant::now();
        for _ in 0..20 {
            assert!(bucket.admit(start, 25.0, 20).is_ok());
        }
        let wait = bucket.admit(start, 25.0, 20).expect_err("full");
        assert!(wait <= Duration::from_millis(41), "{wait:?}");
        // 40 ms later one request's worth has drained.
        assert!(
            bucket
                .admit(start + Duration::from_millis(40), 25.0, 20)
                .is_ok()
        );
        assert!(
            bucket
                .admit(start + Duration::from_millis(40), 25.0, 20)
                .is_err()
        );
        assert!(
            bucket
                .admit(start + Duration::from_secs(1), 25.0, 20)
                .is_ok()
        );
    }

    #[test]
    fn times_counts_applications_and_then_the_fault_is_gone() {
        let faults = Faults::default();
        faults.add(Fault::status(503).on("/api/*").times(2));
        faults.add(Fault::latency(Duration::from_millis(5)).on_method("PUT", "/api/*"));
        assert_eq!(faults.plan("GET", "/oauth2/token", false).terminal, None);
        for _ in 0..2 {
            let plan = faults.plan("GET", "/api/users", true);
            assert_eq!(plan.terminal, Some(Terminal::Status(503)));
            assert_eq!(plan.latency, Duration::ZERO);
        }
        assert_eq!(faults.plan("GET", "/api/users", true).terminal, None);
        assert_eq!(faults.list().len(), 1);
        let plan = faults.plan("put", "/api/approvals/1/approve", true);
        assert_eq!(plan.latency, Duration::from_millis(5));
        assert_eq!(plan.applied, ["latency"]);
        faults.clear();
        assert!(faults.list().is_empty());
    }

    #[test]
    fn faults_round_trip_through_json() {
        let fault = Fault::rate_limit()
            .with_retry_after()
            .on("/api/approvals")
            .times(3);
        let text = serde_json::to_string(&fault).expect("serialize");
        assert_eq!(
            text,
            r#"{"kind":"rate_limit","per_second":25.0,"burst":20,"retry_after":true,"method":null,"path":"/api/approvals","times":3}"#
        );
        assert_eq!(serde_json::from_str::<Fault>(&text).expect("parse"), fault);
        let minimal: Fault = serde_json::from_str(r#"{"kind":"drop_connection"}"#).expect("parse");
        assert_eq!(minimal, Fault::drop_connection());
    }
}
