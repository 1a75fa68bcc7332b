//! Validates a loaded document against the generated schema and maps every error to a span.
//!
//! The mapping follows taplo: resolve the error's instance path through the span table; an
//! unknown key points at the key itself; a missing key at the parent's key; a wrong type or
//! value at the value. Tagged unions (`type`, `grant_type`) report the errors of the branch the
//! tag selects, never a bare "oneOf failed".

use std::collections::HashSet;
use std::sync::OnceLock;

use connspec_diagnostics::{Diagnostic, Edit, Fix, Span};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::{SchemaKind, schema_value};
use crate::codes::{INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY, WRONG_TYPE};
use crate::yaml::{Document, NumberProblem, push_pointer};

/// A compiled schema with its JSON, kept for looking up allowed keys and descriptions.
struct CompiledSchema {
    schema: Value,
    validator: Validator,
}

fn compiled(kind: SchemaKind) -> &'static CompiledSchema {
    static CONNECTOR: OnceLock<CompiledSchema> = OnceLock::new();
    static INSTANCE: OnceLock<CompiledSchema> = OnceLock::new();
    static CASSETTE: OnceLock<CompiledSchema> = OnceLock::new();
    let cell = match kind {
        SchemaKind::Connector => &CONNECTOR,
        SchemaKind::Instance => &INSTANCE,
        SchemaKind::Cassette => &CASSETTE,
    };
    cell.get_or_init(|| {
        let schema = schema_value(kind);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            // The schema is generated from our own types and checked by tests.
            .unwrap_or_else(|error| panic!("generated {} schema is invalid: {error}", kind.name()));
        CompiledSchema { schema, validator }
    })
}

/// Validates `document` against the schema of `kind`.
pub fn validate(kind: SchemaKind, document: &Document) -> Vec<Diagnostic> {
    let compiled = compiled(kind);
    let mapper = Mapper {
        schema: &compiled.schema,
        document,
    };
    let mut diagnostics = Vec::new();
    for error in compiled.validator.iter_errors(&document.value) {
        mapper.map(&error, &mut diagnostics);
    }
    let mut seen = HashSet::new();
    diagnostics.retain(|d| seen.insert((d.code.code, d.span, d.message.clone())));
    diagnostics
}

struct Mapper<'a> {
    schema: &'a Value,
    document: &'a Document,
}

impl Mapper<'_> {
    fn map(&self, error: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
        let pointer = error.instance_path().as_str();
        let schema_path = error.schema_path().as_str();
        // A number JSON cannot hold is kept as its text; whatever the schema says about that
        // string, the fault is the number.
        if let Some(problem) = self.document.spans.number_problem(pointer) {
            out.push(self.unrepresentable_number(pointer, error.kind(), problem));
            return;
        }
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let allowed = self.allowed_keys(parent_pointer(schema_path));
                for key in unexpected {
                    out.push(self.unknown_key(pointer, key, &allowed));
                }
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default();
                out.push(self.missing_key(pointer, key, parent_pointer(schema_path)));
            }
            ValidationErrorKind::Type { kind } => {
                out.push(self.wrong_type(pointer, kind, error.instance()));
            }
            ValidationErrorKind::Enum { options } => {
                out.push(self.not_allowed(pointer, error.instance(), &options_list(options)));
            }
            ValidationErrorKind::Constant { expected_value } => {
                out.push(self.not_allowed(
                    pointer,
                    error.instance(),
                    std::slice::from_ref(expected_value.as_ref()),
                ));
            }
            ValidationErrorKind::OneOfNotValid { context }
            | ValidationErrorKind::AnyOf { context } => {
                self.union(error, schema_path, context, out);
            }
            ValidationErrorKind::Maximum { limit } | ValidationErrorKind::Minimum { limit } => {
                let above = matches!(error.kind(), ValidationErrorKind::Maximum { .. });
                let message = format!(
                    "{} is {}, {} the {} of {limit}",
                    self.field_name(pointer),
                    error.instance(),
                    if above { "above" } else { "below" },
                    if above { "maximum" } else { "minimum" },
                );
                out.push(
                    Diagnostic::error(&INVALID_VALUE, message)
                        .with_span(self.value_span(pointer))
                        .with_label("out of range"),
                );
            }
            ValidationErrorKind::Pattern { pattern } => {
                let description = self
                    .schema
                    .pointer(parent_pointer(schema_path))
                    .and_then(|s| s.get("description"))
                    .and_then(Value::as_str);
                let mut diagnostic = Diagnostic::error(
                    &INVALID_VALUE,
                    format!("{} does not match `{pattern}`", self.field_name(pointer)),
                )
                .with_span(self.value_span(pointer))
                .with_label("does not match");
                if let Some(description) = description {
                    diagnostic = diagnostic.with_help(first_sentence(description));
                }
                out.push(diagnostic);
            }
            _ => {
                let message = error.masked().to_string();
                let span = self.value_span(pointer);
                out.push(
                    Diagnostic::error(&INVALID_VALUE, tidy_message(&message))
                        .with_span(span)
                        .with_label(self.field_name(pointer)),
                );
            }
        }
    }

    /// Picks the branch of a `oneOf`/`anyOf` the author meant and reports its errors.
    fn union(
        &self,
        error: &ValidationError<'_>,
        schema_path: &str,
        context: &[Vec<ValidationError<'static>>],
        out: &mut Vec<Diagnostic>,
    ) {
        let pointer = error.instance_path().as_str();
        let instance = error.instance();
        let branches = self
            .schema
            .pointer(schema_path)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some((tag, values)) = union_tag(&branches) {
            let tag_pointer = push_pointer(pointer, &tag);
            return match instance.get(&tag) {
                None if instance.is_object() => {
                    out.push(
                        Diagnostic::error(&MISSING_KEY, format!("missing required key `{tag}`"))
                            .with_span(self.key_span(pointer))
                            .with_label(format!(
                                "`{tag}` selects the kind of {}",
                                self.noun(pointer)
                            ))
                            .with_help(format!("add `{tag}:` with one of {}", list(&values))),
                    );
                    self.branch_independent(pointer, &tag_pointer, &branches, context, out);
                }
                Some(Value::String(chosen)) if values.iter().any(|v| v == chosen) => {
                    let index = branches
                        .iter()
                        .position(|b| branch_tag(b, &tag) == Some(chosen.as_str()));
                    if let Some(errors) = index.and_then(|i| context.get(i)) {
                        for inner in errors {
                            self.map(inner, out);
                        }
                    }
                }
                Some(value) => {
                    out.push(
                        self.not_allowed(
                            &tag_pointer,
                            value,
                            &values
                                .iter()
                                .map(|v| Value::String(v.clone()))
                                .collect::<Vec<_>>(),
                        ),
                    );
                    self.branch_independent(pointer, &tag_pointer, &branches, context, out);
                }
                None => out.push(self.wrong_type_message(pointer, "a mapping", instance)),
            };
        }
        // A union of constants (an enumeration whose values are documented one by one): list
        // them, as for a plain `enum`. Derived from the schema, so it follows the model.
        let literals: Option<Vec<Vec<Value>>> = branches
            .iter()
            .filter(|branch| !self.is_null_only(branch))
            .map(|branch| self.literal_values(branch, 0))
            .collect();
        if let Some(literals) = literals.filter(|l| !l.is_empty()) {
            let allowed: Vec<Value> = literals.into_iter().flatten().collect();
            out.push(self.not_allowed(pointer, instance, &allowed));
            return;
        }
        // An untagged union (a string or a mapping, a code or a class): the branches whose type
        // fits the value are what the author meant.
        let fitting: Vec<usize> = context
            .iter()
            .enumerate()
            .filter(|(_, errors)| {
                !errors.iter().any(|e| {
                    e.instance_path().as_str() == pointer
                        && matches!(e.kind(), ValidationErrorKind::Type { .. })
                })
            })
            .map(|(i, _)| i)
            .collect();
        if let [only] = fitting[..] {
            for inner in &context[only] {
                self.map(inner, out);
            }
            return;
        }
        let expected: Vec<String> = branches
            .iter()
            .filter_map(|b| b.get("type"))
            .flat_map(|t| match t {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
                _ => vec![],
            })
            .collect();
        if expected.is_empty() || fitting.len() > 1 {
            let span = self.value_span(pointer);
            out.push(
                Diagnostic::error(&INVALID_VALUE, tidy_message(&error.masked().to_string()))
                    .with_span(span)
                    .with_label(self.field_name(pointer)),
            );
        } else {
            let wanted = join_types(&expected.iter().map(String::as_str).collect::<Vec<_>>());
            out.push(self.wrong_type_message(pointer, &wanted, instance));
        }
    }

    /// With the tag of a tagged union missing or invalid, no branch is chosen; still report
    /// what is wrong whichever branch the author meant: keys no branch allows, and errors every
    /// branch reports alike (a wrong type of a field they share, a value outside an enumeration
    /// they share), so one pass shows what an editor shows.
    fn branch_independent(
        &self,
        pointer: &str,
        tag_pointer: &str,
        branches: &[Value],
        context: &[Vec<ValidationError<'static>>],
        out: &mut Vec<Diagnostic>,
    ) {
        let instance_keys: Vec<&String> = self
            .document
            .value
            .pointer(pointer)
            .and_then(Value::as_object)
            .map(|map| map.keys().collect())
            .unwrap_or_default();
        let known: Option<Vec<Vec<String>>> = branches
            .iter()
            .map(|branch| self.closed_keys(branch, 0))
            .collect();
        if let Some(known) = known {
            let mut allowed: Vec<String> = known.into_iter().flatten().collect();
            let mut seen = HashSet::new();
            allowed.retain(|key| key != "$schema" && seen.insert(key.clone()));
            for key in instance_keys {
                if !allowed.contains(key) {
                    out.push(self.unknown_key(pointer, key, &allowed));
                }
            }
        }
        let signature = |error: &ValidationError<'_>| {
            (
                error.instance_path().as_str().to_owned(),
                error.masked().to_string(),
            )
        };
        let independent = |error: &&ValidationError<'static>| {
            let path = error.instance_path().as_str();
            path != tag_pointer
                && !path.starts_with(&format!("{tag_pointer}/"))
                && !matches!(
                    error.kind(),
                    ValidationErrorKind::AdditionalProperties { .. }
                        | ValidationErrorKind::UnevaluatedProperties { .. }
                )
        };
        let Some((first, rest)) = context.split_first() else {
            return;
        };
        let others: Vec<HashSet<(String, String)>> = rest
            .iter()
            .map(|errors| errors.iter().filter(independent).map(signature).collect())
            .collect();
        for error in first.iter().filter(independent) {
            let key = signature(error);
            if others.iter().all(|set| set.contains(&key)) {
                self.map(error, out);
            }
        }
    }

    /// The keys a closed object schema allows, through `$ref`, `oneOf`, `anyOf`, `allOf` and
    /// `if`/`then`; `None` when some object it describes allows any key.
    fn closed_keys(&self, schema: &Value, depth: usize) -> Option<Vec<String>> {
        let schema = self.resolve(schema);
        if depth > 8 {
            return None;
        }
        let mut keys: Vec<String> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let closed_here = [
            schema.get("additionalProperties"),
            schema.get("unevaluatedProperties"),
        ]
        .contains(&Some(&Value::Bool(false)));
        let mut alternatives_closed = None;
        for keyword in ["oneOf", "anyOf"] {
            if let Some(alternatives) = schema.get(keyword).and_then(Value::as_array) {
                let all: Option<Vec<Vec<String>>> = alternatives
                    .iter()
                    .map(|a| self.closed_keys(a, depth + 1))
                    .collect();
                alternatives_closed = Some(all.is_some());
                keys.extend(all.into_iter().flatten().flatten());
            }
        }
        for keyword in ["allOf"] {
            for part in schema
                .get(keyword)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let part = self.resolve(part);
                if let Some(properties) = part.get("properties").and_then(Value::as_object) {
                    keys.extend(properties.keys().cloned());
                }
            }
        }
        for keyword in ["then", "else"] {
            if let Some(properties) = schema
                .get(keyword)
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object)
            {
                keys.extend(properties.keys().cloned());
            }
        }
        (closed_here || alternatives_closed == Some(true)).then_some(keys)
    }

    /// The values a schema allows when it is a list of constants (`const`, `enum`, or a
    /// `oneOf`/`anyOf` of such, through `$ref`).
    fn literal_values(&self, schema: &Value, depth: usize) -> Option<Vec<Value>> {
        let schema = self.resolve(schema);
        if depth > 8 {
            return None;
        }
        if let Some(value) = schema.get("const") {
            return Some(vec![value.clone()]);
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return Some(values.clone());
        }
        let alternatives = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)?;
        let values: Option<Vec<Vec<Value>>> = alternatives
            .iter()
            .filter(|a| !self.is_null_only(a))
            .map(|a| self.literal_values(a, depth + 1))
            .collect();
        values.map(|v| v.into_iter().flatten().collect())
    }

    /// `{"type": "null"}`: the "absent" branch of an optional value.
    fn is_null_only(&self, schema: &Value) -> bool {
        self.resolve(schema).get("type") == Some(&Value::String("null".to_owned()))
    }

    fn unknown_key(&self, pointer: &str, key: &str, allowed: &[String]) -> Diagnostic {
        let key_pointer = push_pointer(pointer, key);
        let span = self
            .document
            .spans
            .key(&key_pointer)
            .unwrap_or_else(|| self.document.spans.nearest(pointer));
        let mut diagnostic = Diagnostic::error(&UNKNOWN_KEY, format!("unknown key `{key}`"))
            .with_span(span)
            .with_label(format!("not allowed in {}", self.noun(pointer)));
        if let Some(suggestion) = did_you_mean(key, allowed) {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            // The schema's keys are plain snake_case words: written plain they replace the key
            // whatever its quoting. Not when the mapping has that key already (a duplicate).
            // Safe only for a typo (two edits at most, a swap counting one); a more distant
            // key is likely another key altogether (`isntance_version` is not `instance`).
            let taken = self
                .document
                .spans
                .key(&push_pointer(pointer, suggestion))
                .is_some();
            if !taken && self.document.spans.key(&key_pointer).is_some() {
                let edits = vec![Edit::replacement(span, suggestion.to_owned())];
                let title = format!("rename to `{suggestion}`");
                // Two unknown keys of one mapping that both mean this key: which one does?
                let rivals = self
                    .document
                    .value
                    .pointer(pointer)
                    .and_then(Value::as_object)
                    .map_or(0, |map| {
                        map.keys()
                            .filter(|other| {
                                other.as_str() != key
                                    && !allowed.contains(other)
                                    && did_you_mean(other, allowed) == Some(suggestion)
                            })
                            .count()
                    });
                let typo = rivals == 0 && strsim::damerau_levenshtein(key, suggestion) <= 2;
                diagnostic = diagnostic.with_fix(if typo {
                    Fix::safe(title, edits)
                } else {
                    Fix::display_only(title, edits)
                });
            }
        } else if !allowed.is_empty() {
            diagnostic = diagnostic.with_help(format!("allowed keys here: {}", list(allowed)));
        }
        diagnostic
    }

    fn missing_key(&self, pointer: &str, key: &str, object_schema_path: &str) -> Diagnostic {
        let span = self.key_span(pointer);
        let mut diagnostic =
            Diagnostic::error(&MISSING_KEY, format!("missing required key `{key}`"))
                .with_span(span)
                .with_label(format!("{} needs `{key}`", self.noun(pointer)));
        // An `if`/`then` requirement names the key in `then`; its description sits beside it.
        let property = push_pointer("/properties", key);
        let description = [object_schema_path, parent_pointer(object_schema_path)]
            .iter()
            .filter_map(|path| self.schema.pointer(path))
            .find_map(|s| s.pointer(&property))
            .and_then(|p| {
                p.get("description")
                    .or_else(|| self.resolve(p).get("description"))
            })
            .and_then(Value::as_str)
            .map(first_sentence);
        if let Some(description) = description {
            diagnostic = diagnostic.with_help(format!("`{key}`: {description}"));
        }
        diagnostic
    }

    fn unrepresentable_number(
        &self,
        pointer: &str,
        kind: &ValidationErrorKind,
        problem: NumberProblem,
    ) -> Diagnostic {
        let found = problem.describe();
        let message = match kind {
            ValidationErrorKind::Type { kind } => format!(
                "expected {} for {}, found {found}",
                join_types(&type_names(kind)),
                self.field_name(pointer)
            ),
            _ => format!("{} is {found}", self.field_name(pointer)),
        };
        let help = match problem {
            NumberProblem::TooLarge => "JSON numbers here are at most 64 bits; write a smaller one",
            NumberProblem::NotFinite => "JSON has no infinity or NaN; write a finite number",
        };
        Diagnostic::error(&WRONG_TYPE, message)
            .with_span(self.value_span(pointer))
            .with_label(format!("this is {found}"))
            .with_help(help)
    }

    fn wrong_type(&self, pointer: &str, kind: &TypeKind, instance: &Value) -> Diagnostic {
        self.wrong_type_message(pointer, &join_types(&type_names(kind)), instance)
    }

    fn wrong_type_message(&self, pointer: &str, wanted: &str, instance: &Value) -> Diagnostic {
        let found = describe_value(instance);
        let span = if instance.is_object() || instance.is_array() {
            self.key_span(pointer)
        } else {
            self.value_span(pointer)
        };
        let mut diagnostic = Diagnostic::error(
            &WRONG_TYPE,
            format!(
                "expected {wanted} for {}, found {found}",
                self.field_name(pointer)
            ),
        )
        .with_span(span)
        .with_label(format!("this is {found}"));
        if wanted.contains("array") && instance.is_string() {
            diagnostic = diagnostic.with_help("write a list: `[a, b]` or one `- item` per line");
        } else if wanted.contains("string") && instance.is_null() {
            diagnostic = diagnostic.with_help("give a value after the `:`");
        }
        diagnostic
    }

    fn not_allowed(&self, pointer: &str, instance: &Value, allowed: &[Value]) -> Diagnostic {
        let allowed_text: Vec<String> = allowed.iter().map(value_text).collect();
        let shown = match instance {
            Value::String(s) => format!("`{s}`"),
            Value::Number(n) => format!("`{n}`"),
            Value::Bool(b) => format!("`{b}`"),
            other => describe_value(other),
        };
        let message = if let [only] = &allowed_text[..] {
            format!("{} must be `{only}`, not {shown}", self.field_name(pointer))
        } else {
            format!("{shown} is not a valid {}", self.field_name(pointer))
        };
        let span = self.value_span(pointer);
        let mut diagnostic = Diagnostic::error(&INVALID_VALUE, message)
            .with_span(span)
            .with_label("not allowed here");
        let written = instance.as_str();
        // The same word in another case (`get`), else the closest, else the only value one
        // edit away (`GTE`: too short for a similarity score to find `GET`).
        let suggestion = written.and_then(|s| {
            allowed_text
                .iter()
                .find(|a| a.eq_ignore_ascii_case(s))
                .map(String::as_str)
                .or_else(|| did_you_mean(s, &allowed_text))
                .or_else(|| {
                    let mut near = allowed_text
                        .iter()
                        .filter(|a| strsim::damerau_levenshtein(s, a) <= 1);
                    match (near.next(), near.next()) {
                        (Some(only), None) => Some(only.as_str()),
                        _ => None,
                    }
                })
        });
        if let (Some(written), Some(suggestion)) = (written, suggestion) {
            // Allowed values are plain words: inside quotes only the word is replaced, so the
            // quoting stays as written.
            let quoted = span.end - span.start == written.len() + 2;
            let target = if quoted {
                Span::new(span.start + 1, span.end - 1)
            } else {
                span
            };
            let edits = vec![Edit::replacement(target, suggestion.to_owned())];
            let title = format!("use `{suggestion}`");
            let typo = written.eq_ignore_ascii_case(suggestion)
                || strsim::damerau_levenshtein(written, suggestion) <= 2;
            let plain_word = written
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if plain_word {
                diagnostic = diagnostic.with_fix(if typo {
                    Fix::safe(title, edits)
                } else {
                    Fix::display_only(title, edits)
                });
            }
        }
        diagnostic = match suggestion {
            Some(suggestion) => diagnostic.with_help(format!(
                "did you mean `{suggestion}`? allowed: {}",
                list(&allowed_text)
            )),
            None if allowed_text.len() > 1 => {
                diagnostic.with_help(format!("allowed: {}", list(&allowed_text)))
            }
            None => diagnostic,
        };
        diagnostic
    }

    /// Keys allowed in the object schema at `object_schema_path`.
    fn allowed_keys(&self, object_schema_path: &str) -> Vec<String> {
        self.schema
            .pointer(object_schema_path)
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().filter(|k| *k != "$schema").cloned().collect())
            .unwrap_or_default()
    }

    /// Follows a local `$ref` once.
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|r| self.schema.pointer(r))
            .unwrap_or(schema)
    }

    fn value_span(&self, pointer: &str) -> Span {
        self.document
            .spans
            .value(pointer)
            .unwrap_or_else(|| self.document.spans.nearest(pointer))
    }

    /// Where to point for a whole mapping: its key, or for the root its first line.
    fn key_span(&self, pointer: &str) -> Span {
        if pointer.is_empty() {
            let start = self.document.spans.value("").unwrap_or_default().start;
            return Span::at(start);
        }
        self.document.spans.key_or_value(pointer)
    }

    /// `auth.token_url`-style name of the value at `pointer`, for messages.
    #[allow(clippy::unused_self)] // a method, so messages read `self.field_name(..)` alike
    fn field_name(&self, pointer: &str) -> String {
        if pointer.is_empty() {
            return "the document".to_owned();
        }
        let dotted = pointer
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect::<Vec<_>>()
            .join(".");
        format!("`{dotted}`")
    }

    /// "the document", "`auth`", "`actions.list`": what a mapping at `pointer` is called.
    fn noun(&self, pointer: &str) -> String {
        self.field_name(pointer)
    }
}

fn type_names(kind: &TypeKind) -> Vec<&'static str> {
    match kind {
        TypeKind::Single(t) => vec![t.as_str()],
        TypeKind::Multiple(set) => set.iter().map(jsonschema::JsonType::as_str).collect(),
    }
}

/// The tag property of a tagged union: the property every branch fixes with `const`.
fn union_tag(branches: &[Value]) -> Option<(String, Vec<String>)> {
    let first = branches.first()?.get("properties")?.as_object()?;
    for candidate in first.keys() {
        let values: Option<Vec<String>> = branches
            .iter()
            .map(|b| branch_tag(b, candidate).map(str::to_owned))
            .collect();
        if let Some(values) = values {
            let distinct: HashSet<&String> = values.iter().collect();
            if distinct.len() == values.len() {
                return Some((candidate.clone(), values));
            }
        }
    }
    None
}

fn branch_tag<'b>(branch: &'b Value, tag: &str) -> Option<&'b str> {
    branch.get("properties")?.get(tag)?.get("const")?.as_str()
}

fn parent_pointer(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

fn options_list(options: &Value) -> Vec<Value> {
    options.as_array().cloned().unwrap_or_default()
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn join_types(types: &[&str]) -> String {
    let names: Vec<&str> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            other => other,
        })
        .collect();
    match names.as_slice() {
        [] => "a value".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

/// The first paragraph of a description, on one line.
fn first_sentence(text: &str) -> String {
    text.split("\n\n").next().unwrap_or(text).replace('\n', " ")
}

/// Lowercases the first letter and drops a trailing period, per our message style.
fn tidy_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The allowed name closest to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(input: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}
