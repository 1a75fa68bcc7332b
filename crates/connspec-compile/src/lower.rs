//! Lowering rendered segments into each target's syntax: Moveworks mustache, shell words,
//! percent-encoding.

use std::fmt::Write as _;

use crate::render::{Rendered, Segment};

/// Where a field goes. The Configuration API documents `{{{variable}}}` for its `path`
/// (`ApiPath`); the Agent Studio form takes `{{variable}}` everywhere, the Endpoint URL
/// included, as every connector and plugin guide types it (`Other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    ApiPath,
    Other,
}

/// The placeholder printed for a secret in every printed target.
pub(crate) fn secret_placeholder(name: &str) -> String {
    format!("<secret {name}>")
}

/// Moveworks syntax: `{{status}}` (`{{{id}}}` in a Configuration API path),
/// `{{meta_info.user.email_addr}}`,
/// and a labelled placeholder for a secret.
pub(crate) fn studio(rendered: &Rendered, place: Place) -> String {
    rendered.lower(|segment| studio_segment(segment, place))
}

pub(crate) fn studio_segment(segment: &Segment, place: Place) -> String {
    match (segment, place) {
        (Segment::Text(text), _) => text.clone(),
        (Segment::Input(name), Place::ApiPath) => format!("{{{{{{{name}}}}}}}"),
        (Segment::Input(name), Place::Other) => format!("{{{{{name}}}}}"),
        (Segment::Meta(path), Place::ApiPath) => format!("{{{{{{meta_info.{path}}}}}}}"),
        (Segment::Meta(path), Place::Other) => format!("{{{{meta_info.{path}}}}}"),
        (Segment::Secret(name), _) => secret_placeholder(name),
    }
}

/// One part of a shell word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// Literal text, quoted as needed.
    Literal(String),
    /// A shell expansion written as is, e.g. `$ACCESS_TOKEN` or `$(cat 'key.pem')`.
    Expansion(String),
}

/// Joins parts into one shell word. Literal-only words are single-quoted unless they are
/// plainly safe; words with expansions use double quotes when the literal parts allow it.
pub(crate) fn shell_word(parts: &[Part]) -> String {
    let expansions = parts.iter().any(|p| matches!(p, Part::Expansion(_)));
    if !expansions {
        let text: String = parts
            .iter()
            .map(|p| match p {
                Part::Literal(t) | Part::Expansion(t) => t.as_str(),
            })
            .collect();
        return single_quote(&text);
    }
    let double_safe = parts.iter().all(|p| match p {
        Part::Literal(t) => !t.contains(['$', '`', '\\', '"', '!', '\n']),
        Part::Expansion(_) => true,
    });
    if double_safe {
        let mut out = String::from("\"");
        for part in parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Expansion(expansion) => out.push_str(&braced(expansion)),
            }
        }
        out.push('"');
        return out;
    }
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Literal(text) if !text.is_empty() => out.push_str(&force_single_quote(text)),
            Part::Literal(_) => {}
            Part::Expansion(expansion) => {
                out.push('"');
                out.push_str(&braced(expansion));
                out.push('"');
            }
        }
    }
    out
}

/// `$NAME` as `${NAME}`, so text right after it cannot extend the name.
fn braced(expansion: &str) -> String {
    match expansion.strip_prefix('$') {
        Some(name)
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            format!("${{{name}}}")
        }
        _ => expansion.to_owned(),
    }
}

/// A shell word for literal text: bare when it only holds safe characters, else quoted.
pub(crate) fn single_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:@%+=,".contains(&b));
    if safe {
        text.to_owned()
    } else {
        force_single_quote(text)
    }
}

fn force_single_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Percent-encodes everything but RFC 3986 unreserved characters (for query values and path
/// segments).
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Percent-encodes a path: literal text keeps `/`, everything else unreserved.
pub(crate) fn encode_path_text(text: &str) -> String {
    text.split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_quote_correctly() {
        assert_eq!(shell_word(&[Part::Literal("abc".into())]), "abc");
        assert_eq!(shell_word(&[Part::Literal("a b".into())]), "'a b'");
        assert_eq!(shell_word(&[Part::Literal("it's".into())]), r"'it'\''s'");
        assert_eq!(
            shell_word(&[
                Part::Literal("client_id=".into()),
                Part::Expansion("$ID".into())
            ]),
            "\"client_id=${ID}\""
        );
        assert_eq!(
            shell_word(&[Part::Literal("a$b=".into()), Part::Expansion("$ID".into())]),
            "'a$b='\"${ID}\""
        );
        assert_eq!(shell_word(&[Part::Literal(String::new())]), "''");
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode_path_text("/api/a b"), "/api/a%20b");
    }
}
