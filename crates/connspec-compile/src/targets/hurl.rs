//! `hurl`: one Hurl file per connector and instance. The token request comes first and
//! captures `access_token`; then one entry per read action with its example inputs and asserts
//! from `expect`. Write actions are written commented out, so running the file sends no write;
//! secrets are Hurl variables (`{{COUPA_CLIENT_SECRET}}`), given with `--secret`, never values.

use std::fmt::Write as _;

use connspec_model::check_path::{PathSegment, parse_check_path};
use connspec_model::schema::StatusMatcher;
use connspec_model::spec::{Action, ApiKeyPlacement, Auth, Expect, JsonCheck, JsonType, OAuth2};
use connspec_model::yaml::push_pointer;
use serde_json::Value as Json;

use super::{
    Leaf, action_pointer, body, example, headers, inputs_without_example, query, secret_expansion,
    secrets_used, token_supplied_why, with_variables,
};
use crate::context::Context;
use crate::lower::{Part, encode_path_text, shell_word};
use crate::output::{Field, FieldValue, OutputFile, Section};
use crate::render::{Rendered, Segment};

/// The variable the token request captures and the requests send.
const TOKEN_VAR: &str = "access_token";
/// The largest response body Agent Studio accepts (as `connspec test` checks it).
const RESPONSE_LIMIT_BYTES: usize = crate::limits::AGENT_STUDIO_RESPONSE_BYTES;

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>, Vec<OutputFile>) {
    let mut notes = Vec::new();
    let name = file_name(&context.spec.name);
    let mut entries = Vec::new();
    let supplied = token_supplied_why(&context.spec.auth);
    match &context.spec.auth {
        Auth::Oauth2(
            oauth2 @ (OAuth2::ClientCredentials(_) | OAuth2::Password(_) | OAuth2::RefreshToken(_)),
        ) => entries.push(token_entry(context, oauth2)),
        Auth::OnPrem(_) => notes.push(
            "On Premise Auth: Agent Studio routes requests through the On-Prem Agent; run this file from inside that network."
                .to_owned(),
        ),
        _ => {}
    }
    if let Some(why) = supplied {
        notes.push(format!(
            "{why}: get an access token elsewhere (in Agent Studio: Test > Generate New Access Token) and give it with --secret {TOKEN_VAR}=…."
        ));
    }
    let mut writes = Vec::new();
    for (action_name, action) in &context.spec.actions {
        let entry = action_entry(context, action_name, action, &mut notes);
        if action.method.is_write() {
            writes.push(entry);
        } else {
            entries.push(entry);
        }
    }
    if context.spec.client_certificate.is_some() {
        notes.push("Mutual TLS: pass the client certificate with --cert and --key.".to_owned());
    }
    if context.instance.sandbox {
        notes.push(
            "A sandbox instance: trust the CA that `connspec sandbox --ca-out sandbox-ca.pem` writes (--cacert)."
                .to_owned(),
        );
    }
    let used = {
        let all: String = entries.iter().chain(&writes).map(String::as_str).collect();
        secrets_used(context, &all)
    };
    let command = command(context, &name, &used, supplied.is_some());
    let mut text = format!(
        "# {}: requests for {} (connspec compile --target hurl)\n",
        context.spec.name, context.instance_name
    );
    text.push_str("# Secrets are Hurl variables, never written here. Run:\n");
    for line in command.lines() {
        let _ = writeln!(text, "#   {line}");
    }
    for note in &notes {
        let _ = writeln!(text, "# {note}");
    }
    for entry in &entries {
        text.push('\n');
        text.push_str(entry);
    }
    if !writes.is_empty() {
        text.push_str(
            "\n# ==== Writes (run deliberately) ====\n# These requests change data, so they are commented out: uncomment one to send it.\n",
        );
        for entry in &writes {
            text.push('\n');
            for line in entry.lines() {
                if line.is_empty() {
                    text.push_str("#\n");
                } else {
                    let _ = writeln!(text, "# {line}");
                }
            }
        }
    }
    let mut file = Section::new("Hurl file");
    file.fields.push(Field::text("File", &name));
    file.fields.push(Field::new(
        "Hurl",
        FieldValue::Code {
            language: "hurl",
            text: text.clone(),
        },
    ));
    let mut run = Section::new("Run with hurl");
    run.fields.push(Field::new(
        "Command",
        FieldValue::Code {
            language: "sh",
            text: command,
        },
    ));
    (vec![file, run], notes, vec![OutputFile { name, text }])
}

/// The file name `-o DIR` writes.
pub(crate) fn file_name(connector: &str) -> String {
    format!("{connector}.hurl")
}

/// The hurl command line: each secret the file uses from where the instance keeps it, as a
/// `--secret` (redacted from Hurl's logs and reports).
fn command(context: &Context<'_>, file: &str, secrets: &[&str], token: bool) -> String {
    let mut lines = vec!["hurl --test".to_owned()];
    for name in secrets {
        lines.push(format!(
            "  --secret {}",
            shell_word(&[
                Part::Literal(format!("{name}=")),
                Part::Expansion(secret_expansion(context, name)),
            ])
        ));
    }
    if token {
        lines.push(format!(
            "  --secret {}",
            shell_word(&[
                Part::Literal(format!("{TOKEN_VAR}=")),
                Part::Expansion("$ACCESS_TOKEN".to_owned()),
            ])
        ));
    }
    if context.instance.sandbox {
        lines.push("  --cacert sandbox-ca.pem".to_owned());
    }
    lines.push(format!(
        "  {}",
        shell_word(&[Part::Literal(file.to_owned())])
    ));
    lines.join(" \\\n")
}

/// A rendered field in Hurl syntax: secrets and inputs without an example as variables.
fn lower(rendered: &Rendered, action: Option<&Action>, encode: &dyn Fn(&str) -> String) -> String {
    with_variables(rendered, action, encode, &|path| {
        let name: String = path
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{{{{meta_info_{name}}}}}")
    })
}

/// A rendered field as a Hurl value: escaped, with variables left as they are.
fn value(rendered: &Rendered, action: Option<&Action>) -> String {
    keep_outer_spaces(lower(rendered, action, &escape_value))
}

fn plain(context: &Context<'_>, pointer: &str) -> String {
    value(context.field(pointer), None)
}

/// Escapes text for a Hurl value (a header value, a query or form value, the URL): `#` starts
/// a comment and `\` an escape.
fn escape_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("\\#"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Hurl trims a value's outer spaces: a whole value keeps them as `\u{20}`.
fn keep_outer_spaces(value: String) -> String {
    let start = value.len() - value.trim_start_matches(' ').len();
    let end = value.trim_end_matches(' ').len().max(start);
    if start == 0 && end == value.len() {
        return value;
    }
    format!(
        "{}{}{}",
        "\\u{20}".repeat(start),
        &value[start..end],
        "\\u{20}".repeat(value.len() - end)
    )
}

/// Escapes text for a Hurl key (a header name, a query or form key).
fn escape_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        match c {
            '[' if index == 0 => out.push_str("\\u{5b}"),
            c if c.is_alphanumeric() || "_-.[]@$".contains(c) => out.push(c),
            '#' | ':' | '\\' | '/' => {
                out.push('\\');
                out.push(c);
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out
}

/// A Hurl quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn token_entry(context: &Context<'_>, oauth2: &OAuth2) -> String {
    let common = oauth2.common();
    let basic = common.client_authentication.is_basic_header();
    let how = if basic {
        "the client authenticates with a Basic header"
    } else {
        "client id and secret in the form body"
    };
    let mut lines = vec![
        format!("# Token request (OAuth 2.0 {}; {how})", oauth2.grant_name()),
        format!("POST {}", plain(context, "/auth/token_url")),
    ];
    let mut header = vec![("Accept".to_owned(), "application/json".to_owned())];
    for key in common.token_request.headers.keys() {
        let value = plain(context, &push_pointer("/auth/token_request/headers", key));
        header.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
        header.push((key.clone(), value));
    }
    for (key, value) in header {
        lines.push(format!("{}: {value}", escape_key(&key)));
    }
    if basic {
        lines.push("[BasicAuth]".to_owned());
        lines.push(format!(
            "{}: {}",
            plain(context, "/auth/client_id"),
            plain(context, "/auth/client_secret")
        ));
    }
    let grant = common
        .custom_grant_type
        .clone()
        .unwrap_or_else(|| oauth2.grant_name().to_owned());
    let mut form: Vec<(String, String)> = vec![("grant_type".to_owned(), escape_value(&grant))];
    if !basic {
        if common.client_id.is_some() {
            form.push(("client_id".to_owned(), plain(context, "/auth/client_id")));
        }
        if common.client_secret.is_some() {
            form.push((
                "client_secret".to_owned(),
                plain(context, "/auth/client_secret"),
            ));
        }
    }
    match oauth2 {
        OAuth2::Password(_) => {
            form.push(("username".to_owned(), plain(context, "/auth/username")));
            form.push(("password".to_owned(), plain(context, "/auth/password")));
        }
        OAuth2::RefreshToken(_) => {
            form.push((
                "refresh_token".to_owned(),
                plain(context, "/auth/refresh_token"),
            ));
        }
        _ => {}
    }
    let scopes = context.scopes().join(" ");
    if !scopes.is_empty() {
        form.push(("scope".to_owned(), escape_value(&scopes)));
    }
    // The spec's extra fields win over ours (e.g. Zoom's `grant_type: account_credentials`).
    for key in common.token_request.body.keys() {
        let value = plain(context, &push_pointer("/auth/token_request/body", key));
        match form.iter_mut().find(|(name, _)| name == key) {
            Some(slot) => slot.1 = value,
            None => form.push((key.clone(), value)),
        }
    }
    lines.push("[FormParams]".to_owned());
    for (key, value) in form {
        lines.push(format!("{}: {value}", escape_key(&key)));
    }
    let key = common
        .token_response_keys
        .as_ref()
        .map_or("access_token", |k| k.access_token.as_str());
    let path = quoted(&json_path(&[PathSegment::Key(key.to_owned())]));
    lines.push("HTTP 200".to_owned());
    lines.push("[Captures]".to_owned());
    lines.push(format!("{TOKEN_VAR}: jsonpath {path} redact"));
    lines.push("[Asserts]".to_owned());
    lines.push(format!("jsonpath {path} isString"));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The auth header or query parameter every API request carries.
fn auth_lines(
    context: &Context<'_>,
    headers: &mut Vec<String>,
    query: &mut Vec<String>,
) -> Option<String> {
    let token = format!("{{{{{TOKEN_VAR}}}}}");
    match &context.spec.auth {
        Auth::None(_) | Auth::OnPrem(_) => None,
        Auth::Basic(_) => Some(format!(
            "{}: {}",
            plain(context, "/auth/username"),
            plain(context, "/auth/password")
        )),
        Auth::Bearer(_) => {
            headers.push(format!(
                "Authorization: Bearer {}",
                plain(context, "/auth/token")
            ));
            None
        }
        Auth::ApiKey(key) => {
            let value = plain(context, "/auth/key");
            match key.placement {
                ApiKeyPlacement::Header => {
                    let header = key.header();
                    let pattern = key.pattern();
                    headers.push(format!(
                        "{}: {}",
                        escape_key(header),
                        pattern_value(pattern, &value)
                    ));
                }
                ApiKeyPlacement::Query => {
                    let param = key.param_name.as_deref().unwrap_or_default();
                    query.push(format!("{}: {value}", escape_key(param)));
                }
            }
            None
        }
        Auth::Oauth2(oauth2) => {
            let common = oauth2.common();
            let (key, pattern) = common.token_header_parts();
            headers.push(format!(
                "{}: {}",
                escape_key(key),
                pattern_value(pattern, &token)
            ));
            None
        }
        Auth::Jwt(_) | Auth::Jwks(_) => {
            headers.push(format!("Authorization: Bearer {token}"));
            None
        }
    }
}

/// `pattern` with `%s` replaced by `value` (already in Hurl syntax); the rest escaped.
fn pattern_value(pattern: &str, value: &str) -> String {
    keep_outer_spaces(match pattern.split_once("%s") {
        Some((before, after)) => {
            format!("{}{value}{}", escape_value(before), escape_value(after))
        }
        None => escape_value(pattern),
    })
}

fn action_entry(
    context: &Context<'_>,
    name: &str,
    action: &Action,
    notes: &mut Vec<String>,
) -> String {
    let base = action_pointer(name);
    let mut lines = Vec::new();
    let summary = action
        .description
        .as_deref()
        .map(|d| format!(": {}", d.replace('\n', " ")))
        .unwrap_or_default();
    lines.push(format!("# {name}{summary}"));
    let mut base_url = plain(context, "/base_url");
    while base_url.ends_with('/') {
        base_url.pop();
    }
    let path = lower(
        context.field(&format!("{base}/path")),
        Some(action),
        &|text| escape_value(&encode_path_text(text)),
    );
    lines.push(format!("{} {base_url}{path}", action.method.as_str()));
    let mut auth_headers = Vec::new();
    let mut query_lines = Vec::new();
    let basic = auth_lines(context, &mut auth_headers, &mut query_lines);
    let own = headers(context, name, action);
    for (key, value_rendered) in &own {
        lines.push(format!(
            "{}: {}",
            escape_key(key),
            value(value_rendered, Some(action))
        ));
    }
    lines.extend(auth_headers);
    for key in context.spec.common_headers.keys() {
        if own.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)) {
            continue;
        }
        lines.push(format!(
            "{}: {}",
            escape_key(key),
            plain(context, &push_pointer("/common_headers", key))
        ));
    }
    for (key, rendered) in query(context, name, action) {
        query_lines.push(format!(
            "{}: {}",
            escape_key(&key),
            value(rendered, Some(action))
        ));
    }
    if !query_lines.is_empty() {
        lines.push("[Query]".to_owned());
        lines.extend(query_lines);
    }
    if let Some(credentials) = basic {
        lines.push("[BasicAuth]".to_owned());
        lines.push(credentials);
    }
    let text = |r: &Rendered| lower(r, Some(action), &str::to_owned);
    let leaf = |r: &Rendered, _kind| match r.single() {
        Some(Segment::Input(input)) => match example(Some(action), input) {
            Some(example) => Leaf::Value(example.clone()),
            None => Leaf::Quoted(text(r)),
        },
        _ => Leaf::Quoted(text(r)),
    };
    if let Some(body_text) = body(context, name, action, &text, &leaf) {
        if matches!(action.body, Some(connspec_model::spec::Body::Json(_))) {
            lines.push(body_text);
        } else {
            lines.push(format!("```\n{body_text}\n```"));
        }
    }
    lines.extend(response(action.expect.as_ref()));
    for input in inputs_without_example(action) {
        notes.push(format!(
            "Action {name}: input `{input}` has no example; pass --variable {input}=… to run it."
        ));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The response part of an entry: `HTTP <code>` when `expect` gives one, then asserts.
fn response(expect: Option<&Expect>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut asserts = Vec::new();
    match expect.and_then(|e| e.status) {
        Some(StatusMatcher::Code(code)) => lines.push(format!("HTTP {code}")),
        Some(StatusMatcher::Class(class)) => {
            lines.push("HTTP *".to_owned());
            asserts.push(format!("status >= {class}00"));
            asserts.push(format!("status < {}00", class + 1));
        }
        None => {
            // Without an expected status `connspec test` wants any 2xx.
            lines.push("HTTP *".to_owned());
            asserts.push("status >= 200".to_owned());
            asserts.push("status < 300".to_owned());
        }
    }
    if let Some(expect) = expect {
        if let Some(kind) = expect.json {
            asserts.push(match kind {
                JsonType::Object => "jsonpath \"$\" isObject".to_owned(),
                JsonType::Array => "jsonpath \"$\" isList".to_owned(),
                JsonType::String => "jsonpath \"$\" isString".to_owned(),
                JsonType::Number => "jsonpath \"$\" isNumber".to_owned(),
                JsonType::Boolean => "jsonpath \"$\" isBoolean".to_owned(),
                JsonType::Null => "jsonpath \"$\" == null".to_owned(),
            });
        }
        if expect.schema.is_some() {
            asserts.push(
                "# expect.schema: Hurl cannot check a JSON Schema; `connspec test` does".to_owned(),
            );
        }
        for check in &expect.checks {
            asserts.extend(check_asserts(check));
        }
        if let Some(max) = expect.max_latency_ms {
            asserts.push(format!("duration <= {max}"));
        }
    }
    asserts.push(format!(
        "bytes count <= {RESPONSE_LIMIT_BYTES}  # Agent Studio's response limit"
    ));
    lines.push("[Asserts]".to_owned());
    lines.extend(asserts);
    lines
}

/// One `checks` entry as Hurl asserts (or a comment when Hurl cannot express it).
fn check_asserts(check: &JsonCheck) -> Vec<String> {
    let segments = match parse_check_path(&check.path) {
        Ok(segments) => segments,
        Err(error) => {
            return vec![format!("# check {}: {error}", escape_comment(&check.path))];
        }
    };
    let query = format!("jsonpath {}", quoted(&json_path(&segments)));
    let mut out = Vec::new();
    match check.exists {
        Some(true) => out.push(format!("{query} exists")),
        Some(false) => out.push(format!("{query} not exists")),
        None => {}
    }
    if let Some(wanted) = &check.equals {
        match wanted {
            Json::String(text) => out.push(format!("{query} == {}", quoted(text))),
            Json::Number(_) | Json::Bool(_) | Json::Null => {
                out.push(format!("{query} == {wanted}"));
            }
            Json::Array(_) | Json::Object(_) => out.push(format!(
                "# {}: Hurl cannot compare with a JSON {}; `connspec test` does",
                escape_comment(&check.path),
                if wanted.is_array() { "array" } else { "object" }
            )),
        }
    }
    if let Some(pattern) = &check.matches {
        out.push(format!("{query} matches {}", quoted(pattern)));
    }
    out
}

fn escape_comment(text: &str) -> String {
    text.replace('\n', " ")
}

/// A JSONPath (RFC 9535) with every key in bracket notation, so hyphenated keys such as
/// Coupa's `approvable-type` need no care.
fn json_path(segments: &[PathSegment]) -> String {
    let mut out = String::from("$");
    for segment in segments {
        match segment {
            PathSegment::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
            PathSegment::Key(key) => {
                out.push_str("['");
                for c in key.chars() {
                    match c {
                        '\'' => out.push_str("\\'"),
                        '\\' => out.push_str("\\\\"),
                        c => out.push(c),
                    }
                }
                out.push_str("']");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_keys_are_escaped() {
        assert_eq!(escape_value("a#b\\c"), "a\\#b\\\\c");
        assert_eq!(
            keep_outer_spaces(" x  ".to_owned()),
            "\\u{20}x\\u{20}\\u{20}"
        );
        assert_eq!(keep_outer_spaces("a b".to_owned()), "a b");
        assert_eq!(keep_outer_spaces("   ".to_owned()), "\\u{20}\\u{20}\\u{20}");
        assert_eq!(escape_key("X-Api-Key"), "X-Api-Key");
        assert_eq!(escape_key("a b:c"), "a\\u{20}b\\:c");
        assert_eq!(escape_key("[x]"), "\\u{5b}x]");
        assert_eq!(quoted("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
    }

    #[test]
    fn check_paths_become_bracketed_json_paths() {
        let segments = parse_check_path("$[0].approvable-type['it''s']").map(|s| json_path(&s));
        assert_eq!(
            segments.as_deref(),
            Ok("$[0]['approvable-type']['it\\'\\'s']")
        );
        assert_eq!(
            parse_check_path("$").map(|s| json_path(&s)).as_deref(),
            Ok("$")
        );
        assert!(parse_check_path("status").is_err());
        assert!(parse_check_path("$[x]").is_err());
    }
}
