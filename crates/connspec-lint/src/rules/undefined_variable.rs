//! T002 `undefined-variable`: a template uses a variable that is not declared.

use connspec_diagnostics::Diagnostic;

use super::helpers::did_you_mean;
use super::helpers::namespaces::NAMESPACES;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::{TemplateString, VariableRef};

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
