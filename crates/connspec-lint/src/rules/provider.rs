//! P rules: the provider catalogue (Coupa first). They run only when the spec names a
//! `provider` that has a catalogue, and read every fact from it.

use std::collections::BTreeSet;

use connspec_catalog::{Catalog, HostKind, RouteMatch};
use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Action, Auth, Method, OAuth2, ParameterFormat};
use connspec_model::yaml::push_pointer;

use super::helpers::url::UrlParts;
use super::helpers::{action_pointer, did_you_mean};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

/// Scopes of the `OpenID` Connect layer, which no API route needs.
const IDENTITY_SCOPES: &[&str] = &["openid", "profile", "email", "login", "offline_access"];

fn oauth2_scopes<'a>(ctx: &'a Context<'_>) -> Option<&'a [String]> {
    match &ctx.spec.auth {
        Auth::Oauth2(oauth2) => Some(oauth2.scopes()),
        _ => None,
    }
}

fn is_write_scope(scope: &str) -> bool {
    [".write", ".create", ".delete", ".bypass", ".read_write"]
        .iter()
        .any(|suffix| scope.ends_with(suffix))
}

/// Whether a scope item is really several scopes in one string.
fn is_joined(scope: &str) -> bool {
    scope.contains(',') || scope.contains('+') || scope.split_whitespace().count() > 1
}

/// The scope each action needs, when every action resolves to a catalogue route.
fn needed_scopes(catalog: &Catalog, actions: &[(&String, &Action)]) -> Option<BTreeSet<String>> {
    let mut needed = BTreeSet::new();
    for (_, action) in actions {
        match catalog.route(action.method.as_str(), action.path.as_str()) {
            RouteMatch::Found(route) => {
                needed.insert(route.scope.clone());
            }
            _ => return None,
        }
    }
    Some(needed)
}

fn scope_pointer(index: usize) -> String {
    push_pointer("/auth/scopes", &index.to_string())
}

declare_rule! {
    /// ## What it does
    /// Reports a scope the provider does not have, with the real scope it was probably meant
    /// to be. For Coupa, `core.expense_report.read` (written in Coupa's own guides) is really
    /// `core.expense.read`; plural forms (`core.approvals.read`) and known misspellings are
    /// mapped too.
    ///
    /// ## Why is this bad?
    /// The token request fails with `invalid_scope`, or the scope is silently dropped and every
    /// API call answers 403.
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
    ///   scopes: [core.expense.read, core.approvals.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense_reports
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
    ///   scopes: [core.expense.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense_reports
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct UnknownScope {
        code: "P001",
        name: "unknown-scope",
        family: Provider,
        severity: Error,
        summary: "a scope the provider does not have",
    }
}

impl Check for UnknownScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        for (index, scope) in scopes.iter().enumerate() {
            if is_joined(scope) || catalog.is_known_scope(scope) {
                continue;
            }
            let mut diagnostic = self
                .diagnostic(format!("unknown {} scope `{scope}`", catalog.display_name))
                .with_span(ctx.span(&scope_pointer(index)))
                .with_label("not a scope");
            diagnostic = match catalog.suggest_scope(scope) {
                Some(real) => diagnostic.with_help(format!("did you mean `{real}`?")),
                None => diagnostic.with_help(format!(
                    "{} lists its scopes under {}",
                    catalog.display_name,
                    catalog
                        .setup_location
                        .as_deref()
                        .unwrap_or("its OAuth client settings")
                )),
            };
            out.push(diagnostic);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action whose method and path need a scope the connector does not request,
    /// using the provider's route → scope map (Coupa: `GET /api/approvals` needs
    /// `core.approval.read`; approving needs `core.approval.write`).
    ///
    /// ## Why is this bad?
    /// The token lacks the scope, so the action answers 403 at run time, after the connector
    /// has been pasted and shipped.
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
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
    ///   scopes: [core.approval.read, core.approval.write]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct MissingScope {
        code: "P002",
        name: "missing-scope",
        family: Provider,
        severity: Error,
        summary: "an action needs a scope the connector does not request",
    }
}

impl Check for MissingScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        // What each unknown scope was probably meant to be, computed once per spec.
        let meant: Vec<&str> = scopes
            .iter()
            .filter(|s| !catalog.is_known_scope(s))
            .filter_map(|s| catalog.suggest_scope(s))
            .collect();
        for (name, action) in &ctx.spec.actions {
            let RouteMatch::Found(route) =
                catalog.route(action.method.as_str(), action.path.as_str())
            else {
                continue;
            };
            // A joined item (`"a,b"`) is reported by P012; count its parts here.
            let requested = scopes
                .iter()
                .flat_map(|s| s.split([',', '+', ' ', '\t']))
                .any(|s| s == route.scope);
            // A misspelt scope that means this one is reported by P001 already.
            let misspelt = meant.contains(&route.scope.as_str());
            if requested || misspelt {
                continue;
            }
            let span = if scopes.is_empty() {
                ctx.key_span("/auth/grant_type")
            } else {
                ctx.span("/auth/scopes")
            };
            out.push(
                self.diagnostic(format!(
                    "action `{name}` ({} {}) needs scope `{}`, which the connector does not request",
                    route.method, route.path, route.scope
                ))
                .with_span(ctx.span(&action_pointer(name, &["path"])))
                .with_label(format!("needs `{}`", route.scope))
                .with_secondary(span, "requested scopes")
                .with_help(format!("add `{}` to `auth.scopes`", route.scope)),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a requested scope that no action needs, when every action's route is known.
    ///
    /// ## Why is this bad?
    /// Least privilege: a token with more scopes than the connector uses turns any leak into a
    /// larger one, and admins are asked to grant more than necessary.
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
    ///   scopes: [core.approval.read, core.user.read]
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
    pub(crate) struct UnusedScope {
        code: "P003",
        name: "unused-scope",
        family: Provider,
        severity: Warning,
        summary: "a requested scope no action needs",
    }
}

impl Check for UnusedScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        let actions: Vec<(&String, &Action)> = ctx.spec.actions.iter().collect();
        let Some(needed) = needed_scopes(catalog, &actions) else {
            return;
        };
        let all_read = actions.iter().all(|(_, a)| a.method == Method::Get);
        for (index, scope) in scopes.iter().enumerate() {
            if needed.contains(scope)
                || IDENTITY_SCOPES.contains(&scope.as_str())
                || !catalog.is_known_scope(scope)
                || (all_read && is_write_scope(scope))
            {
                continue;
            }
            out.push(
                self.diagnostic(format!(
                    "scope `{scope}` is requested but no action needs it"
                ))
                .with_span(ctx.span(&scope_pointer(index)))
                .with_label("unused")
                .with_help("remove it (least privilege), or add the action that needs it"),
            );
        }
    }
}

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
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        if ctx.spec.actions.is_empty() || ctx.spec.actions.values().any(|a| a.method != Method::Get)
        {
            return;
        }
        for (index, scope) in scopes.iter().enumerate() {
            if is_write_scope(scope) && catalog.is_known_scope(scope) {
                out.push(
                    self.diagnostic(format!(
                        "write scope `{scope}` requested, but every action only reads"
                    ))
                    .with_span(ctx.span(&scope_pointer(index)))
                    .with_label("write access not needed")
                    .with_help("remove it; request write scopes only with the actions that write"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action that does not send `Accept: application/json` (in its headers or the
    /// connector's common headers) to a provider that answers in another format by default.
    ///
    /// ## Why is this bad?
    /// Coupa answers XML unless asked for JSON, so the reasoning engine, output mappers and
    /// `expect: { json: … }` receive XML.
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
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
    pub(crate) struct MissingAcceptJson {
        code: "P005",
        name: "missing-accept-json",
        family: Provider,
        severity: Error,
        summary: "an action does not ask for JSON from a provider that answers XML by default",
    }
}

impl Check for MissingAcceptJson {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog.filter(|c| c.accept_json_required) else {
            return;
        };
        let common_accept = ctx
            .spec
            .common_headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("accept"));
        for (name, action) in &ctx.spec.actions {
            let has_accept = common_accept
                || action
                    .headers
                    .keys()
                    .any(|k| k.eq_ignore_ascii_case("accept"));
            if has_accept {
                continue;
            }
            let pointer = if action.headers.is_empty() {
                action_pointer(name, &[])
            } else {
                action_pointer(name, &["headers"])
            };
            out.push(
                self.diagnostic(format!(
                    "action `{name}` does not send `Accept: application/json`"
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label(format!("{} will answer XML", catalog.display_name))
                .with_help("add `Accept: application/json` to the action's `headers`"),
            );
        }
    }
}

/// A query value as a number, whether written `100` or `"100"`.
fn query_number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a `limit` query parameter above the provider's page size (Coupa: 50).
    ///
    /// ## Why is this bad?
    /// The provider clamps the page silently, so an action that expects 100 records gets 50
    /// and never asks for the rest.
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///     query: { limit: 100 }
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
    ///     query: { limit: 50 }
    /// ```
    pub(crate) struct PageLimitExceeded {
        code: "P006",
        name: "page-limit-exceeded",
        family: Provider,
        severity: Error,
        summary: "`limit` is above the provider's page size",
    }
}

impl Check for PageLimitExceeded {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            let Some(limit) = action.query.get("limit") else {
                continue;
            };
            let Some(value) = query_number(&limit.0) else {
                continue;
            };
            if value <= f64::from(catalog.max_page_size) {
                continue;
            }
            out.push(
                self.diagnostic(format!(
                    "`limit` {} is above {}'s page size of {}",
                    limit.to_text(),
                    catalog.display_name,
                    catalog.max_page_size
                ))
                .with_span(ctx.span(&action_pointer(name, &["query", "limit"])))
                .with_label(format!("at most {}", catalog.max_page_size))
                .with_help(format!(
                    "use `limit: {}` and page with `offset`",
                    catalog.max_page_size
                )),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports sort parameters used the wrong way: a direction given to `order_by` (which
    /// takes a field name), or a `dir` that is not `asc` or `desc`.
    ///
    /// ## Why is this bad?
    /// `order_by=desc` sorts by a field called `desc`, which does not exist, so results come
    /// back in an arbitrary order, or the request fails.
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///     query: { order_by: desc }
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
    ///     query: { order_by: created_at, dir: desc }
    /// ```
    pub(crate) struct InvalidSortParameter {
        code: "P007",
        name: "invalid-sort-parameter",
        family: Provider,
        severity: Error,
        summary: "a sort parameter is used the wrong way (`order_by=desc`)",
    }
}

impl Check for InvalidSortParameter {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let (Some(field_param), Some(dir_param)) = (
            catalog.sort_field_param.as_deref(),
            catalog.sort_direction_param.as_deref(),
        ) else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            if let Some(value) = action.query.get(field_param) {
                let text = value.to_text();
                if catalog
                    .sort_directions
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(&text))
                {
                    out.push(
                        self.diagnostic(format!(
                            "`{field_param}` takes a field name, not a direction"
                        ))
                        .with_span(ctx.span(&action_pointer(name, &["query", field_param])))
                        .with_label("a direction")
                        .with_help(format!(
                            "sort with `{field_param}: <field>` and `{dir_param}: {text}`"
                        )),
                    );
                }
            }
            if let Some(value) = action.query.get(dir_param) {
                let text = value.to_text();
                let templated = text.contains("{{");
                if !templated && !catalog.sort_directions.iter().any(|d| *d == text) {
                    out.push(
                        self.diagnostic(format!(
                            "`{dir_param}` must be one of {}",
                            catalog.sort_directions.join(", ")
                        ))
                        .with_span(ctx.span(&action_pointer(name, &["query", dir_param])))
                        .with_label("not a direction"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action path that is not one of the provider's resources: outside the API
    /// prefix (Coupa: `/api/`), or naming a resource that does not exist, with the closest real
    /// one (`/api/expense-reports` → `/api/expense_reports`).
    ///
    /// ## Why is this bad?
    /// The request answers 404, or an HTML page when it misses the API entirely.
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
    ///   scopes: [core.expense.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense-reports
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
    ///   scopes: [core.expense.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense_reports
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct UnknownResourcePath {
        code: "P008",
        name: "unknown-resource-path",
        family: Provider,
        severity: Error,
        summary: "an action path names no resource of the provider's API",
    }
}

impl Check for UnknownResourcePath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let resources = catalog.resources();
        for (name, action) in &ctx.spec.actions {
            let pointer = action_pointer(name, &["path"]);
            let Some(template) = ctx.template(&pointer) else {
                continue;
            };
            let path = action.path.as_str();
            if !path.starts_with('/') || path.contains("://") {
                continue; // M002 reports these
            }
            let Some(rest) = path.strip_prefix(catalog.api_prefix.as_str()) else {
                out.push(
                    self.diagnostic(format!(
                        "{} API paths start with `{}`",
                        catalog.display_name, catalog.api_prefix
                    ))
                    .with_span(template.span)
                    .with_label("outside the API")
                    .with_help(format!(
                        "did you mean `{}{}`?",
                        catalog.api_prefix.trim_end_matches('/'),
                        path
                    )),
                );
                continue;
            };
            let resource = rest.split(['/', '?']).next().unwrap_or("");
            if resource.is_empty() || resource.contains('{') || resources.contains(&resource) {
                continue;
            }
            let normalised = resource.replace('-', "_").to_ascii_lowercase();
            let suggestion = if resources.contains(&normalised.as_str()) {
                Some(normalised.clone())
            } else {
                let plural = format!("{normalised}s");
                if resources.contains(&plural.as_str()) {
                    Some(plural)
                } else {
                    did_you_mean(&normalised, resources.iter().copied()).map(str::to_owned)
                }
            };
            let start = catalog.api_prefix.len();
            let mut diagnostic = self
                .diagnostic(format!(
                    "`{resource}` is not a {} API resource",
                    catalog.display_name
                ))
                .with_span(ctx.template_span(template, start, start + resource.len()))
                .with_label("unknown resource");
            if let Some(suggestion) = suggestion {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            out.push(diagnostic);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action whose path exists but not for its method, and lists the methods that
    /// do (Coupa approves and rejects with PUT or PATCH, never POST).
    ///
    /// ## Why is this bad?
    /// The provider answers 404 or 405, and for approvals the approver believes a decision was
    /// recorded when it was not.
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
    ///   scopes: [core.approval.write]
    /// actions:
    ///   approve:
    ///     method: POST
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
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
    ///   scopes: [core.approval.write]
    /// actions:
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct WrongMethod {
        code: "P009",
        name: "wrong-method",
        family: Provider,
        severity: Error,
        summary: "the path exists, but not for this method",
    }
}

impl Check for WrongMethod {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            let RouteMatch::WrongMethod(methods) =
                catalog.route(action.method.as_str(), action.path.as_str())
            else {
                continue;
            };
            out.push(
                self.diagnostic(format!(
                    "{} does not accept {} on this path",
                    catalog.display_name,
                    action.method.as_str()
                ))
                .with_span(ctx.span(&action_pointer(name, &["method"])))
                .with_label(format!("use {}", methods.join(" or ")))
                .with_secondary(ctx.span(&action_pointer(name, &["path"])), "this path"),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a token or authorization URL whose path is not the provider's (Coupa:
    /// `/oauth2/token` and `/oauth2/authorizations/new`), such as `/oauth/token` or the
    /// `/oauth2/access_tokens` artifact of Coupa's `OpenAPI` file.
    ///
    /// ## Why is this bad?
    /// The token request answers 404 or an HTML login page, which shows up only at run time as
    /// "invalid token response".
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
    ///   token_url: https://{{ instance.domain }}/oauth2/access_tokens
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
    pub(crate) struct WrongAuthPath {
        code: "P010",
        name: "wrong-auth-path",
        family: Provider,
        severity: Error,
        summary: "the token or authorization URL path is not the provider's",
    }
}

impl Check for WrongAuthPath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let Auth::Oauth2(oauth2) = &ctx.spec.auth else {
            return;
        };
        let mut checks = vec![("/auth/token_url", catalog.token_path.as_str(), "token")];
        if matches!(oauth2, OAuth2::AuthorizationCode(_)) {
            checks.push((
                "/auth/authorization_url",
                catalog.authorization_path.as_str(),
                "authorization",
            ));
        }
        for (pointer, expected, what) in checks {
            let Some(template) = ctx.template(pointer) else {
                continue;
            };
            let url = UrlParts::parse(&template.text);
            let host = url.host_name();
            let on_instance = host.contains("{{") || catalog.host_kind(host).is_some();
            if !on_instance || url.path == expected {
                continue;
            }
            let span = if url.path.is_empty() {
                template.span
            } else {
                ctx.template_span(template, url.path_offset, url.path_offset + url.path.len())
            };
            out.push(
                self.diagnostic(format!(
                    "{} {what} endpoint is `{expected}`, not `{}`",
                    catalog.display_name,
                    if url.path.is_empty() { "/" } else { url.path }
                ))
                .with_span(span)
                .with_label("wrong path")
                .with_help(format!("use `https://{}{expected}`", url.host)),
            );
        }
    }
}

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

/// What is wrong with `host` for `catalog`, if anything.
pub(crate) fn host_problem(catalog: &Catalog, host: &str) -> Option<String> {
    let host = host.trim().to_ascii_lowercase();
    let name = host.split(':').next().unwrap_or(&host);
    if super::helpers::url::is_loopback(name) {
        return None;
    }
    if catalog.not_api_hosts.iter().any(|h| h == name) {
        return Some(format!(
            "`{name}` is not the {} Core API",
            catalog.display_name
        ));
    }
    match catalog.host_kind(name) {
        Some(HostKind::Customer | HostKind::Partner) => None,
        Some(HostKind::Internal) => Some(format!(
            "`{name}` is {}'s own development host",
            catalog.display_name
        )),
        None => Some(format!(
            "`{name}` is not a {} instance host ({})",
            catalog.display_name,
            catalog
                .host_suffixes()
                .map(|s| format!("*{s}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
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
                if let Some(problem) = host_problem(catalog, &value.to_text()) {
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
                && let Some(problem) = host_problem(catalog, host)
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

declare_rule! {
    /// ## What it does
    /// Reports several scopes written as one list item: comma-, plus- or space-separated.
    ///
    /// ## Why is this bad?
    /// The token request sends `core.approval.read,core.user.read` as a single unknown scope;
    /// Coupa's guides say to paste scopes "without the comma", space-separated, which connspec
    /// does from a list.
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
    ///   scopes: ["core.approval.read,core.user.read"]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   get_user:
    ///     method: GET
    ///     path: /api/users/{{ inputs.id }}
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
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
    ///   scopes: [core.approval.read, core.user.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   get_user:
    ///     method: GET
    ///     path: /api/users/{{ inputs.id }}
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct CommaSeparatedScopes {
        code: "P012",
        name: "comma-separated-scopes",
        family: Provider,
        severity: Error,
        summary: "several scopes are written as one list item",
    }
}

impl Check for CommaSeparatedScopes {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(_), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        for (index, scope) in scopes.iter().enumerate() {
            if !is_joined(scope) {
                continue;
            }
            let parts: Vec<&str> = scope
                .split([',', '+', ' ', '\t'])
                .filter(|p| !p.is_empty())
                .collect();
            out.push(
                self.diagnostic(format!("{} scopes written as one item", parts.len()))
                    .with_span(ctx.span(&scope_pointer(index)))
                    .with_label("one item")
                    .with_help(format!(
                        "write each scope as its own item: [{}]",
                        parts.join(", ")
                    )),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports `offline_access` requested with the client credentials grant.
    ///
    /// ## Why is this bad?
    /// Client credentials never get a refresh token (Coupa: "provides only access token and
    /// expiry"); a new token is minted instead. The scope suggests a refresh flow that will
    /// not happen.
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
    ///   scopes: [core.approval.read, offline_access]
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
    pub(crate) struct OfflineAccessWithClientCredentials {
        code: "P013",
        name: "offline-access-with-client-credentials",
        family: Provider,
        severity: Warning,
        summary: "`offline_access` is requested with client credentials, which get no refresh token",
    }
}

impl Check for OfflineAccessWithClientCredentials {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let Auth::Oauth2(OAuth2::ClientCredentials(grant)) = &ctx.spec.auth else {
            return;
        };
        let refresh_scope = catalog.refresh_scope.as_deref().unwrap_or("offline_access");
        for (index, scope) in grant.scopes.iter().enumerate() {
            if scope == refresh_scope {
                out.push(
                    self.diagnostic(format!(
                        "`{refresh_scope}` has no effect with client credentials"
                    ))
                    .with_span(ctx.span(&scope_pointer(index)))
                    .with_label("no refresh token is issued")
                    .with_help(
                        "remove it; connspec and Agent Studio mint a new token when one expires",
                    ),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a legacy authentication header the provider no longer accepts (Coupa's
    /// `X-COUPA-API-KEY`, unsupported since R35).
    ///
    /// ## Why is this bad?
    /// Every request answers 401; API keys are no longer issued, so the connector cannot be
    /// fixed without moving to OAuth2.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_API_KEY]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: api_key
    ///   header_name: X-COUPA-API-KEY
    ///   value_pattern: "%s"
    ///   key: "{{ secrets.COUPA_API_KEY }}"
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
    pub(crate) struct LegacyApiKeyHeader {
        code: "P014",
        name: "legacy-api-key-header",
        family: Provider,
        severity: Error,
        summary: "a legacy authentication header the provider no longer accepts",
    }
}

impl Check for LegacyApiKeyHeader {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let is_legacy = |name: &str| {
            catalog
                .legacy_headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name))
        };
        let mut pointers = Vec::new();
        if let Auth::ApiKey(api_key) = &ctx.spec.auth
            && api_key.header_name.as_deref().is_some_and(is_legacy)
        {
            pointers.push("/auth/header_name".to_owned());
        }
        pointers.extend(
            ctx.spec
                .common_headers
                .keys()
                .filter(|k| is_legacy(k))
                .map(|k| push_pointer("/common_headers", k)),
        );
        for (name, action) in &ctx.spec.actions {
            pointers.extend(
                action
                    .headers
                    .keys()
                    .filter(|k| is_legacy(k))
                    .map(|k| action_pointer(name, &["headers", k])),
            );
        }
        for pointer in pointers {
            out.push(
                self.diagnostic(format!(
                    "{} no longer accepts this API key header",
                    catalog.display_name
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label("removed")
                .with_help("authenticate with OAuth2 client credentials"),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports query parameters that break the provider's conventions: a filter operator that
    /// does not exist (`status[equals]=…`), or a `return_object` value that is not one of
    /// `limited`, `shallow`, `none` (and `none` on a GET, which returns nothing).
    ///
    /// ## Why is this bad?
    /// Unknown operators are ignored or rejected, so the filter silently returns everything.
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///     query: { "updated_at[after]": "2024-01-01" }
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
    ///     query: { "updated_at[gt]": "2024-01-01" }
    /// ```
    pub(crate) struct InvalidQueryConvention {
        code: "P015",
        name: "invalid-query-convention",
        family: Provider,
        severity: Error,
        summary: "a filter operator or `return_object` value the provider does not have",
    }
}

impl Check for InvalidQueryConvention {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            for (key, value) in &action.query {
                let pointer = action_pointer(name, &["query", key]);
                if key == "return_object" && !catalog.return_object_values.is_empty() {
                    let text = value.to_text();
                    if text.contains("{{") {
                        continue;
                    }
                    if !catalog.return_object_values.iter().any(|v| *v == text) {
                        out.push(
                            self.diagnostic(format!(
                                "`return_object` must be one of {}",
                                catalog.return_object_values.join(", ")
                            ))
                            .with_span(ctx.span(&pointer))
                            .with_label("unknown value"),
                        );
                    } else if text == "none" && action.method == Method::Get {
                        out.push(
                            self.diagnostic(
                                "`return_object: none` on a GET returns nothing".to_owned(),
                            )
                            .with_span(ctx.span(&pointer))
                            .with_label("empty response")
                            .with_help("use `limited` or `shallow`, or drop the parameter"),
                        );
                    }
                    continue;
                }
                let Some(open) = key.rfind('[') else {
                    continue;
                };
                let Some(operator) = key[open + 1..].strip_suffix(']') else {
                    continue;
                };
                if catalog.filter_operators.is_empty()
                    || catalog.filter_operators.iter().any(|o| o == operator)
                {
                    continue;
                }
                // `supplier[name]` filters on an association's attribute, not an operator.
                if !catalog
                    .filter_operators
                    .iter()
                    .any(|o| strsim::jaro_winkler(o, operator) >= 0.75)
                    && !matches!(
                        operator,
                        "after" | "before" | "equals" | "eq" | "gte" | "lte" | "ne" | "like"
                    )
                {
                    continue;
                }
                let mut diagnostic = self
                    .diagnostic(format!(
                        "`{operator}` is not a {} filter operator",
                        catalog.display_name
                    ))
                    .with_span(ctx.key_span(&pointer))
                    .with_label("unknown operator");
                let operators: Vec<&str> = catalog
                    .filter_operators
                    .iter()
                    .map(String::as_str)
                    .collect();
                let known = match operator {
                    "after" => Some("gt"),
                    "before" => Some("lt"),
                    "gte" => Some("gt_or_eq"),
                    "lte" => Some("lt_or_eq"),
                    "ne" => Some("not_eq"),
                    "like" => Some("contains"),
                    _ => did_you_mean(operator, operators.iter().copied()),
                };
                diagnostic = match known {
                    Some(k) => {
                        diagnostic.with_help(format!("did you mean `{}[{k}]`?", &key[..open]))
                    }
                    None => diagnostic.with_help(format!("operators: {}", operators.join(", "))),
                };
                out.push(diagnostic);
            }
        }
    }
}
