//! M rules: what Moveworks Agent Studio accepts and can express.

use std::collections::HashMap;

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::Auth;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

fn is_identifier(name: &str, max_len: usize, min_len: usize) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (min_len..=max_len).contains(&name.len())
}

declare_rule! {
    /// ## What it does
    /// Reports a connector name that Agent Studio does not accept: it must match
    /// `^[a-zA-Z][a-zA-Z0-9_]+$` and be 2 to 64 characters long.
    ///
    /// ## Why is this bad?
    /// Agent Studio rejects the connector, and the name cannot be changed once a connector is
    /// created, so a name fixed later means a new connector.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa-approvals
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_approvals
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct InvalidConnectorName {
        code: "M001",
        name: "invalid-connector-name",
        family: Target,
        severity: Error,
        summary: "the connector name is not valid in Agent Studio",
    }
}

impl Check for InvalidConnectorName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let name = &ctx.spec.name;
        if is_identifier(name, 64, 2) {
            return;
        }
        let suggestion: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut diagnostic = self
            .diagnostic(format!(
                "connector name `{name}` is not valid in Agent Studio"
            ))
            .with_span(ctx.span("/name"))
            .with_label("letters, digits and `_`, starting with a letter, 2–64 long");
        if is_identifier(&suggestion, 64, 2) {
            diagnostic = diagnostic.with_help(format!("use `{suggestion}`"));
        }
        out.push(diagnostic.with_note("the name cannot be changed once the connector exists"));
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action path that does not start with `/`, holds a query string, or repeats
    /// the base URL.
    ///
    /// ## Why is this bad?
    /// Agent Studio appends the Endpoint URL to the Base URL and requires it to start with `/`;
    /// query parameters "cannot be saved in the Endpoint URL", they belong in `query`.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: "/items?status=open" }
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
    ///     query: { status: open }
    /// ```
    pub(crate) struct InvalidActionPath {
        code: "M002",
        name: "invalid-action-path",
        family: Target,
        severity: Error,
        summary: "an action path is not a path Agent Studio accepts",
    }
}

impl Check for InvalidActionPath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (name, action) in &ctx.spec.actions {
            let pointer = action_pointer(name, &["path"]);
            let Some(template) = ctx.template(&pointer) else {
                continue;
            };
            let path = action.path.as_str();
            if path.contains("://") {
                out.push(
                    self.diagnostic(format!("path of action `{name}` holds a full URL"))
                        .with_span(template.span)
                        .with_label("the base URL is prepended")
                        .with_help("keep only the part after the base URL, starting with `/`"),
                );
                continue;
            }
            if !path.starts_with('/') {
                out.push(
                    self.diagnostic(format!("path of action `{name}` does not start with `/`"))
                        .with_span(template.span)
                        .with_label("must start with `/`")
                        .with_help(format!("write `/{path}`")),
                );
            }
            if let Some(at) = path.find('?') {
                out.push(
                    self.diagnostic(format!("path of action `{name}` holds a query string"))
                        .with_span(ctx.template_span(template, at, path.len()))
                        .with_label("query string")
                        .with_help("move each parameter to `query:`"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a `Content-Type` header on an action that sends no body (a GET, or any request
    /// without `body`).
    ///
    /// ## Why is this bad?
    /// `Content-Type` describes the body sent; without a body it says nothing, and the author
    /// almost always meant `Accept`, which asks for the response format. Coupa, for one,
    /// answers XML unless asked for JSON with `Accept`.
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
        severity: Warning,
        summary: "`Content-Type` is set on a request without a body",
    }
}

impl Check for ContentTypeWithoutBody {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (name, action) in &ctx.spec.actions {
            if action.body.is_some() {
                continue;
            }
            for (header, value) in &action.headers {
                if !header.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let pointer = action_pointer(name, &["headers", header]);
                out.push(
                    self.diagnostic(format!(
                        "`{header}` on action `{name}`, which sends no body"
                    ))
                    .with_span(ctx.key_span(&pointer))
                    .with_label("describes a body that is not there")
                    .with_help(format!("did you mean `Accept: {value}`?")),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports two actions whose names differ only in case.
    ///
    /// ## Why is this bad?
    /// Compound actions call HTTP actions by name, and names that differ only in case are easy
    /// to confuse and collide in case-insensitive tools. (Identical names are a YAML duplicate
    /// key, reported as S002.)
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    ///   List_Items: { method: GET, path: /items/archived }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    ///   list_archived_items: { method: GET, path: /items/archived }
    /// ```
    pub(crate) struct DuplicateActionName {
        code: "M004",
        name: "duplicate-action-name",
        family: Target,
        severity: Error,
        summary: "two action names differ only in case",
    }
}

impl Check for DuplicateActionName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for name in ctx.spec.actions.keys() {
            let folded = name.to_ascii_lowercase();
            if let Some(first) = seen.get(&folded) {
                out.push(
                    self.diagnostic(format!(
                        "action `{name}` differs from `{first}` only in case"
                    ))
                    .with_span(ctx.key_span(&action_pointer(name, &[])))
                    .with_label("second action")
                    .with_secondary(ctx.key_span(&action_pointer(first, &[])), "first action")
                    .with_help("give each action a distinct name"),
                );
            } else {
                seen.insert(folded, name);
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a template that Agent Studio cannot express: a filter (`{{ x | upper }}`), an
    /// expression (`{{ a ~ b }}`) or a statement (`{% if %}`) in a value that is pasted into
    /// Agent Studio.
    ///
    /// ## Why is this bad?
    /// Agent Studio substitutes plain `{{variable}}` placeholders only. Anything else can be
    /// rendered for a live test but not reproduced in the pasted connector, so the two would
    /// behave differently.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   search:
    ///     method: GET
    ///     path: /items
    ///     query: { q: "{{ inputs.term | lower }}" }
    ///     inputs:
    ///       term: { type: string }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   search:
    ///     method: GET
    ///     path: /items
    ///     query: { q: "{{ inputs.term }}" }
    ///     inputs:
    ///       term: { type: string }
    /// ```
    pub(crate) struct TemplateNotExpressible {
        code: "M005",
        name: "template-not-expressible",
        family: Target,
        severity: Warning,
        summary: "a template uses more than plain variables, which Agent Studio cannot express",
    }
}

impl Check for TemplateNotExpressible {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            if template.error.is_some() {
                continue;
            }
            for block in &template.blocks {
                if block.is_plain_variable() {
                    continue;
                }
                let what = if block.is_statement {
                    "a statement"
                } else {
                    "an expression"
                };
                out.push(
                    self.diagnostic(format!(
                        "{what} that Agent Studio cannot express: `{}`",
                        template
                            .text
                            .get(block.start..block.end)
                            .unwrap_or_default()
                    ))
                    .with_span(ctx.template_span(template, block.start, block.end))
                    .with_label("only `{{ namespace.name }}` is substituted")
                    .with_help("use a plain variable; transform values in a compound action"),
                );
            }
        }
    }
}

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
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /items
    ///     headers: { Authorization: "Bearer {{ secrets.API_TOKEN }}" }
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

declare_rule! {
    /// ## What it does
    /// Reports an action name that compound actions cannot call: it must start with a letter
    /// and hold only letters, digits and `_`, at most 64 characters.
    ///
    /// ## Why is this bad?
    /// Compound actions refer to HTTP actions by `action_name`; a name with spaces, dashes or
    /// dots cannot be referenced reliably.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list-items: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    /// ```
    pub(crate) struct InvalidActionName {
        code: "M007",
        name: "invalid-action-name",
        family: Target,
        severity: Error,
        summary: "an action name is not a valid identifier",
    }
}

impl Check for InvalidActionName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for name in ctx.spec.actions.keys() {
            if is_identifier(name, 64, 1) {
                continue;
            }
            let suggestion: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut diagnostic = self
                .diagnostic(format!("action name `{name}` is not a valid identifier"))
                .with_span(ctx.key_span(&action_pointer(name, &[])))
                .with_label("letters, digits and `_`, starting with a letter");
            if is_identifier(&suggestion, 64, 1) {
                diagnostic = diagnostic.with_help(format!("use `{suggestion}`"));
            }
            out.push(diagnostic);
        }
    }
}
