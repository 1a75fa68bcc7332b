//! Shared helpers for the end-to-end tests: the project root and the peer tools.
//!
//! Peer tools (check-jsonschema and friends) are installed by `cargo xtask peers` into
//! `target/peers/`. A test that needs one gets it through [`peer_or_skip!`]: when the peer is
//! missing the test is skipped with a note, unless `CONNSPEC_REQUIRE_PEERS=1` (set by
//! `cargo xtask ci`), in which case it fails, so CI can never pass by skipping.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that turns a missing peer from a skip into a failure.
pub const REQUIRE_PEERS_ENV: &str = "CONNSPEC_REQUIRE_PEERS";

/// A proxy on a closed port: a peer that tries to download anything fails instead.
pub const DEAD_PROXY: &str = "http://127.0.0.1:9";

/// The workspace root.
/// A `connspec test --format json` report without what differs between a recorded run and its
/// replay though they did the same: timings, and the names of the spec and instance files.
pub fn report_without_timings(json: &str) -> serde_json::Value {
    fn strip(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => map
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "latency_ms" | "elapsed_ms"))
                .map(|(key, value)| (key.clone(), strip(value)))
                .collect(),
            serde_json::Value::Array(items) => items.iter().map(strip).collect(),
            other => other.clone(),
        }
    }
    let mut value = strip(&serde_json::from_str(json).expect("a JSON report"));
    if let Some(map) = value.as_object_mut() {
        map.remove("spec");
        map.remove("instance");
    }
    value
}

/// The 1-based number of the first line of `text` that is exactly `line`.
pub fn line_of(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no line `{line}`"))
        + 1
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
        .to_path_buf()
}

/// Where `cargo xtask peers` installs the peer tools.
pub fn peers_dir() -> PathBuf {
    project_root().join("target/peers")
}

/// A program in the peers' Python virtual environment, if it is installed.
pub fn peer_venv_bin(name: &str) -> Option<PathBuf> {
    let path = peers_dir().join("venv/bin").join(name);
    path.is_file().then_some(path)
}

/// Whether missing peers must fail tests (`CONNSPEC_REQUIRE_PEERS=1`) rather than skip them.
pub fn require_peers() -> bool {
    std::env::var_os(REQUIRE_PEERS_ENV).is_some_and(|value| value == "1")
}

/// The path of the peer program `name`; or, when it is not installed, a panic if peers are
/// required and `None` (after printing a skip note) if not. [`peer_or_skip!`] wraps this.
#[allow(clippy::print_stderr)] // The skip note is the point; the test harness captures it.
pub fn peer_or_skip(name: &str) -> Option<PathBuf> {
    if let Some(path) = peer_venv_bin(name) {
        return Some(path);
    }
    assert!(
        !require_peers(),
        "peer tool `{name}` is not installed in {} but {REQUIRE_PEERS_ENV}=1: \
         run `cargo xtask peers`",
        peers_dir().display()
    );
    eprintln!(
        "skipped: peer tool `{name}` is not installed; run `cargo xtask peers` to install it \
         (set {REQUIRE_PEERS_ENV}=1 to make this a failure)"
    );
    None
}

/// Evaluates to the path of a peer program, or returns from the calling test (skipping it) when
/// the peer is missing and not required. See [`peer_or_skip`].
///
/// ```ignore
/// let check_jsonschema = connspec_tests::peer_or_skip!("check-jsonschema");
/// ```
#[macro_export]
macro_rules! peer_or_skip {
    ($name:expr) => {
        match $crate::peer_or_skip($name) {
            Some(path) => path,
            None => return,
        }
    };
}

/// The debug `connspec` of this workspace, built (once per test process) with the features a
/// plain `cargo build -p connspec-cli` gives it, as a user's build has.
pub fn connspec_binary() -> &'static PathBuf {
    static BINARY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BINARY.get_or_init(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| project_root().join("target"), PathBuf::from);
        let binary = target
            .join("debug")
            .join(format!("connspec{}", std::env::consts::EXE_SUFFIX));
        let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        let status = without_package_variables(&mut cargo)
            .current_dir(project_root())
            .args([
                "build",
                "--quiet",
                "-p",
                "connspec-cli",
                "--bin",
                "connspec",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building connspec failed");
        binary
    })
}

/// Removes the variables cargo sets for the running test (`CARGO_PKG_NAME`, …) from a command
/// that starts cargo, directly or through maturin: a build script that watches one (ring's
/// does) would see it change between that build and a plain `cargo build`, and rebuild itself
/// and everything above it each time.
pub fn without_package_variables(command: &mut Command) -> &mut Command {
    for (name, _) in std::env::vars_os() {
        let is_package_variable = name.to_str().is_some_and(|name| {
            [
                "CARGO_PKG_",
                "CARGO_MANIFEST_",
                "CARGO_CRATE_",
                "CARGO_BIN_",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
                || name == "CARGO_PRIMARY_PACKAGE"
        });
        if is_package_variable {
            command.env_remove(name);
        }
    }
    command
}

/// A command for a peer program that cannot reach the network: every proxy variable points at
/// a closed port and `NO_PROXY` is cleared, so a download attempt fails loudly instead of
/// passing unnoticed. It runs in the project root.
pub fn offline_command(program: &Path) -> Command {
    let mut command = Command::new(program);
    for key in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"] {
        command.env(key, DEAD_PROXY);
    }
    for key in ["NO_PROXY", "no_proxy"] {
        command.env_remove(key);
    }
    command.current_dir(project_root());
    command
}

/// Runs `command` to the end and returns its output, killing it (and failing the test) when it
/// takes longer than `limit`, so a hanging peer cannot hang the test run.
pub fn output_within(command: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", command.get_program().display()));
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} did not finish within {limit:?} and was killed",
                command.get_program().display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// Files below `dir` (recursively, sorted) whose extension is one of `extensions`; an absent
/// directory has none.
pub fn files_with_extensions(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(dir, extensions, &mut files);
    files.sort();
    files
}

fn collect(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extensions, files);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| extensions.contains(&ext))
        {
            files.push(path);
        }
    }
}

/// Where `npm ci --prefix tests/peers` installs the npm peers.
pub fn node_modules() -> PathBuf {
    project_root().join("tests/peers/node_modules")
}

/// Whether node runs and the npm peer `package` is installed; when not, a skip note and
/// `false`, or a panic under `CONNSPEC_REQUIRE_PEERS=1`.
#[allow(clippy::print_stderr)] // The skip note is the point; the test harness captures it.
pub fn node_package_or_skip(package: &str) -> bool {
    let installed = node_modules().join(package).join("package.json").is_file();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if installed && node {
        return true;
    }
    assert!(
        !require_peers(),
        "{package} is not installed (node: {node}) but {REQUIRE_PEERS_ENV}=1: \
         run `cargo xtask peers`"
    );
    eprintln!("skipped: node or {package} missing; run `cargo xtask peers`");
    false
}

/// The command `bin` of the npm peer `package` (`tests/peers/node_modules/.bin/BIN`), or
/// `None` with a skip note when node or the package is missing (a failure under
/// `CONNSPEC_REQUIRE_PEERS=1`). Run it with [`offline_command`].
pub fn node_peer(package: &str, bin: &str) -> Option<PathBuf> {
    node_package_or_skip(package).then(|| node_modules().join(".bin").join(bin))
}

/// oidc-provider, the real OAuth 2.0 server of the runtime tests (`tests/peers/oidc-server.mjs`),
/// running on a free loopback port; it is killed when dropped, pass or fail.
#[derive(Debug)]
pub struct OidcProvider {
    child: Child,
    pub port: u16,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long oidc-provider may take to answer its discovery URL after start.
const OIDC_START_BOUND: Duration = Duration::from_secs(20);

/// Starts oidc-provider and waits (bounded) until it answers. `None`, with a skip note, when
/// node or the npm peers are missing, unless `CONNSPEC_REQUIRE_PEERS=1`, which makes that a
/// failure. Blocking: call it before starting async work.
pub fn oidc_provider() -> Option<OidcProvider> {
    if !node_package_or_skip("oidc-provider") {
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("node")
        .arg(project_root().join("tests/peers/oidc-server.mjs"))
        .env("PORT", port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts");
    let server = OidcProvider { child, port };
    let deadline = Instant::now() + OIDC_START_BOUND;
    while Instant::now() < deadline {
        if discovery_answers(port) {
            return Some(server);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "oidc-provider did not answer its discovery URL on port {port} within {OIDC_START_BOUND:?}"
    );
}

/// Whether `GET /.well-known/openid-configuration` answers 200 (plain HTTP/1.0 on loopback).
fn discovery_answers(port: u16) -> bool {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /.well-known/openid-configuration HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let mut head = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut head).is_ok()
        && head.ends_with(b"200")
}

/// Every connector spec in `connectors/` with its provider's instance files, as paths relative
/// to the project root, sorted.
pub fn connectors() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let root = project_root();
    let mut providers: Vec<PathBuf> = std::fs::read_dir(root.join("connectors"))
        .expect("connectors/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    providers.sort();
    let mut out = Vec::new();
    for provider in providers {
        let instances: Vec<PathBuf> = files_with_extensions(&provider.join("instances"), &["yaml"])
            .iter()
            .map(|p| relative(p))
            .collect();
        let mut specs: Vec<PathBuf> = std::fs::read_dir(&provider)
            .expect("provider folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        specs.sort();
        for spec in specs {
            out.push((relative(&spec), instances.clone()));
        }
    }
    out
}

/// `path` relative to the project root.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(project_root())
        .expect("under the project root")
        .to_path_buf()
}

/// util-linux `script`, which runs a command under a pseudo-terminal, as terminal tests need
/// (a pipe is no terminal, so colour, progress and screen clearing never show there). `None`
/// with a printed reason when it is missing; under `CI` a missing `script` fails the test.
#[allow(clippy::print_stderr)] // The skip note is the point; the test harness captures it.
pub fn script_or_skip() -> Option<PathBuf> {
    let found = ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) is needed for the terminal tests"
        );
        eprintln!("skipped: no `script` to run connspec under a pseudo-terminal");
    }
    found
}

/// A command running under a pseudo-terminal, its output arriving in chunks, each with the
/// time it came.
#[derive(Debug)]
pub struct Terminal {
    pub child: Child,
    pub chunks: std::sync::mpsc::Receiver<(Instant, String)>,
    /// Everything read so far.
    pub seen: String,
}

impl Terminal {
    /// Starts the shell line `command` under `script` with `envs` added to the environment.
    pub fn start<'a>(
        script: &Path,
        command: &str,
        envs: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Self {
        let mut child = Command::new(script)
            .args(["-qfec", command, "/dev/null"])
            .envs(envs)
            // `script` runs until its input ends: the test kills it when done.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script starts");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let (sender, chunks) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0_u8; 4096];
            while let Ok(read) = stdout.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let chunk = String::from_utf8_lossy(&buffer[..read]).into_owned();
                let _ = sender.send((Instant::now(), chunk));
            }
        });
        Self {
            child,
            chunks,
            seen: String::new(),
        }
    }

    /// Reads until `done(seen)` holds; the time the last chunk came. Fails after `limit`.
    pub fn read_until(&mut self, limit: Duration, done: impl Fn(&str) -> bool) -> Instant {
        let deadline = Instant::now() + limit;
        let mut last = Instant::now();
        while !done(&self.seen) {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, chunk) = self.chunks.recv_timeout(left).unwrap_or_else(|_| {
                panic!("nothing awaited came within {limit:?}: {:?}", self.seen)
            });
            self.seen.push_str(&chunk);
            last = at;
        }
        last
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
