//! Canary secrets through a server that echoes what it receives, in every encoding a response
//! can carry them (raw, percent-encoded with either hex case, form-encoded, JSON-escaped,
//! base64 and base64url), for every kind of secret (username, password, API key in a header
//! and in the query, client id and secret in a Basic header and in the body, password and
//! refresh-token grants, a JWT private key and the JWT signed with it, the access token), in
//! every report format (human, JSON, JUnit): no output may hold any encoding of any canary, nor
//! the base64 of a whole `id:secret` pair, nor a line of the key, nor any JWT.
//!
//! The canaries hold `+ / = & % : @` and a space, so that every encoding differs from the raw
//! value; a canary of letters and digits would pass even if only the raw form were redacted.

mod common;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

use base64::Engine as _;
use common::{connspec, run};

/// Every secret value of the run, by the environment variable that carries it.
const CANARIES: &[(&str, &str)] = &[
    ("CANARY_USER", "Cu5er+/=&%@ kx"),
    ("CANARY_PASSWORD", "Cpa55+/=&%:@ wd"),
    ("CANARY_KEY", "Cke7+/=&%:@ ky"),
    ("CANARY_ID", "Ci9d+/=&%:@ cl"),
    ("CANARY_SECRET", "Cs3c+/=&%:@ rt"),
    ("CANARY_REFRESH", "Cr3f+/=&%:@ sh"),
    // A real key (JWT auth must sign with it); its lines hold `+ / =` and it spans lines.
    ("CANARY_PRIVATE_KEY", PRIVATE_KEY),
];
/// A test-only RSA key, the runtime's JWT test fixture.
const PRIVATE_KEY: &str =
    include_str!("../../crates/connspec-runtime/tests/fixtures/test-only-rsa-private.pem");
/// How every JWT starts (`{"` in base64url), and that start in base64: the signed assertion of
/// JWT auth is a credential too, though its value is made during the run.
const JWT_STARTS: &[&str] = &["eyJ", "ZXlK"];
/// Ends every echo of the token endpoint: seen in an output, it proves the whole echo got there.
const ECHO_END: &str = "end-of-echo";
/// The access token the echo server issues on `/token/ok`.
const ACCESS_TOKEN: &str = "Cacc+/=&%:@ tk9";

const ENCODINGS: &[&str] = &[
    "raw",
    "percent",
    "percent-lower",
    "form",
    "json",
    "b64",
    "b64url",
];

fn percent(value: &str, plus: bool, lower: bool) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' if plus => out.push('+'),
            _ if lower => {
                let _ = write!(out, "%{byte:02x}");
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

fn encode(encoding: &str, text: &str) -> String {
    match encoding {
        "raw" => text.to_owned(),
        "percent" => percent(text, false, false),
        "percent-lower" => percent(text, false, true),
        "form" => percent(text, true, false),
        "json" => {
            let json = serde_json::to_string(text).expect("json");
            json[1..json.len() - 1].to_owned()
        }
        "b64" => base64::engine::general_purpose::STANDARD.encode(text),
        "b64url" => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text),
        other => panic!("unknown encoding {other}"),
    }
}

/// An `Authorization` value and its credential alone (after the scheme word).
fn credentials(authorization: &str) -> Vec<String> {
    let mut out = vec![authorization.to_owned()];
    if let Some((_, credential)) = authorization.split_once(' ') {
        out.push(credential.to_owned());
    }
    out.retain(|v| !v.is_empty());
    out
}

/// The decoded values of a form body or query string.
fn form_values(form: &str) -> Vec<String> {
    form.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| decode_form(value))
        .collect()
}

fn decode_form(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a server received, as its raw request.
struct Request {
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
}

/// The echo server: `/token/ok` issues [`ACCESS_TOKEN`]; `/token/all` refuses and echoes the
/// token request's credentials in `error_description`, in every encoding; `/echo/ENC` answers
/// 400 with the action request's credentials encoded as ENC.
fn serve(listener: &TcpListener) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        std::thread::spawn(move || {
            let Some(request) = read_request(&mut stream) else {
                return;
            };
            let header = |name: &str| {
                request
                    .headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let mut parts = request.target.splitn(3, '/').skip(1);
            let (route, rest) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            let encoding = rest.split(['?', '/']).next().unwrap_or_default().to_owned();
            let query = request
                .target
                .split_once('?')
                .map(|(_, q)| q.to_owned())
                .unwrap_or_default();
            match (route, encoding.as_str()) {
                ("token", "ok") => respond(
                    &mut stream,
                    "200 OK",
                    "application/json",
                    &serde_json::json!({
                        "access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3600
                    })
                    .to_string(),
                ),
                ("token", _) => {
                    let mut received = credentials(&header("authorization"));
                    received.extend(form_values(&request.body));
                    let every: Vec<String> = ENCODINGS
                        .iter()
                        .flat_map(|e| received.iter().map(|r| encode(e, r)))
                        .collect();
                    respond(
                        &mut stream,
                        "400 Bad Request",
                        "application/json",
                        &serde_json::json!({
                            "error": "invalid_grant",
                            "error_description": format!("{} | {ECHO_END}", every.join(" | ")),
                        })
                        .to_string(),
                    );
                }
                (_, encoding) => {
                    let mut received = credentials(&header("authorization"));
                    received.push(header("x-api-key"));
                    received.extend(form_values(&query));
                    let echoed: Vec<String> = received
                        .iter()
                        .filter(|r| !r.is_empty())
                        .map(|r| encode(encoding, r))
                        .collect();
                    respond(
                        &mut stream,
                        "400 Bad Request",
                        "text/plain",
                        &echoed.join(" | "),
                    );
                }
            }
        });
    }
}

/// The auth configurations, with `TOKEN` standing for the token path.
const AUTHS: &[(&str, &str)] = &[
    (
        "basic",
        r#"{ type: basic, username: "{{ secrets.CANARY_USER }}", password: "{{ secrets.CANARY_PASSWORD }}" }"#,
    ),
    (
        "api_key_header",
        r#"{ type: api_key, header_name: X-Api-Key, value_pattern: "%s", key: "{{ secrets.CANARY_KEY }}" }"#,
    ),
    (
        "api_key_query",
        r#"{ type: api_key, placement: query, param_name: api_key, key: "{{ secrets.CANARY_KEY }}" }"#,
    ),
    (
        "client_basic_header",
        r#"{ type: oauth2, grant_type: client_credentials, token_url: "http://{{ instance.domain }}/token/all", client_id: "{{ secrets.CANARY_ID }}", client_secret: "{{ secrets.CANARY_SECRET }}", client_authentication: basic_header }"#,
    ),
    (
        "client_request_body",
        r#"{ type: oauth2, grant_type: client_credentials, token_url: "http://{{ instance.domain }}/token/all", client_id: "{{ secrets.CANARY_ID }}", client_secret: "{{ secrets.CANARY_SECRET }}", client_authentication: request_body }"#,
    ),
    (
        "password_grant",
        r#"{ type: oauth2, grant_type: password, token_url: "http://{{ instance.domain }}/token/all", client_id: "{{ secrets.CANARY_ID }}", client_secret: "{{ secrets.CANARY_SECRET }}", username: "{{ secrets.CANARY_USER }}", password: "{{ secrets.CANARY_PASSWORD }}", client_authentication: request_body }"#,
    ),
    (
        "refresh_grant",
        r#"{ type: oauth2, grant_type: refresh_token, token_url: "http://{{ instance.domain }}/token/all", client_id: "{{ secrets.CANARY_ID }}", client_secret: "{{ secrets.CANARY_SECRET }}", refresh_token: "{{ secrets.CANARY_REFRESH }}", client_authentication: basic_header }"#,
    ),
    (
        "private_key",
        r#"{ type: jwt, private_key: "{{ secrets.CANARY_PRIVATE_KEY }}", client_id: svc, algorithm: RS256, claims: { issuer: svc, subject: svc, audience: aud }, token_url: "http://{{ instance.domain }}/token/all", assertion_key: assertion, token_request: { body: { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer" } } }"#,
    ),
    (
        "access_token",
        r#"{ type: oauth2, grant_type: client_credentials, token_url: "http://{{ instance.domain }}/token/ok", client_id: "{{ secrets.CANARY_ID }}", client_secret: "{{ secrets.CANARY_SECRET }}", client_authentication: request_body }"#,
    ),
];

fn write_files(dir: &Path, port: u16, kind: &str, auth: &str) -> (String, String) {
    let used: Vec<&str> = CANARIES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| auth.contains(&format!("secrets.{name} ")))
        .collect();
    let mut spec = format!(
        "spec_version: 1\nname: canary\n\
         instance:\n  domain: {{ format: hostname, example: 127.0.0.1:4010 }}\n\
         secrets: [{}]\n\
         base_url: http://{{{{ instance.domain }}}}  # connspec: allow A002 -- echo server on loopback\n\
         auth: {auth}  # connspec: allow A002 -- echo server on loopback\n\
         actions:\n",
        used.join(", "),
    );
    // One action per encoding: each failure quotes only the start of its response.
    for encoding in ENCODINGS {
        let name = encoding.replace('-', "_");
        let _ = write!(
            spec,
            "  echo_{name}:\n    method: GET\n    path: /echo/{encoding}\n    expect: {{ status: 200 }}\n"
        );
    }
    let spec_path = dir.join(format!("{kind}.yaml"));
    std::fs::write(&spec_path, spec).expect("write spec");
    let mut instance = format!(
        "instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:{port}\nsecrets:\n"
    );
    for name in &used {
        let _ = writeln!(instance, "  {name}: env:{name}");
    }
    let instance_path = dir.join(format!("{kind}-instance.yaml"));
    std::fs::write(&instance_path, instance).expect("write instance");
    (
        spec_path.to_string_lossy().into_owned(),
        instance_path.to_string_lossy().into_owned(),
    )
}

/// Every form in which a canary must not appear in an output.
fn forbidden() -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = CANARIES
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    values.push(("ACCESS_TOKEN".to_owned(), ACCESS_TOKEN.to_owned()));
    // Whole Basic pairs, as sent and with each half form-encoded (RFC 6749 §2.3.1).
    for (user, password) in [
        ("CANARY_USER", "CANARY_PASSWORD"),
        ("CANARY_ID", "CANARY_SECRET"),
    ] {
        let value = |n: &str| {
            CANARIES
                .iter()
                .find(|(name, _)| *name == n)
                .expect("canary")
                .1
        };
        let (u, p) = (value(user), value(password));
        for pair in [
            format!("{u}:{p}"),
            format!("{}:{}", percent(u, true, false), percent(p, true, false)),
        ] {
            values.push((format!("{user}:{password}"), pair));
        }
    }
    let mut out = Vec::new();
    for (name, value) in values {
        for encoding in ENCODINGS {
            out.push((format!("{name} ({encoding})"), encode(encoding, &value)));
        }
    }
    // Each line of the key on its own, as a fragment of it would show.
    for line in PRIVATE_KEY.lines().filter(|l| !l.starts_with("-----")) {
        out.push(("CANARY_PRIVATE_KEY (a line)".to_owned(), line.to_owned()));
    }
    for start in JWT_STARTS {
        out.push(("the signed JWT".to_owned(), (*start).to_owned()));
    }
    out
}

#[test]
fn no_encoding_of_any_secret_reaches_any_output() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || serve(&listener));
    let dir = tempfile::tempdir().expect("temp dir");
    let forbidden = forbidden();
    let mut leaks = Vec::new();
    let mut runs = 0;
    for (kind, auth) in AUTHS {
        let (spec, instance) = write_files(dir.path(), port, kind, auth);
        // `--verbose` adds every request's headers and every response's body to the output.
        for (format, verbose) in [
            ("human", false),
            ("human", true),
            ("json", true),
            ("junit", false),
        ] {
            let mut command = connspec();
            command
                .args(["test", &spec, "--instance", &instance, "--format", format])
                .args(["--color", "never", "--max-attempts", "1"]);
            if verbose {
                // `-vv`: every action's exchange and every token exchange, bodies included.
                command.arg("-vv");
            }
            for (name, value) in CANARIES {
                command.env(name, value);
            }
            let out = run(&mut command);
            runs += 1;
            assert_eq!(out.code, 1, "{kind} {format}: {}", out.transcript());
            let all = format!("{}\n{}", out.stdout, out.stderr);
            // The echo must have reached the report whole, or the run proves nothing: the token
            // endpoint's ends with a marker, and every action quotes its response.
            let echoed =
                all.contains(ECHO_END) || all.matches("the response:").count() == ENCODINGS.len();
            assert!(
                echoed,
                "{kind} {format}: the echoes are not all in the output: {all}"
            );
            for (what, form) in &forbidden {
                if all.contains(form.as_str()) {
                    leaks.push(format!("{kind} {format}: {what} `{form}`"));
                }
            }
        }
    }
    assert_eq!(runs, AUTHS.len() * 4);
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

#[test]
fn no_encoding_of_any_secret_reaches_a_cassette_or_its_replay() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || serve(&listener));
    let dir = tempfile::tempdir().expect("temp dir");
    let forbidden = forbidden();
    let mut leaks = Vec::new();
    for (kind, auth) in AUTHS {
        let (spec, instance) = write_files(dir.path(), port, kind, auth);
        let cassettes = dir.path().join(format!("cassettes-{kind}"));
        let mut command = connspec();
        command
            .args(["test", &spec, "--instance", &instance, "--format", "json"])
            .args(["--max-attempts", "1", "--record"])
            .arg(&cassettes);
        for (name, value) in CANARIES {
            command.env(name, value);
        }
        let recorded = run(&mut command);
        assert_eq!(recorded.code, 1, "{kind}: {}", recorded.transcript());
        let files: Vec<_> = std::fs::read_dir(&cassettes)
            .expect("the cassette folder")
            .map(|entry| entry.expect("entry").path())
            .collect();
        assert_eq!(files.len(), 1, "{kind}: {files:?}");
        let cassette = std::fs::read_to_string(&files[0]).expect("cassette");
        // The echoes are in it, or the check proves nothing.
        assert!(
            (cassette.contains("/echo/b64url") || cassette.contains(ECHO_END))
                && cassette.contains("<redacted "),
            "{kind}: {cassette}"
        );
        for (what, form) in &forbidden {
            if cassette.contains(form.as_str()) {
                leaks.push(format!("{kind} cassette: {what} `{form}`"));
            }
        }
        // JWT auth signs with the private key, which a replay does not have.
        if *kind == "private_key" {
            continue;
        }
        let replayed = run(connspec()
            .args(["test", &spec, "--format", "json", "--max-attempts", "1"])
            .arg("--replay")
            .arg(&files[0]));
        let all = format!("{}\n{}", replayed.stdout, replayed.stderr);
        assert!(
            !all.contains("not in the cassette"),
            "{kind}: the replay asked for requests the recording did not make: {all}"
        );
        let strip = |text: &str| -> serde_json::Value {
            let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
            // The echoes hold secrets, which the cassette keeps as placeholders, so the
            // replayed bodies differ in length; the findings quote the same redacted text.
            for action in value["report"]["actions"].as_array_mut().expect("actions") {
                action["latency_ms"] = serde_json::Value::Null;
                action["bytes"] = serde_json::Value::Null;
            }
            value["report"]["elapsed_ms"] = serde_json::Value::Null;
            value["spec"] = serde_json::Value::Null;
            value["instance"] = serde_json::Value::Null;
            value
        };
        assert_eq!(
            strip(&recorded.stdout),
            strip(&replayed.stdout),
            "{kind}: the replay's report differs"
        );
        for (what, form) in &forbidden {
            if all.contains(form.as_str()) {
                leaks.push(format!("{kind} replay: {what} `{form}`"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}
