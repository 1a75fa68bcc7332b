//! M002 `invalid-action-path`: an action path is not a path Agent Studio accepts.

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action path that does not start with `/`, holds a query string, or repeats
    /// the base URL.
    ///
    /// ## Why is this bad?
    /// Agent Studio appends the Endpoint URL to the Base URL and requires it to start with `/`;
    /// query parameters "cannot be saved in the Endpoint URL", they belong in `query`.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: "/items?status=open" }
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
    ///     query: { status: open }
    /// ```
    pub(crate) struct InvalidActionPath {
        code: "M002",
        name: "invalid-action-path",
        family: Target,
        severity: Error,
        summary: "an action path is not a path Agent Studio accepts",
    }
}

impl Check for InvalidActionPath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (name, action) in &ctx.spec.actions {
            let pointer = action_pointer(name, &["path"]);
            let Some(template) = ctx.template(&pointer) else {
                continue;
            };
            let path = action.path.as_str();
            if path.contains("://") {
                out.push(
                    self.diagnostic(format!("path of action `{name}` holds a full URL"))
                        .with_span(template.span)
                        .with_label("the base URL is prepended")
                        .with_help("keep only the part after the base URL, starting with `/`"),
                );
                continue;
            }
            if !path.starts_with('/') {
                out.push(
                    self.diagnostic(format!("path of action `{name}` does not start with `/`"))
                        .with_span(template.span)
                        .with_label("must start with `/`")
                        .with_help(format!("write `/{path}`")),
                );
            }
            if let Some(at) = path.find('?') {
                out.push(
                    self.diagnostic(format!("path of action `{name}` holds a query string"))
                        .with_span(ctx.template_span(template, at, path.len()))
                        .with_label("query string")
                        .with_help("move each parameter to `query:`"),
                );
            }
        }
    }
}
