//! Every limit of a live run as a registry entry, with the constants the runner uses: how much
//! of a body is read, timeouts, the deadline, retries, redirects, concurrency, token renewal
//! and the login callback wait, and Agent Studio's own response limit that R005 warns about.

use std::time::Duration;

use connspec_diagnostics::{Amount, Limit, Raise};

use crate::codes::{
    EXPECTATION_FAILED, REQUEST_FAILED, RESPONSE_TOO_LARGE, TOKEN_REQUEST_FAILED, UNEXPECTED_STATUS,
};
use crate::expect::{AGENT_STUDIO_RESPONSE_LIMIT, FAILURE_EXCERPT_BYTES, VERBOSE_BODY_BYTES};
use crate::http::{
    AGENT_STUDIO_TIMEOUT, CONNECT_TIMEOUT, MAX_REDIRECTS, MAX_RESPONSE_BYTES,
    MAX_TOKEN_RESPONSE_BYTES,
};
use crate::token::EXPIRY_MARGIN;

/// Actions in flight at once, by default (`--jobs`).
pub const DEFAULT_JOBS: u16 = 4;
/// The most `--jobs` takes.
pub const MAX_JOBS: u16 = 256;
/// The run's deadline, by default (`--deadline`).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(300);
/// Attempts per request, the first included, by default (`--max-attempts`).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 4;
/// The most `--max-attempts` takes.
pub const MAX_ATTEMPTS: u32 = 20;
/// The first backoff; doubled per attempt, with up to 50 % jitter added.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// The longest wait before one retry, `Retry-After` included.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// How long `connspec login` waits for the browser's redirect, by default (`--timeout`).
pub const DEFAULT_CALLBACK_WAIT: Duration = Duration::from_secs(300);

const TEST: &[&str] = &["test"];

const fn flag(flag: &'static str, commands: &'static [&'static str]) -> Raise {
    Raise::Flag {
        flag,
        commands,
        config_key: None,
    }
}

pub static RESPONSE_READ: Limit = Limit {
    id: "response-read-bytes",
    name: "response read limit",
    bounds: "How much of an action's response body is read into memory; the rest is not read and \
             the connection is dropped, so an endless body cannot fill the memory.",
    default: Amount::Bytes(MAX_RESPONSE_BYTES as u64),
    raise: flag("--max-response-bytes", TEST),
    codes: &[&RESPONSE_TOO_LARGE],
    when_hit: "the action fails (an error); its checks do not run on a partial body",
};

pub static TOKEN_RESPONSE_READ: Limit = Limit {
    id: "token-response-read-bytes",
    name: "token response read limit",
    bounds: "How much of a token endpoint's response is read into memory.",
    default: Amount::Bytes(MAX_TOKEN_RESPONSE_BYTES as u64),
    raise: flag("--max-token-response-bytes", TEST),
    codes: &[&TOKEN_REQUEST_FAILED],
    when_hit: "no token is obtained; every action is skipped",
};

pub static AGENT_STUDIO_RESPONSE: Limit = Limit {
    id: "agent-studio-response-bytes",
    name: "Agent Studio response limit",
    bounds: "The largest response body Agent Studio accepts from an action.",
    default: Amount::Bytes(AGENT_STUDIO_RESPONSE_LIMIT as u64),
    raise: Raise::Fixed {
        why: "it is Agent Studio's own limit, so a larger response fails there whatever connspec \
              allows",
        instead: "return less per request: a smaller page (`limit`), fewer fields (Coupa's \
                  `fields`), a narrower filter",
    },
    codes: &[&RESPONSE_TOO_LARGE],
    when_hit: "a warning; the action still passes",
};

pub static REQUEST_TIMEOUT: Limit = Limit {
    id: "request-timeout",
    name: "request timeout",
    bounds: "How long one request may take, connecting and reading the whole body included (a \
             server that drips its body is cut off too). The default is Agent Studio's own \
             timeout, which a connector cannot exceed there.",
    default: Amount::Time(AGENT_STUDIO_TIMEOUT),
    raise: flag("--timeout", TEST),
    codes: &[&REQUEST_FAILED, &TOKEN_REQUEST_FAILED],
    when_hit: "the action fails (R002), or no token is obtained (R001); retried like a dropped \
               connection",
};

pub static CONNECT_TIMEOUT_LIMIT: Limit = Limit {
    id: "connect-timeout",
    name: "connect timeout",
    bounds: "How long connecting to a server may take (never longer than the request timeout).",
    default: Amount::Time(CONNECT_TIMEOUT),
    raise: Raise::Fixed {
        why: "a server that takes longer to accept a connection is down or unreachable",
        instead: "check the host name and the network path to it (a proxy, a firewall)",
    },
    codes: &[&REQUEST_FAILED, &TOKEN_REQUEST_FAILED],
    when_hit: "the action fails (R002), or no token is obtained (R001)",
};

pub static RUN_DEADLINE: Limit = Limit {
    id: "run-deadline",
    name: "run deadline",
    bounds: "How long the whole run may take; it also cuts every retry wait and the timeout of \
             every request that starts near it.",
    default: Amount::Time(DEFAULT_DEADLINE),
    raise: flag("--deadline", TEST),
    codes: &[&REQUEST_FAILED],
    when_hit: "every action still running fails",
};

pub static ATTEMPTS: Limit = Limit {
    id: "attempts",
    name: "attempt limit",
    bounds: "How often one request (an action's or a token request) is sent when it gets 429, \
             502, 503, 504 or no connection, the first attempt included.",
    default: Amount::Count(DEFAULT_MAX_ATTEMPTS as u64, "attempts"),
    raise: flag("--max-attempts", TEST),
    codes: &[&UNEXPECTED_STATUS, &REQUEST_FAILED, &TOKEN_REQUEST_FAILED],
    when_hit: "the last answer is the action's result (R003 for a status, R002 for no \
               connection), or no token is obtained (R001)",
};

pub static RETRY_WAIT: Limit = Limit {
    id: "retry-wait",
    name: "longest retry wait",
    bounds: "The longest wait before a retry: exponential backoff with jitter, or the server's \
             `Retry-After`.",
    default: Amount::Time(MAX_BACKOFF),
    raise: Raise::Fixed {
        why: "a longer `Retry-After` would stall the run, and the run deadline bounds the total \
              anyway",
        instead: "lower `--jobs` so fewer requests meet the server's rate limit",
    },
    codes: &[],
    when_hit: "not an error: the wait is shortened to it",
};

pub static REDIRECTS: Limit = Limit {
    id: "redirects",
    name: "redirect limit",
    bounds: "How many redirects one action request follows (within its own origin only; token \
             requests follow none).",
    default: Amount::Count(MAX_REDIRECTS as u64, "redirects"),
    raise: Raise::Fixed {
        why: "a longer chain within one origin is a redirect loop",
        instead: "point the action's `path` at the URL the chain ends at",
    },
    codes: &[&REQUEST_FAILED],
    when_hit: "the action fails",
};

pub static CONCURRENCY: Limit = Limit {
    id: "concurrency",
    name: "concurrency limit",
    bounds: "How many actions are in flight at once over the one connection pool.",
    default: Amount::Count(DEFAULT_JOBS as u64, "actions"),
    raise: flag("--jobs", TEST),
    codes: &[],
    when_hit: "not an error: further actions wait for a free slot",
};

pub static TOKEN_RENEWAL_MARGIN: Limit = Limit {
    id: "token-renewal-margin",
    name: "token renewal margin",
    bounds: "How long before its `expires_in` a token is minted again (at half its lifetime for \
             a token that lives shorter than twice this).",
    default: Amount::Time(EXPIRY_MARGIN),
    raise: Raise::Fixed {
        why: "it only keeps a request from carrying a token that expires on its way",
        instead: "nothing: a token the server refuses earlier is minted again once on a 401",
    },
    codes: &[],
    when_hit: "not an error: a new token is requested",
};

pub static LOGIN_CALLBACK_WAIT: Limit = Limit {
    id: "login-callback-wait",
    name: "login callback wait",
    bounds: "How long `connspec login` waits for the browser's redirect to its loopback listener.",
    default: Amount::Time(DEFAULT_CALLBACK_WAIT),
    raise: flag("--timeout", &["login"]),
    codes: &[],
    when_hit: "`connspec login` stops with an error; nothing is stored",
};

pub static VERBOSE_BODY: Limit = Limit {
    id: "verbose-body-bytes",
    name: "verbose body excerpt",
    bounds: "How much of each response body `connspec test --verbose` shows, after secrets are \
             redacted, folded onto one line.",
    default: Amount::Bytes(VERBOSE_BODY_BYTES as u64),
    raise: Raise::Fixed {
        why: "verbose output shows what was exchanged; a whole body belongs in a file",
        instead: "rerun the request with the cURL command of `connspec compile --target curl`",
    },
    codes: &[],
    when_hit: "the excerpt ends with `…` and the body's size",
};

pub static FAILURE_EXCERPT: Limit = Limit {
    id: "failure-excerpt-bytes",
    name: "failed-expectation excerpt",
    bounds: "How much of a response body a failed expectation (R003, R004) quotes, after \
             secrets are redacted, so the reason the API gave is visible without flooding \
             the report.",
    default: Amount::Bytes(FAILURE_EXCERPT_BYTES as u64),
    raise: Raise::Fixed {
        why: "the excerpt shows why a request failed; the whole body belongs in a debugger",
        instead: "rerun the request with the cURL command of `connspec compile --target curl`",
    },
    codes: &[&UNEXPECTED_STATUS, &EXPECTATION_FAILED],
    when_hit: "the excerpt ends with `…` and says how many bytes the body had",
};

pub static SECRET_FILE_READ: Limit = Limit {
    id: "secret-file-bytes",
    name: "secret file limit",
    bounds: "How large a `file:` secret source may be; it must be a regular file (a FIFO or a \
             device such as `/dev/zero` is refused before it is opened).",
    default: Amount::Bytes(crate::secrets::MAX_SECRET_FILE_BYTES),
    raise: Raise::Fixed {
        why: "a secret is a key, a token or a certificate chain, far below the limit",
        instead: "point `file:` at the secret alone, not at a bundle or an archive",
    },
    codes: &[],
    when_hit: "the secret is unresolved and the run stops before any request, naming the file",
};

pub static DOTENV_READ: Limit = Limit {
    id: "dotenv-file-bytes",
    name: "dotenv file limit",
    bounds: "How large an instance's `dotenv` file may be; it must be a regular file.",
    default: Amount::Bytes(crate::secrets::MAX_DOTENV_BYTES),
    raise: Raise::Fixed {
        why: "a dotenv file holds a few `KEY=value` lines",
        instead: "keep one dotenv file per instance with the secrets it names",
    },
    codes: &[],
    when_hit: "every `dotenv:` secret is unresolved and the run stops before any request",
};

/// Every limit this crate enforces.
pub static LIMITS: &[&Limit] = &[
    &RESPONSE_READ,
    &TOKEN_RESPONSE_READ,
    &AGENT_STUDIO_RESPONSE,
    &REQUEST_TIMEOUT,
    &CONNECT_TIMEOUT_LIMIT,
    &RUN_DEADLINE,
    &ATTEMPTS,
    &RETRY_WAIT,
    &REDIRECTS,
    &CONCURRENCY,
    &TOKEN_RENEWAL_MARGIN,
    &LOGIN_CALLBACK_WAIT,
    &FAILURE_EXCERPT,
    &VERBOSE_BODY,
    &SECRET_FILE_READ,
    &DOTENV_READ,
];
