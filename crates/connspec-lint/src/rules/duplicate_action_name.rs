//! M004 `duplicate-action-name`: two action names differ only in case.

use std::collections::HashMap;

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports two actions whose names differ only in case.
    ///
    /// ## Why is this bad?
    /// Compound actions call HTTP actions by name, and names that differ only in case are easy
    /// to confuse and collide in case-insensitive tools. (Identical names are a YAML duplicate
    /// key, reported as S002.)
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    ///   List_Items: { method: GET, path: /items/archived }
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
    ///   list_archived_items: { method: GET, path: /items/archived }
    /// ```
    pub(crate) struct DuplicateActionName {
        code: "M004",
        name: "duplicate-action-name",
        family: Target,
        severity: Error,
        summary: "two action names differ only in case",
    }
}

impl Check for DuplicateActionName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for name in ctx.spec.actions.keys() {
            let folded = name.to_ascii_lowercase();
            if let Some(first) = seen.get(&folded) {
                out.push(
                    self.diagnostic(format!(
                        "action `{name}` differs from `{first}` only in case"
                    ))
                    .with_span(ctx.key_span(&action_pointer(name, &[])))
                    .with_label("second action")
                    .with_secondary(ctx.key_span(&action_pointer(first, &[])), "first action")
                    .with_help("give each action a distinct name"),
                );
            } else {
                seen.insert(folded, name);
            }
        }
    }
}
