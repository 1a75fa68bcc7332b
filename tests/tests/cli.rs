//! End-to-end tests of the `connspec` binary: golden bad-input cases, output formats, exit
//! codes, and the connectors library.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{connspec, run};
use connspec_tests::project_root;

/// Hostile input must be refused quickly; this bound only catches hangs, it is no benchmark.
const HANG_GUARD: Duration = Duration::from_secs(10);

#[test]
fn golden_bad_input_cases() {
    let root = project_root();
    insta::glob!("../cases/check", "*.yaml", |path| {
        let relative = path
            .strip_prefix(&root)
            .expect("case under the project root");
        // Built (on first use) before the clock starts: the guard is for `check` alone.
        let mut command = connspec();
        let started = Instant::now();
        let output = run(command
            .current_dir(&root)
            .args(["check", "--color", "never"])
            .arg(relative));
        assert!(
            started.elapsed() < HANG_GUARD,
            "{} took {:?}",
            relative.display(),
            started.elapsed()
        );
        assert_eq!(
            output.code,
            1,
            "{}: expected findings\n{}",
            relative.display(),
            output.stdout
        );
        assert!(!output.stderr.contains("panicked"), "{}", output.stderr);
        assert!(
            output.stdout.contains(&format!("{}:", relative.display())),
            "no file:line:col"
        );
        insta::assert_snapshot!(output.transcript());
    });
}

/// Cases too large to commit are generated; each is refused with a limit diagnostic.
#[test]
fn generated_hostile_inputs_are_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "deep_block_nesting.yaml",
            format!("{}1\n", "- ".repeat(100_000)).into_bytes(),
        ),
        (
            "deep_flow_nesting.yaml",
            format!("x: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        ("huge_50mb.yaml", {
            let mut bytes = b"spec_version: 1\nname: huge\ndescription: |\n".to_vec();
            let line = format!("  {}\n", "x".repeat(98));
            while bytes.len() < 50 * 1024 * 1024 {
                bytes.extend_from_slice(line.as_bytes());
            }
            bytes
        }),
        ("long_line_100kb.yaml", {
            format!(
                "spec_version: 1\nname: coupa_long\nbase_url: https://acme.coupahost.com\nauth: {{ type: none }}\ndescription: {}\nactions: {{ a: {{ method: GET, path: /x, bogus: 1 }} }}\n",
                "word ".repeat(20_000)
            )
            .into_bytes()
        }),
        ("many_nodes.yaml", {
            let items: Vec<String> = (0..60_000).map(|i| i.to_string()).collect();
            format!("spec_version: 1\nsecrets: [{}]\n", items.join(",")).into_bytes()
        }),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), &bytes).expect("write case");
        let started = Instant::now();
        let output = run(connspec()
            .current_dir(dir.path())
            .args(["check", "--color", "never", name]));
        let elapsed = started.elapsed();
        assert!(elapsed < HANG_GUARD, "{name} took {elapsed:?}");
        assert_eq!(output.code, 1, "{name}\n{}", output.stdout);
        assert!(!output.stderr.contains("panicked"), "{}", output.stderr);
        assert!(
            output.stdout.len() < 4096,
            "{name}: output is {} bytes",
            output.stdout.len()
        );
        insta::assert_snapshot!(name, output.transcript());
    }
}

#[test]
fn connectors_library_passes() {
    let output = run(connspec()
        .current_dir(project_root())
        .args(["check", "connectors/"]));
    assert_eq!(output.code, 0, "{}", output.transcript());
    // Every spec and every instance file (checked against its spec) counts: none is skipped.
    let files =
        connspec_tests::files_with_extensions(&project_root().join("connectors"), &["yaml"]);
    assert!(
        output
            .stdout
            .contains(&format!("All checks passed ({} files)", files.len())),
        "{}",
        output.stdout
    );
}

/// The spec format of DESIGN §3 is a contract: its example must validate unchanged.
#[test]
fn design_example_validates_unchanged() {
    // A verbatim copy of DESIGN §3's example (the clone stands alone; see tests/data/README.md).
    let example = std::fs::read_to_string(project_root().join("tests/data/design-example.yaml"))
        .expect("tests/data/design-example.yaml");
    assert!(example.contains("spec_version: 1"));
    let output = run(connspec()
        .args(["check", "--color", "never", "-"])
        .write_stdin(example));
    assert_eq!(output.code, 0, "{}", output.transcript());
}

#[test]
fn stdin_is_checked_under_its_given_name() {
    let output = run(connspec()
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "piped.yaml",
            "-",
        ])
        .write_stdin("spec_version: 1\nname: x\n"));
    assert_eq!(output.code, 1);
    assert!(
        output.stdout.contains("piped.yaml:1:1"),
        "{}",
        output.stdout
    );
}

#[test]
fn missing_path_is_an_io_error() {
    let output = run(connspec().current_dir(project_root()).args([
        "check",
        "--color",
        "never",
        "connectors/nope.yaml",
    ]));
    assert_eq!(output.code, 2, "{}", output.transcript());
    assert!(output.stdout.contains("I001"), "{}", output.stdout);
}

#[test]
fn exit_code_is_2_for_usage_errors() {
    let output = run(connspec().args(["check", "--format", "xml"]));
    assert_eq!(output.code, 2);
    let output = run(connspec().args(["explain", "S999"]));
    assert_eq!(output.code, 2);
    assert!(output.stderr.contains("unknown code"), "{}", output.stderr);
}

#[test]
fn files_are_reported_sorted_by_path() {
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "json",
        "tests/cases/check/unknown_key_in_auth.yaml",
        "tests/cases/check/duplicate_key.yaml",
        "tests/cases/check/alias_bomb.yaml",
    ]));
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("json output");
    let paths: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 3);
}

#[test]
fn github_format_emits_workflow_commands() {
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "github",
        "tests/cases/check/unknown_key_in_auth.yaml",
    ]));
    assert_eq!(output.code, 1);
    let line = output.stdout.lines().next().expect("one annotation");
    assert!(
        line.starts_with("::error file=tests/cases/check/unknown_key_in_auth.yaml,line=11,col=3,endLine=11,endColumn=11,title=S010"),
        "{line}"
    );
    assert!(line.contains("::unknown key `clent_id`"), "{line}");
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let schema_path = project_root().join("tests/data/sarif-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("SARIF schema"))
            .expect("schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("SARIF schema compiles");
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "sarif",
        "tests/cases/check",
        "tests/cases/fix",
        "connectors",
    ]));
    assert_eq!(output.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&output.stdout).expect("SARIF is JSON");
    // Fixes are in it (SARIF 2.1.0 §3.55), and the schema below covers them.
    let with_fixes = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["fixes"][0]["artifactChanges"][0]["replacements"].is_array())
        .count();
    assert!(with_fixes >= 4, "{with_fixes} results with fixes");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= 40, "{} results", results.len());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "S010" && r["helpUri"].as_str().is_some())
    );
}

#[test]
fn junit_and_json_formats_are_well_formed() {
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "junit",
        "tests/cases/check/duplicate_key.yaml",
        "connectors/coupa",
    ]));
    assert_eq!(output.code, 1);
    assert!(output.stdout.starts_with("<?xml"), "{}", output.stdout);
    assert_eq!(
        output.stdout.matches("<testcase ").count(),
        6,
        "{}",
        output.stdout
    );
    assert_eq!(
        output.stdout.matches("<failure ").count(),
        1,
        "{}",
        output.stdout
    );

    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "json",
        "tests/cases/check/duplicate_key.yaml",
    ]));
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
    let diagnostic = &json["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "S002");
    assert_eq!(diagnostic["location"]["line"], 14);
    assert_eq!(diagnostic["location"]["column"], 3);
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    for kind in ["connector", "instance"] {
        let output = run(connspec().args(["schema", kind]));
        assert_eq!(output.code, 0);
        let committed =
            std::fs::read_to_string(project_root().join(format!("schemas/{kind}.schema.json")))
                .expect("committed schema");
        assert_eq!(output.stdout, committed, "run `cargo xtask codegen`");
    }
}

#[test]
fn explain_prints_the_documented_sections() {
    let output = run(connspec().args(["explain", "s010"]));
    assert_eq!(output.code, 0);
    for heading in [
        "# S010 unknown-key",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(
            output.stdout.contains(heading),
            "{heading} missing:\n{}",
            output.stdout
        );
    }
    let all = run(connspec().args(["explain", "--all"]));
    assert_eq!(all.code, 0);
    assert!(all.stdout.matches("## What it does").count() >= 14);
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let root = project_root();
    let case = Path::new("tests/cases/check/duplicate_key.yaml");
    let colored = run(connspec()
        .current_dir(&root)
        .args(["check", "--color", "always"])
        .arg(case));
    assert!(colored.stdout.contains('\u{1b}'), "expected ANSI colour");
    let plain = run(connspec()
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .args(["check"])
        .arg(case));
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "NO_COLOR must disable colour"
    );
}

/// `--fail-on` sets the least severe finding that fails the run; unreadable files still
/// exit 2 whatever it says.
#[test]
fn fail_on_sets_the_threshold_of_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    // One warning (an unused instance parameter), no error.
    let warning = "spec_version: 1\nname: demo\ninstance:\n  region: { format: string }\n\
                   base_url: https://api.example.com\nauth: { type: none }\nactions:\n  \
                   list: { method: GET, path: /items }\n";
    let error = warning.replace("https://api.example.com", "http://api.example.com");
    std::fs::write(dir.path().join("warning.yaml"), warning).expect("write");
    std::fs::write(dir.path().join("error.yaml"), error).expect("write");
    let exit = |file: &str, fail_on: Option<&str>| {
        let mut command = connspec();
        command
            .current_dir(dir.path())
            .args(["check", "--color", "never", file]);
        if let Some(fail_on) = fail_on {
            command.args(["--fail-on", fail_on]);
        }
        run(&mut command).code
    };
    assert_eq!(exit("warning.yaml", None), 0);
    assert_eq!(exit("warning.yaml", Some("error")), 0);
    assert_eq!(exit("warning.yaml", Some("warning")), 1);
    assert_eq!(exit("error.yaml", None), 1);
    assert_eq!(exit("error.yaml", Some("never")), 0);
    assert_eq!(exit("missing.yaml", Some("never")), 2);
}

/// GitLab Code Quality: a JSON array GitLab reads, one issue per finding, with the file's path
/// and lines and a distinct fingerprint.
#[test]
fn gitlab_code_quality_report() {
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "check",
        "--format",
        "gitlab",
        "tests/cases/check/unknown_key_in_auth.yaml",
    ]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    let issues: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    let issues = issues.as_array().expect("an array");
    assert!(!issues.is_empty());
    let first = &issues[0];
    assert_eq!(
        first["location"]["path"],
        "tests/cases/check/unknown_key_in_auth.yaml"
    );
    assert_eq!(first["location"]["lines"]["begin"], 11);
    assert_eq!(first["severity"], "major");
    assert!(
        first["check_name"]
            .as_str()
            .is_some_and(|n| n.starts_with("S010"))
    );
    assert_eq!(
        first["fingerprint"].as_str().map(str::len),
        Some(64),
        "{first}"
    );
}

/// One run, several reports: annotations on standard output, SARIF and GitLab Code Quality in
/// files; a bad `--output` is a usage error, an unwritable one an I/O error.
#[test]
fn one_check_run_writes_several_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = project_root();
    let case = "tests/cases/check/unknown_key_in_auth.yaml";
    let sarif = dir.path().join("connspec.sarif");
    let quality = dir.path().join("code-quality.json");
    let output = run(connspec()
        .current_dir(&root)
        .args(["check", "--format", "github", case, "--output"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("--output")
        .arg(format!("gitlab={}", quality.display())));
    assert_eq!(output.code, 1, "{}", output.transcript());
    assert!(
        output.stdout.starts_with("::error file="),
        "{}",
        output.stdout
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("the SARIF file"))
            .expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        !sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .is_empty()
    );
    let quality: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&quality).expect("the GitLab file"))
            .expect("Code Quality is JSON");
    assert!(quality.as_array().is_some_and(|issues| !issues.is_empty()));

    let bad =
        run(connspec()
            .current_dir(&root)
            .args(["check", case, "--output", "pdf=report.pdf"]));
    assert_eq!(bad.code, 2, "{}", bad.transcript());
    assert!(
        bad.stderr.contains("unknown format `pdf`"),
        "{}",
        bad.stderr
    );

    let unwritable = run(connspec()
        .current_dir(&root)
        .args(["check", case, "--output"])
        .arg(format!(
            "json={}",
            dir.path().join("no/such/folder/r.json").display()
        )));
    assert_eq!(unwritable.code, 2, "{}", unwritable.transcript());
    assert!(
        unwritable.stderr.contains("--output"),
        "{}",
        unwritable.stderr
    );
}

/// Every duration and size option has a range: a huge value is a usage error (exit 2), never a
/// panic from clock arithmetic (`test --deadline 18446744073709551615` panicked).
#[test]
fn huge_numbers_in_options_are_usage_errors() {
    let spec = project_root().join("connectors/coupa/expense-reports.yaml");
    let huge = u64::MAX.to_string();
    let spec = spec.to_str().expect("utf-8 path");
    for args in [
        vec!["test", spec, "--sandbox", "--deadline", &huge],
        vec!["test", spec, "--sandbox", "--timeout", &huge],
        vec!["test", spec, "--sandbox", "--max-response-bytes", &huge],
        vec![
            "test",
            spec,
            "--sandbox",
            "--max-token-response-bytes",
            &huge,
        ],
        vec!["test", spec, "--sandbox", "--deadline", "0"],
        vec!["login", spec, "--timeout", &huge],
        vec!["sandbox", "--token-lifetime", &huge],
    ] {
        let output = run(connspec().args(&args));
        assert_eq!(output.code, 2, "{args:?}: {}", output.transcript());
        assert!(
            !output.stderr.contains("panicked"),
            "{args:?}: {}",
            output.stderr
        );
        assert!(
            output.stderr.contains("not in"),
            "{args:?}: {}",
            output.stderr
        );
    }
}

/// A spec whose body nests `depth` lists deep, under the four levels of the spec itself.
fn deeply_nested_spec(depth: usize, leaf: u32) -> String {
    format!(
        "spec_version: 1\nname: deep\nbase_url: https://api.example.com\nauth: {{ type: none }}\n\
         actions:\n  a:\n    method: POST\n    path: /x\n    body:\n      {}{leaf}\n",
        "- ".repeat(depth)
    )
}

/// With `--max-depth` at its ceiling, every command that reads a spec handles one nested that
/// deep without overflowing a stack (several files at once run on rayon's threads), and what
/// it prints grows linearly with the depth (indentation stops at a fixed depth). One above the
/// ceiling is a usage error, on the command line and in `connspec.toml`.
#[test]
fn nesting_at_the_depth_ceiling_is_handled_by_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    // The spec's own mappings take four levels.
    let deepest = 10_000 - 4;
    let old = write("old.yaml", deeply_nested_spec(deepest, 1));
    let new = write("new.yaml", deeply_nested_spec(deepest, 2));
    let quarter = write("quarter.yaml", deeply_nested_spec(deepest / 4, 1));
    let instance = write(
        "instance.yaml",
        "instance_version: 1\nvalues: {}\n".to_owned(),
    );
    let limits = ["--max-depth", "10000", "--max-nodes", "100000"];
    let check = run(connspec().args(["check", &old, &new]).args(limits));
    assert_eq!(check.code, 0, "{}", check.transcript());
    let paired = run(connspec()
        .args(["check", &old, "--instance", &instance])
        .args(limits));
    assert_eq!(paired.code, 0, "{}", paired.transcript());
    let compiled = |spec: &str| {
        let mut command = connspec();
        command.args(["compile", spec, "-i", &instance, "--format", "json"]);
        for target in [
            "agent-studio",
            "setup",
            "curl",
            "moveworks-api",
            "postman",
            "hurl",
        ] {
            command.args(["-t", target]);
        }
        let out = run(command.args(limits));
        assert_eq!(out.code, 0, "{}", out.transcript());
        out.stdout.len()
    };
    let (small, large) = (compiled(&quarter), compiled(&old));
    assert!(
        large < small * 6,
        "compiled output of 4 times the depth: {small} → {large} bytes"
    );
    let diff = run(connspec().args(["diff", &old, &new]).args(limits));
    assert_eq!(diff.code, 0, "{}", diff.transcript());
    assert!(diff.stdout.contains("1 re-paste"), "{}", diff.transcript());

    let over = run(connspec().args(["check", &old, "--max-depth", "10001"]));
    assert_eq!(over.code, 2, "{}", over.transcript());
    assert!(over.stderr.contains("not in 1..=10000"), "{}", over.stderr);
    std::fs::write(
        dir.path().join("connspec.toml"),
        "[check]\nmax-depth = 10001\n",
    )
    .expect("write");
    let configured = run(connspec().args(["check", &old]));
    assert_eq!(configured.code, 2, "{}", configured.transcript());
    assert!(
        configured
            .stdout
            .contains("`max-depth` 10001 is not in 1..=10000")
            || configured
                .stderr
                .contains("`max-depth` 10001 is not in 1..=10000"),
        "{}",
        configured.transcript()
    );
}

/// `connspec.toml` and a `--cacert` bundle that are FIFOs (nothing ever writes to them) are
/// refused at once with a message, never waited on; so is a spec swapped for one.
#[cfg(unix)]
#[test]
fn fifos_in_place_of_the_project_file_or_a_ca_bundle_never_block() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("spec.yaml");
    std::fs::copy(
        project_root().join("connectors/coupa/expense-reports.yaml"),
        &spec,
    )
    .expect("copy");
    let fifo = |name: &str| {
        let path = dir.path().join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        path.to_string_lossy().into_owned()
    };
    let spec = spec.to_string_lossy().into_owned();
    let bundle = fifo("ca.pem");
    // The repository's instance, with both secrets from the environment.
    let instance = dir.path().join("acme-test.yaml");
    let text =
        std::fs::read_to_string(project_root().join("connectors/coupa/instances/acme-test.yaml"))
            .expect("read the instance")
            .replace(
                "dotenv:ACME_COUPA_CLIENT_SECRET",
                "env:ACME_COUPA_CLIENT_SECRET",
            );
    std::fs::write(&instance, text).expect("write the instance");
    let instance = instance.to_string_lossy().into_owned();
    let cacert = run(connspec()
        .args(["test", &spec, "--instance", &instance, "--cacert", &bundle])
        .env("ACME_COUPA_CLIENT_ID", "fifo-test-client")
        .env("ACME_COUPA_CLIENT_SECRET", "fifo-test-secret")
        .timeout(Duration::from_secs(30)));
    assert_eq!(cacert.code, 2, "{}", cacert.transcript());
    assert!(
        cacert.stderr.contains("not a regular file"),
        "{}",
        cacert.transcript()
    );
    fifo("connspec.toml");
    let config = run(connspec()
        .args(["check", &spec])
        .timeout(Duration::from_secs(30)));
    assert_eq!(config.code, 2, "{}", config.transcript());
    assert!(
        config.transcript().contains("not a regular file"),
        "{}",
        config.transcript()
    );
    let swapped = fifo("swapped.yaml");
    let check = run(connspec()
        .args(["check", "--no-config", &swapped])
        .timeout(Duration::from_secs(30)));
    assert_eq!(check.code, 2, "{}", check.transcript());
}

/// `check --watch` checks at once, then again after a save, including one made the way editors
/// save (a new file renamed over the old one).
#[test]
fn watch_checks_again_after_each_save() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("spec.yaml");
    std::fs::copy(
        project_root().join("tests/cases/fix/quoted_key.yaml"),
        &spec,
    )
    .expect("copy");
    let mut child = std::process::Command::new(common::binary())
        .args(["check", "--no-config", "--color", "never", "--watch"])
        .arg(&spec)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("connspec starts");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            // A pipe is no terminal: nothing clears the screen there.
            assert!(!line.contains('\x1b'), "{line:?}");
            if line.starts_with("Found") || line.starts_with("All checks") {
                let _ = sender.send(line);
            }
        }
    });
    let next = || {
        lines
            .recv_timeout(Duration::from_secs(30))
            .expect("a run's summary within 30 s")
    };
    let first = next();
    assert!(first.starts_with("Found 3 errors"), "{first}");
    // A plain write.
    let text = std::fs::read_to_string(&spec).expect("read");
    std::fs::write(&spec, text.replace("descripton: second", "# gone")).expect("write");
    let second = next();
    assert!(second.starts_with("Found 2 errors"), "{second}");
    // An editor's save: a new file renamed over the old one.
    let text = std::fs::read_to_string(&spec).expect("read");
    let staged = dir.path().join(".spec.yaml.swp");
    std::fs::write(&staged, text.replace("\"auht\"", "auth")).expect("write");
    std::fs::rename(&staged, &spec).expect("rename");
    let third = next();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(third, "All checks passed (1 file).");
}

/// On a terminal, `--watch` clears the screen before each run, so only the latest findings are
/// on it; run under a pseudo-terminal (util-linux `script`), since a pipe
/// is no terminal and gets no clearing.
#[test]
fn watch_clears_the_screen_between_runs_on_a_terminal() {
    let Some(script) = connspec_tests::script_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("spec.yaml");
    std::fs::copy(
        project_root().join("tests/cases/fix/quoted_key.yaml"),
        &spec,
    )
    .expect("copy");
    let command = format!(
        "{} check --no-config --color never --watch {}",
        common::binary().display(),
        spec.display()
    );
    let mut terminal = connspec_tests::Terminal::start(&script, &command, []);
    let runs = |count: usize| {
        move |seen: &str| {
            seen.matches("Found ").count() + seen.matches("All checks").count() >= count
        }
    };
    terminal.read_until(Duration::from_secs(30), runs(1));
    let first = terminal.seen.clone();
    let clear = first
        .find("\x1b[2J")
        .expect("the screen is cleared before the first run");
    assert!(clear < first.find("Found 3 errors").expect("the first summary"));
    let text = std::fs::read_to_string(&spec).expect("read");
    std::fs::write(&spec, text.replace("descripton: second", "# gone")).expect("write");
    terminal.read_until(Duration::from_secs(30), runs(2));
    let second_run = &terminal.seen[first.len()..];
    let clear = second_run
        .find("\x1b[2J")
        .expect("the screen is cleared before the second run");
    let summary = second_run
        .find("Found 2 errors")
        .expect("the second summary");
    assert!(clear < summary, "{second_run:?}");
}

/// Colour under a real terminal, as a person sees it: on by default, off with `NO_COLOR`,
/// `TERM=dumb` or `--color never`; `FORCE_COLOR` turns it on for a pipe too. (A pipe alone
/// proves nothing: colour is off there anyway.)
#[test]
fn colour_follows_the_terminal_and_the_environment() {
    let Some(script) = connspec_tests::script_or_skip() else {
        return;
    };
    let case = project_root().join("tests/cases/check/duplicate_key.yaml");
    let on_terminal = |extra: &str, env: &[(&str, &str)]| -> String {
        let command = format!(
            "{} check {extra} {}",
            common::binary().display(),
            case.display()
        );
        let mut child = std::process::Command::new(&script);
        child
            .args(["-qec", &command, "/dev/null"])
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .env("TERM", "xterm-256color")
            .stdin(std::process::Stdio::null());
        for (name, value) in env {
            child.env(name, value);
        }
        let output = child.output().expect("script runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let colored = |text: &str| text.contains("\x1b[");
    let default = on_terminal("", &[]);
    assert!(default.contains("error[S"), "{default:?}");
    assert!(colored(&default), "a terminal gets colour: {default:?}");
    assert!(!colored(&on_terminal("", &[("NO_COLOR", "1")])), "NO_COLOR");
    assert!(!colored(&on_terminal("", &[("TERM", "dumb")])), "TERM=dumb");
    assert!(
        !colored(&on_terminal("--color never", &[])),
        "--color never"
    );
    assert!(
        colored(&on_terminal("--color always", &[("NO_COLOR", "1")])),
        "--color always beats NO_COLOR"
    );
    // A pipe: no colour, unless FORCE_COLOR.
    let piped = |env: &[(&str, &str)]| {
        let mut command = connspec();
        command
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .args(["check"])
            .arg(&case);
        for (name, value) in env {
            command.env(name, value);
        }
        run(&mut command).stdout
    };
    assert!(!colored(&piped(&[])), "a pipe gets no colour");
    assert!(colored(&piped(&[("FORCE_COLOR", "1")])), "FORCE_COLOR");
}
