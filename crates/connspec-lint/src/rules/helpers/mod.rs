//! Helpers shared by several rules. A helper that only one rule uses lives in that rule's file.

pub(crate) mod namespaces;
pub(crate) mod scopes;
pub(crate) mod url;

/// The allowed name closest to `input`: the semantic layer's, so every suggestion agrees.
pub(crate) use connspec_semantic::did_you_mean;

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
