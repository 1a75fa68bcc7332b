//! Ties the stages together for one file: decode, load, schema check, typed deserialization.

use connspec_diagnostics::{Diagnostic, Severity, SourceFile};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cassette::{CASSETTE_SUFFIX, Cassette};
use crate::codes::INVALID_VALUE;
use crate::instance::InstanceFile;
use crate::schema::{SchemaKind, validate};
use crate::spec::ConnectorSpec;
use crate::yaml::{self, Document, Limits, push_pointer};

/// What kind of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Connector,
    Instance,
    /// A recorded run (`*.cassette.yaml`).
    Cassette,
}

impl DocumentKind {
    pub fn schema(self) -> SchemaKind {
        match self {
            DocumentKind::Connector => SchemaKind::Connector,
            DocumentKind::Instance => SchemaKind::Instance,
            DocumentKind::Cassette => SchemaKind::Cassette,
        }
    }

    /// Recognises a file: its yaml-language-server modeline names the schema, else a
    /// `.cassette.yaml` name or a `cassette_version` key marks a cassette, an
    /// `instance_version` key an instance file, else it is a connector spec.
    pub fn detect(file: &SourceFile, value: Option<&Value>) -> Self {
        let modeline = file
            .text()
            .lines()
            .take_while(|line| line.trim_start().starts_with('#') || line.trim().is_empty())
            .find(|line| line.contains("yaml-language-server:") && line.contains("$schema="));
        if let Some(line) = modeline {
            if line.contains("instance.schema.json") {
                return DocumentKind::Instance;
            }
            if line.contains("connector.schema.json") {
                return DocumentKind::Connector;
            }
            if line.contains("cassette.schema.json") {
                return DocumentKind::Cassette;
            }
        }
        if file.name().ends_with(CASSETTE_SUFFIX) {
            return DocumentKind::Cassette;
        }
        match value {
            Some(Value::Object(map)) if map.contains_key("cassette_version") => {
                DocumentKind::Cassette
            }
            Some(Value::Object(map)) if map.contains_key("instance_version") => {
                DocumentKind::Instance
            }
            _ => DocumentKind::Connector,
        }
    }
}

/// Options for checking one file.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    pub limits: Limits,
    /// Treat every file as this kind instead of detecting it.
    pub kind: Option<DocumentKind>,
}

/// The result of checking one file: whatever could be built, and every diagnostic.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub kind: DocumentKind,
    pub document: Option<Document>,
    pub spec: Option<ConnectorSpec>,
    pub instance: Option<InstanceFile>,
    pub cassette: Option<Cassette>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckedFile {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Decodes and checks a file's bytes.
///
/// The size limit is checked here on the bytes, before decoding: lossy decoding can change the
/// length, and every command must report the same figures as a read from disk does.
pub fn check_bytes(name: &str, bytes: &[u8], options: &CheckOptions) -> (SourceFile, CheckedFile) {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let (file, diagnostics) = match yaml::file_too_large(size, &options.limits) {
        Some(too_large) => {
            let head = &bytes[..bytes.len().min(200)];
            let file = SourceFile::new(name, String::from_utf8_lossy(head).into_owned());
            (file, vec![too_large])
        }
        None => yaml::decode(name, bytes),
    };
    if !diagnostics.is_empty() {
        let kind = options
            .kind
            .unwrap_or_else(|| DocumentKind::detect(&file, None));
        let checked = CheckedFile {
            kind,
            document: None,
            spec: None,
            instance: None,
            cassette: None,
            diagnostics,
        };
        return (file, checked);
    }
    let checked = check_source(&file, options);
    (file, checked)
}

/// Loads and checks one file's text: YAML, then schema, then typed model.
pub fn check_source(file: &SourceFile, options: &CheckOptions) -> CheckedFile {
    let (document, mut diagnostics) = yaml::load(file, &options.limits);
    let kind = options
        .kind
        .unwrap_or_else(|| DocumentKind::detect(file, document.as_ref().map(|d| &d.value)));
    let mut checked = CheckedFile {
        kind,
        document: None,
        spec: None,
        instance: None,
        cassette: None,
        diagnostics: Vec::new(),
    };
    let Some(document) = document else {
        checked.diagnostics = diagnostics;
        return checked;
    };
    diagnostics.extend(validate(kind.schema(), &document));
    if diagnostics.iter().all(|d| d.severity != Severity::Error) {
        match kind {
            DocumentKind::Connector => {
                checked.spec = deserialize(&document, &mut diagnostics);
            }
            DocumentKind::Instance => {
                checked.instance = deserialize(&document, &mut diagnostics);
            }
            DocumentKind::Cassette => {
                checked.cassette = deserialize(&document, &mut diagnostics);
            }
        }
    }
    checked.document = Some(document);
    checked.diagnostics = diagnostics;
    checked
}

/// Typed deserialization of a schema-valid document. The schema and the types come from the
/// same source, so an error here is a bug; it is still reported at its span, never a panic.
fn deserialize<T: DeserializeOwned>(
    document: &Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    // The plain pass is the common, cheap one; the path-tracking pass runs only to say where
    // it failed.
    if let Ok(value) = T::deserialize(&document.value) {
        return Some(value);
    }
    match serde_path_to_error::deserialize::<_, T>(&document.value) {
        Ok(value) => Some(value),
        Err(error) => {
            let mut pointer = String::new();
            for segment in error.path() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        pointer = push_pointer(&pointer, &index.to_string());
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        pointer = push_pointer(&pointer, key);
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let span = document.spans.nearest(&pointer);
            diagnostics
                .push(Diagnostic::error(&INVALID_VALUE, error.inner().to_string()).with_span(span));
            None
        }
    }
}
