//! End-to-end tests of `connspec compile`: every connector × instance × target as a snapshot,
//! golden bad-input cases, the instance matrix, `-o DIR` writing, and a canary proving that no
//! target or format prints a secret value. The Postman collections and Hurl files of every
//! connector and auth type are checked for structure (every variable they use is defined, every
//! secret is an empty environment variable); newman runs some in `tests/postman.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{connspec, run};
use connspec_tests::project_root;
use connspec_tests::{connectors, relative};

const TARGETS: [&str; 4] = ["agent-studio", "setup", "curl", "moveworks-api"];
/// Targets with files of their own: structure-checked for every connector, snapshotted for some.
const FILE_TARGETS: [&str; 2] = ["postman", "hurl"];
const FORMATS: [&str; 3] = ["text", "markdown", "json"];

/// Bad templates must be refused quickly; this bound only catches hangs.
const HANG_GUARD: Duration = Duration::from_secs(10);

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

/// Each template limit, hit by its golden case: the diagnostic names the limit at its value and
/// says that it is fixed, why, and what to do instead (the registry's words).
#[test]
fn template_limits_name_themselves_and_say_they_are_fixed() {
    use connspec_compile::limits::{FIELD_BYTES, TEMPLATE_FUEL, TEMPLATE_RECURSION};
    let cases = [
        ("megabytes.yaml", &TEMPLATE_FUEL),
        ("recursive_macro.yaml", &TEMPLATE_RECURSION),
        ("output_too_large.yaml", &FIELD_BYTES),
    ];
    for (case, limit) in cases {
        let output = run(connspec().current_dir(project_root()).args([
            "compile",
            "--color",
            "never",
            &format!("tests/cases/compile/specs/{case}"),
            "--instance",
            "tests/cases/compile/instance.yaml",
        ]));
        assert_eq!(output.code, 1, "{}", output.transcript());
        assert!(output.stderr.contains("error[T105]"), "{}", output.stderr);
        assert!(limit.is_fixed(), "{}", limit.id);
        for wording in [limit.describe_default(), limit.how_to_raise()] {
            assert!(
                output.stderr.contains(&wording),
                "{case}: no `{wording}` in\n{}",
                output.stderr
            );
        }
    }
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
    assert!(output.stderr.contains("T010"), "{}", output.stderr);
    assert!(
        output.stderr.contains("no value for `domain`") && output.stderr.contains("bad.yaml:"),
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
                for target in TARGETS.iter().chain(&FILE_TARGETS) {
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

/// The Postman collection format's schema id.
const POSTMAN_SCHEMA: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

fn typed_spec(path: &Path) -> connspec_model::spec::ConnectorSpec {
    let text = std::fs::read_to_string(path).expect("spec");
    let checked = connspec_model::check_source(
        &connspec_diagnostics::SourceFile::new(path.display().to_string(), text),
        &connspec_model::CheckOptions {
            kind: Some(connspec_model::DocumentKind::Connector),
            ..connspec_model::CheckOptions::default()
        },
    );
    checked.spec.expect("a valid spec")
}

/// `{{name}}` references in `text`.
fn variables_used(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push(after[..end].to_owned());
        rest = &after[end + 2..];
    }
    out
}

/// Requests of a collection's items, folders included: (folder, item).
fn requests(
    items: &serde_json::Value,
    folder: Option<&str>,
) -> Vec<(Option<String>, serde_json::Value)> {
    let mut out = Vec::new();
    for item in items.as_array().expect("`item` is an array") {
        if let Some(children) = item.get("item") {
            let name = item["name"].as_str().expect("a folder has a name");
            out.extend(requests(children, Some(name)));
        } else {
            out.push((folder.map(str::to_owned), item.clone()));
        }
    }
    out
}

/// Checks one compiled Postman collection and environment against the spec they come from.
fn check_postman(
    spec: &connspec_model::spec::ConnectorSpec,
    collection: &str,
    environment: &str,
    what: &str,
) {
    let collection: serde_json::Value = serde_json::from_str(collection).expect("collection JSON");
    let environment: serde_json::Value =
        serde_json::from_str(environment).expect("environment JSON");
    assert_eq!(collection["info"]["schema"], POSTMAN_SCHEMA, "{what}");
    assert!(
        collection["info"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()),
        "{what}"
    );
    let auth = collection["auth"]["type"]
        .as_str()
        .expect("collection auth");
    assert!(
        ["noauth", "basic", "bearer", "apikey", "oauth2"].contains(&auth),
        "{what}: auth {auth}"
    );
    if auth != "noauth" {
        assert!(
            collection["auth"][auth].is_array(),
            "{what}: {auth} parameters"
        );
    }

    // One request per action, writes in the writes folder, the token request first.
    let requests = requests(&collection["item"], None);
    let token_first = requests
        .first()
        .is_some_and(|(_, item)| item["name"] == "Get access token");
    assert_eq!(
        requests.len(),
        spec.actions.len() + usize::from(token_first),
        "{what}"
    );
    for (name, action) in &spec.actions {
        let (folder, item) = requests
            .iter()
            .find(|(_, item)| item["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{what}: no request for `{name}`"));
        assert_eq!(
            item["request"]["method"],
            action.method.as_str(),
            "{what}: {name}"
        );
        assert_eq!(
            folder.as_deref(),
            action
                .method
                .is_write()
                .then_some("Writes (run deliberately)"),
            "{what}: {name}"
        );
        assert_eq!(
            item["request"]["url"]["host"][0], "{{base_url}}",
            "{what}: {name}"
        );
        let exec = &item["event"][0]["script"]["exec"];
        assert_eq!(item["event"][0]["listen"], "test", "{what}: {name}");
        assert!(
            exec.as_array().is_some_and(|lines| lines
                .iter()
                .any(|l| l.as_str().is_some_and(|l| l.contains("pm.test(")))),
            "{what}: {name} has tests"
        );
        if let Some(body) = item["request"].get("body") {
            assert_eq!(body["mode"], "raw", "{what}: {name}");
            if body["options"]["raw"]["language"] == "json" {
                let raw = body["raw"].as_str().expect("raw body");
                serde_json::from_str::<serde_json::Value>(raw).unwrap_or_else(|e| {
                    panic!("{what}: {name}: the JSON body does not parse: {e}")
                });
            }
        }
    }
    if token_first {
        let token = &requests[0].1["request"];
        assert_eq!(token["method"], "POST", "{what}");
        assert_eq!(token["body"]["mode"], "urlencoded", "{what}");
        let form = token["body"]["urlencoded"].as_array().expect("form fields");
        assert!(form.iter().any(|f| f["key"] == "grant_type"), "{what}");
    }

    // Secrets: environment variables of type secret, never a value.
    let values = environment["values"]
        .as_array()
        .expect("environment values");
    let secrets: Vec<&str> = spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .collect();
    for secret in &secrets {
        let value = values
            .iter()
            .find(|v| v["key"] == *secret)
            .unwrap_or_else(|| panic!("{what}: secret {secret} in the environment"));
        assert_eq!(value["type"], "secret", "{what}: {secret}");
        assert_eq!(value["value"], "", "{what}: {secret}");
    }
    assert!(
        values.iter().all(|v| v["value"] == ""),
        "{what}: the environment holds no value"
    );

    // Every variable the collection uses is defined: Postman sends an undefined one literally.
    let mut defined: Vec<String> = values
        .iter()
        .chain(collection["variable"].as_array().into_iter().flatten())
        .filter_map(|v| v["key"].as_str().map(str::to_owned))
        .collect();
    defined.sort();
    let text = collection.to_string();
    for used in variables_used(&text) {
        assert!(
            defined.contains(&used),
            "{what}: `{{{{{used}}}}}` is not defined in {defined:?}"
        );
    }
}

/// Checks one compiled Hurl file against the spec it comes from.
fn check_hurl(spec: &connspec_model::spec::ConnectorSpec, text: &str, what: &str) {
    assert!(text.starts_with(&format!("# {}: ", spec.name)), "{what}");
    let lines: Vec<&str> = text.lines().collect();
    let live: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#'))
        .collect();
    for (name, action) in &spec.actions {
        let heading = format!("# {name}");
        let commented = format!("# # {name}");
        let found = if action.method.is_write() {
            lines.iter().any(|l| l.starts_with(&commented))
        } else {
            lines.iter().any(|l| l.starts_with(&heading))
        };
        assert!(found, "{what}: no entry for `{name}`");
    }
    let methods = live
        .iter()
        .filter(|l| {
            ["GET ", "POST ", "PUT ", "PATCH ", "DELETE "]
                .iter()
                .any(|m| l.starts_with(m))
        })
        .count();
    let reads = spec
        .actions
        .values()
        .filter(|a| !a.method.is_write())
        .count();
    let token = live.iter().any(|l| l.starts_with("access_token: jsonpath"));
    assert_eq!(
        methods,
        reads + usize::from(token),
        "{what}: one live request per read"
    );
    assert!(
        live.iter().all(|l| !["PUT ", "PATCH ", "DELETE "]
            .iter()
            .any(|m| l.starts_with(m))),
        "{what}: writes are commented out"
    );
    let secrets: Vec<&str> = spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .collect();
    for used in variables_used(&live.join("\n")) {
        let input = spec
            .actions
            .values()
            .any(|a| a.inputs.get(&used).is_some_and(|i| i.example.is_none()));
        assert!(
            secrets.contains(&used.as_str())
                || used == "access_token"
                || used.starts_with("meta_info_")
                || input,
            "{what}: `{{{{{used}}}}}` is neither a secret, the token nor an input"
        );
    }
    for line in &live {
        if let Some(rest) = line.strip_prefix("HTTP ") {
            assert!(rest == "*" || rest.parse::<u16>().is_ok(), "{what}: {line}");
        }
    }
}

#[test]
fn postman_and_hurl_files_for_every_connector_and_auth_type() {
    let root = project_root();
    let mut cases: Vec<(PathBuf, PathBuf)> = connectors()
        .into_iter()
        .flat_map(|(spec, instances)| instances.into_iter().map(move |i| (spec.clone(), i)))
        .collect();
    let mut auth: Vec<PathBuf> = std::fs::read_dir(root.join("tests/cases/compile/auth"))
        .expect("auth cases")
        .flatten()
        .map(|e| relative(&e.path()))
        .collect();
    auth.sort();
    assert!(auth.len() >= 10, "{auth:?}");
    cases.extend(
        auth.into_iter()
            .map(|spec| (spec, PathBuf::from("tests/cases/compile/instance.yaml"))),
    );
    for (spec_path, instance) in cases {
        let spec = typed_spec(&root.join(&spec_path));
        let dir = tempfile::tempdir().expect("temp dir");
        let output = run(connspec()
            .current_dir(&root)
            .args(["compile", "--color", "never", "-t", "postman", "-t", "hurl"])
            .arg(&spec_path)
            .arg("--instance")
            .arg(&instance)
            .arg("-o")
            .arg(dir.path()));
        assert_eq!(output.code, 0, "{}", output.transcript());
        let stem = instance.file_stem().and_then(|s| s.to_str()).expect("stem");
        let folder = dir.path().join(stem);
        let mut files: Vec<String> = walk(&folder)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
            .collect();
        files.sort();
        let name = &spec.name;
        assert_eq!(
            files,
            [
                format!("{name}.hurl"),
                format!("{name}.postman_collection.json"),
                format!("{name}.postman_environment.json"),
            ],
            "text format writes only the files of their own"
        );
        let read = |file: String| std::fs::read_to_string(folder.join(file)).expect("read");
        let what = format!("{} × {}", spec_path.display(), instance.display());
        let collection = read(format!("{name}.postman_collection.json"));
        check_postman(
            &spec,
            &collection,
            &read(format!("{name}.postman_environment.json")),
            &what,
        );
        let hurl = read(format!("{name}.hurl"));
        check_hurl(&spec, &hurl, &what);
        if spec_path.starts_with("connectors") {
            insta::assert_snapshot!(
                format!("{}__{}__hurl", slug(&spec_path), slug(&instance)),
                hurl
            );
        }
        if spec_path.ends_with("approvals-service.yaml") && stem == "acme-test" {
            insta::assert_snapshot!(
                "coupa-approvals-service__instances-acme-test__postman-collection",
                collection
            );
        }
    }
}

/// The printed forms hold the same documents as the files, and Markdown and JSON runs with
/// `-o` write their document beside the files.
#[test]
fn postman_and_hurl_print_what_they_write() {
    let root = project_root();
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "compile",
        "connectors/coupa/expense-reports.yaml",
        "--instance",
        "connectors/coupa/instances/acme-test.yaml",
        "-t",
        "postman",
        "-t",
        "hurl",
    ];
    let json = run(connspec()
        .current_dir(&root)
        .args(args)
        .args(["--format", "json"]));
    assert_eq!(json.code, 0, "{}", json.transcript());
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let postman = &document["outputs"][0];
    assert_eq!(postman["target"], "postman");
    let collection = &postman["sections"][0]["fields"][1];
    assert_eq!(collection["label"], "Collection");
    assert_eq!(collection["type"], "json");
    assert_eq!(collection["value"]["info"]["schema"], POSTMAN_SCHEMA);
    assert_eq!(
        postman["sections"][1]["fields"][1]["value"]["values"][0]["type"],
        "secret"
    );

    let text = run(connspec()
        .current_dir(&root)
        .args(args)
        .args(["--format", "text"]));
    assert_eq!(text.code, 0, "{}", text.transcript());
    let written = run(connspec()
        .current_dir(&root)
        .args(args)
        .args(["--format", "markdown", "-o"])
        .arg(dir.path()));
    assert_eq!(written.code, 0, "{}", written.transcript());
    let folder = dir.path().join("acme-test");
    let hurl = std::fs::read_to_string(folder.join("coupa_expense_reports.hurl")).expect("hurl");
    assert!(
        text.stdout.ends_with(&hurl),
        "the text form of hurl is the file itself"
    );
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("coupa_expense_reports.postman_collection.json"))
            .expect("collection"),
    )
    .expect("JSON");
    assert_eq!(
        &file, &collection["value"],
        "the file is the printed collection"
    );
    assert!(folder.join("postman.md").is_file());
    assert!(folder.join("hurl.md").is_file());
}
