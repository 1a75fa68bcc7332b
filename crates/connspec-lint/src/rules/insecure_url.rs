//! A002 `insecure-url`: a URL does not use https.

use connspec_diagnostics::Diagnostic;

use super::helpers::url::{UrlParts, is_loopback};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::Site;

declare_rule! {
    /// ## What it does
    /// Reports a base URL or an auth URL (token, authorization, revoke) that does not use
    /// `https://`.
    ///
    /// ## Why is this bad?
    /// Agent Studio requires HTTPS, and tokens and client secrets sent over plain HTTP can be
    /// read by anyone on the path. Only the local sandbox runs on loopback, and it gets its
    /// address from its instance file, not from the spec.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: http://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct InsecureUrl {
        code: "A002",
        name: "insecure-url",
        family: Auth,
        severity: Error,
        summary: "a URL does not use https",
    }
}

impl Check for InsecureUrl {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let what = match &template.site {
                Site::BaseUrl => "the base URL".to_owned(),
                Site::AuthUrl(field) => format!("`auth.{field}`"),
                _ => continue,
            };
            let url = UrlParts::parse(&template.text);
            let Some(scheme) = url.scheme else {
                out.push(
                    self.diagnostic(format!("{what} has no scheme"))
                        .with_span(template.span)
                        .with_label("missing `https://`")
                        .with_help(format!("write `https://{}`", template.text)),
                );
                continue;
            };
            if scheme.eq_ignore_ascii_case("https") || scheme.contains("{{") {
                continue;
            }
            let mut diagnostic = self
                .diagnostic(format!("{what} uses `{scheme}://`, not `https://`"))
                .with_span(ctx.template_span(template, 0, scheme.len()))
                .with_label("not https");
            diagnostic = if is_loopback(url.host_name()) {
                diagnostic.with_help(
                    "only the sandbox runs on loopback: keep `https://{{ instance.domain }}` and point the sandbox instance at it",
                )
            } else {
                diagnostic.with_help("use `https://`")
            };
            out.push(diagnostic);
        }
    }
}
