//! P004 `unneeded-write-scope`: a write scope is requested although every action only reads.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::Method;

use super::helpers::scopes::spec_scopes;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a write scope (`.write`, `.create`, `.delete`, `.bypass`) requested by a
    /// connector whose actions only read.
    ///
    /// ## Why is this bad?
    /// A read-only integration holding a write scope can change data if its token leaks; admins
    /// reviewing the client rightly refuse it.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://{{ instance.domain }}/oauth2/token
    ///   client_id: "{{ secrets.COUPA_CLIENT_ID }}"
    ///   client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
    ///   scopes: [core.approval.read, core.approval.write]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://{{ instance.domain }}/oauth2/token
    ///   client_id: "{{ secrets.COUPA_CLIENT_ID }}"
    ///   client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct UnneededWriteScope {
        code: "P004",
        name: "unneeded-write-scope",
        family: Provider,
        severity: Warning,
        summary: "a write scope is requested although every action only reads",
    }
}

impl Check for UnneededWriteScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, spec_scopes(ctx)) else {
            return;
        };
        if ctx.spec.actions.is_empty() || ctx.spec.actions.values().any(|a| a.method != Method::Get)
        {
            return;
        }
        for item in &scopes.items {
            let scope = item.scope;
            if catalog.is_write_scope(scope) && catalog.is_known_scope(scope) {
                out.push(
                    self.diagnostic(format!(
                        "write scope `{scope}` requested, but every action only reads"
                    ))
                    .with_span(item.span)
                    .with_label("write access not needed")
                    .with_help("remove it; request write scopes only with the actions that write"),
                );
            }
        }
    }
}
