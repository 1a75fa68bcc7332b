//! `connspec import curl`: a cURL command (as provider guides print them) becomes a spec action,
//! or, for an OAuth2 token request, the connector's `auth` block.
//!
//! Credentials are never copied: an `Authorization` header, `-u`, an API-key header or query
//! parameter is dropped from the action and turned into the auth it implies, with every secret
//! as a `{{ secrets.NAME }}` reference. `--spec FILE` inserts the action into an existing spec
//! as text, so every comment and byte the user wrote stays, re-checks the result with the
//! check pipeline and writes it only when it has no new errors.
//!
//! The conversion itself is `connspec_import`'s; this module reads the command and the spec
//! (through the session, so `connspec.toml` selects the rules of the re-check), prints
//! warnings, notes and findings, and writes the file with the session's atomic writer.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use connspec_diagnostics::{Amount, FileReport, Limit, Raise};
use connspec_import::{
    ConvertOptions, ImportedAction, InsertError, ParsedSpec, Target, auth_note, convert,
    insert_action, is_valid_action_name, parse_curl, recheck, render_fragment, render_full_spec,
};

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs, provider_parser};
use crate::session::write::{Replace, replace};
use crate::session::{Session, SessionArgs};

/// Largest command read from standard input.
const MAX_COMMAND_BYTES: u64 = 1024 * 1024;

/// The size limit of a cURL command read from standard input.
pub(crate) static COMMAND_BYTES: Limit = Limit {
    id: "curl-command-bytes",
    name: "cURL command size limit",
    bounds: "The size of the cURL command `connspec import curl` reads from standard input.",
    default: Amount::Bytes(MAX_COMMAND_BYTES),
    raise: Raise::Fixed {
        why: "a cURL command from a guide is a few KiB; a larger input is a mistake (a file or a \
              binary piped in), and bodies from files (`-d @file`) are refused anyway",
        instead: "import the command without its large inline body and add the body to the spec \
                  by hand",
    },
    codes: &[],
    when_hit: "`connspec import curl` stops with an error (exit 2); nothing is written",
};

/// Every limit this module enforces.
pub(crate) static LIMITS: &[&Limit] = &[&COMMAND_BYTES];

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Turn a cURL command into a spec action, or a token request into the connector's auth.
    ///
    /// Give the command as one quoted argument, or pipe it in (`-` or no argument). Options
    /// come before the command. `Authorization` headers, `-u` and API keys are never copied:
    /// they become the connector's auth, with secrets as `{{ secrets.NAME }}` references.
    /// Placeholders (`{{id}}`, `{id}`, `<YOUR_INSTANCE>`, `${HOST}`, `$HOST`, `YOUR_TENANT`)
    /// become instance parameters in the host and action inputs elsewhere (`{{ inputs.id }}`).
    /// The command is split as bash splits it; slips of printed guides (a line without `\`
    /// before more options, an option glued to its value) are read as meant, with a warning.
    ///
    /// Exit status: 0 when the action was printed or added, 1 when adding it to --spec would
    /// add errors (nothing is written), 2 on bad input or I/O errors.
    #[command(after_help = "\
Examples:
  connspec import curl 'curl https://acme.coupahost.com/api/approvals -H \"Accept: application/json\"'
  pbpaste | connspec import curl --full --provider coupa
  connspec import curl --spec connectors/coupa/approvals.yaml --name list_my_approvals \"$(cat req.sh)\"")]
    Curl(CurlArgs),
}

#[derive(Debug, Args)]
pub struct CurlArgs {
    /// Name of the action [default: from the method and path, e.g. `list_approvals`].
    #[arg(long, value_name = "ACTION")]
    pub name: Option<String>,
    /// Append the action to this spec (under `actions:`, keeping every comment), after checking
    /// that the result has no new errors.
    #[arg(long, value_name = "FILE", conflicts_with = "full")]
    pub spec: Option<PathBuf>,
    /// Print a whole connector spec (base URL, auth, secrets, the action) instead of the action
    /// alone.
    #[arg(long)]
    pub full: bool,
    /// Provider whose conventions apply: for Coupa, a bearer token means an OAuth2 token from
    /// `/oauth2/token` with the scope the action needs. Taken from --spec or the host otherwise.
    #[arg(long, value_parser = provider_parser())]
    pub provider: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The cURL command as one argument (or its words after `--`); `-` or nothing reads
    /// standard input.
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub(crate) fn run(args: &ImportArgs) -> Result<ExitStatus> {
    match &args.source {
        ImportSource::Curl(args) => curl(args),
    }
}

fn curl(args: &CurlArgs) -> Result<ExitStatus> {
    if let Some(name) = &args.name
        && !is_valid_action_name(name)
    {
        bail!(
            "`--name {name}` is not a valid action name: it must start with a letter and hold \
             only letters, digits and `_`, at most 64 characters"
        );
    }
    let text = command_text(&args.command)?;
    let request = parse_curl(&text)?;
    for warning in request.slips.iter().chain(&request.warnings) {
        eprintln!("connspec: warning: {warning}");
    }

    let session = match Session::open_or_stop(&SessionArgs::new(
        &args.config,
        args.spec.as_deref(),
        None,
        ColorChoice::Auto,
    ))? {
        Ok(session) => session,
        Err(status) => return Ok(status),
    };
    let spec_input = match &args.spec {
        Some(path) => match SpecInput::read(&session, path)? {
            Some(input) => Some(input),
            None => return Ok(ExitStatus::Error),
        },
        None => None,
    };
    let provider = args.provider.clone().or_else(|| {
        spec_input
            .as_ref()
            .and_then(|s| s.parsed.spec.provider.clone())
    });
    let options = ConvertOptions {
        provider,
        action_name: args.name.clone(),
        base_url: spec_input
            .as_ref()
            .map(|s| s.parsed.spec.base_url.as_str().to_owned()),
        spec_secrets: spec_input
            .as_ref()
            .map(|s| {
                let secrets = &s.parsed.spec.secrets;
                secrets.iter().map(|d| d.name().to_owned()).collect()
            })
            .unwrap_or_default(),
    };
    let conversion = convert(&request, &options)?;
    for note in &conversion.notes {
        eprintln!("connspec: note: {note}");
    }

    match (&conversion.target, &spec_input) {
        (Target::Auth(_), Some(spec)) => bail!(
            "this cURL command is an OAuth2 token request: it becomes the connector's `auth`, \
             not an action, so nothing was added to {}; run `connspec import curl` without \
             `--spec` to print the auth block",
            spec.path.display()
        ),
        (Target::Action(action), Some(spec)) => append_to_spec(&session, spec, action),
        (_, None) => {
            let yaml = if args.full {
                render_full_spec(&conversion)
            } else {
                render_fragment(&conversion)
            };
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(yaml.as_bytes())?;
            stdout.flush()?;
            Ok(ExitStatus::Success)
        }
    }
}

/// The command text: one argument as written, several as shell words, or standard input.
fn command_text(words: &[String]) -> Result<String> {
    match words {
        [] => read_stdin_command(),
        [only] if only == "-" => read_stdin_command(),
        [only] => Ok(only.clone()),
        words => shlex::try_join(words.iter().map(String::as_str))
            .map_err(|_| anyhow::anyhow!("the command holds a NUL byte")),
    }
}

fn read_stdin_command() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        bail!(
            "no cURL command: give it as one quoted argument or pipe it in \
             (`pbpaste | connspec import curl`)"
        );
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_COMMAND_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("reading the cURL command from standard input")?;
    if bytes.len() as u64 > MAX_COMMAND_BYTES {
        bail!(
            "the cURL command on standard input is over {} ({})",
            COMMAND_BYTES.describe_default(),
            COMMAND_BYTES.remedy()
        );
    }
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the cURL command is not UTF-8 text"))
}

/// A spec named with `--spec`: where it is, and its text as read and checked.
#[derive(Debug)]
struct SpecInput {
    path: PathBuf,
    parsed: ParsedSpec,
}

impl SpecInput {
    /// The spec at `path`; `None` (its problem printed) when it cannot be read.
    fn read(session: &Session, path: &Path) -> Result<Option<Self>> {
        let bytes = match session.read_path(path) {
            Ok(bytes) => bytes,
            Err(report) => {
                session.output.eprint_reports(&[report])?;
                return Ok(None);
            }
        };
        let parsed = ParsedSpec::from_bytes(&path.display().to_string(), bytes)?;
        Ok(Some(Self {
            path: path.to_path_buf(),
            parsed,
        }))
    }
}

fn append_to_spec(
    session: &Session,
    input: &SpecInput,
    action: &ImportedAction,
) -> Result<ExitStatus> {
    let name = &input.parsed.name;
    let edited = insert_action(&input.parsed, action);
    if let Err(error @ InsertError::DuplicateAction { .. }) = &edited {
        bail!("{error}; choose another name with `--name`");
    }
    if let Some(note) = auth_note(&input.parsed, action) {
        eprintln!("connspec: note: {note}");
    }
    let edited = edited?;
    let found = recheck(
        name,
        &input.parsed.text,
        &edited.text,
        &session.check_options(Some(connspec_model::DocumentKind::Connector)),
        &session.settings,
    );
    if !found.new_errors.is_empty() {
        let report = FileReport::new(found.source.clone(), found.new_errors);
        session.output.eprint_reports(&[report])?;
        eprintln!(
            "connspec: error: adding `{}` would add the errors above to {name}; nothing was \
             written",
            action.name
        );
        return Ok(ExitStatus::Failure);
    }
    if !found.new_warnings.is_empty() {
        let report = FileReport::new(found.source.clone(), found.new_warnings);
        session.output.eprint_reports(&[report])?;
    }
    // Only if the file still holds what was read, so a concurrent edit is never lost.
    replace(
        &input.path,
        edited.text.as_bytes(),
        Replace {
            mode: None,
            unchanged_from: Some(input.parsed.text.as_bytes()),
        },
    )?;
    for note in &edited.notes {
        eprintln!("connspec: note: {note}");
    }
    println!(
        "added action `{}` ({} {}) to {name}",
        action.name, action.method, action.path
    );
    println!("next: connspec check {name}");
    Ok(ExitStatus::Success)
}
