//! M008 `placeholder-in-url`: a URL or path holds placeholder text from a guide, sent as
//! written.

use connspec_diagnostics::Diagnostic;

use crate::Context;
use crate::placeholder::{self, PlaceholderKind};
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::Site;

declare_rule! {
    /// ## What it does
    /// Reports placeholder text left in the base URL, an auth URL (token, authorization,
    /// revoke, …) or an action's path: `<YOUR_INSTANCE>`, `{id}`, `${HOST}`, `$HOST`,
    /// `YOUR_TENANT`. Postman's `{{x}}` is a template and reported as an undefined variable
    /// (T002) instead; `$filter` (lower case) and `:id` are left alone, as real URLs use them.
    ///
    /// ## Why is this bad?
    /// Only `{{ … }}` is rendered; anything else is sent as written, so the request goes to
    /// the host `<YOUR_INSTANCE>` or the path `/users/{id}`, which no API serves. Guides
    /// write these placeholders for a reader to fill in, and a spec copied from a guide keeps
    /// them silently.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://<YOUR_TENANT>.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_user: { method: GET, path: "/users/{userId}" }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   tenant: { description: Your tenant's subdomain, example: acme }
    /// base_url: https://{{ instance.tenant }}.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_user:
    ///     method: GET
    ///     path: "/users/{{ inputs.user_id }}"
    ///     inputs:
    ///       user_id: { type: string, required: true }
    /// ```
    pub(crate) struct PlaceholderInUrl {
        code: "M008",
        name: "placeholder-in-url",
        family: Target,
        severity: Warning,
        summary: "a URL or path holds placeholder text, sent as written",
    }
}

impl Check for PlaceholderInUrl {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let (what, namespace, declare) = match &template.site {
                Site::BaseUrl => ("the base URL", "instance", "an instance parameter"),
                Site::AuthUrl(_) => ("an auth URL", "instance", "an instance parameter"),
                Site::ActionPath { .. } => ("the path", "inputs", "an input"),
                _ => continue,
            };
            for found in placeholder::find(&template.text) {
                if found.kind == PlaceholderKind::Template {
                    continue;
                }
                let text = &template.text[found.start..found.end];
                let name = found.suggested_name();
                let subject = match &template.site {
                    Site::AuthUrl(field) => format!("`auth.{field}`"),
                    Site::ActionPath { action } => format!("the path of action `{action}`"),
                    _ => what.to_owned(),
                };
                out.push(
                    self.diagnostic(format!("{subject} holds the placeholder `{text}`"))
                        .with_span(ctx.template_span(template, found.start, found.end))
                        .with_label("sent as written: only `{{ … }}` is filled in")
                        .with_help(format!(
                            "declare {declare} `{name}` and write `{{{{ {namespace}.{name} }}}}` \
                             here"
                        )),
                );
            }
        }
    }
}
