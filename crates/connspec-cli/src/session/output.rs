//! Colour and diagnostics on the terminal: colour is chosen per stream, since standard output
//! may go to a pipe while standard error stays on the terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use connspec_compile::{CompileDiagnostic, Origin};
use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Code, FileReport};

use super::Loaded;

use crate::all_codes;
use crate::args::ColorChoice;

/// Where a run prints, and whether each stream gets colour.
pub(crate) struct Output {
    codes: Vec<&'static Code>,
    stdout_color: bool,
    stderr_color: bool,
}

impl Output {
    pub(crate) fn new(choice: ColorChoice) -> Self {
        Self {
            codes: all_codes(),
            stdout_color: use_color(choice, std::io::stdout().is_terminal()),
            stderr_color: use_color(choice, std::io::stderr().is_terminal()),
        }
    }

    /// Whether text written to standard output gets colour.
    pub(crate) fn stdout_color(&self) -> bool {
        self.stdout_color
    }

    /// Every code connspec emits, for renderers and selectors.
    pub(crate) fn codes(&self) -> &[&'static Code] {
        &self.codes
    }

    /// What renderers need, with colour for a text that goes where `color` says.
    pub(crate) fn render_options(&self, color: bool) -> RenderOptions<'_> {
        RenderOptions {
            color,
            codes: &self.codes,
            tool_version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// The reports that have diagnostics, in the human format; empty when none has any.
    pub(crate) fn human(&self, reports: &[FileReport], color: bool) -> String {
        let reports: Vec<FileReport> = reports
            .iter()
            .filter(|r| !r.diagnostics.is_empty())
            .cloned()
            .collect();
        if reports.is_empty() {
            return String::new();
        }
        render(Format::Human, &reports, &self.render_options(color))
    }

    /// Prints the reports that have diagnostics on standard error, in the human format.
    pub(crate) fn eprint_reports(&self, reports: &[FileReport]) -> Result<()> {
        let text = self.human(reports, self.stderr_color);
        if !text.is_empty() {
            let mut stderr = std::io::stderr().lock();
            stderr.write_all(text.as_bytes())?;
            stderr.flush()?;
        }
        Ok(())
    }
}

impl Output {
    /// Prints what rendering a spec for an instance found, each diagnostic in the file it
    /// points into, on standard error.
    pub(crate) fn eprint_compile_diagnostics(
        &self,
        diagnostics: Vec<CompileDiagnostic>,
        spec: &Loaded,
        instance: &Loaded,
    ) -> Result<()> {
        let (mut in_spec, mut in_instance) = (Vec::new(), Vec::new());
        for CompileDiagnostic { origin, diagnostic } in diagnostics {
            match origin {
                Origin::Spec => in_spec.push(diagnostic),
                Origin::Instance => in_instance.push(diagnostic),
            }
        }
        self.eprint_reports(&[
            FileReport::new(spec.shown.clone(), in_spec),
            FileReport::new(instance.shown.clone(), in_instance),
        ])
    }
}

/// Colour when asked (`--color`); otherwise as the environment says: `FORCE_COLOR` forces it
/// (force-color.org, also on a pipe), `NO_COLOR` turns it off (no-color.org), and a terminal
/// gets it unless `TERM=dumb` says it cannot show it.
fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("FORCE_COLOR") => true,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto => terminal && std::env::var_os("TERM").is_none_or(|t| t != "dumb"),
    }
}
