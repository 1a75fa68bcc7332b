//! T005 `undeclared-input`: a template uses an input the action does not declare.

use connspec_diagnostics::Diagnostic;

use super::helpers::did_you_mean;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports `{{ inputs.NAME }}` where the action declares no input `NAME`, and suggests the
    /// closest declared input.
    ///
    /// ## Why is this bad?
    /// Agent Studio only fills in declared input arguments; the request would be sent with the
    /// placeholder unfilled or fail to render.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_item:
    ///     method: GET
    ///     path: /items/{{ inputs.item_id }}
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_item:
    ///     method: GET
    ///     path: /items/{{ inputs.id }}
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct UndeclaredInput {
        code: "T005",
        name: "undeclared-input",
        family: Template,
        severity: Error,
        summary: "a template uses an input the action does not declare",
    }
}

impl Check for UndeclaredInput {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let Some(action_name) = template.site.action() else {
                continue;
            };
            let Some(action) = ctx.spec.actions.get(action_name) else {
                continue;
            };
            let declared: Vec<&str> = action.inputs.keys().map(String::as_str).collect();
            for variable in template.variables_in("inputs") {
                let Some(name) = variable.name() else {
                    out.push(
                        self.diagnostic("`inputs` needs a name: `inputs.NAME`".to_owned())
                            .with_span(ctx.template_span(
                                template,
                                variable.offset,
                                variable.offset + variable.path.len(),
                            )),
                    );
                    continue;
                };
                if declared.contains(&name) {
                    continue;
                }
                let span = ctx.template_span(
                    template,
                    variable.offset,
                    variable.offset + variable.path.len(),
                );
                let help = match did_you_mean(name, declared.iter().copied()) {
                    Some(s) => format!("did you mean `inputs.{s}`?"),
                    None => format!("declare it under `actions.{action_name}.inputs`"),
                };
                out.push(
                    self.diagnostic(format!("action `{action_name}` declares no input `{name}`"))
                        .with_span(span)
                        .with_label("undeclared input")
                        .with_help(help),
                );
            }
        }
    }
}
