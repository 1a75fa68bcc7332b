//! In-process benchmarks of the static pipeline: `yaml::decode` then `check_source` (YAML load,
//! limits, schema validation, typed model), on one realistic spec and on the generated corpus.
//!
//! The corpus is the one `cargo xtask bench corpus` (or `bench check`) writes to
//! `target/bench/corpus/`; without it only the single-spec benchmark runs. Run with
//! `cargo bench -p connspec-model --bench check`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use connspec_model::{CheckOptions, check_source, yaml};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A realistic spec: Coupa approvals with user consent, several actions with inputs and bodies.
const SPEC: &str = r#"# yaml-language-server: $schema=../../schemas/connector.schema.json
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

fn check(name: &str, bytes: &[u8], options: &CheckOptions) -> usize {
    let (file, diagnostics) = yaml::decode(name, bytes);
    let checked = check_source(&file, options);
    diagnostics.len() + checked.diagnostics.len()
}

fn single_spec(c: &mut Criterion) {
    let options = CheckOptions::default();
    assert_eq!(
        check("spec.yaml", SPEC.as_bytes(), &options),
        0,
        "the benchmark spec must be clean"
    );
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(SPEC.len() as u64));
    group.bench_function("one_spec", |b| {
        b.iter(|| check("spec.yaml", black_box(SPEC.as_bytes()), &options));
    });
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/corpus");
    let files = read_corpus(&dir);
    if files.is_empty() {
        #[allow(clippy::print_stderr)] // Tells why a benchmark is missing.
        {
            eprintln!(
                "check/corpus skipped: no specs in {}; run `cargo xtask bench corpus` first",
                dir.display()
            );
        }
        return;
    }
    let options = CheckOptions::default();
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    let mut group = c.benchmark_group("check");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function(format!("corpus_{}_files", files.len()), |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(name, text)| check(name, black_box(text), &options))
                .sum::<usize>()
        });
    });
    group.finish();
}

/// The corpus files as (name, bytes), sorted by name; empty when the corpus is absent.
fn read_corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
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
            (path.display().to_string(), bytes)
        })
        .collect()
}

criterion_group!(benches, single_spec, corpus);
criterion_main!(benches);
