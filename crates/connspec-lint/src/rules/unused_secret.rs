//! T007 `unused-secret`: a declared secret is never used.

use std::collections::HashSet;

use connspec_diagnostics::Diagnostic;
use connspec_model::yaml::push_pointer;

use super::helpers::namespaces::has_undeclared;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::VariableRef;

declare_rule! {
    /// ## What it does
    /// Reports a declared secret that no template uses.
    ///
    /// ## Why is this bad?
    /// Admins are asked to provide and rotate a credential that nothing needs, or the field
    /// meant to use it holds something else (a literal, a misspelt name).
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_TOKEN, OLD_TOKEN]
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: "{{ secrets.API_TOKEN }}" }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_TOKEN]
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: "{{ secrets.API_TOKEN }}" }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct UnusedSecret {
        code: "T007",
        name: "unused-secret",
        family: Template,
        severity: Warning,
        summary: "a declared secret is never used",
    }
}

impl Check for UnusedSecret {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if has_undeclared(ctx, "secrets", &ctx.secret_names()) {
            return;
        }
        let used: HashSet<&str> = ctx
            .templates
            .iter()
            .flat_map(|t| t.variables_in("secrets"))
            .filter_map(VariableRef::name)
            .collect();
        for (index, secret) in ctx.spec.secrets.iter().enumerate() {
            if !used.contains(secret.name()) {
                let pointer = push_pointer("/secrets", &index.to_string());
                out.push(
                    self.diagnostic(format!("secret `{}` is never used", secret.name()))
                        .with_span(ctx.span(&pointer))
                        .with_label("declared here")
                        .with_help("use it in `auth` or a credential header, or remove it"),
                );
            }
        }
    }
}
