//! M006 `authorization-header-overrides-auth`: an `Authorization` header duplicates the connector's auth config.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::Auth;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an `Authorization` header set on an action or as a common header when the
    /// connector's auth config already authenticates requests.
    ///
    /// ## Why is this bad?
    /// Agent Studio adds the auth config's header itself; a second `Authorization` header
    /// overrides or duplicates it, and a token pasted into a header never refreshes.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_TOKEN]
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: "{{ secrets.API_TOKEN }}" }
    /// common_headers:
    ///   Authorization: "Bearer {{ secrets.API_TOKEN }}"
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
    pub(crate) struct AuthorizationHeaderOverridesAuth {
        code: "M006",
        name: "authorization-header-overrides-auth",
        family: Target,
        severity: Warning,
        summary: "an `Authorization` header duplicates the connector's auth config",
    }
}

impl Check for AuthorizationHeaderOverridesAuth {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if matches!(ctx.spec.auth, Auth::None(_)) {
            return;
        }
        let auth_type = ctx.spec.auth.type_name();
        let mut pointers: Vec<String> = ctx
            .spec
            .common_headers
            .keys()
            .filter(|k| k.eq_ignore_ascii_case("authorization"))
            .map(|k| connspec_model::yaml::push_pointer("/common_headers", k))
            .collect();
        for (name, action) in &ctx.spec.actions {
            pointers.extend(
                action
                    .headers
                    .keys()
                    .filter(|k| k.eq_ignore_ascii_case("authorization"))
                    .map(|k| action_pointer(name, &["headers", k])),
            );
        }
        for pointer in pointers {
            out.push(
                self.diagnostic(format!(
                    "`Authorization` header set although auth `{auth_type}` provides it"
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label("duplicates the auth config")
                .with_help("remove the header; the auth config authenticates every request"),
            );
        }
    }
}
