//! Real-peer tests: check-jsonschema, an independent JSON Schema implementation installed by
//! `cargo xtask peers`, accepts the generated schemas and the connector library, and rejects a
//! spec with an unknown key (the negative control that shows these tests can fail).
//!
//! The peer runs offline (see `connspec_tests::offline_command`) and never with `--no-cache`.

use std::path::{Path, PathBuf};
use std::process::Output;

use connspec_tests::{files_with_extensions, offline_command, peer_or_skip, project_root};

const PEER: &str = "check-jsonschema";
const CONNECTOR_SCHEMA: &str = "schemas/connector.schema.json";
const INSTANCE_SCHEMA: &str = "schemas/instance.schema.json";

/// The spec from DESIGN §3, which every version of the schema must accept.
const VALID_SPEC: &str = r#"# yaml-language-server: $schema=../../schemas/connector.schema.json
spec_version: 1
name: coupa_client_credentials
display_name: Coupa
description: System-level access to a Coupa instance.
provider: coupa
instance:
  domain: { description: Coupa host, format: hostname, example: acme-test.coupahost.com }
secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
base_url: https://{{ instance.domain }}
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
  scopes: [core.expense.read]
  client_authentication: request_body
  token_response: json
actions:
  list_expense_reports:
    description: Expense reports waiting for approval.
    method: GET
    path: /api/expense_reports
    headers: { Accept: application/json }
    query: { status: "{{ inputs.status }}", limit: 50 }
    inputs:
      status: { type: string, example: pending_approval, required: true }
    expect: { status: 200, json: array }
"#;

/// Runs the peer with `args` (offline, in the project root).
fn check_jsonschema(peer: &Path, args: &[&str], files: &[PathBuf]) -> Output {
    offline_command(peer)
        .args(args)
        .args(files)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", peer.display()))
}

fn describe(output: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The connector library: (specs, instance files), as paths relative to the project root.
/// Instance files are the YAML files below an `instances/` directory; specs are the others.
fn library() -> (Vec<PathBuf>, Vec<PathBuf>) {
    let root = project_root();
    files_with_extensions(&root.join("connectors"), &["yaml", "yml"])
        .into_iter()
        .map(|path| {
            path.strip_prefix(&root)
                .map(Path::to_path_buf)
                .unwrap_or(path)
        })
        .partition(|path| {
            !path
                .parent()
                .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == "instances"))
        })
}

#[test]
fn schemas_pass_the_metaschema() {
    let peer = peer_or_skip!(PEER);
    let output = check_jsonschema(
        &peer,
        &["--check-metaschema", CONNECTOR_SCHEMA, INSTANCE_SCHEMA],
        &[],
    );
    assert!(
        output.status.success(),
        "check-jsonschema rejects the generated schemas: {}",
        describe(&output)
    );
}

// NOTE: fails on purpose ("no connector specs found") while `connectors/` holds no spec, so an
// empty library can never pass vacuously.
#[test]
fn connector_specs_validate_against_the_connector_schema() {
    let (specs, _) = library();
    assert!(
        !specs.is_empty(),
        "no connector specs found under connectors/ (outside instances/ directories); this test \
         must not pass vacuously"
    );
    let peer = peer_or_skip!(PEER);
    let output = check_jsonschema(&peer, &["--schemafile", CONNECTOR_SCHEMA], &specs);
    assert!(
        output.status.success(),
        "check-jsonschema rejects connector specs {specs:?}: {}",
        describe(&output)
    );
}

// NOTE: fails on purpose ("no instance files found") while no `connectors/**/instances/*.yaml`
// exists, for the same reason.
#[test]
fn instance_files_validate_against_the_instance_schema() {
    let (_, instances) = library();
    assert!(
        !instances.is_empty(),
        "no instance files found under connectors/**/instances/; this test must not pass \
         vacuously"
    );
    let peer = peer_or_skip!(PEER);
    let output = check_jsonschema(&peer, &["--schemafile", INSTANCE_SCHEMA], &instances);
    assert!(
        output.status.success(),
        "check-jsonschema rejects instance files {instances:?}: {}",
        describe(&output)
    );
}

/// The negative control: the peer accepts the DESIGN spec and rejects the same spec with one
/// unknown key, so a broken schema (or a peer that accepts everything) cannot go unnoticed.
#[test]
fn peer_rejects_a_spec_with_an_unknown_key() {
    let peer = peer_or_skip!(PEER);
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = dir.path().join("valid.yaml");
    let unknown_key = dir.path().join("unknown_key.yaml");
    std::fs::write(&valid, VALID_SPEC).expect("write valid.yaml");
    std::fs::write(
        &unknown_key,
        VALID_SPEC.replace(
            "base_url: https://{{ instance.domain }}\n",
            "base_url: https://{{ instance.domain }}\nbase_uri: https://{{ instance.domain }}\n",
        ),
    )
    .expect("write unknown_key.yaml");

    let accepted = check_jsonschema(&peer, &["--schemafile", CONNECTOR_SCHEMA], &[valid]);
    assert!(
        accepted.status.success(),
        "check-jsonschema rejects the DESIGN §3 spec: {}",
        describe(&accepted)
    );

    let rejected = check_jsonschema(&peer, &["--schemafile", CONNECTOR_SCHEMA], &[unknown_key]);
    assert_eq!(
        rejected.status.code(),
        Some(1),
        "check-jsonschema must reject a spec with the unknown key `base_uri`: {}",
        describe(&rejected)
    );
    let stdout = String::from_utf8_lossy(&rejected.stdout);
    assert!(
        stdout.contains("'base_uri' was unexpected"),
        "the rejection must name the unknown key: {}",
        describe(&rejected)
    );
}
