//! T004 `unused-input`: an action input is declared but never used.

use std::collections::{HashMap, HashSet};

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use super::helpers::namespaces::NAMESPACES;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::{TemplateString, VariableRef};

declare_rule! {
    /// ## What it does
    /// Reports an action input that the action's path, headers, query and body never use.
    ///
    /// ## Why is this bad?
    /// The reasoning engine collects a value for it from the user, and the value goes nowhere;
    /// usually the template that should use it is missing or misspelt.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /items
    ///     inputs:
    ///       status: { type: string }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /items
    ///     query: { status: "{{ inputs.status }}" }
    ///     inputs:
    ///       status: { type: string }
    /// ```
    pub(crate) struct UnusedInput {
        code: "T004",
        name: "unused-input",
        family: Template,
        severity: Warning,
        summary: "an action input is declared but never used",
    }
}

impl Check for UnusedInput {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // The fields of each action, grouped in one pass: filtering every field per action
        // made this rule quadratic in the number of actions.
        let mut by_action: HashMap<&str, Vec<&TemplateString>> = HashMap::new();
        for template in &ctx.templates {
            if let Some(action) = template.site.action() {
                by_action.entry(action).or_default().push(template);
            }
        }
        for (action_name, action) in &ctx.spec.actions {
            let templates = by_action
                .get(action_name.as_str())
                .map_or(&[][..], Vec::as_slice);
            let declared: Vec<&str> = action.inputs.keys().map(String::as_str).collect();
            let typo = templates.iter().any(|t| {
                t.error.is_some()
                    || t.variables_in("inputs")
                        .any(|v| v.name().is_none_or(|n| !declared.contains(&n)))
                    || t.variables
                        .iter()
                        .any(|v| !NAMESPACES.contains(&v.namespace()))
            });
            if typo {
                continue;
            }
            let used: HashSet<&str> = templates
                .iter()
                .flat_map(|t| t.variables_in("inputs"))
                .filter_map(VariableRef::name)
                .collect();
            for input in action.inputs.keys() {
                if !used.contains(input.as_str()) {
                    let pointer = action_pointer(action_name, &["inputs", input]);
                    out.push(
                        self.diagnostic(format!(
                            "input `{input}` of action `{action_name}` is never used"
                        ))
                        .with_span(ctx.key_span(&pointer))
                        .with_label("declared here")
                        .with_help(format!(
                            "use it as `{{{{ inputs.{input} }}}}` in the path, a header, the query or the body"
                        )),
                    );
                }
            }
        }
    }
}
