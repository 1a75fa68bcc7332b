//! `connspec diff OLD NEW`: what a change to a connector means, for reviewers. OLD and NEW are
//! files or git revisions (`main:connectors/coupa/x.yaml`, read with `git show`). Both go
//! through the same check and lint as `connspec check`, with the project file's settings and
//! limits; a version that cannot be read as a spec (syntax, schema, limits) is reported and
//! not compared.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use connspec_diagnostics::FileReport;
use connspec_diff::{Class, Format, Version};
use connspec_model::DocumentKind;

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs};
use crate::session::{Loaded, Session, SessionArgs};

const EXAMPLES: &str = "\
Examples:
  connspec diff old.yaml new.yaml
  connspec diff main:connectors/coupa/approvals-service.yaml connectors/coupa/approvals-service.yaml
  connspec diff --format markdown HEAD~1:spec.yaml spec.yaml > comment.md
  connspec diff --fail-on breaking main:spec.yaml spec.yaml   exit 1 on breaking changes";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct DiffArgs {
    /// The old version: a file, or `REVISION:PATH` read from git.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new version: a file, or `REVISION:PATH` read from git.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Compile both versions for this instance to find the Agent Studio fields that changed;
    /// without it, instance parameters' examples stand in.
    #[arg(long, value_name = "FILE")]
    pub instance: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit with status 1 when a change of this class (or a more serious one) exists.
    #[arg(long, value_enum, value_name = "CLASS")]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: crate::args::LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Grouped lists for a terminal.
    Human,
    /// A pull-request comment.
    Markdown,
    /// A stable JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Breaking changes.
    Breaking,
    /// Breaking changes or changes the provider's admin must make.
    Provider,
    /// Anything but safe changes.
    Repaste,
    /// Any change.
    Any,
}

pub(crate) fn run(args: &DiffArgs) -> Result<ExitStatus> {
    // The project file is the one above NEW (its path part, for a git revision).
    let start = [args.new.as_str(), args.old.as_str()]
        .into_iter()
        .map(|version| {
            if Path::new(version).exists() {
                version
            } else {
                version.split_once(':').map_or(version, |(_, path)| path)
            }
        })
        .map(Path::new)
        .next();
    // Diff prints diagnostics only when it cannot compare, always without colour.
    let session = match Session::open_or_stop(&SessionArgs::new(
        &args.config,
        start,
        Some(&args.limits),
        ColorChoice::Never,
    ))? {
        Ok(session) => session,
        Err(status) => return Ok(status),
    };
    let old = load(&session, &args.old, DocumentKind::Connector)?;
    let new = load(&session, &args.new, DocumentKind::Connector)?;
    let instance = match &args.instance {
        Some(path) => Some(load(
            &session,
            &path.display().to_string(),
            DocumentKind::Instance,
        )?),
        None => None,
    };
    let invalid: Vec<FileReport> = [&old, &new]
        .into_iter()
        .chain(instance.as_ref())
        .map(loading_findings)
        .filter(FileReport::has_errors)
        .collect();
    if !invalid.is_empty() {
        session.output.eprint_reports(&invalid)?;
        eprintln!("connspec: cannot diff: fix the errors above first");
        return Ok(ExitStatus::Failure);
    }
    let (old_file, old_checked) = (&old.file, &old.checked);
    let (new_file, new_checked) = (&new.file, &new.checked);
    let (Some(old_document), Some(old_spec)) = (&old_checked.document, &old_checked.spec) else {
        bail!("{} is not a connector spec", args.old);
    };
    let (Some(new_document), Some(new_spec)) = (&new_checked.document, &new_checked.spec) else {
        bail!("{} is not a connector spec", args.new);
    };
    let instance_input = match &instance {
        Some(loaded) => {
            let (Some(document), Some(instance)) =
                (&loaded.checked.document, &loaded.checked.instance)
            else {
                bail!("{} is not an instance file", loaded.file.name());
            };
            Some(connspec_compile::InstanceInput {
                file: &loaded.file,
                document,
                instance,
            })
        }
        None => None,
    };
    let changes = connspec_diff::diff(
        Version {
            file: old_file,
            document: old_document,
            spec: old_spec,
        },
        Version {
            file: new_file,
            document: new_document,
            spec: new_spec,
        },
        instance_input,
    );
    let format = match args.format {
        DiffFormat::Human => Format::Human,
        DiffFormat::Markdown => Format::Markdown,
        DiffFormat::Json => Format::Json,
    };
    let text = connspec_diff::render(format, &args.old, &args.new, &changes);
    // Changes quote the specs' text (header values, descriptions): control and bidirectional
    // characters in it are shown as escapes, never printed raw.
    let text = match format {
        Format::Json => connspec_diagnostics::terminal::escape_json(&text),
        Format::Human | Format::Markdown => connspec_diagnostics::terminal::escape(&text),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    let threshold = match args.fail_on {
        None => return Ok(ExitStatus::Success),
        Some(FailOn::Breaking) => Class::Breaking,
        Some(FailOn::Provider) => Class::NeedsProviderChange,
        Some(FailOn::Repaste) => Class::NeedsRepaste,
        Some(FailOn::Any) => Class::Safe,
    };
    Ok(if changes.iter().any(|c| c.class <= threshold) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The findings of reading a version (syntax, schema, limits, I/O). Lint findings are left to
/// `connspec check`: a version that breaks a rule (a scope the provider must grant, say) is
/// exactly what a diff has to classify, so it does not stop one.
fn loading_findings(loaded: &Loaded) -> FileReport {
    let loading = connspec_model::codes::ALL;
    let diagnostics = loaded
        .checked
        .diagnostics
        .iter()
        .filter(|d| loading.iter().any(|code| code.code == d.code.code))
        .cloned()
        .collect();
    FileReport::new(loaded.shown.clone(), diagnostics)
}

/// Reads and checks a file, or `REVISION:PATH` from git when no such file exists.
fn load(session: &Session, version: &str, kind: DocumentKind) -> Result<Loaded> {
    if Path::new(version).exists() {
        return session
            .load_path(Path::new(version), Some(kind))
            .or_else(|report| {
                session.output.eprint_reports(&[report])?;
                bail!("cannot read {version}")
            });
    }
    let Some((revision, path)) = version
        .split_once(':')
        .filter(|(revision, path)| !revision.is_empty() && !path.is_empty())
    else {
        bail!("{version}: no such file (and not a `REVISION:PATH` git reference)");
    };
    if !is_revision(revision) {
        bail!(
            "{version}: `{revision}` is not a git revision (letters, digits and `._/@{{}}^~+-`, \
             not starting with `-`)"
        );
    }
    let bytes = git_show(revision, path, session.limits.max_bytes)?;
    Ok(session.load_bytes(version, &bytes, Some(kind)))
}

/// Whether `revision` can only be read by git as a revision, never as an option: it does not
/// start with `-` and holds only the characters of branch names, tags, hashes and `@{1}`/`~2`/
/// `^` suffixes.
fn is_revision(revision: &str) -> bool {
    !revision.starts_with('-')
        && revision.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '.' | '_' | '/' | '@' | '{' | '}' | '^' | '~' | '+' | '-')
        })
}

/// `git show REVISION:PATH`, with the path relative to the current folder as git expects
/// (`./` prefix), and git's own message on failure. `--end-of-options` makes git read the
/// object as an object whatever it holds. Its output is read up to the input size limit, like
/// a file's: a huge object in the history is refused, not loaded.
fn git_show(revision: &str, path: &str, max_bytes: usize) -> Result<Vec<u8>> {
    use std::process::Stdio;
    let object = if path.starts_with("./") || path.starts_with('/') {
        format!("{revision}:{path}")
    } else {
        format!("{revision}:./{path}")
    };
    let mut child = Command::new("git")
        .args(["show", "--no-textconv", "--end-of-options", &object])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run git")?;
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    let stdout = child
        .stdout
        .take()
        .context("git's output is not readable")?;
    let read = connspec_model::file::read_at_most(stdout, limit);
    if read.is_err() {
        let _ = child.kill();
    }
    let output = child.wait_with_output().context("cannot run git")?;
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(connspec_model::file::ReadError::TooLarge { .. }) => {
            let input = &connspec_model::limits::INPUT_BYTES;
            bail!(
                "{object} is larger than {}; {}",
                input.describe(connspec_diagnostics::Amount::Bytes(limit)),
                input.how_to_raise()
            )
        }
        Err(error) => bail!("git show {object}: {error}"),
    };
    if !output.status.success() {
        bail!(
            "git show {object}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::is_revision;

    #[test]
    fn revisions_never_read_as_options() {
        for ok in [
            "main",
            "HEAD~2",
            "v0.1.0",
            "origin/main",
            "HEAD@{1}",
            "a1b2c3^",
            "feature/x-y",
        ] {
            assert!(is_revision(ok), "{ok}");
        }
        for bad in [
            "--output=/tmp/x",
            "-p",
            "main --output=x",
            "a;b",
            "$(id)",
            "a\nb",
            "",
        ] {
            assert!(!is_revision(bad) || bad.is_empty(), "{bad}");
        }
    }
}
