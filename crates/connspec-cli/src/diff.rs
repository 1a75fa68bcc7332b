//! `connspec diff OLD NEW`: what a change to a connector means, for reviewers. OLD and NEW are
//! files or git revisions (`main:connectors/coupa/x.yaml`, read with `git show`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use connspec_diagnostics::FileReport;
use connspec_diagnostics::render::{Format as DiagnosticFormat, RenderOptions, render};
use connspec_diff::{Class, Format, Version};
use connspec_model::{CheckOptions, CheckedFile, DocumentKind, check_bytes};

use crate::{ExitStatus, all_codes};

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

/// A loaded version: the text's name, and the checked file.
struct Loaded {
    name: String,
    file: connspec_diagnostics::SourceFile,
    checked: CheckedFile,
}

pub(crate) fn run(args: &DiffArgs) -> Result<ExitStatus> {
    let limits = args.limits.over(connspec_model::yaml::Limits::default());
    let old = load(&args.old, DocumentKind::Connector, limits)?;
    let new = load(&args.new, DocumentKind::Connector, limits)?;
    let instance = match &args.instance {
        Some(path) => Some(load(
            &path.display().to_string(),
            DocumentKind::Instance,
            limits,
        )?),
        None => None,
    };
    let mut invalid: Vec<&Loaded> = [&old, &new]
        .into_iter()
        .chain(instance.as_ref())
        .filter(|l| l.checked.has_errors())
        .collect();
    if !invalid.is_empty() {
        let codes = all_codes();
        let reports: Vec<FileReport> = invalid
            .drain(..)
            .map(|l| FileReport::new(l.file.clone(), l.checked.diagnostics.clone()))
            .collect();
        let options = RenderOptions {
            color: false,
            codes: &codes,
            tool_version: env!("CARGO_PKG_VERSION"),
        };
        eprint!("{}", render(DiagnosticFormat::Human, &reports, &options));
        eprintln!("connspec: cannot diff: fix the errors above first");
        return Ok(ExitStatus::Failure);
    }
    let version = |l: &Loaded| -> Option<(connspec_diagnostics::SourceFile, CheckedFile)> {
        Some((l.file.clone(), l.checked.clone()))
    };
    let (old_file, old_checked) = version(&old).context("old version")?;
    let (new_file, new_checked) = version(&new).context("new version")?;
    let (Some(old_document), Some(old_spec)) = (&old_checked.document, &old_checked.spec) else {
        bail!("{} is not a connector spec", old.name);
    };
    let (Some(new_document), Some(new_spec)) = (&new_checked.document, &new_checked.spec) else {
        bail!("{} is not a connector spec", new.name);
    };
    let instance_input = match &instance {
        Some(loaded) => {
            let (Some(document), Some(instance)) =
                (&loaded.checked.document, &loaded.checked.instance)
            else {
                bail!("{} is not an instance file", loaded.name);
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
            file: &old_file,
            document: old_document,
            spec: old_spec,
        },
        Version {
            file: &new_file,
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
    let text = connspec_diff::render(format, &old.name, &new.name, &changes);
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

/// Reads a file, or `REVISION:PATH` from git when no such file exists.
fn load(spec: &str, kind: DocumentKind, limits: connspec_model::yaml::Limits) -> Result<Loaded> {
    let bytes = if Path::new(spec).exists() {
        std::fs::read(spec).with_context(|| format!("cannot read {spec}"))?
    } else if let Some((revision, path)) = spec.split_once(':')
        && !revision.is_empty()
        && !path.is_empty()
    {
        git_show(revision, path)?
    } else {
        bail!("{spec}: no such file (and not a `REVISION:PATH` git reference)");
    };
    if bytes.len() > limits.max_bytes {
        let limit = &connspec_model::limits::INPUT_BYTES;
        bail!(
            "{spec} is {}, over {}; {}",
            connspec_diagnostics::bytes_text(bytes.len() as u64),
            limit.describe(connspec_diagnostics::Amount::Bytes(limits.max_bytes as u64)),
            limit.how_to_raise()
        );
    }
    let (file, checked) = check_bytes(
        spec,
        &bytes,
        &CheckOptions {
            limits,
            kind: Some(kind),
        },
    );
    Ok(Loaded {
        name: spec.to_owned(),
        file,
        checked,
    })
}

/// `git show REVISION:PATH`, with the path relative to the current folder as git expects
/// (`./` prefix), and git's own message on failure.
fn git_show(revision: &str, path: &str) -> Result<Vec<u8>> {
    let object = if path.starts_with("./") || path.starts_with('/') {
        format!("{revision}:{path}")
    } else {
        format!("{revision}:./{path}")
    };
    let output = Command::new("git")
        .args(["show", "--no-textconv", &object])
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "git show {object}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}
