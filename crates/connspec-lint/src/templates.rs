//! Template strings of a spec: where they are, what they reference, and whether they parse.
//!
//! Every string leaf that connspec renders is parsed with minijinja at lint time. The variables
//! it references are located inside the YAML string, so a diagnostic can point at
//! `domian` in `https://{{ instance.domian }}` rather than at the whole value.

use connspec_diagnostics::{SourceFile, Span};
use connspec_model::yaml::{SpanTable, push_pointer};
use serde_json::Value;

/// Where a template string sits in a spec, which decides what it may reference and whether
/// its value is printed or secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    BaseUrl,
    /// A URL field of `auth` (`token_url`, `authorization_url`, `revoke_url`, `idp_url`, …).
    AuthUrl(String),
    /// A field of `auth` that holds a secret (`client_secret`, `password`, `key`, …).
    AuthSecret(String),
    /// A value of `auth.authorization_query`.
    AuthorizationQuery(String),
    /// Any other field of `auth`.
    AuthOther(String),
    CommonHeader(String),
    ClientCertificate(String),
    ActionPath {
        action: String,
    },
    ActionHeader {
        action: String,
        name: String,
    },
    ActionQuery {
        action: String,
        name: String,
    },
    ActionBody {
        action: String,
    },
}

impl Site {
    /// The action this string belongs to, if any; `inputs.*` is only defined there.
    pub fn action(&self) -> Option<&str> {
        match self {
            Site::ActionPath { action }
            | Site::ActionHeader { action, .. }
            | Site::ActionQuery { action, .. }
            | Site::ActionBody { action } => Some(action),
            _ => None,
        }
    }
}

/// Fields of `auth` (and `client_certificate`) whose value is a secret.
pub const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "key",
    "token",
    "private_key",
    "refresh_token",
];

const URL_FIELDS: &[&str] = &[
    "token_url",
    "authorization_url",
    "revoke_url",
    "idp_url",
    "target_recipient_url",
];

/// One `{{ … }}`, `{% … %}` block of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the whole block in the template text, delimiters included.
    pub start: usize,
    pub end: usize,
    /// The text between the delimiters, untrimmed.
    pub inner: String,
    pub is_statement: bool,
}

impl Block {
    /// Whether the block is a plain `{{ a.b.c }}` substitution, which every target can express.
    pub fn is_plain_variable(&self) -> bool {
        !self.is_statement && is_dotted_name(self.inner.trim())
    }
}

/// A variable a template references, e.g. `instance.domain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableRef {
    /// The dotted path as written, e.g. `inputs.status`.
    pub path: String,
    /// Byte offset of the path in the template text.
    pub offset: usize,
}

impl VariableRef {
    /// The first segment: `instance`, `secrets`, `inputs`, `meta_info`, or anything else.
    pub fn namespace(&self) -> &str {
        self.path.split('.').next().unwrap_or("")
    }

    /// The second segment (the declared name), if any.
    pub fn name(&self) -> Option<&str> {
        self.path.split('.').nth(1)
    }
}

/// A syntax error inside a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub message: String,
    /// Byte range in the template text, when minijinja knows it.
    pub range: Option<(usize, usize)>,
}

/// A template string of the spec with its analysis.
#[derive(Debug, Clone)]
pub struct TemplateString {
    pub pointer: String,
    pub text: String,
    /// Span of the YAML value.
    pub span: Span,
    pub site: Site,
    pub blocks: Vec<Block>,
    pub variables: Vec<VariableRef>,
    pub error: Option<TemplateError>,
}

impl TemplateString {
    pub fn is_templated(&self) -> bool {
        !self.blocks.is_empty() || self.error.is_some()
    }

    /// Variables in `namespace`.
    pub fn variables_in<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a VariableRef> {
        self.variables
            .iter()
            .filter(move |v| v.namespace() == namespace)
    }
}

/// Collects and analyses every template string of a spec document.
pub fn collect(value: &Value, spans: &SpanTable) -> Vec<TemplateString> {
    let environment = environment();
    let mut out = Vec::new();
    let mut stack: Vec<(String, &Value)> = Vec::new();
    if let Value::Object(root) = value {
        for key in [
            "base_url",
            "auth",
            "common_headers",
            "client_certificate",
            "actions",
        ] {
            if let Some(child) = root.get(key) {
                stack.push((push_pointer("", key), child));
            }
        }
    }
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::String(text) => {
                if let Some(site) = classify(&pointer) {
                    let span = spans
                        .value(&pointer)
                        .unwrap_or_else(|| spans.nearest(&pointer));
                    out.push(analyse(environment, pointer, text, span, site));
                }
            }
            Value::Object(map) => {
                // An action's templates are in these four; its description, inputs and
                // expectations hold none, so they are not walked at all.
                let is_action = pointer
                    .strip_prefix("/actions/")
                    .is_some_and(|rest| !rest.contains('/'));
                for (key, child) in map {
                    if is_action && !ACTION_TEMPLATE_KEYS.contains(&key.as_str()) {
                        continue;
                    }
                    stack.push((push_pointer(&pointer, key), child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    stack.push((push_pointer(&pointer, &index.to_string()), child));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// One parser environment for every file: creating one registers all built-in filters.
fn environment() -> &'static minijinja::Environment<'static> {
    static ENVIRONMENT: std::sync::OnceLock<minijinja::Environment<'static>> =
        std::sync::OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut environment = minijinja::Environment::new();
        environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        environment.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        environment
    })
}

/// The keys of an action that can hold templates (see [`classify`]).
const ACTION_TEMPLATE_KEYS: [&str; 4] = ["path", "headers", "query", "body"];

/// Decodes a JSON Pointer into its reference tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|t| unescape_token(t).into_owned())
        .collect()
}

/// One reference token with `~1` and `~0` decoded; borrowed when it has neither, as nearly
/// every key does.
fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Which template site a pointer is, or `None` for strings that are not templates (scopes,
/// descriptions, enumerations, input declarations, expectations).
fn classify(pointer: &str) -> Option<Site> {
    let tokens: Vec<std::borrow::Cow<'_, str>> =
        pointer.split('/').skip(1).map(unescape_token).collect();
    let tokens: Vec<&str> = tokens.iter().map(AsRef::as_ref).collect();
    match tokens.as_slice() {
        ["base_url"] => Some(Site::BaseUrl),
        ["auth", "type" | "grant_type" | "scopes", ..] => None,
        ["auth", "authorization_query", name] => Some(Site::AuthorizationQuery((*name).to_owned())),
        ["auth", field] if URL_FIELDS.contains(field) => Some(Site::AuthUrl((*field).to_owned())),
        ["auth", field] if SECRET_FIELDS.contains(field) => {
            Some(Site::AuthSecret((*field).to_owned()))
        }
        ["auth", rest @ ..] => Some(Site::AuthOther(rest.join("."))),
        ["common_headers", name] => Some(Site::CommonHeader((*name).to_owned())),
        ["client_certificate", field] => Some(Site::ClientCertificate((*field).to_owned())),
        ["actions", action, "path"] => Some(Site::ActionPath {
            action: (*action).to_owned(),
        }),
        ["actions", action, "headers", name] => Some(Site::ActionHeader {
            action: (*action).to_owned(),
            name: (*name).to_owned(),
        }),
        ["actions", action, "query", name] => Some(Site::ActionQuery {
            action: (*action).to_owned(),
            name: (*name).to_owned(),
        }),
        ["actions", action, "body", ..] => Some(Site::ActionBody {
            action: (*action).to_owned(),
        }),
        _ => None,
    }
}

fn analyse(
    environment: &minijinja::Environment<'static>,
    pointer: String,
    text: &str,
    span: Span,
    site: Site,
) -> TemplateString {
    let blocks = blocks(text);
    let mut template = TemplateString {
        pointer,
        text: text.to_owned(),
        span,
        site,
        blocks,
        variables: Vec::new(),
        error: None,
    };
    if template.blocks.is_empty() && !text.contains("{{") && !text.contains("{%") {
        return template;
    }
    // The common case, plain `{{ a.b }}` substitutions only, needs no parser: every `{{` opens
    // a block that holds just a dotted name.
    let plain = template.blocks.iter().all(Block::is_plain_variable)
        && text.matches("{{").count() == template.blocks.len()
        && !text.contains("{%")
        && !text.contains("{#");
    if plain {
        for block in &template.blocks {
            let name = block.inner.trim();
            let leading = block.inner.len() - block.inner.trim_start().len();
            let offset = block.start + 2 + leading;
            template.variables.push(VariableRef {
                path: name.to_owned(),
                offset,
            });
        }
        return template;
    }
    match environment.template_from_str(text) {
        Ok(parsed) => {
            let mut names: Vec<String> = parsed.undeclared_variables(true).into_iter().collect();
            names.sort();
            for name in names {
                for offset in find_references(&template.blocks, text, &name) {
                    template.variables.push(VariableRef {
                        path: name.clone(),
                        offset,
                    });
                }
            }
            template.variables.sort_by_key(|v| v.offset);
        }
        Err(error) => {
            template.error = Some(TemplateError {
                message: error
                    .detail()
                    .map_or_else(|| error.kind().to_string(), str::to_owned),
                range: error.range().map(|r| (r.start, r.end)),
            });
        }
    }
    template
}

/// Finds the `{{ }}` and `{% %}` blocks of a template (comments `{# #}` are skipped).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find('{') {
        let start = rest + found;
        let opener = text.get(start..start + 2).unwrap_or("");
        let closer = match opener {
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            _ => {
                rest = start + 1;
                continue;
            }
        };
        // Moveworks' triple braces `{{{x}}}` close with `}}}`; take the outermost.
        let Some(close) = text[start + 2..].find(closer) else {
            break;
        };
        let mut end = start + 2 + close + 2;
        if text[start..].starts_with("{{{") && text[end..].starts_with('}') {
            end += 1;
        }
        if opener != "{#" {
            out.push(Block {
                start,
                end,
                inner: text[start + 2..start + 2 + close].to_owned(),
                is_statement: opener == "{%",
            });
        }
        rest = end;
    }
    out
}

/// Offsets of `name` used as a whole dotted path inside the blocks.
fn find_references(blocks: &[Block], text: &str, name: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    for block in blocks {
        let region = &text[block.start..block.end];
        let mut from = 0;
        while let Some(found) = region[from..].find(name) {
            let at = from + found;
            let before = region[..at].chars().next_back();
            let after = region[at + name.len()..].chars().next();
            let boundary_before =
                before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            let boundary_after = after.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if boundary_before && boundary_after {
                offsets.push(block.start + at);
            }
            from = at + name.len();
        }
    }
    offsets
}

fn is_dotted_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Maps a byte range inside a template's text to a span in the file.
///
/// Plain and single-line quoted scalars hold the text verbatim, so the range is found by
/// locating the text in the value's source; otherwise the referenced snippet is searched for,
/// and failing that the whole value is returned.
pub fn sub_span(file: &SourceFile, template: &TemplateString, start: usize, end: usize) -> Span {
    let source = file
        .text()
        .get(template.span.start..template.span.end)
        .unwrap_or("");
    if let Some(at) = source.find(template.text.as_str()) {
        // minijinja may point into the middle of a multi-byte character.
        return file.clamp_span(Span::new(
            template.span.start + at + start,
            template.span.start + at + end,
        ));
    }
    if let Some(snippet) = template.text.get(start..end)
        && !snippet.is_empty()
        && let Some(at) = source.find(snippet)
    {
        return Span::new(
            template.span.start + at,
            template.span.start + at + snippet.len(),
        );
    }
    template.span
}
