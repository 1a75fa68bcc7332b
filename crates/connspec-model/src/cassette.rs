//! The cassette: one recorded live run (token exchanges and action requests with their
//! responses) that `connspec test --replay` answers from, with every secret and token a named
//! placeholder (`<redacted NAME>`), volatile headers dropped, and a YAML layout written for
//! review and diffs.

use std::fmt::Write as _;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::schema::Scalar;
use crate::yaml::Limits;

/// The only cassette format version.
pub const CASSETTE_VERSION: u32 = 1;

/// How a cassette's file name ends: `check` and the editor know the file by it.
pub const CASSETTE_SUFFIX: &str = ".cassette.yaml";

/// The loader's limits for a cassette: a recorded run's response bodies outgrow a spec's
/// defaults, and connspec itself writes the file. A larger limit given on the command line
/// still wins.
pub const CASSETTE_LIMITS: Limits = Limits {
    max_bytes: 256 * 1024 * 1024,
    max_depth: crate::yaml::DEFAULT_MAX_DEPTH,
    max_nodes: 10_000_000,
};

/// The placeholder a secret or token named `name` stands as in a cassette (the same text the
/// redactor writes into reports).
pub fn placeholder(name: &str) -> String {
    format!("<redacted {name}>")
}

/// The response header by which a replay server marks an answer to a request it has no
/// recording of; its value is the part of the action that differs (`query/status`, `path`,
/// or empty) and the body says how. Honoured only by a replaying run.
pub const MISMATCH_HEADER: &str = "x-connspec-replay-mismatch";

/// Whether `text` holds a placeholder.
pub fn has_placeholder(text: &str) -> bool {
    text.contains("<redacted ")
}

/// A recorded run of one connector against one instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "connspec cassette")]
pub struct Cassette {
    /// Where editors find this schema; ignored by connspec.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the cassette format. Only `1` exists.
    #[schemars(range(min = 1, max = 1))]
    pub cassette_version: u32,
    /// The recorded connector's `name`.
    pub connector: String,
    /// The instance the run used: its values, and the names (never the values) of its secrets.
    pub instance: RecordedInstance,
    /// Every exchange of the run: the token exchanges first, then the actions in the spec's
    /// order.
    #[serde(default)]
    pub interactions: Vec<Interaction>,
}

/// The instance of a recorded run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedInstance {
    /// The instance file's name, or `sandbox`.
    pub name: String,
    /// The instance was the local sandbox (loopback URLs allowed).
    #[serde(default)]
    pub sandbox: bool,
    /// Its values, by name, as the run used them (`--set` included).
    #[serde(default)]
    pub values: IndexMap<String, Scalar>,
    /// The names of its secrets; a replay gives each a stand-in value.
    #[serde(default)]
    pub secrets: Vec<String>,
}

/// Which step of the run an interaction belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A token request.
    Token,
    /// An action's request.
    Action,
}

/// One request and the response it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// A token exchange, or an action's request.
    pub step: Step,
    /// The action's name (`step: action` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    pub request: RecordedRequest,
    pub response: RecordedResponse,
}

/// A request as sent, secrets as placeholders, volatile headers dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The whole URL, query included.
    pub url: String,
    /// Header names in lower case; repeated headers joined with `, `.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The body as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body in base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

/// A response as received, secrets as placeholders, volatile headers dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedResponse {
    #[schemars(range(min = 100, max = 599))]
    pub status: u16,
    /// Header names in lower case; repeated headers joined with `, `.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The body as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body in base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

/// Request headers a cassette leaves out: the connection's, the client's own (its version
/// changes), and what the body implies. A replay ignores them too.
pub const VOLATILE_REQUEST_HEADERS: &[&str] = &[
    "host",
    "user-agent",
    "content-length",
    "accept-encoding",
    "connection",
    "keep-alive",
    "te",
    "transfer-encoding",
    "upgrade",
    "proxy-connection",
    "proxy-authorization",
];

/// Response headers a cassette leaves out: what changes on every response (dates, request
/// ids, timings, cookies) and what the transport sets.
pub const VOLATILE_RESPONSE_HEADERS: &[&str] = &[
    "date",
    "age",
    "expires",
    "last-modified",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "set-cookie",
    "x-request-id",
    "x-correlation-id",
    "x-runtime",
    "request-id",
    "server-timing",
    "cf-ray",
    "x-amz-cf-id",
    "x-amzn-requestid",
    "x-amzn-trace-id",
    "traceparent",
    "alt-svc",
    "nel",
    "report-to",
];

/// Whether a request header is left out of cassettes and replay matching.
pub fn is_volatile_request_header(name: &str) -> bool {
    VOLATILE_REQUEST_HEADERS
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// Whether a response header is left out of cassettes.
pub fn is_volatile_response_header(name: &str) -> bool {
    VOLATILE_RESPONSE_HEADERS
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// A body as a cassette keeps it: text, or base64 when it is not UTF-8.
pub fn body_fields(bytes: &[u8]) -> (Option<String>, Option<String>) {
    use base64::Engine as _;
    if bytes.is_empty() {
        return (None, None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Some(text.to_owned()), None),
        Err(_) => (
            None,
            Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
        ),
    }
}

/// The bytes of a recorded body (`None` when its base64 is broken).
pub fn body_bytes(text: Option<&str>, base64: Option<&str>) -> Option<Vec<u8>> {
    use base64::Engine as _;
    match (text, base64) {
        (Some(text), _) => Some(text.as_bytes().to_vec()),
        (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok(),
        (None, None) => Some(Vec::new()),
    }
}

impl RecordedRequest {
    pub fn body_bytes(&self) -> Option<Vec<u8>> {
        body_bytes(self.body.as_deref(), self.body_base64.as_deref())
    }
}

impl RecordedResponse {
    pub fn body_bytes(&self) -> Option<Vec<u8>> {
        body_bytes(self.body.as_deref(), self.body_base64.as_deref())
    }
}

impl Cassette {
    /// The file name of the cassette of `connector` run against `instance` (an instance
    /// file's name or `sandbox`): `NAME.INSTANCE.cassette.yaml`, each part reduced to
    /// letters, digits, `-` and `_`.
    pub fn file_name(connector: &str, instance: &str) -> String {
        let instance = instance
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(instance)
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml");
        format!(
            "{}.{}{CASSETTE_SUFFIX}",
            file_part(connector),
            file_part(instance)
        )
    }

    /// The cassette as YAML: a comment saying what it is, then the fields in a fixed order,
    /// strings double-quoted and multi-line bodies as literal blocks, so a re-recording diffs
    /// line by line.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# A run recorded by `connspec test --record`; `connspec test --replay` answers\n\
             # from it. Secrets and tokens are `<redacted NAME>` placeholders.\n",
        );
        if let Some(schema) = &self.schema {
            push_key(&mut out, 0, "$schema");
            push_string(&mut out, 0, schema);
        }
        let _ = writeln!(out, "cassette_version: {}", self.cassette_version);
        push_key(&mut out, 0, "connector");
        push_string(&mut out, 0, &self.connector);
        out.push_str("instance:\n");
        push_key(&mut out, 2, "name");
        push_string(&mut out, 2, &self.instance.name);
        let _ = writeln!(out, "  sandbox: {}", self.instance.sandbox);
        if self.instance.values.is_empty() {
            out.push_str("  values: {}\n");
        } else {
            out.push_str("  values:\n");
            for (name, value) in &self.instance.values {
                push_key(&mut out, 4, name);
                let json = serde_json::to_string(value).unwrap_or_default();
                out.push(' ');
                out.push_str(&json);
                out.push('\n');
            }
        }
        if self.instance.secrets.is_empty() {
            out.push_str("  secrets: []\n");
        } else {
            out.push_str("  secrets:\n");
            for name in &self.instance.secrets {
                out.push_str("    -");
                push_string(&mut out, 4, name);
            }
        }
        if self.interactions.is_empty() {
            out.push_str("interactions: []\n");
            return out;
        }
        out.push_str("interactions:\n");
        for interaction in &self.interactions {
            let step = match interaction.step {
                Step::Token => "token",
                Step::Action => "action",
            };
            let _ = writeln!(out, "  - step: {step}");
            if let Some(action) = &interaction.action {
                push_key(&mut out, 4, "action");
                push_string(&mut out, 4, action);
            }
            let request = &interaction.request;
            out.push_str("    request:\n");
            push_key(&mut out, 6, "method");
            push_string(&mut out, 6, &request.method);
            push_key(&mut out, 6, "url");
            push_string(&mut out, 6, &request.url);
            push_headers(&mut out, &request.headers);
            push_body(
                &mut out,
                request.body.as_deref(),
                request.body_base64.as_deref(),
            );
            let response = &interaction.response;
            out.push_str("    response:\n");
            let _ = writeln!(out, "      status: {}", response.status);
            push_headers(&mut out, &response.headers);
            push_body(
                &mut out,
                response.body.as_deref(),
                response.body_base64.as_deref(),
            );
        }
        out
    }
}

fn file_part(text: &str) -> String {
    let part: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if part.is_empty() {
        "unnamed".to_owned()
    } else {
        part
    }
}

/// `key:` at `indent` (quoted when it is not a plain word).
fn push_key(out: &mut String, indent: usize, key: &str) {
    out.push_str(&" ".repeat(indent));
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !key.starts_with(['-', '.'])
    {
        out.push_str(key);
    } else {
        out.push_str(&serde_json::to_string(key).unwrap_or_default());
    }
    out.push(':');
}

/// ` "value"` and a newline: a JSON string is a YAML double-quoted scalar.
fn push_string(out: &mut String, _indent: usize, value: &str) {
    out.push(' ');
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
    out.push('\n');
}

fn push_headers(out: &mut String, headers: &IndexMap<String, String>) {
    if headers.is_empty() {
        out.push_str("      headers: {}\n");
        return;
    }
    out.push_str("      headers:\n");
    for (name, value) in headers {
        push_key(out, 8, name);
        push_string(out, 8, value);
    }
}

fn push_body(out: &mut String, body: Option<&str>, base64: Option<&str>) {
    if let Some(text) = body {
        push_key(out, 6, "body");
        match literal_block(text, 8) {
            Some(block) => out.push_str(&block),
            None => push_string(out, 6, text),
        }
    }
    if let Some(encoded) = base64 {
        push_key(out, 6, "body_base64");
        push_string(out, 6, encoded);
    }
}

/// Bodies at least this long go in literal blocks even on one line: no `\"` escapes to read
/// in review, and a faster scan when a replay loads the cassette.
const LITERAL_BLOCK_MIN: usize = 64;

/// ` |-` and the lines of `text` at `indent`, when a literal block holds it exactly: several
/// lines or a long one, printable characters (tabs aside), no line of spaces only and no
/// leading space on the first line. Otherwise `None`, and the caller writes a quoted string.
fn literal_block(text: &str, indent: usize) -> Option<String> {
    if !(text.contains('\n') || text.len() >= LITERAL_BLOCK_MIN)
        || text.starts_with([' ', '\n', '\t'])
        || text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{feff}' || c == '\u{85}')
        || text
            .split('\n')
            .any(|line| !line.is_empty() && line.trim_matches(' ').is_empty())
        || text.contains(['\u{2028}', '\u{2029}'])
    {
        return None;
    }
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let (indicator, content) = match trailing {
        0 => ("|-", text),
        1 => ("|", &text[..text.len() - 1]),
        _ => ("|+", &text[..text.len() - 1]),
    };
    let pad = " ".repeat(indent);
    let mut out = format!(" {indicator}\n");
    for line in content.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, DocumentKind, check_source};
    use connspec_diagnostics::SourceFile;

    fn sample(body: &str) -> Cassette {
        Cassette {
            schema: None,
            cassette_version: CASSETTE_VERSION,
            connector: "coupa-approvals".to_owned(),
            instance: RecordedInstance {
                name: "sandbox".to_owned(),
                sandbox: true,
                values: IndexMap::from([(
                    "domain".to_owned(),
                    Scalar(serde_json::json!("127.0.0.1:4000")),
                )]),
                secrets: vec!["COUPA_CLIENT_SECRET".to_owned()],
            },
            interactions: vec![Interaction {
                step: Step::Action,
                action: Some("list: approvals".to_owned()),
                request: RecordedRequest {
                    method: "GET".to_owned(),
                    url: "https://127.0.0.1:4000/api/approvals?status=pending".to_owned(),
                    headers: IndexMap::from([
                        ("accept".to_owned(), "application/json".to_owned()),
                        (
                            "authorization".to_owned(),
                            "Bearer <redacted ACCESS_TOKEN>".to_owned(),
                        ),
                    ]),
                    body: None,
                    body_base64: None,
                },
                response: RecordedResponse {
                    status: 200,
                    headers: IndexMap::new(),
                    body: Some(body.to_owned()),
                    body_base64: None,
                },
            }],
        }
    }

    fn round_trip(cassette: &Cassette) -> Cassette {
        let text = cassette.to_yaml();
        let file = SourceFile::new("x.cassette.yaml", text.clone());
        let checked = check_source(
            &file,
            &CheckOptions {
                kind: Some(DocumentKind::Cassette),
                ..CheckOptions::default()
            },
        );
        assert!(
            checked.diagnostics.is_empty(),
            "{text}\n{:?}",
            checked.diagnostics
        );
        checked.cassette.expect("a cassette")
    }

    #[test]
    fn every_body_survives_the_yaml_exactly() {
        let long_json = format!("[{}]", ["{\"id\":1,\"note\":\"a # b: c\"}"; 8].join(","));
        let trailing = format!("{}   ", "x".repeat(80));
        let tabbed = format!("\t{}", "y".repeat(80));
        for body in [
            long_json.as_str(),
            trailing.as_str(),
            tabbed.as_str(),
            "{\"a\":1}",
            "<?xml version=\"1.0\"?>\n<approvals>\n  <approval/>\n</approvals>\n",
            "two\nlines",
            "trailing\n\n\n",
            "  leading space\nx",
            "tab\there\nx",
            "spaces only\n   \nx",
            "quote \" and \\ and é ✓\nx",
            "cr\r\nlf",
            "# not a comment\n- not a list\nkey: not a map",
            "",
        ] {
            let cassette = sample(body);
            assert_eq!(round_trip(&cassette), cassette, "{body:?}");
        }
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            Cassette::file_name("coupa approvals", "instances/acme-test.yaml"),
            "coupa_approvals.acme-test.cassette.yaml"
        );
    }
}
