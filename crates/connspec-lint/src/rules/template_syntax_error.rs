//! T001 `template-syntax-error`: a template cannot be parsed.

use connspec_diagnostics::Diagnostic;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a template that minijinja cannot parse, at the column of the fault inside the
    /// YAML string.
    ///
    /// ## Why is this bad?
    /// The value cannot be rendered for any target, so neither Agent Studio settings nor a live
    /// test can be produced from it.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }
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
    pub(crate) struct TemplateSyntaxError {
        code: "T001",
        name: "template-syntax-error",
        family: Template,
        severity: Error,
        summary: "a template cannot be parsed",
    }
}

impl Check for TemplateSyntaxError {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let Some(error) = &template.error else {
                continue;
            };
            let span = match error.range {
                Some((start, end)) => ctx.template_span(template, start, end.max(start)),
                None => template.span,
            };
            out.push(
                self.diagnostic(format!("template syntax error: {}", error.message))
                    .with_span(span)
                    .with_label("here")
                    .with_help("expressions are written `{{ namespace.name }}`"),
            );
        }
    }
}
