//! `connspec compile -o DIR` writes inside `DIR` only: folder names derived from instance
//! files are sanitised into one plain path component, and nothing is written through a
//! symbolic link (the output folder, an instance folder or a file in it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace root")
        .to_path_buf()
}

/// A working folder holding the Coupa spec and its example instance as `instances/<name>`.
fn workspace(instance_names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = project_root();
    std::fs::copy(
        root.join("connectors/coupa/expense-reports.yaml"),
        dir.path().join("spec.yaml"),
    )
    .expect("copy the spec");
    std::fs::create_dir(dir.path().join("instances")).expect("mkdir instances");
    for name in instance_names {
        std::fs::copy(
            root.join("connectors/coupa/instances/acme-test.yaml"),
            dir.path().join("instances").join(name),
        )
        .expect("copy the instance");
    }
    dir
}

fn compile(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connspec"))
        .current_dir(dir)
        .args(["compile", "spec.yaml", "--color", "never"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("connspec runs")
}

fn transcript(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `dir`, relative to it, sorted (links are listed, not followed).
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("read_dir").flatten() {
            let path = entry.path();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under dir");
                out.push(relative.display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn instance_file_names_cannot_lead_out_of_the_output_folder() {
    // `...yaml` has the stem `..`, `..yaml` the stem `.`: joined to `build/`, the first wrote
    // `./curl.sh` beside `build/` and the second into `build/` itself.
    for name in ["...yaml", "..yaml", ".hidden.yaml", "a b;$(x).yaml"] {
        let dir = workspace(&[name]);
        let instance = format!("instances/{name}");
        let run = compile(
            dir.path(),
            &["-o", "build", "-i", &instance, "-t", "curl", "-t", "setup"],
        );
        let text = transcript(&run);
        assert_eq!(run.status.code(), Some(0), "{name}: {text}");
        let outside: Vec<String> = files(dir.path())
            .into_iter()
            .filter(|f| !f.starts_with("build/") && !f.starts_with("instances/"))
            .collect();
        assert_eq!(outside, ["spec.yaml"], "{name}: written outside build/");
        let inside = files(&dir.path().join("build"));
        assert_eq!(inside.len(), 3, "{name}: {inside:?}");
        for file in &inside {
            if file == ".connspec-output" {
                continue;
            }
            let (folder, _) = file.split_once('/').expect("one folder per instance");
            assert!(
                !folder.starts_with('.')
                    && folder
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
                "{name}: folder `{folder}` is not a plain name ({inside:?})"
            );
        }
    }
}

#[test]
fn two_hostile_names_get_two_folders() {
    let dir = workspace(&["...yaml", "..yaml"]);
    let run = compile(
        dir.path(),
        &[
            "-o",
            "build",
            "-i",
            "instances/...yaml",
            "-i",
            "instances/..yaml",
            "-t",
            "curl",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", transcript(&run));
    assert_eq!(
        files(&dir.path().join("build")),
        [".connspec-output", "instance-2/curl.sh", "instance/curl.sh"],
        "{}",
        transcript(&run)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_instance_folder_is_not_written_through() {
    let dir = workspace(&["acme-test.yaml"]);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("curl.sh"), "keep").expect("write the victim");
    let build = dir.path().join("build");
    std::fs::create_dir(&build).expect("mkdir build");
    std::fs::write(build.join(".connspec-output"), "").expect("the marker");
    std::os::unix::fs::symlink("../elsewhere", build.join("acme-test")).expect("symlink");

    let run = compile(
        dir.path(),
        &[
            "-o",
            "build",
            "-i",
            "instances/acme-test.yaml",
            "-t",
            "curl",
        ],
    );
    let text = transcript(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(text.contains("I102"), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("curl.sh")).expect("read"),
        "keep"
    );
    assert_eq!(files(&elsewhere), ["curl.sh"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_or_file_is_not_written_through() {
    let dir = workspace(&["acme-test.yaml"]);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink("elsewhere", dir.path().join("build")).expect("symlink");
    let run = compile(
        dir.path(),
        &[
            "-o",
            "build",
            "-i",
            "instances/acme-test.yaml",
            "-t",
            "curl",
        ],
    );
    let text = transcript(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    assert!(files(&elsewhere).is_empty(), "{:?}", files(&elsewhere));

    // A file of the instance folder that is a link is refused, not followed.
    let dir = workspace(&["acme-test.yaml"]);
    let victim = dir.path().join("victim.sh");
    std::fs::write(&victim, "keep").expect("write the victim");
    let folder = dir.path().join("build/acme-test");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(dir.path().join("build/.connspec-output"), "").expect("the marker");
    std::os::unix::fs::symlink("../../victim.sh", folder.join("curl.sh")).expect("symlink");
    let run = compile(
        dir.path(),
        &[
            "-o",
            "build",
            "-i",
            "instances/acme-test.yaml",
            "-t",
            "curl",
        ],
    );
    let text = transcript(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep");
}
