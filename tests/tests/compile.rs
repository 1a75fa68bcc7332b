//! End-to-end tests of `connspec compile`: every connector × instance × target as a snapshot,
//! golden bad-input cases, the instance matrix, `-o DIR` writing, and a canary proving that no
//! target or format prints a secret value.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{connspec, project_root, run};

const TARGETS: [&str; 4] = ["agent-studio", "setup", "curl", "moveworks-api"];
const FORMATS: [&str; 3] = ["text", "markdown", "json"];

/// Bad templates must be refused quickly; this bound only catches hangs.
const HANG_GUARD: Duration = Duration::from_secs(10);

/// Every connector spec with its instance files, as paths relative to the project root.
fn connectors() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let root = project_root();
    let mut out = Vec::new();
    let mut providers: Vec<PathBuf> = std::fs::read_dir(root.join("connectors"))
        .expect("connectors/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    providers.sort();
    for provider in providers {
        let mut instances: Vec<PathBuf> = std::fs::read_dir(provider.join("instances"))
            .expect("an instances/ folder per provider")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| relative(&p))
            .collect();
        instances.sort();
        let mut specs: Vec<PathBuf> = std::fs::read_dir(&provider)
            .expect("provider folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        specs.sort();
        for spec in specs {
            out.push((relative(&spec), instances.clone()));
        }
    }
    out
}

fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(project_root())
        .expect("under the project root")
        .to_path_buf()
}

/// A snapshot name from a path: `connectors/coupa/a.yaml` → `coupa-a`.
fn slug(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("x");
    format!("{parent}-{stem}")
}

#[test]
fn every_connector_instance_and_target_compiles() {
    let root = project_root();
    let connectors = connectors();
    assert!(connectors.len() >= 9, "{connectors:?}");
    for (spec, instances) in &connectors {
        for instance in instances {
            for target in TARGETS {
                let output = run(connspec()
                    .current_dir(&root)
                    .args(["compile", "--color", "never", "--target", target])
                    .arg(spec)
                    .arg("--instance")
                    .arg(instance));
                assert_eq!(output.code, 0, "{}", output.transcript());
                let name = format!("{}__{}__{target}", slug(spec), slug(instance));
                insta::assert_snapshot!(name, output.transcript());
            }
        }
    }
}

#[test]
fn markdown_and_json_formats() {
    let root = project_root();
    for format in ["markdown", "json"] {
        let output = run(connspec().current_dir(&root).args([
            "compile",
            "connectors/coupa/expense-reports.yaml",
            "--instance",
            "connectors/coupa/instances/acme-test.yaml",
            "--target",
            "agent-studio",
            "--target",
            "setup",
            "--format",
            format,
        ]));
        assert_eq!(output.code, 0, "{}", output.transcript());
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
            assert_eq!(json["version"], 1);
            assert_eq!(json["outputs"].as_array().map(Vec::len), Some(2));
        }
        insta::assert_snapshot!(format!("coupa-expense-reports__{format}"), output.stdout);
    }
}

/// The acceptance example: the seed guide's connector fields with the domain filled in.
#[test]
fn coupa_expense_reports_matches_the_seed_guide() {
    let output = run(connspec().current_dir(project_root()).args([
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/acme-test.yaml",
    ]));
    assert_eq!(output.code, 0, "{}", output.transcript());
    let lines: Vec<String> = output
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for expected in [
        "Connector Name: coupa_expense_reports (label unverified)",
        "Base URL: https://acme-test.coupahost.com",
        "Auth Config: Oauth2",
        "Oauth2 Grant Type: Client Credentials Grant",
        "Client ID: <secret COUPA_CLIENT_ID>",
        "Client Secret: <secret COUPA_CLIENT_SECRET>",
        "Client Credentials Grant Scope: core.expense.read",
        "Oauth2 Token Url: https://acme-test.coupahost.com/oauth2/token",
        "Oauth2 Client Authentication: OAuth 2.0 with Request Body",
        "Endpoint URL: /api/expense_reports",
        "Method: GET",
        "Headers: Accept: application/json",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "missing `{expected}` in\n{}",
            output.stdout
        );
    }
}

#[test]
fn golden_bad_template_cases() {
    let root = project_root();
    insta::glob!("../cases/compile/specs", "*.yaml", |path| {
        let relative = relative(path);
        let started = Instant::now();
        let output = run(connspec()
            .current_dir(&root)
            .args(["compile", "--color", "never"])
            .arg(&relative)
            .args(["--instance", "tests/cases/compile/instance.yaml"]));
        assert!(
            started.elapsed() < HANG_GUARD,
            "{} took {:?}",
            relative.display(),
            started.elapsed()
        );
        assert_eq!(output.code, 1, "{}", output.transcript());
        assert!(
            output.stdout.is_empty(),
            "no output on errors: {}",
            output.stdout
        );
        assert!(!output.stderr.contains("panicked"), "{}", output.stderr);
        insta::assert_snapshot!(output.transcript());
    });
}

#[test]
fn check_errors_stop_compilation() {
    let output = run(connspec().current_dir(project_root()).args([
        "compile",
        "--color",
        "never",
        "tests/cases/check/unknown_key_in_auth.yaml",
        "--instance",
        "tests/cases/compile/instance.yaml",
    ]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    assert!(output.stdout.is_empty());
    assert!(output.stderr.contains("S010"), "{}", output.stderr);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let root = project_root();
    let missing = run(connspec().current_dir(&root).args([
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/nope.yaml",
    ]));
    assert_eq!(missing.code, 2, "{}", missing.transcript());
    let bad_set = run(connspec().current_dir(&root).args([
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/acme-test.yaml",
        "--set",
        "domain",
    ]));
    assert_eq!(bad_set.code, 2, "{}", bad_set.transcript());
    let bad_target = run(connspec().current_dir(&root).args([
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/acme-test.yaml",
        "--target",
        "postman-v9",
    ]));
    assert_eq!(bad_target.code, 2, "{}", bad_target.transcript());
}

#[test]
fn set_overrides_an_instance_value() {
    let output = run(connspec().current_dir(project_root()).args([
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/sandbox.yaml",
        "--set",
        "domain=127.0.0.1:9443",
    ]));
    assert_eq!(output.code, 0, "{}", output.transcript());
    assert!(
        output
            .stdout
            .contains("https://127.0.0.1:9443/oauth2/token"),
        "{}",
        output.stdout
    );
}

/// A folder of instances compiles the spec for every tenant; a missing value names its file.
#[test]
fn instance_matrix_names_each_instance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "instance_version: 1\nvalues: { domain: good.coupahost.com }\n";
    let bad = "instance_version: 1\nvalues: {}\n";
    std::fs::write(dir.path().join("good.yaml"), good).expect("write");
    std::fs::write(dir.path().join("bad.yaml"), bad).expect("write");
    let spec = project_root().join("connectors/coupa/expense-reports.yaml");
    let output = run(connspec()
        .current_dir(dir.path())
        .args(["compile", "--color", "never"])
        .arg(&spec)
        .args(["--instance", "."]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    assert!(output.stderr.contains("T103"), "{}", output.stderr);
    assert!(
        output.stderr.contains("instance `bad.yaml` gives no value"),
        "{}",
        output.stderr
    );
    assert!(
        output.stdout.contains("https://good.coupahost.com"),
        "{}",
        output.stdout
    );
}

#[test]
fn output_dir_gets_one_folder_per_instance_and_no_partial_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("build");
    let root = project_root();
    let compile = |extra: &[&str]| {
        run(connspec()
            .current_dir(&root)
            .args([
                "compile",
                "--color",
                "never",
                "connectors/coupa/approvals-service.yaml",
                "--instance",
                "connectors/coupa/instances/",
                "-t",
                "agent-studio",
                "-t",
                "curl",
                "--format",
                "markdown",
                "-o",
            ])
            .arg(&out)
            .args(extra))
    };
    let first = compile(&[]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    assert!(first.stdout.is_empty());
    let mut files: Vec<String> = walk(&out)
        .iter()
        .map(|p| {
            p.strip_prefix(&out)
                .expect("under out")
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".connspec-output",
            "acme-test/agent-studio.md",
            "acme-test/curl.md",
            "sandbox/agent-studio.md",
            "sandbox/curl.md",
        ]
    );
    // A second run overwrites its own output.
    assert_eq!(compile(&[]).code, 0);

    // A folder with someone else's files is refused unless --force is given.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).expect("mkdir");
    std::fs::write(foreign.join("notes.txt"), "mine").expect("write");
    let refused = run(connspec()
        .current_dir(&root)
        .args([
            "compile",
            "--color",
            "never",
            "connectors/coupa/expense-reports.yaml",
            "--instance",
            "connectors/coupa/instances/acme-test.yaml",
            "-o",
        ])
        .arg(&foreign));
    assert_eq!(refused.code, 2, "{}", refused.transcript());
    assert!(refused.stderr.contains("I101"), "{}", refused.stderr);
    assert_eq!(walk(&foreign).len(), 1, "nothing written");
    let forced = run(connspec()
        .current_dir(&root)
        .args([
            "compile",
            "connectors/coupa/expense-reports.yaml",
            "--instance",
            "connectors/coupa/instances/acme-test.yaml",
            "--force",
            "-o",
        ])
        .arg(&foreign));
    assert_eq!(forced.code, 0, "{}", forced.transcript());
    assert!(foreign.join("acme-test/agent-studio.txt").is_file());
    assert!(
        walk(dir.path())
            .iter()
            .all(|p| p.extension().is_none_or(|e| e != "tmp")),
        "no temporary files left"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// With every secret's variable set to a canary, no target or format prints it.
#[test]
fn no_target_or_format_prints_a_secret_value() {
    const CANARY: &str = "canary-5ecr3t-value-9f2c";
    let root = project_root();
    let mut variables: Vec<String> =
        vec!["COUPA_CLIENT_SECRET".to_owned(), "CASE_API_KEY".to_owned()];
    for (spec, instances) in connectors() {
        let text = std::fs::read_to_string(root.join(&spec)).expect("spec");
        variables.extend(
            text.lines()
                .filter_map(|l| l.trim().strip_prefix("- name: "))
                .map(str::to_owned),
        );
        for instance in instances {
            let text = std::fs::read_to_string(root.join(&instance)).expect("instance");
            variables.extend(text.lines().filter_map(|l| {
                l.split_once(": env:")
                    .or_else(|| l.split_once(": dotenv:"))
                    .map(|(_, var)| var.trim().to_owned())
            }));
        }
    }
    variables.sort();
    variables.dedup();
    assert!(
        variables.contains(&"ACME_COUPA_CLIENT_ID".to_owned()),
        "{variables:?}"
    );
    for (spec, instances) in connectors() {
        for instance in instances {
            for format in FORMATS {
                let mut command = connspec();
                command
                    .current_dir(&root)
                    .args(["compile", "--color", "never", "--format", format])
                    .arg(&spec)
                    .arg("--instance")
                    .arg(&instance);
                for target in TARGETS {
                    command.args(["--target", target]);
                }
                for variable in &variables {
                    command.env(variable, CANARY);
                }
                let output = run(&mut command);
                assert_eq!(output.code, 0, "{}", output.transcript());
                assert!(
                    !output.stdout.contains(CANARY) && !output.stderr.contains(CANARY),
                    "{} × {} × {format} printed a secret",
                    spec.display(),
                    instance.display()
                );
            }
        }
    }
}

/// Every auth type and grant of the model compiles for every target (one snapshot per spec).
#[test]
fn every_auth_type_compiles_for_every_target() {
    let root = project_root();
    insta::glob!("../cases/compile/auth", "*.yaml", |path| {
        let mut command = connspec();
        command
            .current_dir(&root)
            .args(["compile", "--color", "never"])
            .arg(relative(path))
            .args(["--instance", "tests/cases/compile/instance.yaml"]);
        for target in TARGETS {
            command.args(["--target", target]);
        }
        let output = run(&mut command);
        assert_eq!(output.code, 0, "{}", output.transcript());
        insta::assert_snapshot!(output.transcript());
    });
}
