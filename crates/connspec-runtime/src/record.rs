//! Recording a run for a cassette (`connspec test --record`): every token exchange and action
//! request with the response it got, kept as sent and received while the run lasts and turned
//! into cassette interactions when it ends, each secret and token a `<redacted NAME>`
//! placeholder (whatever `--reveal-secrets` says: a cassette is a file that gets committed).

use std::sync::Mutex;

use connspec_compile::Redactor;
use connspec_model::cassette::{
    Interaction, RecordedRequest, RecordedResponse, Step, body_fields, is_volatile_request_header,
    is_volatile_response_header,
};
use indexmap::IndexMap;
use reqwest::header::HeaderMap;

use crate::token::lock;

/// Which step of the run a request belongs to.
#[derive(Debug, Clone)]
pub(crate) enum Tag {
    Token,
    /// The action's place among the spec's actions and its name.
    Action(usize, String),
}

/// A request as it is about to be sent.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Sent {
    pub(crate) fn of(request: &reqwest::Request) -> Sent {
        Sent {
            method: request.method().as_str().to_owned(),
            url: request.url().to_string(),
            headers: header_pairs(request.headers()),
            body: request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug)]
struct Raw {
    tag: Tag,
    sent: Sent,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The exchanges of one run, in the order they completed.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    exchanges: Mutex<Vec<Raw>>,
    /// Keep action exchanges too (a cassette), not only token exchanges (`-vv`).
    keep_actions: bool,
}

/// A token exchange as `-vv` shows it (scrubbed by the caller).
#[derive(Debug, Clone)]
pub(crate) struct Trace {
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) request_headers: Vec<(String, String)>,
    pub(crate) request_body: Vec<u8>,
    pub(crate) status: u16,
    pub(crate) response_headers: Vec<(String, String)>,
    pub(crate) response_body: Vec<u8>,
}

impl Recorder {
    pub(crate) fn new(keep_actions: bool) -> Recorder {
        Recorder {
            exchanges: Mutex::new(Vec::new()),
            keep_actions,
        }
    }

    /// The token exchanges so far, in the order they were made.
    pub(crate) fn token_traces(&self) -> Vec<Trace> {
        lock(&self.exchanges)
            .iter()
            .filter(|raw| matches!(raw.tag, Tag::Token))
            .map(|raw| Trace {
                method: raw.sent.method.clone(),
                url: raw.sent.url.clone(),
                request_headers: raw.sent.headers.clone(),
                request_body: raw.sent.body.clone(),
                status: raw.status,
                response_headers: raw.headers.clone(),
                response_body: raw.body.clone(),
            })
            .collect()
    }

    /// Whether exchanges of `tag` are kept (actions only for a cassette).
    pub(crate) fn keeps(&self, tag: &Tag) -> bool {
        self.keep_actions || matches!(tag, Tag::Token)
    }

    pub(crate) fn push(&self, tag: Tag, sent: Sent, status: u16, headers: &HeaderMap, body: &[u8]) {
        if !self.keeps(&tag) {
            return;
        }
        lock(&self.exchanges).push(Raw {
            tag,
            sent,
            status,
            headers: header_pairs(headers),
            body: body.to_vec(),
        });
    }

    /// The interactions, token exchanges first and then the actions in the spec's order
    /// (attempts in the order they were made), scrubbed by `redactor` and by the token fields
    /// of token responses (`token_keys`).
    pub(crate) fn interactions(
        &self,
        redactor: &Redactor,
        token_keys: &[&str],
    ) -> Vec<Interaction> {
        let mut exchanges = std::mem::take(&mut *lock(&self.exchanges));
        // Stable: the attempts of one action stay in the order they were made.
        exchanges.sort_by_key(|raw| match &raw.tag {
            Tag::Token => 0,
            Tag::Action(index, _) => index + 1,
        });
        let mut redactor = redactor.clone();
        for raw in &exchanges {
            if matches!(raw.tag, Tag::Token) {
                learn_tokens(&mut redactor, &raw.body, token_keys);
            }
        }
        exchanges
            .into_iter()
            .map(|raw| interaction(raw, &redactor))
            .collect()
    }
}

/// Adds the tokens a token response carries (under the standard and the spec's keys) to
/// `redactor`, so no token is left in a cassette even where the run never used it.
fn learn_tokens(redactor: &mut Redactor, body: &[u8], token_keys: &[&str]) {
    let Ok(serde_json::Value::Object(json)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return;
    };
    let named = [
        ("access_token", "ACCESS_TOKEN"),
        ("refresh_token", "REFRESH_TOKEN"),
        ("id_token", "ID_TOKEN"),
    ];
    for (key, name) in named
        .iter()
        .copied()
        .chain(token_keys.iter().map(|key| (*key, "ACCESS_TOKEN")))
    {
        if let Some(value) = json.get(key).and_then(serde_json::Value::as_str)
            && !connspec_model::cassette::has_placeholder(value)
        {
            redactor.add(name, value);
        }
    }
}

fn interaction(raw: Raw, redactor: &Redactor) -> Interaction {
    let scrub = |text: &str| redactor.scrub(text).into_owned();
    let scrub_body = |bytes: &[u8]| {
        let (text, base64) = body_fields(bytes);
        (text.map(|t| scrub(&t)), base64)
    };
    let headers = |pairs: &[(String, String)], volatile: fn(&str) -> bool| {
        let mut map: IndexMap<String, String> = IndexMap::new();
        for (name, value) in pairs {
            if volatile(name) {
                continue;
            }
            let value = scrub(value);
            map.entry(name.clone())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert(value);
        }
        map
    };
    let (step, action) = match raw.tag {
        Tag::Token => (Step::Token, None),
        Tag::Action(_, name) => (Step::Action, Some(name)),
    };
    let (request_body, request_base64) = scrub_body(&raw.sent.body);
    let (response_body, response_base64) = scrub_body(&raw.body);
    Interaction {
        step,
        action,
        request: RecordedRequest {
            method: raw.sent.method,
            url: scrub(&raw.sent.url),
            headers: headers(&raw.sent.headers, is_volatile_request_header),
            body: request_body,
            body_base64: request_base64,
        },
        response: RecordedResponse {
            status: raw.status,
            headers: headers(&raw.headers, is_volatile_response_header),
            body: response_body,
            body_base64: response_base64,
        },
    }
}

/// Header pairs with lower-case names (which `HeaderMap` keeps already).
fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}
