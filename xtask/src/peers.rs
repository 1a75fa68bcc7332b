//! `cargo xtask peers`: installs the peer tools the end-to-end tests compare against.
//!
//! Python peers go into the virtual environment `target/peers/venv` from the pinned
//! `tests/peers/requirements.txt`; npm peers (when `tests/peers/package.json` exists) into
//! `tests/peers/node_modules` with `npm ci`; the wheels the offline wheel tests install from
//! (`tests/peers/wheelhouse.txt`) into `target/peers/wheelhouse`. All are idempotent: a stamp
//! file holding a hash of the inputs skips the install when nothing changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::util::{fnv1a64, project_root, run, succeeds};

/// Where the peer manifests live, relative to the project root.
const PEERS_SRC: &str = "tests/peers";
/// Stamp file name, inside the directory it vouches for.
const STAMP: &str = ".connspec-peers-stamp";

/// The programs the Python peers must provide; the install is redone when one is missing.
const PYTHON_PROGRAMS: [&str; 3] = ["check-jsonschema", "pre-commit", "maturin"];

/// The virtual environment's directory.
pub(crate) fn venv_dir() -> PathBuf {
    project_root().join("target/peers/venv")
}

/// A program installed in the virtual environment.
pub(crate) fn venv_bin(name: &str) -> PathBuf {
    venv_dir().join("bin").join(name)
}

/// Installs every peer; cheap when they are already up to date.
pub(crate) fn install() -> anyhow::Result<()> {
    install_python()?;
    download_wheelhouse()?;
    install_npm()?;
    Ok(())
}

fn install_python() -> anyhow::Result<()> {
    let root = project_root();
    let requirements = root.join(PEERS_SRC).join("requirements.txt");
    let pinned = fs::read(&requirements)
        .with_context(|| format!("cannot read {}", requirements.display()))?;
    let (python, version) = crate::util::python("the peer tools need")?;
    let venv = venv_dir();
    let stamp = format!("{:016x}\n", fnv1a64(&[&pinned, version.as_bytes()]));
    if is_current(&venv, &stamp) && PYTHON_PROGRAMS.iter().all(|p| venv_bin(p).is_file()) {
        println!("peers: {} is up to date ({version})", relative(&venv));
        return Ok(());
    }

    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("cannot remove {}", venv.display()))?;
    }
    fs::create_dir_all(venv.parent().expect("venv has a parent"))?;
    run(Command::new(&python).args(["-m", "venv"]).arg(&venv)).context(
        "cannot create the virtual environment (on Debian, `apt-get install python3-venv`)",
    )?;
    run(Command::new(venv_bin("pip"))
        .args(["install", "--disable-pip-version-check", "-q", "-r"])
        .arg(&requirements)
        .current_dir(&root))?;
    for program in PYTHON_PROGRAMS {
        let mut check = Command::new(venv_bin(program));
        check.arg("--version");
        if !succeeds(&mut check) {
            bail!(
                "{program} does not run after installing it into {}",
                venv.display()
            );
        }
    }
    write_stamp(&venv, &stamp)?;
    println!(
        "peers: installed {} into {}",
        pinned_names(&pinned),
        relative(&venv)
    );
    Ok(())
}

/// Where the wheels of `tests/peers/wheelhouse.txt` go.
pub(crate) fn wheelhouse_dir() -> PathBuf {
    project_root().join("target/peers/wheelhouse")
}

/// Downloads the pinned wheels the offline tests need (pip's `--find-links` folder), with the
/// peers' pip, which exists by now.
fn download_wheelhouse() -> anyhow::Result<()> {
    let root = project_root();
    let list = root.join(PEERS_SRC).join("wheelhouse.txt");
    let pinned = fs::read(&list).with_context(|| format!("cannot read {}", list.display()))?;
    let dir = wheelhouse_dir();
    let stamp = format!("{:016x}\n", fnv1a64(&[&pinned]));
    if is_current(&dir, &stamp) {
        println!("peers: {} is up to date", relative(&dir));
        return Ok(());
    }
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    run(Command::new(venv_bin("pip"))
        .args([
            "download",
            "--disable-pip-version-check",
            "-q",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-d",
        ])
        .arg(&dir)
        .arg("-r")
        .arg(&list)
        .current_dir(&root))
    .context("cannot download the wheels of tests/peers/wheelhouse.txt")?;
    write_stamp(&dir, &stamp)?;
    println!(
        "peers: downloaded {} into {}",
        pinned_names(&pinned),
        relative(&dir)
    );
    Ok(())
}

fn install_npm() -> anyhow::Result<()> {
    let root = project_root();
    let dir = root.join(PEERS_SRC);
    let manifest = dir.join("package.json");
    if !manifest.is_file() {
        return Ok(());
    }
    let lock = dir.join("package-lock.json");
    let manifest_bytes = fs::read(&manifest)?;
    let lock_bytes = fs::read(&lock).with_context(|| {
        format!(
            "{} is missing: `npm ci` installs only from a committed lock file (create it with \
             `npm install --prefix {PEERS_SRC}`)",
            lock.display()
        )
    })?;
    let node_modules = dir.join("node_modules");
    let stamp = format!("{:016x}\n", fnv1a64(&[&manifest_bytes, &lock_bytes]));
    if is_current(&node_modules, &stamp) {
        println!("peers: {} is up to date", relative(&node_modules));
        return Ok(());
    }
    let npm = std::env::var_os("NPM").unwrap_or_else(|| "npm".into());
    run(Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .current_dir(&root))
    .context("cannot install the npm peers (is Node.js with npm installed?)")?;
    write_stamp(&node_modules, &stamp)?;
    println!(
        "peers: installed npm packages into {}",
        relative(&node_modules)
    );
    Ok(())
}

pub(crate) fn is_current(dir: &Path, stamp: &str) -> bool {
    fs::read_to_string(dir.join(STAMP)).is_ok_and(|current| current == stamp)
}

pub(crate) fn write_stamp(dir: &Path, stamp: &str) -> anyhow::Result<()> {
    let path = dir.join(STAMP);
    fs::write(&path, stamp).with_context(|| format!("cannot write {}", path.display()))
}

/// `a==1, b==2` from a requirements file, for the log.
fn pinned_names(requirements: &[u8]) -> String {
    String::from_utf8_lossy(requirements)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join(", ")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string()
}
