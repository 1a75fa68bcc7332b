//! `cargo xtask bench startup`: what a user pays before connspec does any work, for the release
//! build (before) and the `dist` build the releases ship (after): the binary's size, and the
//! wall and CPU time of `connspec --version` and of `connspec check` on one small spec.
//!
//! A single run lasts milliseconds, below what GNU time's CPU figures resolve (10 ms), so each
//! figure is a batch of runs in one `sh` loop timed as a whole, divided by the batch size; the
//! same loop around `/bin/true` is the floor (the cost of the loop and of starting any program),
//! measured in the same rounds as the peer the ratios are taken against. Builds alternate
//! within each round, so noise on the shared machine hits both alike.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::json;

use super::measure::{TIME, median, to_f64};
use super::{Profile, Section, Target, build, ensure_debian, megabytes, relative};
use crate::util::project_root;

/// The binary size the releases aim at.
const SIZE_GOAL_MB: f64 = 20.0;
/// The wall time of checking one small spec the releases aim at.
const CHECK_GOAL_MS: f64 = 5.0;

/// `cargo xtask bench startup`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct StartupArgs {
    /// Rounds (each times one batch per build and command). Default: 15, or 5 with `--quick`.
    #[arg(long)]
    rounds: Option<usize>,
    /// Runs per batch. Default: 40.
    #[arg(long)]
    batch: Option<usize>,
    /// The smoke run's shape: the debug build only, 2 rounds of 3 runs, no targets enforced.
    #[arg(skip)]
    smoke: bool,
}

impl StartupArgs {
    pub(crate) fn smoke() -> Self {
        Self {
            rounds: Some(2),
            batch: Some(3),
            smoke: true,
        }
    }
}

/// One build under test.
struct Build {
    label: &'static str,
    binary: PathBuf,
}

/// What is timed: a label, and the arguments (`None` is the floor, `true`).
const COMMANDS: [(&str, Option<&[&str]>); 2] = [
    ("--version", Some(&["--version"])),
    ("check (one spec)", Some(&["check", "--no-config", SINGLE])),
];

/// The small spec, as the check section uses it.
const SINGLE: &str = "connectors/coupa/expense-reports.yaml";

/// Per-run wall and CPU seconds of every batch of one build and command.
#[derive(Debug, Default, Clone)]
struct Samples {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Samples {
    fn median_ms(values: &[f64]) -> f64 {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        median(&sorted) * 1000.0
    }

    fn wall_ms(&self) -> f64 {
        Self::median_ms(&self.wall)
    }

    fn cpu_ms(&self) -> f64 {
        Self::median_ms(&self.cpu)
    }

    fn range_ms(&self) -> (f64, f64) {
        let min = self.wall.iter().copied().fold(f64::INFINITY, f64::min);
        let max = self.wall.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (min * 1000.0, max * 1000.0)
    }
}

pub(crate) fn run(args: &StartupArgs, quick: bool) -> anyhow::Result<Section> {
    ensure_debian(&[(TIME, "time")])?;
    let builds = if args.smoke {
        vec![Build {
            label: "debug (smoke)",
            binary: build(Profile::Debug, "connspec-cli", "bin", "connspec")?,
        }]
    } else {
        vec![
            Build {
                label: "release (before)",
                binary: timed_build(Profile::Release)?,
            },
            Build {
                label: "dist (after)",
                binary: timed_build(Profile::Dist)?,
            },
        ]
    };
    let rounds = args.rounds.unwrap_or(if quick { 5 } else { 15 }).max(1);
    let batch = args.batch.unwrap_or(40).max(1);

    // The program, not the shell's builtin `true`: the floor includes starting a process.
    let floor_batch = || batch_command(Path::new("/bin/true"), &[], batch);
    let mut floor = Samples::default();
    let mut samples = vec![vec![Samples::default(); COMMANDS.len()]; builds.len()];
    for round in 1..=rounds {
        let mut line = format!("bench: startup round {round}/{rounds}:");
        time_batch(&floor_batch(), batch, &mut floor)?;
        for (build, per_command) in builds.iter().zip(&mut samples) {
            for ((name, arguments), sample) in COMMANDS.iter().zip(per_command.iter_mut()) {
                let command = batch_command(&build.binary, arguments.unwrap_or(&[]), batch);
                time_batch(&command, batch, sample)?;
                let last = sample.wall.last().copied().unwrap_or(f64::NAN) * 1000.0;
                let _ = write!(line, " {} {name} {last:.2} ms;", build.label);
            }
        }
        println!("{}", line.trim_end_matches(';'));
    }

    let sizes: Vec<u64> = builds
        .iter()
        .map(|build| {
            fs::metadata(&build.binary)
                .map(|meta| meta.len())
                .with_context(|| format!("cannot stat {}", build.binary.display()))
        })
        .collect::<anyhow::Result<_>>()?;

    let mut table = String::new();
    let _ = writeln!(
        table,
        "\nstartup: {rounds} rounds of {batch} runs per figure (median per run; wall min–max)\n"
    );
    let _ = writeln!(
        table,
        "| build | binary | `--version` wall | CPU | `check` one spec wall | CPU |"
    );
    let _ = writeln!(table, "| --- | ---: | ---: | ---: | ---: | ---: |");
    for ((build, per_command), size) in builds.iter().zip(&samples).zip(&sizes) {
        let version = &per_command[0];
        let check = &per_command[1];
        let (vmin, vmax) = version.range_ms();
        let (cmin, cmax) = check.range_ms();
        let _ = writeln!(
            table,
            "| {} | {:.1} MB | {:.2} ms ({vmin:.2}–{vmax:.2}) | {:.2} ms | {:.2} ms ({cmin:.2}–{cmax:.2}) | {:.2} ms |",
            build.label,
            megabytes(*size),
            version.wall_ms(),
            version.cpu_ms(),
            check.wall_ms(),
            check.cpu_ms(),
        );
    }
    let _ = writeln!(
        table,
        "| `/bin/true` (floor: the loop and starting a program) | | {:.2} ms | {:.2} ms | | |",
        floor.wall_ms(),
        floor.cpu_ms()
    );

    let mut targets = Vec::new();
    if !args.smoke {
        let (before, after) = (&samples[0], &samples[1]);
        targets.push(Target::bound(
            "dist binary size",
            megabytes(sizes[1]),
            SIZE_GOAL_MB,
            "MB",
        ));
        targets.push(Target::bound(
            "dist `check` of one small spec, wall",
            after[1].wall_ms(),
            CHECK_GOAL_MS,
            "ms",
        ));
        targets.push(Target::at_most(
            "dist / release `--version` CPU",
            after[0].cpu_ms() / before[0].cpu_ms(),
            1.0,
        ));
        let _ = writeln!(
            table,
            "\nratios in this run: dist is {:.1}x smaller; `--version` CPU {:.2}x and `check` wall {:.2}x \
             release's; `check` wall is {:.1}x the floor",
            to_f64(sizes[0]) / to_f64(sizes[1]),
            after[0].cpu_ms() / before[0].cpu_ms(),
            after[1].wall_ms() / before[1].wall_ms(),
            after[1].wall_ms() / floor.wall_ms(),
        );
    }

    let results: Vec<serde_json::Value> = builds
        .iter()
        .zip(&samples)
        .zip(&sizes)
        .map(|((build, per_command), size)| {
            json!({
                "build": build.label,
                "binary": relative(&build.binary),
                "bytes": size,
                "commands": COMMANDS.iter().zip(per_command).map(|((name, _), sample)| json!({
                    "command": name,
                    "wall_ms_median": sample.wall_ms(),
                    "cpu_ms_median": sample.cpu_ms(),
                    "wall_ms_per_batch": sample.wall.iter().map(|s| s * 1000.0).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Section {
        name: "startup",
        table,
        json: json!({
            "rounds": rounds,
            "batch": batch,
            "results": results,
            "floor": {"wall_ms_median": floor.wall_ms(), "cpu_ms_median": floor.cpu_ms()},
        }),
        targets,
    })
}

/// Builds `connspec` in `profile`, saying how long it took (the dist build is the slow one).
fn timed_build(profile: Profile) -> anyhow::Result<PathBuf> {
    let started = Instant::now();
    let binary = build(profile, "connspec-cli", "bin", "connspec")?;
    println!(
        "bench: {} build ready in {:.0} s",
        profile.dir(),
        started.elapsed().as_secs_f64()
    );
    Ok(binary)
}

/// `sh -c` running `program arguments` `count` times, output discarded, in the project root.
fn batch_command(program: &Path, arguments: &[&str], count: usize) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(r#"n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do "$@" > /dev/null || exit 1; i=$((i + 1)); done"#)
        .arg("startup")
        .arg(count.to_string())
        .arg(program)
        .args(arguments)
        .current_dir(project_root())
        .env("NO_COLOR", "1");
    command
}

/// Runs one batch under GNU time and adds its per-run wall and CPU (user + system of the loop
/// and every run it waited for) to `samples`.
fn time_batch(command: &Command, count: usize, samples: &mut Samples) -> anyhow::Result<()> {
    let mut timed = Command::new(TIME);
    timed.args(["-f", "%U %S"]).arg(command.get_program());
    timed.args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        timed.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            timed.env(key, value);
        }
    }
    let started = Instant::now();
    let output = timed.output().context("cannot run GNU time")?;
    let wall = started.elapsed().as_secs_f64();
    if !output.status.success() {
        bail!(
            "a startup batch failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let cpu = parse_cpu(&String::from_utf8_lossy(&output.stderr))
        .context("GNU time printed no `%U %S` line")?;
    let runs = to_f64(count as u64);
    samples.wall.push(wall / runs);
    samples.cpu.push(cpu / runs);
    Ok(())
}

/// User plus system seconds from the last line of `time -f "%U %S"`.
fn parse_cpu(stderr: &str) -> Option<f64> {
    let line = stderr.lines().rev().find(|line| !line.trim().is_empty())?;
    let mut fields = line.split_whitespace();
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_user_and_system_time() {
        let cpu = parse_cpu("some output\n0.12 0.03\n").expect("two fields");
        assert!((cpu - 0.15).abs() < 1e-9);
        assert_eq!(parse_cpu("Command exited with non-zero status 1\n"), None);
    }

    #[test]
    fn medians_are_per_run_milliseconds() {
        let samples = Samples {
            wall: vec![0.003, 0.001, 0.002],
            cpu: vec![0.002, 0.002, 0.004],
        };
        assert!((samples.wall_ms() - 2.0).abs() < 1e-9);
        assert!((samples.cpu_ms() - 2.0).abs() < 1e-9);
        assert_eq!(samples.range_ms(), (1.0, 3.0));
    }
}
