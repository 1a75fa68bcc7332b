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

/// Secrets shorter than this are not scrubbed from free text at all: a one- or three-character
/// value occurs inside ordinary words and flags (`--max-attempts`), so replacing it would
/// mangle the text and still not hide it. [`Redactor::too_short`] names them for a warning.
pub const MIN_REDACTED_LEN: usize = 4;
/// Secrets shorter than this are scrubbed only where they stand alone (not inside a longer run
/// of letters and digits); longer ones wherever they occur.
pub const MIN_SUBSTRING_LEN: usize = 8;

/// Known secret values, and the scrubbing of them from any text.
///
/// Each secret is searched for in every form a request, a response or a report may carry it:
/// as it is, percent-encoded (`%2B`, with upper- and lower-case hex; spaces as `%20` or `+`),
/// form-encoded, JSON-escaped, and base64 (the value alone, standard and URL-safe alphabets,
/// with and without padding). [`Redactor::add_basic`] adds the base64 of a whole
/// `user:password` pair as HTTP Basic sends it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    /// (name, form), longest form first so a secret containing another is replaced whole.
    forms: Vec<Form>,
    /// Names of secrets too short to scrub safely.
    short: Vec<String>,
}

#[derive(Clone, PartialEq, Eq)]
struct Form {
    name: String,
    text: String,
    /// Replace only where the occurrence is not part of a longer alphanumeric run.
    whole_only: bool,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.forms.iter().map(|form| form.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        f.debug_struct("Redactor")
            .field("secrets", &names)
            .field("short", &self.short)
            .finish()
    }
}

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a secret in every encoding. Empty values are ignored: they cannot be found in text;
    /// values shorter than [`MIN_REDACTED_LEN`] are recorded in [`Redactor::too_short`].
    pub fn add(&mut self, name: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        if value.chars().count() < MIN_REDACTED_LEN {
            if !self.short.iter().any(|n| n == name) {
                self.short.push(name.to_owned());
            }
            return;
        }
        let whole_only = value.chars().count() < MIN_SUBSTRING_LEN;
        for text in encodings(value) {
            self.push(name, text, whole_only);
        }
    }

    /// Adds the HTTP Basic credentials `user:password` under `name`: the base64 of the pair as
    /// sent, and of the pair with each part form-encoded first (RFC 6749 §2.3.1 for OAuth
    /// clients).
    pub fn add_basic(&mut self, name: &str, user: &str, password: &str) {
        for pair in [
            format!("{user}:{password}"),
            format!("{}:{}", form_encode(user), form_encode(password)),
        ] {
            if pair.len() > 1 {
                for text in base64_forms(&pair) {
                    self.push(name, text, false);
                }
            }
        }
    }

    fn push(&mut self, name: &str, text: String, whole_only: bool) {
        // A text already known keeps its first name (a secret's own, not that of a form derived
        // from it later, such as the runtime's `CLIENT_SECRET_FORM`), unless the new form
        // replaces more occurrences.
        if text.is_empty()
            || self
                .forms
                .iter()
                .any(|f| f.text == text && (!f.whole_only || whole_only))
        {
            return;
        }
        self.forms.push(Form {
            name: name.to_owned(),
            text,
            whole_only,
        });
        self.forms.sort_by(|a, b| {
            b.text
                .len()
                .cmp(&a.text.len())
                .then_with(|| a.name.cmp(&b.name))
        });
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
        self.forms.is_empty()
    }

    /// Names of secrets too short to scrub from free text without mangling it: warn about
    /// them (their templated uses are still shown as `<redacted NAME>`).
    pub fn too_short(&self) -> &[String] {
        &self.short
    }

    /// `text` with every known secret, in every encoding, replaced by `<redacted NAME>`.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for form in &self.forms {
            if !out.contains(form.text.as_str()) {
                continue;
            }
            let replacement = format!("<redacted {}>", form.name);
            let replaced = if form.whole_only {
                replace_whole(&out, &form.text, &replacement)
            } else {
                Some(out.replace(form.text.as_str(), &replacement))
            };
            if let Some(replaced) = replaced {
                out = Cow::Owned(replaced);
            }
        }
        out
    }
}

/// `text` with the occurrences of `needle` that stand alone replaced, or `None` when none
/// does. An occurrence stands alone when the characters around it are not letters or digits
/// (or when the needle itself begins or ends with one that is not).
fn replace_whole(text: &str, needle: &str, replacement: &str) -> Option<String> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = is_word(needle.chars().next());
    let ends_word = is_word(needle.chars().last());
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    for (at, _) in text.match_indices(needle) {
        if at < last {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        if (starts_word && is_word(before)) || (ends_word && is_word(after)) {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(replacement);
        last = at + needle.len();
        changed = true;
    }
    changed.then(|| {
        out.push_str(&text[last..]);
        out
    })
}

/// Every form `value` may take in a request, a response or a report.
fn encodings(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_owned()];
    let percent = crate::lower::percent_encode(value);
    forms.push(percent.clone());
    forms.push(percent.to_ascii_lowercase_hex());
    forms.push(form_encode(value));
    forms.push(form_encode(value).to_ascii_lowercase_hex());
    if let Ok(json) = serde_json::to_string(value) {
        let inner = json[1..json.len() - 1].to_owned();
        forms.push(inner.replace('/', "\\/"));
        forms.push(inner);
    }
    forms.extend(base64_forms(value));
    forms.sort();
    forms.dedup();
    forms
}

/// The base64 forms of `value`: standard and URL-safe alphabets, padded and not.
fn base64_forms(value: &str) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .map(|engine| engine.encode(value))
        .collect()
}

/// `application/x-www-form-urlencoded` encoding of one value, as the runtime sends form
/// fields and OAuth client credentials in a Basic header (RFC 6749 §2.3.1): letters, digits and
/// `*-._` stay, a space is `+`, everything else `%XX`. The runtime calls this one function, so
/// what it sends and what redaction searches for cannot differ.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                use fmt::Write as _;
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The same percent-encoded text with lower-case hex digits (`%2b`), which some servers echo.
trait LowerHex {
    fn to_ascii_lowercase_hex(&self) -> String;
}

impl LowerHex for String {
    fn to_ascii_lowercase_hex(&self) -> String {
        let mut out = String::with_capacity(self.len());
        let mut chars = self.chars();
        while let Some(c) = chars.next() {
            out.push(c);
            if c == '%' {
                for _ in 0..2 {
                    if let Some(hex) = chars.next() {
                        out.push(hex.to_ascii_lowercase());
                    }
                }
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
        let redactor = Redactor::from_values([
            ("SHORT", "abcd1234"),
            ("LONG", "abcd1234efgh"),
            ("EMPTY", ""),
        ]);
        assert_eq!(
            redactor.scrub("x abcd1234efgh y abcd1234 z"),
            "x <redacted LONG> y <redacted SHORT> z"
        );
        assert!(matches!(redactor.scrub("nothing"), Cow::Borrowed(_)));
        assert!(!format!("{redactor:?}").contains("abcd"));
    }

    #[test]
    fn every_encoding_of_a_secret_is_scrubbed() {
        use base64::Engine as _;
        let secret = "CANARY+/=&%:@ x";
        let redactor = Redactor::from_values([("S", secret)]);
        let json = serde_json::to_string(secret).expect("json");
        for form in [
            secret.to_owned(),
            "CANARY%2B%2F%3D%26%25%3A%40%20x".to_owned(),
            "CANARY%2b%2f%3d%26%25%3a%40%20x".to_owned(),
            "CANARY%2B%2F%3D%26%25%3A%40+x".to_owned(),
            json[1..json.len() - 1].to_owned(),
            base64::engine::general_purpose::STANDARD.encode(secret),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret),
        ] {
            let text = format!("echo: password={form}&next=1");
            let scrubbed = redactor.scrub(&text);
            assert_eq!(scrubbed, "echo: password=<redacted S>&next=1", "{form}");
        }
    }

    #[test]
    fn basic_pairs_are_scrubbed_as_a_whole() {
        use base64::Engine as _;
        let mut redactor = Redactor::new();
        redactor.add_basic("BASIC", "id:+x", "s3 cr/et");
        let sent = base64::engine::general_purpose::STANDARD.encode("id%3A%2Bx:s3+cr%2Fet");
        assert_eq!(
            redactor.scrub(&format!("Authorization: Basic {sent}")),
            "Authorization: Basic <redacted BASIC>"
        );
    }

    #[test]
    fn short_secrets_never_mangle_other_text() {
        let redactor = Redactor::from_values([("ONE", "m"), ("SIX", "abc123")]);
        assert_eq!(redactor.too_short(), ["ONE".to_owned()]);
        assert_eq!(
            redactor.scrub("raise it with `--max-attempts`"),
            "raise it with `--max-attempts`"
        );
        assert_eq!(redactor.scrub("xabc123y"), "xabc123y");
        assert_eq!(
            redactor.scrub("key=abc123&k2=abc123"),
            "key=<redacted SIX>&k2=<redacted SIX>"
        );
    }
}
