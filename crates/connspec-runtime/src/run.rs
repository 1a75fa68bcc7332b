//! The action runner: actions concurrently over one connection pool, the shared token,
//! retries of 429, 502, 503, 504 and connection errors with exponential backoff and jitter (honouring
//! `Retry-After`), one re-minted token on a 401, per-request timeouts and an overall deadline.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connspec_compile::{Redactor, RuntimeAction, RuntimeAuth, RuntimeBody, RuntimeConnector};
use connspec_diagnostics::Severity;
use serde::Serialize;

use crate::Error;
use crate::codes::{
    REPLAY_MISMATCH, REQUEST_FAILED, RESPONSE_TOO_LARGE, TOKEN_REQUEST_FAILED, UNEXPECTED_STATUS,
    UNSUPPORTED_AUTH,
};
use crate::expect::{
    AGENT_STUDIO_RESPONSE_LIMIT, Finding, VERBOSE_BODY_BYTES, body_excerpt, body_excerpt_within,
    evaluate, quote_body, wants_excerpt,
};
use crate::http::{
    self, AGENT_STUDIO_TIMEOUT, MAX_RESPONSE_BYTES, MAX_TOKEN_RESPONSE_BYTES, Transport,
};
use crate::limits::{
    DEFAULT_DEADLINE, DEFAULT_JOBS, DEFAULT_MAX_ATTEMPTS, FIRST_BACKOFF, MAX_BACKOFF,
    RESPONSE_READ, RUN_DEADLINE,
};
use crate::login::StoredToken;
use crate::record::{Recorder, Tag, Trace};
use crate::retry::{Retry, is_retryable_status};
use crate::token::{TokenError, TokenReport, TokenSource, lock, transport_message};
use connspec_diagnostics::Amount;
use connspec_model::cassette::{Interaction, MISMATCH_HEADER};
use connspec_model::spec::common_header_applies;

/// How a run behaves.
#[derive(Clone)]
pub struct RunOptions {
    /// Actions in flight at once.
    pub jobs: usize,
    /// Per-request timeout (Agent Studio's 60 s by default).
    pub timeout: Duration,
    /// Deadline of the whole run.
    pub deadline: Duration,
    /// Attempts per request, the first included, for 429, 502, 503, 504 and connection errors.
    pub max_attempts: u32,
    /// First backoff; doubled per attempt, with up to 50 % jitter added.
    pub backoff: Duration,
    /// Longest wait for one retry, `Retry-After` included.
    pub max_backoff: Duration,
    /// The most of an action's response body that is read (`--max-response-bytes`).
    pub max_response_bytes: usize,
    /// The most of a token response that is read (`--max-token-response-bytes`).
    pub max_token_response_bytes: usize,
    /// Run POST, PUT, PATCH and DELETE actions too.
    pub allow_writes: bool,
    /// Run only these actions (all when empty).
    pub only: Vec<String>,
    /// An extra trusted CA (PEM), e.g. the sandbox's; then only it is trusted.
    pub ca_pem: Option<String>,
    /// A token set from `connspec login` (authorization code grant).
    pub stored_token: Option<StoredToken>,
    /// Leave secret values and tokens in the report (`--reveal-secrets`).
    pub reveal_secrets: bool,
    /// Keep each action's request and response (headers and a body excerpt, secrets
    /// redacted) in its report (`--verbose`).
    pub verbose: bool,
    /// Told what happens as it happens (the token step, each action as it finishes), for
    /// output that streams. Calls never overlap and their `done` counts only go up.
    pub events: Option<EventSink>,
    /// Keep each token exchange (request, response, bodies; secrets redacted) in the token
    /// report (`-vv`).
    pub verbose_tokens: bool,
    /// Keep every token exchange and action request with its response, scrubbed, for a
    /// cassette ([`RunReport::interactions`], `--record`).
    pub record: bool,
    /// Send every request through this proxy and nowhere else: a replay server's
    /// `http://127.0.0.1:PORT` (`--replay`).
    pub proxy: Option<String>,
    /// The responses come from a replay server: one marked with
    /// [`MISMATCH_HEADER`](connspec_model::cassette::MISMATCH_HEADER) fails its action with
    /// the server's description of the nearest recorded request (R011).
    pub replay: bool,
    /// The run's redactor, shared with the caller (a replay server normalises what it receives
    /// with the same names); it starts as the connector's and learns every token.
    pub redactor: Option<Arc<Mutex<Redactor>>>,
}

/// Where a run's events go.
pub type EventSink = Arc<dyn Fn(RunEvent<'_>) + Send + Sync>;

/// Something that happened during a run, scrubbed as the final report is.
#[derive(Debug)]
pub enum RunEvent<'a> {
    /// The token step is over, with or without a token (also when no token is needed:
    /// then both are `None`).
    Token {
        token: Option<&'a TokenReport>,
        error: Option<&'a Finding>,
    },
    /// An action finished (or was skipped): the `done`-th of `total`, in the order they
    /// finished.
    Action {
        report: &'a ActionReport,
        done: usize,
        total: usize,
    },
}

impl std::fmt::Debug for RunOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunOptions")
            .field("jobs", &self.jobs)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_attempts", &self.max_attempts)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_token_response_bytes", &self.max_token_response_bytes)
            .field("allow_writes", &self.allow_writes)
            .field("only", &self.only)
            .finish_non_exhaustive()
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            jobs: usize::from(DEFAULT_JOBS),
            timeout: AGENT_STUDIO_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            backoff: FIRST_BACKOFF,
            max_backoff: MAX_BACKOFF,
            max_response_bytes: MAX_RESPONSE_BYTES,
            max_token_response_bytes: MAX_TOKEN_RESPONSE_BYTES,
            allow_writes: false,
            only: Vec::new(),
            ca_pem: None,
            stored_token: None,
            reveal_secrets: false,
            verbose: false,
            events: None,
            verbose_tokens: false,
            record: false,
            proxy: None,
            replay: false,
            redactor: None,
        }
    }
}

/// What happened to one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Passed,
    Failed,
    Skipped,
}

/// The result of one action.
#[derive(Debug, Clone, Serialize)]
pub struct ActionReport {
    pub name: String,
    /// The action's JSON Pointer in the spec.
    pub pointer: String,
    pub method: &'static str,
    /// The URL without its query, secrets redacted.
    pub url: String,
    pub outcome: Outcome,
    /// Why it was skipped.
    pub skipped: Option<String>,
    pub status: Option<u16>,
    pub latency_ms: u64,
    pub bytes: usize,
    pub attempts: u32,
    pub findings: Vec<Finding>,
    /// What was sent and received on the last attempt, with `--verbose`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Exchange>,
}

/// One request and its response as `--verbose` shows them: lines as an HTTP client's trace
/// prints them, credential headers masked and every secret and token redacted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// `GET https://host/path?query`, then one `Name: value` line per header.
    pub request: Vec<String>,
    /// The start of the request's body, on one line (token exchanges).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<String>,
    /// The status line, then one `name: value` line per header; empty when no response came.
    pub response: Vec<String>,
    /// The start of the body, on one line.
    pub body: Option<String>,
}

/// The result of a run.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub connector: String,
    pub token: Option<TokenReport>,
    /// Why no token was obtained.
    pub token_error: Option<Finding>,
    pub actions: Vec<ActionReport>,
    /// Token requests sent (1 for a healthy client-credentials run).
    pub token_requests: u32,
    /// API requests sent, retries included.
    pub requests: u32,
    pub elapsed_ms: u64,
    /// The token set after a refresh (authorization code), to store for the next run.
    #[serde(skip)]
    pub renewed_token: Option<StoredToken>,
    /// Every exchange of a recorded run ([`RunOptions::record`]), scrubbed into placeholders
    /// whatever `reveal_secrets` says, for a cassette.
    #[serde(skip)]
    pub interactions: Vec<Interaction>,
}

impl RunReport {
    /// Whether any action failed or no token was obtained.
    pub fn failed(&self) -> bool {
        self.token_error.is_some() || self.actions.iter().any(|a| a.outcome == Outcome::Failed)
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.actions.iter().filter(|a| a.outcome == outcome).count()
    }
}

struct Shared {
    connector: RuntimeConnector,
    options: RunOptions,
    client: reqwest::Client,
    token: Option<TokenSource>,
    redactor: Arc<Mutex<Redactor>>,
    requests: AtomicU32,
    started: Instant,
    done: AtomicU32,
    total: usize,
    recorder: Option<Arc<Recorder>>,
    /// Held while an event is told, so events never overlap.
    event_turn: Mutex<()>,
}

/// Runs the selected actions of `connector`. Every string of the report is scrubbed of secret
/// values, tokens and their derived forms.
pub async fn run(connector: RuntimeConnector, options: RunOptions) -> Result<RunReport, Error> {
    let started = Instant::now();
    let ca = options.ca_pem.as_deref();
    let proxy = options.proxy.as_deref();
    let client = http::client(ca, options.timeout, true, proxy)?;
    let redactor = match &options.redactor {
        Some(shared) => {
            *lock(shared) = connector.redactor.clone();
            Arc::clone(shared)
        }
        None => Arc::new(Mutex::new(connector.redactor.clone())),
    };
    let recorder =
        (options.record || options.verbose_tokens).then(|| Arc::new(Recorder::new(options.record)));
    // Basic headers carry base64 of the whole pair, which no single secret's form matches.
    match &connector.auth {
        RuntimeAuth::Basic { username, password } => {
            lock(&redactor).add_basic("BASIC_CREDENTIALS", &username.expose(), &password.expose());
        }
        RuntimeAuth::OAuth2(oauth) => {
            if let (Some(id), Some(secret)) = (&oauth.client_id, &oauth.client_secret) {
                lock(&redactor).add_basic("CLIENT_CREDENTIALS", &id.expose(), &secret.expose());
            }
        }
        _ => {}
    }
    let token = match &connector.auth {
        RuntimeAuth::OAuth2(oauth) => Some(TokenSource::new(
            (**oauth).clone(),
            http::client(ca, options.timeout, false, proxy)?,
            Arc::clone(&redactor),
            options.stored_token.as_ref(),
        )),
        RuntimeAuth::Jwt(jwt) => Some(TokenSource::jwt(
            (**jwt).clone(),
            http::client(ca, options.timeout, false, proxy)?,
            Arc::clone(&redactor),
        )),
        _ => None,
    }
    .map(|source| {
        source
            .with_retry(retry_of(&options, instant_after(started, options.deadline)))
            .with_bounds(options.timeout, options.max_token_response_bytes)
            .with_recorder(recorder.clone())
    });
    let selected: Vec<usize> = connector
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| options.only.is_empty() || options.only.contains(&a.name))
        .map(|(i, _)| i)
        .collect();
    let shared = Arc::new(Shared {
        total: selected.len(),
        connector,
        options,
        client,
        token,
        redactor,
        requests: AtomicU32::new(0),
        started,
        done: AtomicU32::new(0),
        event_turn: Mutex::new(()),
        recorder,
    });

    // Unsupported auth: nothing can run.
    if let RuntimeAuth::Unsupported(kind) = &shared.connector.auth {
        let finding = Finding::error(
            &UNSUPPORTED_AUTH,
            format!("`connspec test` cannot authenticate with `{kind}` yet"),
            "/auth".to_owned(),
        );
        let actions: Vec<ActionReport> = selected
            .iter()
            .map(|&i| skipped(&shared, &shared.connector.actions[i], "no authentication"))
            .collect();
        if let Some(events) = &shared.options.events {
            events(RunEvent::Token {
                token: None,
                error: Some(&finding),
            });
        }
        tell_skipped(&shared, &actions);
        return Ok(finish(&shared, actions, Some(finding)));
    }

    // Mint the token once, before the actions, so that its failure is one finding.
    let mut token_error = None;
    if let Some(source) = &shared.token {
        let runs_any = selected.iter().any(|&i| {
            shared.options.allow_writes || !shared.connector.actions[i].method.is_write()
        });
        if runs_any && let Err(error) = source.token().await {
            token_error = Some(Finding::error(
                token_code(&error),
                format!("no access token: {}", error.message),
                "/auth".to_owned(),
            ));
        }
    }
    if let Some(events) = &shared.options.events {
        let redactor = scrubber(&shared);
        let token = token_report(&shared, &redactor);
        let mut error = token_error.clone();
        if let Some(finding) = &mut error {
            scrub(&redactor, &mut finding.message);
        }
        events(RunEvent::Token {
            token: token.as_ref(),
            error: error.as_ref(),
        });
    }
    if token_error.is_some() {
        let actions: Vec<ActionReport> = selected
            .iter()
            .map(|&i| skipped(&shared, &shared.connector.actions[i], "no access token"))
            .collect();
        tell_skipped(&shared, &actions);
        return Ok(finish(&shared, actions, token_error));
    }

    // `jobs` tasks, each taking the next action until none is left: the actions start in order,
    // at most `jobs` at once, without a task per action parked on a semaphore and a wake-up of
    // this task per action. A task whose action panicked is replaced, so only that action is
    // lost (and reported below).
    let next = Arc::new(AtomicUsize::new(0));
    let results = Arc::new(Mutex::new(vec![None; selected.len()]));
    let selected = Arc::new(selected);
    let worker = || {
        let (shared, next, results, selected) = (
            Arc::clone(&shared),
            Arc::clone(&next),
            Arc::clone(&results),
            Arc::clone(&selected),
        );
        async move {
            loop {
                let slot = next.fetch_add(1, Ordering::Relaxed);
                let Some(&index) = selected.get(slot) else {
                    break;
                };
                let report = run_action(&shared, &shared.connector.actions[index]).await;
                if let Some(events) = &shared.options.events {
                    // One at a time, counted under the lock: lines never interleave and the
                    // count never goes back.
                    let _turn = lock(&shared.event_turn);
                    let done = shared.done.fetch_add(1, Ordering::Relaxed) as usize + 1;
                    let mut shown = report.clone();
                    scrub_action(&scrubber(&shared), &mut shown);
                    events(RunEvent::Action {
                        report: &shown,
                        done,
                        total: shared.total,
                    });
                }
                lock(&results)[slot] = Some(report);
            }
        }
    };
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..shared.options.jobs.clamp(1, selected.len().max(1)) {
        set.spawn(worker());
    }
    while let Some(joined) = set.join_next().await {
        if joined.is_err() && next.load(Ordering::Relaxed) < selected.len() {
            set.spawn(worker());
        }
    }
    let results = std::mem::take(&mut *lock(&results));
    let actions = results
        .into_iter()
        .zip(selected.iter())
        .map(|(report, &i)| {
            report.unwrap_or_else(|| {
                let mut report = skipped(&shared, &shared.connector.actions[i], "");
                report.outcome = Outcome::Failed;
                report.skipped = None;
                report.findings.push(Finding::error(
                    &REQUEST_FAILED,
                    "the action's task ended unexpectedly".to_owned(),
                    report.pointer.clone(),
                ));
                report
            })
        })
        .collect();
    Ok(finish(&shared, actions, None))
}

/// Tells the events of actions that never ran, in order.
fn tell_skipped(shared: &Shared, actions: &[ActionReport]) {
    let Some(events) = &shared.options.events else {
        return;
    };
    let redactor = scrubber(shared);
    for action in actions {
        let _turn = lock(&shared.event_turn);
        let done = shared.done.fetch_add(1, Ordering::Relaxed) as usize + 1;
        let mut shown = action.clone();
        scrub_action(&redactor, &mut shown);
        events(RunEvent::Action {
            report: &shown,
            done,
            total: shared.total,
        });
    }
}

/// What scrubs the run's texts: every secret and token known so far, or nothing with
/// `--reveal-secrets`.
fn scrubber(shared: &Shared) -> Redactor {
    if shared.options.reveal_secrets {
        Redactor::new()
    } else {
        lock(&shared.redactor).clone()
    }
}

fn scrub(redactor: &Redactor, text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = redactor.scrub(text) {
        *text = clean;
    }
}

fn scrub_action(redactor: &Redactor, action: &mut ActionReport) {
    scrub(redactor, &mut action.url);
    if let Some(exchange) = &mut action.exchange {
        for line in exchange.request.iter_mut().chain(&mut exchange.response) {
            scrub(redactor, line);
        }
        if let Some(body) = &mut exchange.body {
            scrub(redactor, body);
        }
    }
    for finding in &mut action.findings {
        scrub(redactor, &mut finding.message);
    }
    if let Some(reason) = &mut action.skipped {
        scrub(redactor, reason);
    }
}

/// The token step's report, scrubbed, with its exchanges under `-vv`.
fn token_report(shared: &Shared, redactor: &Redactor) -> Option<TokenReport> {
    let source = shared.token.as_ref()?;
    let mut report = source.report();
    scrub_token(redactor, &mut report);
    if shared.options.verbose_tokens
        && let Some(recorder) = &shared.recorder
    {
        report.exchanges = recorder
            .token_traces()
            .into_iter()
            .map(|trace| traced(shared, redactor, &trace))
            .collect();
    }
    Some(report)
}

/// A token exchange as `-vv` shows it: credential headers masked, every secret and token
/// redacted (the whole body before it is cut, so no secret is cut in two).
fn traced(shared: &Shared, redactor: &Redactor, trace: &Trace) -> Exchange {
    let text = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        let scrubbed = redactor.scrub(&text).into_owned();
        body_excerpt_within(scrubbed.as_bytes(), VERBOSE_BODY_BYTES)
    };
    let pairs = |pairs: &[(String, String)]| -> Vec<String> {
        pairs
            .iter()
            .map(|(name, value)| {
                let shown = if is_credential_header(shared, name) && !shared.options.reveal_secrets
                {
                    "<redacted>".to_owned()
                } else {
                    redactor.scrub(value).into_owned()
                };
                format!("{name}: {shown}")
            })
            .collect()
    };
    let mut request = vec![format!("{} {}", trace.method, redactor.scrub(&trace.url))];
    request.extend(pairs(&trace.request_headers));
    let reason = reqwest::StatusCode::from_u16(trace.status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("");
    let mut response = vec![format!("{} {reason}", trace.status).trim_end().to_owned()];
    response.extend(pairs(&trace.response_headers));
    Exchange {
        request,
        request_body: text(&trace.request_body),
        response,
        body: text(&trace.response_body),
    }
}

fn scrub_token(redactor: &Redactor, report: &mut TokenReport) {
    scrub(redactor, &mut report.token_url);
    for attempt in &mut report.failed_attempts {
        scrub(redactor, attempt);
    }
}

fn finish(
    shared: &Shared,
    mut actions: Vec<ActionReport>,
    token_error: Option<Finding>,
) -> RunReport {
    let redactor = scrubber(shared);
    for action in &mut actions {
        scrub_action(&redactor, action);
    }
    let mut token_error = token_error;
    if let Some(finding) = &mut token_error {
        scrub(&redactor, &mut finding.message);
    }
    let token = token_report(shared, &redactor);
    let interactions = shared
        .recorder
        .as_ref()
        .filter(|_| shared.options.record)
        .map_or_else(Vec::new, |recorder| {
            let token_keys: Vec<&str> = match &shared.connector.auth {
                RuntimeAuth::OAuth2(oauth) => vec![oauth.access_token_key.as_str()],
                _ => Vec::new(),
            };
            recorder.interactions(&lock(&shared.redactor), &token_keys)
        });
    RunReport {
        interactions,
        connector: shared.connector.name.clone(),
        token_requests: shared.token.as_ref().map_or(0, TokenSource::requests),
        token,
        token_error,
        actions,
        requests: shared.requests.load(Ordering::Relaxed),
        elapsed_ms: millis(shared.started.elapsed()),
        renewed_token: shared.token.as_ref().and_then(TokenSource::renewed),
    }
}

fn skipped(shared: &Shared, action: &RuntimeAction, reason: &str) -> ActionReport {
    let _ = shared;
    ActionReport {
        name: action.name.clone(),
        pointer: action.pointer.clone(),
        method: action.method.as_str(),
        url: action.url.to_string(),
        outcome: Outcome::Skipped,
        skipped: Some(reason.to_owned()),
        status: None,
        latency_ms: 0,
        bytes: 0,
        attempts: 0,
        findings: Vec::new(),
        exchange: None,
    }
}

async fn run_action(shared: &Shared, action: &RuntimeAction) -> ActionReport {
    let options = &shared.options;
    if action.method.is_write() && !options.allow_writes {
        return skipped(
            shared,
            action,
            &format!(
                "{} changes data; pass --allow-writes to run it",
                action.method.as_str()
            ),
        );
    }
    // The action's place in the spec orders a cassette's interactions.
    let action_index = shared
        .connector
        .actions
        .iter()
        .position(|a| std::ptr::eq(a, action))
        .unwrap_or_default();
    let mut report = skipped(shared, action, "");
    report.outcome = Outcome::Failed;
    report.skipped = None;
    // Parsed once, for the check and every attempt (the URL holds the secrets it expands to).
    let url = match http::check_url(&action.url.expose()) {
        Ok(url) => url,
        Err(reason) => {
            report.findings.push(Finding::error(
                &REQUEST_FAILED,
                format!("URL: {reason}"),
                format!("{}/path", action.pointer),
            ));
            return report;
        }
    };
    let deadline = instant_after(shared.started, options.deadline);
    let mut reminted = false;
    let mut token: Option<String> = None;
    loop {
        let now = Instant::now();
        if now >= deadline {
            report.findings.push(Finding::error(
                &REQUEST_FAILED,
                format!(
                    "{} passed ({})",
                    RUN_DEADLINE.describe(Amount::Time(options.deadline)),
                    RUN_DEADLINE.remedy()
                ),
                action.pointer.clone(),
            ));
            return report;
        }
        if let Some(source) = &shared.token
            && token.is_none()
        {
            match source.token().await {
                Ok(value) => token = Some(value),
                Err(error) => {
                    report.findings.push(Finding::error(
                        token_code(&error),
                        format!("no access token: {}", error.message),
                        action.pointer.clone(),
                    ));
                    return report;
                }
            }
        }
        report.attempts += 1;
        shared.requests.fetch_add(1, Ordering::Relaxed);
        let timeout = options.timeout.min(deadline - now);
        let (client, request) = build(shared, action, url.clone(), token.as_deref())
            .timeout(timeout)
            .build_split();
        if options.verbose
            && let Ok(request) = &request
        {
            report.exchange = Some(Exchange {
                request: request_lines(shared, request),
                ..Exchange::default()
            });
        }
        let started = Instant::now();
        let tag = || Tag::Action(action_index, action.name.clone());
        let sent = match request {
            Ok(request) => {
                http::exchange(
                    &client,
                    request,
                    options.max_response_bytes,
                    shared.recorder.as_deref().map(|r| (r, tag())),
                )
                .await
            }
            Err(error) => Err(error),
        };
        let result = sent.map(|received| {
            let status = received.status.as_u16();
            if let Some(exchange) = &mut report.exchange {
                exchange.response = response_lines(shared, received.status, &received.headers);
            }
            let retry_after = http::retry_after(&received.headers);
            // Where a redirect that was not followed points: its origin only.
            let elsewhere = received
                .headers
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| http::origin_of(v, &received.url));
            let mismatch = options
                .replay
                .then(|| received.headers.get(MISMATCH_HEADER))
                .flatten()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            (
                status,
                retry_after,
                Body {
                    bytes: received.body,
                    truncated: received.truncated,
                    elsewhere,
                    mismatch,
                },
            )
        });
        let latency = started.elapsed();
        match result {
            Ok((_, _, body)) if body.mismatch.is_some() => {
                // Not retried, not re-minted: the cassette's answer does not change.
                report.latency_ms = millis(latency);
                let part = body.mismatch.unwrap_or_default();
                let pointer = if part.is_empty() {
                    action.pointer.clone()
                } else {
                    format!("{}/{part}", action.pointer)
                };
                // The server's JSON error (which a token client reads too) says how it differs.
                let description = serde_json::from_slice::<serde_json::Value>(&body.bytes)
                    .ok()
                    .and_then(|json| {
                        json.get("error_description")
                            .and_then(serde_json::Value::as_str)
                            .map(str::to_owned)
                    })
                    .unwrap_or_else(|| String::from_utf8_lossy(&body.bytes).into_owned());
                let description = description
                    .strip_prefix("connspec replay: ")
                    .map_or_else(|| description.clone(), str::to_owned);
                report.findings.push(Finding::error(
                    &REPLAY_MISMATCH,
                    description.trim().to_owned(),
                    pointer,
                ));
                return report;
            }
            Ok((401, _, _)) if shared.token.is_some() && !reminted => {
                reminted = true;
                report.attempts -= 1;
                if let (Some(source), Some(rejected)) = (&shared.token, token.as_deref()) {
                    match source.remint(rejected).await {
                        Ok(value) => token = Some(value),
                        Err(error) => {
                            report.findings.push(Finding::error(
                                token_code(&error),
                                format!(
                                    "the token was refused and no new one was obtained: {}",
                                    error.message
                                ),
                                action.pointer.clone(),
                            ));
                            return report;
                        }
                    }
                }
            }
            Ok((status, retry_after, _))
                if is_retryable_status(status) && report.attempts < options.max_attempts =>
            {
                sleep_backoff(options, report.attempts, retry_after, deadline).await;
            }
            Ok((status, _, body)) => {
                report.status = Some(status);
                report.latency_ms = millis(latency);
                report.bytes = body.bytes.len();
                if let Some(exchange) = &mut report.exchange {
                    // Redacted whole before it is cut, so no secret is cut in two.
                    let text = String::from_utf8_lossy(&body.bytes);
                    let text = if options.reveal_secrets {
                        text
                    } else {
                        std::borrow::Cow::Owned(lock(&shared.redactor).scrub(&text).into_owned())
                    };
                    exchange.body = body_excerpt_within(text.as_bytes(), VERBOSE_BODY_BYTES);
                }
                report.findings = if body.truncated {
                    // The body's checks cannot run on a part of it.
                    vec![Finding::error(
                        &RESPONSE_TOO_LARGE,
                        format!(
                            "the response body is over {}; connspec stopped reading it ({}; \
                             Agent Studio accepts at most {})",
                            RESPONSE_READ
                                .describe(Amount::Bytes(options.max_response_bytes as u64)),
                            RESPONSE_READ.remedy(),
                            Amount::Bytes(AGENT_STUDIO_RESPONSE_LIMIT as u64)
                        ),
                        action.pointer.clone(),
                    )]
                } else {
                    let mut findings = evaluate(
                        action.expect.as_ref(),
                        &action.pointer,
                        status,
                        &body.bytes,
                        latency,
                    );
                    if wants_excerpt(&findings) {
                        // Redact the whole body first: an excerpt could cut a secret in two.
                        let text = String::from_utf8_lossy(&body.bytes);
                        let text = if options.reveal_secrets {
                            text
                        } else {
                            std::borrow::Cow::Owned(
                                lock(&shared.redactor).scrub(&text).into_owned(),
                            )
                        };
                        if let Some(excerpt) = body_excerpt(text.as_bytes()) {
                            quote_body(&mut findings, &excerpt);
                        }
                    }
                    findings
                };
                if is_retryable_status(status) && report.attempts > 1 {
                    let ended = retry_of(options, deadline).ended(report.attempts);
                    for finding in &mut report.findings {
                        if finding.code.code == UNEXPECTED_STATUS.code {
                            let _ = write!(finding.message, " ({ended})");
                        }
                    }
                }
                if let Some(origin) = body.elsewhere.filter(|_| (300..400).contains(&status)) {
                    for finding in &mut report.findings {
                        if finding.code.code == UNEXPECTED_STATUS.code {
                            let _ = write!(
                                finding.message,
                                " (a redirect to {origin}: connspec follows redirects within \
                                 the same origin only, so credentials never reach another host)"
                            );
                        }
                    }
                }
                report.outcome = if report
                    .findings
                    .iter()
                    .any(|f| f.severity == Severity::Error)
                {
                    Outcome::Failed
                } else {
                    Outcome::Passed
                };
                return report;
            }
            Err(error) => {
                if http::retryable(&error) && report.attempts < options.max_attempts {
                    sleep_backoff(options, report.attempts, None, deadline).await;
                    continue;
                }
                report.latency_ms = millis(latency);
                let attempts = if report.attempts > 1 {
                    format!(" ({})", retry_of(options, deadline).ended(report.attempts))
                } else {
                    String::new()
                };
                let message =
                    if Transport::of(&error) == Transport::Timeout && timeout < options.timeout {
                        // The deadline, not the request timeout, cut this request short.
                        format!(
                            "timed out at {} ({})",
                            RUN_DEADLINE.describe(Amount::Time(options.deadline)),
                            RUN_DEADLINE.remedy()
                        )
                    } else {
                        transport_message(&error, timeout)
                    };
                report.findings.push(Finding::error(
                    Transport::of(&error).code(&REQUEST_FAILED),
                    format!("{message}{attempts}"),
                    action.pointer.clone(),
                ));
                return report;
            }
        }
    }
}

/// A response body as read: at most [`RunOptions::max_response_bytes`].
struct Body {
    bytes: Vec<u8>,
    /// The server sent more than the limit.
    truncated: bool,
    /// The origin of a `Location` header, when there is one.
    elsewhere: Option<String>,
    /// A replay server found no recorded request like this one: the part of the action
    /// that differs (`query/status`), possibly empty.
    mismatch: Option<String>,
}

/// The code of a token failure: R007 for what the runtime cannot drive, the transport's own
/// code (R008–R010) when no token endpoint was reached, else R001.
fn token_code(error: &TokenError) -> &'static connspec_diagnostics::Code {
    if error.oauth_error.as_deref() == Some("unsupported") {
        &UNSUPPORTED_AUTH
    } else {
        error
            .transport
            .map_or(&TOKEN_REQUEST_FAILED, |t| t.code(&TOKEN_REQUEST_FAILED))
    }
}

/// Header names whose values are credentials: shown as `<redacted>` whatever they hold.
fn is_credential_header(shared: &Shared, name: &str) -> bool {
    if connspec_model::spec::is_credential_header(name) {
        return true;
    }
    match &shared.connector.auth {
        RuntimeAuth::Header { name: auth, .. } => name.eq_ignore_ascii_case(auth),
        RuntimeAuth::OAuth2(oauth) => name.eq_ignore_ascii_case(&oauth.header_key),
        _ => false,
    }
}

fn header_lines<'h>(
    shared: &Shared,
    headers: impl Iterator<
        Item = (
            &'h reqwest::header::HeaderName,
            &'h reqwest::header::HeaderValue,
        ),
    >,
) -> Vec<String> {
    headers
        .map(|(name, value)| {
            let shown =
                if is_credential_header(shared, name.as_str()) && !shared.options.reveal_secrets {
                    "<redacted>".to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
            format!("{name}: {shown}")
        })
        .collect()
}

/// The request as `--verbose` shows it (scrubbed later, with the report).
fn request_lines(shared: &Shared, request: &reqwest::Request) -> Vec<String> {
    let mut lines = vec![format!("{} {}", request.method(), request.url())];
    lines.extend(header_lines(shared, request.headers().iter()));
    lines
}

/// The status line and headers of a response as `--verbose` shows them.
fn response_lines(
    shared: &Shared,
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_owned(),
    ];
    lines.extend(header_lines(shared, headers.iter()));
    lines
}

fn build(
    shared: &Shared,
    action: &RuntimeAction,
    url: reqwest::Url,
    token: Option<&str>,
) -> reqwest::RequestBuilder {
    let method = reqwest::Method::from_bytes(action.method.as_str().as_bytes())
        .unwrap_or(reqwest::Method::GET);
    let mut request = shared.client.request(method, url);
    let query: Vec<(String, String)> = action
        .query
        .iter()
        .map(|(k, v)| (k.clone(), v.expose()))
        .collect();
    if !query.is_empty() {
        request = request.query(&query);
    }
    let mut has_content_type = false;
    // An action's own header replaces the common one of the same name, as in every target.
    let common = shared.connector.common_headers.iter().filter(|(name, _)| {
        common_header_applies(name, action.headers.iter().map(|(own, _)| own.as_str()))
    });
    for (name, value) in common.chain(&action.headers) {
        has_content_type |= name.eq_ignore_ascii_case("content-type");
        request = request.header(name, value.expose());
    }
    match &shared.connector.auth {
        RuntimeAuth::Basic { username, password } => {
            request = request.basic_auth(username.expose(), Some(password.expose()));
        }
        RuntimeAuth::Header { name, value } => request = request.header(name, value.expose()),
        RuntimeAuth::Query { name, value } => request = request.query(&[(name, value.expose())]),
        RuntimeAuth::OAuth2(oauth) => {
            if let Some(token) = token {
                request = request.header(
                    oauth.header_key.as_str(),
                    oauth.header_pattern.replacen("%s", token, 1),
                );
            }
        }
        RuntimeAuth::Jwt(_) => {
            if let Some(token) = token {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
        }
        RuntimeAuth::None | RuntimeAuth::Unsupported(_) => {}
    }
    match &action.body {
        Some(RuntimeBody::Json(json)) => {
            if !has_content_type {
                request = request.header("Content-Type", "application/json");
            }
            request = request.body(json.to_string());
        }
        Some(RuntimeBody::Text(text)) => request = request.body(text.clone()),
        None => {}
    }
    request
}

async fn sleep_backoff(
    options: &RunOptions,
    attempt: u32,
    retry_after: Option<Duration>,
    deadline: Instant,
) {
    retry_of(options, deadline)
        .pause(attempt, retry_after)
        .await;
}

/// `start + duration`, saturated at a century: a deadline no run reaches, never a panic on an
/// option given by a library caller.
pub(crate) fn instant_after(start: Instant, duration: Duration) -> Instant {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 86_400);
    start.checked_add(duration.min(CENTURY)).unwrap_or(start)
}

fn retry_of(options: &RunOptions, deadline: Instant) -> Retry {
    Retry {
        max_attempts: options.max_attempts,
        backoff: options.backoff,
        max_backoff: options.max_backoff,
        deadline,
        run_deadline: options.deadline,
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
