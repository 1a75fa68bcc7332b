//! Helpers shared by several rules. A helper that only one rule uses lives in that rule's file.

pub(crate) mod namespaces;
pub(crate) mod scopes;
pub(crate) mod url;

/// The allowed name closest to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&input_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Whether a header carries a credential, so a secret in it is expected.
pub(crate) fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie"
    ) || name.contains("key")
        || name.contains("token")
        || name.contains("secret")
        || name.contains("auth")
        || name.contains("signature")
}

/// JSON Pointer of an action, or of a key inside it.
pub(crate) fn action_pointer(action: &str, rest: &[&str]) -> String {
    let mut pointer = connspec_model::yaml::push_pointer("/actions", action);
    for token in rest {
        pointer = connspec_model::yaml::push_pointer(&pointer, token);
    }
    pointer
}

/// Whether `name` is an identifier (a letter, then letters, digits and `_`) of `min_len` to
/// `max_len` bytes.
pub(crate) fn is_identifier(name: &str, max_len: usize, min_len: usize) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (min_len..=max_len).contains(&name.len())
}
