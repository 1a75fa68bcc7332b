//! `docs/cli.md`: the command-line reference, the long help of every (sub)command.

use std::fmt::Write as _;

use clap::Command;

use super::{GeneratedFile, MARKDOWN_PREAMBLE};

const PATH: &str = "docs/cli.md";

/// Help is wrapped at a fixed width so the file does not depend on the terminal.
const WIDTH: usize = 100;

pub(super) fn generate() -> GeneratedFile {
    GeneratedFile {
        path: PATH.to_owned(),
        contents: render(connspec_cli::command()),
    }
}

fn render(command: Command) -> String {
    let mut command = normalize(command).term_width(WIDTH).max_term_width(WIDTH);
    // Building propagates global settings and gives every subcommand its full `bin_name`
    // (`connspec check`), which its usage line shows.
    command.build();
    let mut out = String::new();
    let _ = writeln!(out, "{MARKDOWN_PREAMBLE}\n");
    out.push_str("# Command-line reference\n\n");
    out.push_str("The `--help` text of every `connspec` command.\n");
    render_command(&mut command, &mut out);
    out
}

/// Makes help independent of the environment: with `hide_env_values`, an argument backed by an
/// environment variable shows `[env: NAME]` rather than that variable's current value.
fn normalize(mut command: Command) -> Command {
    let ids: Vec<_> = command
        .get_arguments()
        .filter(|arg| arg.get_env().is_some())
        .map(|arg| arg.get_id().clone())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| arg.hide_env_values(true));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, normalize);
    }
    command
}

fn render_command(command: &mut Command, out: &mut String) {
    let title = command
        .get_bin_name()
        .unwrap_or_else(|| command.get_name())
        .to_owned();
    let help = command.render_long_help().to_string();
    let _ = write!(out, "\n## `{title}`\n\n```text\n");
    for line in help.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("```\n");
    for sub in command.get_subcommands_mut() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        render_command(sub, out);
    }
}

#[cfg(test)]
mod tests {
    use clap::{Arg, ArgAction};

    use super::*;

    fn sample() -> Command {
        Command::new("tool")
            .about("Does things")
            .arg(
                Arg::new("verbose")
                    .long("verbose")
                    .action(ArgAction::SetTrue)
                    .help("Say more"),
            )
            .subcommand(
                Command::new("check")
                    .about("Check files")
                    .arg(Arg::new("path").required(true).env("XTASK_TEST_UNSET_PATH")),
            )
            .subcommand(Command::new("secret").hide(true))
    }

    #[test]
    fn renders_every_visible_subcommand() {
        let text = render(sample());
        assert!(text.starts_with(MARKDOWN_PREAMBLE));
        assert!(text.contains("## `tool`\n\n```text\nDoes things"), "{text}");
        assert!(text.contains("## `tool check`"), "{text}");
        assert!(text.contains("Usage: tool check <path>"), "{text}");
        assert!(text.contains("[env: XTASK_TEST_UNSET_PATH"), "{text}");
        assert!(!text.contains("## `tool secret`"), "{text}");
        assert!(!text.contains("## `tool help`"), "{text}");
    }
}
