//! Leaf value types of the spec whose schema is written by hand: templates, scalars, statuses.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A string that may hold minijinja expressions such as `{{ instance.domain }}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Template(pub String);

impl Template {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text holds a template expression or statement at all.
    pub fn is_templated(&self) -> bool {
        self.0.contains("{{") || self.0.contains("{%")
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Template {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl JsonSchema for Template {
    fn schema_name() -> Cow<'static, str> {
        "Template".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Text that may use `{{ instance.NAME }}`, `{{ secrets.NAME }}`, `{{ inputs.NAME }}` and `{{ meta_info.user.ATTRIBUTE }}`."
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A scalar: string (a template), number or boolean. Used for query values and parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Scalar(pub serde_json::Value);

impl Scalar {
    /// The value as query-string text (`50`, `true`, or the string itself).
    pub fn to_text(&self) -> Cow<'_, str> {
        match &self.0 {
            serde_json::Value::String(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_string()),
        }
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Scalar".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// An expected HTTP status: an exact code (`200`) or a class (`2xx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value", into = "serde_json::Value")]
pub enum StatusMatcher {
    Code(u16),
    /// The hundreds digit: `2` for `2xx`.
    Class(u8),
}

impl StatusMatcher {
    pub fn matches(self, status: u16) -> bool {
        match self {
            StatusMatcher::Code(code) => code == status,
            StatusMatcher::Class(class) => status / 100 == u16::from(class),
        }
    }
}

impl fmt::Display for StatusMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusMatcher::Code(code) => write!(f, "{code}"),
            StatusMatcher::Class(class) => write!(f, "{class}xx"),
        }
    }
}

impl TryFrom<serde_json::Value> for StatusMatcher {
    type Error = String;

    fn try_from(value: serde_json::Value) -> Result<Self, Self::Error> {
        match &value {
            serde_json::Value::Number(n) => n
                .as_u64()
                .filter(|c| (100..=599).contains(c))
                .and_then(|c| u16::try_from(c).ok())
                .map(StatusMatcher::Code)
                .ok_or_else(|| format!("status {n} is not between 100 and 599")),
            serde_json::Value::String(s) => match s.as_bytes() {
                [d @ b'1'..=b'5', b'x' | b'X', b'x' | b'X'] => Ok(StatusMatcher::Class(d - b'0')),
                _ => Err(format!("status class `{s}` is not one of 1xx..5xx")),
            },
            _ => Err("status must be a code such as 200 or a class such as 2xx".to_owned()),
        }
    }
}

impl From<StatusMatcher> for serde_json::Value {
    fn from(value: StatusMatcher) -> Self {
        match value {
            StatusMatcher::Code(code) => code.into(),
            StatusMatcher::Class(_) => value.to_string().into(),
        }
    }
}

impl JsonSchema for StatusMatcher {
    fn schema_name() -> Cow<'static, str> {
        "StatusMatcher".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An HTTP status code (`200`) or class (`2xx`).",
            "anyOf": [
                { "type": "integer", "minimum": 100, "maximum": 599 },
                { "type": "string", "pattern": "^[1-5][xX][xX]$" }
            ],
            "examples": [200, "2xx"]
        })
    }
}
