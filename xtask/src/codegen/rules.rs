//! `docs/rules.md`: every diagnostic code, grouped by family, from the code registries.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::bail;
use connspec_diagnostics::Code;

use super::{GeneratedFile, MARKDOWN_PREAMBLE};

const PATH: &str = "docs/rules.md";

/// Heading level of a code's section; headings inside an explanation are pushed below it.
const CODE_HEADING_LEVEL: usize = 2;

/// Every registered code, by family and then by code: the CLI's list, which gathers every
/// crate's registry (the same list `connspec explain` reads).
fn all_codes() -> Vec<&'static Code> {
    let mut codes = connspec_cli::all_codes();
    codes.sort_by_key(|code| (code.family, code.code));
    codes
}

pub(super) fn generate() -> anyhow::Result<GeneratedFile> {
    let codes = all_codes();
    let mut seen = BTreeSet::new();
    for code in &codes {
        if !seen.insert(code.code) {
            bail!("diagnostic code {} is registered twice", code.code);
        }
    }
    Ok(GeneratedFile {
        path: PATH.to_owned(),
        contents: render(&codes),
    })
}

fn render(codes: &[&Code]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKDOWN_PREAMBLE}\n");
    out.push_str("# Rules\n\n");
    out.push_str(
        "Every diagnostic connspec reports has a stable code: a family letter and three digits.\n\
         `connspec explain CODE` prints a code's explanation, and a comment\n\
         `# connspec: allow CODE -- reason` on a line suppresses that code there.\n\n",
    );
    if codes.is_empty() {
        out.push_str("No codes are registered yet.\n");
        return out;
    }

    out.push_str("| Code | Name | Summary |\n| --- | --- | --- |\n");
    for code in codes {
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {} |",
            code.code,
            anchor(code),
            code.name,
            code.summary.replace('|', r"\|")
        );
    }

    let mut family = None;
    for code in codes {
        if family != Some(code.family) {
            family = Some(code.family);
            let letter = code.code.chars().next().unwrap_or('?');
            let _ = write!(out, "\n# {} ({letter})\n", code.family.title());
        }
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n\n{} {} `{}`\n\n**Summary:** {}\n",
            anchor(code),
            "#".repeat(CODE_HEADING_LEVEL),
            code.code,
            code.name,
            code.summary.trim()
        );
        let explanation = demote_headings(code.explanation_text().trim(), CODE_HEADING_LEVEL + 1);
        if !explanation.is_empty() {
            let _ = write!(out, "\n{explanation}\n");
        }
    }
    out
}

/// The fragment that links to a code's section: the code in lower case, as
/// [`Code::help_uri`] links it.
fn anchor(code: &Code) -> String {
    code.code.to_ascii_lowercase()
}

/// Pushes the ATX headings of `markdown` (outside code fences) down so the shallowest one is at
/// `min_level`, keeping their relative depth.
fn demote_headings(markdown: &str, min_level: usize) -> String {
    let shallowest = scan_headings(markdown).min();
    let shift = shallowest.map_or(0, |level| min_level.saturating_sub(level));
    if shift == 0 {
        return markdown.to_owned();
    }
    let mut in_fence = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        }
        match heading_level(line) {
            Some(_) if !in_fence => out.push(format!("{}{line}", "#".repeat(shift))),
            _ => out.push(line.to_owned()),
        }
    }
    out.join("\n")
}

fn scan_headings(markdown: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_fence = false;
    markdown.lines().filter_map(move |line| {
        if is_fence(line) {
            in_fence = !in_fence;
            return None;
        }
        if in_fence { None } else { heading_level(line) }
    })
}

fn is_fence(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("```") || line.starts_with("~~~")
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' '))).then_some(hashes)
}

#[cfg(test)]
mod tests {
    use connspec_diagnostics::Family;

    use super::*;

    static UNKNOWN_KEY: Code = Code {
        code: "S001",
        name: "unknown-key",
        family: Family::Syntax,
        summary: "a key the schema does not allow",
        explanation: "## What it does\nFlags keys.\n\n```yaml\n# comment, not a heading\nbase_ur: x\n```\n\n### Nested\nText.",
    };

    static LITERAL_SECRET: Code = Code {
        code: "A001",
        name: "literal-secret",
        family: Family::Auth,
        summary: "a secret written into the spec",
        explanation: "",
    };

    #[test]
    fn renders_sections_grouped_by_family() {
        let text = render(&[&UNKNOWN_KEY, &LITERAL_SECRET]);
        assert!(text.starts_with(MARKDOWN_PREAMBLE));
        assert!(text.contains("| [S001](#s001) | `unknown-key` |"), "{text}");
        assert!(text.contains("# Syntax and schema (S)\n"), "{text}");
        assert!(text.contains("# Authentication (A)\n"), "{text}");
        assert!(
            text.contains("<a id=\"s001\"></a>\n\n## S001 `unknown-key`\n"),
            "{text}"
        );
        assert!(text.contains("### What it does\n"), "{text}");
        assert!(text.contains("#### Nested\n"), "{text}");
        assert!(text.contains("# comment, not a heading\n"), "{text}");
    }

    #[test]
    fn anchors_match_help_uris() {
        assert!(
            UNKNOWN_KEY
                .help_uri()
                .ends_with(&format!("#{}", anchor(&UNKNOWN_KEY)))
        );
    }

    #[test]
    fn empty_registry_still_renders() {
        assert!(render(&[]).contains("No codes are registered yet."));
    }
}
