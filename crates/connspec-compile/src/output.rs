//! What a target produces, as data ([`Output`]: sections of labelled fields), and its three
//! formats: text aligned for pasting, Markdown for docs and PR comments, and stable JSON.
//!
//! Every target builds the same shape, so every format works for every target; only the text
//! forms of the `curl` and `hurl` targets differ: a shell script and the Hurl file itself.
//! Targets with a file format of their own also carry those files ([`OutputFile`]), which the
//! CLI writes as they are under `-o DIR`.
//!
//! The text and Markdown forms are read on terminals and pasted into forms, so control and
//! bidirectional characters in them (from a spec, an instance value or a template) are shown
//! as escapes (`\u{1b}`), never printed raw; the JSON form keeps every string exact and
//! escapes them the JSON way.

use std::fmt::Write as _;

use connspec_diagnostics::terminal;
use serde_json::{Value as Json, json};

use crate::Target;

/// Version of the JSON document; it changes only if a field changes meaning.
pub const JSON_VERSION: u32 = 1;

/// Labels longer than this get a line of their own in text output.
const MAX_LABEL_COLUMN: usize = 44;

/// One target compiled for one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub target: Target,
    /// The spec file, as the user named it.
    pub spec: String,
    /// The instance file, as the user named it.
    pub instance: String,
    /// The connector's name.
    pub connector: String,
    pub sections: Vec<Section>,
    /// Remarks for the reader: what is inferred, what to do by hand.
    pub notes: Vec<String>,
    /// Files in the target's own format (a Postman collection and environment, a Hurl file),
    /// ready to import or run; empty for targets that have none.
    pub files: Vec<OutputFile>,
}

/// A file a target gives whole, e.g. `coupa_expense_reports.postman_collection.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The file name, without a folder.
    pub name: String,
    pub text: String,
}

/// A titled group of fields: the connector, one action, one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub fields: Vec<Field>,
    /// The JSON Pointer of the spec part the section shows (`/actions/list`), if one.
    pub source: Option<String>,
}

/// One labelled value, e.g. `Base URL: https://acme.coupahost.com`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: String,
    pub value: FieldValue,
    /// Set when the reference could not confirm the label or the option string.
    pub unverified: Option<Unverified>,
    /// The JSON Pointer of the spec value this field comes from (`/auth/token_url`), or `None`
    /// for a field derived from several (an action's Import cURL). Consumers that need to
    /// point at the spec (diff, editors) use it, never the label text.
    pub source: Option<String>,
}

/// What about a field the reference could not confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unverified {
    /// The UI label itself.
    Label,
    /// The option string chosen in a dropdown, or the value's form.
    Value,
}

impl Unverified {
    pub fn as_str(self) -> &'static str {
        match self {
            Unverified::Label => "label",
            Unverified::Value => "value",
        }
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// One line of text.
    Text(String),
    /// Key/value rows (headers, query parameters, additional request data).
    Pairs(Vec<(String, String)>),
    /// Input arguments of an action.
    Args(Vec<Arg>),
    /// A block to copy whole: a cURL command, a body. `language` is a Markdown fence tag.
    Code {
        language: &'static str,
        text: String,
    },
    /// A JSON value (request bodies of the Configuration API).
    Json(Json),
    /// Items or steps, in order.
    List(Vec<String>),
}

/// An input argument ("Input Args").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub name: String,
    pub kind: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub required: bool,
}

impl Field {
    pub fn new(label: impl Into<String>, value: FieldValue) -> Self {
        Self {
            label: label.into(),
            value,
            unverified: None,
            source: None,
        }
    }

    pub fn text(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(label, FieldValue::Text(value.into()))
    }

    #[must_use]
    pub fn unverified(mut self, what: Unverified) -> Self {
        self.unverified = Some(what);
        self
    }

    /// The field comes from the spec value at `pointer`.
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.source = Some(pointer.into());
        self
    }
}

impl Section {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            fields: Vec::new(),
            source: None,
        }
    }

    /// The section shows the spec part at `pointer`.
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.source = Some(pointer.into());
        self
    }

    /// The first field with `label`, for tests and callers that look one up.
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    /// The file extension for `target` in this format (`curl` text is a shell script).
    pub fn extension(self, target: Target) -> &'static str {
        match (self, target) {
            (Format::Text, Target::Curl) => "sh",
            (Format::Text, Target::Hurl) => "hurl",
            (Format::Text, _) => "txt",
            (Format::Markdown, _) => "md",
            (Format::Json, _) => "json",
        }
    }
}

/// Renders outputs in `format`. Several outputs are separated by a header line each (text,
/// Markdown) or listed in one document (JSON).
pub fn render(format: Format, outputs: &[Output]) -> String {
    match format {
        Format::Text => {
            let several = outputs.len() > 1;
            let mut out = String::new();
            for (index, output) in outputs.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                if several {
                    let _ = writeln!(
                        out,
                        "# ==> {} · {} · {} <==",
                        output.connector,
                        terminal::escape(&output.instance),
                        output.target.as_str()
                    );
                }
                out.push_str(&text(output));
            }
            out
        }
        Format::Markdown => {
            let mut out = String::new();
            for (index, output) in outputs.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                out.push_str(&markdown(output));
            }
            out
        }
        Format::Json => {
            let document = json!({
                "version": JSON_VERSION,
                "outputs": outputs.iter().map(output_json).collect::<Vec<_>>(),
            });
            let mut text =
                terminal::escape_json(&connspec_diagnostics::pretty::to_string(&document))
                    .into_owned();
            text.push('\n');
            text
        }
    }
}

/// The text form of one output, with control and bidirectional characters escaped.
pub fn text(output: &Output) -> String {
    terminal::escape(&raw_text(output)).into_owned()
}

fn raw_text(output: &Output) -> String {
    if output.target == Target::Curl {
        return shell_script(output);
    }
    if output.target == Target::Hurl
        && let [file] = output.files.as_slice()
    {
        return file.text.clone();
    }
    let mut out = String::new();
    for (index, section) in output.sections.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}\n{}",
            section.title,
            "=".repeat(section.title.chars().count())
        );
        let width = section
            .fields
            .iter()
            .filter(|f| !matches!(f.value, FieldValue::Code { .. } | FieldValue::Json(_)))
            .map(|f| f.label.chars().count() + 1)
            .max()
            .unwrap_or(0)
            .min(MAX_LABEL_COLUMN);
        for field in &section.fields {
            text_field(&mut out, field, width);
        }
    }
    if !output.notes.is_empty() {
        out.push_str("\nNotes\n=====\n");
        for note in &output.notes {
            let _ = writeln!(out, "- {note}");
        }
    }
    out
}

fn text_field(out: &mut String, field: &Field, width: usize) {
    let label = format!("{}:", field.label);
    let marker = field
        .unverified
        .map(|u| format!("  ({} unverified)", u.as_str()))
        .unwrap_or_default();
    let pad = |out: &mut String, first: bool| {
        if first && label.chars().count() > width {
            // A label longer than the column gets a line of its own.
            let _ = write!(out, "{label}\n{:<width$} ", "");
        } else if first {
            let _ = write!(out, "{label:<width$} ");
        } else {
            let _ = write!(out, "{:<width$} ", "");
        }
    };
    match &field.value {
        FieldValue::Text(value) => {
            pad(out, true);
            let _ = writeln!(out, "{value}{marker}");
        }
        FieldValue::Pairs(pairs) => {
            for (index, (key, value)) in pairs.iter().enumerate() {
                pad(out, index == 0);
                let end = if index == 0 { marker.as_str() } else { "" };
                let _ = writeln!(out, "{key}: {value}{end}");
            }
            if pairs.is_empty() {
                pad(out, true);
                let _ = writeln!(out, "(none){marker}");
            }
        }
        FieldValue::List(items) => {
            for (index, item) in items.iter().enumerate() {
                pad(out, index == 0);
                let end = if index == 0 { marker.as_str() } else { "" };
                let _ = writeln!(out, "{item}{end}");
            }
        }
        FieldValue::Args(args) => {
            for (index, arg) in args.iter().enumerate() {
                pad(out, index == 0);
                let required = if arg.required { "required" } else { "optional" };
                let end = if index == 0 { marker.as_str() } else { "" };
                let _ = writeln!(out, "{} ({}, {required}){end}", arg.name, arg.kind);
                if let Some(description) = &arg.description {
                    pad(out, false);
                    let _ = writeln!(out, "  Description: {description}");
                }
                if let Some(example) = &arg.example {
                    pad(out, false);
                    let _ = writeln!(out, "  Example Value: {example}");
                }
            }
        }
        FieldValue::Code { text, .. } => {
            let _ = writeln!(out, "{label}{marker}");
            for line in text.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        FieldValue::Json(value) => {
            let _ = writeln!(out, "{label}{marker}");
            let pretty = connspec_diagnostics::pretty::to_string(value);
            for line in pretty.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
}

/// The `curl` target as a shell script: notes and titles as comments, then the commands.
fn shell_script(output: &Output) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: requests for {} (connspec compile --target curl)",
        output.connector, output.instance
    );
    for note in &output.notes {
        let _ = writeln!(out, "# {note}");
    }
    for section in &output.sections {
        let _ = writeln!(out, "\n# {}", section.title);
        for field in &section.fields {
            match &field.value {
                FieldValue::Code { text, .. } => {
                    out.push_str(text);
                    if !text.ends_with('\n') {
                        out.push('\n');
                    }
                }
                FieldValue::Text(text) => {
                    let _ = writeln!(out, "# {}: {text}", field.label);
                }
                FieldValue::List(items) => {
                    let _ = writeln!(out, "# {}:", field.label);
                    for item in items {
                        let _ = writeln!(out, "#   {item}");
                    }
                }
                FieldValue::Pairs(pairs) => {
                    let _ = writeln!(out, "# {}:", field.label);
                    for (key, value) in pairs {
                        let _ = writeln!(out, "#   {key}: {value}");
                    }
                }
                FieldValue::Args(_) | FieldValue::Json(_) => {}
            }
        }
    }
    out
}

/// The Markdown form of one output, with control and bidirectional characters escaped.
pub fn markdown(output: &Output) -> String {
    terminal::escape(&raw_markdown(output)).into_owned()
}

fn raw_markdown(output: &Output) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} · {} · {}\n",
        output.connector,
        output.target.as_str(),
        md_escape(&output.instance)
    );
    for section in &output.sections {
        let _ = writeln!(out, "## {}\n", md_escape(&section.title));
        let mut blocks = Vec::new();
        let mut table = String::new();
        for field in &section.fields {
            let label = match field.unverified {
                Some(u) => format!("{} *({} unverified)*", md_escape(&field.label), u.as_str()),
                None => md_escape(&field.label),
            };
            let cell = match &field.value {
                FieldValue::Text(value) => code_span(value),
                FieldValue::Pairs(pairs) => pairs
                    .iter()
                    .map(|(k, v)| code_span(&format!("{k}: {v}")))
                    .collect::<Vec<_>>()
                    .join("<br>"),
                FieldValue::List(items) => items
                    .iter()
                    .map(|i| md_escape(i))
                    .collect::<Vec<_>>()
                    .join("<br>"),
                FieldValue::Args(args) => args
                    .iter()
                    .map(|a| {
                        let mut cell = format!(
                            "{} ({}, {})",
                            code_span(&a.name),
                            a.kind,
                            if a.required { "required" } else { "optional" }
                        );
                        if let Some(d) = &a.description {
                            let _ = write!(cell, ": {}", md_escape(d));
                        }
                        if let Some(e) = &a.example {
                            let _ = write!(cell, "; example {}", code_span(e));
                        }
                        cell
                    })
                    .collect::<Vec<_>>()
                    .join("<br>"),
                FieldValue::Code { language, text } => {
                    blocks.push((label, *language, text.clone()));
                    continue;
                }
                FieldValue::Json(value) => {
                    blocks.push((
                        label,
                        "json",
                        connspec_diagnostics::pretty::to_string(value),
                    ));
                    continue;
                }
            };
            let _ = writeln!(table, "| {label} | {cell} |");
        }
        if !table.is_empty() {
            out.push_str("| Field | Value |\n| --- | --- |\n");
            out.push_str(&table);
            out.push('\n');
        }
        for (label, language, text) in blocks {
            let fence = if text.contains("```") { "````" } else { "```" };
            let _ = writeln!(
                out,
                "**{label}**\n\n{fence}{language}\n{}\n{fence}\n",
                text.trim_end()
            );
        }
    }
    if !output.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for note in &output.notes {
            let _ = writeln!(out, "- {}", md_escape(note));
        }
        out.push('\n');
    }
    out
}

/// A Markdown code span that holds `text` whatever backticks or pipes it contains.
fn code_span(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let text = text.replace('|', "\\|");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The JSON form of one output (an item of the document's `outputs`).
pub fn output_json(output: &Output) -> Json {
    json!({
        "spec": output.spec,
        "instance": output.instance,
        "connector": output.connector,
        "target": output.target.as_str(),
        "sections": output.sections.iter().map(|s| json!({
            "title": s.title,
            "fields": s.fields.iter().map(field_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "notes": output.notes,
    })
}

fn field_json(field: &Field) -> Json {
    let (kind, value, language) = match &field.value {
        FieldValue::Text(text) => ("text", json!(text), None),
        FieldValue::Pairs(pairs) => (
            "pairs",
            Json::Array(
                pairs
                    .iter()
                    .map(|(k, v)| json!({ "key": k, "value": v }))
                    .collect(),
            ),
            None,
        ),
        FieldValue::Args(args) => (
            "args",
            Json::Array(
                args.iter()
                    .map(|a| {
                        json!({
                            "name": a.name,
                            "type": a.kind,
                            "description": a.description,
                            "example": a.example,
                            "required": a.required,
                        })
                    })
                    .collect(),
            ),
            None,
        ),
        FieldValue::Code { language, text } => ("code", json!(text), Some(*language)),
        FieldValue::Json(value) => ("json", value.clone(), None),
        FieldValue::List(items) => ("list", json!(items), None),
    };
    json!({
        "label": field.label,
        "type": kind,
        "value": value,
        "language": language,
        "verified": field.unverified.is_none(),
        "unverified": field.unverified.map(Unverified::as_str),
    })
}
