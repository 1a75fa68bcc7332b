//! `cargo xtask bench`: times `connspec check` on a generated corpus, next to the peer validator.
//!
//! `bench check` writes the corpus ([`corpus`]) to `target/bench/corpus/`, builds the release
//! binary, runs `connspec check --format json <corpus>` several times (after one untimed warm-up
//! run) and `check-jsonschema` on the same files, then prints a table and writes
//! `target/bench/report.json`. Peak memory comes from `/usr/bin/time -v` when it is installed.

mod corpus;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::json;

use crate::peers;
use crate::util::{cargo, display_command, project_root, run};

/// Arguments that shape the corpus.
#[derive(Debug, clap::Args)]
pub(crate) struct CorpusArgs {
    /// Number of specs to generate.
    #[arg(long, default_value_t = 1000)]
    files: usize,
    /// Seed of the generator; the same seed gives the same corpus.
    #[arg(long, default_value_t = 20_261_123)]
    seed: u64,
}

/// Arguments of `bench check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Fewer runs: 3 of connspec and 1 of the peer, instead of 5 and 2.
    #[arg(long)]
    quick: bool,
    /// Time this executable (called as `PATH check --format json DIR`) instead of building
    /// `target/release/connspec`.
    #[arg(long, value_name = "PATH")]
    connspec: Option<PathBuf>,
    /// Do not time the check-jsonschema peer.
    #[arg(long)]
    no_peer: bool,
}

/// The written corpus.
#[derive(Debug)]
struct Corpus {
    dir: PathBuf,
    /// Paths relative to the project root, sorted.
    files: Vec<PathBuf>,
    bytes: u64,
    /// File names of the specs with a deliberate schema fault.
    faulty: BTreeSet<String>,
}

/// Timings of one tool.
#[derive(Debug)]
struct Measurement {
    tool: &'static str,
    command: String,
    walls: Vec<Duration>,
    peak_rss_kb: Option<u64>,
    exit_code: Option<i32>,
}

impl Measurement {
    fn sorted(&self) -> Vec<f64> {
        let mut secs: Vec<f64> = self.walls.iter().map(Duration::as_secs_f64).collect();
        secs.sort_by(f64::total_cmp);
        secs
    }

    fn median(&self) -> f64 {
        let secs = self.sorted();
        let mid = secs.len() / 2;
        if secs.len() % 2 == 1 {
            secs[mid]
        } else {
            f64::midpoint(secs[mid - 1], secs[mid])
        }
    }

    fn min(&self) -> f64 {
        self.sorted()[0]
    }

    fn max(&self) -> f64 {
        self.sorted()[self.walls.len() - 1]
    }
}

/// What the peer said about the corpus, compared with the faults put in on purpose.
#[derive(Debug)]
struct Verdicts {
    rejected: BTreeSet<String>,
    parse_errors: usize,
}

pub(crate) fn corpus(args: &CorpusArgs) -> anyhow::Result<()> {
    let corpus = write_corpus(args)?;
    println!(
        "bench: wrote {} specs ({:.2} MB, {} faulty) to {}",
        corpus.files.len(),
        megabytes(corpus.bytes),
        corpus.faulty.len(),
        corpus.dir.display()
    );
    Ok(())
}

pub(crate) fn check(args: &CheckArgs) -> anyhow::Result<()> {
    let root = project_root();
    let corpus = write_corpus(&args.corpus)?;
    println!(
        "bench: corpus of {} specs, {:.2} MB, {} with a schema fault, in {}",
        corpus.files.len(),
        megabytes(corpus.bytes),
        corpus.faulty.len(),
        relative(&corpus.dir)
    );

    let connspec = if let Some(path) = &args.connspec {
        path.clone()
    } else {
        run(cargo().args(["build", "--release", "-p", "connspec-cli"]))?;
        target_dir().join("release/connspec")
    };
    let (connspec_runs, peer_runs) = if args.quick { (3, 1) } else { (5, 2) };

    let mut command = Command::new(&connspec);
    command
        .args(["check", "--format", "json"])
        .arg(relative(&corpus.dir))
        .current_dir(&root);
    println!("bench: warm-up run of `{}`", display_command(&command));
    measure(&command, &[0, 1])?;
    let ours = time_runs("connspec check", &command, connspec_runs, &[0, 1])?;
    if ours.exit_code == Some(0) && !corpus.faulty.is_empty() {
        println!(
            "bench: warning: connspec exited 0 although {} specs have schema faults",
            corpus.faulty.len()
        );
    }

    // The same run with every lint rule off: what lint costs on top of the schema check.
    let mut schema_only = Command::new(&connspec);
    schema_only
        .args([
            "check",
            "--format",
            "json",
            "--no-config",
            "--ignore",
            "ALL",
        ])
        .arg(relative(&corpus.dir))
        .current_dir(&root);
    let schema = time_runs("connspec (no lint)", &schema_only, connspec_runs, &[0, 1])?;

    let mut results = vec![ours, schema];
    let mut verdicts = None;
    if !args.no_peer {
        peers::install()?;
        let mut command = Command::new(peers::venv_bin("check-jsonschema"));
        command
            .args([
                "-o",
                "json",
                "--schemafile",
                "schemas/connector.schema.json",
            ])
            .current_dir(&root);
        offline(&mut command);
        let shown = format!(
            "{} target/bench/corpus/*.yaml ({} files)",
            display_command(&command),
            corpus.files.len()
        );
        command.args(&corpus.files);
        let (peer, stdout) = time_peer(&command, shown, peer_runs)?;
        verdicts = Some(parse_verdicts(&stdout)?);
        results.push(peer);
    }

    let report = render(&corpus, &results, verdicts.as_ref());
    print!("{report}");
    let path = root.join("target/bench/report.json");
    let json = report_json(args, &corpus, &results, verdicts.as_ref());
    fs::write(&path, serde_json::to_string_pretty(&json)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("report: {}", relative(&path));
    Ok(())
}

fn write_corpus(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    if args.files == 0 {
        bail!("--files must be at least 1");
    }
    let root = project_root();
    let dir = root.join("target/bench/corpus");
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut corpus = Corpus {
        dir: dir.clone(),
        files: Vec::new(),
        bytes: 0,
        faulty: BTreeSet::new(),
    };
    let mut manifest = serde_json::Map::new();
    for file in corpus::generate(args.files, args.seed) {
        let path = dir.join(&file.name);
        fs::write(&path, &file.text).with_context(|| format!("cannot write {}", path.display()))?;
        corpus.bytes += file.text.len() as u64;
        corpus.files.push(PathBuf::from(relative(&path)));
        manifest.insert(
            file.name.clone(),
            file.fault
                .map_or(serde_json::Value::Null, |fault| fault.name().into()),
        );
        if file.fault.is_some() {
            corpus.faulty.insert(file.name);
        }
    }
    corpus.files.sort();
    // Beside the corpus, not in it: `connspec check DIR` must see specs only.
    let manifest_path = root.join("target/bench/corpus-faults.json");
    fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest)? + "\n",
    )
    .with_context(|| format!("cannot write {}", manifest_path.display()))?;
    Ok(corpus)
}

/// Runs `command` once (under `/usr/bin/time -v` when present) with its output discarded,
/// returning the wall time, the peak RSS and the exit code; fails on an exit code outside `ok`.
fn measure(command: &Command, ok: &[i32]) -> anyhow::Result<(Duration, Option<u64>, Option<i32>)> {
    let (wall, rss, code, _) = measure_capturing(command, ok, false)?;
    Ok((wall, rss, code))
}

fn measure_capturing(
    command: &Command,
    ok: &[i32],
    capture_stdout: bool,
) -> anyhow::Result<(Duration, Option<u64>, Option<i32>, String)> {
    let time_file = project_root().join("target/bench/time.txt");
    let timed = Path::new(TIME).is_file();
    let mut wrapped = if timed {
        let mut wrapped = Command::new(TIME);
        wrapped
            .arg("-v")
            .arg("-o")
            .arg(&time_file)
            .arg(command.get_program());
        wrapped
    } else {
        Command::new(command.get_program())
    };
    wrapped.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapped.env(key, value),
            None => wrapped.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        wrapped.current_dir(dir);
    }
    wrapped
        .stdin(Stdio::null())
        .stdout(if capture_stdout {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped());
    let shown = display_command(&wrapped);
    let started = Instant::now();
    let output = wrapped
        .output()
        .with_context(|| format!("cannot start `{shown}`"))?;
    let wall = started.elapsed();
    let code = output.status.code();
    if !code.is_some_and(|code| ok.contains(&code)) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "`{shown}` failed ({}); expected exit code {ok:?}; stderr ends with:\n{}",
            output.status,
            tail.join("\n")
        );
    }
    let rss = timed
        .then(|| fs::read_to_string(&time_file).ok())
        .flatten()
        .and_then(|text| parse_max_rss(&text));
    Ok((
        wall,
        rss,
        code,
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

const TIME: &str = "/usr/bin/time";

fn time_runs(
    tool: &'static str,
    command: &Command,
    runs: usize,
    ok: &[i32],
) -> anyhow::Result<Measurement> {
    let shown = display_command(command);
    let mut measurement = Measurement {
        tool,
        command: shown.clone(),
        walls: Vec::new(),
        peak_rss_kb: None,
        exit_code: None,
    };
    for run in 1..=runs {
        let (wall, rss, code) = measure(command, ok)?;
        println!(
            "bench: {tool} run {run}/{runs}: {:.3} s",
            wall.as_secs_f64()
        );
        measurement.walls.push(wall);
        measurement.peak_rss_kb = measurement.peak_rss_kb.max(rss);
        measurement.exit_code = code;
    }
    Ok(measurement)
}

/// Times the peer, keeping the JSON report of its first run.
fn time_peer(
    command: &Command,
    shown: String,
    runs: usize,
) -> anyhow::Result<(Measurement, String)> {
    let tool = "check-jsonschema";
    let mut measurement = Measurement {
        tool,
        command: shown,
        walls: Vec::new(),
        peak_rss_kb: None,
        exit_code: None,
    };
    let mut first_stdout = None;
    for run in 1..=runs {
        let (wall, rss, code, stdout) = measure_capturing(command, &[0, 1], true)?;
        println!(
            "bench: {tool} run {run}/{runs}: {:.3} s",
            wall.as_secs_f64()
        );
        measurement.walls.push(wall);
        measurement.peak_rss_kb = measurement.peak_rss_kb.max(rss);
        measurement.exit_code = code;
        first_stdout.get_or_insert(stdout);
    }
    Ok((measurement, first_stdout.unwrap_or_default()))
}

/// Keeps the peer offline: any download attempt hits a closed port.
fn offline(command: &mut Command) {
    for key in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
        command.env(key, "http://127.0.0.1:9");
    }
    for key in ["NO_PROXY", "no_proxy"] {
        command.env_remove(key);
    }
}

fn parse_max_rss(time_output: &str) -> Option<u64> {
    time_output.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|kb| kb.trim().parse().ok())
    })
}

/// The file names check-jsonschema's `-o json` report rejects.
fn parse_verdicts(stdout: &str) -> anyhow::Result<Verdicts> {
    let report: serde_json::Value =
        serde_json::from_str(stdout).context("cannot parse check-jsonschema's JSON report")?;
    let file_name = |entry: &serde_json::Value| {
        entry
            .get("filename")
            .and_then(serde_json::Value::as_str)
            .map(|name| {
                Path::new(name)
                    .file_name()
                    .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned())
            })
    };
    let list = |key: &str| {
        report
            .get(key)
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    // A file the peer cannot parse is rejected too.
    let parse_errors = list("parse_errors");
    let rejected = list("errors")
        .iter()
        .chain(&parse_errors)
        .filter_map(file_name)
        .collect();
    Ok(Verdicts {
        rejected,
        parse_errors: parse_errors.len(),
    })
}

fn render(corpus: &Corpus, results: &[Measurement], verdicts: Option<&Verdicts>) -> String {
    let files = to_f64(corpus.files.len() as u64);
    let mb = megabytes(corpus.bytes);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<18} {:>4} {:>10} {:>10} {:>10} {:>10} {:>8} {:>10}",
        "tool", "runs", "median", "min", "max", "files/s", "MB/s", "peak RSS"
    );
    for m in results {
        let median = m.median();
        let rss = m.peak_rss_kb.map_or_else(
            || "n/a".to_owned(),
            |kb| format!("{:.1} MB", to_f64(kb) / 1024.0),
        );
        let _ = writeln!(
            out,
            "{:<18} {:>4} {:>8.3} s {:>8.3} s {:>8.3} s {:>10.1} {:>8.2} {:>10}",
            m.tool,
            m.walls.len(),
            median,
            m.min(),
            m.max(),
            files / median,
            mb / median,
            rss
        );
    }
    if let [ours, schema, rest @ ..] = results {
        let _ = writeln!(
            out,
            "\nlint overhead: {} / {} (median wall time): {:.2}x ({:+.1}%)",
            ours.tool,
            schema.tool,
            ours.median() / schema.median(),
            (ours.median() / schema.median() - 1.0) * 100.0
        );
        if let [peer] = rest {
            let _ = writeln!(
                out,
                "{} / {} (median wall time): {:.1}x",
                peer.tool,
                ours.tool,
                peer.median() / ours.median()
            );
        }
    }
    if let Some(verdicts) = verdicts {
        let missed: Vec<_> = corpus.faulty.difference(&verdicts.rejected).collect();
        let unexpected: Vec<_> = verdicts.rejected.difference(&corpus.faulty).collect();
        let _ = writeln!(
            out,
            "check-jsonschema rejected {} of {} specs ({} parse errors); the corpus has {} faulty specs{}",
            verdicts.rejected.len(),
            corpus.files.len(),
            verdicts.parse_errors,
            corpus.faulty.len(),
            if missed.is_empty() && unexpected.is_empty() {
                ": they agree".to_owned()
            } else {
                format!(
                    "; DISAGREEMENT: not rejected {missed:?}, rejected but meant valid {unexpected:?}"
                )
            }
        );
    }
    out
}

fn report_json(
    args: &CheckArgs,
    corpus: &Corpus,
    results: &[Measurement],
    verdicts: Option<&Verdicts>,
) -> serde_json::Value {
    let files = to_f64(corpus.files.len() as u64);
    let mb = megabytes(corpus.bytes);
    let results: Vec<_> = results
        .iter()
        .map(|m| {
            let median = m.median();
            json!({
                "tool": m.tool,
                "command": m.command,
                "runs": m.walls.len(),
                "wall_s": m.walls.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
                "median_s": median,
                "min_s": m.min(),
                "max_s": m.max(),
                "files_per_s": files / median,
                "mb_per_s": mb / median,
                "peak_rss_kb": m.peak_rss_kb,
                "exit_code": m.exit_code,
            })
        })
        .collect();
    let ratio = match results.as_slice() {
        [ours, peer] => Some(
            peer["median_s"].as_f64().unwrap_or(f64::NAN)
                / ours["median_s"].as_f64().unwrap_or(f64::NAN),
        ),
        _ => None,
    };
    json!({
        "generated_by": "cargo xtask bench check",
        "quick": args.quick,
        "corpus": {
            "dir": relative(&corpus.dir),
            "files": corpus.files.len(),
            "bytes": corpus.bytes,
            "faulty": corpus.faulty.len(),
            "seed": args.corpus.seed,
        },
        "machine": {
            "cpus": std::thread::available_parallelism().map(usize::from).ok(),
            "peak_rss_source": if Path::new(TIME).is_file() { Some(TIME) } else { None },
        },
        "results": results,
        "peer_over_connspec_median": ratio,
        "peer_verdicts": verdicts.map(|v| json!({
            "rejected": v.rejected.len(),
            "parse_errors": v.parse_errors,
            "agrees_with_corpus_faults": v.rejected == corpus.faulty,
        })),
    })
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` or `target/` in the project root.
fn target_dir() -> PathBuf {
    let root = project_root();
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

fn megabytes(bytes: u64) -> f64 {
    to_f64(bytes) / 1e6
}

/// Counts as floating point for rates; exact far beyond any corpus size.
#[allow(clippy::cast_precision_loss)]
fn to_f64(n: u64) -> f64 {
    n as f64
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

    #[test]
    fn reads_peak_rss_from_time_output() {
        let text = "\tCommand being timed: \"true\"\n\tMaximum resident set size (kbytes): 1744\n";
        assert_eq!(parse_max_rss(text), Some(1744));
        assert_eq!(parse_max_rss("nothing"), None);
    }

    #[test]
    fn reads_peer_verdicts() {
        let stdout = r#"{"status":"fail","errors":[
            {"filename":"target/bench/corpus/a.yaml","path":"$","message":"x"},
            {"filename":"target/bench/corpus/a.yaml","path":"$.b","message":"y"},
            {"filename":"target/bench/corpus/c.yaml","path":"$","message":"z"}],
            "parse_errors":[]}"#;
        let verdicts = parse_verdicts(stdout).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(
            verdicts.rejected.into_iter().collect::<Vec<_>>(),
            ["a.yaml", "c.yaml"]
        );
    }
}
