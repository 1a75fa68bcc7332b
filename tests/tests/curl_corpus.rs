//! `connspec import curl` on the cURL commands of real public API guides
//! (`tests/data/curl-corpus/`: every cURL snippet of the Moveworks plugin and connector guides,
//! one file per command, as `"$(cat FILE)"` passes it).
//!
//! Each command is imported as a user would (parse, convert, `--full` spec) and the spec goes
//! through the same check and lint `connspec check` runs. The counts (imported, clean, findings
//! by code, refused by cause) are a snapshot, so a regression changes the numbers.
//!
//! The rule for refusals: every refusal must be one that bash or curl would make too, and the
//! test shows it with bash and curl themselves (run offline: no network, no PATH, an empty
//! folder):
//! - a shell syntax error (an unclosed quote): `bash -n` rejects the snippet;
//! - a command that is not curl: bash, running the snippet with `curl` defined as a function
//!   that records its arguments, never calls it;
//! - everything else is judged by curl on the exact arguments bash would pass it, each
//!   placeholder filled with `x` (what the importer would have made a parameter), run with
//!   every protocol disabled (`--proto -all`, so nothing is ever sent): curl must fail for a
//!   reason of its own (a usage error, a malformed URL, a file it cannot read), not merely
//!   because the protocol is disabled;
//! - a body that the command's own `Content-Type` declares JSON: curl sends anything, so the
//!   test checks that the body bash passes is not JSON even with every placeholder filled in,
//!   which the API's parser refuses.
//!
//! And the converse for imports: a command imported without a slip (see
//! `CurlRequest::slips`) must mean to the importer exactly what bash's arguments mean, so
//! `parse_curl` on the snippet equals `parse_curl` on bash's words, quoted back.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use connspec_import::{
    ConvertOptions, CurlError, CurlRequest, ImportError, convert, parse_curl, render_full_spec,
};
use connspec_lint::placeholder;

fn corpus_dir() -> PathBuf {
    connspec_tests::project_root().join("tests/data/curl-corpus")
}

/// Every command of the corpus: file name and text.
fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
        .unwrap_or_else(|e| panic!("{}: {e}", corpus_dir().display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "sh"))
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 name")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("UTF-8 command");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// How bash or curl is shown to refuse a command the importer refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Witness {
    /// `bash -n` rejects the snippet.
    BashSyntax,
    /// bash never runs curl.
    BashNoCurl,
    /// curl refuses the arguments bash passes it.
    Curl,
    /// The body the command declares JSON is not JSON.
    Json,
}

impl Witness {
    fn describe(self) -> &'static str {
        match self {
            Witness::BashSyntax => "bash -n: syntax error",
            Witness::BashNoCurl => "bash never runs curl",
            Witness::Curl => "curl refuses the arguments bash passes it",
            Witness::Json => "the declared JSON body is not JSON",
        }
    }
}

/// A refusal's cause, and how bash or curl show they refuse it too.
fn cause(error: &Refusal) -> (&'static str, Option<Witness>) {
    match error {
        Refusal::Curl(error) => match error {
            CurlError::Empty => ("empty", None),
            CurlError::UnclosedQuote { .. } => ("unclosed quote", Some(Witness::BashSyntax)),
            CurlError::AnsiCQuoting { .. }
            | CurlError::CommandSubstitution { .. }
            | CurlError::HereDocument { .. } => ("shell expansion", None),
            CurlError::JoinedLines { .. } => ("lines glued by `\\`", Some(Witness::Curl)),
            CurlError::NotCurl { .. } => ("not curl", Some(Witness::BashNoCurl)),
            CurlError::MissingValue { .. } => ("option without its value", Some(Witness::Curl)),
            CurlError::UnknownOption { .. } => ("unknown option", Some(Witness::Curl)),
            CurlError::NoUrl { .. } => ("no URL", Some(Witness::Curl)),
            CurlError::SeveralUrls { .. } => ("several URLs", Some(Witness::Curl)),
            CurlError::UrlWhiteSpace { .. } => ("white space in host or path", Some(Witness::Curl)),
            CurlError::FileArgument(_) => ("reads a file", Some(Witness::Curl)),
            CurlError::UnsupportedMethod(_) | CurlError::Unsupported(_) => ("unsupported", None),
        },
        Refusal::Import(error) => match error {
            ImportError::UnsupportedScheme(_) => ("URL scheme", Some(Witness::Curl)),
            ImportError::NoHost => ("URL without a host", Some(Witness::Curl)),
            ImportError::FormWithData => ("`-F` with `-d`", Some(Witness::Curl)),
            ImportError::InvalidJson { .. } => ("invalid JSON body", Some(Witness::Json)),
            ImportError::KeyTooLong { .. } => ("key too long", None),
        },
    }
}

enum Refusal {
    Curl(CurlError),
    Import(ImportError),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Curl(error) => error.fmt(f),
            Refusal::Import(error) => error.fmt(f),
        }
    }
}

enum Outcome {
    Imported {
        request: Box<CurlRequest>,
        /// Codes of the findings `connspec check` reports on the spec.
        codes: Vec<String>,
    },
    Refused(Refusal),
}

fn import(command: &str) -> Outcome {
    let request = match parse_curl(command) {
        Ok(request) => request,
        Err(error) => return Outcome::Refused(Refusal::Curl(error)),
    };
    let conversion = match convert(&request, &ConvertOptions::default()) {
        Ok(conversion) => conversion,
        Err(error) => return Outcome::Refused(Refusal::Import(error)),
    };
    let spec = render_full_spec(&conversion);
    let checked = connspec_lint::check_and_lint(
        "imported.yaml",
        spec.as_bytes(),
        &connspec_model::CheckOptions::default(),
        &connspec_lint::LintSettings::default(),
    );
    let codes = checked
        .checked
        .diagnostics
        .iter()
        .map(|d| d.code.code.to_owned())
        .collect();
    Outcome::Imported {
        request: Box::new(request),
        codes,
    }
}

#[test]
fn every_guide_command_imports_clean_or_is_refused_as_bash_or_curl_would() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 300,
        "the corpus holds {} commands",
        corpus.len()
    );
    let outcomes: Vec<(String, String, Outcome)> = corpus
        .into_iter()
        .map(|(name, text)| {
            let outcome = import(&text);
            (name, text, outcome)
        })
        .collect();

    let mut imported = 0;
    let mut clean = 0;
    let mut with_slips = 0;
    let mut findings: BTreeMap<String, usize> = BTreeMap::new();
    let mut refused: BTreeMap<(&str, Option<Witness>), usize> = BTreeMap::new();
    let mut details = String::new();
    for (name, _, outcome) in &outcomes {
        match outcome {
            Outcome::Imported { request, codes } => {
                imported += 1;
                if codes.is_empty() {
                    clean += 1;
                }
                for code in codes {
                    *findings.entry(code.clone()).or_default() += 1;
                }
                if !request.slips.is_empty() {
                    with_slips += 1;
                    for slip in &request.slips {
                        writeln!(details, "slip     {name}: {slip}").expect("writes");
                    }
                }
            }
            Outcome::Refused(error) => {
                *refused.entry(cause(error)).or_default() += 1;
                writeln!(details, "refused  {name}: {error}").expect("writes");
            }
        }
    }
    let total = outcomes.len();
    let mut counts = String::new();
    let percent = |n: usize| {
        let permille = (n * 1000 + total / 2) / total;
        format!("{}.{}%", permille / 10, permille % 10)
    };
    writeln!(counts, "commands: {total}").expect("writes");
    writeln!(counts, "imported: {imported} ({})", percent(imported)).expect("writes");
    writeln!(counts, "  clean under `connspec check`: {clean}").expect("writes");
    writeln!(counts, "  with findings: {}", imported - clean).expect("writes");
    for (code, count) in &findings {
        writeln!(counts, "    {code}: {count}").expect("writes");
    }
    writeln!(
        counts,
        "  read exactly as bash splits them: {}",
        imported - with_slips
    )
    .expect("writes");
    writeln!(
        counts,
        "  read as the guide means past a slip (each a warning): {with_slips}"
    )
    .expect("writes");
    writeln!(
        counts,
        "refused: {} ({})",
        total - imported,
        percent(total - imported)
    )
    .expect("writes");
    for ((cause, witness), count) in &refused {
        let witness = witness.map_or("no witness", Witness::describe);
        writeln!(counts, "  {cause} ({witness}): {count}").expect("writes");
    }
    insta::assert_snapshot!("counts", counts);
    insta::assert_snapshot!("refusals_and_slips", details);

    // Every refusal has a witness, and the witness holds.
    let tools = Tools::find();
    let mut problems = Vec::new();
    for (name, text, outcome) in &outcomes {
        let problem = match outcome {
            Outcome::Refused(error) => match cause(error) {
                (cause, None) => Some(format!(
                    "refused ({cause}) with no way to show bash or curl refuse it"
                )),
                (_, Some(witness)) => tools
                    .as_ref()
                    .and_then(|tools| tools.witness_fails(witness, text)),
            },
            Outcome::Imported { request, .. } if request.slips.is_empty() => tools
                .as_ref()
                .and_then(|tools| tools.reads_differently(text, request)),
            Outcome::Imported { .. } => None,
        };
        if let Some(problem) = problem {
            problems.push(format!("{name}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// bash and curl, when both are installed.
struct Tools {
    bash: PathBuf,
    curl: PathBuf,
}

impl Tools {
    /// Both tools; a missing one skips the checks against them with a note, or fails under
    /// `CONNSPEC_REQUIRE_PEERS=1`, as peer tools do.
    #[allow(clippy::print_stderr)] // The skip note is the point; the harness captures it.
    fn find() -> Option<Self> {
        let find = |name: &str| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        };
        if let (Some(bash), Some(curl)) = (find("bash"), find("curl")) {
            return Some(Self { bash, curl });
        }
        assert!(
            !connspec_tests::require_peers(),
            "bash and curl are needed to show every refusal is theirs too"
        );
        eprintln!("skipped: bash or curl is not installed; refusals were not checked");
        None
    }

    /// Why `witness` does not hold for `snippet`, if it does not.
    fn witness_fails(&self, witness: Witness, snippet: &str) -> Option<String> {
        if witness == Witness::BashSyntax {
            let output = self.bash_syntax(snippet);
            return output
                .status
                .success()
                .then(|| "bash -n accepts it".to_owned());
        }
        let run = self.bash_run(snippet);
        let Some(argv) = run.argv else {
            return (witness != Witness::BashNoCurl)
                .then(|| format!("bash never runs curl: {}", run.stderr.trim()));
        };
        match witness {
            Witness::BashSyntax | Witness::BashNoCurl => {
                Some(format!("bash runs curl with {argv:?}"))
            }
            Witness::Curl => self.curl_accepts(&argv),
            Witness::Json => {
                let request = match parse_curl(&quoted_command(&argv)) {
                    Ok(request) => request,
                    Err(error) => return Some(format!("bash's words are refused: {error}")),
                };
                let body: String = request.data.iter().map(|d| d.value.as_str()).collect();
                let filled = fill(&body, "0");
                serde_json::from_str::<serde_json::Value>(&filled)
                    .is_ok()
                    .then(|| "the body is JSON once its placeholders are filled".to_owned())
            }
        }
    }

    /// How the importer's reading of `snippet` differs from bash's, if it does.
    fn reads_differently(&self, snippet: &str, request: &CurlRequest) -> Option<String> {
        let run = self.bash_run(snippet);
        if run.ambiguous {
            return None; // `$X` and `${X}` of one name cannot both be kept as written
        }
        let Some(argv) = run.argv else {
            return Some(format!(
                "imported, but bash never runs curl: {}",
                run.stderr.trim()
            ));
        };
        let from_bash = match parse_curl(&quoted_command(&argv)) {
            Ok(request) => request,
            Err(error) => return Some(format!("bash's words are refused: {error}")),
        };
        let key = |r: &CurlRequest| {
            (
                r.method.clone(),
                r.url.clone(),
                r.headers.clone(),
                r.data.clone(),
                r.form.clone(),
                r.get,
                r.user.clone(),
                r.oauth2_bearer.clone(),
            )
        };
        (key(request) != key(&from_bash)).then(|| {
            format!(
                "read differently from bash's words:\n  importer: {:?}\n  bash:     {:?}",
                key(request),
                key(&from_bash)
            )
        })
    }

    fn bash_syntax(&self, snippet: &str) -> std::process::Output {
        let mut command = Command::new(&self.bash);
        command
            .args(["--norc", "--noprofile", "-n", "-c"])
            .arg(format!("{snippet}\n"));
        offline(&mut command, None);
        connspec_tests::output_within(&mut command, Duration::from_secs(20))
    }

    /// Runs the snippet (as the guide prints it, with its last newline) in bash with `curl`
    /// defined as a function that records its words and exits; nothing else can run (no PATH,
    /// an empty folder). `$NAME` and `${NAME}` expand to themselves, as the importer keeps them.
    fn bash_run(&self, snippet: &str) -> BashRun {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let argv_file = dir.path().join("argv");
        let mut script =
            String::from("curl() { printf '%s\\0' \"$@\" > \"$CONNSPEC_CORPUS_ARGV\"; exit 0; }\n");
        script.push_str(snippet);
        script.push('\n');
        let mut command = Command::new(&self.bash);
        command.args(["--norc", "--noprofile", "-c"]).arg(script);
        offline(&mut command, Some(dir.path()));
        command.env("CONNSPEC_CORPUS_ARGV", &argv_file);
        let mut forms: BTreeMap<&str, &str> = BTreeMap::new();
        let mut ambiguous = false;
        for (name, written) in variables(snippet) {
            if forms.insert(name, written).is_some_and(|w| w != written) {
                ambiguous = true;
            }
        }
        for (name, written) in forms {
            if !matches!(name, "PATH" | "IFS" | "HOME" | "CONNSPEC_CORPUS_ARGV") {
                command.env(name, written);
            }
        }
        let output = connspec_tests::output_within(&mut command, Duration::from_secs(20));
        let argv = std::fs::read(&argv_file).ok().map(|bytes| {
            bytes
                .split(|b| *b == 0)
                .map(|w| String::from_utf8_lossy(w).into_owned())
                .collect::<Vec<_>>()
        });
        let argv = argv.map(|mut words| {
            words.pop(); // after the last NUL
            words
        });
        BashRun {
            argv,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            ambiguous,
        }
    }

    /// Why curl accepts `argv` (placeholders filled), or `None` when it refuses it. curl runs
    /// with every protocol disabled, so it parses everything and sends nothing.
    fn curl_accepts(&self, argv: &[String]) -> Option<String> {
        if argv
            .iter()
            .any(|a| a.starts_with("--proto") || a == "-K" || a.starts_with("--config"))
        {
            return Some("its options would change the offline run".to_owned());
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut command = Command::new(&self.curl);
        command.args([
            "-q",
            "--proto",
            "-all",
            "--proto-redir",
            "-all",
            "--noproxy",
            "*",
            "--max-time",
            "5",
            "--connect-timeout",
            "2",
        ]);
        command.args(argv.iter().map(|word| fill(word, "x")));
        offline(&mut command, Some(dir.path()));
        let output = connspec_tests::output_within(&mut command, Duration::from_secs(20));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let own_error = stderr.lines().any(|line| {
            line.contains("Couldn't read data from file")
                || (line.starts_with("curl: ")
                    && !line.starts_with("curl: (1) Protocol")
                    && !line.starts_with("curl: try "))
        });
        let usage = output.status.code() == Some(2);
        (!own_error && !usage).then(|| format!("curl accepts it: {}", stderr.trim()))
    }
}

struct BashRun {
    /// The words curl got, if bash ran it.
    argv: Option<Vec<String>>,
    stderr: String,
    /// A name written both as `$X` and `${X}`: bash's words cannot match the text.
    ambiguous: bool,
}

/// A child process that cannot reach anything: an empty environment (so no proxy), no PATH,
/// and, when given, an empty working folder.
fn offline(command: &mut Command, dir: Option<&Path>) {
    command
        .env_clear()
        .env("PATH", "/nonexistent")
        .env("LC_ALL", "C");
    if let Some(dir) = dir {
        command.current_dir(dir).env("HOME", dir);
    }
}

/// Every `$NAME` and `${NAME}` in the text: the name and how it is written.
fn variables(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let braced = bytes.get(i + 1) == Some(&b'{');
            let start = i + 1 + usize::from(braced);
            let length = text[start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let name = &text[start..start + length];
            let closed = !braced || bytes.get(start + length) == Some(&b'}');
            if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) && closed {
                let end = start + length + usize::from(braced);
                found.push((name, &text[i..end]));
            }
            i = start + length;
        } else {
            i += 1;
        }
    }
    found
}

/// `text` with every placeholder replaced by `value`.
fn fill(text: &str, value: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for found in placeholder::find(text) {
        out.push_str(&text[last..found.start]);
        out.push_str(value);
        last = found.end;
    }
    out.push_str(&text[last..]);
    out
}

/// A command line whose words are exactly `argv`, each in single quotes.
fn quoted_command(argv: &[String]) -> String {
    let mut command = String::from("curl");
    for word in argv {
        command.push_str(" '");
        command.push_str(&word.replace('\'', "'\\''"));
        command.push('\'');
    }
    command
}
