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

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use connspec_diagnostics::{Diagnostic, SourceFile, Span};
use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

use crate::codes::{
    INEXPRESSIBLE_TEMPLATE, SECRET_IN_PRINTED_FIELD, TEMPLATE_LIMIT, TEMPLATE_RENDER,
    TEMPLATE_SYNTAX, UNDEFINED_VARIABLE, UNRENDERED_TEMPLATE,
};
use crate::field::Field;
use crate::limits::{FIELD_BYTES, TEMPLATE_FUEL, TEMPLATE_RECURSION};

/// What the targets read as the start of a template: Agent Studio's and Postman's `{{`,
/// Hurl's `{{` and minijinja's own statement and comment openers.
pub(crate) const TARGET_SYNTAX: &[&str] = &["{{", "{%", "{#"];

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

/// How inputs render.
#[derive(Debug, Clone)]
pub enum InputMode {
    /// Inputs stay placeholders (the printed targets).
    Placeholders,
    /// Inputs are values, by action name then input name (the runtime view).
    Values(BTreeMap<String, BTreeMap<String, serde_json::Value>>),
}

/// What a template may refer to in one compile.
#[derive(Debug)]
pub struct Scope<'a> {
    pub instance_params: Vec<&'a str>,
    pub instance_values: Value,
    pub secrets: Vec<&'a str>,
    /// Declared inputs, by action name.
    pub inputs: BTreeMap<&'a str, Vec<&'a str>>,
    /// The inputs' examples as the printed targets print them in an input's place
    /// ([`printed_text`]), by action name then input name.
    pub examples: BTreeMap<&'a str, BTreeMap<&'a str, String>>,
    pub input_mode: InputMode,
}

impl Scope<'_> {
    /// What the printed targets print in place of `input` of `action`: its example, when it
    /// has one that is not itself refused for holding template syntax.
    fn printed_example(&self, action: Option<&str>, input: &str) -> Option<&str> {
        let example = self.examples.get(action?)?.get(input)?;
        (!TARGET_SYNTAX.iter().any(|o| example.contains(*o))).then_some(example.as_str())
    }
}

/// A JSON value as the targets print it in a field's text: a string as itself, anything else
/// as JSON.
pub fn printed_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The one minijinja environment: templates are parsed (for analysis) and rendered in it.
/// Fuel is counted per render, so one environment serves every thread.
pub fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: std::sync::OnceLock<Environment<'static>> = std::sync::OnceLock::new();
    ENVIRONMENT.get_or_init(locked_down)
}

/// Strict undefined values, no auto-escaping, fuel and a recursion limit, and no loader (so no
/// `include` can read a file).
fn locked_down() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env
}

/// Renders leaves for one compile.
pub struct Renderer<'a> {
    env: &'static Environment<'static>,
    scope: Scope<'a>,
    file: &'a SourceFile,
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
    pub fn new(scope: Scope<'a>, file: &'a SourceFile) -> Self {
        let env = environment();
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
            scope,
            file,
            secrets_value,
            inputs_values,
        }
    }

    /// Renders `field`, which passed the static check ([`crate::check`]). Returns `None`
    /// (with diagnostics) when it cannot be rendered.
    pub fn render(&self, field: &Field, diagnostics: &mut Vec<Diagnostic>) -> Option<Rendered> {
        let template = field.text.as_str();
        let action = field.action();
        if !template.contains("{{") && !template.contains("{%") && !template.contains("{#") {
            return Some(Rendered::text(template));
        }
        let at = |range: Option<std::ops::Range<usize>>| match range {
            Some(range) => field.sub_span(self.file, range.start, range.end.max(range.start)),
            None => field.span,
        };
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
        let mut used: Vec<String> = compiled.undeclared_variables(true).into_iter().collect();
        used.sort();
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
        // Rendered text is pasted into Agent Studio, Postman and Hurl, which all substitute
        // `{{ … }}` themselves: text that renders to their syntax would become a variable
        // reference there (`{{ '{{CLIENT_SECRET}}' }}` would make Postman send the secret).
        // Judged on the text as printed, with each input's example in its place: a `{`
        // rendered next to an example `{API_TOKEN}}` prints `{{API_TOKEN}}` as surely.
        if let Some((opener, across)) = self.target_syntax(&rendered, action) {
            let label = if across {
                "with the inputs' examples in place; Agent Studio, Postman and Hurl would \
                 substitute it again"
            } else {
                "Agent Studio, Postman and Hurl would substitute it again"
            };
            diagnostics.push(
                Diagnostic::error(
                    &UNRENDERED_TEMPLATE,
                    format!("this template renders `{opener}`, template syntax of the targets"),
                )
                .with_span(at(None))
                .with_label(label)
                .with_help("render the value itself, not text that looks like a template"),
            );
            return None;
        }
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
        if !field.role.may_hold_secret()
            && let Some(secret) = rendered.secrets().next()
        {
            let needle = format!("secrets.{secret}");
            let range = template.find(&needle).map(|s| s..s + needle.len());
            diagnostics.push(
                Diagnostic::error(
                    &SECRET_IN_PRINTED_FIELD,
                    format!(
                        "secret `secrets.{secret}` used in {}",
                        field.site.describe()
                    ),
                )
                .with_span(at(range))
                .with_label("would be printed")
                .with_help(
                    "pass secrets through `auth` or `common_headers`, which are stored encrypted",
                ),
            );
            return None;
        }
        Some(rendered)
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

fn sentinel(kind: char, name: &str) -> String {
    format!("{OPEN}{kind}:{name}{CLOSE}")
}

/// Splits rendered output into segments; `None` when a placeholder was mangled.
impl Renderer<'_> {
    /// The first target template opener in `rendered` as the printed targets print it, and
    /// whether it only forms across a segment boundary (text next to an input's example).
    /// Secrets, `meta_info` and inputs without an example are printed as the targets' own
    /// references; a separator stands for them, as they cannot join text into an opener.
    fn target_syntax(
        &self,
        rendered: &Rendered,
        action: Option<&str>,
    ) -> Option<(&'static str, bool)> {
        const SEPARATOR: &str = "\u{E002}";
        let mut printed = String::new();
        let mut within = None;
        for segment in &rendered.segments {
            match segment {
                Segment::Text(text) => {
                    within = within.or_else(|| TARGET_SYNTAX.iter().find(|o| text.contains(**o)));
                    printed.push_str(text);
                }
                Segment::Input(name) => printed.push_str(
                    self.scope
                        .printed_example(action, name)
                        .unwrap_or(SEPARATOR),
                ),
                Segment::Secret(_) | Segment::Meta(_) => printed.push_str(SEPARATOR),
            }
        }
        if let Some(opener) = within {
            return Some((opener, false));
        }
        TARGET_SYNTAX
            .iter()
            .find(|o| printed.contains(**o))
            .map(|opener| (*opener, true))
    }
}

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
