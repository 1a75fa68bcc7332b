//! `connspec compile`: one spec, one or more instance files, one or more targets.
//!
//! The spec and every instance file are checked first, through the session with the project
//! file's settings, as `connspec check` checks them; any error there stops the command before
//! anything is compiled. Each instance is then compiled
//! by `connspec_compile::compile`, and the outputs are printed or written under `-o DIR`, one
//! folder per instance and one file per target (plus the ready-to-import files of `postman`
//! and `hurl`). Files are written by the session's atomic writer, so an interrupted run never
//! leaves a half-written file, and a folder is only written
//! into when it is empty, was written by connspec (it holds the marker file), or `--force` is
//! given. Writes stay inside `-o DIR`: instance folder names are sanitised to one plain path
//! component, and neither `DIR`, an instance folder nor a file in it may be a symbolic link.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use connspec_compile::codes::{OUTPUT_DIR_NOT_EMPTY, OUTPUT_WRITE_FAILED};
use connspec_compile::output::{self, Format};
use connspec_compile::{
    CompileDiagnostic, InstanceInput, Origin, Output, Overrides, SpecInput, Target, compile,
};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_model::DocumentKind;

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs, LimitArgs};
use crate::session::write::{Replace, replace};
use crate::session::{Loaded, Session, SessionArgs, unreadable};

/// The file that marks a folder as connspec's output, so later runs may overwrite it.
const MARKER: &str = ".connspec-output";

const MARKER_TEXT: &str =
    "This folder is written by `connspec compile`; its files are replaced on every run.\n";

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  connspec compile connectors/coupa/expense-reports.yaml --instance connectors/coupa/instances/acme-test.yaml
  connspec compile spec.yaml -i connectors/coupa/instances/ --target setup --target curl
  connspec compile spec.yaml -i acme.yaml --format markdown > connector.md
  connspec compile spec.yaml -i instances/ -t agent-studio -t moveworks-api --format json -o build/
  connspec compile spec.yaml -i sandbox.yaml --set domain=127.0.0.1:9443 --target curl
  connspec compile spec.yaml -i acme.yaml -t postman -t hurl -o build/")]
pub struct CompileArgs {
    /// The connector spec to compile.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// An instance file, or a folder of instance files (`*.yaml`, `*.yml`); repeat to compile
    /// for several tenants in one run.
    #[arg(short = 'i', long = "instance", value_name = "FILE", required = true)]
    pub instances: Vec<PathBuf>,
    /// What to compile to; repeat for several. Default: agent-studio.
    #[arg(short = 't', long = "target", value_enum, value_name = "TARGET")]
    pub targets: Vec<TargetArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the outputs under this folder (one folder per instance, one file per target)
    /// instead of printing them. `postman` and `hurl` write their own files there, ready to
    /// import or run (`<connector>.postman_collection.json`, `.postman_environment.json`,
    /// `<connector>.hurl`).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Write into `-o DIR` even when it holds files that connspec did not write.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Override an instance value, e.g. `--set domain=127.0.0.1:8443`; repeatable.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// When to use colours in diagnostics (on standard error).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    /// The connector and actions as Agent Studio labels them, with Import cURL commands.
    AgentStudio,
    /// The provider-side checklist: OAuth client, grant, scopes, redirect URI.
    Setup,
    /// Runnable curl commands, the token request first; secrets from the environment.
    Curl,
    /// Bodies for the (alpha) Configuration API's http-connectors and http-actions.
    MoveworksApi,
    /// A Postman collection (v2.1) and environment: the token request, the actions, tests from
    /// `expect`; for the Postman app and newman.
    Postman,
    /// A Hurl file: the token request, the actions, asserts from `expect`.
    Hurl,
}

impl From<TargetArg> for Target {
    fn from(arg: TargetArg) -> Self {
        match arg {
            TargetArg::AgentStudio => Target::AgentStudio,
            TargetArg::Setup => Target::Setup,
            TargetArg::Curl => Target::Curl,
            TargetArg::MoveworksApi => Target::MoveworksApi,
            TargetArg::Postman => Target::Postman,
            TargetArg::Hurl => Target::Hurl,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned `Label: value` lines for pasting (a shell script for `curl`).
    Text,
    /// Tables and code blocks, for docs and pull-request comments.
    Markdown,
    /// A stable JSON document (see the README).
    Json,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    }
}

pub(crate) fn run(args: &CompileArgs) -> Result<ExitStatus> {
    let session = match Session::open_or_stop(&SessionArgs::new(
        &args.config,
        Some(&args.spec),
        Some(&args.limits),
        args.color,
    ))? {
        Ok(session) => session,
        Err(status) => return Ok(status),
    };
    let output = &session.output;
    let overrides = match Overrides::parse(args.set.iter().map(String::as_str)) {
        Ok(overrides) => overrides,
        Err(error) => {
            eprintln!("connspec: error: --set {error}");
            return Ok(ExitStatus::Error);
        }
    };
    let mut targets: Vec<Target> = Vec::new();
    for target in &args.targets {
        let target = Target::from(*target);
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    if targets.is_empty() {
        targets.push(Target::AgentStudio);
    }
    let format = Format::from(args.format);

    // Check the spec and every instance file first; compile nothing if any has errors.
    // Lint errors stop compilation like schema errors; warnings are shown and compile goes on.
    let mut reports = Vec::new();
    let Some(spec) = load(&session, &args.spec, DocumentKind::Connector, &mut reports) else {
        output.eprint_reports(&reports)?;
        return Ok(ExitStatus::Error);
    };
    let paths = instance_paths(&args.instances);
    let mut instances = Vec::new();
    let mut io_error = false;
    for path in &paths {
        match path {
            Ok(path) => match load(&session, path, DocumentKind::Instance, &mut reports) {
                Some(instance) => instances.push(instance),
                None => io_error = true,
            },
            Err((path, reason)) => {
                io_error = true;
                reports.push(unreadable(&path.display().to_string(), reason));
            }
        }
    }
    if instances.is_empty() && !io_error {
        eprintln!("connspec: error: no instance files found");
        return Ok(ExitStatus::Error);
    }
    let checks_failed = spec.checked.has_errors()
        || instances.iter().any(|i| i.checked.has_errors())
        || spec.checked.spec.is_none()
        || instances.iter().any(|i| i.checked.instance.is_none());
    if io_error || checks_failed {
        output.eprint_reports(&reports)?;
        return Ok(if io_error {
            ExitStatus::Error
        } else {
            ExitStatus::Failure
        });
    }

    // Compile for every instance.
    let (Some(spec_model), Some(spec_document)) = (spec.checked.spec.as_ref(), spec.document())
    else {
        return Ok(ExitStatus::Failure);
    };
    let spec_input = SpecInput {
        file: &spec.file,
        document: spec_document,
        spec: spec_model,
    };
    let mut spec_diagnostics = Vec::new();
    let mut instance_reports = Vec::new();
    let mut compiled_outputs: Vec<(String, Vec<Output>)> = Vec::new();
    let mut failed = false;
    for instance in &instances {
        let (Some(model), Some(document)) =
            (instance.checked.instance.as_ref(), instance.document())
        else {
            continue;
        };
        let input = InstanceInput {
            file: &instance.file,
            document,
            instance: model,
        };
        let compiled = compile(spec_input, input, &targets, &overrides);
        failed |= compiled.has_errors();
        let mut own = Vec::new();
        for CompileDiagnostic {
            origin,
            mut diagnostic,
        } in compiled.diagnostics
        {
            match origin {
                Origin::Spec => {
                    if diagnostic.note.is_none() {
                        diagnostic.note =
                            Some(format!("compiling for instance `{}`", instance.file.name()));
                    }
                    spec_diagnostics.push(diagnostic);
                }
                Origin::Instance => own.push(diagnostic),
            }
        }
        if !own.is_empty() {
            instance_reports.push(FileReport::new(instance.shown.clone(), own));
        }
        if !compiled.outputs.is_empty() {
            compiled_outputs.push((folder_name(&instance.file), compiled.outputs));
        }
    }
    let mut reports = Vec::new();
    if !spec_diagnostics.is_empty() {
        reports.push(FileReport::new(spec.shown.clone(), spec_diagnostics));
    }
    reports.extend(instance_reports);
    output.eprint_reports(&reports)?;

    match &args.output {
        None => {
            let outputs: Vec<Output> = compiled_outputs.into_iter().flat_map(|(_, o)| o).collect();
            if !outputs.is_empty() {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(output::render(format, &outputs).as_bytes())?;
                stdout.flush()?;
            }
        }
        Some(dir) => {
            if let Err(diagnostic) = write_outputs(dir, &compiled_outputs, format, args.force) {
                output.eprint_reports(&[FileReport::new(
                    SourceFile::new(dir.display().to_string(), ""),
                    vec![*diagnostic],
                )])?;
                return Ok(ExitStatus::Error);
            }
        }
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Reads and checks one file as `kind`; its report is added to `reports`. `None` when it
/// cannot be read.
fn load(
    session: &Session,
    path: &Path,
    kind: DocumentKind,
    reports: &mut Vec<FileReport>,
) -> Option<Loaded> {
    match session.load_path(path, Some(kind)) {
        Ok(loaded) => {
            reports.push(loaded.report());
            Some(loaded)
        }
        Err(report) => {
            reports.push(report);
            None
        }
    }
}

/// Instance paths: files as given, folders expanded to their `*.yaml`/`*.yml` files (not
/// recursive, hidden files skipped), sorted, without duplicates.
fn instance_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let entries = match std::fs::read_dir(path) {
                    Ok(entries) => entries,
                    Err(error) => {
                        out.push(Err((path.clone(), error.to_string())));
                        continue;
                    }
                };
                let mut files: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .map(|p| p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p))
                    .filter(|p| p.is_file())
                    .filter(|p| {
                        let hidden = p
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_none_or(|n| n.starts_with('.'));
                        let yaml = p.extension().is_some_and(|e| e == "yaml" || e == "yml");
                        yaml && !hidden
                    })
                    .collect();
                files.sort();
                for file in files {
                    if seen.insert(file.clone()) {
                        out.push(Ok(file));
                    }
                }
            }
            Ok(_) => {
                if seen.insert(path.clone()) {
                    out.push(Ok(path.clone()));
                }
            }
            Err(error) => out.push(Err((path.clone(), error.to_string()))),
        }
    }
    out
}

/// An instance's folder name under `-o`: its file name without the extension, as one plain
/// path component. Other characters than ASCII letters, digits, `-`, `_` and `.` become `_`,
/// and leading dots go, so a file called `...yaml` (stem `..`) or `..yaml` (stem `.`) cannot
/// name the output folder's parent or the folder itself, and no folder is hidden.
fn folder_name(file: &SourceFile) -> String {
    let stem = Path::new(file.name())
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let plain: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let plain = plain.trim_start_matches('.');
    if plain.is_empty() {
        "instance".to_owned()
    } else {
        plain.to_owned()
    }
}

/// Whether `name` is a file name a target may give its own file: one component, not hidden,
/// no separator. Targets build these names from the connector's name, which the schema
/// restricts; this keeps a future target from writing elsewhere.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1
}

/// Creates `folder` unless it is there; an existing one must be a real folder, not a
/// symbolic link (which would carry the writes outside `-o`) nor a file.
fn ensure_folder(folder: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(folder) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(format!(
            "`{}` is a symbolic link; connspec does not write through links (remove it, or \
             pass the folder it points to)",
            folder.display()
        )),
        Ok(metadata) if metadata.is_dir() => Ok(()),
        Ok(_) => Err(format!("`{}` is not a folder", folder.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(folder)
            .map_err(|e| format!("cannot create `{}`: {e}", folder.display())),
        Err(error) => Err(format!("cannot read `{}`: {error}", folder.display())),
    }
}

/// Writes every output under `dir/<instance>/<target>.<ext>` (and a target's own files under
/// their names), each file atomically.
fn write_outputs(
    dir: &Path,
    outputs: &[(String, Vec<Output>)],
    format: Format,
    force: bool,
) -> Result<(), Box<Diagnostic>> {
    let failed = |what: String| Box::new(Diagnostic::error(&OUTPUT_WRITE_FAILED, what));
    // The folder itself may be missing; if it is there, it must not be a link either.
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(failed(format!(
            "`{}` is a symbolic link; connspec does not write through links (pass the folder it \
             points to)",
            dir.display()
        )));
    }
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        let non_empty = entries.next().is_some();
        if non_empty && !dir.join(MARKER).is_file() && !force {
            return Err(Box::new(
                Diagnostic::error(
                    &OUTPUT_DIR_NOT_EMPTY,
                    format!("`{}` is not empty and was not written by connspec", dir.display()),
                )
                .with_help(format!("choose an empty folder, or pass --force to write into it anyway (it then gets a `{MARKER}` file)")),
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| failed(format!("cannot create `{}`: {e}", dir.display())))?;
    write_atomic(&dir.join(MARKER), MARKER_TEXT).map_err(|e| failed(format!("{e:#}")))?;
    let mut used = BTreeSet::new();
    for (stem, outputs) in outputs {
        let mut name = stem.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        let folder = dir.join(&name);
        ensure_folder(&folder).map_err(failed)?;
        for output in outputs {
            // A target's own files are what users import or run; its text form would repeat
            // them, so it is written only in the Markdown and JSON formats.
            for file in &output.files {
                if !is_plain_file_name(&file.name) {
                    return Err(failed(format!(
                        "the {} target named a file `{}`, which is not a plain file name; \
                         nothing of it was written",
                        output.target.as_str(),
                        file.name.escape_debug()
                    )));
                }
                write_atomic(&folder.join(&file.name), &file.text)
                    .map_err(|e| failed(format!("{e:#}")))?;
            }
            if !output.files.is_empty() && format == Format::Text {
                continue;
            }
            let path = folder.join(format!(
                "{}.{}",
                output.target.as_str(),
                format.extension(output.target)
            ));
            let text = output::render(format, std::slice::from_ref(output));
            write_atomic(&path, &text).map_err(|e| failed(format!("{e:#}")))?;
        }
    }
    Ok(())
}

/// Writes `text` to `path` through the session's atomic writer.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    replace(path, text.as_bytes(), Replace::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_one_plain_component() {
        let name = |file: &str| folder_name(&SourceFile::new(file, ""));
        assert_eq!(name("instances/acme-test.yaml"), "acme-test");
        assert_eq!(name("instances/...yaml"), "instance");
        assert_eq!(name("instances/..yaml"), "instance");
        assert_eq!(name("instances/.hidden.yaml"), "hidden");
        assert_eq!(name("a b;$(x)\u{1b}[2K.yaml"), "a_b___x___2K");
        assert_eq!(name("acme.prod.yaml"), "acme.prod");
        assert_eq!(name("-"), "-");
    }

    #[test]
    fn target_file_names_must_be_plain() {
        assert!(is_plain_file_name("coupa.postman_collection.json"));
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a\\b",
            ".hidden",
            "/etc/passwd",
        ] {
            assert!(!is_plain_file_name(bad), "{bad}");
        }
    }
}
