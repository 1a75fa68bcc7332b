//! T003 `unused-instance-parameter`: an instance parameter is declared but never used.

use std::collections::HashSet;

use connspec_diagnostics::Diagnostic;
use connspec_model::yaml::push_pointer;

use super::helpers::namespaces::has_undeclared;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::VariableRef;

declare_rule! {
    /// ## What it does
    /// Reports an instance parameter that no template uses.
    ///
    /// ## Why is this bad?
    /// Every instance file must give a value for it, for nothing; or a template meant to use it
    /// uses something else.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    ///   region: { format: string }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct UnusedInstanceParameter {
        code: "T003",
        name: "unused-instance-parameter",
        family: Template,
        severity: Warning,
        summary: "an instance parameter is declared but never used",
    }
}

impl Check for UnusedInstanceParameter {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let declared: Vec<&str> = ctx.spec.instance.keys().map(String::as_str).collect();
        if has_undeclared(ctx, "instance", &declared) {
            return;
        }
        let used: HashSet<&str> = ctx
            .templates
            .iter()
            .flat_map(|t| t.variables_in("instance"))
            .filter_map(VariableRef::name)
            .collect();
        for name in ctx.spec.instance.keys() {
            if !used.contains(name.as_str()) {
                out.push(
                    self.diagnostic(format!("instance parameter `{name}` is never used"))
                        .with_span(ctx.key_span(&push_pointer("/instance", name)))
                        .with_label("declared here")
                        .with_help(format!(
                            "use it as `{{{{ instance.{name} }}}}` or remove it"
                        )),
                );
            }
        }
    }
}
