//! Timing whole commands: wall time per run, peak RSS from `/usr/bin/time -v`, and the medians,
//! minima and maxima every bench table reports.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::json;

use crate::util::{display_command, project_root};

/// GNU time, which reports the peak resident set size of the command it runs.
pub(crate) const TIME: &str = "/usr/bin/time";

/// Timings of one tool over several runs.
#[derive(Debug, Clone)]
pub(crate) struct Measurement {
    pub(crate) tool: String,
    pub(crate) command: String,
    pub(crate) walls: Vec<Duration>,
    pub(crate) peak_rss_kb: Option<u64>,
    pub(crate) exit_code: Option<i32>,
}

impl Measurement {
    pub(crate) fn new(tool: impl Into<String>, command: impl Into<String>) -> Self {
        Self {
            tool: tool.into(),
            command: command.into(),
            walls: Vec::new(),
            peak_rss_kb: None,
            exit_code: None,
        }
    }

    pub(crate) fn push(&mut self, run: &Run) {
        self.walls.push(run.wall);
        self.peak_rss_kb = self.peak_rss_kb.max(run.peak_rss_kb);
        self.exit_code = run.exit_code;
    }

    fn sorted(&self) -> Vec<f64> {
        let mut secs: Vec<f64> = self.walls.iter().map(Duration::as_secs_f64).collect();
        secs.sort_by(f64::total_cmp);
        secs
    }

    /// Median wall time in seconds; NaN when nothing ran.
    pub(crate) fn median(&self) -> f64 {
        median(&self.sorted())
    }

    pub(crate) fn min(&self) -> f64 {
        self.sorted().first().copied().unwrap_or(f64::NAN)
    }

    pub(crate) fn max(&self) -> f64 {
        self.sorted().last().copied().unwrap_or(f64::NAN)
    }

    pub(crate) fn peak_rss_mb(&self) -> Option<f64> {
        self.peak_rss_kb.map(|kb| to_f64(kb) / 1024.0)
    }

    /// The JSON every section's `results` entries share.
    pub(crate) fn json(&self) -> serde_json::Value {
        json!({
            "tool": self.tool,
            "command": self.command,
            "runs": self.walls.len(),
            "wall_s": self.walls.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "median_s": self.median(),
            "min_s": self.min(),
            "max_s": self.max(),
            "peak_rss_kb": self.peak_rss_kb,
            "exit_code": self.exit_code,
        })
    }
}

/// The median of sorted values; NaN for none.
pub(crate) fn median(sorted: &[f64]) -> f64 {
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[mid],
        _ => f64::midpoint(sorted[mid - 1], sorted[mid]),
    }
}

/// One run of a command.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) wall: Duration,
    pub(crate) peak_rss_kb: Option<u64>,
    pub(crate) exit_code: Option<i32>,
    /// Standard output, when it was asked for (otherwise empty).
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `command` once (under `/usr/bin/time -v` when present), returning its wall time, peak
/// RSS, exit code and, with `capture_stdout`, its standard output; fails on an exit code
/// outside `ok`. Standard input is closed; standard error is kept for the failure message.
pub(crate) fn measure(command: &Command, ok: &[i32], capture_stdout: bool) -> anyhow::Result<Run> {
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
    let shown = display_command(command);
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
    let peak_rss_kb = timed
        .then(|| fs::read_to_string(&time_file).ok())
        .flatten()
        .and_then(|text| parse_max_rss(&text));
    Ok(Run {
        wall,
        peak_rss_kb,
        exit_code: code,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Keeps a peer offline: any download attempt hits a closed port.
pub(crate) fn offline(command: &mut Command) {
    for key in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
        command.env(key, "http://127.0.0.1:9");
    }
    for key in ["NO_PROXY", "no_proxy"] {
        command.env_remove(key);
    }
}

pub(crate) fn parse_max_rss(time_output: &str) -> Option<u64> {
    time_output.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|kb| kb.trim().parse().ok())
    })
}

/// Counts as floating point for rates; exact far beyond any corpus size.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn to_f64(n: u64) -> f64 {
    n as f64
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
    fn medians_of_odd_even_and_empty() {
        assert!((median(&[1.0, 2.0, 9.0]) - 2.0).abs() < 1e-12);
        assert!((median(&[1.0, 2.0, 4.0, 9.0]) - 3.0).abs() < 1e-12);
        assert!(median(&[]).is_nan());
    }
}
