//! `docs/limits.md`: every resource limit, from the limit registries the CLI gathers
//! (`connspec_cli::all_limits`), the same entries the messages are worded from.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::bail;
use connspec_diagnostics::{Limit, Raise};

use super::{GeneratedFile, MARKDOWN_PREAMBLE};

const PATH: &str = "docs/limits.md";

pub(super) fn generate() -> anyhow::Result<GeneratedFile> {
    let limits = connspec_cli::all_limits();
    let mut seen = BTreeSet::new();
    for limit in &limits {
        if !seen.insert(limit.id) {
            bail!("limit {} is registered twice", limit.id);
        }
    }
    Ok(GeneratedFile {
        path: PATH.to_owned(),
        contents: render(&limits),
    })
}

fn render(limits: &[&Limit]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKDOWN_PREAMBLE}\n");
    out.push_str("# Limits\n\n");
    out.push_str(
        "Every resource limit connspec enforces, in one place. Each bounds time or memory, so\n\
         hostile or broken input (a huge file, a template that loops, a server that never stops\n\
         sending) ends with a diagnostic instead of a hang or a crash. When a limit is hit, the\n\
         message names it, and says how to raise it or why it is fixed.\n\n\
         Flags belong to the `connspec` commands named with them; `connspec check` also reads\n\
         the `connspec.toml` keys under `[check]`. A flag wins over the file.\n\n",
    );
    out.push_str("| Limit | Default | How to raise | Reported as |\n| --- | --- | --- | --- |\n");
    for limit in limits {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} |",
            limit.name,
            limit.id,
            limit.default,
            raise_cell(limit),
            reported_cell(limit)
        );
    }
    for limit in limits {
        let _ = write!(
            out,
            "\n## {}\n\n<a id=\"{}\"></a>{}\n\n- **Default:** {}\n",
            capitalized(limit.name),
            limit.id,
            limit.bounds,
            limit.default
        );
        match limit.raise {
            Raise::Flag {
                flag,
                commands,
                config_key,
            } => {
                let commands: Vec<String> =
                    commands.iter().map(|c| format!("`connspec {c}`")).collect();
                let _ = write!(out, "- **Raise:** `{flag}` ({})", commands.join(", "));
                if let Some(key) = config_key {
                    let _ = write!(out, ", or `{key}` under `[check]` in `connspec.toml`");
                }
                out.push('\n');
            }
            Raise::Fixed { why, instead } => {
                let _ = writeln!(out, "- **Fixed:** {why}. Instead: {instead}.");
            }
        }
        let _ = writeln!(
            out,
            "- **When hit:** {} ({}).",
            limit.when_hit,
            reported_cell(limit)
        );
    }
    out
}

fn raise_cell(limit: &Limit) -> String {
    match limit.raise {
        Raise::Flag {
            flag,
            commands,
            config_key,
        } => {
            let mut cell = format!("`{flag}` ({})", commands.join(", "));
            if let Some(key) = config_key {
                let _ = write!(cell, "; `{key}` in `connspec.toml`");
            }
            cell
        }
        Raise::Fixed { .. } => "fixed".to_owned(),
    }
}

fn reported_cell(limit: &Limit) -> String {
    if limit.codes.is_empty() {
        return limit.when_hit.to_owned();
    }
    let codes: Vec<String> = limit
        .codes
        .iter()
        .map(|code| {
            format!(
                "[{0}](rules.md#{1})",
                code.code,
                code.code.to_ascii_lowercase()
            )
        })
        .collect();
    codes.join(", ")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_has_a_row_and_a_section() {
        let limits = connspec_cli::all_limits();
        let text = render(&limits);
        for limit in &limits {
            assert!(text.contains(&format!("(#{})", limit.id)), "{}", limit.id);
            assert!(
                text.contains(&format!("<a id=\"{}\"></a>", limit.id)),
                "{}",
                limit.id
            );
        }
    }
}
