//! A real editor client against `connspec lsp`: headless Neovim, its built-in LSP client
//! started with `vim.lsp.start_client` (Neovim 0.7, as Debian 12 ships it, has no
//! `vim.lsp.start`), on `tests/data/coupa_four_faults.yaml`, the spec with the four faults of
//! issue #18.
//!
//! One session (`tests/data/neovim_session.lua`) runs once for all the tests here: it opens the
//! file, records the diagnostics Neovim holds, applies the scope quick fix and writes the file,
//! applies "fix all" and writes again, then asks for completion after `scopes: [` and after
//! `{{ inputs.`. Each test asserts one part, so a missing capability fails only its own test.
//! The files on disk are checked with `connspec check` after the session.
//!
//! Neovim is `CONNSPEC_NVIM` (set by `cargo xtask ci`, which unpacks Debian's `neovim`,
//! `neovim-runtime` and the libraries they need into `target/tools/neovim/`, installing nothing
//! on the system), else `nvim` on PATH when it is at least 0.7. Without either the tests say they
//! are skipped, except under `CI=true`, where a missing Neovim fails them. Neovim runs with
//! `--clean -u NONE`, its HOME and XDG directories inside the test's temporary directory, and
//! is killed after [`HARD_TIMEOUT`], so the test cannot hang.
#![allow(clippy::print_stdout)] // A skip and the session's time are reported, as the PyYAML test does.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

const FIXTURE: &str = include_str!("data/coupa_four_faults.yaml");
const SESSION_SCRIPT: &str = include_str!("data/neovim_session.lua");

/// The whole Neovim run, well above the script's own waits (10 s each).
const HARD_TIMEOUT: Duration = Duration::from_secs(60);

/// The four faults as `connspec check` reports them (1-based `line:column`, end exclusive):
/// P001 16:12-16:29, P005 18:3-18:17, P006 21:21-21:24, T005 21:38-21:51. Neovim's diagnostics
/// are 0-based: (code, `lnum`, `col`, `end_lnum`, `end_col`).
const EXPECTED_DIAGNOSTICS: [(&str, u64, u64, u64, u64); 4] = [
    ("P001", 15, 11, 15, 28),
    ("P005", 17, 2, 17, 16),
    ("P006", 20, 20, 20, 23),
    ("T005", 20, 37, 20, 50),
];

/// What one Neovim session left behind.
struct Session {
    /// The script's result file: one entry per stage, `{ok, value}` or `{ok: false, error}`.
    result: Value,
    /// `connspec check` of the file as written after the scope quick fix.
    after_scope_fix: Option<Checked>,
    /// `connspec check` of the file as written after "fix all".
    after_fix_all: Checked,
    /// Neovim's stderr and the tail of its LSP log, for failure messages.
    context: String,
}

/// A file's text and the codes `connspec check` finds in it, with their positions.
struct Checked {
    text: String,
    findings: Vec<String>,
}

enum Outcome {
    Skipped(String),
    Failed(String),
    Ran(Session),
}

static SESSION: OnceLock<Outcome> = OnceLock::new();

/// The session, run on first use; `None` when Neovim is missing outside CI.
fn session() -> Option<&'static Session> {
    match SESSION.get_or_init(run_session) {
        Outcome::Skipped(why) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "Neovim is required under CI=true (cargo xtask ci prepares it): {why}"
            );
            println!("skipped: Neovim is not available ({why})");
            None
        }
        Outcome::Failed(error) => panic!("{error}"),
        Outcome::Ran(session) => Some(session),
    }
}

/// The Neovim to run, or why there is none.
fn nvim() -> Result<String, String> {
    if let Some(nvim) = std::env::var_os("CONNSPEC_NVIM") {
        return Ok(nvim.to_string_lossy().into_owned());
    }
    let version = Command::new("nvim")
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
    match version.as_deref().and_then(minor_version) {
        Some(version) if version >= (0, 7) => Ok("nvim".to_owned()),
        _ => Err("CONNSPEC_NVIM is not set and no `nvim` >= 0.7 is on PATH".to_owned()),
    }
}

/// `NVIM v0.7.2` on the first line → `(0, 7)`.
fn minor_version(text: &str) -> Option<(u32, u32)> {
    let rest = text.lines().next()?.strip_prefix("NVIM v")?;
    let mut parts = rest.split(['.', '-', ' ']);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn run_session() -> Outcome {
    let nvim = match nvim() {
        Ok(nvim) => nvim,
        Err(why) => return Outcome::Skipped(why),
    };
    match drive(&nvim) {
        Ok(session) => Outcome::Ran(session),
        Err(error) => Outcome::Failed(error),
    }
}

fn drive(nvim: &str) -> Result<Session, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let root = dir.path();
    let spec = root.join("coupa_four_faults.yaml");
    let script = root.join("session.lua");
    let result_path = root.join("result.json");
    let scope_fix_copy = root.join("after_scope_fix.yaml");
    let home = root.join("home");
    for (path, text) in [(&spec, FIXTURE), (&script, SESSION_SCRIPT)] {
        std::fs::write(path, text).map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    std::fs::create_dir_all(&home).map_err(|e| format!("create {}: {e}", home.display()))?;
    let stdout_path = root.join("nvim.stdout");
    let stderr_path = root.join("nvim.stderr");
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(&stderr_path).map_err(|e| e.to_string())?;

    let started = Instant::now();
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n"])
        .args(["-c", "lua dofile(os.getenv('CONNSPEC_TEST_SCRIPT'))"])
        .current_dir(root)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("CONNSPEC_TEST_SCRIPT", &script)
        .env("CONNSPEC_TEST_BIN", env!("CARGO_BIN_EXE_connspec"))
        .env("CONNSPEC_TEST_SPEC", &spec)
        .env("CONNSPEC_TEST_RESULT", &result_path)
        .env("CONNSPEC_TEST_AFTER_SCOPE_FIX", &scope_fix_copy)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {nvim}: {e}"))?;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > HARD_TIMEOUT => {
                // The server, nvim's child, ends when its stdin closes with nvim.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return Err(format!("waiting for {nvim}: {error}")),
        }
    };
    println!(
        "neovim session: {:.1} s ({nvim})",
        started.elapsed().as_secs_f64()
    );

    let context = context(root, &stdout_path, &stderr_path);
    let result_text = std::fs::read_to_string(&result_path).unwrap_or_default();
    let Some(status) = status else {
        return Err(format!(
            "{nvim} did not finish within {} s; result so far: {result_text}\n{context}",
            HARD_TIMEOUT.as_secs()
        ));
    };
    let result: Value = serde_json::from_str(&result_text).map_err(|e| {
        format!(
            "{nvim} exited ({status}) without a readable result ({e}): {result_text:?}\n{context}"
        )
    })?;
    if !status.success() || result["done"] != Value::Bool(true) {
        return Err(format!(
            "{nvim} exited ({status}) before the session's end: {result:#}\n{context}"
        ));
    }
    if let Some(fatal) = result["fatal"].as_str() {
        return Err(format!("the session's script failed: {fatal}\n{context}"));
    }
    Ok(Session {
        after_scope_fix: scope_fix_copy
            .is_file()
            .then(|| check(&scope_fix_copy))
            .transpose()?,
        after_fix_all: check(&spec)?,
        result,
        context,
    })
}

/// Neovim's output and the end of its LSP log (which holds the server's stderr).
fn context(root: &Path, stdout: &Path, stderr: &Path) -> String {
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    let log = read(&root.join("home/cache/nvim/lsp.log"));
    let tail: String = log
        .chars()
        .rev()
        .take(4000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!(
        "--- nvim stdout\n{}\n--- nvim stderr\n{}\n--- end of lsp.log\n{tail}",
        read(stdout),
        read(stderr)
    )
}

/// `connspec check --format json` of `path`: each finding as `CODE line:column`.
fn check(path: &Path) -> Result<Checked, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let output = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .map_err(|e| format!("connspec check: {e}"))?;
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "connspec check printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let findings = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|file| file["diagnostics"].as_array().into_iter().flatten())
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap_or("?"),
                d["location"]["line"],
                d["location"]["column"]
            )
        })
        .collect();
    Ok(Checked { text, findings })
}

impl Session {
    /// A stage's value; fails with the stage's error and Neovim's output when it failed.
    fn stage(&self, name: &str) -> &Value {
        let stage = &self.result[name];
        assert!(
            stage["ok"] == Value::Bool(true),
            "the session's `{name}` stage failed: {}\nthe whole result: {:#}\n{}",
            stage["error"].as_str().unwrap_or("(it did not run)"),
            self.result,
            self.context
        );
        &stage["value"]
    }

    fn labels(&self, name: &str) -> Vec<&str> {
        self.stage(name)["labels"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect()
    }
}

// --- Diagnostics and code actions ----------------------------------------------------------

#[test]
fn neovim_receives_the_four_diagnostics_at_their_ranges() {
    let Some(session) = session() else { return };
    let diagnostics = session.stage("diagnostics");
    let got: Vec<(&str, u64, u64, u64, u64)> = diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let n = |key: &str| d[key].as_u64().unwrap_or(u64::MAX);
            (
                d["code"].as_str().unwrap_or("?"),
                n("lnum"),
                n("col"),
                n("end_lnum"),
                n("end_col"),
            )
        })
        .collect();
    assert_eq!(got, EXPECTED_DIAGNOSTICS, "{diagnostics:#}");
    let p001 = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(p001.contains("core.aproval.read"), "{p001}");
}

#[test]
fn neovim_applies_the_scope_quick_fix_and_the_file_on_disk_loses_p001() {
    let Some(session) = session() else { return };
    let scope_fix = session.stage("scope_fix");
    let applied = scope_fix["applied"].as_str().unwrap_or_default();
    assert!(applied.contains("core.approval.read"), "{scope_fix:#}");
    let written = session
        .after_scope_fix
        .as_ref()
        .expect("the session wrote the file after the scope fix");
    // Only the scope changed: every other byte is the fixture's.
    assert_eq!(
        written.text,
        FIXTURE.replace("[core.aproval.read]", "[core.approval.read]")
    );
    assert_eq!(
        written.findings,
        ["P005 18:3", "P006 21:21", "T005 21:38"],
        "{}",
        written.text
    );
    assert_eq!(
        scope_fix["published_after"],
        serde_json::json!(["P005", "P006", "T005"]),
        "the server's diagnostics after the edit"
    );
}

#[test]
fn neovim_fix_all_leaves_the_file_on_disk_clean() {
    let Some(session) = session() else { return };
    let fix_all = session.stage("fix_all");
    let written = &session.after_fix_all;
    assert!(
        written.findings.is_empty(),
        "after the scope fix and \"fix all\" in Neovim, `connspec check` still finds {:?} \
         (the server published {}) in:\n{}",
        written.findings,
        fix_all["published_after"],
        written.text
    );
    assert_eq!(fix_all["published_after"], serde_json::json!([]));
}

// --- Completion ------------------------------------------------------------------------------

#[test]
fn neovim_completes_catalogue_scopes_after_a_flow_list_bracket() {
    let Some(session) = session() else { return };
    let labels = session.labels("scope_completion");
    assert!(
        labels.contains(&"core.approval.read"),
        "completion after `scopes: [` offers {labels:?}"
    );
}

#[test]
fn neovim_completes_declared_inputs_after_inputs_dot() {
    let Some(session) = session() else { return };
    let labels = session.labels("input_completion");
    assert!(
        labels.contains(&"status"),
        "completion after `{{{{ inputs.` offers {labels:?} (on `{}`)",
        session.stage("input_completion")["text"]
    );
}
