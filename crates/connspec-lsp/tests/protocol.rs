//! The server over an in-memory connection, as an editor drives it: diagnostics on open and
//! change, code actions and their edits, fix-all, a YAML error, close, shutdown and exit.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use connspec_lsp::LineIndex;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{Position, TextEdit};
use serde_json::{Value, json};

const FOUR_FAULTS: &str = include_str!("data/coupa_four_faults.yaml");
const TIMEOUT: Duration = Duration::from_secs(30);

struct TestServer {
    client: Connection,
    thread: Option<JoinHandle<Result<(), connspec_lsp::ServerError>>>,
    next_id: i32,
}

impl TestServer {
    fn start() -> Self {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || connspec_lsp::run(&server));
        let mut test = Self {
            client,
            thread: Some(thread),
            next_id: 0,
        };
        let result = test.request("initialize", json!({ "capabilities": {} }));
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        test.notify("initialized", json!({}));
        test
    }

    fn notify(&self, method: &str, params: Value) {
        self.client
            .sender
            .send(Notification::new(method.to_owned(), params).into())
            .expect("server is listening");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.client
            .sender
            .send(Request::new(id.clone(), method.to_owned(), params).into())
            .expect("server is listening");
        loop {
            match self.client.receiver.recv_timeout(TIMEOUT).expect("a reply") {
                Message::Response(response) if response.id == id => {
                    return match response.response_result {
                        Ok(result) => result,
                        Err(error) => panic!("{method} failed: {}", error.message),
                    };
                }
                _ => {}
            }
        }
    }

    /// The next `publishDiagnostics`, skipping log messages.
    fn diagnostics(&self) -> Value {
        loop {
            match self
                .client
                .receiver
                .recv_timeout(TIMEOUT)
                .expect("a notification")
            {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    return n.params;
                }
                _ => {}
            }
        }
    }

    fn open(&self, uri: &str, version: i32, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "yaml", "version": version, "text": text
            }}),
        );
        self.diagnostics()
    }

    fn replace_all(&self, uri: &str, version: i32, text: &str) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
        self.diagnostics()
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let thread = self.thread.take().expect("running");
        thread.join().expect("no panic").expect("clean exit");
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `(code, [start line, start char, end line, end char])` of each diagnostic.
fn codes_and_ranges(published: &Value) -> Vec<(String, [u64; 4])> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().expect("number");
            (
                d["code"].as_str().expect("code").to_owned(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let index = LineIndex::new(text);
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                index.offset(text, e.range.start),
                index.offset(text, e.range.end),
                e.new_text.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

fn edits_of(action: &Value, version: i32) -> Vec<TextEdit> {
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], version);
    serde_json::from_value(change["edits"].clone()).expect("text edits")
}

fn spec_in_temp_dir() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("coupa.yaml");
    std::fs::write(&path, FOUR_FAULTS).expect("write spec");
    let uri = file_uri(&path);
    (dir, uri)
}

#[test]
fn the_four_faults_arrive_with_exact_ranges_codes_and_fixes() {
    let (dir, uri) = spec_in_temp_dir();
    let server = TestServer::start();
    let published = server.open(&uri, 1, FOUR_FAULTS);
    assert_eq!(published["version"], 1);
    assert_eq!(
        codes_and_ranges(&published),
        [
            ("P001".to_owned(), [15, 11, 15, 28]),
            ("P005".to_owned(), [17, 2, 17, 16]),
            ("P006".to_owned(), [20, 20, 20, 23]),
            ("T005".to_owned(), [20, 37, 20, 50]),
        ]
    );
    let shown = serde_json::to_string_pretty(&published)
        .expect("json")
        .replace(&dir.path().display().to_string(), "[DIR]");
    insta::assert_snapshot!(shown);
    server.shutdown();
}

#[test]
fn a_change_re_checks_and_carries_the_version() {
    let (_dir, uri) = spec_in_temp_dir();
    let server = TestServer::start();
    server.open(&uri, 1, FOUR_FAULTS);
    // An incremental change: `200` (line 20, characters 20..23) becomes `50`.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{
                "range": { "start": { "line": 20, "character": 20 },
                           "end": { "line": 20, "character": 23 } },
                "text": "50"
            }]
        }),
    );
    let published = server.diagnostics();
    assert_eq!(published["version"], 2);
    let codes: Vec<String> = codes_and_ranges(&published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P001", "P005", "T005"]);
    server.shutdown();
}

#[test]
fn the_scope_quick_fix_applies_and_the_diagnostic_goes() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let published = server.open(&uri, 1, FOUR_FAULTS);
    let scope = published["diagnostics"][0].clone();
    assert_eq!(scope["code"], "P001");
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": scope["range"],
            "context": { "diagnostics": [scope], "only": ["quickfix"] }
        }),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["diagnostics"][0]["code"], "P001");
    assert!(
        action["title"]
            .as_str()
            .expect("title")
            .contains("core.approval.read"),
        "{action:#?}"
    );
    let fixed = apply(FOUR_FAULTS, &edits_of(action, 1));
    assert!(fixed.contains("scopes: [core.approval.read]"), "{fixed}");
    let published = server.replace_all(&uri, 2, &fixed);
    let codes: Vec<String> = codes_and_ranges(&published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P005", "P006", "T005"]);
    server.shutdown();
}

#[test]
fn actions_follow_the_fix_applicability_and_the_requested_range() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let published = server.open(&uri, 1, FOUR_FAULTS);
    // Each fixable diagnostic's `data` names its fix; the action mirrors it.
    for diagnostic in published["diagnostics"].as_array().expect("diagnostics") {
        let Some(data) = diagnostic.get("data") else {
            continue;
        };
        let actions = server.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic], "only": ["quickfix"] }
            }),
        );
        let action = actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == diagnostic["code"])
            .expect("an action for the diagnostic");
        let title = action["title"].as_str().expect("title");
        let base = data["title"].as_str().expect("fix title");
        match data["applicability"].as_str().expect("applicability") {
            "safe" => {
                assert_eq!(title, base);
                assert_eq!(action["isPreferred"], true);
            }
            "unsafe" => assert_eq!(title, format!("{base} (unsafe)")),
            other => assert_eq!(
                (other, title),
                ("display-only", &*format!("{base} (suggestion)"))
            ),
        }
        assert_eq!(action["edit"]["documentChanges"][0]["edits"], data["edits"]);
    }
    // A range with no diagnostic (the `name:` line) offers no quick fix.
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 4 } },
            "context": { "diagnostics": [], "only": ["quickfix"] }
        }),
    );
    assert_eq!(actions, json!([]));
    server.shutdown();
}

#[test]
fn fix_all_applies_every_safe_fix_in_rounds() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let before = server.open(&uri, 1, FOUR_FAULTS);
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] }
        }),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], connspec_lsp::FIX_ALL_KIND);
    let fixed = apply(FOUR_FAULTS, &edits_of(&actions[0], 1));
    let after = server.replace_all(&uri, 2, &fixed);
    let safe = |published: &Value| {
        published["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["data"]["applicability"] == "safe")
            .count()
    };
    assert!(safe(&before) >= 2, "{before:#}");
    assert_eq!(safe(&after), 0, "{after:#}");
    // Every other byte is kept: the comment and the faults without a safe fix.
    assert!(fixed.starts_with("# The four faults"));
    assert!(fixed.contains("{{ inputs.status }}"));
    // Nothing more to fix: no fix-all action.
    let again = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll.connspec"] }
        }),
    );
    assert_eq!(again, json!([]));
    server.shutdown();
}

#[test]
fn a_yaml_error_gets_its_diagnostic_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let uri = file_uri(&dir.path().join("broken.yaml"));
    let mut server = TestServer::start();
    let published = server.open(&uri, 7, "name: [a, b\nprovider: é😀\n");
    assert_eq!(published["version"], 7);
    let codes: Vec<String> = codes_and_ranges(&published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["S001"], "{published:#}");
    // Out-of-range positions in a request are clamped, not a panic.
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 99, "character": 99 }, "end": { "line": 99, "character": 999 } },
            "context": { "diagnostics": [] }
        }),
    );
    assert!(actions.is_array());
    server.shutdown();
}

#[test]
fn the_project_file_above_the_document_applies() {
    let (dir, uri) = spec_in_temp_dir();
    std::fs::write(
        dir.path().join("connspec.toml"),
        "[check]\nignore = [\"P006\"]\n",
    )
    .expect("write project file");
    let server = TestServer::start();
    let published = server.open(&uri, 1, FOUR_FAULTS);
    let codes: Vec<String> = codes_and_ranges(&published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P001", "P005", "T005"]);
    server.shutdown();
}

#[test]
fn close_publishes_an_empty_list() {
    let (_dir, uri) = spec_in_temp_dir();
    let server = TestServer::start();
    server.open(&uri, 1, FOUR_FAULTS);
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let published = server.diagnostics();
    assert_eq!(published["uri"], uri);
    assert_eq!(published["diagnostics"], json!([]));
    server.shutdown();
}

#[test]
fn capabilities_advertise_incremental_sync_and_both_action_kinds() {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || connspec_lsp::run(&server));
    client
        .sender
        .send(
            Request::new(
                1.into(),
                "initialize".to_owned(),
                json!({ "capabilities": {} }),
            )
            .into(),
        )
        .expect("send");
    let Message::Response(response) = client.receiver.recv_timeout(TIMEOUT).expect("reply") else {
        panic!("expected the initialize response");
    };
    let capabilities = &response.response_result.expect("result")["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.connspec"])
    );
    client
        .sender
        .send(Notification::new("initialized".to_owned(), json!({})).into())
        .expect("send");
    client
        .sender
        .send(Request::new(2.into(), "shutdown".to_owned(), Value::Null).into())
        .expect("send");
    let _ = client
        .receiver
        .recv_timeout(TIMEOUT)
        .expect("shutdown reply");
    client
        .sender
        .send(Notification::new("exit".to_owned(), Value::Null).into())
        .expect("send");
    thread.join().expect("no panic").expect("clean exit");
}

#[test]
fn position_round_trip_through_the_public_index() {
    let text = "a: é\r\nb: 😀x\n";
    let index = LineIndex::new(text);
    let at = index.offset(
        text,
        Position {
            line: 1,
            character: 5,
        },
    );
    assert_eq!(&text[at..], "x\n");
}
