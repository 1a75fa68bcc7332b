//! The CI integrations as users run them: the GitHub Action's own scripts (read out of
//! `action.yml`, their `${{ … }}` expressions replaced as the runner replaces them: inputs,
//! the action's path, earlier steps' outputs) and the pre-commit hook of
//! `.pre-commit-hooks.yaml` through the real `pre-commit try-repo`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

use common::{binary, connspec, run};
use connspec_diagnostics::SourceFile;
use connspec_model::yaml::{Limits, load};
use connspec_tests::project_root;
use serde_json::Value;

/// A connector with one error whose position the test computes from the text.
const TYPO: &str = "clent_id";

/// A workspace like a user's repository: a clean spec, the same spec with a typo in `auth`, and
/// a YAML file outside `connectors/` that is not a spec at all.
struct Workspace {
    dir: tempfile::TempDir,
    /// 1-based line and column of the typo in `connectors/coupa/bad.yaml`.
    typo_at: (usize, usize),
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let spec = fs::read_to_string(project_root().join("connectors/coupa/expense-reports.yaml"))
            .expect("example spec");
        // The modeline points into this repository; a user's copy would point at their schema.
        let spec: String = spec
            .lines()
            .filter(|line| !line.starts_with("# yaml-language-server"))
            .flat_map(|line| [line, "\n"])
            .collect();
        let bad = spec.replacen("  client_id:", &format!("  {TYPO}:"), 1);
        assert_ne!(bad, spec, "the example spec has a client_id to misspell");
        let offset = bad.find(TYPO).expect("typo present");
        let before = &bad[..offset];
        let line = before.matches('\n').count() + 1;
        let column = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        write(dir.path(), "connectors/coupa/good.yaml", &spec);
        write(dir.path(), "connectors/coupa/bad.yaml", &bad);
        write(dir.path(), "deploy/values.yaml", "replicas: 3\nimage: x\n");
        // The premise: only the typo is wrong, so every finding below comes from it.
        let clean = run(connspec()
            .current_dir(dir.path())
            .args(["check", "connectors/coupa/good.yaml"]));
        assert_eq!(clean.code, 0, "{}", clean.transcript());
        Workspace {
            dir,
            typo_at: (line, column),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// `PATH` with the freshly built `connspec` first, as the action's install step leaves it.
fn path_with_connspec() -> String {
    let dir = binary().parent().expect("binary dir").display().to_string();
    match std::env::var("PATH") {
        Ok(path) => format!("{dir}:{path}"),
        Err(_) => dir,
    }
}

/// `action.yml`, parsed by connspec's own YAML loader.
fn action() -> Value {
    let text = fs::read_to_string(project_root().join("action.yml")).expect("action.yml");
    let file = SourceFile::new("action.yml", text);
    let (document, diagnostics) = load(&file, &Limits::default());
    assert!(diagnostics.is_empty(), "action.yml: {diagnostics:?}");
    document.expect("a document").value
}

fn steps(action: &Value) -> &[Value] {
    action["runs"]["steps"].as_array().expect("runs.steps")
}

/// Replaces `${{ inputs.NAME }}` with the given input or the input's default, and any other
/// expression with its value in `context` (keyed by the expression's text), as the runner does;
/// an expression in neither is a test failure.
fn expand(
    template: &str,
    action: &Value,
    inputs: &BTreeMap<&str, &str>,
    context: &BTreeMap<&str, String>,
) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expression = rest[start + 3..end].trim();
        let value = if let Some(name) = expression.strip_prefix("inputs.") {
            inputs.get(name).map_or_else(
                || {
                    action["inputs"][name]["default"]
                        .as_str()
                        .unwrap_or_else(|| panic!("input `{name}` has no default"))
                        .to_owned()
                },
                |v| (*v).to_owned(),
            )
        } else {
            context
                .get(expression)
                .unwrap_or_else(|| panic!("unexpected expression `{expression}`"))
                .clone()
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

struct StepRun {
    output: Output,
    /// What the step wrote to `$GITHUB_OUTPUT`, by name.
    outputs: BTreeMap<String, String>,
    /// What the step wrote to `$GITHUB_PATH`.
    path: String,
}

impl StepRun {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
}

/// Runs the action's `check` step in `workspace` with `inputs`, as the runner would, with the
/// freshly built `connspec` as the program the install steps chose.
fn run_check_step(workspace: &Workspace, inputs: &[(&str, &str)]) -> StepRun {
    let program = binary().display().to_string();
    run_step(
        workspace,
        "check",
        inputs,
        &[("steps.version.outputs.program", program.as_str())],
    )
}

/// Runs the action's step `id` in `workspace` with `inputs`, as the runner would; `context`
/// gives the values of the expressions other than inputs (earlier steps' outputs).
fn run_step(
    workspace: &Workspace,
    id: &str,
    inputs: &[(&str, &str)],
    context: &[(&str, &str)],
) -> StepRun {
    let action = action();
    let inputs: BTreeMap<&str, &str> = inputs.iter().copied().collect();
    let mut context: BTreeMap<&str, String> = context
        .iter()
        .map(|(expression, value)| (*expression, (*value).to_owned()))
        .collect();
    context.insert("github.action_path", project_root().display().to_string());
    let step = steps(&action)
        .iter()
        .find(|step| step["id"] == id)
        .unwrap_or_else(|| panic!("a step with id `{id}`"));
    assert_eq!(step["shell"], "bash");
    let script = step["run"].as_str().expect("run script");
    let github_output = workspace.path().join(".github-output");
    let github_path = workspace.path().join(".github-path");
    fs::write(&github_output, "").expect("GITHUB_OUTPUT");
    fs::write(&github_path, "").expect("GITHUB_PATH");
    let mut command = Command::new("bash");
    command
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            script,
        ])
        .current_dir(workspace.path())
        .env("PATH", path_with_connspec())
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_PATH", &github_path)
        .env("NO_COLOR", "1");
    for (key, value) in step["env"].as_object().expect("step env") {
        let value = value.as_str().expect("env values are strings");
        command.env(key, expand(value, &action, &inputs, &context));
    }
    let output = command.output().expect("bash runs");
    let outputs = fs::read_to_string(&github_output)
        .expect("outputs")
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let path = fs::read_to_string(&github_path).expect("GITHUB_PATH");
    StepRun {
        output,
        outputs,
        path,
    }
}

/// The workspace version, as the binary built from it says.
fn workspace_version() -> String {
    let printed = run(connspec().arg("--version")).stdout;
    printed
        .split_whitespace()
        .last()
        .expect("a version")
        .to_owned()
}

#[test]
fn action_resolves_the_version_to_install() {
    let workspace = Workspace::new();
    let version = workspace_version();
    let resolve = |wanted: &str| run_step(&workspace, "resolve", &[("version", wanted)], &[]);

    // Empty (the default): the version of the action's own source, read from its Cargo.toml.
    let source = resolve("");
    assert_eq!(source.output.status.code(), Some(0), "{}", source.stdout());
    assert_eq!(source.outputs["wanted"], version);
    assert_eq!(
        source.outputs["requirement"],
        format!("connspec=={version}")
    );

    let latest = resolve("latest");
    assert_eq!(latest.outputs["wanted"], "latest");
    assert_eq!(latest.outputs["requirement"], "connspec");

    let pinned = resolve("v1.2.3-rc.1");
    assert_eq!(pinned.outputs["wanted"], "1.2.3-rc.1");
    assert_eq!(pinned.outputs["requirement"], "connspec==1.2.3-rc.1");

    // Anything else is refused before it reaches pip's command line.
    let hostile = resolve("1.0.0 --index-url x");
    assert_eq!(
        hostile.output.status.code(),
        Some(2),
        "{}",
        hostile.stdout()
    );
    assert!(
        hostile
            .stdout()
            .contains("::error title=connspec::version must be")
    );
    assert!(hostile.outputs.is_empty(), "{:?}", hostile.outputs);
}

#[test]
fn action_reports_the_version_that_ran_and_puts_connspec_on_path() {
    let workspace = Workspace::new();
    let version = workspace_version();
    let program = binary().display().to_string();
    let programs = "steps.wheel.outputs.program || steps.build.outputs.program";
    let report = |wanted: &str| {
        run_step(
            &workspace,
            "version",
            &[],
            &[
                (programs, program.as_str()),
                ("steps.resolve.outputs.wanted", wanted),
            ],
        )
    };

    let same = report(&version);
    assert_eq!(same.output.status.code(), Some(0), "{}", same.stdout());
    assert_eq!(same.outputs["connspec-version"], version);
    assert_eq!(same.outputs["program"], program);
    let dir = binary().parent().expect("binary dir").display().to_string();
    assert_eq!(same.path.trim_end(), dir);
    assert!(!same.stdout().contains("::warning"), "{}", same.stdout());

    // A pinned version that could not be installed ran as another: said, not hidden.
    let other = report("9.9.9");
    assert_eq!(other.output.status.code(), Some(0));
    assert!(
        other.stdout().contains(&format!(
            "::warning title=connspec::asked for connspec 9.9.9, running {version}"
        )),
        "{}",
        other.stdout()
    );
    assert!(!report("latest").stdout().contains("::warning"));
}

#[test]
fn action_annotates_the_line_of_each_finding_and_writes_sarif() {
    let workspace = Workspace::new();
    let run = run_check_step(&workspace, &[("path", "connectors")]);
    let stdout = run.stdout();
    assert_eq!(run.output.status.code(), Some(1), "{stdout}");
    let (line, column) = workspace.typo_at;
    let expected = format!(
        "::error file=connectors/coupa/bad.yaml,line={line},col={column},endLine={line},endColumn={},title=S010 unknown-key::unknown key `{TYPO}`",
        column + TYPO.len()
    );
    assert!(
        stdout.lines().any(|l| l.starts_with(&expected)),
        "no annotation `{expected}` in:\n{stdout}"
    );
    assert!(
        stdout.lines().all(|l| !l.contains("good.yaml")),
        "the clean spec got an annotation:\n{stdout}"
    );
    assert!(
        stdout.lines().all(|l| l.starts_with("::")),
        "only workflow commands belong in the log:\n{stdout}"
    );
    assert_eq!(run.outputs["exit-code"], "1");
    assert_eq!(run.outputs["sarif-file"], "connspec.sarif");

    let sarif: Value = serde_json::from_str(
        &fs::read_to_string(workspace.path().join("connspec.sarif")).expect("SARIF written"),
    )
    .expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let typo = results
        .iter()
        .find(|r| r["ruleId"] == "S010")
        .expect("the S010 result");
    let location = &typo["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "connectors/coupa/bad.yaml"
    );
    assert_eq!(location["region"]["startLine"], line);
    assert_eq!(location["region"]["startColumn"], column);
}

#[test]
fn action_passes_clean_specs_and_can_report_without_failing() {
    let workspace = Workspace::new();
    let clean = run_check_step(&workspace, &[("path", "connectors/coupa/good.yaml")]);
    assert_eq!(clean.output.status.code(), Some(0), "{}", clean.stdout());
    assert_eq!(clean.stdout(), "");
    assert_eq!(clean.outputs["exit-code"], "0");

    let lenient = run_check_step(
        &workspace,
        &[("path", "connectors"), ("fail-on-findings", "false")],
    );
    assert_eq!(lenient.output.status.code(), Some(0));
    assert_eq!(lenient.outputs["exit-code"], "1");
    assert!(
        lenient
            .stdout()
            .contains("::error file=connectors/coupa/bad.yaml")
    );

    // `args` reaches connspec: a 10-byte limit turns the clean spec into a finding.
    let args = run_check_step(
        &workspace,
        &[
            ("path", "connectors/coupa/good.yaml"),
            ("args", "--max-bytes 10"),
        ],
    );
    assert_eq!(args.output.status.code(), Some(1), "{}", args.stdout());
    assert!(
        args.stdout()
            .contains("::error file=connectors/coupa/good.yaml"),
        "{}",
        args.stdout()
    );
}

#[test]
fn action_fails_loudly_when_connspec_cannot_run() {
    let workspace = Workspace::new();
    let run = run_check_step(
        &workspace,
        &[("path", "no-such-folder"), ("fail-on-findings", "false")],
    );
    assert_eq!(run.output.status.code(), Some(2), "{}", run.stdout());
    assert!(
        run.stdout().contains("::error title=connspec::"),
        "{}",
        run.stdout()
    );
    assert_eq!(run.outputs["exit-code"], "2");
}

#[test]
fn every_action_script_is_valid_bash_and_reads_inputs_only_from_its_environment() {
    let action = action();
    for step in steps(&action) {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        let name = step["name"].as_str().unwrap_or("?");
        assert!(
            !script.contains("${{"),
            "step `{name}` splices an expression into its script; pass it through `env`"
        );
        let status = Command::new("bash")
            .args(["-n", "-c", script])
            .status()
            .expect("bash runs");
        assert!(status.success(), "step `{name}` is not valid bash");
    }
}

/// The folder holding this checkout's wheel (built once per test run with the maturin peer,
/// `--profile dev` so it reuses the test build) and the pinned wheels `cargo xtask peers`
/// downloaded: all an offline `pip install --no-index --find-links` needs.
fn wheelhouse(maturin: &Path) -> &'static Path {
    static WHEELHOUSE: OnceLock<PathBuf> = OnceLock::new();
    WHEELHOUSE.get_or_init(|| {
        let dir = project_root().join("target/tests/wheelhouse");
        if dir.exists() {
            fs::remove_dir_all(&dir).expect("remove the previous wheelhouse");
        }
        fs::create_dir_all(&dir).expect("create the wheelhouse");
        let mut build = connspec_tests::offline_command(maturin);
        connspec_tests::without_package_variables(&mut build)
            .args(["build", "--locked", "--profile", "dev", "--out"])
            .arg(&dir)
            .current_dir(project_root());
        let output = connspec_tests::output_within(&mut build, Duration::from_secs(900));
        assert!(
            output.status.success(),
            "maturin build failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let pinned = connspec_tests::peers_dir().join("wheelhouse");
        for entry in
            fs::read_dir(&pinned).expect("target/peers/wheelhouse: run `cargo xtask peers`")
        {
            let path = entry.expect("wheelhouse entry").path();
            if path.extension().is_some_and(|ext| ext == "whl") {
                fs::copy(&path, dir.join(path.file_name().expect("a file name")))
                    .expect("copy a pinned wheel");
            }
        }
        dir
    })
}

/// The one wheel of connspec in `dir`.
fn connspec_wheel(dir: &Path) -> PathBuf {
    let wheels: Vec<PathBuf> = fs::read_dir(dir)
        .expect("wheelhouse")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "whl")
                && path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("connspec-"))
        })
        .collect();
    assert_eq!(
        wheels.len(),
        1,
        "one connspec wheel in {}: {wheels:?}",
        dir.display()
    );
    wheels.into_iter().next().expect("one wheel")
}

/// `PATH` without any folder that holds a `connspec`, so what runs is what was installed.
fn path_without_connspec() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("connspec").exists())
        .collect();
    let joined = std::env::join_paths(kept).expect("PATH entries join");
    let joined = joined.to_string_lossy().into_owned();
    let which = Command::new("sh")
        .args(["-c", "command -v connspec"])
        .env("PATH", &joined)
        .output()
        .expect("sh runs");
    assert!(
        !which.status.success(),
        "connspec is still on PATH: {joined}"
    );
    joined
}

fn text_of(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What a user gets from `pip install connspec`: the wheel, installed offline into a fresh
/// virtual environment, gives a `connspec` command (and `python -m connspec`) that is this
/// version and checks specs.
#[test]
fn the_wheel_installs_offline_and_gives_the_connspec_command() {
    let maturin = connspec_tests::peer_or_skip!("maturin");
    let wheelhouse = wheelhouse(&maturin);
    let wheel = connspec_wheel(wheelhouse);
    let name = wheel
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("connspec-{}-py3-none-", connspec_model::VERSION)),
        "the wheel carries the workspace version and no Python ABI: {name}"
    );

    let workspace = Workspace::new();
    let venv = workspace.path().join("venv");
    let created = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .expect("python3 runs");
    assert!(created.status.success(), "{}", text_of(&created));
    let install = connspec_tests::offline_command(&venv.join("bin/pip"))
        .args([
            "install",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
        ])
        .arg(wheelhouse)
        .arg("connspec")
        .env("PATH", path_without_connspec())
        .output()
        .expect("pip runs");
    assert!(install.status.success(), "{}", text_of(&install));

    let installed = venv.join("bin/connspec");
    let version = Command::new(&installed)
        .arg("--version")
        .output()
        .expect("the installed connspec runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("connspec {}", connspec_model::VERSION),
        "{}",
        text_of(&version)
    );
    let as_module = Command::new(venv.join("bin/python"))
        .args(["-m", "connspec", "--version"])
        .output()
        .expect("python -m connspec runs");
    assert_eq!(version.stdout, as_module.stdout, "{}", text_of(&as_module));

    let check = |path: &str| {
        Command::new(&installed)
            .args(["check", path])
            .current_dir(workspace.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("connspec check runs")
    };
    let clean = check("connectors/coupa/good.yaml");
    assert_eq!(clean.status.code(), Some(0), "{}", text_of(&clean));
    let bad = check("connectors/coupa/bad.yaml");
    assert_eq!(bad.status.code(), Some(1), "{}", text_of(&bad));
    let (line, column) = workspace.typo_at;
    let text = text_of(&bad);
    assert!(
        text.contains(&format!("connectors/coupa/bad.yaml:{line}:{column}")),
        "{text}"
    );
}

/// The hook as users get it: pre-commit clones the mirror (`packaging/pre-commit/`, as its
/// release tag holds it), installs it with `pip install .`, which pulls this version's wheel
/// offline, and runs the `connspec` of that environment on the staged specs under the hook's
/// path, with no `connspec` on `PATH` beforehand.
#[test]
fn pre_commit_hook_installs_the_wheel_and_checks_specs_under_its_path() {
    let pre_commit = connspec_tests::peer_or_skip!("pre-commit");
    let maturin = connspec_tests::peer_or_skip!("maturin");
    let wheelhouse = wheelhouse(&maturin);
    let workspace = Workspace::new();
    let git = |dir: &Path, args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "connspec tests")
            .env("GIT_AUTHOR_EMAIL", "tests@connspec.invalid")
            .env("GIT_COMMITTER_NAME", "connspec tests")
            .env("GIT_COMMITTER_EMAIL", "tests@connspec.invalid")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(workspace.path(), &["init", "-q"]);
    git(workspace.path(), &["add", "."]);

    // The mirror repository, as the release workflow writes it.
    let mirror = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(project_root().join("packaging/pre-commit")).expect("mirror files") {
        let path = entry.expect("entry").path();
        fs::copy(&path, mirror.path().join(path.file_name().expect("name"))).expect("copy");
    }
    git(mirror.path(), &["init", "-q"]);
    git(mirror.path(), &["add", "."]);
    git(
        mirror.path(),
        &["commit", "-q", "-m", "connspec-pre-commit"],
    );

    let path = path_without_connspec();
    let try_repo = |extra: &[&str]| -> (Option<i32>, String) {
        let cache: PathBuf = workspace.path().join(".pre-commit-cache");
        let output = connspec_tests::offline_command(&pre_commit)
            .arg("try-repo")
            .arg(mirror.path())
            .arg("connspec-check")
            .args(extra)
            .current_dir(workspace.path())
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", &cache)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", wheelhouse)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("NO_COLOR", "1")
            .output()
            .expect("pre-commit runs");
        (output.status.code(), text_of(&output))
    };

    let (code, text) = try_repo(&["--all-files"]);
    assert_eq!(code, Some(1), "{text}");
    let (line, column) = workspace.typo_at;
    assert!(
        text.contains(&format!("connectors/coupa/bad.yaml:{line}:{column}")),
        "{text}"
    );
    assert!(text.contains(&format!("unknown key `{TYPO}`")), "{text}");
    assert!(
        !text.contains("deploy/values.yaml"),
        "a file outside connectors/ was checked:\n{text}"
    );

    let (code, text) = try_repo(&["--files", "connectors/coupa/good.yaml"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("Passed"), "{text}");
}
