//! Neovim for the editor acceptance test (`crates/connspec-cli/tests/neovim.rs`), which drives
//! `connspec lsp` from Neovim's built-in LSP client.
//!
//! CI runs on a clean Debian 12 machine, so nothing is installed on the system: Debian's own
//! `neovim` and `neovim-runtime` (0.7.2 on bookworm), plus every package they depend on that
//! dpkg does not already have installed (libuv, libvterm, luv, `LuaJIT`, …), are fetched with
//! `apt-get download` and unpacked with `dpkg-deb -x` into `target/tools/neovim/root/`. The
//! script `target/tools/neovim/nvim` runs that binary with `LD_LIBRARY_PATH` and `VIMRUNTIME`
//! pointing into the unpacked tree, and reaches the test as [`NVIM_VARIABLE`], so under CI the
//! test never skips. A stamp file makes a warm run a single `nvim --version`.
//!
//! When the system's package lists cannot serve the download (a fresh container has none; old
//! ones can name versions the mirror dropped), `apt-get update` runs into lists kept under
//! `target/tools/neovim/apt/`, which needs neither root nor a change to the system; only when
//! that fails is `sudo -n apt-get update` tried.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::util::{display_command, project_root, run, succeeds};

/// The variable that names the `nvim` the test runs.
pub(crate) const NVIM_VARIABLE: &str = "CONNSPEC_NVIM";

/// The oldest Neovim the test's script supports: 0.7 has `vim.lsp.start_client` and
/// `vim.diagnostic`, and Debian 12 ships 0.7.2.
const MIN_VERSION: (u32, u32) = (0, 7);

/// The packages asked for; their dependencies are added as needed.
const ROOT_PACKAGES: [&str; 2] = ["neovim", "neovim-runtime"];

/// Written last, so its presence says the tree beside it is complete.
const STAMP: &str = "packages.txt";

fn tools_dir() -> PathBuf {
    project_root().join("target/tools/neovim")
}

/// The CI step: makes sure Neovim is there and says which one the test runs.
pub(crate) fn install() -> anyhow::Result<()> {
    let nvim = nvim()?;
    println!("neovim: the editor test runs {}", nvim.display());
    Ok(())
}

/// An `nvim` of at least [`MIN_VERSION`]: the unpacked Debian one, prepared if needed.
pub(crate) fn nvim() -> anyhow::Result<PathBuf> {
    let started = Instant::now();
    let dir = tools_dir();
    let wrapper = dir.join("nvim");
    if dir.join(STAMP).is_file()
        && let Ok(version) = version_of(&wrapper)
    {
        println!(
            "neovim: reusing {} ({version}, checked in {:.2} s)",
            dir.display(),
            started.elapsed().as_secs_f64()
        );
        return Ok(wrapper);
    }
    if !succeeds(Command::new("apt-get").arg("--version"))
        || !succeeds(Command::new("dpkg-deb").arg("--version"))
    {
        // Not a Debian-like system: an nvim on PATH will do, but CI runs the Debian path.
        if let Ok(version) = version_of(Path::new("nvim")) {
            println!("neovim: no apt-get/dpkg-deb here; using `nvim` from PATH ({version})");
            return Ok(PathBuf::from("nvim"));
        }
        bail!(
            "the editor test needs Neovim >= {}.{}: this machine has neither apt-get and dpkg-deb \
             (to unpack Debian's neovim into {}) nor an `nvim` >= {}.{} on PATH; install one and \
             set {NVIM_VARIABLE} to it",
            MIN_VERSION.0,
            MIN_VERSION.1,
            dir.display(),
            MIN_VERSION.0,
            MIN_VERSION.1
        );
    }
    prepare(&dir, &wrapper)?;
    let version = version_of(&wrapper)?;
    println!(
        "neovim: {version} ready in {} after {:.1} s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(wrapper)
}

/// Downloads and unpacks the packages, writes the wrapper, checks the libraries, then stamps.
fn prepare(dir: &Path, wrapper: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    let debs = dir.join("debs");
    let root = dir.join("root");
    fs::create_dir_all(&debs)?;
    fs::create_dir_all(&root)?;

    let installed = installed_packages()?;
    let apt = Apt::with_lists(dir, false)?;
    if let Err(error) = download(&apt, &installed, &debs) {
        if apt.is_private() {
            return Err(error);
        }
        // The system's lists can name versions the mirror no longer has.
        println!("neovim: {error:#}; retrying with package lists of our own");
        fs::remove_dir_all(&debs)?;
        fs::create_dir_all(&debs)?;
        download(&Apt::with_lists(dir, true)?, &installed, &debs)?;
    }

    let mut fetched = Vec::new();
    let mut total_bytes = 0;
    for entry in fs::read_dir(&debs)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "deb") {
            total_bytes += fs::metadata(&path)?.len();
            fetched.push(path);
        }
    }
    fetched.sort();
    for deb in &fetched {
        let mut command = Command::new("dpkg-deb");
        command.arg("-x").arg(deb).arg(&root);
        let status = command
            .status()
            .with_context(|| format!("cannot start `{}`", display_command(&command)))?;
        if !status.success() {
            bail!("`{}` failed ({status})", display_command(&command));
        }
    }

    let binary = root.join("usr/bin/nvim");
    if !binary.is_file() {
        bail!(
            "the neovim package holds no usr/bin/nvim (looked in {})",
            root.display()
        );
    }
    let runtime = root.join("usr/share/nvim/runtime");
    if !runtime.join("lua/vim/lsp.lua").is_file() {
        bail!(
            "the neovim-runtime package holds no lua/vim/lsp.lua (looked in {})",
            runtime.display()
        );
    }
    let library_dirs = library_dirs(&root)?;
    write_wrapper(wrapper, dir, &binary, &runtime, &library_dirs)?;
    check_libraries(&binary, &library_dirs)?;

    let names: Vec<String> = fetched
        .iter()
        .filter_map(|deb| deb.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    println!(
        "neovim: unpacked {} packages ({:.1} MB of .deb) into {}",
        names.len(),
        mb(total_bytes),
        root.display()
    );
    fs::write(dir.join(STAMP), names.join("\n") + "\n")?;
    Ok(())
}

/// Downloads the neovim packages and their missing dependencies into `debs`.
fn download(apt: &Apt, installed: &HashSet<String>, debs: &Path) -> anyhow::Result<()> {
    let packages = packages_to_fetch(apt, installed)?;
    println!(
        "neovim: downloading {} Debian packages into {}: {}",
        packages.len(),
        debs.display(),
        packages.join(" ")
    );
    run(apt
        .command("apt-get")
        .args(["download", "-q"])
        .args(&packages)
        .current_dir(debs))
    .context("`apt-get download` failed")
}

fn mb(bytes: u64) -> f64 {
    // Sizes of a few MB: the loss of precision is irrelevant.
    #[allow(clippy::cast_precision_loss)]
    let bytes = bytes as f64;
    bytes / 1_000_000.0
}

/// How apt is called: with the system's package lists, or with lists of our own.
struct Apt {
    options: Vec<String>,
}

impl Apt {
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.args(&self.options);
        command
    }

    fn is_private(&self) -> bool {
        !self.options.is_empty()
    }

    /// An apt that can download the neovim packages: with the system's lists unless
    /// `avoid_system_lists`, else (or when they do not serve) after `apt-get update`.
    fn with_lists(dir: &Path, avoid_system_lists: bool) -> anyhow::Result<Self> {
        let system = Self {
            options: Vec::new(),
        };
        if !avoid_system_lists && system.can_download() {
            return Ok(system);
        }
        // Lists of our own need no root and leave /var/lib/apt alone.
        let lists = dir.join("apt/lists");
        let cache = dir.join("apt/cache");
        fs::create_dir_all(lists.join("partial"))?;
        fs::create_dir_all(cache.join("archives/partial"))?;
        let private = Self {
            options: vec![
                "-o".to_owned(),
                format!("Dir::State::Lists={}", lists.display()),
                "-o".to_owned(),
                format!("Dir::Cache={}", cache.display()),
            ],
        };
        println!("neovim: updating package lists into {}", lists.display());
        let private_update = run(private.command("apt-get").args(["update", "-q"]));
        if private_update.is_ok() && private.can_download() {
            return Ok(private);
        }
        if succeeds(Command::new("sudo").args(["-n", "true"])) {
            println!("neovim: trying the system's lists with `sudo -n apt-get update`");
            run(Command::new("sudo").args(["-n", "apt-get", "update", "-q"]))?;
            if system.can_download() {
                return Ok(system);
            }
        }
        let why = private_update.map_or_else(
            |error| format!("{error:#}"),
            |()| "apt-get update succeeded but no configured source offers `neovim`".to_owned(),
        );
        bail!(
            "apt knows no `neovim` package and updating its lists did not help ({why}); without \
             sudo, run `apt-get update` as root once, or set {NVIM_VARIABLE} to an nvim >= {}.{}",
            MIN_VERSION.0,
            MIN_VERSION.1
        )
    }

    /// Whether apt knows where to download the packages (an installed package with no list
    /// naming it has a candidate but no source).
    fn can_download(&self) -> bool {
        succeeds(
            self.command("apt-get")
                .args(["download", "--print-uris"])
                .args(ROOT_PACKAGES),
        )
    }

    /// The dependency groups (alternatives) of each package, as `apt-cache depends` lists them.
    fn depends(&self, packages: &[String]) -> anyhow::Result<Vec<Vec<String>>> {
        let mut command = self.command("apt-cache");
        command
            .arg("depends")
            .args([
                "--no-recommends",
                "--no-suggests",
                "--no-conflicts",
                "--no-breaks",
                "--no-replaces",
                "--no-enhances",
            ])
            .args(packages);
        let output = command
            .output()
            .with_context(|| format!("cannot start `{}`", display_command(&command)))?;
        if !output.status.success() {
            bail!(
                "`{}` failed: {}",
                display_command(&command),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(parse_depends(&String::from_utf8_lossy(&output.stdout)))
    }
}

/// The packages dpkg has installed.
fn installed_packages() -> anyhow::Result<HashSet<String>> {
    let output = Command::new("dpkg-query")
        .args(["-W", "-f", "${Package}\t${db:Status-Status}\n"])
        .output()
        .context("cannot run dpkg-query")?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(_, status)| *status == "installed")
        .map(|(name, _)| name.to_owned())
        .collect())
}

/// [`ROOT_PACKAGES`] and, transitively, each dependency that no installed or chosen package
/// satisfies (the first real alternative of its group).
fn packages_to_fetch(apt: &Apt, installed: &HashSet<String>) -> anyhow::Result<Vec<String>> {
    let mut chosen: BTreeSet<String> = ROOT_PACKAGES.iter().map(|&p| p.to_owned()).collect();
    let mut frontier: Vec<String> = chosen.iter().cloned().collect();
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for group in apt.depends(&frontier)? {
            let satisfied = group
                .iter()
                .any(|name| installed.contains(name) || chosen.contains(name));
            if satisfied {
                continue;
            }
            if let Some(first) = group.first()
                && chosen.insert(first.clone())
            {
                next.push(first.clone());
            }
        }
        frontier = next;
    }
    Ok(chosen.into_iter().collect())
}

/// Parses `apt-cache depends` output: one group per `Depends:`/`PreDepends:` line, joined with
/// the following line when it starts with `|`; a virtual package (`<name>`) stands for the
/// providers listed below it.
fn parse_depends(text: &str) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut open = false;
    let mut in_dependency = false;
    for line in text.lines() {
        if !line.starts_with(' ') {
            open = false;
            in_dependency = false;
            continue;
        }
        let trimmed = line.trim_start();
        let (continues, field) = match trimmed.strip_prefix('|') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if let Some((kind, name)) = field.split_once(':')
            && !kind.contains(' ')
            && (name.starts_with(' ') || name.is_empty())
        {
            in_dependency = kind == "Depends" || kind == "PreDepends";
            if in_dependency {
                let name = name.trim();
                if !open {
                    groups.push(Vec::new());
                }
                if let Some(group) = groups.last_mut()
                    && !(name.starts_with('<') && name.ends_with('>'))
                {
                    group.push(plain_name(name));
                }
            }
            open = in_dependency && continues;
        } else if in_dependency && let Some(group) = groups.last_mut() {
            // A provider of the virtual package on the line above.
            group.push(plain_name(trimmed));
        }
    }
    groups.retain(|group| !group.is_empty());
    groups
}

/// `libfoo:amd64` → `libfoo`.
fn plain_name(name: &str) -> String {
    name.split(':').next().unwrap_or(name).trim().to_owned()
}

/// Directories under `root` holding shared libraries (`lib*.so*`; not Lua's `luv.so`
/// modules), for `LD_LIBRARY_PATH`.
fn library_dirs(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = BTreeSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let name = entry.file_name();
            if kind.is_dir() {
                pending.push(entry.path());
            } else if name
                .to_str()
                .is_some_and(|name| name.starts_with("lib") && name.contains(".so"))
            {
                found.insert(dir.clone());
            }
        }
    }
    Ok(found.into_iter().collect())
}

fn write_wrapper(
    wrapper: &Path,
    dir: &Path,
    binary: &Path,
    runtime: &Path,
    library_dirs: &[PathBuf],
) -> anyhow::Result<()> {
    let relative = |path: &Path| -> anyhow::Result<String> {
        Ok(format!(
            "$here/{}",
            path.strip_prefix(dir)
                .context("inside the tools directory")?
                .display()
        ))
    };
    let libraries = library_dirs
        .iter()
        .map(|d| relative(d))
        .collect::<anyhow::Result<Vec<_>>>()?
        .join(":");
    let script = format!(
        "#!/bin/sh\n\
         # Written by `cargo xtask neovim`: Debian's nvim, unpacked beside this script, with its\n\
         # libraries and runtime; nothing of it is installed on the system.\n\
         here=$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && pwd)\n\
         LD_LIBRARY_PATH=\"{libraries}${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}\"\n\
         VIMRUNTIME=\"{runtime}\"\n\
         export LD_LIBRARY_PATH VIMRUNTIME\n\
         exec \"{binary}\" \"$@\"\n",
        runtime = relative(runtime)?,
        binary = relative(binary)?,
    );
    fs::write(wrapper, script)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(wrapper, fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
}

/// Fails, naming them, when the dynamic loader cannot find some of nvim's libraries.
fn check_libraries(binary: &Path, library_dirs: &[PathBuf]) -> anyhow::Result<()> {
    let path = std::env::join_paths(library_dirs)?;
    let output = Command::new("ldd")
        .arg(binary)
        .env("LD_LIBRARY_PATH", path)
        .output()
        .context("cannot run ldd")?;
    let listing = String::from_utf8_lossy(&output.stdout);
    let missing: Vec<&str> = listing
        .lines()
        .filter(|line| line.contains("not found"))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    if !missing.is_empty() {
        bail!(
            "nvim still misses {} after unpacking its dependencies: apt-get's dependency list \
             and the binary disagree",
            missing.join(", ")
        );
    }
    Ok(())
}

/// `nvim --version`'s first line, when it runs and is at least [`MIN_VERSION`].
fn version_of(nvim: &Path) -> anyhow::Result<String> {
    let output = Command::new(nvim)
        .arg("--version")
        .output()
        .with_context(|| format!("cannot run {}", nvim.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let first = text.lines().next().unwrap_or_default().trim().to_owned();
    if !output.status.success() {
        bail!(
            "`{} --version` failed: {}",
            nvim.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    match parse_version(&first) {
        Some(version) if version >= MIN_VERSION => Ok(first),
        _ => bail!(
            "{} is `{first}`, not Neovim >= {}.{}",
            nvim.display(),
            MIN_VERSION.0,
            MIN_VERSION.1
        ),
    }
}

/// `NVIM v0.7.2` → `(0, 7)`.
fn parse_version(line: &str) -> Option<(u32, u32)> {
    let rest = line.strip_prefix("NVIM v")?;
    let mut parts = rest.split(['.', '-', ' ']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_groups_keep_alternatives_and_providers() {
        let listing = "neovim\n  Depends: neovim-runtime\n  Depends: libc6\n |Depends: \
                       libluajit-5.1-2\n  Depends: libluajit2-5.1-2\n  Depends: <lua-luv-abi>\n    \
                       lua-luv\n  PreDepends: dpkg\nlibuv1\n  Depends: libc6:amd64\n";
        assert_eq!(
            parse_depends(listing),
            vec![
                vec!["neovim-runtime".to_owned()],
                vec!["libc6".to_owned()],
                vec!["libluajit-5.1-2".to_owned(), "libluajit2-5.1-2".to_owned()],
                vec!["lua-luv".to_owned()],
                vec!["dpkg".to_owned()],
                vec!["libc6".to_owned()],
            ]
        );
    }

    #[test]
    fn versions_are_read_from_the_first_line() {
        assert_eq!(parse_version("NVIM v0.7.2"), Some((0, 7)));
        assert_eq!(parse_version("NVIM v0.11.0-dev-123+g"), Some((0, 11)));
        assert_eq!(parse_version("VIM - Vi IMproved 9.0"), None);
    }
}
