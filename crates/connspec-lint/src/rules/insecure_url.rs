//! A002 `insecure-url`: a URL does not use https.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::ParameterFormat;

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

/// The `format: url` parameter whose `{{ instance.NAME }}` block `text` starts with: such a
/// parameter brings its own scheme, which the instance check (T012) requires to be https.
fn url_parameter<'t>(ctx: &Context<'_>, text: &'t str) -> Option<&'t str> {
    url_parameter_at_start(text).filter(|name| {
        ctx.spec
            .instance
            .get(*name)
            .is_some_and(|p| p.format == ParameterFormat::Url)
    })
}

/// The parameter of a `{{ instance.NAME }}` block that `text` starts with.
fn url_parameter_at_start(text: &str) -> Option<&str> {
    let inner = text.trim_start().strip_prefix("{{")?;
    let (inner, _) = inner.split_once("}}")?;
    let name = inner.trim().strip_prefix("instance.")?;
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
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
            // A parameter declared `format: url` brings its own scheme, which the instance
            // check (T012) requires to be https.
            if let Some(scheme) = url.scheme
                && let Some(name) = url_parameter(ctx, url.host)
            {
                out.push(
                    self.diagnostic(format!(
                        "{what} puts `{scheme}://` before `instance.{name}`, which is a whole URL"
                    ))
                    .with_span(ctx.template_span(template, 0, scheme.len() + 3))
                    .with_label("the value already has a scheme")
                    .with_help(format!(
                        "write `{{{{ instance.{name} }}}}` alone: `{scheme}://` before it renders `{scheme}://https://…`"
                    )),
                );
                continue;
            }
            if url.scheme.is_none() && url_parameter(ctx, &template.text).is_some() {
                continue;
            }
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
