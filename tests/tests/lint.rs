//! End-to-end tests of lint features: rule selection, the project file, suppressions,
//! instance checks, and masking of literal secrets in every output format.

mod common;

use common::{connspec, run};
use connspec_tests::project_root;

const CANARY: &str = "CANARY-s3cr3t-9f8e7d";

#[test]
fn literal_secrets_are_never_printed_in_any_format() {
    for format in ["human", "json", "sarif", "github", "junit"] {
        let output = run(connspec().current_dir(project_root()).args([
            "check",
            "--color",
            "always",
            "--format",
            format,
            "tests/cases/lint/literal-secret.yaml",
        ]));
        assert_eq!(output.code, 1, "{format}: {}", output.transcript());
        assert!(
            output.stdout.contains("A001"),
            "{format}: {}",
            output.stdout
        );
        assert!(
            !output.stdout.contains(CANARY) && !output.stderr.contains(CANARY),
            "{format} printed the secret:\n{}",
            output.transcript()
        );
    }
}

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

const UNUSED_SCOPE_SPEC: &str = "spec_version: 1
name: coupa_demo
provider: coupa
instance:
  domain: { format: hostname, example: acme.coupahost.com }
secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
base_url: https://{{ instance.domain }}
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: \"{{ secrets.COUPA_CLIENT_ID }}\"
  client_secret: \"{{ secrets.COUPA_CLIENT_SECRET }}\"
  scopes: [core.approval.read, core.user.read]
actions:
  list_approvals:
    method: GET
    path: /api/approvals
    headers: { Accept: application/json }
";

#[test]
fn rules_are_selected_by_flags_and_by_the_project_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "spec.yaml", UNUSED_SCOPE_SPEC);
    let check = |extra: &[&str]| {
        run(connspec()
            .current_dir(dir.path())
            .args(["check", "--color", "never"])
            .args(extra)
            .arg("spec.yaml"))
    };
    let default = check(&[]);
    assert!(default.stdout.contains("P003"), "{}", default.stdout);
    assert_eq!(default.code, 0, "a warning does not fail the check");
    assert!(!check(&["--ignore", "P003"]).stdout.contains("P003"));
    assert!(!check(&["--select", "T,A"]).stdout.contains("P003"));
    assert!(!check(&["--ignore", "unused-scope"]).stdout.contains("P003"));
    let unknown = check(&["--select", "Q1"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());

    write(
        dir.path(),
        "connspec.toml",
        "[check]\nignore = [\"P003\"]\n",
    );
    assert!(!check(&[]).stdout.contains("P003"));
    assert!(check(&["--no-config"]).stdout.contains("P003"));

    write(dir.path(), "connspec.toml", "[check]\nignor = [\"P003\"]\n");
    let broken = check(&[]);
    assert_eq!(broken.code, 2, "{}", broken.transcript());
    assert!(
        broken.stdout.contains("connspec.toml:2:1"),
        "{}",
        broken.stdout
    );
    assert!(broken.stdout.contains("S014"), "{}", broken.stdout);

    write(dir.path(), "connspec.toml", "[check]\nselect = [\"X42\"]\n");
    let bad_code = check(&[]);
    assert_eq!(bad_code.code, 2, "{}", bad_code.transcript());
    assert!(
        bad_code.stdout.contains("`X42` matches no rule code"),
        "{}",
        bad_code.stdout
    );
}

#[test]
fn suppression_comments_silence_one_line_and_report_stale_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = UNUSED_SCOPE_SPEC.replace(
        "  scopes: [core.approval.read, core.user.read]",
        "  scopes: [core.approval.read, core.user.read]  # connspec: allow P003 -- used by a compound action\n  client_authentication: request_body  # connspec: allow A007 -- stale",
    );
    write(dir.path(), "spec.yaml", &spec);
    let output =
        run(connspec()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "spec.yaml"]));
    assert!(!output.stdout.contains("P003"), "{}", output.stdout);
    assert!(output.stdout.contains("S015"), "{}", output.stdout);
    assert!(output.stdout.contains("spec.yaml:15:"), "{}", output.stdout);
}

#[test]
fn specs_are_checked_against_instance_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "spec.yaml",
        &UNUSED_SCOPE_SPEC.replace(", core.user.read", ""),
    );
    write(
        dir.path(),
        "tenant.yaml",
        "instance_version: 1\nvalues:\n  domian: acme.coupahost.com\nsecrets:\n  COUPA_CLIENT_ID: env:COUPA_CLIENT_ID\n",
    );
    write(
        dir.path(),
        "local.yaml",
        "instance_version: 1\nvalues:\n  domain: 127.0.0.1:8443\nsecrets:\n  COUPA_CLIENT_ID: env:A\n  COUPA_CLIENT_SECRET: env:B\n",
    );
    write(
        dir.path(),
        "good.yaml",
        "instance_version: 1\nvalues:\n  domain: acme-test.coupahost.com\nsecrets:\n  COUPA_CLIENT_ID: env:A\n  COUPA_CLIENT_SECRET: env:B\n",
    );
    let output = run(connspec().current_dir(dir.path()).args([
        "check",
        "--color",
        "never",
        "spec.yaml",
        "--instance",
        "tenant.yaml",
        "--instance",
        "local.yaml",
        "--instance",
        "good.yaml",
    ]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    insta::assert_snapshot!(output.transcript());
}

/// The connectors of providers with a catalogue declare their provider, check clean, and have
/// an action whose route the catalogue knows and whose scopes the spec holds: the catalogue
/// verifies it rather than the rules skipping it.
#[test]
fn provider_connectors_check_clean_with_an_action_their_catalogue_verifies() {
    let root = project_root();
    for (path, provider) in [
        ("connectors/github/repos.yaml", "github"),
        ("connectors/google-calendar/primary-calendar.yaml", "google"),
        ("connectors/okta/users.yaml", "okta"),
        ("connectors/zoom/users.yaml", "zoom"),
        (
            "connectors/microsoft-graph/users-client-credentials.yaml",
            "microsoft-graph",
        ),
    ] {
        let bytes = std::fs::read(root.join(path)).expect("connector");
        let checked = connspec_lint::check_and_lint(
            path,
            &bytes,
            &connspec_model::CheckOptions::default(),
            &connspec_lint::LintSettings::default(),
        );
        let findings: Vec<String> = checked
            .checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code.code, d.message))
            .collect();
        assert!(findings.is_empty(), "{path}: {findings:#?}");
        let spec = checked.checked.spec.expect("a spec");
        assert_eq!(spec.provider.as_deref(), Some(provider), "{path}");
        let catalog = connspec_catalog::catalog(provider).expect("a catalogue");
        let refs = spec.scope_refs().expect("the spec names its scopes");
        let holds = |scope: &str| refs.scopes.iter().any(|r| r.scope == scope);
        let verified: Vec<&String> = spec
            .actions
            .iter()
            .filter(|(_, action)| {
                matches!(
                    catalog.route_of(spec.base_url.as_str(), action.method.as_str(), action.path.as_str()),
                    connspec_catalog::RouteMatch::Found(route) if route.requirement.is_met_by(holds)
                )
            })
            .map(|(name, _)| name)
            .collect();
        assert!(
            !verified.is_empty(),
            "{path}: no action the catalogue verifies"
        );
    }
}
