//! The language server's reaction time: diagnostics after one edit of a 500-action Coupa spec
//! (`lsp/edit_500_actions`: a `didChange` of one character, through the message loop, until
//! its `publishDiagnostics` arrives), beside `check_and_lint` of the same text in-process
//! (`lsp/check_500_actions`, what `connspec check` does per file). The goal: a median
//! of at most 30 ms on the 2-core machine. Run with `cargo bench -p connspec-lsp --bench edit`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use connspec_lint::LintSettings;
use connspec_model::CheckOptions;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;

/// Coupa read routes with the scope each needs, cycled through the actions.
const ROUTES: &[(&str, &str)] = &[
    ("/api/approvals", "core.approval.read"),
    ("/api/expense_reports", "core.expense.read"),
    ("/api/requisitions", "core.requisition.read"),
    ("/api/users", "core.user.read"),
    ("/api/suppliers", "core.supplier.read"),
];

/// A spec with `count` actions, each with headers, a query with a template, two inputs and an
/// expectation: what a large real connector holds per action.
fn spec(count: usize) -> String {
    let scopes: Vec<&str> = ROUTES.iter().map(|(_, scope)| *scope).collect();
    let mut text = format!(
        "spec_version: 1
name: coupa_large
provider: coupa
instance:
  domain: {{ format: hostname, example: acme.coupahost.com }}
secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
base_url: https://{{{{ instance.domain }}}}
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{{{ instance.domain }}}}/oauth2/token
  client_id: \"{{{{ secrets.COUPA_CLIENT_ID }}}}\"
  client_secret: \"{{{{ secrets.COUPA_CLIENT_SECRET }}}}\"
  scopes: [{}]
actions:
",
        scopes.join(", ")
    );
    for index in 0..count {
        let (path, _) = ROUTES[index % ROUTES.len()];
        let _ = write!(
            text,
            "  action_{index:03}:
    description: Lists page {index} of {path}, filtered by status.
    method: GET
    path: {path}
    headers: {{ Accept: application/json }}
    query: {{ limit: 10, offset: \"{{{{ inputs.offset }}}}\", status: \"{{{{ inputs.status }}}}\" }}
    inputs:
      offset: {{ type: integer, description: Records to skip, example: 0 }}
      status: {{ type: string, description: Status to match, example: approved }}
    expect: {{ status: 200 }}
"
        );
    }
    text
}

/// The server on an in-memory connection, with the spec open.
struct Server {
    client: Connection,
    thread: Option<std::thread::JoinHandle<()>>,
    version: i32,
    /// The line and character of the `1` in the first action's `limit: 10`.
    digit: (usize, usize),
}

impl Server {
    fn start(text: &str) -> Self {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || {
            connspec_lsp::run(&server).expect("the server runs");
        });
        let id = RequestId::from(1);
        client
            .sender
            .send(Request::new(id, "initialize".to_owned(), json!({ "capabilities": {} })).into())
            .expect("send");
        wait_for(&client, |m| matches!(m, Message::Response(_)));
        notify(&client, "initialized", json!({}));
        notify(
            &client,
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": "file:///bench/coupa_large.yaml", "languageId": "yaml", "version": 1,
                "text": text
            }}),
        );
        wait_for(&client, is_publish);
        let line = text
            .lines()
            .position(|l| l.contains("limit: 10"))
            .expect("a limit");
        let character = text
            .lines()
            .nth(line)
            .and_then(|l| l.find("limit: 10"))
            .expect("col")
            + "limit: ".len();
        Self {
            client,
            thread: Some(thread),
            version: 1,
            digit: (line, character),
        }
    }

    /// One edit (`10` ↔ `20`, so every edit changes the text) and its diagnostics.
    fn edit(&mut self) {
        self.version += 1;
        let digit = if self.version % 2 == 0 { "2" } else { "1" };
        let (line, character) = self.digit;
        notify(
            &self.client,
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": "file:///bench/coupa_large.yaml", "version": self.version },
                "contentChanges": [{
                    "range": {
                        "start": { "line": line, "character": character },
                        "end": { "line": line, "character": character + 1 }
                    },
                    "text": digit
                }]
            }),
        );
        wait_for(&self.client, is_publish);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let id = RequestId::from(2);
        let _ = self
            .client
            .sender
            .send(Request::new(id, "shutdown".to_owned(), json!(null)).into());
        wait_for(&self.client, |m| matches!(m, Message::Response(_)));
        notify(&self.client, "exit", json!(null));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn notify(client: &Connection, method: &str, params: serde_json::Value) {
    client
        .sender
        .send(Notification::new(method.to_owned(), params).into())
        .expect("send");
}

fn is_publish(message: &Message) -> bool {
    matches!(message, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
}

fn wait_for(client: &Connection, wanted: impl Fn(&Message) -> bool) {
    loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers");
        if wanted(&message) {
            return;
        }
    }
}

fn bench(c: &mut Criterion) {
    let text = spec(500);
    let mut group = c.benchmark_group("lsp");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(30);
    let mut server = Server::start(&text);
    group.bench_function("edit_500_actions", |b| b.iter(|| server.edit()));
    drop(server);
    let settings = LintSettings::default();
    let options = CheckOptions::default();
    group.bench_function("check_500_actions", |b| {
        b.iter(|| {
            connspec_lint::check_and_lint(
                "coupa_large.yaml",
                black_box(text.as_bytes()),
                &options,
                &settings,
            )
            .checked
            .diagnostics
            .len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
