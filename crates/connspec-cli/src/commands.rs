//! Command implementations: `check`, `schema`, `explain`.

use std::io::{IsTerminal, Read, Write};

use anyhow::{Context, Result, bail};
use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_model::codes::UNREADABLE_FILE;
use connspec_model::schema::{SchemaKind, schema_json};
use connspec_model::yaml::{Limits, file_too_large};
use connspec_model::{CheckOptions, DocumentKind, check_bytes};
use rayon::prelude::*;

use crate::args::{
    CheckArgs, ColorChoice, Command, ExplainArgs, KindArg, OutputFormat, SchemaArg, SchemaArgs,
};
use crate::discover::{Input, discover};
use crate::{Cli, ExitStatus, all_codes};

pub(crate) fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Schema(args) => schema(&args),
        Command::Explain(args) => explain(&args),
        Command::Compile(args) => crate::compile::run(&args),
    }
}

fn check(args: &CheckArgs) -> Result<ExitStatus> {
    let options = CheckOptions {
        limits: Limits {
            max_bytes: args.limits.max_bytes,
            max_depth: args.limits.max_depth,
            max_nodes: args.limits.max_nodes,
        },
        kind: args.kind.map(|k| match k {
            KindArg::Connector => DocumentKind::Connector,
            KindArg::Instance => DocumentKind::Instance,
        }),
    };
    let inputs = discover(&args.paths);
    if inputs.is_empty() {
        eprintln!("connspec: warning: no YAML files found");
    }
    let stdin_name = args.stdin_filename.as_str();
    let results: Vec<(FileReport, bool)> = inputs
        .par_iter()
        .map(|input| check_input(input, stdin_name, &options))
        .collect();
    let io_error = results.iter().any(|(_, io_error)| *io_error);
    let reports: Vec<FileReport> = results.into_iter().map(|(report, _)| report).collect();

    let codes = all_codes();
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
    let output = render(format, &reports, &render_options);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;

    Ok(if io_error {
        ExitStatus::Error
    } else if reports.iter().any(FileReport::has_errors) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Reads and checks one input; the flag tells whether it could not be read at all.
fn check_input(input: &Input, stdin_name: &str, options: &CheckOptions) -> (FileReport, bool) {
    let (name, read) = match input {
        Input::Stdin => (stdin_name.to_owned(), read_stdin(options.limits.max_bytes)),
        Input::File(path) => (
            path.display().to_string(),
            read_file(path, options.limits.max_bytes),
        ),
        Input::Missing(path, reason) => (path.display().to_string(), Err(reason.clone())),
    };
    match read {
        Ok(Read_::Bytes(bytes)) => {
            let (file, checked) = check_bytes(&name, &bytes, options);
            (FileReport::new(file, checked.diagnostics), false)
        }
        Ok(Read_::TooLarge { size, head }) => {
            let file = SourceFile::new(name, String::from_utf8_lossy(&head).into_owned());
            let diagnostic = file_too_large(size, &options.limits);
            (
                FileReport::new(file, diagnostic.into_iter().collect()),
                false,
            )
        }
        Err(reason) => {
            let diagnostic = Diagnostic::error(&UNREADABLE_FILE, format!("cannot read: {reason}"));
            (
                FileReport::new(SourceFile::new(name, ""), vec![diagnostic]),
                true,
            )
        }
    }
}

/// What reading an input gave.
enum Read_ {
    Bytes(Vec<u8>),
    /// Over the size limit: the size and the first line or so, for the snippet.
    TooLarge {
        size: u64,
        head: Vec<u8>,
    },
}

fn read_file(path: &std::path::Path, max_bytes: usize) -> Result<Read_, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    read_limited(file, size, max_bytes)
}

fn read_stdin(max_bytes: usize) -> Result<Read_, String> {
    read_limited(std::io::stdin().lock(), 0, max_bytes)
}

/// Reads at most one byte past the limit, so a huge input is refused without loading it.
fn read_limited(reader: impl Read, known_size: u64, max_bytes: usize) -> Result<Read_, String> {
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    if known_size > limit {
        return Ok(Read_::TooLarge {
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
        return Ok(Read_::TooLarge {
            size: known_size.max(limit + 1),
            head: bytes,
        });
    }
    Ok(Read_::Bytes(bytes))
}

fn head_of(reader: impl Read) -> Vec<u8> {
    let mut head = Vec::new();
    let _ = reader.take(200).read_to_end(&mut head);
    head
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn schema(args: &SchemaArgs) -> Result<ExitStatus> {
    let kind = match args.kind {
        SchemaArg::Connector => SchemaKind::Connector,
        SchemaArg::Instance => SchemaKind::Instance,
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(schema_json(kind).as_bytes())?;
    Ok(ExitStatus::Success)
}

fn explain(args: &ExplainArgs) -> Result<ExitStatus> {
    let codes = all_codes();
    let mut out = String::new();
    if args.all {
        for code in &codes {
            out.push_str(&explanation(code));
            out.push('\n');
        }
    } else {
        let wanted = args.code.as_deref().unwrap_or_default().trim();
        let Some(code) = codes
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(wanted) || c.name == wanted)
        else {
            let known: Vec<&str> = codes.iter().map(|c| c.code).collect();
            bail!("unknown code `{wanted}`; known codes: {}", known.join(", "));
        };
        out = explanation(code);
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .context("writing the explanation")?;
    Ok(ExitStatus::Success)
}

fn explanation(code: &connspec_diagnostics::Code) -> String {
    format!(
        "# {} {}\n\n{}.\n\n{}",
        code.code,
        code.name,
        capitalise(code.summary),
        code.explanation_text()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
