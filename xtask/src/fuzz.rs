//! `cargo xtask fuzz`: builds the cargo-fuzz targets in `fuzz/` and runs each for a while.
//!
//! cargo-fuzz needs nightly-only rustc flags; `RUSTC_BOOTSTRAP=1` lets the stable toolchain
//! accept them, so no second toolchain is needed. The targets are safe Rust, so they are built
//! without a sanitizer (`-s none`): coverage guidance and Rust's own checks find the panics,
//! hangs and broken invariants the targets assert, at several times the speed of `AddressSanitizer`.
//! Corpora grow under `target/fuzz/corpus/` from the seeds in the repository; a crash stops the
//! run with the input's path and its debug form, to be turned into a case in `tests/cases/fuzz/`.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;

use crate::util::{cargo, project_root, run, succeeds};

/// The cargo-fuzz release the project is tested with.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// One fuzz target and the folders (relative to the project root) that seed its corpus.
struct FuzzTarget {
    name: &'static str,
    seeds: &'static [&'static str],
}

const TARGETS: &[FuzzTarget] = &[
    FuzzTarget {
        name: "load",
        seeds: &["connectors", "tests/cases"],
    },
    FuzzTarget {
        name: "check",
        seeds: &["connectors", "tests/cases"],
    },
    FuzzTarget {
        name: "render",
        seeds: &[],
    },
    FuzzTarget {
        name: "import_curl",
        seeds: &["fuzz/seeds/curl", "tests/cases/fuzz/curl"],
    },
];

#[derive(Debug, Args)]
pub(crate) struct FuzzArgs {
    /// How long each target runs, in seconds.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Run only this target (repeatable); default: every target.
    #[arg(long = "target", value_name = "NAME")]
    targets: Vec<String>,
}

/// What one target's run measured.
struct Outcome {
    name: &'static str,
    executions: u64,
    per_second: u64,
    corpus: usize,
    seconds: f64,
}

/// Seconds per target in CI: enough to replay the seeds and explore a little (under a minute in
/// all), so the targets never rot; the long runs are `cargo xtask fuzz --seconds 600`.
const SMOKE_SECONDS: u64 = 10;

/// The CI smoke run: every target for [`SMOKE_SECONDS`].
pub(crate) fn smoke() -> anyhow::Result<()> {
    run_all(&FuzzArgs {
        seconds: SMOKE_SECONDS,
        targets: Vec::new(),
    })
}

pub(crate) fn run_all(args: &FuzzArgs) -> anyhow::Result<()> {
    let selected: Vec<&FuzzTarget> = TARGETS
        .iter()
        .filter(|t| args.targets.is_empty() || args.targets.iter().any(|n| n == t.name))
        .collect();
    if selected.is_empty() {
        let known: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        bail!("no such fuzz target; known: {}", known.join(", "));
    }
    ensure_cargo_fuzz()?;
    let root = project_root();
    let started = Instant::now();
    run(fuzz_command().args(["build", "-s", "none", "--release"]))?;
    println!(
        "fuzz: built {} targets in {:.0} s",
        TARGETS.len(),
        started.elapsed().as_secs_f64()
    );
    let mut outcomes = Vec::new();
    for target in selected {
        outcomes.push(run_target(&root, target, args.seconds)?);
    }
    println!("\n| target | executions | per second | corpus | seconds |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut total = 0;
    for outcome in &outcomes {
        total += outcome.executions;
        println!(
            "| {} | {} | {} | {} | {:.0} |",
            outcome.name, outcome.executions, outcome.per_second, outcome.corpus, outcome.seconds
        );
    }
    println!("| total | {total} | | | |");
    Ok(())
}

fn run_target(root: &Path, target: &FuzzTarget, seconds: u64) -> anyhow::Result<Outcome> {
    let corpus = root.join("target/fuzz/corpus").join(target.name);
    let artifacts = root.join("target/fuzz/artifacts").join(target.name);
    fs::create_dir_all(&corpus).with_context(|| format!("cannot create {}", corpus.display()))?;
    fs::create_dir_all(&artifacts)?;
    let mut command = fuzz_command();
    command
        .args(["run", "-s", "none", "--release", target.name])
        .arg(&corpus);
    // libFuzzer writes new inputs only into the first folder; the seeds are read, never written.
    for seed in target.seeds {
        let dir = root.join(seed);
        if dir.is_dir() {
            command.arg(dir);
        }
    }
    command
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        // An input that takes 10 s is a hang: libFuzzer reports it as a crash.
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    println!("\n==> fuzz {} for {seconds} s", target.name);
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("cannot run the `{}` fuzz target", target.name))?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "fuzz target `{}` failed; the input is in {} (show it with `cd fuzz && \
             RUSTC_BOOTSTRAP=1 cargo fuzz fmt -s none {} <file>`), then add it to \
             tests/cases/fuzz/\n{}",
            target.name,
            artifacts.display(),
            target.name,
            tail.join("\n")
        );
    }
    let executions = stat(&log, "stat::number_of_executed_units").unwrap_or(0);
    let per_second = stat(&log, "stat::average_exec_per_sec").unwrap_or(0);
    let corpus_size = fs::read_dir(&corpus).map_or(0, Iterator::count);
    println!(
        "fuzz: {} ran {executions} inputs ({per_second}/s), no crash",
        target.name
    );
    Ok(Outcome {
        name: target.name,
        executions,
        per_second,
        corpus: corpus_size,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A `stat::name: value` line of libFuzzer's final statistics.
fn stat(log: &str, name: &str) -> Option<u64> {
    log.lines().find_map(|line| {
        line.strip_prefix(name)?
            .trim_start_matches(':')
            .trim()
            .parse()
            .ok()
    })
}

/// Where cargo-fuzz is installed when `cargo fuzz` is missing: inside the clone, not in
/// `~/.cargo/bin`.
fn tools_root() -> std::path::PathBuf {
    project_root().join("target/tools/cargo-fuzz")
}

/// `cargo` with the clone's cargo-fuzz first on `PATH` (cargo finds `cargo-fuzz` there).
fn cargo_with_tools() -> Command {
    let mut command = cargo();
    let bin = tools_root().join("bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let joined = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)));
    if let Ok(joined) = joined {
        command.env("PATH", joined);
    }
    command
}

/// `cargo fuzz` in `fuzz/`, allowed nightly flags on the stable toolchain.
fn fuzz_command() -> Command {
    let mut command = cargo_with_tools();
    command
        .arg("fuzz")
        .current_dir(project_root().join("fuzz"))
        .env("RUSTC_BOOTSTRAP", "1");
    command
}

/// Installs cargo-fuzz into `target/tools/cargo-fuzz/` when `cargo fuzz` is missing.
fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    if succeeds(cargo_with_tools().args(["fuzz", "--version"])) {
        return Ok(());
    }
    println!(
        "fuzz: installing cargo-fuzz {CARGO_FUZZ_VERSION} into {}",
        tools_root().display()
    );
    run(cargo()
        .args(["install", "--locked", "--root"])
        .arg(tools_root())
        .args(["cargo-fuzz", "--version", CARGO_FUZZ_VERSION]))
}

/// Fails when `fuzz/Cargo.lock` no longer matches the workspace (a crate's dependencies
/// changed): the fuzz build would rewrite it, leaving the clone modified.
pub(crate) fn check_lock_file() -> anyhow::Result<()> {
    let status = cargo()
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(project_root().join("fuzz"))
        .stdout(std::process::Stdio::null())
        .status()
        .context("cannot run cargo metadata in fuzz/")?;
    if !status.success() {
        bail!(
            "fuzz/Cargo.lock is out of date with the workspace; update it with \
             `cd fuzz && cargo metadata --format-version 1 > /dev/null` and commit it"
        );
    }
    Ok(())
}

/// The folders that seed `target`'s corpus, for tests.
#[cfg(test)]
fn seed_dirs(target: &str) -> Vec<std::path::PathBuf> {
    TARGETS
        .iter()
        .filter(|t| t.name == target)
        .flat_map(|t| t.seeds.iter().map(|s| project_root().join(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_final_stats() {
        let log = "#1 INITED\nstat::number_of_executed_units: 123456\nstat::average_exec_per_sec:     4115\n";
        assert_eq!(stat(log, "stat::number_of_executed_units"), Some(123_456));
        assert_eq!(stat(log, "stat::average_exec_per_sec"), Some(4115));
        assert_eq!(stat(log, "stat::peak_rss_mb"), None);
    }

    /// Every target in the table is a `[[bin]]` of `fuzz/Cargo.toml` and the reverse, and its
    /// seed folders exist.
    #[test]
    fn the_table_matches_the_fuzz_crate() {
        let manifest = fs::read_to_string(project_root().join("fuzz/Cargo.toml")).expect("fuzz/");
        let bins: Vec<&str> = manifest
            .lines()
            .filter_map(|l| l.strip_prefix("name = \""))
            .filter_map(|l| l.strip_suffix('"'))
            .filter(|name| *name != "connspec-fuzz")
            .collect();
        let table: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        assert_eq!(bins, table);
        for target in TARGETS {
            for dir in seed_dirs(target.name) {
                assert!(
                    dir.is_dir(),
                    "{}: {} is missing",
                    target.name,
                    dir.display()
                );
            }
        }
    }
}
