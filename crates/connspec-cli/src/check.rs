//! `connspec check`: discover files, check and lint them in parallel, check instance files
//! against their specs (paired by folder, and every spec against each `--instance` file),
//! render, and map the result to an exit status.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use connspec_diagnostics::render::{self, Format};
use connspec_diagnostics::{Applicability, Diagnostic, FileReport, Severity, SourceFile};
use connspec_lint::{InstanceInput, SpecInput};
use connspec_model::{CheckedFile, DocumentKind};
use connspec_semantic::Origin;
use rayon::prelude::*;

use crate::ExitStatus;
use crate::args::{CheckArgs, FailOn, KindArg, OutputFormat};
use crate::discover::{Input, discover};
use crate::session::pairing::{PairingPlan, RunFile};
use crate::session::write::{Replace, replace};
use crate::session::{Session, SessionArgs, unreadable};

/// One checked input: its path, its report, the checked file, and whether it could not be
/// read.
struct Outcome {
    path: Option<PathBuf>,
    report: FileReport,
    checked: Option<CheckedFile>,
    io_error: bool,
}

pub(crate) fn run(args: &CheckArgs) -> Result<ExitStatus> {
    if args.watch {
        return crate::watch::run(args, run_once);
    }
    run_once(args)
}

/// One `connspec check` run over the arguments' paths.
fn run_once(args: &CheckArgs) -> Result<ExitStatus> {
    let first = args.paths.first().filter(|p| p.as_os_str() != "-");
    let mut session = Session::open(&SessionArgs {
        config: &args.config,
        start: first.map(PathBuf::as_path),
        limits: Some(&args.limits),
        color: args.color,
        select: &args.select,
        ignore: &args.ignore,
    })?;
    let mut reports = Vec::new();
    let config_problem = session.take_config_problem();
    let usage_error = config_problem.is_some();
    reports.extend(config_problem);
    let kind = args.kind.map(|k| match k {
        KindArg::Connector => DocumentKind::Connector,
        KindArg::Instance => DocumentKind::Instance,
    });

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
    if args.fix || args.unsafe_fixes || args.diff {
        let threshold = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let (changed, count) = fix_inputs(&session, &inputs, kind, threshold, !args.diff)?;
        if args.diff {
            eprintln!(
                "connspec: {} in {changed} file{} would be applied",
                plural(count, "fix", "fixes"),
                if changed == 1 { "" } else { "s" }
            );
            return Ok(if count > 0 {
                ExitStatus::Failure
            } else {
                ExitStatus::Success
            });
        }
        if count > 0 {
            eprintln!(
                "connspec: applied {} in {changed} file{}",
                plural(count, "fix", "fixes"),
                if changed == 1 { "" } else { "s" }
            );
        }
    }
    let stdin_name = args.stdin_filename.as_str();
    let plan = PairingPlan::new(
        &session,
        inputs.iter().filter_map(Input::path),
        &args.instance,
    );
    // The checked documents are kept only when instance files need them.
    let keep_all = !args.instance.is_empty();
    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let mut outcome = check_input(&session, input, stdin_name, kind);
            let keep = keep_all || input.path().is_some_and(|p| plan.keeps(p));
            if !keep {
                outcome.checked = None;
                forget_clean_text(&mut outcome.report);
            }
            outcome
        })
        .collect();

    check_against_instances(&args.instance, &session.settings, &mut outcomes);
    check_paired_instances(&session, &plan, &mut outcomes);

    let io_error = outcomes.iter().any(|o| o.io_error);
    reports.extend(outcomes.into_iter().map(|mut o| {
        forget_clean_text(&mut o.report);
        o.report
    }));

    let output = &session.output;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    render::write(
        format_of(args.format),
        &reports,
        &output.render_options(output.stdout_color()),
        &mut stdout,
    )?;
    stdout.flush()?;
    // Reports written to files never have colour.
    let mut write_failed = false;
    for (format, path) in &args.outputs {
        let text = render::render(format_of(*format), &reports, &output.render_options(false));
        if let Err(error) = replace(path, text.as_bytes(), Replace::default()) {
            eprintln!("connspec: error: --output {}: {error:#}", path.display());
            write_failed = true;
        }
    }

    let fails = |d: &Diagnostic| match args.fail_on {
        FailOn::Error => d.severity == Severity::Error,
        FailOn::Warning => matches!(d.severity, Severity::Error | Severity::Warning),
        FailOn::Never => false,
    };
    Ok(if io_error || usage_error || write_failed {
        ExitStatus::Error
    } else if reports.iter().flat_map(|r| &r.diagnostics).any(fails) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn format_of(format: OutputFormat) -> Format {
    match format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Gitlab => Format::Gitlab,
    }
}

/// A clean file's report needs only its name: renderers read the text for snippets and
/// positions of diagnostics. It keeps a 10,000-file run's memory to the files with findings
/// (files that pairing needs are forgotten after it, since it adds findings).
fn forget_clean_text(report: &mut FileReport) {
    if report.diagnostics.is_empty() && !report.source.text().is_empty() {
        report.source = SourceFile::new(report.source.name(), "");
    }
}

/// Checks every valid spec against every `--instance` file. Findings about the instance go to
/// the instance file; fields of the spec that fail to render with its values, to the spec.
fn check_against_instances(
    instance_paths: &[PathBuf],
    settings: &connspec_lint::LintSettings,
    outcomes: &mut [Outcome],
) {
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
        let Some(index) = outcomes
            .iter()
            .position(|o| o.path.as_deref() == Some(path.as_path()))
        else {
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
            for located in connspec_lint::check_instance(spec_input, input, settings) {
                let target = match located.origin {
                    Origin::Spec => spec_index,
                    Origin::Instance => index,
                };
                found.push((target, located.diagnostic));
            }
        }
    }
    for (index, diagnostic) in found {
        add_findings(&mut outcomes[index].report, vec![diagnostic]);
    }
}

/// Checks each instance file in an instance folder against the spec(s) of its folder.
fn check_paired_instances(session: &Session, plan: &PairingPlan, outcomes: &mut [Outcome]) {
    let found = {
        let files: Vec<RunFile<'_>> = outcomes
            .iter()
            .filter_map(|o| {
                Some(RunFile {
                    path: o.path.as_deref()?,
                    source: &o.report.source,
                    checked: o.checked.as_ref(),
                })
            })
            .collect();
        let found = plan.check(session, &files);
        // `files` skips stdin; map its indices back to outcomes by path.
        found
            .into_iter()
            .map(|(i, diagnostics)| (files[i].path.to_path_buf(), diagnostics))
            .collect::<Vec<_>>()
    };
    for (path, diagnostics) in found {
        if diagnostics.is_empty() {
            continue;
        }
        if let Some(outcome) = outcomes
            .iter_mut()
            .find(|o| o.path.as_deref() == Some(path.as_path()))
        {
            add_findings(&mut outcome.report, diagnostics);
        }
    }
}

/// Adds findings to a file's report; a finding it already has (the same spec field failing
/// for a second instance) is not repeated.
fn add_findings(report: &mut FileReport, found: Vec<Diagnostic>) {
    let mut diagnostics = std::mem::take(&mut report.diagnostics);
    for diagnostic in found {
        if !diagnostics.contains(&diagnostic) {
            diagnostics.push(diagnostic);
        }
    }
    *report = FileReport::new(report.source.clone(), diagnostics);
}

/// Fixes every file among `inputs` (standard input is left alone): writes them, or prints
/// their diffs when `write` is off. Returns how many files changed and how many fixes applied.
fn fix_inputs(
    session: &Session,
    inputs: &[Input],
    kind: Option<DocumentKind>,
    threshold: Applicability,
    write: bool,
) -> Result<(usize, usize)> {
    let mut changed = 0;
    let mut count = 0;
    let mut stdout = std::io::stdout().lock();
    for path in inputs.iter().filter_map(Input::path) {
        let Some(fixed) = crate::fix::fix_file(session, path, kind, threshold, write)? else {
            continue;
        };
        if fixed.count == 0 {
            continue;
        }
        changed += 1;
        count += fixed.count;
        if !write {
            stdout.write_all(crate::fix::unified_diff(path, &fixed).as_bytes())?;
        }
    }
    stdout.flush()?;
    Ok((changed, count))
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Reads, checks and lints one input.
fn check_input(
    session: &Session,
    input: &Input,
    stdin_name: &str,
    kind: Option<DocumentKind>,
) -> Outcome {
    let loaded = match input {
        Input::Stdin => session.load_stdin(stdin_name, kind),
        Input::File(path) => session.load_path(path, kind),
        Input::Missing(path, reason) => Err(unreadable(&path.display().to_string(), reason)),
    };
    let path = input.path().map(Path::to_path_buf);
    match loaded {
        // Literal secrets are masked in every snippet of this file (`shown`).
        Ok(loaded) => Outcome {
            path,
            report: loaded.report(),
            checked: Some(loaded.checked),
            io_error: false,
        },
        Err(report) => Outcome {
            path,
            report,
            checked: None,
            io_error: true,
        },
    }
}
