//! M003 `content-type-without-body`: `Content-Type` is set on a request without a body.

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a `Content-Type` header on an action that sends no body (a GET, or any request
    /// without `body`).
    ///
    /// ## Why is this bad?
    /// `Content-Type` describes the body sent; without a body it says nothing, and the author
    /// almost always meant `Accept`, which asks for the response format. Coupa, for one,
    /// answers XML unless asked for JSON with `Accept`.
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
    ///     headers: { Content-Type: application/json }
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
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct ContentTypeWithoutBody {
        code: "M003",
        name: "content-type-without-body",
        family: Target,
        severity: Warning,
        summary: "`Content-Type` is set on a request without a body",
    }
}

impl Check for ContentTypeWithoutBody {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (name, action) in &ctx.spec.actions {
            if action.body.is_some() {
                continue;
            }
            for (header, value) in &action.headers {
                if !header.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let pointer = action_pointer(name, &["headers", header]);
                out.push(
                    self.diagnostic(format!(
                        "`{header}` on action `{name}`, which sends no body"
                    ))
                    .with_span(ctx.key_span(&pointer))
                    .with_label("describes a body that is not there")
                    .with_help(format!("did you mean `Accept: {value}`?")),
                );
            }
        }
    }
}
