//! Stable diagnostic codes and the metadata that travels with them (SARIF rules, `explain`).

use std::fmt;

/// The family a code belongs to; its letter is the first character of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `S`: YAML syntax, resource limits and schema.
    Syntax,
    /// `T`: templates.
    Template,
    /// `A`: authentication.
    Auth,
    /// `M`: what the Agent Studio target can express.
    Target,
    /// `P`: provider catalogue (Coupa first).
    Provider,
    /// `R`: live runs.
    Run,
    /// `I`: input and output of the tool itself (unreadable files and the like).
    Io,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::Syntax => "Syntax and schema",
            Family::Template => "Templates",
            Family::Auth => "Authentication",
            Family::Target => "Agent Studio target",
            Family::Provider => "Provider catalogue",
            Family::Run => "Live runs",
            Family::Io => "Input and output",
        }
    }
}

/// A stable diagnostic code with its documentation.
///
/// Codes are declared as `static`s next to the stage that emits them and collected into a
/// registry by that stage (for example `connspec_model::codes::ALL`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Code {
    /// The code itself, e.g. `S001`: one family letter and three digits.
    pub code: &'static str,
    /// A kebab-case name that reads as "allow `<name>`", e.g. `unknown-key`.
    pub name: &'static str,
    pub family: Family,
    /// One line: what the code reports.
    pub summary: &'static str,
    /// Markdown with the sections *What it does*, *Why is this bad?*, *Example*, *Use instead*.
    pub explanation: &'static str,
}

/// Where the documentation of every code lives; SARIF `helpUri`s point here.
pub const DOCS_URL: &str = "https://github.com/connspec/connspec/blob/main/docs/rules.md";

impl Code {
    /// The explanation as Markdown, without the one-space indent that doc comments carry
    /// (lint rules take their explanation from their `///` doc comment).
    pub fn explanation_text(&self) -> std::borrow::Cow<'static, str> {
        let text = self.explanation;
        let indented = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .all(|line| line.starts_with(' '));
        if !indented {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        std::borrow::Cow::Owned(out)
    }

    /// The URL of this code's section in `docs/rules.md`.
    pub fn help_uri(&self) -> String {
        format!("{DOCS_URL}#{}", self.code.to_ascii_lowercase())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}
