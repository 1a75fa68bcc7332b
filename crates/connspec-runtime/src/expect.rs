//! The checks of one response: `expect` (status or class, JSON type, JSON Schema, JSONPath-style
//! checks, latency) and Agent Studio's 200 KB response limit, always on, as a warning.

use std::time::Duration;

use connspec_diagnostics::{Code, Severity};
use connspec_model::check_path::{PathSegment, parse_check_path};
use connspec_model::spec::{Expect, JsonCheck, JsonType};
use serde_json::Value as Json;

use crate::codes::{EXPECTATION_FAILED, RESPONSE_TOO_LARGE, SLOW_RESPONSE, UNEXPECTED_STATUS};
use crate::limits::AGENT_STUDIO_RESPONSE;

/// The largest response body Agent Studio accepts.
pub const AGENT_STUDIO_RESPONSE_LIMIT: usize =
    connspec_compile::limits::AGENT_STUDIO_RESPONSE_BYTES;

/// One failed expectation or warning, at a place in the spec.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    #[serde(serialize_with = "code_str")]
    pub code: &'static Code,
    #[serde(serialize_with = "severity_str")]
    pub severity: Severity,
    pub message: String,
    /// JSON Pointer into the spec: the `expect` entry, or the action.
    pub pointer: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn code_str<S: serde::Serializer>(code: &&'static Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.code)
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn severity_str<S: serde::Serializer>(severity: &Severity, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(severity.as_str())
}

impl Finding {
    pub(crate) fn error(code: &'static Code, message: String, pointer: String) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message,
            pointer,
        }
    }
}

/// How much of a body a failed expectation quotes.
pub const FAILURE_EXCERPT_BYTES: usize = 300;

/// The start of `body` as one line for a failure message: at most [`FAILURE_EXCERPT_BYTES`]
/// bytes (cut at a character boundary), whitespace runs folded, control characters escaped.
/// Secrets are redacted afterwards, with every string of the report.
pub fn body_excerpt(body: &[u8]) -> Option<String> {
    body_excerpt_within(body, FAILURE_EXCERPT_BYTES)
}

/// How much of a response body `--verbose` shows.
pub const VERBOSE_BODY_BYTES: usize = 2048;

/// The start of `body` as one line of at most `max` bytes, as [`body_excerpt`] makes it.
pub fn body_excerpt_within(body: &[u8], max: usize) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut last_space = false;
    for c in text.chars() {
        if out.len() >= max {
            return Some(format!("{out}… ({} bytes)", body.len()));
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Whether `finding` is a failed expectation that quotes the response body.
fn quotes_body(finding: &Finding) -> bool {
    finding.code.code == UNEXPECTED_STATUS.code || finding.code.code == EXPECTATION_FAILED.code
}

/// Appends the response excerpt `excerpt` ([`body_excerpt`] of the body, secrets already
/// redacted) to every failed expectation in `findings`.
pub fn quote_body(findings: &mut [Finding], excerpt: &str) {
    for finding in findings.iter_mut().filter(|f| quotes_body(f)) {
        finding.message = format!("{}; the response: {excerpt}", finding.message);
    }
}

/// Whether any of `findings` would quote the response body.
pub fn wants_excerpt(findings: &[Finding]) -> bool {
    findings.iter().any(quotes_body)
}

/// Checks a response of the action at `action_pointer` against `expect`. The caller quotes
/// the body in failed expectations ([`quote_body`]) after redacting it: an excerpt cut from
/// the raw body could split a secret so that no redaction finds it.
pub fn evaluate(
    expect: Option<&Expect>,
    action_pointer: &str,
    status: u16,
    body: &[u8],
    latency: Duration,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let at = |entry: &str| format!("{action_pointer}/expect/{entry}");
    let matcher = expect.and_then(|e| e.status);
    let status_ok = matcher.map_or((200..300).contains(&status), |m| m.matches(status));
    if !status_ok {
        let (wanted, pointer) = matcher.map_or_else(
            || ("2xx".to_owned(), action_pointer.to_owned()),
            |m| (m.to_string(), at("status")),
        );
        findings.push(Finding::error(
            &UNEXPECTED_STATUS,
            format!("status {status}, expected {wanted}{}", status_hint(status)),
            pointer,
        ));
    }
    if body.len() > AGENT_STUDIO_RESPONSE_LIMIT {
        findings.push(Finding {
            code: &RESPONSE_TOO_LARGE,
            severity: Severity::Warning,
            message: format!(
                "the response body has {} bytes, over {} ({})",
                body.len(),
                AGENT_STUDIO_RESPONSE.describe_default(),
                AGENT_STUDIO_RESPONSE.remedy()
            ),
            pointer: action_pointer.to_owned(),
        });
    }
    let Some(expect) = expect else {
        return findings;
    };
    if let Some(max) = expect.max_latency_ms {
        let took = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        if took > max {
            findings.push(Finding::error(
                &SLOW_RESPONSE,
                format!("took {took} ms, more than {max} ms"),
                at("max_latency_ms"),
            ));
        }
    }
    // Body checks only make sense on the expected status.
    if !status_ok {
        return findings;
    }
    let wants_json = expect.json.is_some() || expect.schema.is_some() || !expect.checks.is_empty();
    if !wants_json {
        return findings;
    }
    // A `Value` only for the schema and the checks; the JSON type alone needs no tree.
    let needs_value = expect.schema.is_some() || !expect.checks.is_empty();
    let parsed = if needs_value {
        from_json::<Json>(body).map(|json| (json_type(&json), Some(json)))
    } else {
        from_json::<Shape>(body).map(|shape| (shape.0, None))
    };
    let (actual, json) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let entry = if expect.json.is_some() {
                "json"
            } else if expect.schema.is_some() {
                "schema"
            } else {
                "checks"
            };
            findings.push(Finding::error(
                &EXPECTATION_FAILED,
                format!("the body is not JSON ({error})"),
                at(entry),
            ));
            return findings;
        }
    };
    if let Some(wanted) = expect.json
        && actual != wanted
    {
        findings.push(Finding::error(
            &EXPECTATION_FAILED,
            format!(
                "the body is a JSON {}, expected {}",
                type_name(actual),
                type_name(wanted)
            ),
            at("json"),
        ));
    }
    let Some(json) = json else {
        return findings;
    };
    if let Some(schema) = &expect.schema {
        match jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&Json::Object(schema.clone()))
        {
            Ok(validator) => {
                let errors: Vec<String> = validator
                    .iter_errors(&json)
                    .take(3)
                    .map(|e| {
                        let path = e.instance_path().as_str().to_owned();
                        let path = if path.is_empty() {
                            "/".to_owned()
                        } else {
                            path
                        };
                        format!("at `{path}`: {}", e.masked())
                    })
                    .collect();
                if !errors.is_empty() {
                    findings.push(Finding::error(
                        &EXPECTATION_FAILED,
                        format!("the body fails the schema: {}", errors.join("; ")),
                        at("schema"),
                    ));
                }
            }
            Err(error) => findings.push(Finding::error(
                &EXPECTATION_FAILED,
                format!("the schema is invalid: {error}"),
                at("schema"),
            )),
        }
    }
    for (i, check) in expect.checks.iter().enumerate() {
        if let Some(message) = run_check(check, &json) {
            findings.push(Finding::error(
                &EXPECTATION_FAILED,
                message,
                format!("{action_pointer}/expect/checks/{i}"),
            ));
        }
    }
    findings
}

fn status_hint(status: u16) -> &'static str {
    match status {
        401 => " (the token was refused, also after minting a new one)",
        403 => " (the token lacks a scope this route needs)",
        404 => " (wrong path, or no such record)",
        429 => " (rate limited, also after the retries)",
        _ => "",
    }
}

/// `serde_json::from_slice`, but a body that is UTF-8 as a whole (every JSON text) is checked
/// so once and read as a `str`: `from_slice` validates every string on its own, which was a
/// third of the time for the many short strings of an API's list. Both readers share the
/// parser, so errors and their positions are the same; invalid UTF-8 still goes to
/// `from_slice`, which reports where.
fn from_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// The type of a JSON text's value, read without building it: the same calls into `serde_json`'s
/// deserializer as a `Value` makes (`deserialize_any` all the way down, keys as strings), so the
/// same texts are refused with the same errors at the same positions; only nothing is allocated
/// beyond `serde_json`'s scratch buffer for escaped strings.
struct Shape(JsonType);

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `Value`'s wording.
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape(JsonType::Boolean))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape(JsonType::Number))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape(JsonType::Number))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape(JsonType::Number))
    }

    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape(JsonType::String))
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape(JsonType::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(Shape(JsonType::Array))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_key::<Shape>()?.is_some() {
            map.next_value::<Shape>()?;
        }
        Ok(Shape(JsonType::Object))
    }
}

fn json_type(json: &Json) -> JsonType {
    match json {
        Json::Null => JsonType::Null,
        Json::Bool(_) => JsonType::Boolean,
        Json::Number(_) => JsonType::Number,
        Json::String(_) => JsonType::String,
        Json::Array(_) => JsonType::Array,
        Json::Object(_) => JsonType::Object,
    }
}

fn type_name(kind: JsonType) -> &'static str {
    match kind {
        JsonType::Object => "object",
        JsonType::Array => "array",
        JsonType::String => "string",
        JsonType::Number => "number",
        JsonType::Boolean => "boolean",
        JsonType::Null => "null",
    }
}

/// Runs one check; `Some(message)` when it fails.
fn run_check(check: &JsonCheck, json: &Json) -> Option<String> {
    let segments = match parse_check_path(&check.path) {
        Ok(segments) => segments,
        Err(error) => return Some(format!("`{}`: {error}", check.path)),
    };
    let found = segments
        .iter()
        .try_fold(json, |value, segment| match segment {
            PathSegment::Key(key) => value.get(key.as_str()),
            PathSegment::Index(i) => value.get(*i),
        });
    let path = &check.path;
    if let Some(exists) = check.exists
        && exists != found.is_some()
    {
        return Some(if exists {
            format!("`{path}` does not exist")
        } else {
            format!("`{path}` exists")
        });
    }
    if let Some(wanted) = &check.equals {
        match found {
            Some(value) if value == wanted => {}
            Some(value) => return Some(format!("`{path}` is {value}, expected {wanted}")),
            None => return Some(format!("`{path}` does not exist, expected {wanted}")),
        }
    }
    if let Some(pattern) = &check.matches {
        let regex = match regex::Regex::new(pattern) {
            Ok(regex) => regex,
            Err(error) => return Some(format!("`matches` is not a regular expression: {error}")),
        };
        let text = match found {
            Some(Json::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => return Some(format!("`{path}` does not exist")),
        };
        if !regex.is_match(&text) {
            return Some(format!(
                "`{path}` is {text:?}, which does not match /{pattern}/"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn failed_expectations_quote_the_body_within_the_limit() {
        let body = br#"{"errors": {"approval": ["Approval 12622 is approved and can no longer be rejected"]}}"#;
        let mut findings = evaluate(None, "/actions/reject", 422, body, Duration::ZERO);
        assert!(wants_excerpt(&findings));
        quote_body(&mut findings, &body_excerpt(body).expect("excerpt"));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("can no longer be rejected"),
            "{}",
            findings[0].message
        );
        let long = format!("{{\"x\": \"{}\"}}\n\u{7}", "é".repeat(400));
        let excerpt = body_excerpt(long.as_bytes()).expect("excerpt");
        assert!(
            excerpt.len() < FAILURE_EXCERPT_BYTES + 40,
            "{}",
            excerpt.len()
        );
        assert!(
            excerpt.ends_with(&format!("… ({} bytes)", long.len())),
            "{excerpt}"
        );
        assert_eq!(body_excerpt(b"a\n\n  b\x07").as_deref(), Some("a b\\u{7}"));
        assert_eq!(body_excerpt(b"  \n"), None);
        // A passing response quotes nothing.
        assert!(evaluate(None, "/actions/a", 200, b"{}", Duration::ZERO).is_empty());
    }

    #[test]
    fn checks() {
        let body = json!([{"status": "pending_approval", "id": 7}]);
        let check =
            |path: &str, equals: Option<Json>, exists: Option<bool>, matches: Option<&str>| {
                run_check(
                    &JsonCheck {
                        path: path.into(),
                        equals,
                        exists,
                        matches: matches.map(str::to_owned),
                    },
                    &body,
                )
            };
        assert_eq!(check("$[0].id", Some(json!(7)), None, None), None);
        assert!(check("$[0].id", Some(json!(8)), None, None).is_some());
        assert_eq!(check("$[1]", None, Some(false), None), None);
        assert_eq!(check("$[0].status", None, None, Some("^pending")), None);
        assert!(check("$[0].status", None, None, Some("^paid")).is_some());
    }

    #[test]
    fn status_json_size_and_latency() {
        let expect: Expect = serde_json::from_value(json!({
            "status": 200, "json": "array", "max_latency_ms": 10
        }))
        .unwrap();
        let f = evaluate(
            Some(&expect),
            "/actions/a",
            200,
            b"{}",
            Duration::from_millis(50),
        );
        let codes: Vec<&str> = f.iter().map(|f| f.code.code).collect();
        assert_eq!(codes, ["R006", "R004"]);
        assert_eq!(f[1].pointer, "/actions/a/expect/json");
        let f = evaluate(Some(&expect), "/actions/a", 403, b"[]", Duration::ZERO);
        assert_eq!(f[0].pointer, "/actions/a/expect/status");
        let big = vec![b' '; AGENT_STUDIO_RESPONSE_LIMIT + 1];
        let f = evaluate(None, "/actions/a", 200, &big, Duration::ZERO);
        assert_eq!(f[0].severity, Severity::Warning);
        let f = evaluate(Some(&expect), "/actions/a", 200, b"<xml/>", Duration::ZERO);
        assert!(f[0].message.contains("not JSON"));
    }

    #[test]
    fn the_json_type_is_read_as_a_value_would_be() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let texts: [&[u8]; 32] = [
            b"[]",
            b" \t\r\n{} \n",
            b"[1, -2, 2.5, 1e3, 18446744073709551616, {}]",
            br#"{"a": {"b": [null, true, false]}, "a": "dup"}"#,
            br#""caf\u00e9 \"q\" \\""#,
            b"null",
            b"true",
            b"-0",
            b"",
            b"   ",
            b"<xml/>",
            b"[1,]",
            br#"{"a":1,}"#,
            br#"{"a" 1}"#,
            b"{1: 2}",
            b"[1] x",
            b"[1][2]",
            br#""\x""#,
            b"\"\xff\"",
            br#""\ud800""#,
            b"\"a\nb\"",
            b"01",
            b"1.",
            b"-",
            b"nul",
            b"[1e999]",
            b"\xef\xbb\xbf[]",
            br#"{"a": [1, 2"#,
            br#"["\u12"]"#,
            b"[\"\xe9t\xe9\"]",
            "[\"été ✓\", {\"clé\": 1}]".as_bytes(),
            deep.as_bytes(),
        ];
        for text in texts {
            let shown = String::from_utf8_lossy(text);
            let reference = serde_json::from_slice::<Json>(text);
            match (&reference, from_json::<Json>(text)) {
                (Ok(reference), Ok(value)) => assert_eq!(reference, &value, "{shown}"),
                (Err(reference), Err(value)) => {
                    assert_eq!(reference.to_string(), value.to_string(), "{shown}");
                }
                (reference, value) => panic!("{shown}: {reference:?} but {value:?}"),
            }
            for shape in [
                serde_json::from_slice::<Shape>(text),
                from_json::<Shape>(text),
            ] {
                match (&reference, shape) {
                    (Ok(value), Ok(shape)) => assert_eq!(json_type(value), shape.0, "{shown}"),
                    (Err(value), Err(shape)) => {
                        assert_eq!(value.to_string(), shape.to_string(), "{shown}");
                    }
                    (value, shape) => panic!("{shown}: {value:?} but {:?}", shape.map(|s| s.0)),
                }
            }
        }
    }

    #[test]
    fn the_type_check_alone_reports_invalid_json_as_before() {
        let expect: Expect = serde_json::from_value(json!({"json": "object"})).unwrap();
        let f = evaluate(Some(&expect), "/actions/a", 200, b"[1, 2", Duration::ZERO);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].pointer, "/actions/a/expect/json");
        assert_eq!(
            f[0].message,
            "the body is not JSON (EOF while parsing a list at line 1 column 5)"
        );
        let f = evaluate(Some(&expect), "/actions/a", 200, b" [] ", Duration::ZERO);
        assert_eq!(f[0].message, "the body is a JSON array, expected object");
    }

    #[test]
    fn json_schema() {
        let expect: Expect = serde_json::from_value(json!({
            "schema": {"type": "array", "items": {"type": "object", "required": ["id"]}}
        }))
        .unwrap();
        let ok = evaluate(
            Some(&expect),
            "/actions/a",
            200,
            br#"[{"id": 1}]"#,
            Duration::ZERO,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = evaluate(
            Some(&expect),
            "/actions/a",
            200,
            br#"[{"x": 1}]"#,
            Duration::ZERO,
        );
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].pointer, "/actions/a/expect/schema");
        assert!(bad[0].message.contains("at `/0`"), "{}", bad[0].message);
    }
}
