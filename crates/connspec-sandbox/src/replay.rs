//! The replay server of `connspec test --replay`: an HTTP proxy on 127.0.0.1 that answers
//! every request from a cassette and sends nothing anywhere.
//!
//! The runtime's clients use it as their only proxy, so every request reaches it whatever
//! host, port or scheme the spec names: plain HTTP in absolute form, HTTPS through `CONNECT`,
//! after which it terminates TLS with a certificate for the requested host signed by its own
//! CA (the sandbox's certificate code), which the run trusts alone. Each request is scrubbed
//! with the run's redactor (secrets and tokens to the same `<redacted NAME>` placeholders the
//! recording wrote) and matched strictly against the recorded ones: method, URL with its
//! query, headers except volatile ones, and body. A request with no match gets a 400 marked
//! with [`MISMATCH_HEADER`] whose body names the nearest recorded request and how it differs.

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use connspec_model::cassette::{Cassette, MISMATCH_HEADER, Step, is_volatile_request_header};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use crate::Error;
use crate::server::Authority;

/// Scrubs secrets and tokens out of a text, as the recording did.
pub type Scrub = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// The largest request body read (a replayed request is the spec's own).
const MAX_REQUEST_BODY: usize = 16 * 1024 * 1024;

/// A running replay server. Dropping it (or [`ReplayServer::shutdown`]) stops it.
pub struct ReplayServer {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for ReplayServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplayServer")
            .field("addr", &self.addr)
            .field("interactions", &self.state.recorded.len())
            .finish_non_exhaustive()
    }
}

struct State {
    recorded: Vec<Recorded>,
    /// The recorded interactions by their requests' canonical form, in recorded order.
    index: HashMap<String, Vec<usize>>,
    /// Which recorded interactions have answered a request.
    used: Mutex<Vec<bool>>,
    scrub: Scrub,
    authority: Authority,
    /// One TLS configuration per host asked for by `CONNECT`.
    acceptors: Mutex<HashMap<String, TlsAcceptor>>,
    served: AtomicUsize,
    mismatched: AtomicUsize,
}

/// A recorded interaction, its request normalised for matching.
struct Recorded {
    key: Key,
    /// What it was, for messages: ``action `NAME` `` or `a token request`.
    what: String,
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Bytes,
}

/// A request as matching compares it.
#[derive(Debug, Clone)]
struct Key {
    method: String,
    /// `scheme://host[:port]`, the port only when it is not the scheme's default.
    origin: String,
    path: String,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Key {
    /// The request as matching sees it, in one string: two requests are the same for a replay
    /// exactly when these are equal (JSON bodies compared as documents, however spaced).
    fn canonical(&self) -> String {
        serde_json::to_string(&(
            &self.method,
            &self.origin,
            &self.path,
            &self.query,
            &self.headers,
            canonical_body(&self.body),
        ))
        .unwrap_or_default()
    }

    fn url(&self) -> String {
        let mut url = format!("{}{}", self.origin, self.path);
        if !self.query.is_empty() {
            url.push('?');
            let mut pairs = form_urlencoded::Serializer::new(String::new());
            pairs.extend_pairs(&self.query);
            url.push_str(&pairs.finish());
        }
        url
    }
}

impl ReplayServer {
    /// Starts a replay server for `cassette` on 127.0.0.1 (a free port); `scrub` normalises
    /// what it receives (the replaying run's redactor).
    pub async fn start(cassette: Cassette, scrub: Scrub) -> Result<ReplayServer, Error> {
        let mut recorded = Vec::with_capacity(cassette.interactions.len());
        // The cassette is consumed: its bodies become the responses without a copy.
        for (index, interaction) in cassette.interactions.into_iter().enumerate() {
            let request = &interaction.request;
            let Some(body) = request.body_bytes() else {
                return Err(Error::Config(format!(
                    "interaction {index}: the request's `body_base64` is not base64"
                )));
            };
            let key = key(
                &request.method,
                &request.url,
                request.headers.iter().map(|(k, v)| (k.as_str(), v.clone())),
                body,
            )
            .ok_or_else(|| {
                Error::Config(format!(
                    "interaction {index}: `{}` is not an absolute http(s) URL",
                    request.url
                ))
            })?;
            let response = interaction.response;
            let status = StatusCode::from_u16(response.status).map_err(|_| {
                Error::Config(format!(
                    "interaction {index}: status {} is not an HTTP status",
                    response.status
                ))
            })?;
            let body = match (response.body, response.body_base64) {
                (Some(text), _) => text.into_bytes(),
                (None, base64) => connspec_model::cassette::body_bytes(None, base64.as_deref())
                    .ok_or_else(|| {
                        Error::Config(format!(
                            "interaction {index}: the response's `body_base64` is not base64"
                        ))
                    })?,
            };
            let what = match (interaction.step, &interaction.action) {
                (Step::Action, Some(name)) => format!("action `{name}`"),
                (Step::Action, None) => "an action".to_owned(),
                (Step::Token, _) => "a token request".to_owned(),
            };
            recorded.push(Recorded {
                key,
                what,
                status,
                headers: response.headers.into_iter().collect(),
                body: Bytes::from(body),
            });
        }
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind {
                addr: addr.to_string(),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: addr.to_string(),
            source,
        })?;
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, interaction) in recorded.iter().enumerate() {
            index
                .entry(interaction.key.canonical())
                .or_default()
                .push(at);
        }
        let state = Arc::new(State {
            index,
            used: Mutex::new(vec![false; recorded.len()]),
            recorded,
            scrub,
            authority: Authority::new("connspec replay CA")?,
            acceptors: Mutex::new(HashMap::new()),
            served: AtomicUsize::new(0),
            mismatched: AtomicUsize::new(0),
        });
        let (shutdown, receiver) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&state), receiver));
        Ok(ReplayServer {
            addr,
            state,
            shutdown,
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`: the proxy every client of the run uses.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// PEM of the CA that signs the certificates it serves, for the run to trust alone.
    pub fn ca_pem(&self) -> &str {
        self.state.authority.pem()
    }

    /// Requests answered, recorded or not.
    pub fn served(&self) -> usize {
        self.state.served.load(Ordering::Relaxed)
    }

    /// Requests that matched no recorded one.
    pub fn mismatched(&self) -> usize {
        self.state.mismatched.load(Ordering::Relaxed)
    }

    /// Recorded interactions that answered no request.
    pub fn unused(&self) -> usize {
        lock(&self.state.used).iter().filter(|used| !**used).count()
    }

    /// Stops accepting and closes every connection.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => return,
        };
        let Ok((stream, _)) = accepted else {
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let state = Arc::clone(&state);
                async move { Ok::<_, std::convert::Infallible>(proxy(state, request).await) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::select! {
                _ = connection => {}
                _ = shutdown.changed() => {}
            }
        });
    }
}

/// A request to the proxy: `CONNECT host:port` opens a tunnel served over TLS; an absolute
/// URL is answered at once.
async fn proxy(state: Arc<State>, request: Request<Incoming>) -> Response<Body> {
    if request.method() == Method::CONNECT {
        let Some(authority) = request.uri().authority().map(ToString::to_string) else {
            return plain(StatusCode::BAD_REQUEST, "CONNECT needs host:port");
        };
        let host = host_of(&authority);
        let acceptor = match acceptor(&state, &host) {
            Ok(acceptor) => acceptor,
            Err(error) => return plain(StatusCode::BAD_GATEWAY, &error.to_string()),
        };
        tokio::spawn(async move {
            let Ok(upgraded) = hyper::upgrade::on(request).await else {
                return;
            };
            let handshake = tokio::time::timeout(
                Duration::from_secs(10),
                acceptor.accept(TokioIo::new(upgraded)),
            );
            let Ok(Ok(stream)) = handshake.await else {
                return;
            };
            let origin = origin("https", &authority);
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let state = Arc::clone(&state);
                let origin = origin.clone();
                async move {
                    let path = request
                        .uri()
                        .path_and_query()
                        .map_or_else(|| "/".to_owned(), ToString::to_string);
                    Ok::<_, std::convert::Infallible>(
                        answer(&state, &format!("{origin}{path}"), request).await,
                    )
                }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                // As the sandbox: one buffer per response, so a large body goes out in few
                // TLS records and syscalls.
                .writev(false)
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        return Response::new(Body::from(Bytes::new()));
    }
    let uri = request.uri();
    match (uri.scheme_str(), uri.authority()) {
        (Some(scheme), Some(authority)) => {
            let path = uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), ToString::to_string);
            let url = format!("{}{path}", origin(scheme, authority.as_str()));
            answer(&state, &url, request).await
        }
        _ => plain(
            StatusCode::BAD_REQUEST,
            "the connspec replay server is a proxy: it answers absolute URLs and CONNECT only",
        ),
    }
}

fn acceptor(state: &State, host: &str) -> Result<TlsAcceptor, Error> {
    let mut acceptors = lock(&state.acceptors);
    if let Some(acceptor) = acceptors.get(host) {
        return Ok(acceptor.clone());
    }
    let acceptor = state
        .authority
        .acceptor(&[host.to_owned()], "connspec replay")?;
    acceptors.insert(host.to_owned(), acceptor.clone());
    Ok(acceptor)
}

/// Answers one request from the cassette.
async fn answer(state: &State, url: &str, request: Request<Incoming>) -> Response<Body> {
    state.served.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(Body::new(body), MAX_REQUEST_BODY).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => {
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is too large",
            );
        }
    };
    let scrub = &state.scrub;
    let headers = parts.headers.iter().filter_map(|(name, value)| {
        let value = std::str::from_utf8(value.as_bytes()).ok()?;
        Some((name.as_str(), scrub(value)))
    });
    let body = match String::from_utf8(body) {
        Ok(text) => scrub(&text).into_bytes(),
        Err(error) => error.into_bytes(),
    };
    let Some(sent) = key(parts.method.as_str(), &scrub(url), headers, body) else {
        return plain(StatusCode::BAD_REQUEST, "not an absolute http(s) URL");
    };
    let chosen = {
        let equal: &[usize] = state
            .index
            .get(&sent.canonical())
            .map_or(&[], Vec::as_slice);
        let mut used = lock(&state.used);
        // The first unused equal one; an equal one again when all have answered (a retry, a
        // token minted anew).
        let chosen = equal
            .iter()
            .copied()
            .find(|&index| !used[index])
            .or_else(|| equal.last().copied());
        if let Some(index) = chosen {
            used[index] = true;
        }
        chosen
    };
    let Some(index) = chosen else {
        state.mismatched.fetch_add(1, Ordering::Relaxed);
        return mismatch(state, &sent);
    };
    let recorded = &state.recorded[index];
    let mut response = Response::builder().status(recorded.status);
    for (name, value) in &recorded.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    response
        .body(Body::from(recorded.body.clone()))
        .unwrap_or_else(|_| {
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "a recorded header is invalid",
            )
        })
}

/// The answer to a request nothing recorded matches: the nearest recorded request and how it
/// differs, as an OAuth 2.0 error (so a token request reports it too) and in the body.
fn mismatch(state: &State, sent: &Key) -> Response<Body> {
    let nearest = state
        .recorded
        .iter()
        .enumerate()
        .max_by_key(|(index, recorded)| (score(&recorded.key, sent), std::cmp::Reverse(*index)));
    let (part, description) = match nearest {
        Some((_, recorded)) => {
            let (part, differences) = differences(&recorded.key, sent);
            (
                part,
                format!(
                    "the cassette has no request like `{} {}`; the nearest is {}'s `{} {}`, which \
                     differs in {}",
                    sent.method,
                    sent.url(),
                    recorded.what,
                    recorded.key.method,
                    recorded.key.url(),
                    differences.join("; ")
                ),
            )
        }
        None => (
            String::new(),
            format!(
                "the cassette has no request like `{} {}`; it records none at all",
                sent.method,
                sent.url()
            ),
        ),
    };
    let body = serde_json::json!({
        "error": "invalid_request",
        "error_description": format!("connspec replay: {description}"),
    });
    Response::builder()
        .status(StatusCode::BAD_REQUEST)
        .header("content-type", "application/json")
        .header(MISMATCH_HEADER, part)
        .body(Body::from(Bytes::from(body.to_string())))
        .unwrap_or_else(|_| plain(StatusCode::BAD_REQUEST, "no recorded request matches"))
}

/// How alike two requests are: the path weighs most, then the method and host, then each
/// equal query parameter, header and the body.
fn score(recorded: &Key, sent: &Key) -> i64 {
    let mut score = 0;
    if recorded.path == sent.path {
        score += 16;
    }
    if recorded.method == sent.method {
        score += 8;
    }
    if recorded.origin == sent.origin {
        score += 4;
    }
    for pair in &sent.query {
        score += if recorded.query.contains(pair) { 2 } else { -1 };
    }
    for (name, value) in &sent.headers {
        if recorded.headers.get(name) == Some(value) {
            score += 1;
        }
    }
    if same_body(&recorded.body, &sent.body) {
        score += 2;
    }
    score
}

/// The differences between a recorded request and the one sent, in words, and the part of
/// the action the first one is at (`query/status`, `headers/accept`, `path`, `method`, `body`,
/// or empty), JSON-Pointer escaped.
fn differences(recorded: &Key, sent: &Key) -> (String, Vec<String>) {
    let mut part = None;
    let mut out = Vec::new();
    let mut note = |at: Option<String>, text: String| {
        if part.is_none() {
            part = at;
        }
        out.push(text);
    };
    if recorded.method != sent.method {
        note(
            Some("method".to_owned()),
            format!(
                "the method: recorded {}, sent {}",
                recorded.method, sent.method
            ),
        );
    }
    if recorded.origin != sent.origin {
        note(
            None,
            format!(
                "the host: recorded {}, sent {}",
                recorded.origin, sent.origin
            ),
        );
    }
    if recorded.path != sent.path {
        note(
            Some("path".to_owned()),
            format!(
                "the path: recorded `{}`, sent `{}`",
                recorded.path, sent.path
            ),
        );
    }
    let names: Vec<&String> = {
        let mut names: Vec<&String> = recorded
            .query
            .iter()
            .chain(&sent.query)
            .map(|(name, _)| name)
            .collect();
        names.dedup();
        let mut seen = Vec::new();
        names.retain(|name| {
            let new = !seen.contains(name);
            seen.push(*name);
            new
        });
        names
    };
    for name in names {
        let values = |query: &[(String, String)]| -> Vec<String> {
            query
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| format!("`{v}`"))
                .collect()
        };
        let (was, now) = (values(&recorded.query), values(&sent.query));
        if was != now {
            let text = match (was.is_empty(), now.is_empty()) {
                (true, _) => format!("query `{name}`: sent {}, not recorded", now.join(", ")),
                (_, true) => format!("query `{name}`: recorded {}, not sent", was.join(", ")),
                _ => format!(
                    "query `{name}`: recorded {}, sent {}",
                    was.join(", "),
                    now.join(", ")
                ),
            };
            note(Some(format!("query/{}", escape(name))), text);
        }
    }
    let header_names: std::collections::BTreeSet<&String> =
        recorded.headers.keys().chain(sent.headers.keys()).collect();
    for name in header_names {
        let (was, now) = (recorded.headers.get(name), sent.headers.get(name));
        if was == now {
            continue;
        }
        let text = match (was, now) {
            (None, Some(value)) => format!("header `{name}`: sent `{value}`, not recorded"),
            (Some(value), None) => format!("header `{name}`: recorded `{value}`, not sent"),
            (Some(a), Some(b)) => format!("header `{name}`: recorded `{a}`, sent `{b}`"),
            (None, None) => continue,
        };
        note(Some(format!("headers/{}", escape(name))), text);
    }
    if !same_body(&recorded.body, &sent.body) {
        note(Some("body".to_owned()), "the body".to_owned());
    }
    if out.is_empty() {
        out.push("nothing (it is used up)".to_owned());
    }
    (part.unwrap_or_default(), out)
}

/// JSON Pointer escaping of one token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Whether two requests are the same for a replay.
#[cfg(test)]
fn same(recorded: &Key, sent: &Key) -> bool {
    recorded.canonical() == sent.canonical()
}

/// Equal bytes, or equal JSON documents however they are spaced.
fn same_body(recorded: &[u8], sent: &[u8]) -> bool {
    recorded == sent || canonical_body(recorded) == canonical_body(sent)
}

/// A JSON body written compactly (so spacing does not matter), any other body as it is.
fn canonical_body(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(json) => json.to_string(),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}

/// A request normalised for matching; `None` for a URL that is not absolute http(s).
fn key<'h>(
    method: &str,
    url: &str,
    headers: impl Iterator<Item = (&'h str, String)>,
    body: Vec<u8>,
) -> Option<Key> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(split);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, query),
        None => (rest, ""),
    };
    let path = if path.is_empty() { "/" } else { path };
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        if is_volatile_request_header(&name) {
            continue;
        }
        map.entry(name)
            .and_modify(|joined| {
                joined.push_str(", ");
                joined.push_str(&value);
            })
            .or_insert(value);
    }
    // `Accept: */*` is the HTTP client's default when a request names none: absent either way.
    if map.get("accept").is_some_and(|v| v == "*/*") {
        map.remove("accept");
    }
    Some(Key {
        method: method.to_ascii_uppercase(),
        origin: origin(&scheme, authority),
        path: path.to_owned(),
        query: form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        headers: map,
        body,
    })
}

/// `scheme://host[:port]` with the host in lower case and the scheme's default port left out.
fn origin(scheme: &str, authority: &str) -> String {
    let authority = authority.to_ascii_lowercase();
    let default = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default).unwrap_or(&authority);
    format!("{scheme}://{authority}")
}

/// The host of `host:port` (brackets of an IPv6 address removed).
fn host_of(authority: &str) -> String {
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

fn plain(status: StatusCode, text: &str) -> Response<Body> {
    let mut response = Response::new(Body::from(Bytes::from(format!("{text}\n"))));
    *response.status_mut() = status;
    response
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> Key {
        key("GET", url, std::iter::empty(), Vec::new()).expect("a URL")
    }

    #[test]
    fn default_ports_and_case_do_not_matter() {
        assert_eq!(
            parsed("https://Acme.example.com:443/api?a=1").origin,
            parsed("https://acme.example.com/api?a=1").origin
        );
        assert_ne!(
            parsed("https://127.0.0.1:8443/api").origin,
            parsed("https://127.0.0.1/api").origin
        );
    }

    #[test]
    fn a_changed_query_parameter_is_named_with_its_part() {
        let recorded = parsed("https://h/api/approvals?status=pending_approval&limit=5");
        let sent = parsed("https://h/api/approvals?status=approved&limit=5");
        assert!(!same(&recorded, &sent));
        let (part, words) = differences(&recorded, &sent);
        assert_eq!(part, "query/status");
        assert_eq!(
            words,
            ["query `status`: recorded `pending_approval`, sent `approved`"]
        );
    }

    #[test]
    fn json_bodies_match_however_they_are_spaced() {
        assert!(same_body(b"{\"a\": [1, 2]}", b"{\"a\":[1,2]}"));
        assert!(!same_body(b"{\"a\":1}", b"{\"a\":2}"));
    }
}
