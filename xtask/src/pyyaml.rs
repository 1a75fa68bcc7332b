//! `PyYAML` for the location tests (`crates/connspec-model/tests/pyyaml_locations.rs`), which
//! compare where the loader points with where `PyYAML` does.
//!
//! The system `python3` is used when it imports `yaml`; otherwise `PyYAML`, pinned, goes into the
//! virtual environment `target/pyyaml/venv`. Either way the interpreter reaches the test as
//! [`PYTHON_VARIABLE`], so under CI the test never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::util::{project_root, run, succeeds};

/// The `PyYAML` release installed when the system Python has none.
const PINNED: &str = "PyYAML==6.0.3";

/// The variable that names the interpreter for the test.
pub(crate) const PYTHON_VARIABLE: &str = "CONNSPEC_PYYAML_PYTHON";

fn venv_dir() -> PathBuf {
    project_root().join("target/pyyaml/venv")
}

fn imports_yaml(python: &Path) -> bool {
    succeeds(Command::new(python).args(["-c", "import yaml"]))
}

/// A Python that imports `yaml`, installing `PyYAML` into the virtual environment if needed.
pub(crate) fn python() -> anyhow::Result<PathBuf> {
    let system = PathBuf::from(std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into()));
    if imports_yaml(&system) {
        return Ok(system);
    }
    let venv = venv_dir();
    let venv_python = venv.join("bin").join("python");
    if imports_yaml(&venv_python) {
        return Ok(venv_python);
    }
    println!(
        "pyyaml: `{} -c 'import yaml'` fails; installing {PINNED} into {}",
        system.display(),
        venv.display()
    );
    std::fs::create_dir_all(venv.parent().context("the venv has a parent")?)?;
    run(Command::new(&system)
        .args(["-m", "venv", "--clear"])
        .arg(&venv))
    .context("cannot create the virtual environment (on Debian, `apt-get install python3-venv`)")?;
    run(Command::new(venv.join("bin").join("pip")).args([
        "install",
        "--disable-pip-version-check",
        "-q",
        PINNED,
    ]))?;
    if !imports_yaml(&venv_python) {
        bail!(
            "{} cannot import yaml after installing {PINNED}",
            venv_python.display()
        );
    }
    Ok(venv_python)
}

/// The CI step: makes sure `PyYAML` is there and says which interpreter the tests use.
pub(crate) fn install() -> anyhow::Result<()> {
    let python = python()?;
    println!("pyyaml: the location tests use {}", python.display());
    Ok(())
}
