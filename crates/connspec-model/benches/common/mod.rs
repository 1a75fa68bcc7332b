//! What every stage benchmark reads: one realistic spec and the generated corpus.
//!
//! Shared by the benches of `connspec-model` (`load`, `schema`, `check`) and of `connspec-lint`
//! (`lint`, `render`, through `#[path]`), so every stage is timed on the same input and the
//! figures add up. The corpus is the one `cargo xtask bench corpus --files 1000` writes to
//! `target/bench/corpus/`; without it only the single-spec benchmarks run.

use std::path::{Path, PathBuf};

/// A realistic spec: Coupa approvals with user consent, several actions with inputs and bodies.
pub(crate) const SPEC: &str = r#"# yaml-language-server: $schema=../../schemas/connector.schema.json
spec_version: 1
name: coupa_approvals_user_consent
display_name: Coupa approvals
description: Per-user access to Coupa approvals (authorization code grant).
provider: coupa
instance:
  domain: { description: Coupa host, format: hostname, example: acme-test.coupahost.com }
secrets:
  - name: COUPA_CLIENT_ID
    description: Setup > Oauth2/OpenID Connect Clients > Identifier
  - name: COUPA_CLIENT_SECRET
    description: Setup > Oauth2/OpenID Connect Clients > Secret
base_url: https://{{ instance.domain }}
auth:
  type: oauth2
  grant_type: authorization_code
  token_url: https://{{ instance.domain }}/oauth2/token
  authorization_url: https://{{ instance.domain }}/oauth2/authorizations/new
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
  scopes: [core.approval.read, core.approval.write, core.expense.read, offline_access]
  pkce: true
  client_authentication: request_body
  data_center: us
  token_response: json
actions:
  list_pending_approvals:
    description: Approvals waiting for the current user, oldest first.
    method: GET
    path: /api/approvals
    headers: { Accept: application/json }
    query:
      status: pending_approval
      approver_id: "{{ inputs.approver_id }}"
      limit: 50
      offset: "{{ inputs.offset }}"
    inputs:
      approver_id:
        type: integer
        description: Coupa user id of the approver.
        example: 42
        required: true
      offset: { type: integer, example: 0 }
    expect:
      status: 200
      json: array
      max_latency_ms: 5000
  get_approval:
    description: One approval by id.
    method: GET
    path: "/api/approvals/{{ inputs.id }}"
    headers: { Accept: application/json }
    inputs:
      id: { type: integer, example: 1234, required: true }
    expect: { status: 200, json: object }
  approve:
    description: Approves one pending approval on behalf of the user.
    method: PUT
    path: "/api/approvals/{{ inputs.id }}/approve"
    headers:
      Accept: application/json
      Content-Type: application/json
    body:
      reason: "{{ inputs.reason }}"
    inputs:
      id: { type: integer, example: 1234, required: true }
      reason: { type: string, description: "Why, in the user's words", example: Within budget }
    expect: { status: "2xx" }
  reject:
    description: Rejects one pending approval on behalf of the user.
    method: PUT
    path: "/api/approvals/{{ inputs.id }}/reject"
    headers:
      Accept: application/json
      Content-Type: application/json
    body:
      reason: "{{ inputs.reason }}"
    inputs:
      id: { type: integer, example: 1234, required: true }
      reason: { type: string, example: Over budget, required: true }
    expect: { status: "2xx" }
  list_expense_reports:
    description: Expense reports in a status, newest first.
    method: GET
    path: /api/expense_reports
    headers: { Accept: application/json }
    query: { status: "{{ inputs.status }}", limit: 50 }
    inputs:
      status: { type: string, example: pending_approval, required: true }
    expect:
      status: 200
      json: array
      checks:
        - path: $[0].id
          exists: true
"#;

/// One corpus file: its path (the name diagnostics print) and its bytes.
#[derive(Debug)]
pub(crate) struct CorpusFile {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// The corpus files, sorted by name; empty (and a note on stderr naming `stage`) when the corpus
/// has not been generated.
#[allow(clippy::print_stderr)] // Tells why a benchmark is missing, or what it reads.
pub(crate) fn corpus(stage: &str) -> Vec<CorpusFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/corpus");
    let files = read_corpus(&dir);
    if files.is_empty() {
        eprintln!(
            "{stage}/corpus skipped: no specs in {}; run `cargo xtask bench corpus --files 1000` first",
            dir.display()
        );
    } else {
        eprintln!(
            "{stage}/corpus: {} specs, {} bytes in {}",
            files.len(),
            total_bytes(files.iter().map(|f| f.bytes.as_slice())),
            dir.display()
        );
    }
    files
}

/// The sum of the lengths of `texts`, for `Throughput::Bytes`.
pub(crate) fn total_bytes<'a>(texts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    texts.into_iter().map(|text| text.len() as u64).sum()
}

fn read_corpus(dir: &Path) -> Vec<CorpusFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            CorpusFile {
                name: path.display().to_string(),
                bytes,
            }
        })
        .collect()
}
