//! Spans, source files and the one [`Diagnostic`] type every stage of connspec reports with.
//!
//! This crate knows nothing about connectors. A stage (YAML loader, schema check, lint rules,
//! compiler, runtime) produces `Vec<Diagnostic>` for one [`SourceFile`]; the CLI groups them as
//! [`FileReport`]s and hands them to a renderer in [`render`]. Every resource limit is a
//! [`Limit`], declared next to the code that enforces it.

mod code;
mod diagnostic;
mod fix;
pub mod junit;
mod limit;
pub mod pretty;
pub mod render;
mod source;
pub mod terminal;

pub use code::{Code, DOCS_URL, Family};
pub use diagnostic::{Diagnostic, Label, Severity};
pub use fix::{Applicability, Edit, Fix, apply_fixes};
pub use limit::{Amount, Limit, Raise, bytes_text};
pub use source::{LineCol, SourceFile, Span};

/// The diagnostics found in one file, with the file they point into.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(source: SourceFile, mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.code.code));
        Self {
            source,
            diagnostics,
        }
    }

    /// Whether any diagnostic in this file is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}
