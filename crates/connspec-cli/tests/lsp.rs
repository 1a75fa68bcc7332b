//! `connspec lsp` over real stdin and stdout: the handshake, diagnostics of an opened
//! document, and a clean exit after `shutdown` and `exit`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

fn frame(message: &Value) -> String {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn the_server_answers_publishes_and_exits_cleanly() {
    let input = [
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": "untitled:spec.yaml", "languageId": "yaml", "version": 1, "text": "name: [a\n"
        }}}),
        json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }),
        json!({ "jsonrpc": "2.0", "method": "exit" }),
    ]
    .iter()
    .map(frame)
    .collect::<String>();
    let mut child = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Closing stdin after `exit` also ends the reader, so the test cannot hang on it.
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("exits");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        stdout.contains("\"positionEncoding\":\"utf-16\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("textDocument/publishDiagnostics"),
        "{stdout}"
    );
    assert!(stdout.contains("\"code\":\"S001\""), "{stdout}");
}
