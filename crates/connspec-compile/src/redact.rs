//! Secret values at run time: [`Tainted`] text that knows which parts are secret, and the
//! [`Redactor`] that scrubs known secret values from any text before it is printed.
//!
//! The runtime view of a connector carries real secret values; every string built from a
//! template with a secret in it is a [`Tainted`], whose `Display` and `Debug` show
//! `<redacted NAME>` in place of each secret. Text that did not come from a template (an HTTP
//! response echoing a token, an error message quoting a header) goes through
//! [`Redactor::scrub`], which replaces every known secret value wherever it appears.

use std::borrow::Cow;
use std::fmt;

/// Text in which some parts are secret values.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Tainted {
    parts: Vec<TaintedPart>,
}

#[derive(Clone, PartialEq, Eq)]
enum TaintedPart {
    Plain(String),
    Secret { name: String, value: String },
}

impl Tainted {
    /// Plain text: nothing secret in it.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            parts: vec![TaintedPart::Plain(text.into())],
        }
    }

    pub(crate) fn push_plain(&mut self, text: &str) {
        if let Some(TaintedPart::Plain(last)) = self.parts.last_mut() {
            last.push_str(text);
        } else {
            self.parts.push(TaintedPart::Plain(text.to_owned()));
        }
    }

    pub(crate) fn push_secret(&mut self, name: &str, value: &str) {
        self.parts.push(TaintedPart::Secret {
            name: name.to_owned(),
            value: value.to_owned(),
        });
    }

    /// Appends `other`; with `trim_slash`, a `/` that `other` ends with is dropped (a base URL
    /// before a path).
    pub(crate) fn append(&mut self, other: &Tainted, trim_slash: bool) {
        for part in &other.parts {
            match part {
                TaintedPart::Plain(text) => self.push_plain(text),
                TaintedPart::Secret { name, value } => self.push_secret(name, value),
            }
        }
        if trim_slash
            && let Some(TaintedPart::Plain(last)) = self.parts.last_mut()
            && last.ends_with('/')
        {
            last.pop();
        }
    }

    /// Whether any part is secret.
    pub fn is_tainted(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, TaintedPart::Secret { .. }))
    }

    /// The real text, secrets included: for the HTTP client only, never for printing.
    pub fn expose(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                TaintedPart::Plain(text) => text.as_str(),
                TaintedPart::Secret { value, .. } => value.as_str(),
            })
            .collect()
    }

    /// The text with each secret shown as `<redacted NAME>`.
    pub fn redacted(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Tainted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                TaintedPart::Plain(text) => f.write_str(text)?,
                TaintedPart::Secret { name, .. } => write!(f, "<redacted {name}>")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Tainted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tainted({:?})", self.to_string())
    }
}

/// Known secret values, and the scrubbing of them from any text.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    /// (name, value), longest value first so a secret containing another is replaced whole.
    secrets: Vec<(String, String)>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.secrets.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Redactor").field("secrets", &names).finish()
    }
}

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a secret. Empty values are ignored: they cannot be found in text.
    pub fn add(&mut self, name: &str, value: &str) {
        if value.is_empty() || self.secrets.iter().any(|(n, v)| n == name && v == value) {
            return;
        }
        self.secrets.push((name.to_owned(), value.to_owned()));
        self.secrets
            .sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    }

    /// A redactor for every value of `secrets` (name → value).
    pub fn from_values<'a>(secrets: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut redactor = Self::new();
        for (name, value) in secrets {
            redactor.add(name, value);
        }
        redactor
    }

    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// `text` with every known secret value replaced by `<redacted NAME>`.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for (name, value) in &self.secrets {
            if out.contains(value.as_str()) {
                out = Cow::Owned(out.replace(value.as_str(), &format!("<redacted {name}>")));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tainted_text_never_displays_its_secret() {
        let mut text = Tainted::plain("Bearer ");
        text.push_secret("TOKEN", "s3cr3t");
        assert_eq!(text.expose(), "Bearer s3cr3t");
        assert_eq!(text.to_string(), "Bearer <redacted TOKEN>");
        assert!(!format!("{text:?}").contains("s3cr3t"));
        assert!(text.is_tainted());
    }

    #[test]
    fn scrub_replaces_every_occurrence_longest_first() {
        let redactor = Redactor::from_values([("SHORT", "abc"), ("LONG", "abcdef"), ("EMPTY", "")]);
        assert_eq!(
            redactor.scrub("x abcdef y abc z"),
            "x <redacted LONG> y <redacted SHORT> z"
        );
        assert!(matches!(redactor.scrub("nothing"), Cow::Borrowed(_)));
        assert!(!format!("{redactor:?}").contains("abc"));
    }
}
