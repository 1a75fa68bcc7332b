//! The semantic layer: one resolved picture of a connector that every stage reads.
//!
//! ```text
//! typed spec ─► FieldTable: pointer, span, site, role of every templated field, parsed once
//!            ─► check: the static template faults (one code per fault)
//! spec + instance ─► resolve: instance values checked and resolved, every field rendered
//! ```
//!
//! Lint rules read [`Semantic`] (the field table and the static faults), `connspec check
//! --instance` and `connspec compile` both call [`resolve`], and the runtime view is built
//! from the same resolution. None of them classifies a field or parses a template again, so
//! they cannot disagree about what a field is, whether it may hold a secret, or whether it
//! renders.

pub mod check;
pub mod codes;
pub mod field;
pub mod host;
pub mod instance;
pub mod limits;
pub mod policy;
pub mod render;
pub mod resolve;
mod template;

use std::collections::HashSet;

use connspec_diagnostics::{Diagnostic, Severity, SourceFile};
use connspec_model::instance::InstanceFile;
use connspec_model::spec::ConnectorSpec;
use connspec_model::yaml::Document;

pub use field::{Field, FieldTable, LiteralField, Role, Site};
pub use instance::{BadOverride, Overrides, resolve_values};
pub use policy::Trust;
pub use render::{InputMode, Rendered, Segment};
pub use resolve::{Resolved, resolve};

/// A checked connector spec: its file, loaded document (for spans) and typed model.
#[derive(Debug, Clone, Copy)]
pub struct SpecInput<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub spec: &'a ConnectorSpec,
}

/// A checked instance file: its file, loaded document (for spans) and typed model.
#[derive(Debug, Clone, Copy)]
pub struct InstanceInput<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub instance: &'a InstanceFile,
}

/// Which input file a diagnostic points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Spec,
    Instance,
}

/// A diagnostic and the file it points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub origin: Origin,
    pub diagnostic: Diagnostic,
}

/// The static picture of one spec: its field table and the faults of its templates.
#[derive(Debug, Clone)]
pub struct Semantic {
    pub table: FieldTable,
    /// Static template faults, in file order (codes from [`codes`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Indices into `table.fields` of fields with a static error: they are never rendered.
    faulty: HashSet<usize>,
}

impl Semantic {
    /// Builds the field table of `spec` and checks every field once.
    pub fn new(spec: SpecInput<'_>) -> Self {
        let table = FieldTable::new(spec.spec, spec.document);
        let mut diagnostics = Vec::new();
        let mut faulty = HashSet::new();
        for (index, field) in table.iter().enumerate() {
            let before = diagnostics.len();
            check::check_field(spec, field, &mut diagnostics);
            if diagnostics[before..]
                .iter()
                .any(|d| d.severity == Severity::Error)
            {
                faulty.insert(index);
            }
        }
        diagnostics.extend(check::literal_faults(&table));
        diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
        Self {
            table,
            diagnostics,
            faulty,
        }
    }
}

/// The allowed name closest to `input`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&input_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
