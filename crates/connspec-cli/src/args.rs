//! Command-line arguments (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  connspec check connectors/                 check every spec and instance file below a folder
  connspec check --format github .           annotations for a GitHub Actions job
  connspec check --format sarif . > c.sarif  SARIF 2.1.0 for code scanning
  cat spec.yaml | connspec check -           check standard input
  connspec explain S010                      what a code means and how to fix it
  connspec schema > connector.schema.json    the JSON Schema for editors";

/// Compile declarative connector specs into verified Moveworks Agent Studio integrations.
#[derive(Debug, Parser)]
#[command(name = "connspec", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check connector specs and instance files: YAML, schema, limits and lint rules.
    ///
    /// Exit status: 0 when nothing is at error level, 1 when something is, 2 on usage or I/O
    /// errors.
    #[command(after_help = "\
Examples:
  connspec check                         everything below the current folder
  connspec check connectors/coupa/a.yaml one file
  connspec check --format json . | jq    machine-readable output")]
    Check(CheckArgs),
    /// Print the JSON Schema of connector specs or instance files.
    Schema(SchemaArgs),
    /// Explain a diagnostic code: what it finds, why it matters, and how to fix it.
    Explain(ExplainArgs),
    /// Compile a connector spec for one or more instances: Agent Studio fields, setup
    /// checklist, curl commands, Configuration API bodies.
    ///
    /// Exit status: 0 when everything compiled, 1 when the spec, an instance file or a
    /// template has an error, 2 on usage or I/O errors.
    Compile(crate::compile::CompileArgs),
    /// What a change to a connector means: breaking changes, scopes the provider must grant,
    /// Agent Studio fields to paste again, and safe edits.
    ///
    /// OLD and NEW are files or git revisions (`main:connectors/coupa/x.yaml`).
    Diff(crate::diff::DiffArgs),
    /// Run a local Coupa-like server (OAuth 2.0, scoped API, faults) and print its URL, test
    /// credentials and an instance file.
    ///
    /// It listens on 127.0.0.1 over HTTPS with a certificate made at start, until Ctrl-C.
    Sandbox(crate::sandbox::SandboxArgs),
    /// Run a connector's actions live, against an instance or the embedded sandbox: one
    /// token, read actions (writes only with --allow-writes), each response checked against
    /// the action's `expect`, secrets redacted everywhere.
    ///
    /// Exit status: 0 when every action that ran passed, 1 when a check, the token or an
    /// action failed, 2 on usage or I/O errors.
    Test(crate::test_cmd::TestArgs),
    /// Authorize a connector that uses the authorization code grant: PKCE and state, a
    /// loopback redirect on 127.0.0.1, the token set stored (mode 0600) for `connspec test`.
    Login(crate::login::LoginArgs),
    /// Delete the token set `connspec login` stored for a connector and instance.
    Logout(crate::login::LogoutArgs),
    /// Write a commented connector spec and an example instance file that `connspec check`
    /// passes without findings: Coupa or a generic HTTPS API, any auth type or OAuth2 grant.
    ///
    /// Existing files are never overwritten: if either file exists, nothing is written (exit
    /// status 2).
    Init(crate::init::InitArgs),
    /// Turn something written for another tool into spec YAML: `connspec import curl`.
    Import(crate::import::ImportArgs),
    /// Run the language server over stdin and stdout: diagnostics as you type, with the
    /// settings of the nearest `connspec.toml`, and fixes as code actions.
    ///
    /// Editors start it; it is not meant to be run by hand.
    Lsp,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "\
Install:
  bash        connspec completions bash > ~/.local/share/bash-completion/completions/connspec
  zsh         connspec completions zsh > ~/.zfunc/_connspec   (with fpath+=(~/.zfunc) before compinit)
  fish        connspec completions fish > ~/.config/fish/completions/connspec.fish
  powershell  connspec completions powershell >> $PROFILE")]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders recursively, `*.yaml` and `*.yml`, honouring
    /// `.gitignore`); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, env = "CONNSPEC_FORMAT")]
    pub format: OutputFormat,
    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also write the report in FORMAT to PATH, e.g. `--output sarif=connspec.sarif` beside
    /// `--format github`: one run, several reports. Repeatable; the file is written whole or
    /// not at all (a temporary file renamed into place).
    #[arg(long = "output", value_name = "FORMAT=PATH", value_parser = parse_output)]
    pub outputs: Vec<(OutputFormat, PathBuf)>,
    /// The least severe finding that fails the run (exit 1): `error`, `warning`, or `never`.
    /// Unreadable files and bad flags still exit 2.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// Name to show for standard input.
    #[arg(long, value_name = "NAME", default_value = "-")]
    pub stdin_filename: String,
    /// Treat every file as this kind instead of recognising it.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Also check every connector spec against this instance file: missing or unknown
    /// values, value formats, secret sources. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub instance: Vec<PathBuf>,
    /// Run only these rules: codes (`P003`), prefixes (`P`, `T00`) or names
    /// (`unused-scope`), comma-separated. Replaces `select` of `connspec.toml`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (codes, prefixes or names), comma-separated. Added to
    /// `ignore` of `connspec.toml`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Apply the safe fixes the rules offer, in place (atomically), then report what is left.
    /// Fixes keep every other byte and comment of the file.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (they may change what the connector asks for, such as removing
    /// an unused scope). Implies `--fix`.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Show the fixes as a unified diff instead of writing them; exit 1 when there are some.
    #[arg(long)]
    pub diff: bool,
    /// Check again whenever a YAML file or `connspec.toml` under the paths changes (on a
    /// terminal the screen is cleared between runs); stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["fix", "unsafe_fixes", "diff"])]
    pub watch: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The project file `connspec.toml`: its lint settings, limits and instance folders apply to
/// every command that reads a spec.
#[derive(Debug, Default, Args)]
pub struct ConfigArgs {
    /// The project file to use instead of the nearest `connspec.toml` above the first path.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore `connspec.toml` files.
    #[arg(long)]
    pub no_config: bool,
}

/// Resource limits for each file.
#[derive(Debug, Args)]
#[allow(clippy::struct_field_names)] // they mirror the flags `--max-*`
pub struct LimitArgs {
    /// Largest file to read, in bytes [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub max_bytes: Option<usize>,
    /// Deepest nesting of mappings and lists, at most 10000 [default: 64].
    #[arg(
        long,
        value_name = "LEVELS",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
            .range(1..=connspec_model::yaml::MAX_DEPTH_CEILING as u64)
    )]
    pub max_depth: Option<usize>,
    /// Most values in one file [default: 50000].
    #[arg(long, value_name = "COUNT")]
    pub max_nodes: Option<usize>,
}

impl LimitArgs {
    /// The limits these flags set, each flag over the same limit of `fallback` (the project
    /// file's, or the defaults).
    pub fn over(&self, fallback: connspec_model::yaml::Limits) -> connspec_model::yaml::Limits {
        connspec_model::yaml::Limits {
            max_bytes: self.max_bytes.unwrap_or(fallback.max_bytes),
            max_depth: self.max_depth.unwrap_or(fallback.max_depth),
            max_nodes: self.max_nodes.unwrap_or(fallback.max_nodes),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Snippets with carets, like rustc.
    Human,
    /// A stable JSON document.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`).
    Gitlab,
}

/// `FORMAT=PATH` of `--output`.
fn parse_output(text: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, path) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not FORMAT=PATH (e.g. sarif=connspec.sarif)"))?;
    let format = OutputFormat::from_str(format, true).map_err(|_| {
        let known: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        format!(
            "unknown format `{format}`; expected one of {}",
            known.join(", ")
        )
    })?;
    if path.is_empty() {
        return Err(format!("`{text}` names no file"));
    }
    Ok((format, PathBuf::from(path)))
}

/// The least severe finding that makes `connspec check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Never: report, and exit 0 unless a file could not be read (exit 2).
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when the output stream is a terminal (not `TERM=dumb`) and `NO_COLOR` is not
    /// set, or when `FORCE_COLOR` is.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Connector,
    Instance,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value_t = SchemaArg::Connector)]
    pub kind: SchemaArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaArg {
    /// A connector spec.
    Connector,
    /// An instance file.
    Instance,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true))]
pub struct ExplainArgs {
    /// The code, e.g. `S010`.
    #[arg(group = "what")]
    pub code: Option<String>,
    /// Explain every code.
    #[arg(long, group = "what")]
    pub all: bool,
}

/// `--provider`'s values: every provider connspec has a catalogue for, with its summary, so
/// help and completions list them. The summaries come from the embedded index: building the
/// command line parses no catalogue.
pub(crate) fn provider_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(connspec_catalog::providers().map(|name| {
        let value = clap::builder::PossibleValue::new(name);
        match connspec_catalog::provider_summary(name) {
            Some(summary) => value.help(summary),
            None => value,
        }
    }))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
