//! The `connspec` command line: argument definitions and command implementations.
//!
//! This is the only crate that prints. Library crates return values and diagnostics; the
//! commands here turn them into output and an [`ExitStatus`].

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod check;
mod commands;
mod compile;
mod diff;
mod discover;
mod fix;
mod import;
mod init;
mod login;
mod sandbox;
mod session;
mod test_cmd;
mod watch;

use std::process::ExitCode;

use connspec_model::yaml::STACK_BYTES;

use clap::{CommandFactory, Parser};
use connspec_diagnostics::{Code, Limit};

pub use args::Cli;

/// How a command ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at error level.
    Success,
    /// Findings at error level.
    Failure,
    /// Usage or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// The clap command, for generated documentation (`docs/cli.md`) and completions.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Every diagnostic code connspec can emit, in code order.
pub fn all_codes() -> Vec<&'static Code> {
    connspec_compile::all_codes()
}

/// Every resource limit connspec enforces, from every crate's registry, in pipeline order
/// (loading, templates, live runs, import); `docs/limits.md` is generated from it.
pub fn all_limits() -> Vec<&'static Limit> {
    let mut limits: Vec<&'static Limit> = connspec_model::limits::LIMITS.to_vec();
    limits.extend_from_slice(connspec_semantic::limits::LIMITS);
    limits.extend_from_slice(connspec_runtime::limits::LIMITS);
    limits.extend_from_slice(connspec_import::LIMITS);
    limits.extend_from_slice(import::LIMITS);
    limits.extend_from_slice(session::files::LIMITS);
    limits
}

/// Parses the process arguments and runs the command.
///
/// The command runs on a thread with [`STACK_BYTES`] of stack, as do rayon's and tokio's
/// workers: the stages after loading recurse once per nesting level, and a spec at the
/// deepest nesting `--max-depth` allows must not overflow the main thread's 8 MiB (or a
/// worker's 2 MiB).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Only fails if the pool was built already, which nothing else does.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_BYTES)
        .build_global();
    let worker = std::thread::Builder::new()
        .name("connspec".into())
        .stack_size(STACK_BYTES)
        .spawn(move || run_command(cli));
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic has printed its message already.
        Ok(Err(_)) => ExitStatus::Error.into(),
        Err(error) => {
            eprintln!("connspec: error: cannot start a thread: {error}");
            ExitStatus::Error.into()
        }
    }
}

fn run_command(cli: Cli) -> ExitCode {
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("connspec: error: {error:#}");
            ExitStatus::Error.into()
        }
    }
}

/// A closed pipe (`connspec explain --all | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
