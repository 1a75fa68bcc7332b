//! The README's commands, run as a newcomer would run them: in order, in a fresh copy of the
//! repository's user-facing files, with the `connspec` of this build on `PATH`.
//!
//! - A ```` ```sh ```` block runs in bash (`set -euo pipefail`) and must succeed.
//! - A ```` ```console ```` block is a transcript: each `$ ` line runs, and what it prints (standard
//!   output then standard error) must be the lines below it, exactly.
//! - A ```` ```sh no-run ```` block needs what a test cannot have (an account, a download, a server
//!   left running). Its `connspec` commands are still parsed by the CLI's own argument parser,
//!   and every YAML file they read must exist by then, so a renamed flag or file fails here too.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use connspec_tests::{connspec_binary as binary, project_root};

/// The folders of the repository a README command may read.
const COPIED: [&str; 2] = ["connectors", "schemas"];

/// Flags whose value is a file the command writes, not one it reads.
const OUTPUT_FLAGS: [&str; 6] = [
    "--instance-out",
    "--report",
    "-o",
    "--out-dir",
    "--record",
    "--output",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Run,
    Transcript,
    ParseOnly,
}

#[derive(Debug)]
struct Block {
    kind: Kind,
    /// 1-based line of the opening fence.
    line: usize,
    text: String,
}

/// The shell blocks of `markdown`, in order.
fn shell_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The kind (None for a block that is not a shell block), the fence's line and indentation,
    // and the text so far.
    let mut open: Option<(Option<Kind>, usize, usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            if let Some((kind, start, _, text)) = open.take() {
                if let Some(kind) = kind {
                    blocks.push(Block {
                        kind,
                        line: start,
                        text,
                    });
                }
            } else {
                let words: Vec<&str> = info.split_whitespace().collect();
                let kind = match words.as_slice() {
                    ["sh" | "bash"] => Some(Kind::Run),
                    ["console"] => Some(Kind::Transcript),
                    ["sh" | "bash", "no-run"] => Some(Kind::ParseOnly),
                    [shell, ..] if ["sh", "bash", "console", "shell"].contains(shell) => {
                        panic!(
                            "README.md:{}: unknown shell block `{info}`: use sh, console or sh no-run",
                            index + 1
                        )
                    }
                    _ => None,
                };
                open = Some((kind, index + 1, line.len() - trimmed.len(), String::new()));
            }
        } else if let Some((_, _, indent, text)) = open.as_mut() {
            // A block indented inside a list item loses the fence's indentation.
            let margin = line.len() - line.trim_start().len();
            text.push_str(&line[margin.min(*indent)..]);
            text.push('\n');
        }
    }
    blocks
}

/// A scratch copy of what a user's clone has, as a git repository with one commit on `main`
/// (for `connspec diff main:…`), and `PATH` with this build's `connspec` first.
struct Scratch {
    dir: tempfile::TempDir,
    path: String,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for folder in COPIED {
            copy_tree(&project_root().join(folder), &dir.path().join(folder));
        }
        let bin = binary().parent().expect("binary dir").to_path_buf();
        let path = match std::env::var("PATH") {
            Ok(path) => format!("{}:{path}", bin.display()),
            Err(_) => bin.display().to_string(),
        };
        let scratch = Scratch { dir, path };
        for args in [
            &["init", "-q", "-b", "main"][..],
            &["add", "."],
            &["commit", "-q", "-m", "clone"],
        ] {
            let output = scratch
                .command("git")
                .args(args)
                .output()
                .expect("git runs");
            assert!(output.status.success(), "git {args:?}: {}", text(&output));
        }
        scratch
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn command(&self, program: &str) -> Command {
        let mut command = connspec_tests::offline_command(Path::new(program));
        command
            .current_dir(self.root())
            .env("PATH", &self.path)
            .env("HOME", self.root().join(".home"))
            .env("NO_COLOR", "1")
            // Offline but for the loopback interface, where the sandbox is.
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("no_proxy", "127.0.0.1,localhost")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "README")
            .env("GIT_AUTHOR_EMAIL", "readme@connspec.invalid")
            .env("GIT_COMMITTER_NAME", "README")
            .env("GIT_COMMITTER_EMAIL", "readme@connspec.invalid")
            .env_remove("CONNSPEC_FORMAT");
        command
    }

    fn bash(&self, script: &str) -> Output {
        let mut command = self.command("bash");
        command.args(["-c", &format!("set -euo pipefail\n{script}")]);
        connspec_tests::output_within(&mut command, Duration::from_secs(300))
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A transcript's commands and the output printed under each.
fn transcript_steps(block: &str) -> Vec<(String, String)> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push((command.to_owned(), String::new()));
        } else if let Some((_, expected)) = steps.last_mut() {
            expected.push_str(line);
            expected.push('\n');
        } else {
            panic!("a console block must start with a `$ ` line: {line:?}");
        }
    }
    steps
}

/// The commands of a block: `\` continuations joined, comments and blank lines dropped.
fn commands(block: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        let line = strip_comment(line);
        if let Some(continued) = line.strip_suffix('\\') {
            current.push_str(continued);
            current.push(' ');
            continue;
        }
        current.push_str(line);
        if !current.trim().is_empty() {
            commands.push(current.trim().to_owned());
        }
        current.clear();
    }
    commands
}

/// A line without its trailing `# comment` (a `#` after white space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '#') if previous.is_whitespace() => return line[..at].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line
}

/// Checks a `connspec` command of a no-run block without running it.
fn check_unrun_command(scratch: &Scratch, block: &Block, command: &str) {
    let Some(words) = shlex::split(command) else {
        panic!("README.md:{}: cannot split `{command}`", block.line);
    };
    // Each command of a pipeline or list that runs `connspec`.
    for segment in words.split(|word| ["|", "&&", "||", ";"].contains(&word.as_str())) {
        if segment.first().is_some_and(|program| program == "connspec") {
            check_connspec_words(scratch, block, command, segment);
        }
    }
}

fn check_connspec_words(scratch: &Scratch, block: &Block, command: &str, words: &[String]) {
    if let Err(err) = connspec_cli::command().try_get_matches_from(words) {
        panic!(
            "README.md:{}: `{command}` is not a valid connspec command line:\n{err}",
            block.line
        );
    }
    for (index, word) in words.iter().enumerate() {
        let is_output = index > 0 && OUTPUT_FLAGS.contains(&words[index - 1].as_str());
        let is_yaml = Path::new(word)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"));
        let file = word
            .rsplit_once(':')
            .map_or(word.as_str(), |(_, file)| file);
        if is_yaml && !is_output && !word.starts_with('-') {
            assert!(
                scratch.root().join(file).is_file(),
                "README.md:{}: `{command}` reads {file}, which does not exist at that point",
                block.line
            );
        }
    }
}

#[test]
#[allow(clippy::print_stdout)] // The timings, shown with --nocapture.
fn every_command_of_the_readme_works_as_written() {
    let readme = fs::read_to_string(project_root().join("README.md")).expect("README.md");
    let blocks = shell_blocks(&readme);
    assert!(
        blocks.iter().filter(|b| b.kind != Kind::ParseOnly).count() >= 5,
        "the README runs too few of its blocks: {blocks:#?}"
    );
    let scratch = Scratch::new();
    let mut timings = Vec::new();
    for block in &blocks {
        match block.kind {
            Kind::Run => {
                let started = std::time::Instant::now();
                let output = scratch.bash(&block.text);
                timings.push((block.line, started.elapsed()));
                assert!(
                    output.status.success(),
                    "README.md:{}: the block failed ({}):\n{}\n--- output ---\n{}",
                    block.line,
                    output.status,
                    block.text,
                    text(&output)
                );
            }
            Kind::Transcript => {
                for (command, expected) in transcript_steps(&block.text) {
                    let started = std::time::Instant::now();
                    let output = scratch.bash(&command);
                    timings.push((block.line, started.elapsed()));
                    let printed = text(&output);
                    assert_eq!(
                        printed, expected,
                        "README.md:{}: `{command}` prints something else than the README shows",
                        block.line
                    );
                }
            }
            Kind::ParseOnly => {
                for command in commands(&block.text) {
                    check_unrun_command(&scratch, block, &command);
                }
            }
        }
    }
    // Seconds per block, for whoever wonders why this test takes the time it takes.
    let timings: Vec<String> = timings
        .iter()
        .map(|(line, took)| format!("README.md:{line} {:.1} s", took.as_secs_f64()))
        .collect();
    println!("{}", timings.join("\n"));
}

#[test]
fn comments_and_continuations_are_read_as_bash_reads_them() {
    let block =
        "connspec check a.yaml   # a comment\nconnspec test \\\n  s.yaml -i 'x # y.yaml'\n\n";
    assert_eq!(
        commands(block),
        [
            "connspec check a.yaml",
            "connspec test    s.yaml -i 'x # y.yaml'"
        ]
    );
    let steps = transcript_steps("$ echo hi\nhi\n$ true\n");
    assert_eq!(
        steps,
        [
            ("echo hi".to_owned(), "hi\n".to_owned()),
            ("true".to_owned(), String::new())
        ]
    );
}

#[test]
fn an_unknown_shell_block_is_refused() {
    let result = std::panic::catch_unwind(|| shell_blocks("```sh skip\nx\n```\n"));
    assert!(result.is_err());
    let blocks = shell_blocks("```yaml\na: 1\n```\n```sh\nls\n```\n```sh no-run\nx\n```\n");
    let kinds: Vec<Kind> = blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [Kind::Run, Kind::ParseOnly]);
}

/// The scratch copy is a clean clone: nothing the README writes lands in the repository.
#[test]
fn the_scratch_copy_is_not_the_repository() {
    let scratch = Scratch::new();
    assert_ne!(scratch.root(), project_root());
    assert!(
        scratch
            .root()
            .join("connectors/coupa/expense-reports.yaml")
            .is_file()
    );
}
