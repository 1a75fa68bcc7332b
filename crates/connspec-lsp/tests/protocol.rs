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

/// The position just after the first `marker` in `text`, or at its start with `at_start`.
fn position_after(text: &str, marker: &str) -> Value {
    let at = text.find(marker).expect("marker in text") + marker.len();
    let before = &text[..at];
    let line = before.matches('\n').count();
    let column: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .map(char::len_utf16)
        .sum();
    json!({ "line": line, "character": column })
}

fn labels(items: &Value) -> Vec<String> {
    let items = items
        .as_array()
        .or_else(|| items["items"].as_array())
        .expect("completion items");
    let mut sorted: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let label = i["label"].as_str().expect("label").to_owned();
            let sort = i["sortText"].as_str().unwrap_or(&label).to_owned();
            (sort, label)
        })
        .collect();
    sorted.sort();
    sorted.into_iter().map(|(_, label)| label).collect()
}

impl TestServer {
    fn complete(&mut self, uri: &str, position: &Value) -> Value {
        self.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": position }),
        )
    }

    fn hover_text(&mut self, uri: &str, position: &Value) -> String {
        let hover = self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position }),
        );
        hover["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

#[test]
fn scopes_complete_after_an_open_flow_list_from_the_catalogue() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    server.open(&uri, 1, FOUR_FAULTS);
    // Typed as a person types it: the list is not closed yet, so the YAML does not load.
    let typing = FOUR_FAULTS.replace("  scopes: [core.aproval.read]", "  scopes: [");
    let published = server.replace_all(&uri, 2, &typing);
    assert!(
        codes_and_ranges(&published)
            .iter()
            .any(|(c, _)| c.starts_with('S')),
        "{published:#}"
    );
    let items = server.complete(&uri, &position_after(&typing, "scopes: ["));
    let labels = labels(&items);
    // The scope the action's route needs comes first; every catalogue scope follows.
    assert_eq!(labels[0], "core.approval.read", "{labels:?}");
    assert!(labels.len() > 40, "{}", labels.len());
    assert!(labels.contains(&"core.expense.write".to_owned()));
    let first = items
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == "core.approval.read")
        .expect("the needed scope");
    assert_eq!(first["preselect"], true);
    assert!(
        first["documentation"]["value"]
            .as_str()
            .expect("docs")
            .contains("GET /api/approvals"),
        "{first:#}"
    );
    // After a comma, and in a block list, the same.
    let typing = FOUR_FAULTS.replace("[core.aproval.read]", "[core.approval.read, core.us");
    server.replace_all(&uri, 3, &typing);
    let items = server.complete(&uri, &position_after(&typing, "core.us"));
    let edit = &items.as_array().expect("items")[0]["textEdit"];
    // The completion replaces the word typed so far.
    assert_eq!(
        edit["range"]["start"],
        position_after(&typing, "core.approval.read, ")
    );
    server.shutdown();
}

#[test]
fn template_variables_complete_inside_braces_even_while_the_yaml_is_broken() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let declared = FOUR_FAULTS.replace(
        "    query: { limit: 200, status: \"{{ inputs.status }}\" }",
        "    inputs:\n      status: { type: string, description: Approval state }\n      owner: { type: string }\n    query: { limit: 50, status: \"{{ inputs.status }}\" }",
    );
    server.open(&uri, 1, &declared);
    // The quote and the braces are still open: the text does not load.
    let typing = declared.replace("status: \"{{ inputs.status }}\" }", "status: \"{{ inputs.");
    let published = server.replace_all(&uri, 2, &typing);
    assert!(
        !published["diagnostics"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    let items = server.complete(&uri, &position_after(&typing, "{{ inputs."));
    assert_eq!(labels(&items), ["owner", "status"]);
    // Namespaces after `{{ `: in an action all four, elsewhere no `inputs`/`meta_info`.
    let typing = declared.replace("status: \"{{ inputs.status }}\" }", "status: \"{{ ");
    server.replace_all(&uri, 3, &typing);
    let items = server.complete(&uri, &position_after(&typing, "status: \"{{ "));
    assert_eq!(
        labels(&items),
        ["inputs", "instance", "meta_info", "secrets"]
    );
    let items = server.complete(&uri, &position_after(&typing, "base_url: https://{{ "));
    assert_eq!(labels(&items), ["instance", "secrets"]);
    let typing = declared.replace("https://{{ instance.domain }}\n", "https://{{ instance.\n");
    server.replace_all(&uri, 4, &typing);
    let items = server.complete(&uri, &position_after(&typing, "https://{{ instance."));
    assert_eq!(labels(&items), ["domain"]);
    let typing = declared.replace("\"{{ secrets.COUPA_CLIENT_ID }}\"", "\"{{ secrets.");
    server.replace_all(&uri, 5, &typing);
    let items = server.complete(&uri, &position_after(&typing, "{{ secrets."));
    assert_eq!(labels(&items), ["COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET"]);
    server.shutdown();
}

#[test]
fn keys_and_values_complete_by_position_from_the_schema() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    server.open(&uri, 1, FOUR_FAULTS);
    // A new key of the action: what is written is not offered again.
    let typing = FOUR_FAULTS.replace(
        "    path: /api/approvals\n",
        "    path: /api/approvals\n    \n",
    );
    server.replace_all(&uri, 2, &typing);
    let items = server.complete(&uri, &position_after(&typing, "/api/approvals\n    "));
    let keys = labels(&items);
    for key in ["headers", "inputs", "body", "expect", "description"] {
        assert!(keys.contains(&key.to_owned()), "{key}: {keys:?}");
    }
    for written in ["method", "path", "query"] {
        assert!(!keys.contains(&written.to_owned()), "{written}: {keys:?}");
    }
    // Keys of `auth`: those of the written `type` only.
    let typing = FOUR_FAULTS.replace(
        "  scopes: [core.aproval.read]\n",
        "  scopes: [core.aproval.read]\n  \n",
    );
    server.replace_all(&uri, 3, &typing);
    let items = server.complete(&uri, &position_after(&typing, "[core.aproval.read]\n  "));
    let keys = labels(&items);
    assert!(
        keys.contains(&"client_authentication".to_owned()),
        "{keys:?}"
    );
    assert!(!keys.contains(&"header_name".to_owned()), "{keys:?}");
    // Values: the methods, and the grant types of OAuth2.
    let typing = FOUR_FAULTS.replace("    method: GET\n", "    method: \n");
    server.replace_all(&uri, 4, &typing);
    let items = server.complete(&uri, &position_after(&typing, "    method: "));
    let methods = labels(&items);
    assert!(methods.contains(&"GET".to_owned()) && methods.contains(&"DELETE".to_owned()));
    let typing = FOUR_FAULTS.replace("grant_type: client_credentials", "grant_type: ");
    server.replace_all(&uri, 5, &typing);
    let items = server.complete(&uri, &position_after(&typing, "grant_type: "));
    let grants = labels(&items);
    assert!(
        grants.contains(&"client_credentials".to_owned()),
        "{grants:?}"
    );
    assert!(
        grants.contains(&"authorization_code".to_owned()),
        "{grants:?}"
    );
    server.shutdown();
}

#[test]
fn hover_documents_keys_values_scopes_and_findings() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    server.open(&uri, 1, FOUR_FAULTS);
    let key = server.hover_text(&uri, &position_after(FOUR_FAULTS, "  token_"));
    assert!(key.starts_with("`token_url`"), "{key}");
    assert!(key.contains("Oauth2 Token Url"), "{key}");
    // A finding under the cursor brings its rule's explanation.
    let wrong = server.hover_text(&uri, &position_after(FOUR_FAULTS, "[core.apr"));
    assert!(wrong.contains("**P001**"), "{wrong}");
    assert!(wrong.contains("## What it does"), "{wrong}");
    assert!(wrong.contains("not a Coupa scope"), "{wrong}");
    let fixed = FOUR_FAULTS.replace("core.aproval.read", "core.approval.read");
    server.replace_all(&uri, 2, &fixed);
    let scope = server.hover_text(&uri, &position_after(&fixed, "[core.appr"));
    assert!(scope.contains("GET /api/approvals/:id"), "{scope}");
    let value = server.hover_text(&uri, &position_after(&fixed, "grant_type: client_cred"));
    assert!(value.starts_with("`client_credentials`"), "{value}");
    let input = server.hover_text(&uri, &position_after(&fixed, "{{ instance.dom"));
    assert!(input.contains("Example: `acme.coupahost.com`"), "{input}");
    // A broken document still gets hover where its text allows.
    let broken = fixed.replace(
        "  scopes: [core.approval.read]",
        "  scopes: [core.approval.read",
    );
    server.replace_all(&uri, 3, &broken);
    let key = server.hover_text(&uri, &position_after(&broken, "  token_"));
    assert!(key.starts_with("`token_url`"), "{key}");
    server.shutdown();
}

#[test]
fn definitions_lead_from_template_variables_to_their_declarations() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let declared = FOUR_FAULTS.replace(
        "    query: { limit: 200,",
        "    inputs:\n      status: { type: string }\n    query: { limit: 50,",
    );
    server.open(&uri, 1, &declared);
    let mut definition = |marker: &str| {
        let found = server.request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": position_after(&declared, marker) }),
        );
        assert_eq!(found["uri"], uri.as_str(), "{marker}: {found:#}");
        found["range"]["start"].clone()
    };
    let line_of = |marker: &str| {
        declared[..declared.find(marker).expect("marker")]
            .matches('\n')
            .count()
    };
    assert_eq!(
        definition("https://{{ instance.dom")["line"],
        line_of("  domain:")
    );
    assert_eq!(
        definition("{{ secrets.COUPA_CLIENT_SE")["line"],
        line_of("secrets: [")
    );
    assert_eq!(
        definition("secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]\nbase_url: https://{{ inst")["line"],
        line_of("  domain:")
    );
    assert_eq!(
        definition("{{ inputs.sta")["line"],
        line_of("      status:")
    );
    server.shutdown();
}

#[test]
fn document_symbols_outline_the_actions_and_their_inputs() {
    let (_dir, uri) = spec_in_temp_dir();
    let mut server = TestServer::start();
    let declared = FOUR_FAULTS.replace(
        "    query: { limit: 200,",
        "    inputs:\n      status: { type: string }\n    query: { limit: 50,",
    ) + "  get_approval:\n    method: GET\n    path: /api/approvals/1\n";
    server.open(&uri, 1, &declared);
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = symbols.as_array().expect("symbols");
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["list_approvals", "get_approval"]);
    assert_eq!(symbols[0]["detail"], "GET /api/approvals");
    assert_eq!(symbols[0]["children"][0]["name"], "status");
    assert_eq!(symbols[0]["children"][0]["detail"], "string");
    assert_eq!(symbols[0]["selectionRange"]["start"]["line"], 17);
    server.shutdown();
}

#[test]
fn an_instance_file_is_checked_against_the_spec_of_its_folder() {
    let (dir, spec_uri) = spec_in_temp_dir();
    std::fs::create_dir(dir.path().join("instances")).expect("instances folder");
    let path = dir.path().join("instances").join("acme.yaml");
    let instance = "instance_version: 1\nvalues:\n  domain: \"not a host\"\n  region: eu\nsecrets:\n  COUPA_CLIENT_ID: env:ACME_ID\n  COUPA_CLIENT_SECRET: env:ACME_SECRET\n";
    std::fs::write(&path, instance).expect("write instance");
    let uri = file_uri(&path);
    let server = TestServer::start();
    // The spec is not open: it is read from disk.
    let published = server.open(&uri, 1, instance);
    let codes: Vec<String> = codes_and_ranges(&published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    // `domain` is no host name (T012 at its value), `region` is declared nowhere (T011).
    assert_eq!(codes, ["T012", "T011"], "{published:#}");
    assert_eq!(codes_and_ranges(&published)[0].1, [2, 10, 2, 22]);
    // Opened and edited in the editor, the spec is paired as written there: declaring
    // `region` re-checks the open instance file, whose T011 goes.
    server.open(&spec_uri, 1, FOUR_FAULTS);
    // Opening the spec re-checks the instance file paired with it.
    assert_eq!(server.diagnostics()["uri"], uri.as_str());
    let declared = FOUR_FAULTS.replace(
        "  domain: { format: hostname, example: acme.coupahost.com }\n",
        "  domain: { format: hostname, example: acme.coupahost.com }\n  region: { example: eu }\n",
    );
    let spec_published = server.replace_all(&spec_uri, 2, &declared);
    assert_eq!(spec_published["uri"], spec_uri.as_str());
    let instance_published = server.diagnostics();
    assert_eq!(instance_published["uri"], uri.as_str());
    let codes: Vec<String> = codes_and_ranges(&instance_published)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["T012"], "{instance_published:#}");
    server.shutdown();
}

#[test]
fn an_open_project_file_is_checked_and_its_edits_apply_before_saving() {
    let (dir, spec_uri) = spec_in_temp_dir();
    let project = dir.path().join("connspec.toml");
    std::fs::write(&project, "[check]\nignore = [\"P006\"]\n").expect("write project file");
    let project_uri = file_uri(&project);
    let server = TestServer::start();
    let published = server.open(&spec_uri, 1, FOUR_FAULTS);
    assert_eq!(codes_and_ranges(&published).len(), 3);
    // A code no rule has is an error in the project file, at the code; live-run codes are
    // valid selectors although the server runs no live test.
    let text = "[check]\nignore = [\"R003\", \"X999\"]\n";
    let published = server.open(&project_uri, 1, text);
    assert_eq!(published["uri"], project_uri.as_str());
    assert_eq!(
        codes_and_ranges(&published),
        [("S014".to_owned(), [1, 18, 1, 24])],
        "{published:#}"
    );
    // The spec falls back to the defaults meanwhile, as `check` does: P006 is back.
    let spec = server.diagnostics();
    assert_eq!(spec["uri"], spec_uri.as_str());
    assert_eq!(codes_and_ranges(&spec).len(), 4);
    // A valid edit, not saved, applies at once.
    let published = server.replace_all(&project_uri, 2, "[check]\nignore = [\"R003\", \"P005\"]\n");
    assert_eq!(codes_and_ranges(&published), []);
    let spec = server.diagnostics();
    let codes: Vec<String> = codes_and_ranges(&spec)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P001", "P006", "T005"]);
    // Closed without saving: the file on disk applies again.
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": project_uri } }),
    );
    assert_eq!(server.diagnostics()["uri"], project_uri.as_str());
    let spec = server.diagnostics();
    let codes: Vec<String> = codes_and_ranges(&spec)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P001", "P005", "T005"]);
    server.shutdown();
}

#[test]
fn a_spec_gets_the_findings_its_instance_files_cause_as_check_reports_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = FOUR_FAULTS
        .replace(
            "  domain: { format: hostname, example: acme.coupahost.com }\n",
            "  domain: { format: hostname, example: acme.coupahost.com }\n  region: { example: eu }\n",
        )
        .replace(
            "    path: /api/approvals\n",
            "    path: /api/approvals\n    headers: { X-Region: \"{{ instance.region }}\" }\n",
        );
    let spec_path = dir.path().join("coupa.yaml");
    std::fs::write(&spec_path, &spec).expect("write spec");
    std::fs::create_dir(dir.path().join("instances")).expect("instances folder");
    let instance_path = dir.path().join("instances").join("acme.yaml");
    // A value that renders template syntax into the spec's header: T008 in the spec.
    let instance = "instance_version: 1\nvalues:\n  domain: acme.coupahost.com\n  region: \"{{ inputs.status }}\"\nsecrets:\n  COUPA_CLIENT_ID: env:A\n  COUPA_CLIENT_SECRET: env:B\n";
    std::fs::write(&instance_path, instance).expect("write instance");
    let (spec_uri, instance_uri) = (file_uri(&spec_path), file_uri(&instance_path));
    let server = TestServer::start();
    let published = server.open(&spec_uri, 1, &spec);
    let found = codes_and_ranges(&published);
    let line = spec
        .lines()
        .position(|l| l.contains("X-Region"))
        .expect("header line") as u64;
    assert!(
        found
            .iter()
            .any(|(code, range)| code == "T008" && range[0] == line),
        "{published:#}"
    );
    // Edited in the editor, the instance's new value re-checks the open spec: T008 goes.
    server.open(&instance_uri, 1, instance);
    assert_eq!(server.diagnostics()["uri"], spec_uri.as_str());
    server.replace_all(
        &instance_uri,
        2,
        &instance.replace("\"{{ inputs.status }}\"", "eu"),
    );
    let again = server.diagnostics();
    assert_eq!(again["uri"], spec_uri.as_str());
    let codes: Vec<String> = codes_and_ranges(&again)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["P001", "P005", "P006", "T005"], "{again:#}");
    server.shutdown();
}
