//! `connspec check`: discover files, check and lint them in parallel, check specs against
//! instance files, render, and map the result to an exit status.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use connspec_diagnostics::render::{self, Format, RenderOptions};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_lint::{InstanceInput, LintSettings, ProjectConfig, SpecInput};
use connspec_model::codes::UNREADABLE_FILE;
use connspec_model::yaml::{Limits, file_too_large};
use connspec_model::{CheckOptions, CheckedFile, DocumentKind};
use connspec_semantic::Origin;
use rayon::prelude::*;

use crate::args::{CheckArgs, ColorChoice, KindArg, OutputFormat};
use crate::discover::{Input, discover};
use crate::{ExitStatus, all_codes};

/// The name of the project file.
const CONFIG_FILE: &str = "connspec.toml";

/// One checked input: its report, the checked file, and whether it could not be read.
struct Outcome {
    report: FileReport,
    checked: Option<CheckedFile>,
    io_error: bool,
}

pub(crate) fn run(args: &CheckArgs) -> Result<ExitStatus> {
    let codes = all_codes();
    let mut reports = Vec::new();
    let mut usage_error = false;

    let config = match load_config(args, &codes) {
        Ok(config) => config,
        Err(report) => {
            usage_error = true;
            reports.push(*report);
            None
        }
    };
    let config = config.unwrap_or_default();
    let settings = config
        .lint_settings()
        .merged_with(&args.select, &args.ignore);
    let unknown: Vec<&str> = settings.unknown_selectors(&codes);
    if !unknown.is_empty() {
        anyhow::bail!(
            "`{}` matches no rule code; see `connspec explain --all`",
            unknown.join("`, `")
        );
    }
    let defaults = Limits::default();
    let options = CheckOptions {
        limits: Limits {
            max_bytes: args
                .limits
                .max_bytes
                .or(config.check.max_bytes)
                .unwrap_or(defaults.max_bytes),
            max_depth: args
                .limits
                .max_depth
                .or(config.check.max_depth)
                .unwrap_or(defaults.max_depth),
            max_nodes: args
                .limits
                .max_nodes
                .or(config.check.max_nodes)
                .unwrap_or(defaults.max_nodes),
        },
        kind: args.kind.map(|k| match k {
            KindArg::Connector => DocumentKind::Connector,
            KindArg::Instance => DocumentKind::Instance,
        }),
    };

    let mut inputs = discover(&args.paths);
    // Instance files named with `--instance` are checked too, once.
    for instance in &args.instance {
        let input = Input::File(instance.clone());
        if !inputs.contains(&input) {
            inputs.push(input);
        }
    }
    inputs.sort();
    if inputs.is_empty() {
        eprintln!("connspec: warning: no YAML files found");
    }
    let stdin_name = args.stdin_filename.as_str();
    // The checked documents are kept only when instance files need them.
    let keep_checked = !args.instance.is_empty();
    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let mut outcome = check_input(input, stdin_name, &options, &settings);
            if !keep_checked {
                outcome.checked = None;
                // A clean file's report needs only its name: renderers read the text for
                // snippets and positions of diagnostics (instance checks add some later, so
                // this waits for them). It keeps a 10,000-file run's memory to the files
                // with findings.
                if outcome.report.diagnostics.is_empty() {
                    outcome.report.source = SourceFile::new(outcome.report.source.name(), "");
                }
            }
            outcome
        })
        .collect();

    check_against_instances(&args.instance, &mut outcomes);

    let io_error = outcomes.iter().any(|o| o.io_error);
    reports.extend(outcomes.into_iter().map(|o| o.report));

    let render_options = RenderOptions {
        color: use_color(args.color),
        codes: &codes,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Junit => Format::Junit,
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    render::write(format, &reports, &render_options, &mut stdout)?;
    stdout.flush()?;

    Ok(if io_error || usage_error {
        ExitStatus::Error
    } else if reports.iter().any(FileReport::has_errors) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The project file: `--config FILE`, else the nearest `connspec.toml` above the first path
/// (or the current folder). A file that cannot be used is returned as a report.
fn load_config(
    args: &CheckArgs,
    codes: &[&'static connspec_diagnostics::Code],
) -> Result<Option<ProjectConfig>, Box<FileReport>> {
    if args.no_config {
        return Ok(None);
    }
    let path = if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        let start = args
            .paths
            .first()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        find_config(&start)
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            let diagnostic = Diagnostic::error(&UNREADABLE_FILE, format!("cannot read: {error}"));
            return Err(Box::new(FileReport::new(
                SourceFile::new(name, ""),
                vec![diagnostic],
            )));
        }
    };
    let file = SourceFile::new(name, text);
    ProjectConfig::parse(&file, codes)
        .map(Some)
        .map_err(|error| Box::new(FileReport::new(file, vec![*error.diagnostic])))
}

/// Walks up from `start` (a file or folder) to the nearest `connspec.toml`.
fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    loop {
        let candidate = dir.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(relative_to_cwd(&candidate));
        }
        dir = dir.parent()?;
    }
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Checks every valid spec against every `--instance` file. Findings about the instance go to
/// the instance file; fields of the spec that fail to render with its values, to the spec.
fn check_against_instances(instance_paths: &[PathBuf], outcomes: &mut [Outcome]) {
    if instance_paths.is_empty() {
        return;
    }
    let specs: Vec<usize> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| o.checked.as_ref().is_some_and(|c| c.spec.is_some()))
        .map(|(i, _)| i)
        .collect();
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for path in instance_paths {
        let name = path.display().to_string();
        let Some(index) = outcomes.iter().position(|o| o.report.source.name() == name) else {
            continue;
        };
        let instance = &outcomes[index];
        let Some(checked) = &instance.checked else {
            continue;
        };
        let (Some(document), Some(instance_file)) = (&checked.document, &checked.instance) else {
            continue;
        };
        let input = InstanceInput {
            file: &instance.report.source,
            document,
            instance: instance_file,
        };
        for &spec_index in &specs {
            let outcome = &outcomes[spec_index];
            let Some(checked) = &outcome.checked else {
                continue;
            };
            let (Some(document), Some(spec)) = (&checked.document, &checked.spec) else {
                continue;
            };
            let spec_input = SpecInput {
                file: &outcome.report.source,
                document,
                spec,
            };
            for located in connspec_lint::check_instance(spec_input, input) {
                let target = match located.origin {
                    Origin::Spec => spec_index,
                    Origin::Instance => index,
                };
                found.push((target, located.diagnostic));
            }
        }
    }
    for (index, diagnostic) in found {
        let report = &mut outcomes[index].report;
        let mut diagnostics = std::mem::take(&mut report.diagnostics);
        if !diagnostics.contains(&diagnostic) {
            diagnostics.push(diagnostic);
        }
        *report = FileReport::new(report.source.clone(), diagnostics);
    }
}

/// Reads, checks and lints one input.
fn check_input(
    input: &Input,
    stdin_name: &str,
    options: &CheckOptions,
    settings: &LintSettings,
) -> Outcome {
    let (name, read) = match input {
        Input::Stdin => (stdin_name.to_owned(), read_stdin(options.limits.max_bytes)),
        Input::File(path) => (
            path.display().to_string(),
            read_file(path, options.limits.max_bytes),
        ),
        Input::Missing(path, reason) => (path.display().to_string(), Err(reason.clone())),
    };
    match read {
        Ok(ReadOutcome::Bytes(bytes)) => {
            // Literal secrets are masked in every snippet of this file (`shown`).
            let connspec_lint::CheckedSource { shown, checked, .. } =
                connspec_lint::check_and_lint(&name, &bytes, options, settings);
            Outcome {
                report: FileReport::new(shown, checked.diagnostics.clone()),
                checked: Some(checked),
                io_error: false,
            }
        }
        Ok(ReadOutcome::TooLarge { size, head }) => {
            let file = SourceFile::new(name, String::from_utf8_lossy(&head).into_owned());
            let diagnostic = file_too_large(size, &options.limits);
            Outcome {
                report: FileReport::new(file, diagnostic.into_iter().collect()),
                checked: None,
                io_error: false,
            }
        }
        Err(reason) => {
            let diagnostic = Diagnostic::error(&UNREADABLE_FILE, format!("cannot read: {reason}"));
            Outcome {
                report: FileReport::new(SourceFile::new(name, ""), vec![diagnostic]),
                checked: None,
                io_error: true,
            }
        }
    }
}

/// What reading an input gave.
enum ReadOutcome {
    Bytes(Vec<u8>),
    /// Over the size limit: the size and the first line or so, for the snippet.
    TooLarge {
        size: u64,
        head: Vec<u8>,
    },
}

fn read_file(path: &Path, max_bytes: usize) -> Result<ReadOutcome, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    read_limited(file, size, max_bytes)
}

fn read_stdin(max_bytes: usize) -> Result<ReadOutcome, String> {
    read_limited(std::io::stdin().lock(), 0, max_bytes)
}

/// Reads at most one byte past the limit, so a huge input is refused without loading it.
fn read_limited(
    reader: impl Read,
    known_size: u64,
    max_bytes: usize,
) -> Result<ReadOutcome, String> {
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    if known_size > limit {
        return Ok(ReadOutcome::TooLarge {
            size: known_size,
            head: head_of(reader),
        });
    }
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > max_bytes {
        bytes.truncate(200);
        return Ok(ReadOutcome::TooLarge {
            size: known_size.max(limit + 1),
            head: bytes,
        });
    }
    Ok(ReadOutcome::Bytes(bytes))
}

fn head_of(reader: impl Read) -> Vec<u8> {
    let mut head = Vec::new();
    let _ = reader.take(200).read_to_end(&mut head);
    head
}

/// Colour when asked, or on a terminal without `NO_COLOR`.
pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
