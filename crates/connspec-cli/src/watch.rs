//! `connspec check --watch`: run the check, then again whenever a YAML file or `connspec.toml`
//! under the given paths changes, until interrupted.
//!
//! Folders are watched recursively; a file is watched through its folder, because editors save
//! by writing a new file and renaming it over the old one, which a watch on the file itself
//! would lose. Events arriving together (one save is several) start one run.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::ExitStatus;
use crate::args::CheckArgs;

/// How long after an event further ones are taken as part of the same save.
const SETTLE: Duration = Duration::from_millis(200);

/// Runs `check` now and after every relevant change; returns when the watcher stops.
pub(crate) fn run(
    args: &CheckArgs,
    check: fn(&CheckArgs) -> Result<ExitStatus>,
) -> Result<ExitStatus> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("--watch cannot watch standard input; name files or folders");
    }
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .context("cannot watch files")?;
    let roots: Vec<PathBuf> = args.paths.iter().chain(&args.instance).cloned().collect();
    for path in &roots {
        let (target, mode) = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            (folder, RecursiveMode::NonRecursive)
        };
        watcher
            .watch(&target, mode)
            .with_context(|| format!("cannot watch `{}`", target.display()))?;
    }
    let terminal = std::io::stdout().is_terminal();
    let mut status;
    loop {
        if terminal {
            // Clear the screen and move home, as a fresh run on a terminal.
            print!("\x1b[2J\x1b[H");
            std::io::stdout().flush()?;
        }
        status = check(args)?;
        eprintln!("connspec: watching for changes (Ctrl-C to stop)");
        // Wait for a change that matters, then let the rest of its save arrive.
        loop {
            match events.recv() {
                Ok(Ok(event)) if is_relevant(&event, &roots) => break,
                Ok(_) => {}
                Err(_) => return Ok(status),
            }
        }
        while events.recv_timeout(SETTLE).is_ok() {}
    }
}

/// Whether `event` changed a YAML file or `connspec.toml`; for a watched file, that file.
fn is_relevant(event: &notify::Event, watched: &[PathBuf]) -> bool {
    if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    event.paths.iter().any(|path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let kind_matters =
            name == "connspec.toml" || path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let under_watch = watched.iter().any(|w| {
            if w.is_dir() {
                true
            } else {
                w.file_name() == path.file_name() || name == "connspec.toml"
            }
        });
        kind_matters && under_watch
    })
}
