//! Command dispatch and the small commands: `schema`, `explain`, `completions`, `lsp`.

use std::io::Write;

use anyhow::{Context, Result, bail};
use connspec_model::schema::{SchemaKind, schema_json};

use crate::args::{Command, CompletionsArgs, ExplainArgs, SchemaArg, SchemaArgs};
use crate::{Cli, ExitStatus, all_codes};

pub(crate) fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => crate::check::run(&args),
        Command::Schema(args) => schema(&args),
        Command::Explain(args) => explain(&args),
        Command::Compile(args) => crate::compile::run(&args),
        Command::Diff(args) => crate::diff::run(&args),
        Command::Sandbox(args) => crate::sandbox::run(&args),
        Command::Test(args) => crate::test_cmd::run(&args),
        Command::Login(args) => crate::login::login(&args),
        Command::Logout(args) => crate::login::logout(&args),
        Command::Init(args) => crate::init::run(&args),
        Command::Import(args) => crate::import::run(&args),
        Command::Completions(args) => completions(&args),
        Command::Lsp => lsp(),
    }
}

fn lsp() -> Result<ExitStatus> {
    connspec_lsp::run_stdio().context("the language server stopped")?;
    Ok(ExitStatus::Success)
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

fn completions(args: &CompletionsArgs) -> Result<ExitStatus> {
    let mut command = crate::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "connspec", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&script)
        .context("writing the completion script")?;
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
        if let Some(code) = codes
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(wanted) || c.name == wanted)
        {
            out = explanation(code);
        } else if let Some(code) = connspec_semantic::codes::successor(wanted) {
            // A code an earlier version gave at compile time for a fault `check` reported under
            // another code; both stages now report it as one.
            out = format!(
                "{} is retired: the same fault is now reported as {} by every command.\n\n{}",
                wanted.to_ascii_uppercase(),
                code.code,
                explanation(code)
            );
        } else {
            let known: Vec<&str> = codes.iter().map(|c| c.code).collect();
            bail!("unknown code `{wanted}`; known codes: {}", known.join(", "));
        }
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
