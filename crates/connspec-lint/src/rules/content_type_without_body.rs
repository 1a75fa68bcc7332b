//! M003 `content-type-without-body`: `Content-Type` is set on a request without a body.

use connspec_diagnostics::{Diagnostic, Fix, Severity};
use connspec_model::edit::replace_scalar;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a `Content-Type` header on an action that sends no body (a GET, or any request
    /// without `body`). It is an info: many guides prescribe the header and Agent Studio sends
    /// it harmlessly. It is a warning when the action has no `Accept` header and the provider
    /// answers JSON only when asked with `Accept` (its catalogue says so: Coupa), the pattern
    /// where `Accept` was meant.
    ///
    /// ## Why is this bad?
    /// `Content-Type` describes the body sent; without a body it says nothing. Where the author
    /// meant `Accept`, which asks for the response format, the API answers in its default
    /// format: Coupa answers XML unless asked for JSON with `Accept`.
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
        severity: Info,
        summary: "`Content-Type` is set on a request without a body",
    }
}

impl Check for ContentTypeWithoutBody {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let accept_required = ctx
            .catalog
            .is_some_and(|c| c.conventions.accept_json_required);
        for (name, action) in &ctx.spec.actions {
            if action.body.is_some() {
                continue;
            }
            let has_accept = action
                .headers
                .keys()
                .any(|h| h.eq_ignore_ascii_case("accept"));
            for (header, value) in &action.headers {
                if !header.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let pointer = action_pointer(name, &["headers", header]);
                let key_span = ctx.key_span(&pointer);
                let mut diagnostic = self
                    .diagnostic(format!(
                        "`{header}` on action `{name}`, which sends no body"
                    ))
                    .with_span(key_span)
                    .with_label("describes a body that is not there");
                diagnostic = if accept_required && !has_accept {
                    diagnostic.severity = Severity::Warning;
                    let diagnostic = diagnostic.with_help(format!(
                        "did you mean `Accept: {value}`? Without `Accept` the API answers in its default format"
                    ));
                    match replace_scalar(ctx.file.text(), key_span, "Accept") {
                        Some(edit) => diagnostic
                            .with_fix(Fix::safe("rename the header to `Accept`", vec![edit])),
                        None => diagnostic,
                    }
                } else if has_accept {
                    diagnostic.with_help("harmless; remove it to keep the action minimal")
                } else {
                    diagnostic.with_help(format!(
                        "harmless; if you meant to ask for the response format, use `Accept: {value}`"
                    ))
                };
                out.push(diagnostic);
            }
        }
    }
}
