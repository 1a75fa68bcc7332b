//! M007 `invalid-action-name`: an action name Agent Studio cannot take or compound actions cannot call.

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action name Agent Studio cannot take or compound actions cannot call: it must
    /// start with a letter and hold only letters, digits, `_` and single spaces between words
    /// (Agent Studio's guides name actions "Get Primary Calendar"), at most 64 characters.
    ///
    /// A space is allowed but matters: compound actions call the action by its exact name,
    /// spaces and case included (`action_name: Get Primary Calendar`), and a leading, trailing
    /// or doubled space is invisible in the editor yet makes the name different.
    ///
    /// ## Why is this bad?
    /// Compound actions refer to HTTP actions by `action_name`; a name with dashes, dots or
    /// stray spaces cannot be referenced reliably.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list-items: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    ///   List Items Again: { method: GET, path: /items }
    /// ```
    pub(crate) struct InvalidActionName {
        code: "M007",
        name: "invalid-action-name",
        family: Target,
        severity: Error,
        summary: "an action name is not a valid action name",
    }
}

/// Letters, digits and `_`, words separated by single spaces, starting with a letter.
fn is_action_name(name: &str) -> bool {
    name.split(' ')
        .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && (1..=64).contains(&name.len())
}

impl Check for InvalidActionName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for name in ctx.spec.actions.keys() {
            if is_action_name(name) {
                continue;
            }
            let words: Vec<String> = name
                .split(|c: char| c.is_whitespace())
                .filter(|word| !word.is_empty())
                .map(|word| {
                    word.chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect()
                })
                .collect();
            let suggestion = words.join(" ");
            let mut diagnostic = self
                .diagnostic(format!("action name `{name}` is not a valid action name"))
                .with_span(ctx.key_span(&action_pointer(name, &[])))
                .with_label("letters, digits, `_` and single spaces, starting with a letter");
            if is_action_name(&suggestion) {
                diagnostic = diagnostic.with_help(format!("use `{suggestion}`"));
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_action_name;

    #[test]
    fn names_with_single_spaces_are_action_names() {
        for name in [
            "list_items",
            "Get Primary Calendar",
            "Get Current User",
            "a",
            "v2 list",
        ] {
            assert!(is_action_name(name), "{name}");
        }
        for name in [
            "list-items",
            " leading",
            "trailing ",
            "two  spaces",
            "tab\tname",
            "1st",
            "",
            "dotted.name",
        ] {
            assert!(!is_action_name(name), "{name}");
        }
        assert!(!is_action_name(&"a".repeat(65)));
    }
}
