//! What a rule sees: the file, the span table, the JSON value, the typed spec, the analysed
//! template strings and the provider catalogue.

use std::collections::HashMap;

use connspec_catalog::Catalog;
use connspec_diagnostics::{SourceFile, Span};
use connspec_model::spec::ConnectorSpec;
use connspec_model::yaml::{Document, SpanTable};
use serde_json::Value;

use crate::templates::{self, TemplateString};

/// Everything a rule may look at, computed once per file.
#[derive(Debug)]
pub struct Context<'a> {
    pub file: &'a SourceFile,
    pub spans: &'a SpanTable,
    pub value: &'a Value,
    pub spec: &'a ConnectorSpec,
    /// Every template string of the spec, in file order.
    pub templates: Vec<TemplateString>,
    /// The catalogue of the spec's `provider`, if connspec has one.
    pub catalog: Option<&'static Catalog>,
    by_pointer: HashMap<String, usize>,
}

impl<'a> Context<'a> {
    pub fn new(file: &'a SourceFile, document: &'a Document, spec: &'a ConnectorSpec) -> Self {
        let templates = templates::collect(&document.value, &document.spans);
        let by_pointer = templates
            .iter()
            .enumerate()
            .map(|(index, t)| (t.pointer.clone(), index))
            .collect();
        Self {
            file,
            spans: &document.spans,
            value: &document.value,
            spec,
            templates,
            catalog: spec.provider.as_deref().and_then(connspec_catalog::catalog),
            by_pointer,
        }
    }

    /// The template string at `pointer`.
    pub fn template(&self, pointer: &str) -> Option<&TemplateString> {
        self.by_pointer.get(pointer).map(|&i| &self.templates[i])
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
        templates::sub_span(self.file, template, start, end)
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
