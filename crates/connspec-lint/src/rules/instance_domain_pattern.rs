//! P011 `instance-domain-pattern`: a host is not one of the provider's instance hosts.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::ParameterFormat;
use connspec_model::yaml::push_pointer;

use super::helpers::url::UrlParts;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an instance host (a hostname parameter's example, or a literal base URL host)
    /// that is not a host of the provider's instances: Coupa customers are
    /// `*.coupahost.com`, partners and demos `*.coupacloud.com`; `*.coupadev.com` is Coupa's
    /// own, and `supplier.coupahost.com` is the supplier portal, not the Core API.
    ///
    /// ## Why is this bad?
    /// Connectors built and tested against the wrong host fail at the customer, and scopes of
    /// the supplier portal differ entirely.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupa.com }
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
    pub(crate) struct InstanceDomainPattern {
        code: "P011",
        name: "instance-domain-pattern",
        family: Provider,
        severity: Warning,
        summary: "a host is not one of the provider's instance hosts",
    }
}

impl Check for InstanceDomainPattern {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, parameter) in &ctx.spec.instance {
            if parameter.format != ParameterFormat::Hostname {
                continue;
            }
            for field in ["example", "default"] {
                let value = if field == "example" {
                    &parameter.example
                } else {
                    &parameter.default
                };
                let Some(value) = value else {
                    continue;
                };
                if let Some(problem) = catalog.host_problem(&value.to_text()) {
                    let pointer = push_pointer(&push_pointer("/instance", name), field);
                    out.push(
                        self.diagnostic(problem)
                            .with_span(ctx.span(&pointer))
                            .with_label("not an instance host"),
                    );
                }
            }
        }
        if let Some(base) = ctx.template("/base_url") {
            let url = UrlParts::parse(&base.text);
            let host = url.host_name();
            if !host.is_empty()
                && !host.contains("{{")
                && let Some(problem) = catalog.host_problem(host)
            {
                let start = base.text.find(url.host).unwrap_or(0);
                out.push(
                    self.diagnostic(problem)
                        .with_span(ctx.template_span(base, start, start + url.host.len()))
                        .with_label("not an instance host")
                        .with_help("take the host from an instance parameter: `https://{{ instance.domain }}`"),
                );
            }
        }
    }
}
