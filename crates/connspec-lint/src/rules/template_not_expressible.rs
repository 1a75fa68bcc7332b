//! M005 `template-not-expressible`: a template uses more than plain variables, which Agent Studio cannot express.

use connspec_diagnostics::Diagnostic;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a template that Agent Studio cannot express: a filter (`{{ x | upper }}`), an
    /// expression (`{{ a ~ b }}`) or a statement (`{% if %}`) in a value that is pasted into
    /// Agent Studio.
    ///
    /// ## Why is this bad?
    /// Agent Studio substitutes plain `{{variable}}` placeholders only. Anything else can be
    /// rendered for a live test but not reproduced in the pasted connector, so the two would
    /// behave differently.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   search:
    ///     method: GET
    ///     path: /items
    ///     query: { q: "{{ inputs.term | lower }}" }
    ///     inputs:
    ///       term: { type: string }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   search:
    ///     method: GET
    ///     path: /items
    ///     query: { q: "{{ inputs.term }}" }
    ///     inputs:
    ///       term: { type: string }
    /// ```
    pub(crate) struct TemplateNotExpressible {
        code: "M005",
        name: "template-not-expressible",
        family: Target,
        severity: Warning,
        summary: "a template uses more than plain variables, which Agent Studio cannot express",
    }
}

impl Check for TemplateNotExpressible {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            if template.error.is_some() {
                continue;
            }
            for block in &template.blocks {
                if block.is_plain_variable() {
                    continue;
                }
                let what = if block.is_statement {
                    "a statement"
                } else {
                    "an expression"
                };
                out.push(
                    self.diagnostic(format!(
                        "{what} that Agent Studio cannot express: `{}`",
                        template
                            .text
                            .get(block.start..block.end)
                            .unwrap_or_default()
                    ))
                    .with_span(ctx.template_span(template, block.start, block.end))
                    .with_label("only `{{ namespace.name }}` is substituted")
                    .with_help("use a plain variable; transform values in a compound action"),
                );
            }
        }
    }
}
