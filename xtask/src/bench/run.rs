//! `cargo xtask bench run`: `connspec test` on N GET actions (500 by default) against the
//! sandbox, side by side with newman running the Postman collection compiled from the same spec,
//! and with wrk on the same URL as the floor.
//!
//! The workload spec (`target/bench/run/spec.yaml`) holds N copies of the expense reports list
//! action (`connectors/coupa/expense-reports.yaml`), one client-credentials token for all of
//! them; `connspec check` must pass it. One `connspec sandbox` (HTTPS on 127.0.0.1, a free port)
//! serves every tool in every round, so the three tools send the same GET (path, query and
//! `Accept` header, taken from what connspec sent in the warm-up) to the same URL over the same
//! TLS. After one untimed warm-up of each tool (newman's with its JSON reporter, whose report is
//! checked item by item), the tools run in interleaved rounds. Every run is also checked on the
//! sandbox's side through its request log (`/_sandbox/requests`): the token requests and the
//! GETs it answered, so a tool that skips requests cannot look fast and token requests are
//! counted independently of the tools' own reports.
//!
//! wrk is duration-based: its figure is its requests per second, and the time it would take
//! for N requests at that rate. It gets the token the harness fetched with curl (untimed).
//!
//! The replay row: in the warm-up connspec records the same run (`--record`), and each round
//! runs `connspec test --replay` on that cassette, which answers from an embedded replay server;
//! the sandbox's log must show no request of it. Its target: at most 1.5 times the wall of the
//! run against the sandbox.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::measure::{Measurement, Run, TIME, measure, median, offline, to_f64};
use super::{Profile, Section, Target, build, ensure_debian, relative};
use crate::peers;
use crate::util::{display_command, project_root};

/// The connector whose first action the workload copies.
const SOURCE_SPEC: &str = "connectors/coupa/expense-reports.yaml";
/// The workload connector's name (and so the Postman files' names).
const CONNECTOR: &str = "bench_run";
/// The scope of the source connector, for the harness's own token request (wrk's token).
const SCOPE: &str = "core.expense.read";
/// The spec's secrets and the sandbox's environment variables the instance file reads them from.
const SECRETS: [(&str, &str); 2] = [
    ("COUPA_CLIENT_ID", "COUPA_SANDBOX_CLIENT_ID"),
    ("COUPA_CLIENT_SECRET", "COUPA_SANDBOX_CLIENT_SECRET"),
];
const TOKEN_PATH: &str = "/oauth2/token";
const NEWMAN: &str = "tests/peers/node_modules/.bin/newman";
const WRK: &str = "/usr/bin/wrk";
const CURL: &str = "/usr/bin/curl";
/// `connspec test -j` by default (`connspec_runtime::limits::DEFAULT_JOBS`).
const DEFAULT_JOBS: u16 = 4;
/// The most actions: each copy is about 720 bytes, and a spec must stay under connspec's 1 MiB
/// input limit (S004) to pass `connspec check` (the sandbox's 10,000-entry log holds a run).
const MAX_ACTIONS: usize = 1_400;
/// How long the sandbox may take to print its banner.
const SANDBOX_START: Duration = Duration::from_secs(30);

/// Arguments of `bench run`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct RunArgs {
    /// GET actions in the workload spec, copies of the expense reports list action [default:
    /// 500].
    #[arg(long, value_name = "N")]
    actions: Option<usize>,
    /// Rounds (each tool once per round, after a warm-up). Default: 5, or 3 with `--quick`.
    #[arg(long)]
    runs: Option<usize>,
    /// Rounds in which newman runs too (about 9 s a run for 500 actions). Default: every
    /// round, or 2 with `--quick`.
    #[arg(long)]
    newman_runs: Option<usize>,
    /// `connspec test -j` and wrk's connections (`-c`); connspec also runs with `-j 1` against
    /// newman, which is sequential [default: 4, connspec's default].
    #[arg(long, short = 'j')]
    jobs: Option<u16>,
    /// Duration of each wrk run, in seconds. Default: 3, or 1 with `--quick`.
    #[arg(long, value_name = "SECONDS")]
    wrk_seconds: Option<u64>,
    /// Time this executable (called as `PATH test …`; it also serves the sandbox as `PATH
    /// sandbox` and compiles the Postman collection) instead of building
    /// `target/release/connspec`.
    #[arg(long, value_name = "PATH")]
    connspec: Option<PathBuf>,
    /// Release (real figures) or debug (the CI smoke run).
    #[arg(skip)]
    profile: Profile,
}

impl RunArgs {
    /// The tiny workload of the CI smoke run: every tool runs and is parsed once.
    pub(crate) fn smoke() -> Self {
        Self {
            actions: Some(20),
            runs: Some(1),
            profile: Profile::Debug,
            newman_runs: Some(1),
            wrk_seconds: Some(1),
            ..Self::default()
        }
    }
}

pub(crate) fn run(args: &RunArgs, quick: bool) -> anyhow::Result<Section> {
    let root = project_root();
    let actions = args.actions.unwrap_or(500);
    if !(1..=MAX_ACTIONS).contains(&actions) {
        bail!(
            "--actions must be 1 to {MAX_ACTIONS} (the spec must stay under connspec's 1 MiB \
             input limit)"
        );
    }
    let runs = args.runs.unwrap_or(if quick { 3 } else { 5 }).max(1);
    let newman_runs = args
        .newman_runs
        .unwrap_or(if quick { 2 } else { runs })
        .clamp(1, runs);
    let jobs = args.jobs.unwrap_or(DEFAULT_JOBS).max(1);
    let wrk_seconds = args.wrk_seconds.unwrap_or(if quick { 1 } else { 3 }).max(1);

    ensure_debian(&[(WRK, "wrk"), (CURL, "curl"), (TIME, "time")])?;
    let connspec = match &args.connspec {
        // Absolute: the tools run in the project root.
        Some(path) => {
            fs::canonicalize(path).with_context(|| format!("--connspec {}", path.display()))?
        }
        None => build(args.profile, "connspec-cli", "bin", "connspec")?,
    };
    peers::install()?;
    let newman = root.join(NEWMAN);
    if !newman.is_file() {
        bail!("{} is missing after `cargo xtask peers`", relative(&newman));
    }

    let dir = root.join("target/bench/run");
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let source = fs::read_to_string(root.join(SOURCE_SPEC))
        .with_context(|| format!("cannot read {SOURCE_SPEC}"))?;
    let spec = dir.join("spec.yaml");
    write(&spec, &workload_spec(&source, actions)?)?;
    let single = dir.join("spec-1.yaml");
    write(&single, &workload_spec(&source, 1)?)?;
    for path in [&spec, &single] {
        check_spec(&connspec, path)?;
    }

    let sandbox = SandboxProcess::start(&connspec, &dir)?;
    println!(
        "bench: sandbox at {} (log: {})",
        sandbox.base_url,
        relative(&dir.join("sandbox.log"))
    );
    let (collection, environment) =
        compile_postman(&connspec, &spec, &sandbox.instance, &dir.join("postman"))?;
    let bench = Bench {
        root: root.clone(),
        connspec,
        newman,
        newman_version: newman_version(&root.join(NEWMAN))?,
        sandbox,
        spec,
        single,
        collection,
        environment,
        newman_report: dir.join("newman-report.json"),
        actions,
        jobs,
        wrk_seconds,
        url: String::new(),
        cassettes: dir.join("cassettes"),
    };
    bench.measure_all(runs, newman_runs)
}

/// Everything a round needs.
struct Bench {
    root: PathBuf,
    connspec: PathBuf,
    newman: PathBuf,
    newman_version: String,
    sandbox: SandboxProcess,
    spec: PathBuf,
    /// The same spec with one action: connspec's fixed cost.
    single: PathBuf,
    collection: PathBuf,
    environment: PathBuf,
    /// newman's JSON report of the warm-up (it holds secret values: never printed).
    newman_report: PathBuf,
    actions: usize,
    jobs: u16,
    wrk_seconds: u64,
    /// The URL every tool requests, as connspec sent it in the warm-up.
    url: String,
    /// Where the warm-up records the run that the replay row replays.
    cassettes: PathBuf,
}

/// The rows of the table, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    /// `connspec test -j JOBS`.
    Connspec,
    /// `connspec test -j 1` (only when JOBS is not 1).
    ConnspecSequential,
    /// `connspec test` on the one-action spec.
    ConnspecSingle,
    /// `connspec test --replay -j JOBS` on the warm-up's recording.
    ConnspecReplay,
    Newman,
    Wrk,
}

/// One row's figures over the rounds.
#[derive(Debug)]
struct Row {
    tool: Tool,
    measurement: Measurement,
    /// Requests per second per run (for connspec and newman: actions / wall).
    rps: Vec<f64>,
    /// Token requests per run, counted by the sandbox.
    tokens: Vec<u64>,
    /// connspec: the run time its report gives (token and actions), per run, in seconds.
    in_run: Vec<f64>,
    /// wrk: the requests it completed per run.
    requests: Vec<u64>,
}

impl Row {
    fn new(tool: Tool, name: String, command: String) -> Self {
        Self {
            tool,
            measurement: Measurement::new(name, command),
            rps: Vec::new(),
            tokens: Vec::new(),
            in_run: Vec::new(),
            requests: Vec::new(),
        }
    }

    fn median_rps(&self) -> f64 {
        sorted_median(&self.rps)
    }
}

fn sorted_median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    median(&sorted)
}

impl Bench {
    fn measure_all(mut self, runs: usize, newman_runs: usize) -> anyhow::Result<Section> {
        let n = self.actions;
        // Warm-up: each tool once, untimed, with the fullest verdict.
        println!("bench: warm-up of `connspec test` ({n} actions)");
        let (_, report, window) = self.connspec_run(&self.spec, self.jobs, n)?;
        let get = window
            .entries
            .iter()
            .find(|e| e.path.starts_with("/api/"))
            .context("the sandbox logged no API request of connspec's warm-up")?;
        self.url = format!(
            "{}{}{}",
            self.sandbox.base_url,
            get.path,
            get.query
                .as_ref()
                .map(|q| format!("?{q}"))
                .unwrap_or_default()
        );
        println!(
            "bench: connspec passed {} actions, {} token request(s); every tool requests {}",
            report.passed, report.token_requests, self.url
        );
        self.connspec_run(&self.single, self.jobs, 1)?;
        println!("bench: recording the run for the replay row");
        let mut record = self.connspec_command(&self.spec, self.jobs);
        record.arg("--record").arg(relative(&self.cassettes));
        let mark = self.sandbox.mark()?;
        let recorded = measure(&record, &[0, 1], true)?;
        self.sandbox
            .window(mark)?
            .expect_gets(n, "connspec test --record")?;
        connspec_report(&recorded.stdout, n).context("`connspec test --record`")?;
        self.replay_run(n)?;
        println!(
            "bench: warm-up of newman {} (JSON reporter)",
            self.newman_version
        );
        let newman_verdict = self.newman_warm_up()?;
        println!("bench: warm-up of wrk");
        self.wrk_run(1)?;

        let mut rows = vec![Row::new(
            Tool::Connspec,
            format!("connspec test -j{}", self.jobs),
            display_command(&self.connspec_command(&self.spec, self.jobs)),
        )];
        if self.jobs != 1 {
            rows.push(Row::new(
                Tool::ConnspecSequential,
                "connspec test -j1".to_owned(),
                display_command(&self.connspec_command(&self.spec, 1)),
            ));
        }
        rows.push(Row::new(
            Tool::ConnspecReplay,
            format!("connspec test --replay -j{}", self.jobs),
            display_command(&self.replay_command()),
        ));
        rows.push(Row::new(
            Tool::ConnspecSingle,
            "connspec test, 1 action".to_owned(),
            display_command(&self.connspec_command(&self.single, self.jobs)),
        ));
        rows.push(Row::new(
            Tool::Newman,
            format!("newman {}", self.newman_version),
            display_command(&self.newman_command(None, true)),
        ));
        rows.push(Row::new(
            Tool::Wrk,
            format!("wrk -c{} (floor)", self.jobs),
            self.wrk_shown(self.wrk_seconds),
        ));

        for round in 1..=runs {
            let mut line = format!("bench: run round {round}/{runs}:");
            for row in &mut rows {
                match row.tool {
                    Tool::Connspec | Tool::ConnspecSequential | Tool::ConnspecSingle => {
                        let (spec, jobs, count) = match row.tool {
                            Tool::Connspec => (&self.spec, self.jobs, n),
                            Tool::ConnspecSequential => (&self.spec, 1, n),
                            _ => (&self.single, self.jobs, 1),
                        };
                        let (timed, report, window) = self.connspec_run(spec, jobs, count)?;
                        let wall = timed.wall.as_secs_f64();
                        row.measurement.push(&timed);
                        row.rps.push(to_f64(count as u64) / wall);
                        row.tokens.push(window.tokens());
                        row.in_run.push(to_f64(report.elapsed_ms) / 1000.0);
                        let _ = write!(line, " {} {wall:.3} s;", row.measurement.tool);
                    }
                    Tool::ConnspecReplay => {
                        let (timed, report) = self.replay_run(n)?;
                        let wall = timed.wall.as_secs_f64();
                        row.measurement.push(&timed);
                        row.rps.push(to_f64(n as u64) / wall);
                        // The sandbox's count, as for the other rows: a replay reaches it never.
                        row.tokens.push(0);
                        row.in_run.push(to_f64(report.elapsed_ms) / 1000.0);
                        let _ = write!(line, " replay {wall:.3} s;");
                    }
                    Tool::Newman => {
                        if round > newman_runs {
                            continue;
                        }
                        let (timed, window) = self.newman_run()?;
                        let wall = timed.wall.as_secs_f64();
                        row.measurement.push(&timed);
                        row.rps.push(to_f64(n as u64) / wall);
                        row.tokens.push(window.tokens());
                        let _ = write!(line, " newman {wall:.3} s;");
                    }
                    Tool::Wrk => {
                        let (mut timed, wrk, tokens) = self.wrk_run(self.wrk_seconds)?;
                        let _ = write!(
                            line,
                            " wrk {:.0} req/s ({} in {:.2} s);",
                            wrk.rps, wrk.requests, wrk.seconds
                        );
                        // The row's "wall" is the time wrk's rate needs for the N requests.
                        timed.wall = Duration::from_secs_f64(to_f64(n as u64) / wrk.rps);
                        row.measurement.push(&timed);
                        row.rps.push(wrk.rps);
                        row.tokens.push(tokens);
                        row.requests.push(wrk.requests);
                    }
                }
            }
            println!("{}", line.trim_end_matches(';'));
        }

        let targets = self.targets(&rows);
        let table = self.render(&rows, runs, newman_runs);
        let json = self.json(&rows, runs, newman_runs, &newman_verdict);
        Ok(Section {
            name: "run",
            table,
            json,
            targets,
        })
    }

    fn find(rows: &[Row], tool: Tool) -> Option<&Row> {
        rows.iter().find(|row| row.tool == tool)
    }

    /// The row connspec's sequential figure comes from: `-j1`, the main row when JOBS is 1.
    fn sequential(rows: &[Row]) -> Option<&Row> {
        Self::find(rows, Tool::ConnspecSequential).or_else(|| Self::find(rows, Tool::Connspec))
    }

    fn targets(&self, rows: &[Row]) -> Vec<Target> {
        let mut targets = Vec::new();
        let (Some(ours), Some(sequential)) =
            (Self::find(rows, Tool::Connspec), Self::sequential(rows))
        else {
            return targets;
        };
        if let Some(newman) = Self::find(rows, Tool::Newman) {
            targets.push(Target::at_least(
                "newman / connspec test -j1 (median wall)",
                newman.measurement.median() / sequential.measurement.median(),
                5.0,
            ));
        }
        if let Some(replay) = Self::find(rows, Tool::ConnspecReplay) {
            targets.push(Target::at_most(
                format!(
                    "connspec test --replay / connspec test -j{} (median wall)",
                    self.jobs
                ),
                replay.measurement.median() / ours.measurement.median(),
                1.5,
            ));
        }
        if let Some(wrk) = Self::find(rows, Tool::Wrk) {
            targets.push(Target::at_most(
                format!(
                    "wrk / connspec test -j{0} (req/s, {0} connections)",
                    self.jobs
                ),
                wrk.median_rps() / ours.median_rps(),
                1.5,
            ));
        }
        // The worst run of either connspec row over N actions, as the sandbox counted.
        let tokens: Vec<u64> = rows
            .iter()
            .filter(|row| matches!(row.tool, Tool::Connspec | Tool::ConnspecSequential))
            .flat_map(|row| row.tokens.iter().copied())
            .collect();
        let worst = tokens.iter().copied().find(|&t| t != 1).unwrap_or(1);
        targets.push(Target::exactly(
            "connspec test token requests (sandbox's count)",
            worst,
            1,
        ));
        targets
    }

    fn render(&self, rows: &[Row], runs: usize, newman_runs: usize) -> String {
        let n = self.actions;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\nrun: {n} GET actions (copies of list_expense_reports, one token) against one \
             `connspec sandbox`, HTTPS on 127.0.0.1;\n\
             every tool sends the same GET ({}) over TLS to the same process.\n\
             {runs} rounds after a warm-up, tools interleaved (newman in {newman_runs}). wall: \
             process start to exit, so connspec's includes\n\
             start-up, the spec check, TLS handshakes and the token request; newman's the same \
             {} requests (cli reporter).\n\
             wrk -t1 -c{} is duration-based ({} s a run, token fetched by the harness with curl, \
             untimed):\n\
             its wall is {n} / its req/s. tokens: token requests the sandbox logged per run \
             (median); (h) = the harness's.\n",
            self.url_path(),
            n + 1,
            self.jobs,
            self.wrk_seconds,
        );
        let _ = writeln!(
            out,
            "{:<26} {:>4} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9} {:>11}",
            "tool", "runs", "median", "min", "max", "req/s", "tokens", "peak RSS", "vs connspec"
        );
        let ours = Self::find(rows, Tool::Connspec).map_or(f64::NAN, |r| r.measurement.median());
        for row in rows {
            let m = &row.measurement;
            let rss = m
                .peak_rss_mb()
                .map_or_else(|| "n/a".to_owned(), |mb| format!("{mb:.1} MB"));
            let rps = if row.tool == Tool::ConnspecSingle {
                "-".to_owned()
            } else {
                format!("{:.0}", row.median_rps())
            };
            let mut tokens: Vec<f64> = row.tokens.iter().map(|&t| to_f64(t)).collect();
            tokens.sort_by(f64::total_cmp);
            let tokens = format!(
                "{}{}",
                median(&tokens),
                if row.tool == Tool::Wrk { " (h)" } else { "" }
            );
            let _ = writeln!(
                out,
                "{:<26} {:>4} {:>7.3} s {:>7.3} s {:>7.3} s {:>9} {:>7} {:>9} {:>10.2}x",
                m.tool,
                m.walls.len(),
                m.median(),
                m.min(),
                m.max(),
                rps,
                tokens,
                rss,
                m.median() / ours
            );
        }
        let _ = writeln!(out);
        if let Some(ours) = Self::find(rows, Tool::Connspec) {
            let in_run = sorted_median(&ours.in_run);
            let _ = writeln!(
                out,
                "connspec test -j{}: its own run time (token + {n} actions, from its report; no \
                 process start or spec check) median {:.1} ms = {:.0} req/s",
                self.jobs,
                in_run * 1000.0,
                to_f64(n as u64) / in_run
            );
            if let Some(single) = Self::find(rows, Tool::ConnspecSingle)
                && n > 1
            {
                let fixed = single.measurement.median();
                let marginal = (ours.measurement.median() - fixed) / to_f64(n as u64 - 1);
                let _ = writeln!(
                    out,
                    "  fixed cost (the 1-action run: start-up, check, TLS, token, one GET) {:.1} \
                     ms; each further action {:.0} us = {:.0} req/s",
                    fixed * 1000.0,
                    marginal * 1e6,
                    1.0 / marginal
                );
            }
            if let Some(wrk) = Self::find(rows, Tool::Wrk) {
                let _ = writeln!(
                    out,
                    "  wrk / connspec req/s: {:.2}x process start to exit (the target), {:.2}x \
                     against connspec's own run time",
                    wrk.median_rps() / ours.median_rps(),
                    wrk.median_rps() * in_run / to_f64(n as u64)
                );
            }
        }
        if let (Some(replay), Some(ours)) = (
            Self::find(rows, Tool::ConnspecReplay),
            Self::find(rows, Tool::Connspec),
        ) {
            let _ = writeln!(
                out,
                "connspec test --replay / against the sandbox: {:.2}x (median wall; the replay \
                 answers from the warm-up's cassette, the sandbox logs none of its requests)",
                replay.measurement.median() / ours.measurement.median()
            );
        }
        if let (Some(newman), Some(sequential), Some(ours)) = (
            Self::find(rows, Tool::Newman),
            Self::sequential(rows),
            Self::find(rows, Tool::Connspec),
        ) {
            let _ = writeln!(
                out,
                "newman / connspec test: {:.1}x against -j1 (both sequential, the target), \
                 {:.1}x against -j{}",
                newman.measurement.median() / sequential.measurement.median(),
                newman.measurement.median() / ours.measurement.median(),
                self.jobs
            );
        }
        out
    }

    fn json(&self, rows: &[Row], runs: usize, newman_runs: usize, newman: &Value) -> Value {
        let ours = Self::find(rows, Tool::Connspec).map_or(f64::NAN, |r| r.measurement.median());
        json!({
            "workload": {
                "actions": self.actions,
                "spec": relative(&self.spec),
                "source": SOURCE_SPEC,
                "url": self.url_path(),
                "sandbox": self.sandbox.base_url,
                "jobs": self.jobs,
                "wrk_seconds": self.wrk_seconds,
                "postman_collection": relative(&self.collection),
            },
            "rounds": runs,
            "newman_rounds": newman_runs,
            "results": rows.iter().map(|row| {
                let mut value = row.measurement.json();
                value["requests_per_s"] = json!(row.rps);
                value["median_requests_per_s"] = json!(row.median_rps());
                value["token_requests"] = json!(row.tokens);
                value["over_connspec"] = json!(row.measurement.median() / ours);
                if !row.in_run.is_empty() {
                    value["own_run_s"] = json!(row.in_run);
                }
                if row.tool == Tool::Wrk {
                    value["wall_s_note"] = json!("actions / requests per second");
                    value["completed_requests"] = json!(row.requests);
                }
                value
            }).collect::<Vec<_>>(),
            "newman_warm_up": newman,
        })
    }

    /// The URL without the sandbox's origin, for the table.
    fn url_path(&self) -> &str {
        self.url
            .strip_prefix(&self.sandbox.base_url)
            .unwrap_or(&self.url)
    }

    fn connspec_command(&self, spec: &Path, jobs: u16) -> Command {
        let mut command = Command::new(&self.connspec);
        command
            .arg("test")
            .arg(relative(spec))
            .arg("--instance")
            .arg(relative(&self.sandbox.instance))
            .arg("--cacert")
            .arg(relative(&self.sandbox.ca))
            .args([
                "-j",
                &jobs.to_string(),
                "--format",
                "json",
                "--color",
                "never",
            ])
            .current_dir(&self.root);
        for (_, variable) in SECRETS {
            if let Some(value) = self.sandbox.credentials.get(variable) {
                command.env(variable, value);
            }
        }
        local_only(&mut command);
        command
    }

    /// One `connspec test` run, checked: every action passed, and the sandbox answered every
    /// GET with 200.
    fn connspec_run(
        &self,
        spec: &Path,
        jobs: u16,
        actions: usize,
    ) -> anyhow::Result<(Run, ConnspecReport, Window)> {
        let mark = self.sandbox.mark()?;
        let timed = measure(&self.connspec_command(spec, jobs), &[0, 1], true)?;
        let window = self.sandbox.window(mark)?;
        let report = connspec_report(&timed.stdout, actions)
            .with_context(|| format!("`connspec test {}`", relative(spec)))?;
        window.expect_gets(actions, "connspec test")?;
        Ok((timed, report, window))
    }

    /// `connspec test --replay` on the warm-up's recording: no instance, no CA, no secret.
    fn replay_command(&self) -> Command {
        let mut command = Command::new(&self.connspec);
        command
            .arg("test")
            .arg(relative(&self.spec))
            .arg("--replay")
            .arg(relative(&self.cassettes))
            .args([
                "-j",
                &self.jobs.to_string(),
                "--format",
                "json",
                "--color",
                "never",
            ])
            .current_dir(&self.root);
        local_only(&mut command);
        command
    }

    /// One replay, checked: every action passed, and the sandbox saw no request of it.
    fn replay_run(&self, actions: usize) -> anyhow::Result<(Run, ConnspecReport)> {
        let mark = self.sandbox.mark()?;
        let timed = measure(&self.replay_command(), &[0, 1], true)?;
        let window = self.sandbox.window(mark)?;
        let report = connspec_report(&timed.stdout, actions).context("`connspec test --replay`")?;
        if window.total != 0 {
            bail!(
                "connspec test --replay: the sandbox answered {} requests of a replay",
                window.total
            );
        }
        Ok((timed, report))
    }

    /// newman on the compiled collection, the secrets as `--env-var` values (the CI way); with
    /// `shown`, the secrets' variable names instead of their values, for the table.
    fn newman_command(&self, json_report: Option<&Path>, shown: bool) -> Command {
        let mut command = Command::new(&self.newman);
        command
            .arg("run")
            .arg(relative(&self.collection))
            .arg("--environment")
            .arg(relative(&self.environment))
            .arg("--ssl-extra-ca-certs")
            .arg(relative(&self.sandbox.ca))
            .args(["--timeout", "600000", "--timeout-request", "60000"])
            .args(["--color", "off", "--disable-unicode"]);
        match json_report {
            Some(path) => command
                .args(["--reporters", "json", "--reporter-json-export"])
                .arg(path),
            None => command.args(["--reporters", "cli"]),
        };
        for (secret, variable) in SECRETS {
            let value = if shown {
                format!("${variable}")
            } else {
                self.sandbox
                    .credentials
                    .get(variable)
                    .cloned()
                    .unwrap_or_default()
            };
            command.arg("--env-var").arg(format!("{secret}={value}"));
        }
        command.current_dir(&self.root);
        local_only(&mut command);
        command
    }

    /// A timed newman run with the cli reporter (its default), checked by its summary table
    /// and on the sandbox's side.
    fn newman_run(&self) -> anyhow::Result<(Run, Window)> {
        let mark = self.sandbox.mark()?;
        let timed = measure(&self.newman_command(None, false), &[0, 1], true)?;
        let window = self.sandbox.window(mark)?;
        let verdict = newman_summary(&timed.stdout)
            .and_then(|summary| summary.expect(self.actions))
            .and_then(|()| {
                if timed.exit_code == Some(0) {
                    Ok(())
                } else {
                    bail!("newman exited with {:?}", timed.exit_code)
                }
            });
        if let Err(err) = verdict {
            let tail: Vec<&str> = timed.stdout.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            bail!("{err:#}; newman's output ends with:\n{}", tail.join("\n"));
        }
        window.expect_gets(self.actions, "newman")?;
        Ok((timed, window))
    }

    /// The untimed newman run with the JSON reporter: every item ran, the token first, with no
    /// failure. Returns what the table's JSON keeps of it (no secret).
    fn newman_warm_up(&self) -> anyhow::Result<Value> {
        let mark = self.sandbox.mark()?;
        let timed = measure(
            &self.newman_command(Some(&self.newman_report), false),
            &[0, 1],
            false,
        )?;
        let window = self.sandbox.window(mark)?;
        let text = fs::read_to_string(&self.newman_report).with_context(|| {
            format!(
                "newman wrote no report to {} (exit {:?})",
                relative(&self.newman_report),
                timed.exit_code
            )
        })?;
        let verdict = newman_report_verdict(&text, self.actions)
            .with_context(|| format!("newman's report {}", relative(&self.newman_report)))?;
        if timed.exit_code != Some(0) {
            bail!("newman exited with {:?} in the warm-up", timed.exit_code);
        }
        window.expect_gets(self.actions, "newman")?;
        Ok(json!({
            "requests": verdict.requests,
            "assertions": verdict.assertions,
            "failures": 0,
            "token_requests": window.tokens(),
            "wall_s": timed.wall.as_secs_f64(),
        }))
    }

    fn wrk_command(&self, token: &str, seconds: u64) -> Command {
        let mut command = Command::new(WRK);
        command
            .args(["-t1", &format!("-c{}", self.jobs), &format!("-d{seconds}s")])
            .args(["--timeout", "10s", "-H", "Accept: application/json", "-H"])
            .arg(format!("Authorization: Bearer {token}"))
            .arg(&self.url)
            .current_dir(&self.root);
        command
    }

    fn wrk_shown(&self, seconds: u64) -> String {
        display_command(&self.wrk_command("$TOKEN", seconds))
    }

    /// A token from the harness (untimed, counted), then one wrk run, checked: no error, no
    /// status other than 2xx or 3xx, and the sandbox answered at least what wrk counted, all
    /// with 200. Returns the token requests the sandbox saw.
    fn wrk_run(&self, seconds: u64) -> anyhow::Result<(Run, WrkOutput, u64)> {
        let mark = self.sandbox.mark()?;
        let token = self.sandbox.token()?;
        let token_window = self.sandbox.window(mark)?;
        let mark = self.sandbox.mark()?;
        let timed = measure(&self.wrk_command(&token, seconds), &[0], true)?;
        let window = self.sandbox.window(mark)?;
        let wrk = parse_wrk(&timed.stdout).context("cannot read wrk's output")?;
        if wrk.non_success > 0 || wrk.socket_errors > 0 {
            bail!(
                "wrk saw {} non-2xx/3xx responses and {} socket errors:\n{}",
                wrk.non_success,
                wrk.socket_errors,
                timed.stdout
            );
        }
        if window.total < wrk.requests {
            bail!(
                "wrk counted {} requests but the sandbox answered {}",
                wrk.requests,
                window.total
            );
        }
        if let Some(odd) = window.entries.iter().find(|e| {
            e.method != "GET" || e.status != Some(200) || !self.url.contains(e.path.as_str())
        }) {
            bail!(
                "during wrk the sandbox logged {} {} answered {:?}",
                odd.method,
                odd.path,
                odd.status
            );
        }
        Ok((timed, wrk, token_window.tokens() + window.tokens()))
    }
}

/// A `connspec sandbox` child process; killed when dropped, on every way out.
#[derive(Debug)]
struct SandboxProcess {
    child: Child,
    /// `https://127.0.0.1:PORT`.
    base_url: String,
    ca: PathBuf,
    instance: PathBuf,
    /// The sandbox's test client credentials, by environment variable (sandbox-only values).
    credentials: BTreeMap<String, String>,
    /// The highest sequence number seen in its log: the mark when the log is empty (after a
    /// run that sent it nothing, such as a replay).
    last_seq: std::cell::Cell<u64>,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SandboxProcess {
    fn start(connspec: &Path, dir: &Path) -> anyhow::Result<Self> {
        let ca = dir.join("sandbox-ca.pem");
        let instance = dir.join("sandbox.yaml");
        let log_path = dir.join("sandbox.log");
        let log = fs::File::create(&log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let mut command = Command::new(connspec);
        command
            .args(["sandbox", "--port", "0", "--instance-out"])
            .arg(&instance)
            .arg("--ca-out")
            .arg(&ca)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log);
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start `{}`", display_command(&command)))?;
        let stdout = child.stdout.take();
        // From here on the guard owns the child: any error below kills it.
        let mut sandbox = Self {
            child,
            base_url: String::new(),
            ca,
            instance,
            credentials: BTreeMap::new(),
            last_seq: std::cell::Cell::new(0),
        };
        let stdout = stdout.context("the sandbox's standard output is not piped")?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + SANDBOX_START;
        let mut banner = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match receiver.recv_timeout(left) {
                Ok(line) => {
                    let done = line.starts_with("Press Ctrl-C");
                    banner.push_str(&line);
                    banner.push('\n');
                    if done {
                        break;
                    }
                }
                Err(error) => {
                    let log = fs::read_to_string(&log_path).unwrap_or_default();
                    bail!(
                        "the sandbox printed no complete banner ({}); its standard error:\n{log}",
                        match error {
                            mpsc::RecvTimeoutError::Timeout => "timed out",
                            mpsc::RecvTimeoutError::Disconnected => "it exited",
                        }
                    );
                }
            }
        }
        let parsed = parse_banner(&banner)?;
        sandbox.base_url = parsed.base_url;
        sandbox.credentials = parsed.credentials;
        for (_, variable) in SECRETS {
            if !sandbox.credentials.contains_key(variable) {
                bail!("the sandbox's banner gives no `{variable}`");
            }
        }
        for path in [&sandbox.ca, &sandbox.instance] {
            if !path.is_file() {
                bail!("the sandbox did not write {}", path.display());
            }
        }
        Ok(sandbox)
    }

    /// curl against the sandbox: its CA, no proxy, bounded in time, failing on an HTTP error.
    fn curl(&self) -> Command {
        let mut command = Command::new(CURL);
        command
            .args([
                "-sS",
                "--fail",
                "--noproxy",
                "*",
                "--max-time",
                "30",
                "--cacert",
            ])
            .arg(&self.ca);
        command
    }

    fn curl_output(mut command: Command, what: &str) -> anyhow::Result<String> {
        let output = command
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run curl for {what}"))?;
        if !output.status.success() {
            bail!(
                "curl for {what} failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Where the log stands: the sequence number of its newest entry; then the log is cleared,
    /// so the next [`SandboxProcess::window`] reads only what came after.
    fn mark(&self) -> anyhow::Result<u64> {
        // Read before clearing, so the highest sequence number so far is known.
        self.log()?;
        let mut clear = self.curl();
        clear
            .args(["-X", "DELETE"])
            .arg(format!("{}/_sandbox/requests", self.base_url));
        Self::curl_output(clear, "clearing the request log")?;
        Ok(self.last_seq.get())
    }

    /// What the sandbox logged since `mark`.
    fn window(&self, mark: u64) -> anyhow::Result<Window> {
        let entries: Vec<LogEntry> = self.log()?.into_iter().filter(|e| e.seq > mark).collect();
        let total = entries.last().map_or(0, |e| e.seq - mark);
        Ok(Window { total, entries })
    }

    fn log(&self) -> anyhow::Result<Vec<LogEntry>> {
        let mut command = self.curl();
        command.arg(format!("{}/_sandbox/requests", self.base_url));
        let text = Self::curl_output(command, "the request log")?;
        let entries = parse_log(&text)?;
        if let Some(last) = entries.last() {
            self.last_seq.set(self.last_seq.get().max(last.seq));
        }
        Ok(entries)
    }

    /// An access token of the client-credentials client, as the spec asks for it.
    fn token(&self) -> anyhow::Result<String> {
        let credential = |variable: &str| {
            self.credentials
                .get(variable)
                .map_or("", String::as_str)
                .to_owned()
        };
        let mut command = self.curl();
        command
            .args(["-d", "grant_type=client_credentials", "-d"])
            .arg(format!("client_id={}", credential(SECRETS[0].1)))
            .arg("-d")
            .arg(format!("client_secret={}", credential(SECRETS[1].1)))
            .args(["-d", &format!("scope={SCOPE}")])
            .arg(format!("{}{TOKEN_PATH}", self.base_url));
        let text = Self::curl_output(command, "the token request")?;
        let value: Value = serde_json::from_str(&text).context("the token response is not JSON")?;
        value
            .get("access_token")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .context("the token response has no `access_token`")
    }
}

/// A request the sandbox logged (the fields the bench reads).
#[derive(Debug, Clone, PartialEq, Eq)]
struct LogEntry {
    seq: u64,
    method: String,
    path: String,
    query: Option<String>,
    status: Option<u16>,
}

/// `GET /_sandbox/requests`.
fn parse_log(text: &str) -> anyhow::Result<Vec<LogEntry>> {
    let value: Value = serde_json::from_str(text).context("the request log is not JSON")?;
    let list = value.as_array().context("the request log is not a list")?;
    list.iter()
        .map(|entry| {
            let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
            Ok(LogEntry {
                seq: entry
                    .get("seq")
                    .and_then(Value::as_u64)
                    .context("a log entry has no `seq`")?,
                method: text("method").context("a log entry has no `method`")?,
                path: text("path").context("a log entry has no `path`")?,
                query: text("query"),
                status: entry
                    .get("status")
                    .and_then(Value::as_u64)
                    .and_then(|s| u16::try_from(s).ok()),
            })
        })
        .collect()
}

/// The requests of one run, as the sandbox logged them.
#[derive(Debug)]
struct Window {
    /// Requests answered (exact even when the log dropped old entries).
    total: u64,
    /// The entries the log still holds (the newest 10,000).
    entries: Vec<LogEntry>,
}

impl Window {
    fn tokens(&self) -> u64 {
        self.entries.iter().filter(|e| e.path == TOKEN_PATH).count() as u64
    }

    /// `actions` GETs of the API answered with 200, and nothing else but token requests.
    fn expect_gets(&self, actions: usize, tool: &str) -> anyhow::Result<()> {
        if self.entries.len() as u64 != self.total {
            bail!("the sandbox's log lost entries of a {tool} run");
        }
        let gets = self
            .entries
            .iter()
            .filter(|e| e.method == "GET" && e.path.starts_with("/api/") && e.status == Some(200))
            .count();
        let others = self.entries.len() as u64 - gets as u64 - self.tokens();
        if gets != actions || others != 0 {
            bail!(
                "{tool}: the sandbox answered {gets} GETs with 200 of {actions} expected, and \
                 logged {others} other requests"
            );
        }
        Ok(())
    }
}

/// What the sandbox prints first.
#[derive(Debug, PartialEq, Eq)]
struct Banner {
    base_url: String,
    credentials: BTreeMap<String, String>,
}

fn parse_banner(text: &str) -> anyhow::Result<Banner> {
    let base_url = text
        .lines()
        .find_map(|line| line.strip_prefix("connspec sandbox listening on "))
        .and_then(|rest| rest.split_whitespace().next())
        .context("the sandbox's banner gives no URL")?
        .to_owned();
    // Nothing may leave this machine.
    if !base_url.starts_with("https://127.0.0.1:") {
        bail!("the sandbox listens on {base_url}, not HTTPS on 127.0.0.1");
    }
    let credentials = text
        .lines()
        .filter_map(|line| line.strip_prefix("export "))
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    Ok(Banner {
        base_url,
        credentials,
    })
}

/// Keeps a tool on this machine: proxies point to a closed port, and only 127.0.0.1 bypasses
/// them.
fn local_only(command: &mut Command) {
    offline(command);
    command
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1");
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// The source spec with its actions replaced by `actions` copies of its first one, named
/// `list_0` to `list_{N-1}`.
fn workload_spec(source: &str, actions: usize) -> anyhow::Result<String> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|line| *line == "actions:")
        .context("the source spec has no top-level `actions:`")?;
    let first = lines
        .get(start + 1)
        .filter(|line| line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':'))
        .context("`actions:` is not followed by an action name")?;
    let body: Vec<&str> = lines[start + 2..]
        .iter()
        .take_while(|line| line.trim().is_empty() || line.starts_with("    "))
        .copied()
        .collect();
    if body.is_empty() {
        bail!("the action {} has no body", first.trim());
    }
    let mut out = format!(
        "# Generated by `cargo xtask bench run`: `{}` from {SOURCE_SPEC} x {actions}.\n",
        first.trim().trim_end_matches(':')
    );
    for line in lines[..start]
        .iter()
        .skip_while(|line| line.starts_with('#') || line.trim().is_empty())
    {
        if line.starts_with("name: ") {
            let _ = writeln!(out, "name: {CONNECTOR}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str("actions:\n");
    for i in 0..actions {
        let _ = writeln!(out, "  list_{i}:");
        for line in &body {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(out)
}

/// `connspec check` must find no error in the workload (warnings are fine).
fn check_spec(connspec: &Path, spec: &Path) -> anyhow::Result<()> {
    let mut command = Command::new(connspec);
    command
        .args(["check", "--format", "json", "--no-config"])
        .arg(spec);
    let output = command
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run `{}`", display_command(&command)))?;
    let report: Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "`{}` printed no JSON report: {}",
            display_command(&command),
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let errors: Vec<String> = report
        .get("files")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|file| {
            file.get("diagnostics")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter(|d| d.get("severity").and_then(Value::as_str) == Some("error"))
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() || !output.status.success() {
        bail!(
            "`connspec check` rejects the workload {} ({}): {}",
            relative(spec),
            output.status,
            errors.join("\n")
        );
    }
    Ok(())
}

/// `connspec compile --target postman` for the sandbox's instance: the collection and the
/// environment.
fn compile_postman(
    connspec: &Path,
    spec: &Path,
    instance: &Path,
    out: &Path,
) -> anyhow::Result<(PathBuf, PathBuf)> {
    let mut command = Command::new(connspec);
    command
        .args(["compile", "--color", "never", "--target", "postman"])
        .arg(spec)
        .arg("--instance")
        .arg(instance)
        .arg("-o")
        .arg(out)
        .stdin(Stdio::null());
    let output = command
        .output()
        .with_context(|| format!("cannot run `{}`", display_command(&command)))?;
    if !output.status.success() {
        bail!(
            "`{}` failed ({}): {}",
            display_command(&command),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stem = instance
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = out.join(stem);
    let collection = folder.join(format!("{CONNECTOR}.postman_collection.json"));
    let environment = folder.join(format!("{CONNECTOR}.postman_environment.json"));
    for path in [&collection, &environment] {
        if !path.is_file() {
            bail!(
                "`connspec compile --target postman` wrote no {}",
                path.display()
            );
        }
    }
    Ok((collection, environment))
}

fn newman_version(newman: &Path) -> anyhow::Result<String> {
    let output = Command::new(newman)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", newman.display()))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || version.is_empty() {
        bail!("`newman --version` failed ({})", output.status);
    }
    Ok(version)
}

/// What the bench reads of `connspec test --format json`.
#[derive(Debug, PartialEq, Eq)]
struct ConnspecReport {
    passed: usize,
    token_requests: u64,
    requests: u64,
    elapsed_ms: u64,
}

/// Reads connspec's report and fails unless every one of `actions` actions passed.
fn connspec_report(stdout: &str, actions: usize) -> anyhow::Result<ConnspecReport> {
    let document: Value =
        serde_json::from_str(stdout).context("cannot parse connspec's JSON report")?;
    let report = document
        .get("report")
        .context("connspec's JSON report has no `report`")?;
    let list = report
        .get("actions")
        .and_then(Value::as_array)
        .context("connspec's report has no `actions`")?;
    let outcome = |a: &Value| a.get("outcome").and_then(Value::as_str).map(str::to_owned);
    let passed = list
        .iter()
        .filter(|a| outcome(a).as_deref() == Some("passed"))
        .count();
    let number = |key: &str| {
        report
            .get(key)
            .and_then(Value::as_u64)
            .with_context(|| format!("connspec's report has no `{key}`"))
    };
    let report_read = ConnspecReport {
        passed,
        token_requests: number("token_requests")?,
        requests: number("requests")?,
        elapsed_ms: number("elapsed_ms")?,
    };
    let all_passed = document.get("passed").and_then(Value::as_bool) == Some(true);
    if passed != actions || list.len() != actions || !all_passed {
        let failed: Vec<String> = list
            .iter()
            .filter(|a| outcome(a).as_deref() != Some("passed"))
            .take(5)
            .map(|a| {
                format!(
                    "{} ({}: {})",
                    a.get("name").and_then(Value::as_str).unwrap_or("?"),
                    outcome(a).unwrap_or_default(),
                    a.get("findings").map(Value::to_string).unwrap_or_default()
                )
            })
            .collect();
        bail!(
            "connspec passed {passed} of {actions} actions (token error: {}); e.g. {}",
            report
                .get("token_error")
                .map(Value::to_string)
                .unwrap_or_default(),
            failed.join("; ")
        );
    }
    Ok(report_read)
}

/// newman's cli summary table: `executed` and `failed` by row (`requests`, `assertions`, …).
#[derive(Debug, PartialEq, Eq)]
struct NewmanSummary(BTreeMap<String, (u64, u64)>);

impl NewmanSummary {
    /// `actions` + 1 requests and no failure of any kind.
    fn expect(&self, actions: usize) -> anyhow::Result<()> {
        let requests = self
            .0
            .get("requests")
            .context("newman's summary has no `requests` row")?;
        if requests.0 != actions as u64 + 1 {
            bail!(
                "newman executed {} requests, not {} (the token and {actions} actions)",
                requests.0,
                actions + 1
            );
        }
        if !self.0.contains_key("assertions") {
            bail!("newman's summary has no `assertions` row");
        }
        if let Some((row, (_, failed))) = self.0.iter().find(|(_, (_, failed))| *failed > 0) {
            bail!("newman's summary: {failed} {row} failed");
        }
        Ok(())
    }
}

/// Reads the `| row | executed | failed |` lines of newman's cli reporter.
fn newman_summary(stdout: &str) -> anyhow::Result<NewmanSummary> {
    let mut rows = BTreeMap::new();
    for line in stdout.lines() {
        let cells: Vec<&str> = line.trim().split('|').map(str::trim).collect();
        if let [_, name, executed, failed, _] = cells.as_slice()
            && let (Ok(executed), Ok(failed)) = (executed.parse(), failed.parse())
        {
            rows.insert((*name).to_owned(), (executed, failed));
        }
    }
    if rows.is_empty() {
        bail!("newman printed no summary table");
    }
    Ok(NewmanSummary(rows))
}

/// What the bench keeps of newman's JSON report.
#[derive(Debug, PartialEq, Eq)]
struct NewmanVerdict {
    requests: u64,
    assertions: u64,
}

/// The token request first, then `actions` requests, and nothing failed.
fn newman_report_verdict(text: &str, actions: usize) -> anyhow::Result<NewmanVerdict> {
    let report: Value = serde_json::from_str(text).context("not JSON")?;
    let run = report.get("run").context("no `run`")?;
    let stat = |what: &str, field: &str| {
        run.get("stats")
            .and_then(|s| s.get(what))
            .and_then(|s| s.get(field))
            .and_then(Value::as_u64)
            .with_context(|| format!("no `run.stats.{what}.{field}`"))
    };
    let requests = stat("requests", "total")?;
    if requests != actions as u64 + 1 {
        bail!("{requests} requests, not the token and {actions} actions");
    }
    for what in ["requests", "assertions", "testScripts"] {
        let failed = stat(what, "failed")?;
        if failed != 0 {
            bail!("{failed} {what} failed");
        }
    }
    let failures = run
        .get("failures")
        .and_then(Value::as_array)
        .context("no `run.failures`")?;
    if !failures.is_empty() {
        bail!("{} failures", failures.len());
    }
    let executions = run
        .get("executions")
        .and_then(Value::as_array)
        .context("no `run.executions`")?;
    let first = executions
        .first()
        .and_then(|e| e.pointer("/item/name"))
        .and_then(Value::as_str);
    if executions.len() != actions + 1 || first != Some("Get access token") {
        bail!(
            "{} executions, the first {first:?}; expected the token request and {actions} \
             actions",
            executions.len()
        );
    }
    Ok(NewmanVerdict {
        requests,
        assertions: stat("assertions", "total")?,
    })
}

/// What the bench reads of wrk's report.
#[derive(Debug, Clone, PartialEq)]
struct WrkOutput {
    requests: u64,
    seconds: f64,
    rps: f64,
    /// `Non-2xx or 3xx responses`.
    non_success: u64,
    /// connect + read + write + timeout.
    socket_errors: u64,
}

fn parse_wrk(stdout: &str) -> anyhow::Result<WrkOutput> {
    let mut requests = None;
    let mut rps = None;
    let mut non_success = 0;
    let mut socket_errors = 0;
    for line in stdout.lines().map(str::trim) {
        if let Some((count, rest)) = line.split_once(" requests in ") {
            let time = rest.split(',').next().unwrap_or_default().trim();
            requests = Some((
                count
                    .trim()
                    .parse::<u64>()
                    .with_context(|| format!("`{line}`"))?,
                parse_wrk_duration(time).with_context(|| format!("`{line}`"))?,
            ));
        } else if let Some(value) = line.strip_prefix("Requests/sec:") {
            rps = Some(
                value
                    .trim()
                    .parse::<f64>()
                    .with_context(|| format!("`{line}`"))?,
            );
        } else if let Some(value) = line.strip_prefix("Non-2xx or 3xx responses:") {
            non_success = value.trim().parse().with_context(|| format!("`{line}`"))?;
        } else if let Some(list) = line.strip_prefix("Socket errors:") {
            for part in list.split(',') {
                let count = part.split_whitespace().last().unwrap_or_default();
                socket_errors += count.parse::<u64>().with_context(|| format!("`{line}`"))?;
            }
        }
    }
    let (requests, seconds) = requests.context("no `N requests in T` line")?;
    let rps = rps.context("no `Requests/sec:` line")?;
    if requests == 0 || rps.is_nan() || rps <= 0.0 {
        bail!("wrk completed no request");
    }
    Ok(WrkOutput {
        requests,
        seconds,
        rps,
        non_success,
        socket_errors,
    })
}

/// wrk's durations: `2.10s`, `500.00ms`, `1.00m`, `12.00us`, `3.00h`.
fn parse_wrk_duration(text: &str) -> anyhow::Result<f64> {
    let (number, scale) = [
        ("us", 1e-6),
        ("ms", 1e-3),
        ("s", 1.0),
        ("m", 60.0),
        ("h", 3600.0),
    ]
    .iter()
    .find_map(|(unit, scale)| text.strip_suffix(unit).map(|n| (n, *scale)))
    .with_context(|| format!("`{text}` is not a wrk duration"))?;
    let number: f64 = number
        .parse()
        .with_context(|| format!("`{text}` is not a wrk duration"))?;
    Ok(number * scale)
}

#[cfg(test)]
mod tests {
    use connspec_diagnostics::SourceFile;
    use connspec_model::{CheckOptions, DocumentKind, check_source};

    use super::*;

    const WRK_OUTPUT: &str =
        "Running 2s test @ https://127.0.0.1:40607/api/expense_reports?limit=50
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   257.55us  120.81us   1.78ms   69.16%
    Req/Sec    14.58k     2.70k   19.98k    76.19%
  30443 requests in 2.10s, 464.90MB read
Requests/sec:  14495.96
Transfer/sec:    221.37MB
";

    #[test]
    fn reads_wrk_output() {
        let wrk = parse_wrk(WRK_OUTPUT).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(wrk.requests, 30_443);
        assert!((wrk.seconds - 2.1).abs() < 1e-9);
        assert!((wrk.rps - 14_495.96).abs() < 1e-9);
        assert_eq!((wrk.non_success, wrk.socket_errors), (0, 0));

        let failing = WRK_OUTPUT.replace(
            "Requests/sec:",
            "  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: \
             17\nRequests/sec:",
        );
        let wrk = parse_wrk(&failing).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!((wrk.non_success, wrk.socket_errors), (17, 3));

        assert!(parse_wrk("unable to connect to 127.0.0.1:1 Connection refused").is_err());
        let none = "  0 requests in 1.00s, 0.00B read\nRequests/sec:      0.00\n";
        assert!(parse_wrk(none).is_err());
    }

    #[test]
    fn reads_wrk_durations() {
        for (text, seconds) in [
            ("2.10s", 2.1),
            ("500.00ms", 0.5),
            ("1.50m", 90.0),
            ("12us", 12e-6),
        ] {
            let parsed = parse_wrk_duration(text).unwrap_or_else(|err| panic!("{err:#}"));
            assert!((parsed - seconds).abs() < 1e-9, "{text}");
        }
        assert!(parse_wrk_duration("fast").is_err());
    }

    const NEWMAN_CLI: &str = "
+-------------------------+-----------------+-----------------+
|                         |        executed |          failed |
+-------------------------+-----------------+-----------------+
|              iterations |               1 |               0 |
+-------------------------+-----------------+-----------------+
|                requests |             501 |               0 |
+-------------------------+-----------------+-----------------+
|            test-scripts |             501 |               0 |
+-------------------------+-----------------+-----------------+
|      prerequest-scripts |               0 |               0 |
+-------------------------+-----------------+-----------------+
|              assertions |            1501 |               0 |
+-------------------------+-----------------+-----------------+
| total run duration: 9.4s                                    |
+-------------------------------------------------------------+
";

    #[test]
    fn reads_newman_summary() {
        let summary = newman_summary(NEWMAN_CLI).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(summary.0.get("requests"), Some(&(501, 0)));
        assert_eq!(summary.0.get("assertions"), Some(&(1501, 0)));
        assert!(summary.expect(500).is_ok());
        assert!(summary.expect(499).is_err());
        let failed = NEWMAN_CLI.replace("|            1501 |               0 |", "| 1501 | 3 |");
        let summary = newman_summary(&failed).unwrap_or_else(|err| panic!("{err:#}"));
        assert!(summary.expect(500).is_err());
        assert!(newman_summary("error: collection could not be loaded").is_err());
    }

    fn newman_report(actions: usize, failures: usize) -> String {
        let mut executions = vec![json!({"item": {"name": "Get access token"}})];
        executions.extend((0..actions).map(|i| json!({"item": {"name": format!("list_{i}")}})));
        let stat =
            |total: usize, failed: usize| json!({"total": total, "pending": 0, "failed": failed});
        json!({
            "environment": {"values": [{"key": "COUPA_CLIENT_SECRET", "value": "s3"}]},
            "run": {
                "stats": {
                    "requests": stat(actions + 1, 0),
                    "assertions": stat(3 * actions + 1, failures),
                    "testScripts": stat(actions + 1, 0),
                },
                "failures": (0..failures).map(|_| json!({})).collect::<Vec<_>>(),
                "executions": executions,
            }
        })
        .to_string()
    }

    #[test]
    fn reads_newman_json_report() {
        let verdict =
            newman_report_verdict(&newman_report(3, 0), 3).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(
            verdict,
            NewmanVerdict {
                requests: 4,
                assertions: 10
            }
        );
        assert!(newman_report_verdict(&newman_report(3, 1), 3).is_err());
        assert!(newman_report_verdict(&newman_report(2, 0), 3).is_err());
        assert!(newman_report_verdict("{}", 3).is_err());
    }

    #[test]
    fn reads_connspec_report() {
        let report = |outcomes: &[&str]| {
            json!({
                "version": 1,
                "passed": outcomes.iter().all(|o| *o == "passed"),
                "report": {
                    "actions": outcomes.iter().enumerate()
                        .map(|(i, o)| json!({"name": format!("list_{i}"), "outcome": o}))
                        .collect::<Vec<_>>(),
                    "token_requests": 1,
                    "requests": outcomes.len(),
                    "elapsed_ms": 150,
                }
            })
            .to_string()
        };
        let parsed = connspec_report(&report(&["passed", "passed"]), 2)
            .unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(
            parsed,
            ConnspecReport {
                passed: 2,
                token_requests: 1,
                requests: 2,
                elapsed_ms: 150
            }
        );
        assert!(connspec_report(&report(&["passed", "failed"]), 2).is_err());
        assert!(connspec_report(&report(&["passed"]), 2).is_err());
        assert!(connspec_report("error: no spec", 2).is_err());
    }

    #[test]
    fn reads_the_sandbox_banner_and_log() {
        let banner = "connspec sandbox listening on https://127.0.0.1:40607 (seed 1)\n\
                      CA certificate: ca.pem\n\n# Test credentials (sandbox only):\n\
                      export COUPA_SANDBOX_CLIENT_ID=sandbox-service\n\
                      export COUPA_SANDBOX_CLIENT_SECRET=sandbox-service-secret\n";
        let parsed = parse_banner(banner).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(parsed.base_url, "https://127.0.0.1:40607");
        assert_eq!(
            parsed
                .credentials
                .get("COUPA_SANDBOX_CLIENT_ID")
                .map(String::as_str),
            Some("sandbox-service")
        );
        assert!(parse_banner("connspec sandbox listening on http://10.0.0.1:80 (seed 1)").is_err());
        assert!(parse_banner("error: cannot start").is_err());

        let log = r#"[{"seq":7,"at_ms":1,"host":"127.0.0.1:1","method":"POST","path":"/oauth2/token",
            "query":null,"status":200,"token_presented":false},
            {"seq":8,"method":"GET","path":"/api/expense_reports","query":"limit=50","status":200}]"#;
        let entries = parse_log(log).unwrap_or_else(|err| panic!("{err:#}"));
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].query.as_deref(), Some("limit=50"));
        let window = Window { total: 2, entries };
        assert_eq!(window.tokens(), 1);
        assert!(window.expect_gets(1, "test").is_ok());
        assert!(window.expect_gets(2, "test").is_err());
        let lossy = Window {
            total: 3,
            entries: window.entries.clone(),
        };
        assert!(lossy.expect_gets(1, "test").is_err());
    }

    #[test]
    fn the_workload_is_a_valid_spec_with_n_copies_of_the_action() {
        let source = fs::read_to_string(project_root().join(SOURCE_SPEC))
            .unwrap_or_else(|err| panic!("{SOURCE_SPEC}: {err}"));
        let text = workload_spec(&source, 3).unwrap_or_else(|err| panic!("{err:#}"));
        let checked = check_source(
            &SourceFile::new("spec.yaml", text.as_str()),
            &CheckOptions {
                kind: Some(DocumentKind::Connector),
                ..CheckOptions::default()
            },
        );
        assert!(!checked.has_errors(), "{:?}\n{text}", checked.diagnostics);
        let spec = checked.spec.unwrap_or_else(|| panic!("a spec:\n{text}"));
        assert_eq!(spec.name, CONNECTOR);
        let names: Vec<&str> = spec.actions.keys().map(String::as_str).collect();
        assert_eq!(names, ["list_0", "list_1", "list_2"]);
        assert!(workload_spec("spec_version: 1\n", 3).is_err());
    }
}
