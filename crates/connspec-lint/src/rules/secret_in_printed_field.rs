//! T006 `secret-in-printed-field`: a secret is used where its value would be printed.

use connspec_diagnostics::Diagnostic;

use super::helpers::is_credential_header;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::Site;

declare_rule! {
    /// ## What it does
    /// Reports a secret used where its value would be printed: in the base URL, a token or
    /// authorization URL, an action path or query parameter, the authorization query, or a
    /// header that does not carry credentials.
    ///
    /// ## Why is this bad?
    /// URLs and ordinary headers end up in logs, browser histories, proxies and Agent Studio's
    /// action editor. A secret there leaks; put it in the auth config or a credential header.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_KEY]
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /items
    ///     query: { api_key: "{{ secrets.API_KEY }}" }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_KEY]
    /// base_url: https://api.example.com
    /// auth:
    ///   type: api_key
    ///   placement: header
    ///   header_name: X-Api-Key
    ///   value_pattern: "%s"
    ///   key: "{{ secrets.API_KEY }}"
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct SecretInPrintedField {
        code: "T006",
        name: "secret-in-printed-field",
        family: Template,
        severity: Error,
        summary: "a secret is used where its value would be printed",
    }
}

impl Check for SecretInPrintedField {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let place = match &template.site {
                Site::BaseUrl => "the base URL".to_owned(),
                Site::AuthUrl(field) => format!("`auth.{field}`"),
                Site::AuthorizationQuery(name) => format!("authorization query parameter `{name}`"),
                Site::ActionPath { action } => format!("the path of action `{action}`"),
                Site::ActionQuery { action, name } => {
                    format!("query parameter `{name}` of action `{action}`")
                }
                Site::ActionHeader { action, name } if !is_credential_header(name) => {
                    format!("header `{name}` of action `{action}`")
                }
                Site::CommonHeader(name) if !is_credential_header(name) => {
                    format!("common header `{name}`")
                }
                _ => continue,
            };
            for variable in template.variables_in("secrets") {
                let span = ctx.template_span(
                    template,
                    variable.offset,
                    variable.offset + variable.path.len(),
                );
                out.push(
                    self.diagnostic(format!("secret `{}` used in {place}", variable.path))
                        .with_span(span)
                        .with_label("would be printed")
                        .with_help(
                            "pass secrets through `auth` or a credential header such as `Authorization`",
                        ),
                );
            }
        }
    }
}
