//! T rules: template syntax, variables and where secrets may appear.

use std::collections::HashSet;

use connspec_diagnostics::Diagnostic;
use connspec_model::yaml::push_pointer;

use super::{did_you_mean, is_credential_header};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::{Site, TemplateString, VariableRef};

const NAMESPACES: &[&str] = &["instance", "secrets", "inputs", "meta_info"];

declare_rule! {
    /// ## What it does
    /// Reports a template that minijinja cannot parse, at the column of the fault inside the
    /// YAML string.
    ///
    /// ## Why is this bad?
    /// The value cannot be rendered for any target, so neither Agent Studio settings nor a live
    /// test can be produced from it.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct TemplateSyntaxError {
        code: "T001",
        name: "template-syntax-error",
        family: Template,
        severity: Error,
        summary: "a template cannot be parsed",
    }
}

impl Check for TemplateSyntaxError {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let Some(error) = &template.error else {
                continue;
            };
            let span = match error.range {
                Some((start, end)) => ctx.template_span(template, start, end.max(start)),
                None => template.span,
            };
            out.push(
                self.diagnostic(format!("template syntax error: {}", error.message))
                    .with_span(span)
                    .with_label("here")
                    .with_help("expressions are written `{{ namespace.name }}`"),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a template variable that is not declared: an instance parameter or secret
    /// that the spec does not declare, a misspelt namespace, or a namespace used where it is
    /// not defined (`inputs` and `meta_info` exist only in actions). Suggests the closest
    /// declared name.
    ///
    /// ## Why is this bad?
    /// Rendering is strict: an undefined variable fails the compile and the live test, and a
    /// lenient renderer would silently produce `https:///oauth2/token`.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domian }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct UndefinedVariable {
        code: "T002",
        name: "undefined-variable",
        family: Template,
        severity: Error,
        summary: "a template uses a variable that is not declared",
    }
}

impl Check for UndefinedVariable {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let instance_names: Vec<&str> = ctx.spec.instance.keys().map(String::as_str).collect();
        let secret_names = ctx.secret_names();
        for template in &ctx.templates {
            for variable in &template.variables {
                let problem = match (variable.namespace(), variable.name()) {
                    ("inputs" | "meta_info", _) if template.site.action().is_some() => None,
                    ("inputs" | "meta_info", _) => Some((
                        format!("`{}` is only defined in actions", variable.namespace()),
                        None,
                    )),
                    (namespace @ ("instance" | "secrets"), None) => Some((
                        format!("`{namespace}` needs a name: `{namespace}.NAME`"),
                        None,
                    )),
                    ("instance", Some(name)) if !instance_names.contains(&name) => Some((
                        format!("`instance.{name}` is not a declared instance parameter"),
                        did_you_mean(name, instance_names.iter().copied())
                            .map(|s| format!("instance.{s}")),
                    )),
                    ("secrets", Some(name)) if !secret_names.contains(&name) => Some((
                        format!("`secrets.{name}` is not a declared secret"),
                        did_you_mean(name, secret_names.iter().copied())
                            .map(|s| format!("secrets.{s}")),
                    )),
                    ("instance" | "secrets", Some(_)) => None,
                    (namespace, _) => Some((
                        format!("unknown variable `{}`", variable.path),
                        suggest_namespace(ctx, template, variable, namespace),
                    )),
                };
                let Some((message, suggestion)) = problem else {
                    continue;
                };
                let span = ctx.template_span(
                    template,
                    variable.offset,
                    variable.offset + variable.path.len(),
                );
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => match variable.namespace() {
                        "instance" => "declare it under `instance:`".to_owned(),
                        "secrets" => "add it to `secrets:`".to_owned(),
                        _ => format!("variables live in {}", namespaces_list()),
                    },
                };
                out.push(
                    self.diagnostic(message)
                        .with_span(span)
                        .with_label("undefined")
                        .with_help(help),
                );
            }
        }
    }
}

fn namespaces_list() -> String {
    NAMESPACES
        .iter()
        .map(|n| format!("`{n}.*`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// For `{{ instnce.domain }}` suggests `instance.domain`; for a bare `{{ status }}` (Moveworks
/// syntax) suggests `inputs.status` or `instance.status` when such a name is declared.
fn suggest_namespace(
    ctx: &Context<'_>,
    template: &TemplateString,
    variable: &VariableRef,
    namespace: &str,
) -> Option<String> {
    if let Some(rest) = variable
        .path
        .strip_prefix(namespace)
        .filter(|r| !r.is_empty())
        && let Some(close) = did_you_mean(namespace, NAMESPACES.iter().copied())
    {
        return Some(format!("{close}{rest}"));
    }
    if variable.name().is_none() {
        if let Some(action) = template.site.action()
            && ctx
                .spec
                .actions
                .get(action)
                .is_some_and(|a| a.inputs.contains_key(namespace))
        {
            return Some(format!("inputs.{namespace}"));
        }
        if ctx.spec.instance.contains_key(namespace) {
            return Some(format!("instance.{namespace}"));
        }
    }
    None
}

declare_rule! {
    /// ## What it does
    /// Reports an instance parameter that no template uses.
    ///
    /// ## Why is this bad?
    /// Every instance file must give a value for it, for nothing; or a template meant to use it
    /// uses something else.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    ///   region: { format: string }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// instance:
    ///   domain: { format: hostname }
    /// base_url: https://{{ instance.domain }}
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct UnusedInstanceParameter {
        code: "T003",
        name: "unused-instance-parameter",
        family: Template,
        severity: Warning,
        summary: "an instance parameter is declared but never used",
    }
}

/// Whether some template references an undeclared name in `namespace`; then "unused" is
/// uncertain (the reference is probably a typo of the unused name), so it is not reported.
fn has_undeclared(ctx: &Context<'_>, namespace: &str, declared: &[&str]) -> bool {
    ctx.templates.iter().any(|t| t.error.is_some())
        || ctx
            .templates
            .iter()
            .flat_map(|t| t.variables_in(namespace))
            .any(|v| v.name().is_none_or(|n| !declared.contains(&n)))
        || ctx
            .templates
            .iter()
            .flat_map(|t| &t.variables)
            .any(|v| !NAMESPACES.contains(&v.namespace()))
}

impl Check for UnusedInstanceParameter {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let declared: Vec<&str> = ctx.spec.instance.keys().map(String::as_str).collect();
        if has_undeclared(ctx, "instance", &declared) {
            return;
        }
        let used: HashSet<&str> = ctx
            .templates
            .iter()
            .flat_map(|t| t.variables_in("instance"))
            .filter_map(VariableRef::name)
            .collect();
        for name in ctx.spec.instance.keys() {
            if !used.contains(name.as_str()) {
                out.push(
                    self.diagnostic(format!("instance parameter `{name}` is never used"))
                        .with_span(ctx.key_span(&push_pointer("/instance", name)))
                        .with_label("declared here")
                        .with_help(format!(
                            "use it as `{{{{ instance.{name} }}}}` or remove it"
                        )),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an action input that the action's path, headers, query and body never use.
    ///
    /// ## Why is this bad?
    /// The reasoning engine collects a value for it from the user, and the value goes nowhere;
    /// usually the template that should use it is missing or misspelt.
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
    ///     inputs:
    ///       status: { type: string }
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
    ///     query: { status: "{{ inputs.status }}" }
    ///     inputs:
    ///       status: { type: string }
    /// ```
    pub(crate) struct UnusedInput {
        code: "T004",
        name: "unused-input",
        family: Template,
        severity: Warning,
        summary: "an action input is declared but never used",
    }
}

impl Check for UnusedInput {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (action_name, action) in &ctx.spec.actions {
            let templates: Vec<&TemplateString> = ctx
                .templates
                .iter()
                .filter(|t| t.site.action() == Some(action_name.as_str()))
                .collect();
            let declared: Vec<&str> = action.inputs.keys().map(String::as_str).collect();
            let typo = templates.iter().any(|t| {
                t.error.is_some()
                    || t.variables_in("inputs")
                        .any(|v| v.name().is_none_or(|n| !declared.contains(&n)))
                    || t.variables
                        .iter()
                        .any(|v| !NAMESPACES.contains(&v.namespace()))
            });
            if typo {
                continue;
            }
            let used: HashSet<&str> = templates
                .iter()
                .flat_map(|t| t.variables_in("inputs"))
                .filter_map(VariableRef::name)
                .collect();
            for input in action.inputs.keys() {
                if !used.contains(input.as_str()) {
                    let pointer = super::action_pointer(action_name, &["inputs", input]);
                    out.push(
                        self.diagnostic(format!(
                            "input `{input}` of action `{action_name}` is never used"
                        ))
                        .with_span(ctx.key_span(&pointer))
                        .with_label("declared here")
                        .with_help(format!(
                            "use it as `{{{{ inputs.{input} }}}}` in the path, a header, the query or the body"
                        )),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports `{{ inputs.NAME }}` where the action declares no input `NAME`, and suggests the
    /// closest declared input.
    ///
    /// ## Why is this bad?
    /// Agent Studio only fills in declared input arguments; the request would be sent with the
    /// placeholder unfilled or fail to render.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_item:
    ///     method: GET
    ///     path: /items/{{ inputs.item_id }}
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   get_item:
    ///     method: GET
    ///     path: /items/{{ inputs.id }}
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct UndeclaredInput {
        code: "T005",
        name: "undeclared-input",
        family: Template,
        severity: Error,
        summary: "a template uses an input the action does not declare",
    }
}

impl Check for UndeclaredInput {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let Some(action_name) = template.site.action() else {
                continue;
            };
            let Some(action) = ctx.spec.actions.get(action_name) else {
                continue;
            };
            let declared: Vec<&str> = action.inputs.keys().map(String::as_str).collect();
            for variable in template.variables_in("inputs") {
                let Some(name) = variable.name() else {
                    out.push(
                        self.diagnostic("`inputs` needs a name: `inputs.NAME`".to_owned())
                            .with_span(ctx.template_span(
                                template,
                                variable.offset,
                                variable.offset + variable.path.len(),
                            )),
                    );
                    continue;
                };
                if declared.contains(&name) {
                    continue;
                }
                let span = ctx.template_span(
                    template,
                    variable.offset,
                    variable.offset + variable.path.len(),
                );
                let help = match did_you_mean(name, declared.iter().copied()) {
                    Some(s) => format!("did you mean `inputs.{s}`?"),
                    None => format!("declare it under `actions.{action_name}.inputs`"),
                };
                out.push(
                    self.diagnostic(format!("action `{action_name}` declares no input `{name}`"))
                        .with_span(span)
                        .with_label("undeclared input")
                        .with_help(help),
                );
            }
        }
    }
}

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
