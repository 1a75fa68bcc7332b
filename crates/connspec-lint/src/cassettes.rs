//! Checks of a cassette (`*.cassette.yaml`, written by `connspec test --record`) beyond its
//! schema: no credential in the clear (a cassette is committed and read in review), and the
//! recorded interactions are ones a replay can serve.

use connspec_diagnostics::{Code, Diagnostic, Family, Span};
use connspec_model::cassette::{Cassette, Step, body_bytes, has_placeholder};
use connspec_model::spec::is_credential_header;
use connspec_model::yaml::{Document, push_pointer};

/// The cassette checks' codes.
pub(crate) static CODES: &[&Code] = &[&CASSETTE_CREDENTIAL, &CASSETTE_INCONSISTENT];

pub static CASSETTE_CREDENTIAL: Code = Code {
    code: "R012",
    name: "cassette-credential",
    family: Family::Run,
    summary: "a cassette holds a credential in the clear",
    explanation: r#"## What it does
Reports a value of a cassette that carries a credential without a `<redacted NAME>`
placeholder: an `Authorization`, `Proxy-Authorization`, `Cookie` or API key header, a token
response's `access_token`, `refresh_token` or `id_token`, or a token request's
`client_secret`, `password`, `refresh_token`, `assertion` or `client_assertion`.
`connspec test --record` writes placeholders for every secret and token it knows; this finds
a cassette edited by hand, or one recorded with a secret too short to be found.

## Why is this bad?
Cassettes are committed and read in review; a credential there is leaked to everyone who can
read the repository, and stays in its history.

## Example
```yaml
request:
  headers:
    authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
```

## Use instead
```yaml
request:
  headers:
    authorization: "Bearer <redacted ACCESS_TOKEN>"
```
"#,
};

pub static CASSETTE_INCONSISTENT: Code = Code {
    code: "R013",
    name: "cassette-inconsistent",
    family: Family::Run,
    summary: "a cassette's interaction cannot be replayed as written",
    explanation: r#"## What it does
Reports an interaction of a cassette that a replay cannot serve: an action step without the
action's name (or a token step with one), a URL that is not absolute `http(s)`, a header name
with capitals (recorded names are lower case, so it would never match), a body given both as
text and as base64, or base64 that does not decode.

## Why is this bad?
`connspec test --replay` would fail on that interaction with a confusing mismatch, or not
read the cassette at all.

## Example
```yaml
- step: action
  request:
    method: GET
    url: /api/approvals
```

## Use instead
```yaml
- step: action
  action: list_approvals
  request:
    method: GET
    url: https://acme.coupahost.com/api/approvals
```
"#,
};

/// Fields of a token response that are tokens.
const TOKEN_FIELDS: &[&str] = &["access_token", "refresh_token", "id_token"];

/// Form fields of a token request that are credentials.
const CREDENTIAL_FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "refresh_token",
    "assertion",
    "client_assertion",
    "code_verifier",
];

/// Every finding of `cassette` (loaded from `document`).
pub fn check_cassette(document: &Document, cassette: &Cassette) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, interaction) in cassette.interactions.iter().enumerate() {
        let at = push_pointer("/interactions", &index.to_string());
        let value_span = |pointer: &str| document.spans.key_or_value(pointer);
        match (interaction.step, &interaction.action) {
            (Step::Action, None) => out.push(
                Diagnostic::error(&CASSETTE_INCONSISTENT, "an action step names no action")
                    .with_span(value_span(&format!("{at}/step")))
                    .with_help("add `action: NAME`, the action's key in the spec"),
            ),
            (Step::Token, Some(_)) => out.push(
                Diagnostic::error(
                    &CASSETTE_INCONSISTENT,
                    "a token step belongs to no action; `action:` is for `step: action`",
                )
                .with_span(value_span(&format!("{at}/action"))),
            ),
            _ => {}
        }
        let url = &interaction.request.url;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            out.push(
                Diagnostic::error(
                    &CASSETTE_INCONSISTENT,
                    format!("`{url}` is not an absolute http(s) URL"),
                )
                .with_span(value_span(&format!("{at}/request/url"))),
            );
        }
        for (part, headers) in [
            ("request", &interaction.request.headers),
            ("response", &interaction.response.headers),
        ] {
            for (name, value) in headers {
                let pointer = push_pointer(&format!("{at}/{part}/headers"), name);
                if name.chars().any(|c| c.is_ascii_uppercase()) {
                    out.push(
                        Diagnostic::error(
                            &CASSETTE_INCONSISTENT,
                            format!(
                                "header name `{name}` has capitals; recorded names are lower case"
                            ),
                        )
                        .with_span(
                            document
                                .spans
                                .key(&pointer)
                                .unwrap_or_else(|| value_span(&pointer)),
                        ),
                    );
                }
                if part == "request"
                    && is_credential_header(name)
                    && !has_placeholder(value)
                    && !value.trim().is_empty()
                {
                    out.push(credential(
                        value_span(&pointer),
                        format!("the `{name}` header is a credential in the clear"),
                    ));
                }
            }
        }
        for (part, text, base64) in [
            (
                "request",
                interaction.request.body.as_deref(),
                interaction.request.body_base64.as_deref(),
            ),
            (
                "response",
                interaction.response.body.as_deref(),
                interaction.response.body_base64.as_deref(),
            ),
        ] {
            if text.is_some() && base64.is_some() {
                out.push(
                    Diagnostic::error(
                        &CASSETTE_INCONSISTENT,
                        "the body is given both as text and as base64",
                    )
                    .with_span(value_span(&format!("{at}/{part}/body_base64"))),
                );
            } else if body_bytes(text, base64).is_none() {
                out.push(
                    Diagnostic::error(&CASSETTE_INCONSISTENT, "`body_base64` is not base64")
                        .with_span(value_span(&format!("{at}/{part}/body_base64"))),
                );
            }
        }
        if interaction.step == Step::Token {
            if let Some(field) = interaction
                .response
                .body
                .as_deref()
                .and_then(token_in_clear)
            {
                out.push(credential(
                    value_span(&format!("{at}/response/body")),
                    format!("the token response's `{field}` is a token in the clear"),
                ));
            }
            if let Some(key) = interaction
                .request
                .body
                .as_deref()
                .and_then(credential_in_clear)
            {
                out.push(credential(
                    value_span(&format!("{at}/request/body")),
                    format!("the token request's `{key}` is a credential in the clear"),
                ));
            }
        }
    }
    out
}

/// The first token field of a JSON token response that holds a token in the clear.
fn token_in_clear(body: &str) -> Option<&'static str> {
    let Ok(serde_json::Value::Object(json)) = serde_json::from_str::<serde_json::Value>(body)
    else {
        return None;
    };
    TOKEN_FIELDS.iter().copied().find(|field| {
        json.get(*field)
            .and_then(serde_json::Value::as_str)
            .is_some_and(|token| !token.is_empty() && !has_placeholder(token))
    })
}

/// The first credential field of a form-encoded token request that is in the clear.
fn credential_in_clear(body: &str) -> Option<String> {
    form_urlencoded::parse(body.as_bytes())
        .find(|(key, value)| {
            CREDENTIAL_FIELDS.contains(&key.as_ref())
                && !value.is_empty()
                && !has_placeholder(value)
        })
        .map(|(key, _)| key.into_owned())
}

fn credential(span: Span, message: String) -> Diagnostic {
    Diagnostic::error(&CASSETTE_CREDENTIAL, message)
        .with_span(span)
        .with_help(
            "replace it with a `<redacted NAME>` placeholder, revoke it, and record again with \
             `connspec test --record`",
        )
}

/// Spans of the request header values that are credentials in the clear, for printers to mask.
pub(crate) fn cassette_secret_spans(document: &Document) -> Vec<Span> {
    let mut spans = Vec::new();
    let Some(interactions) = document
        .value
        .get("interactions")
        .and_then(serde_json::Value::as_array)
    else {
        return spans;
    };
    for (index, interaction) in interactions.iter().enumerate() {
        // A token exchange's body with a credential in the clear is masked whole.
        if interaction.get("step").and_then(serde_json::Value::as_str) == Some("token") {
            for (part, clear) in [
                ("request", credential_in_clear_text as fn(&str) -> bool),
                ("response", token_in_clear_text),
            ] {
                let pointer = format!("/interactions/{index}/{part}/body");
                if document
                    .value
                    .pointer(&pointer)
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(clear)
                    && let Some(span) = document.spans.value(&pointer)
                {
                    spans.push(span);
                }
            }
        }
        let Some(headers) = interaction
            .pointer("/request/headers")
            .and_then(serde_json::Value::as_object)
        else {
            continue;
        };
        for (name, value) in headers {
            if is_credential_header(name) && value.as_str().is_some_and(|v| !has_placeholder(v)) {
                let pointer = push_pointer(&format!("/interactions/{index}/request/headers"), name);
                if let Some(span) = document.spans.value(&pointer) {
                    spans.push(span);
                }
            }
        }
    }
    spans
}

fn credential_in_clear_text(body: &str) -> bool {
    credential_in_clear(body).is_some()
}

fn token_in_clear_text(body: &str) -> bool {
    token_in_clear(body).is_some()
}
