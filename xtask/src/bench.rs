//! `cargo xtask bench [check|run|all] [--quick]`: connspec timed side by side with its peers.
//!
//! Every figure is measured in the same run, on the same inputs, as the peer it is compared
//! with, because these machines are shared and noisy: runs of the tools are interleaved, and
//! tables give the median with the minimum and maximum. `check` ([`check`]) times `connspec
//! check` on a generated corpus ([`corpus`]) against check-jsonschema, ajv-cli and a bare parse;
//! `run` ([`run`]) times `connspec test` on 500 GET actions against newman and wrk; `startup`
//! ([`startup`]) the binary's size and start-up, release build against the `dist` build the
//! releases ship. Each section prints its table and its targets; all of them go to
//! `target/bench/report.json`.

mod check;
mod corpus;
mod measure;
mod run;
mod startup;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use serde_json::json;

use crate::util::{project_root, run as run_command, succeeds};

pub(crate) use check::{CheckArgs, CorpusArgs};
pub(crate) use run::RunArgs;

/// `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub(crate) struct BenchArgs {
    #[command(subcommand)]
    what: Option<BenchTask>,
    /// Fewer runs and a smaller run workload, for a figure in under three minutes.
    #[arg(long, global = true)]
    quick: bool,
}

#[derive(Debug, clap::Subcommand)]
enum BenchTask {
    /// `connspec check` on a generated corpus, against check-jsonschema, ajv-cli and a bare
    /// parse.
    Check(CheckArgs),
    /// `connspec test` on 500 GET actions against the sandbox, against newman and wrk.
    Run(RunArgs),
    /// Binary size and start-up (`--version`, `check` of one small spec) of the release build
    /// and of the `dist` build the releases ship.
    Startup(startup::StartupArgs),
    /// All three (the default).
    All,
    /// Only generate the corpus into `target/bench/corpus/` (the criterion benches read it).
    Corpus(CorpusArgs),
    /// The smoke run `cargo xtask ci` makes (tiny workload, one run, targets not enforced).
    Smoke,
}

/// What one bench section measured.
#[derive(Debug)]
pub(crate) struct Section {
    /// `check` or `run`.
    pub(crate) name: &'static str,
    /// The human table, printed as is.
    pub(crate) table: String,
    /// The section's part of `report.json`.
    pub(crate) json: serde_json::Value,
    pub(crate) targets: Vec<Target>,
}

/// One of the ratios the project aims at (issue "Performance"), and what this run measured.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// What is compared, e.g. `check-jsonschema / connspec check`.
    pub(crate) name: String,
    /// The aim, e.g. `>= 50x`.
    pub(crate) goal: String,
    /// The measured figure, e.g. `73.4x`.
    pub(crate) measured: String,
    pub(crate) met: bool,
}

impl Target {
    /// A ratio that must be at least `goal`.
    pub(crate) fn at_least(name: impl Into<String>, ratio: f64, goal: f64) -> Self {
        Self {
            name: name.into(),
            goal: format!(">= {goal}x"),
            measured: format!("{ratio:.1}x"),
            met: ratio >= goal,
        }
    }

    /// A ratio that must be at most `goal`.
    pub(crate) fn at_most(name: impl Into<String>, ratio: f64, goal: f64) -> Self {
        Self {
            name: name.into(),
            goal: format!("<= {goal}x"),
            measured: format!("{ratio:.2}x"),
            met: ratio <= goal,
        }
    }

    /// An absolute bound, e.g. `<= 64 MB`.
    pub(crate) fn bound(name: impl Into<String>, value: f64, limit: f64, unit: &str) -> Self {
        Self {
            name: name.into(),
            goal: format!("<= {limit} {unit}"),
            measured: format!("{value:.1} {unit}"),
            met: value <= limit,
        }
    }

    pub(crate) fn exactly(name: impl Into<String>, value: u64, goal: u64) -> Self {
        Self {
            name: name.into(),
            goal: format!("= {goal}"),
            measured: value.to_string(),
            met: value == goal,
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({"target": self.name, "goal": self.goal, "measured": self.measured, "met": self.met})
    }
}

pub(crate) fn main(args: &BenchArgs) -> anyhow::Result<()> {
    let quick = args.quick;
    let sections = match &args.what {
        Some(BenchTask::Corpus(corpus)) => return check::corpus(corpus, quick),
        Some(BenchTask::Smoke) => return smoke(),
        Some(BenchTask::Check(check)) => vec![check::run(check, quick)?],
        Some(BenchTask::Run(run)) => vec![run::run(run, quick)?],
        Some(BenchTask::Startup(startup)) => vec![startup::run(startup, quick)?],
        Some(BenchTask::All) | None => vec![
            check::run(&CheckArgs::default(), quick)?,
            run::run(&RunArgs::default(), quick)?,
            startup::run(&startup::StartupArgs::default(), quick)?,
        ],
    };
    report(&sections, quick, "target/bench/report.json")
}

/// The smoke run `cargo xtask ci` makes: both sections on a tiny workload, one run each, so
/// the harness (peers, corpus, parsing of every tool's output) cannot rot. Targets are not
/// enforced: one run on a tiny input says nothing about speed, so it times the debug build the
/// test step already made.
pub(crate) fn smoke() -> anyhow::Result<()> {
    let sections = vec![
        check::run(&CheckArgs::smoke(), true)?,
        run::run(&RunArgs::smoke(), true)?,
        startup::run(&startup::StartupArgs::smoke(), true)?,
    ];
    report(&sections, true, "target/bench/smoke-report.json")
}

fn report(sections: &[Section], quick: bool, path: &str) -> anyhow::Result<()> {
    let mut summary = String::new();
    let _ = writeln!(summary, "\ntargets:");
    for section in sections {
        print!("{}", section.table);
        for target in &section.targets {
            let _ = writeln!(
                summary,
                "  {:<8} {:<52} {:>10}  goal {:<10} {}",
                section.name,
                target.name,
                target.measured,
                target.goal,
                if target.met { "met" } else { "MISSED" }
            );
        }
    }
    print!("{summary}");
    let root = project_root();
    let path = root.join(path);
    let mut json = serde_json::Map::new();
    json.insert("generated_by".into(), "cargo xtask bench".into());
    json.insert("quick".into(), quick.into());
    json.insert("machine".into(), machine());
    for section in sections {
        let mut value = section.json.clone();
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "targets".into(),
                section.targets.iter().map(Target::json).collect(),
            );
        }
        json.insert(section.name.into(), value);
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    fs::write(
        &path,
        serde_json::to_string_pretty(&serde_json::Value::Object(json))? + "\n",
    )
    .with_context(|| format!("cannot write {}", path.display()))?;
    println!("report: {}", relative(&path));
    Ok(())
}

/// What the figures were measured on.
fn machine() -> serde_json::Value {
    let cpu = fs::read_to_string("/proc/cpuinfo").ok().and_then(|text| {
        text.lines()
            .find_map(|line| line.strip_prefix("model name"))
            .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
    });
    let memory_kb = fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
        text.lines()
            .find_map(|line| line.strip_prefix("MemTotal:"))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
    });
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .ok()
        .map(|s| s.trim().to_owned());
    json!({
        "cpu": cpu,
        "cpus": std::thread::available_parallelism().map(usize::from).ok(),
        "memory_kb": memory_kb,
        "kernel": kernel,
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "peak_rss_source": Path::new(measure::TIME).is_file().then_some(measure::TIME),
    })
}

/// Which build a run times: release for real figures; debug for the CI smoke run, which
/// only proves the harness works and so reuses the build the test step made instead of
/// compiling the workspace a second time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Profile {
    #[default]
    Release,
    Debug,
    /// `[profile.dist]`: what the releases ship (LTO, one codegen unit, stripped).
    Dist,
}

impl Profile {
    /// The folder of `target/` the profile builds into.
    pub(crate) fn dir(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Debug => "debug",
            Profile::Dist => "dist",
        }
    }
}

/// Builds a binary or example in `profile` and returns its path.
pub(crate) fn build(
    profile: Profile,
    package: &str,
    kind: &str,
    name: &str,
) -> anyhow::Result<PathBuf> {
    let mut command = crate::util::cargo();
    command.args([
        "build",
        "--locked",
        "-p",
        package,
        &format!("--{kind}"),
        name,
    ]);
    match profile {
        Profile::Release => {
            command.arg("--release");
        }
        Profile::Dist => {
            command.args(["--profile", "dist"]);
        }
        Profile::Debug => {}
    }
    run_command(&mut command)?;
    let dir = target_dir().join(profile.dir());
    Ok(if kind == "example" {
        dir.join("examples").join(name)
    } else {
        dir.join(name)
    })
}

/// Makes sure the Debian packages that provide `programs` are installed (wrk for `bench run`,
/// GNU time for peak RSS), installing them with apt-get when they are missing.
pub(crate) fn ensure_debian(packages: &[(&str, &str)]) -> anyhow::Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(program, _)| !Path::new(program).is_file())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("bench: installing Debian packages {}", missing.join(", "));
    let apt = |args: &[&str]| {
        let mut command = if is_root() {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "apt-get"]);
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    // A fresh machine may have no package lists yet: update once, then try again.
    if !succeeds(&mut install) {
        run_command(&mut apt(&["update", "-q"]))
            .context("cannot update the Debian package lists")?;
        let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
        install.args(&missing);
        run_command(&mut install)
            .with_context(|| format!("cannot install {}", missing.join(", ")))?;
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` or `target/` in the project root.
pub(crate) fn target_dir() -> PathBuf {
    let root = project_root();
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

pub(crate) fn megabytes(bytes: u64) -> f64 {
    measure::to_f64(bytes) / 1e6
}

pub(crate) fn relative(path: &Path) -> String {
    path.strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string()
}
