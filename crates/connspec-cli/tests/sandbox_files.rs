//! The files `connspec sandbox` writes: its CA certificate goes to a private (0700) folder of
//! its own under the temporary folder, created exclusively, never to a predictable shared
//! name; `--ca-out` and `--instance-out` never follow a symbolic link and never keep the
//! permissions of a file they replace.

#![cfg(unix)]

use std::io::{BufRead as _, BufReader};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("an address").port()
}

/// A running `connspec sandbox` and the lines it printed up to its banner's end.
struct Running {
    child: Child,
    banner: Vec<String>,
}

impl Drop for Running {
    /// A failed assertion must not leave the sandbox running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Running {
    fn start(tmp: &Path, args: &[&str]) -> Result<Self, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_connspec"))
            .arg("sandbox")
            .args(args)
            .env("TMPDIR", tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("connspec starts");
        let stdout = child.stdout.take().expect("stdout");
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut banner = Vec::new();
        while let Ok(line) = receive.recv_timeout(Duration::from_secs(30)) {
            let done = line.starts_with("Press Ctrl-C");
            banner.push(line);
            if done {
                return Ok(Self { child, banner });
            }
        }
        // Ended (an error) or stuck: collect what it said.
        let _ = child.kill();
        let output = child.wait_with_output().expect("wait");
        Err(format!(
            "{:?}\n{}\n{}",
            output.status,
            banner.join("\n"),
            String::from_utf8_lossy(&output.stderr)
        ))
    }

    fn ca_path(&self) -> PathBuf {
        self.banner
            .iter()
            .find_map(|l| l.strip_prefix("CA certificate: "))
            .map_or_else(|| panic!("no CA line in {:?}", self.banner), PathBuf::from)
    }

    /// Stops it as Ctrl-C does (SIGINT to this child's own id) and waits for its end.
    fn stop(&mut self) {
        let interrupted = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !interrupted {
            let _ = self.child.kill();
        }
        for _ in 0..200 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_ca_goes_to_a_private_folder_not_to_a_planted_link_or_a_shared_file() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let victim = tmp.path().join("victim");
    std::fs::write(&victim, "keep").expect("write the victim");
    let port = free_port();
    // What another user could plant at the old predictable names: a link to a file of ours,
    // and a world-writable file they could rewrite after the sandbox wrote its CA.
    std::os::unix::fs::symlink(
        &victim,
        tmp.path().join(format!("connspec-sandbox-{port}-ca.pem")),
    )
    .expect("plant a link");
    let shared = tmp
        .path()
        .join(format!("connspec-sandbox-{}-ca.pem", port + 1));
    std::fs::write(&shared, "planted").expect("plant a file");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o666)).expect("chmod");

    let sandbox = Running::start(tmp.path(), &["--port", &port.to_string()]).expect("starts");
    let ca = sandbox.ca_path();
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "keep",
        "the CA was written through the planted link"
    );
    assert_eq!(std::fs::read_to_string(&shared).expect("read"), "planted");
    let folder = ca.parent().expect("a folder");
    assert_eq!(folder.parent(), Some(tmp.path()), "{}", ca.display());
    assert_eq!(mode(folder), 0o700, "{}", folder.display());
    let metadata = std::fs::symlink_metadata(&ca).expect("the CA file");
    assert!(metadata.is_file(), "{}", ca.display());
    assert_eq!(mode(&ca) & 0o022, 0, "the CA file is writable by others");
    assert!(
        std::fs::read_to_string(&ca)
            .expect("read the CA")
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    let folder = folder.to_path_buf();
    let mut sandbox = sandbox;
    sandbox.stop();
    assert!(
        !folder.exists(),
        "the private folder outlived the sandbox: {}",
        folder.display()
    );
}

#[test]
fn ca_out_and_instance_out_never_follow_a_link_or_keep_a_shared_mode() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let victim = tmp.path().join("victim");
    std::fs::write(&victim, "keep").expect("write the victim");

    for flag in ["--ca-out", "--instance-out"] {
        let link = tmp.path().join(format!("link{flag}"));
        std::os::unix::fs::symlink(&victim, &link).expect("a link");
        let refused = Running::start(
            tmp.path(),
            &["--port", "0", flag, link.to_str().expect("UTF-8")],
        );
        let Err(output) = refused else {
            panic!("{flag} to a link was not refused");
        };
        assert!(output.contains("symbolic link"), "{flag}: {output}");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep");
    }

    let ca_out = tmp.path().join("ca.pem");
    let instance_out = tmp.path().join("sandbox.yaml");
    for path in [&ca_out, &instance_out] {
        std::fs::write(path, "planted").expect("plant");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    }
    let mut sandbox = Running::start(
        tmp.path(),
        &[
            "--port",
            "0",
            "--ca-out",
            ca_out.to_str().expect("UTF-8"),
            "--instance-out",
            instance_out.to_str().expect("UTF-8"),
        ],
    )
    .expect("starts");
    assert_eq!(sandbox.ca_path(), ca_out);
    sandbox.stop();
    assert!(
        std::fs::read_to_string(&ca_out)
            .expect("read")
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    assert!(
        std::fs::read_to_string(&instance_out)
            .expect("read")
            .contains("instance_version: 1")
    );
    for path in [&ca_out, &instance_out] {
        assert_eq!(
            mode(path) & 0o022,
            0,
            "{} kept a world-writable mode",
            path.display()
        );
    }
}
