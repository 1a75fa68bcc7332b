//! `cargo xtask ci`: every check CI runs, in order, stopping at the first failure.
//!
//! `.ci/run` execs this on a fresh machine, so each step installs what it needs: rustfmt and
//! clippy through rustup when missing, actionlint and shellcheck through [`crate::actionlint`],
//! the peer tools through [`crate::peers`], `PyYAML` through [`crate::pyyaml`], Debian's Neovim
//! through [`crate::neovim`], cargo-fuzz through [`crate::fuzz`] (into `target/tools/`), wrk and
//! GNU time through [`crate::bench`] (with apt-get, the only system-wide install).

use std::process::Command;
use std::time::Instant;

use anyhow::Context;

use crate::codegen::{self, Mode};
use crate::peers;
use crate::util::{self, cargo, succeeds};

/// One CI step: a title for its header and what it does.
struct Step {
    title: &'static str,
    action: fn() -> anyhow::Result<()>,
}

const STEPS: &[Step] = &[
    Step {
        title: "cargo fmt --all -- --check",
        action: fmt,
    },
    Step {
        title: "cargo clippy --workspace --all-targets --locked -- -D warnings",
        action: clippy,
    },
    Step {
        title: "cargo xtask codegen --check (and fuzz/Cargo.lock matches the workspace)",
        action: codegen_check,
    },
    Step {
        title: "cargo xtask actionlint (workflows, and the action's scripts through shellcheck)",
        action: crate::actionlint::check,
    },
    Step {
        title: "cargo xtask package (every publishable crate, in dependency order, manifests checked)",
        action: package,
    },
    Step {
        title: "cargo xtask peers",
        action: peers::install,
    },
    Step {
        title: "cargo xtask vsix (build, test, package and check the VS Code extension)",
        action: crate::vsix::build,
    },
    Step {
        title: "PyYAML for the location tests (system python3, else target/pyyaml/venv)",
        action: crate::pyyaml::install,
    },
    Step {
        title: "Neovim for the editor test (Debian's neovim unpacked into target/tools/neovim)",
        action: crate::neovim::install,
    },
    Step {
        title: "cargo test --workspace --locked (CONNSPEC_REQUIRE_PEERS=1)",
        action: test,
    },
    Step {
        title: "cargo xtask bench (smoke: a tiny corpus and workload, one run of each tool)",
        action: crate::bench::smoke,
    },
    Step {
        title: "cargo xtask fuzz (smoke: every target for a few seconds)",
        action: crate::fuzz::smoke,
    },
];

pub(crate) fn run() -> anyhow::Result<()> {
    let started = Instant::now();
    let total = STEPS.len();
    for (index, step) in STEPS.iter().enumerate() {
        let number = index + 1;
        println!("\n==> ci [{number}/{total}] {}", step.title);
        let step_started = Instant::now();
        (step.action)().with_context(|| {
            format!(
                "ci step {number}/{total} `{}` failed after {:.1} s",
                step.title,
                step_started.elapsed().as_secs_f64()
            )
        })?;
        println!(
            "==> ci [{number}/{total}] ok ({:.1} s)",
            step_started.elapsed().as_secs_f64()
        );
    }
    println!(
        "\nci: all {total} steps passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn fmt() -> anyhow::Result<()> {
    ensure_component("fmt", "rustfmt")?;
    util::run(cargo().args(["fmt", "--all", "--", "--check"]))
}

fn clippy() -> anyhow::Result<()> {
    ensure_component("clippy", "clippy")?;
    util::run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

fn package() -> anyhow::Result<()> {
    crate::package::run_task(&crate::package::PackageArgs::default())
}

fn codegen_check() -> anyhow::Result<()> {
    codegen::generate_all(Mode::Check)?;
    crate::fuzz::check_lock_file()
}

fn test() -> anyhow::Result<()> {
    let python = crate::pyyaml::python()?;
    let nvim = crate::neovim::nvim()?;
    util::run(
        cargo()
            .args(["test", "--workspace", "--locked"])
            .env("CONNSPEC_REQUIRE_PEERS", "1")
            .env(crate::pyyaml::PYTHON_VARIABLE, python)
            .env(crate::neovim::NVIM_VARIABLE, nvim)
            .env("INSTA_UPDATE", "no")
            .env("CI", "true"),
    )
}

/// Makes sure `cargo <subcommand>` works, adding the rustup `component` when it does not.
fn ensure_component(subcommand: &str, component: &str) -> anyhow::Result<()> {
    if succeeds(cargo().args([subcommand, "--version"])) {
        return Ok(());
    }
    println!("ci: `cargo {subcommand}` is missing; installing the `{component}` component");
    util::run(Command::new("rustup").args(["component", "add", component]))
        .with_context(|| format!("cannot install `{component}` (is rustup installed?)"))
}
