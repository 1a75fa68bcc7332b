//! Placeholder text that guides write where a reader fills in a value: `<YOUR_INSTANCE>`,
//! `{id}`, `${HOST}`, `$API_KEY`, `YOUR_TENANT`, and Postman's `{{x}}`.
//!
//! One scanner for two users that must agree: `connspec import curl` turns each placeholder
//! into an instance parameter or an input, and M008 (`placeholder-in-url`) reports the ones a
//! spec's URLs still hold literally. So whatever the importer converts, M008 would have
//! reported, and an imported spec comes out clean.
//!
//! Only unambiguous forms count: `$name` in lower case is a query option of `OData`
//! (`$filter`), `{a, b}` is not an identifier, `<…>` in text that holds XML (`</x>`) is markup,
//! and `:id` is left alone (Google's `/v1/{name}:batchGet` shows why).

/// How a placeholder is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceholderKind {
    /// `{{x}}` or `{{{x}}}` with a plain name: Postman's and Mustache's, and connspec's
    /// `{{ inputs.x }}` (a template, not placeholder text).
    Template,
    /// `<YOUR_INSTANCE>`, `<<DOMAIN NAME (like api.example.com)>>`.
    Angle,
    /// `{id}`, as `OpenAPI` paths write it.
    Brace,
    /// `${HOST}`, or `$HOST` in upper case.
    Dollar,
    /// `YOUR_TENANT` or `MY_KEY`: an upper-case word that says it is to be replaced.
    Word,
}

/// One placeholder in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// Byte range in the text, delimiters included.
    pub start: usize,
    pub end: usize,
    pub kind: PlaceholderKind,
    /// What is between the delimiters, trimmed (the whole word for [`PlaceholderKind::Word`]).
    pub inner: &'a str,
}

impl Placeholder<'_> {
    /// A `snake_case` name for the value: `<YOUR_INSTANCE>` is `instance`, `{userId}` is
    /// `user_id`, `<DOMAIN NAME (like x.com)>` is `domain_name`.
    pub fn suggested_name(&self) -> String {
        let mut plain = String::new();
        let mut depth = 0usize;
        for c in self.inner.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let name = snake_case(&plain);
        for prefix in ["your_", "my_"] {
            if let Some(rest) = name.strip_prefix(prefix)
                && rest.starts_with(|c: char| c.is_ascii_alphabetic())
            {
                return rest.to_owned();
            }
        }
        name
    }
}

/// A name as a `snake_case` identifier that starts with a letter: `approvalId` → `approval_id`,
/// `INSTANCE_DOMAIN` → `instance_domain`, `org-domain` → `org_domain`, `2fa` → `input_2fa`.
pub fn snake_case(raw: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in raw.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    let mut name = out.trim_matches('_').to_owned();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name = format!("input_{name}");
    }
    name.truncate(64);
    name.trim_end_matches('_').to_owned()
}

/// The longest placeholder name looked at; longer text between delimiters is not one.
const MAX_INNER: usize = 100;

/// Every placeholder in `text`, in order, not overlapping. Template blocks that are not a
/// plain name (`{{ x | upper }}`, `{% if %}`, `{# … #}`) are skipped whole: nothing inside
/// them is placeholder text.
pub fn find(text: &str) -> Vec<Placeholder<'_>> {
    let bytes = text.as_bytes();
    // `</x>` or `<x/>`: the text is markup, whose tags are not placeholders.
    let markup = text.contains("</") || text.contains("/>");
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let placeholder = match bytes[i] {
            b'{' => {
                if let Some((end, inner, is_name)) = template_block(rest) {
                    if is_name {
                        found.push(Placeholder {
                            start: i,
                            end: i + end,
                            kind: PlaceholderKind::Template,
                            inner,
                        });
                    }
                    i += end;
                    continue;
                }
                brace(rest)
            }
            b'<' if !markup => angle(rest),
            b'$' => dollar(rest),
            b'Y' | b'M' if i == 0 || !is_word_byte(bytes[i - 1]) => word(rest),
            _ => None,
        };
        match placeholder {
            Some((length, kind, inner)) => {
                found.push(Placeholder {
                    start: i,
                    end: i + length,
                    kind,
                    inner,
                });
                i += length;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_plain_name(inner: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= MAX_INNER
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
}

/// A template block at the start of `rest`: its length, its trimmed inner text and whether
/// that is a plain name. `None` when `rest` opens no complete block.
fn template_block(rest: &str) -> Option<(usize, &str, bool)> {
    let (open, close) = if rest.starts_with("{{{") {
        (3, "}}}")
    } else if rest.starts_with("{{") {
        (2, "}}")
    } else if rest.starts_with("{%") {
        (2, "%}")
    } else if rest.starts_with("{#") {
        (2, "#}")
    } else {
        return None;
    };
    let length = rest[open..].find(close)?;
    let inner = rest[open..open + length].trim();
    let is_name = close.starts_with('}') && is_plain_name(inner);
    Some((open + length + close.len(), inner, is_name))
}

type Found<'a> = (usize, PlaceholderKind, &'a str);

/// `{id}`: one identifier between single braces.
fn brace(rest: &str) -> Option<Found<'_>> {
    let close = rest[1..].find('}')? + 1;
    let inner = &rest[1..close];
    let identifier =
        inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && is_plain_name(inner);
    (identifier && !rest[close + 1..].starts_with('}')).then_some((
        close + 1,
        PlaceholderKind::Brace,
        inner,
    ))
}

/// `<NAME>` or `<<NAME>>`: a name that may hold spaces and a parenthesised description.
fn angle(rest: &str) -> Option<Found<'_>> {
    let (open, close) = if rest.starts_with("<<") {
        (2, ">>")
    } else {
        (1, ">")
    };
    let length = rest[open..].find(close)?;
    let inner = &rest[open..open + length];
    let valid = inner.len() <= MAX_INNER
        && inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !inner.ends_with(' ')
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-.*(),".contains(c));
    valid.then_some((open + length + close.len(), PlaceholderKind::Angle, inner))
}

/// `${NAME}`, or `$NAME` in upper case (`$filter` is a query option of `OData`, not a placeholder).
fn dollar(rest: &str) -> Option<Found<'_>> {
    if let Some(braced) = rest.strip_prefix("${") {
        let close = braced.find('}')?;
        let inner = &braced[..close];
        let identifier = inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && inner.len() <= MAX_INNER
            && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        return identifier.then_some((close + 3, PlaceholderKind::Dollar, inner));
    }
    let name_length = rest[1..].bytes().take_while(|b| is_word_byte(*b)).count();
    let name = &rest[1..=name_length];
    let upper = name.len() >= 2
        && name.len() <= MAX_INNER
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    upper.then_some((name_length + 1, PlaceholderKind::Dollar, name))
}

/// `YOUR_TENANT`, `MY_API_KEY`: a whole upper-case word that says it is to be replaced.
fn word(rest: &str) -> Option<Found<'_>> {
    let length = rest.bytes().take_while(|b| is_word_byte(*b)).count();
    let candidate = &rest[..length];
    let tail = candidate
        .strip_prefix("YOUR_")
        .or_else(|| candidate.strip_prefix("MY_"))?;
    let valid = !tail.is_empty()
        && length <= MAX_INNER
        && !tail.ends_with('_')
        && tail
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    valid.then_some((length, PlaceholderKind::Word, candidate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, PlaceholderKind)> {
        find(text)
            .into_iter()
            .map(|p| (&text[p.start..p.end], p.kind))
            .collect()
    }

    #[test]
    fn every_form_guides_write() {
        use PlaceholderKind::*;
        assert_eq!(
            kinds("https://<YOUR_INSTANCE>/api/{id}/x/${HOST}/$TOKEN/YOUR_TENANT/{{userId}}"),
            [
                ("<YOUR_INSTANCE>", Angle),
                ("{id}", Brace),
                ("${HOST}", Dollar),
                ("$TOKEN", Dollar),
                ("YOUR_TENANT", Word),
                ("{{userId}}", Template),
            ]
        );
        assert_eq!(
            kinds("https://<<DOMAIN NAME (like demo.docusign.net)>>/a/{{{raw}}}"),
            [
                ("<<DOMAIN NAME (like demo.docusign.net)>>", Angle),
                ("{{{raw}}}", Template)
            ]
        );
    }

    #[test]
    fn what_is_not_a_placeholder() {
        for text in [
            "/odata/v2/User?$filter=x&$select=y/$value",
            "cmd=<show><system><info></info></system></show>",
            "{\"a\": 1}",
            "{a, b}",
            "{{ inputs.x | upper }}",
            "{% if x %}{# {id} #}{% endif %}",
            "a <= b",
            "https://api.example.com/v1/{{ inputs.id }}x",
            "YOUR_ MY_lower XYOUR_A",
            "https://h/v1/users/:id",
        ] {
            let found: Vec<_> = find(text)
                .into_iter()
                .filter(|p| p.kind != PlaceholderKind::Template)
                .collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        // Template blocks hide what is inside them.
        assert!(
            find("{% if x %}{id}{% endif %}")
                .iter()
                .all(|p| p.inner != "x")
        );
        assert_eq!(kinds("{% raw %}<X>{% endraw %}").len(), 1);
    }

    #[test]
    fn names_follow_the_specs_conventions() {
        let names: Vec<String> = find(
            "<YOUR_INSTANCE> {userId} ${API_HOST} <<DOMAIN NAME (like x.com)>> {{INSTANCE_DOMAIN}} \
             <your *user_name*> MY_KEY <2fa_code>",
        )
        .iter()
        .map(Placeholder::suggested_name)
        .collect();
        assert_eq!(
            names,
            [
                "instance",
                "user_id",
                "api_host",
                "domain_name",
                "instance_domain",
                "user_name",
                "key",
            ]
        );
    }
}
