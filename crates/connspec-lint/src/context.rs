//! What a rule sees: the file, the span table, the JSON value, the typed spec, the analysed
//! template strings and the provider catalogue.

use connspec_catalog::Catalog;
use connspec_diagnostics::{SourceFile, Span};
use connspec_model::spec::ConnectorSpec;
use connspec_model::yaml::{Document, SpanTable};
use serde_json::Value;

use connspec_diagnostics::{Code, Diagnostic};
use connspec_semantic::{FieldTable, Semantic, SpecInput};

use crate::templates::TemplateString;

/// Everything a rule may look at, computed once per file.
#[derive(Debug)]
pub struct Context<'a> {
    pub file: &'a SourceFile,
    pub spans: &'a SpanTable,
    pub value: &'a Value,
    pub spec: &'a ConnectorSpec,
    /// Every templated field of the spec, in file order: the semantic layer's field table.
    pub templates: FieldTable,
    /// The semantic layer's static template faults, which the T rules forward.
    pub template_faults: Vec<Diagnostic>,
    /// The catalogue of the spec's `provider`, else of its base URL's host, if connspec has
    /// one.
    pub catalog: Option<&'static Catalog>,
    /// Whether the catalogue was inferred from the base URL's host.
    pub catalog_inferred: bool,
}

impl<'a> Context<'a> {
    pub fn new(file: &'a SourceFile, document: &'a Document, spec: &'a ConnectorSpec) -> Self {
        let Semantic {
            table, diagnostics, ..
        } = Semantic::new(SpecInput {
            file,
            document,
            spec,
        });
        let (catalog, catalog_inferred) =
            connspec_catalog::catalog_for_spec(spec.provider.as_deref(), spec.base_url.as_str())
                .map_or((None, false), |(catalog, inferred)| {
                    (Some(catalog), inferred)
                });
        Self {
            file,
            spans: &document.spans,
            value: &document.value,
            spec,
            templates: table,
            template_faults: diagnostics,
            catalog,
            catalog_inferred,
        }
    }

    /// The template string at `pointer`.
    pub fn template(&self, pointer: &str) -> Option<&TemplateString> {
        self.templates.get(pointer)
    }

    /// The span of the value at `pointer` (or its nearest ancestor's).
    pub fn span(&self, pointer: &str) -> Span {
        self.spans
            .value(pointer)
            .unwrap_or_else(|| self.spans.nearest(pointer))
    }

    /// The span of the key of `pointer`, else of its value.
    pub fn key_span(&self, pointer: &str) -> Span {
        self.spans.key_or_value(pointer)
    }

    /// The span of bytes `start..end` inside the template string at `template`.
    pub fn template_span(&self, template: &TemplateString, start: usize, end: usize) -> Span {
        template.sub_span(self.file, start, end)
    }

    /// The semantic layer's static faults reported under `code`.
    pub fn template_faults_of<'c>(
        &'c self,
        code: &'c Code,
    ) -> impl Iterator<Item = &'c Diagnostic> {
        self.template_faults
            .iter()
            .filter(move |d| d.code.code == code.code)
    }

    /// Names of the declared secrets.
    pub fn secret_names(&self) -> Vec<&str> {
        self.spec
            .secrets
            .iter()
            .map(connspec_model::spec::SecretDeclaration::name)
            .collect()
    }
}
