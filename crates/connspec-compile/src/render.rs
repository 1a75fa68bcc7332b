//! Rendering one string leaf of a spec with minijinja, into [`Rendered`] segments.
//!
//! Every template renders once, target-independently: instance values and (at run time)
//! input values are substituted, while inputs (for the printed targets), secrets and
//! `meta_info` become *placeholders*, private-use sentinels that survive rendering and are
//! parsed back into [`Segment`]s. Each target then lowers the segments its own way
//! (`{{status}}`, `"$COUPA_CLIENT_SECRET"`, `<secret COUPA_CLIENT_SECRET>`, a real value).
//! A placeholder that a filter or an expression mangled, or that a template only tested,
//! cannot be lowered faithfully and is reported ([`INEXPRESSIBLE_TEMPLATE`]).
//!
//! The environment is locked down: strict undefined values, no auto-escaping, a fuel limit, a
//! recursion limit, no loader (so no `include` can read a file), and an output size limit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use connspec_diagnostics::{Diagnostic, SourceFile, Span};
use connspec_model::yaml::SpanTable;
use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

use crate::codes::{
    INEXPRESSIBLE_TEMPLATE, TEMPLATE_LIMIT, TEMPLATE_RENDER, TEMPLATE_SYNTAX, UNDEFINED_VARIABLE,
};
use crate::limits::{FIELD_BYTES, TEMPLATE_FUEL, TEMPLATE_RECURSION};

/// Fuel for one leaf (about one unit per instruction; see [`crate::limits::TEMPLATE_FUEL`]).
pub const FUEL: u64 = 20_000;
/// Macro nesting allowed in one leaf.
pub const RECURSION_LIMIT: usize = 16;
/// The longest text one field may render to.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// One piece of a rendered field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// An action input, by name (printed targets only; at run time inputs are values).
    Input(String),
    /// A secret, by its declared name.
    Secret(String),
    /// A `meta_info` attribute path such as `user.email_addr`.
    Meta(String),
}

/// A rendered field: literal text and placeholders, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub segments: Vec<Segment>,
}

impl Rendered {
    /// A rendered field of literal text.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            segments: vec![Segment::Text(text.into())],
        }
    }

    /// The secrets this field uses, in order of appearance.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Secret(name) => Some(name.as_str()),
            _ => None,
        })
    }

    pub fn has_secret(&self) -> bool {
        self.secrets().next().is_some()
    }

    /// The field when it is exactly one placeholder and nothing else.
    pub fn single(&self) -> Option<&Segment> {
        match self.segments.as_slice() {
            [one] if !matches!(one, Segment::Text(_)) => Some(one),
            _ => None,
        }
    }

    /// Whether the field is literal text only (no placeholder).
    pub fn is_literal(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Text(_)))
    }

    /// Lowers every segment with `lower` and concatenates the results.
    pub fn lower(&self, mut lower: impl FnMut(&Segment) -> String) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                other => out.push_str(&lower(other)),
            }
        }
        out
    }
}

/// Whether a field may hold secrets: credential fields are stored encrypted by Agent Studio
/// and printed as placeholders; everything else is printed and stored in plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Public,
    Credential,
}

/// How inputs render.
#[derive(Debug, Clone)]
pub(crate) enum InputMode {
    /// Inputs stay placeholders (the printed targets).
    Placeholders,
    /// Inputs are values, by action name then input name (the runtime view).
    Values(BTreeMap<String, BTreeMap<String, serde_json::Value>>),
}

/// What a template may refer to in one compile.
#[derive(Debug)]
pub(crate) struct Scope<'a> {
    pub instance_params: Vec<&'a str>,
    pub instance_values: Value,
    pub secrets: Vec<&'a str>,
    /// Declared inputs, by action name.
    pub inputs: BTreeMap<&'a str, Vec<&'a str>>,
    pub input_mode: InputMode,
}

/// Where a leaf sits in the spec, for diagnostics.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Location<'a> {
    pub file: &'a SourceFile,
    pub spans: &'a SpanTable,
}

impl Location<'_> {
    /// The span of `range` (bytes of the template) inside the value at `pointer`, when the
    /// YAML text holds the template verbatim (plain or simply quoted); else the whole value.
    fn span(&self, pointer: &str, template: &str, range: Option<std::ops::Range<usize>>) -> Span {
        let whole = self.spans.nearest(pointer);
        let Some(range) = range else { return whole };
        let text = self.file.text();
        let Some(raw) = text.get(whole.start..whole.end) else {
            return whole;
        };
        let offset = if raw == template {
            0
        } else if raw.len() == template.len() + 2 && raw.get(1..raw.len() - 1) == Some(template) {
            1
        } else {
            return whole;
        };
        // minijinja may point into the middle of a multi-byte character.
        self.file
            .clamp_span(whole.subspan(offset + range.start, offset + range.end.max(range.start)))
    }
}

/// The minijinja environment every leaf renders in.
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env
}

/// Renders leaves for one compile.
pub(crate) struct Renderer<'a> {
    env: Environment<'static>,
    globals: BTreeSet<String>,
    scope: Scope<'a>,
    location: Location<'a>,
    secrets_value: Value,
    /// Input maps, by action: placeholders or values.
    inputs_values: BTreeMap<String, Value>,
}

impl fmt::Debug for Renderer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(scope: Scope<'a>, location: Location<'a>) -> Self {
        let env = environment();
        let globals = env.globals().map(|(name, _)| name.to_owned()).collect();
        let secrets_value = Value::from(
            scope
                .secrets
                .iter()
                .map(|name| ((*name).to_owned(), Value::from(sentinel('s', name))))
                .collect::<BTreeMap<String, Value>>(),
        );
        let mut inputs_values = BTreeMap::new();
        for (action, names) in &scope.inputs {
            let map: BTreeMap<String, Value> = match &scope.input_mode {
                InputMode::Placeholders => names
                    .iter()
                    .map(|name| ((*name).to_owned(), Value::from(sentinel('i', name))))
                    .collect(),
                InputMode::Values(values) => values
                    .get(*action)
                    .into_iter()
                    .flatten()
                    .map(|(name, value)| (name.clone(), json_to_value(value)))
                    .collect(),
            };
            inputs_values.insert((*action).to_owned(), Value::from(map));
        }
        Self {
            env,
            globals,
            scope,
            location,
            secrets_value,
            inputs_values,
        }
    }

    /// Renders the template at `pointer`. `action` names the action whose inputs are in scope.
    /// Returns `None` (with diagnostics) when it cannot be rendered.
    pub(crate) fn render(
        &self,
        pointer: &str,
        template: &str,
        role: Role,
        action: Option<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Rendered> {
        if !template.contains("{{") && !template.contains("{%") && !template.contains("{#") {
            return Some(Rendered::text(template));
        }
        let at =
            |range: Option<std::ops::Range<usize>>| self.location.span(pointer, template, range);
        let compiled = match self.env.template_from_str(template) {
            Ok(compiled) => compiled,
            Err(error) => {
                diagnostics.push(
                    Diagnostic::error(
                        &TEMPLATE_SYNTAX,
                        format!("template syntax error: {}", detail(&error)),
                    )
                    .with_span(at(error.range()))
                    .with_label("cannot parse this template"),
                );
                return None;
            }
        };
        let used = compiled.undeclared_variables(true);
        let mut used: Vec<String> = used.into_iter().collect();
        used.sort();
        let before = diagnostics.len();
        for name in &used {
            self.check_name(name, template, action, &at, diagnostics);
        }
        if diagnostics.len() > before {
            return None;
        }
        let inputs = action
            .and_then(|a| self.inputs_values.get(a).cloned())
            .unwrap_or_else(|| Value::from(BTreeMap::<String, Value>::new()));
        let context = Value::from(BTreeMap::from([
            ("instance".to_owned(), self.scope.instance_values.clone()),
            ("secrets".to_owned(), self.secrets_value.clone()),
            ("inputs".to_owned(), inputs),
            (
                "meta_info".to_owned(),
                Value::from_object(MetaPath(String::new())),
            ),
        ]));
        let output = match compiled.render(context) {
            Ok(output) => output,
            Err(error) => {
                diagnostics.push(render_error(&error, &at));
                return None;
            }
        };
        if output.len() > MAX_FIELD_BYTES {
            diagnostics.push(
                Diagnostic::error(
                    &TEMPLATE_LIMIT,
                    format!(
                        "template renders {}, over {}",
                        connspec_diagnostics::bytes_text(output.len() as u64),
                        FIELD_BYTES.describe_default()
                    ),
                )
                .with_span(at(None))
                .with_label("renders too much text")
                .with_help(FIELD_BYTES.how_to_raise()),
            );
            return None;
        }
        let Some(rendered) = parse_segments(&output, &self.scope, action) else {
            diagnostics.push(inexpressible(
                at(None),
                "a filter or expression changes an input, secret or `meta_info` value",
            ));
            return None;
        };
        // Every placeholder the template refers to must come out as itself: one that was only
        // tested or compared cannot be expressed by a target that substitutes values.
        let placeholders_inputs = matches!(self.scope.input_mode, InputMode::Placeholders);
        for name in &used {
            let (namespace, rest) = name.split_once('.').unwrap_or((name, ""));
            let emitted = match namespace {
                "secrets" => rendered
                    .segments
                    .contains(&Segment::Secret(rest.to_owned())),
                "inputs" if placeholders_inputs => {
                    rendered.segments.contains(&Segment::Input(rest.to_owned()))
                }
                "meta_info" => rendered
                    .segments
                    .iter()
                    .any(|s| matches!(s, Segment::Meta(path) if path.starts_with(rest))),
                _ => true,
            };
            if !emitted {
                let range = template.find(name.as_str()).map(|s| s..s + name.len());
                diagnostics.push(inexpressible(
                    at(range),
                    &format!("`{name}` is used in an expression, not inserted as it is"),
                ));
                return None;
            }
        }
        if role == Role::Public
            && let Some(secret) = rendered.secrets().next()
        {
            let needle = format!("secrets.{secret}");
            let range = template.find(&needle).map(|s| s..s + needle.len());
            diagnostics.push(
                Diagnostic::error(
                    &crate::codes::SECRET_PRINTED,
                    format!("secret `{secret}` in a field that is printed in plain text"),
                )
                .with_span(at(range))
                .with_label("this field is not a credential")
                .with_help(
                    "put secrets in the auth config's credential fields or in `common_headers`",
                ),
            );
            return None;
        }
        Some(rendered)
    }

    /// Reports a name a template uses that the spec does not declare.
    fn check_name(
        &self,
        name: &str,
        template: &str,
        action: Option<&str>,
        at: &dyn Fn(Option<std::ops::Range<usize>>) -> Span,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let (namespace, rest) = name.split_once('.').unwrap_or((name, ""));
        let attribute = rest.split('.').next().unwrap_or(rest);
        let range = template.find(name).map(|s| s..s + name.len());
        let problem: Option<(String, Vec<&str>)> = match namespace {
            "instance" if !rest.is_empty() && !self.scope.instance_params.contains(&attribute) => {
                Some((
                    format!("instance parameter `{attribute}` is not declared"),
                    self.scope.instance_params.clone(),
                ))
            }
            "secrets" if !rest.is_empty() && !self.scope.secrets.contains(&attribute) => Some((
                format!("secret `{attribute}` is not declared"),
                self.scope.secrets.clone(),
            )),
            "inputs" => match action {
                None => Some((
                    format!("`{name}` outside an action: inputs exist only in actions"),
                    Vec::new(),
                )),
                Some(action) => {
                    let declared = self.scope.inputs.get(action).cloned().unwrap_or_default();
                    (!rest.is_empty() && !declared.contains(&attribute)).then(|| {
                        (
                            format!("input `{attribute}` is not declared in action `{action}`"),
                            declared,
                        )
                    })
                }
            },
            "instance" | "secrets" | "meta_info" => None,
            other if self.globals.contains(other) => None,
            other => Some((
                format!(
                    "unknown variable `{other}`; templates use `instance.`, `secrets.`, `inputs.` and `meta_info.`"
                ),
                vec!["instance", "secrets", "inputs", "meta_info"],
            )),
        };
        if let Some((message, candidates)) = problem {
            let wanted =
                if namespace == "instance" || namespace == "secrets" || namespace == "inputs" {
                    attribute
                } else {
                    namespace
                };
            let mut diagnostic = Diagnostic::error(&UNDEFINED_VARIABLE, message)
                .with_span(at(range))
                .with_label("not declared");
            if let Some(best) = did_you_mean(wanted, &candidates) {
                diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
            }
            diagnostics.push(diagnostic);
        }
    }
}

fn inexpressible(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error(&INEXPRESSIBLE_TEMPLATE, message.to_owned())
        .with_span(span)
        .with_label("Agent Studio only substitutes values")
        .with_help("insert inputs, secrets and `meta_info` as they are: `{{ inputs.NAME }}`")
}

fn render_error(
    error: &minijinja::Error,
    at: &dyn Fn(Option<std::ops::Range<usize>>) -> Span,
) -> Diagnostic {
    let range = error.range();
    match error.kind() {
        ErrorKind::OutOfFuel => Diagnostic::error(
            &TEMPLATE_LIMIT,
            format!(
                "template ran out of fuel: it loops or builds too much for {}",
                TEMPLATE_FUEL.describe_default()
            ),
        )
        .with_span(at(range))
        .with_label("stopped here")
        .with_help(TEMPLATE_FUEL.how_to_raise()),
        ErrorKind::InvalidOperation if detail(error).contains("recursion limit") => {
            Diagnostic::error(
                &TEMPLATE_LIMIT,
                format!(
                    "template recurses deeper than {}",
                    TEMPLATE_RECURSION.describe_default()
                ),
            )
            .with_span(at(range))
            .with_label("stopped here")
            .with_help(TEMPLATE_RECURSION.how_to_raise())
        }
        ErrorKind::InvalidOperation
            if detail(error).contains("too large") || detail(error).contains("too many") =>
        {
            // minijinja's own fixed bounds (a `range` or a repeated string too large).
            Diagnostic::error(
                &TEMPLATE_LIMIT,
                format!(
                    "template exceeds a fixed limit of minijinja: {}",
                    detail(error)
                ),
            )
            .with_span(at(range))
            .with_label("stopped here")
            .with_help(TEMPLATE_FUEL.how_to_raise())
        }
        ErrorKind::UndefinedError => Diagnostic::error(
            &UNDEFINED_VARIABLE,
            format!("undefined value: {}", detail(error)),
        )
        .with_span(at(range))
        .with_label("undefined here"),
        ErrorKind::SyntaxError => Diagnostic::error(
            &TEMPLATE_SYNTAX,
            format!("template syntax error: {}", detail(error)),
        )
        .with_span(at(range))
        .with_label("cannot parse this template"),
        _ => Diagnostic::error(
            &TEMPLATE_RENDER,
            format!("template error: {}", detail(error)),
        )
        .with_span(at(range))
        .with_label("fails here"),
    }
}

/// The error's own message without minijinja's location suffix.
fn detail(error: &minijinja::Error) -> String {
    match error.detail() {
        Some(detail) => format!("{}: {detail}", kind_text(error.kind())),
        None => kind_text(error.kind()).to_owned(),
    }
}

fn kind_text(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::SyntaxError => "syntax error",
        ErrorKind::UndefinedError => "undefined value",
        ErrorKind::UnknownFilter => "unknown filter",
        ErrorKind::UnknownFunction => "unknown function",
        ErrorKind::UnknownTest => "unknown test",
        ErrorKind::UnknownMethod => "unknown method",
        ErrorKind::OutOfFuel => "out of fuel",
        ErrorKind::TemplateNotFound => "template not found",
        ErrorKind::TooManyArguments => "too many arguments",
        ErrorKind::MissingArgument => "missing argument",
        _ => "invalid operation",
    }
}

/// The closest candidate to `wanted`, if one is close enough to be a typo.
pub(crate) fn did_you_mean<'c>(wanted: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn sentinel(kind: char, name: &str) -> String {
    format!("{OPEN}{kind}:{name}{CLOSE}")
}

/// Splits rendered output into segments; `None` when a placeholder was mangled.
fn parse_segments(output: &str, scope: &Scope<'_>, action: Option<&str>) -> Option<Rendered> {
    let mut segments = Vec::new();
    let mut rest = output;
    while let Some(open) = rest.find(OPEN) {
        let before = &rest[..open];
        if before.contains(CLOSE) {
            return None;
        }
        if !before.is_empty() {
            segments.push(Segment::Text(before.to_owned()));
        }
        let after = &rest[open + OPEN.len_utf8()..];
        let close = after.find(CLOSE)?;
        let body = &after[..close];
        let (kind, name) = body.split_once(':')?;
        let segment = match kind {
            "i" => {
                let declared = action.and_then(|a| scope.inputs.get(a))?;
                declared
                    .contains(&name)
                    .then(|| Segment::Input(name.to_owned()))?
            }
            "s" => scope
                .secrets
                .contains(&name)
                .then(|| Segment::Secret(name.to_owned()))?,
            "m" => {
                let valid = !name.is_empty()
                    && name.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
                    });
                valid.then(|| Segment::Meta(name.to_owned()))?
            }
            _ => return None,
        };
        segments.push(segment);
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if rest.contains(CLOSE) {
        return None;
    }
    if !rest.is_empty() || segments.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    Some(Rendered { segments })
}

/// `meta_info` and any attribute path below it; renders as a placeholder.
#[derive(Debug)]
struct MetaPath(String);

impl Object for MetaPath {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let path = if self.0.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.0)
        };
        Some(Value::from_object(MetaPath(path)))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sentinel('m', &self.0))
    }
}

/// A JSON value as a template value.
pub(crate) fn json_to_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::from(()),
        serde_json::Value::Bool(b) => Value::from(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or_default())
            }
        }
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(items) => {
            Value::from(items.iter().map(json_to_value).collect::<Vec<_>>())
        }
        serde_json::Value::Object(map) => Value::from(
            map.iter()
                .map(|(k, v)| (k.clone(), json_to_value(v)))
                .collect::<BTreeMap<String, Value>>(),
        ),
    }
}
