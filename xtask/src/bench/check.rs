//! `cargo xtask bench check`: `connspec check` on a generated corpus, side by side with
//! check-jsonschema, ajv-cli and the bare parse floor.
//!
//! The corpus ([`super::corpus`]) goes to `target/bench/corpus/`, with a JSON copy of every spec
//! in `target/bench/corpus-json/` for ajv-cli (which reads YAML with 1.1 rules, so it would see
//! other values). After a warm-up run of each tool (so every tool finds the files in the page
//! cache; a peer's counts as its first timed run), the tools run in interleaved rounds, so a burst of noise on this shared machine
//! hits them all alike. Then each tool checks one small spec many times: the single-file latency,
//! process start to exit. Every tool's verdicts are checked against the faults the corpus put in
//! on purpose, so a fast tool that checks nothing cannot pass.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use connspec_model::yaml::{self, Limits};
use serde_json::json;

use super::measure::{Measurement, Run, measure, offline, to_f64};
use super::{Profile, Section, Target, build, corpus, ensure_debian, megabytes, relative};
use crate::peers;
use crate::util::{display_command, project_root};

/// Arguments that shape the corpus.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CorpusArgs {
    /// Number of specs to generate. Default: 10,000, or 1,000 with `--quick` (check-jsonschema
    /// needs over three minutes for 10,000).
    #[arg(long)]
    files: Option<usize>,
    /// Seed of the generator; the same seed gives the same corpus.
    #[arg(long, default_value_t = SEED)]
    seed: u64,
}

/// The default seed of the corpus generator.
const SEED: u64 = 20_261_123;

impl Default for CorpusArgs {
    fn default() -> Self {
        Self {
            files: None,
            seed: SEED,
        }
    }
}

impl CorpusArgs {
    fn count(&self, quick: bool) -> usize {
        self.files.unwrap_or(if quick { 1_000 } else { 10_000 })
    }
}

/// Arguments of `bench check`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Rounds over the corpus (each tool once per round). Default: 7, or 3 with `--quick`.
    #[arg(long)]
    runs: Option<usize>,
    /// Timed runs of each peer (the first is its verdict run). Default: 2, or 1 with `--quick`.
    #[arg(long)]
    peer_runs: Option<usize>,
    /// Runs of each tool on the single small spec. Default: 30, or 10 with `--quick`.
    #[arg(long)]
    latency_runs: Option<usize>,
    /// Time this executable (called as `PATH check --format json DIR`) instead of building
    /// `target/release/connspec`.
    #[arg(long, value_name = "PATH")]
    connspec: Option<PathBuf>,
    /// Release (real figures) or debug (the CI smoke run).
    #[arg(skip)]
    profile: Profile,
    /// Do not time check-jsonschema and ajv-cli.
    #[arg(long)]
    no_peers: bool,
}

impl CheckArgs {
    /// The tiny workload of the CI smoke run.
    pub(crate) fn smoke() -> Self {
        Self {
            corpus: CorpusArgs {
                files: Some(40),
                ..CorpusArgs::default()
            },
            runs: Some(1),
            profile: Profile::Debug,
            peer_runs: Some(1),
            latency_runs: Some(1),
            ..Self::default()
        }
    }
}

/// The written corpus.
#[derive(Debug)]
struct Corpus {
    dir: PathBuf,
    json_dir: PathBuf,
    /// Paths relative to the project root, sorted.
    files: Vec<PathBuf>,
    bytes: u64,
    /// File names of the specs with a deliberate schema fault.
    faulty: BTreeSet<String>,
}

/// Reads the names of the files a tool rejected from the output of one run.
type ReadVerdicts = fn(&Run) -> anyhow::Result<BTreeSet<String>>;

/// One tool of the table: how to run it on the corpus and on the single spec, and how to read
/// its verdicts.
struct Tool {
    name: &'static str,
    corpus: Command,
    /// The command as the table shows it (peers get 10,000 file arguments).
    shown: String,
    single: Command,
    /// Runs in every round, or only in the peer rounds.
    peer: bool,
    /// Reads the file names the tool rejected from one corpus run, `None` for the floor.
    verdicts: Option<ReadVerdicts>,
}

pub(crate) fn corpus(args: &CorpusArgs, quick: bool) -> anyhow::Result<()> {
    let corpus = write_corpus(args.count(quick), args.seed)?;
    println!(
        "bench: wrote {} specs ({:.2} MB, {} faulty) to {} (JSON copies in {})",
        corpus.files.len(),
        megabytes(corpus.bytes),
        corpus.faulty.len(),
        relative(&corpus.dir),
        relative(&corpus.json_dir),
    );
    Ok(())
}

pub(crate) fn run(args: &CheckArgs, quick: bool) -> anyhow::Result<Section> {
    let root = project_root();
    let corpus = write_corpus(args.corpus.count(quick), args.corpus.seed)?;
    println!(
        "bench: corpus of {} specs, {:.2} MB, {} with a schema fault, in {}",
        corpus.files.len(),
        megabytes(corpus.bytes),
        corpus.faulty.len(),
        relative(&corpus.dir)
    );
    let runs = args.runs.unwrap_or(if quick { 3 } else { 7 }).max(1);
    let peer_runs = args
        .peer_runs
        .unwrap_or(if quick { 1 } else { 2 })
        .clamp(1, runs);
    let latency_runs = args
        .latency_runs
        .unwrap_or(if quick { 10 } else { 30 })
        .max(1);

    ensure_debian(&[(super::measure::TIME, "time")])?;
    let connspec = match &args.connspec {
        Some(path) => path.clone(),
        None => build(args.profile, "connspec-cli", "bin", "connspec")?,
    };
    let floor = build(args.profile, "connspec-model", "example", "parse_floor")?;
    let single = write_single()?;

    let corpus_arg = relative(&corpus.dir);
    let mut tools = Vec::new();
    let connspec_check = |extra: &[&str], path: &str| {
        let mut command = Command::new(&connspec);
        command
            .args(["check", "--format", "json", "--no-config"])
            .args(extra)
            .arg(path)
            .current_dir(&root);
        command
    };
    let command = connspec_check(&[], &corpus_arg);
    tools.push(Tool {
        name: "connspec check",
        shown: display_command(&command),
        corpus: command,
        single: connspec_check(&[], &single.yaml),
        peer: false,
        verdicts: Some(connspec_verdicts),
    });
    // Every lint rule off: what lint costs on top of loading and the schema check.
    let command = connspec_check(&["--ignore", "ALL"], &corpus_arg);
    tools.push(Tool {
        name: "connspec (schema only)",
        shown: display_command(&command),
        corpus: command,
        single: connspec_check(&["--ignore", "ALL"], &single.yaml),
        peer: false,
        verdicts: Some(connspec_verdicts),
    });
    let floor_command = |path: &str| {
        let mut command = Command::new(&floor);
        command.arg(path).current_dir(&root);
        command
    };
    let command = floor_command(&corpus_arg);
    tools.push(Tool {
        name: "parse floor (saphyr)",
        shown: display_command(&command),
        corpus: command,
        single: floor_command(&single.yaml),
        peer: false,
        verdicts: None,
    });
    if !args.no_peers {
        peers::install()?;
        let check_jsonschema = |files: &[PathBuf]| {
            let mut command = Command::new(peers::venv_bin("check-jsonschema"));
            command
                .args([
                    "-o",
                    "json",
                    "--schemafile",
                    "schemas/connector.schema.json",
                ])
                .args(files)
                .current_dir(&root);
            offline(&mut command);
            command
        };
        let command = check_jsonschema(&corpus.files);
        let shown = format!(
            "{} {corpus_arg}/*.yaml",
            display_command(&check_jsonschema(&[]))
        );
        tools.push(Tool {
            name: "check-jsonschema",
            shown,
            corpus: command,
            single: check_jsonschema(&[PathBuf::from(&single.yaml)]),
            peer: true,
            verdicts: Some(check_jsonschema_verdicts),
        });
        let ajv = |data: &str| {
            let mut command = Command::new(root.join("tests/peers/node_modules/.bin/ajv"));
            command
                .args([
                    "validate",
                    "--spec=draft2020",
                    "-c",
                    "ajv-formats",
                    // Strict mode refuses the schema for its `x-secret` annotation and its
                    // union types (`type: [string, integer]`); validation is the same without.
                    "--strict=false",
                    "-s",
                    "schemas/connector.schema.json",
                    "-d",
                    data,
                    "--all-errors",
                    "--errors=json",
                ])
                .current_dir(&root);
            offline(&mut command);
            command
        };
        let command = ajv(&format!("{}/*.json", relative(&corpus.json_dir)));
        tools.push(Tool {
            name: "ajv-cli",
            shown: display_command(&command),
            corpus: command,
            single: ajv(&single.json),
            peer: true,
            verdicts: Some(ajv_verdicts),
        });
    }

    // Warm-up: the page cache, and a check of every tool's verdicts against the corpus. A peer's
    // verdict run is also its first timed run (the files are cached by connspec's warm-up by
    // then), since one check-jsonschema run over 10,000 files takes minutes.
    let mut results: Vec<Measurement> = tools
        .iter()
        .map(|tool| Measurement::new(tool.name, tool.shown.clone()))
        .collect();
    let mut agreement = serde_json::Map::new();
    for (tool, result) in tools.iter().zip(&mut results) {
        println!("bench: warm-up and verdicts of `{}`", tool.shown);
        let first = measure(&tool.corpus, &[0, 1], true)?;
        if tool.peer {
            println!(
                "bench: {} run 1/{peer_runs}: {:.3} s",
                tool.name,
                first.wall.as_secs_f64()
            );
            result.push(&first);
        }
        if let Some(read) = tool.verdicts {
            let rejected = read(&first)?;
            if let Some(problem) = verdict_problem(tool.name, &corpus.faulty, &rejected) {
                let codes = if tool.name.starts_with("connspec") {
                    let wrong: BTreeSet<String> =
                        rejected.difference(&corpus.faulty).cloned().collect();
                    error_codes(&first, &wrong)
                } else {
                    String::new()
                };
                bail!("{problem}{codes}");
            }
            agreement.insert(
                tool.name.into(),
                json!({
                    "rejected": rejected.len(),
                    "faulty_rejected": corpus.faulty.len(),
                    "others_rejected": rejected.difference(&corpus.faulty).count(),
                }),
            );
        }
    }

    for round in 1..=runs {
        let mut line = format!("bench: check round {round}/{runs}:");
        for (tool, result) in tools.iter().zip(&mut results) {
            if tool.peer && round >= peer_runs {
                continue;
            }
            let timed = measure(&tool.corpus, &[0, 1], false)?;
            let _ = write!(line, " {} {:.3} s;", tool.name, timed.wall.as_secs_f64());
            result.push(&timed);
        }
        println!("{}", line.trim_end_matches(';'));
    }

    let mut latencies: Vec<Measurement> = tools
        .iter()
        .map(|tool| Measurement::new(tool.name, display_command(&tool.single)))
        .collect();
    for _ in 0..latency_runs {
        for (tool, latency) in tools.iter().zip(&mut latencies) {
            latency.push(&measure(&tool.single, &[0], false)?);
        }
    }

    let targets = targets(&results, &latencies);
    let table = render(&corpus, &results, &latencies, &single.yaml);
    let files = to_f64(corpus.files.len() as u64);
    let mb = megabytes(corpus.bytes);
    let ours = results[0].median();
    let json = json!({
        "corpus": {
            "dir": relative(&corpus.dir),
            "json_dir": relative(&corpus.json_dir),
            "files": corpus.files.len(),
            "bytes": corpus.bytes,
            "faulty": corpus.faulty.len(),
            "seed": args.corpus.seed,
        },
        "rounds": runs,
        "peer_rounds": peer_runs,
        "results": results.iter().map(|m| {
            let mut value = m.json();
            value["files_per_s"] = json!(files / m.median());
            value["mb_per_s"] = json!(mb / m.median());
            value["over_connspec"] = json!(m.median() / ours);
            value
        }).collect::<Vec<_>>(),
        "single_file": {
            "spec": single.yaml,
            "runs": latency_runs,
            "results": latencies.iter().map(Measurement::json).collect::<Vec<_>>(),
        },
        "verdicts": agreement,
    });
    Ok(Section {
        name: "check",
        table,
        json,
        targets,
    })
}

fn targets(results: &[Measurement], latencies: &[Measurement]) -> Vec<Target> {
    let find = |list: &[Measurement], name: &str| list.iter().find(|m| m.tool == name).cloned();
    let mut targets = Vec::new();
    let Some(ours) = find(results, "connspec check") else {
        return targets;
    };
    if let Some(peer) = find(results, "check-jsonschema") {
        targets.push(Target::at_least(
            "check-jsonschema / connspec check (median wall)",
            peer.median() / ours.median(),
            50.0,
        ));
    }
    if let Some(peer) = find(results, "ajv-cli") {
        targets.push(Target::at_least(
            "ajv-cli / connspec check (median wall)",
            peer.median() / ours.median(),
            10.0,
        ));
    }
    if let Some(floor) = find(results, "parse floor (saphyr)") {
        targets.push(Target::at_most(
            "connspec check / parse floor (median wall)",
            ours.median() / floor.median(),
            3.0,
        ));
    }
    if let Some(rss) = ours.peak_rss_mb() {
        targets.push(Target::bound("connspec check peak RSS", rss, 64.0, "MB"));
    }
    if let Some(latency) = find(latencies, "connspec check") {
        targets.push(Target::bound(
            "connspec check, one small spec (median wall)",
            latency.median() * 1000.0,
            5.0,
            "ms",
        ));
    }
    targets
}

fn render(
    corpus: &Corpus,
    results: &[Measurement],
    latencies: &[Measurement],
    single: &str,
) -> String {
    let files = to_f64(corpus.files.len() as u64);
    let mb = megabytes(corpus.bytes);
    let ours = results.first().map_or(f64::NAN, Measurement::median);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\ncheck: {} specs, {:.1} MB ({} with a schema fault)\n",
        corpus.files.len(),
        mb,
        corpus.faulty.len()
    );
    let _ = writeln!(
        out,
        "{:<24} {:>4} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9} {:>10}",
        "tool", "runs", "median", "min", "max", "files/s", "MB/s", "peak RSS", "vs connspec"
    );
    for m in results {
        let median = m.median();
        let rss = m
            .peak_rss_mb()
            .map_or_else(|| "n/a".to_owned(), |mb| format!("{mb:.1} MB"));
        let _ = writeln!(
            out,
            "{:<24} {:>4} {:>7.3} s {:>7.3} s {:>7.3} s {:>9.0} {:>7.1} {:>9} {:>9.2}x",
            m.tool,
            m.walls.len(),
            median,
            m.min(),
            m.max(),
            files / median,
            mb / median,
            rss,
            median / ours
        );
    }
    let ours = latencies.first().map_or(f64::NAN, Measurement::median);
    let _ = writeln!(out, "\nsingle file ({single}), process start to exit:\n");
    let _ = writeln!(
        out,
        "{:<24} {:>4} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "tool", "runs", "median", "min", "max", "peak RSS", "vs connspec"
    );
    for m in latencies {
        let rss = m
            .peak_rss_mb()
            .map_or_else(|| "n/a".to_owned(), |mb| format!("{mb:.1} MB"));
        let _ = writeln!(
            out,
            "{:<24} {:>4} {:>6.1} ms {:>6.1} ms {:>6.1} ms {:>9} {:>9.2}x",
            m.tool,
            m.walls.len(),
            m.median() * 1000.0,
            m.min() * 1000.0,
            m.max() * 1000.0,
            rss,
            m.median() / ours
        );
    }
    out
}

fn write_corpus(count: usize, seed: u64) -> anyhow::Result<Corpus> {
    if count == 0 {
        bail!("--files must be at least 1");
    }
    let root = project_root();
    let dir = root.join("target/bench/corpus");
    let json_dir = root.join("target/bench/corpus-json");
    for dir in [&dir, &json_dir] {
        if dir.exists() {
            fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut corpus = Corpus {
        dir: dir.clone(),
        json_dir: json_dir.clone(),
        files: Vec::new(),
        bytes: 0,
        faulty: BTreeSet::new(),
    };
    let mut manifest = serde_json::Map::new();
    for file in corpus::generate(count, seed) {
        let path = dir.join(&file.name);
        fs::write(&path, &file.text).with_context(|| format!("cannot write {}", path.display()))?;
        write_json_copy(&json_dir, &file.name, &file.text)?;
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

/// Writes `name` with `.json` for `.yaml`, the value connspec's own YAML 1.2 loader reads.
fn write_json_copy(dir: &Path, name: &str, text: &str) -> anyhow::Result<()> {
    let (file, _) = yaml::decode(name, text.as_bytes());
    let (document, diagnostics) = yaml::load(&file, &Limits::default());
    let Some(document) = document else {
        bail!(
            "generated spec {name} is not loadable YAML: {:?}",
            diagnostics.first().map(|d| d.message.clone())
        );
    };
    let path = dir.join(Path::new(name).with_extension("json"));
    fs::write(&path, serde_json::to_string(&document.value)?)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The small spec of the latency figure, and its JSON copy.
struct Single {
    yaml: String,
    json: String,
}

fn write_single() -> anyhow::Result<Single> {
    let root = project_root();
    let source = root.join("connectors/coupa/expense-reports.yaml");
    let text =
        fs::read_to_string(&source).with_context(|| format!("cannot read {}", source.display()))?;
    let dir = root.join("target/bench/single");
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("expense-reports.yaml");
    fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    write_json_copy(&dir, "expense-reports.yaml", &text)?;
    Ok(Single {
        yaml: relative(&path),
        json: relative(&dir.join("expense-reports.json")),
    })
}

fn file_name(name: &str) -> String {
    Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// What is wrong with a tool's verdicts on the corpus, if anything: it must reject every spec
/// with a planted fault and accept every other one. Both ways matter: a tool that rejected
/// everything would catch every fault.
fn verdict_problem(
    tool: &str,
    faulty: &BTreeSet<String>,
    rejected: &BTreeSet<String>,
) -> Option<String> {
    let missed: Vec<&String> = faulty.difference(rejected).collect();
    let wrong: Vec<&String> = rejected.difference(faulty).collect();
    let mut problems = Vec::new();
    if !missed.is_empty() {
        problems.push(format!(
            "{tool} accepted {} specs with a deliberate fault, e.g. {:?}",
            missed.len(),
            missed.iter().take(5).collect::<Vec<_>>()
        ));
    }
    if !wrong.is_empty() {
        problems.push(format!(
            "{tool} rejected {} clean specs (the corpus has faults only where it planted them), e.g. {:?}",
            wrong.len(),
            wrong.iter().take(5).collect::<Vec<_>>()
        ));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// The error codes connspec reported on `files`, counted: `; codes: P002 x12, T002 x3`.
fn error_codes(run: &Run, files: &BTreeSet<String>) -> String {
    let Ok(report) = serde_json::from_str::<serde_json::Value>(&run.stdout) else {
        return String::new();
    };
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for file in report
        .get("files")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
    {
        let path = file
            .get("path")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        if !files.contains(&file_name(path)) {
            continue;
        }
        for diagnostic in file
            .get("diagnostics")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
        {
            if diagnostic
                .get("severity")
                .and_then(serde_json::Value::as_str)
                == Some("error")
                && let Some(code) = diagnostic.get("code").and_then(serde_json::Value::as_str)
            {
                *counts.entry(code.to_owned()).or_default() += 1;
            }
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    let list: Vec<String> = counts
        .iter()
        .map(|(code, n)| format!("{code} x{n}"))
        .collect();
    format!("; codes: {}", list.join(", "))
}

/// The files with at least one error in `connspec check --format json`.
fn connspec_verdicts(run: &Run) -> anyhow::Result<BTreeSet<String>> {
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).context("cannot parse connspec's JSON report")?;
    let files = report
        .get("files")
        .and_then(serde_json::Value::as_array)
        .context("connspec's JSON report has no `files`")?;
    Ok(files
        .iter()
        .filter(|file| {
            file.get("diagnostics")
                .and_then(serde_json::Value::as_array)
                .is_some_and(|list| {
                    list.iter().any(|d| {
                        d.get("severity").and_then(serde_json::Value::as_str) == Some("error")
                    })
                })
        })
        .filter_map(|file| file.get("path").and_then(serde_json::Value::as_str))
        .map(file_name)
        .collect())
}

/// The file names check-jsonschema's `-o json` report rejects (a file it cannot parse too).
fn check_jsonschema_verdicts(run: &Run) -> anyhow::Result<BTreeSet<String>> {
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).context("cannot parse check-jsonschema's JSON report")?;
    let list = |key: &str| {
        report
            .get(key)
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    Ok(list("errors")
        .iter()
        .chain(&list("parse_errors"))
        .filter_map(|entry| entry.get("filename").and_then(serde_json::Value::as_str))
        .map(file_name)
        .collect())
}

/// Whether `name` is a data file ajv-cli was given (the corpus writes lowercase `.json`).
fn is_json_file(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// The file names ajv-cli reports as `<file> invalid` (on standard error, JSON errors follow).
fn ajv_verdicts(run: &Run) -> anyhow::Result<BTreeSet<String>> {
    let mut valid = 0;
    let mut rejected = BTreeSet::new();
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        // Data files only: `schema <file> is invalid` is ajv refusing the schema itself.
        if let Some(name) = line.strip_suffix(" invalid").filter(|n| is_json_file(n)) {
            rejected.insert(file_name(name.trim()).replace(".json", ".yaml"));
        } else if line.strip_suffix(" valid").is_some_and(is_json_file) {
            valid += 1;
        }
    }
    if valid + rejected.len() == 0 {
        bail!(
            "ajv-cli printed no verdict; its output begins: {}",
            run.stderr.chars().take(400).collect::<String>()
        );
    }
    Ok(rejected)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn output(stdout: &str, stderr: &str) -> Run {
        Run {
            wall: Duration::ZERO,
            peak_rss_kb: None,
            exit_code: Some(1),
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn verdicts_must_match_the_planted_faults_both_ways() {
        let faulty = names(&["a.yaml", "b.yaml"]);
        assert_eq!(
            verdict_problem("t", &faulty, &names(&["a.yaml", "b.yaml"])),
            None
        );
        let missed = verdict_problem("t", &faulty, &names(&["a.yaml"])).expect("a miss");
        assert!(missed.contains("accepted 1 specs"), "{missed}");
        let everything = names(&["a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
        let wrong = verdict_problem("t", &faulty, &everything).expect("rejecting clean specs");
        assert!(wrong.contains("rejected 2 clean specs"), "{wrong}");
        let both = verdict_problem("t", &faulty, &names(&["b.yaml", "c.yaml"])).expect("both");
        assert!(
            both.contains("accepted 1") && both.contains("rejected 1"),
            "{both}"
        );
    }

    #[test]
    fn reads_check_jsonschema_verdicts() {
        let stdout = r#"{"status":"fail","errors":[
            {"filename":"target/bench/corpus/a.yaml","path":"$","message":"x"},
            {"filename":"target/bench/corpus/a.yaml","path":"$.b","message":"y"},
            {"filename":"target/bench/corpus/c.yaml","path":"$","message":"z"}],
            "parse_errors":[{"filename":"target/bench/corpus/d.yaml"}]}"#;
        let rejected =
            check_jsonschema_verdicts(&output(stdout, "")).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(
            rejected.into_iter().collect::<Vec<_>>(),
            ["a.yaml", "c.yaml", "d.yaml"]
        );
    }

    #[test]
    fn reads_ajv_verdicts() {
        let stderr = "target/bench/corpus-json/b.json invalid\n[{\"instancePath\":\"\"}]\n";
        let stdout = "target/bench/corpus-json/a.json valid\n";
        let rejected =
            ajv_verdicts(&output(stdout, stderr)).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(rejected.into_iter().collect::<Vec<_>>(), ["b.yaml"]);
        assert!(
            ajv_verdicts(&output(
                "",
                "schema schemas/connector.schema.json is invalid"
            ))
            .is_err()
        );
    }

    #[test]
    fn reads_connspec_verdicts() {
        let stdout = r#"{"version":1,"files":[
            {"path":"target/bench/corpus/a.yaml","diagnostics":[{"severity":"warning"}]},
            {"path":"target/bench/corpus/b.yaml","diagnostics":[{"severity":"error"}]}]}"#;
        let rejected =
            connspec_verdicts(&output(stdout, "")).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(rejected.into_iter().collect::<Vec<_>>(), ["b.yaml"]);
    }
}
