//! The static faults of a spec's templates, decided once on the field table.
//!
//! `connspec check` reports these through the lint rules that forward each code, and
//! `connspec compile` and `connspec test` refuse a field with any of them before rendering it,
//! so every stage reports the same fault with the same code at the same span.

use connspec_diagnostics::{Diagnostic, Edit, Fix, SourceFile};
use connspec_model::spec::ConnectorSpec;

use crate::codes::{
    INEXPRESSIBLE_TEMPLATE, SECRET_IN_PRINTED_FIELD, TEMPLATE_SYNTAX, UNDECLARED_INPUT,
    UNDEFINED_VARIABLE, UNRENDERED_TEMPLATE,
};
use crate::field::{Field, FieldTable, NAMESPACES, VariableRef};
use crate::{SpecInput, did_you_mean};

/// Template syntax in fields that are copied as written (never rendered).
pub fn literal_faults(table: &FieldTable) -> Vec<Diagnostic> {
    table
        .literals_with_braces
        .iter()
        .map(|literal| {
            Diagnostic::error(
                &UNRENDERED_TEMPLATE,
                "template syntax in a field that is copied as written, never rendered".to_owned(),
            )
            .with_span(literal.span)
            .with_label("printed as it is")
            .with_help(
                "templates are rendered in the base URL, auth values, scopes, headers and \
                 actions; write this text literally",
            )
        })
        .collect()
}

/// The static faults of one field; a field with any of them is not rendered.
pub fn check_field(input: SpecInput<'_>, field: &Field, out: &mut Vec<Diagnostic>) {
    let file = input.file;
    if let Some(error) = &field.error {
        let span = match error.range {
            Some((start, end)) => field.sub_span(file, start, end.max(start)),
            None => field.span,
        };
        out.push(
            Diagnostic::error(
                &TEMPLATE_SYNTAX,
                format!("template syntax error: {}", error.message),
            )
            .with_span(span)
            .with_label("here")
            .with_help("expressions are written `{{ namespace.name }}`"),
        );
        return;
    }
    for variable in &field.variables {
        if let Some(diagnostic) = undefined(input, field, variable) {
            out.push(diagnostic);
        }
    }
    if !field.role.may_hold_secret() {
        for variable in field.variables_in("secrets") {
            out.push(
                Diagnostic::error(
                    &SECRET_IN_PRINTED_FIELD,
                    format!(
                        "secret `{}` used in {}",
                        variable.path,
                        field.site.describe()
                    ),
                )
                .with_span(field.variable_span(file, variable))
                .with_label("would be printed")
                .with_help(secret_help(field)),
            );
        }
    }
    for block in &field.blocks {
        if block.is_plain_variable() {
            continue;
        }
        // A string literal that spells template syntax renders it (`{{ '{{CLIENT_SECRET}}' }}`);
        // other ways of building it are caught when the field is rendered.
        if let Some(opener) = crate::render::TARGET_SYNTAX
            .iter()
            .find(|o| block.inner.contains(**o))
        {
            out.push(
                Diagnostic::error(
                    &UNRENDERED_TEMPLATE,
                    format!("this template renders `{opener}`, template syntax of the targets"),
                )
                .with_span(field.sub_span(file, block.start, block.end))
                .with_label("Agent Studio, Postman and Hurl would substitute it again")
                .with_help("render the value itself, not text that looks like a template"),
            );
            continue;
        }
        let runtime_value = field.variables.iter().find(|v| {
            matches!(v.namespace(), "inputs" | "secrets" | "meta_info")
                && v.offset >= block.start
                && v.offset < block.end
        });
        let Some(variable) = runtime_value else {
            continue;
        };
        let what = if block.is_statement {
            "a statement"
        } else {
            "an expression"
        };
        out.push(
            Diagnostic::error(
                &INEXPRESSIBLE_TEMPLATE,
                format!(
                    "{what} over `{}` that Agent Studio cannot express: `{}`",
                    variable.path,
                    field.text.get(block.start..block.end).unwrap_or_default()
                ),
            )
            .with_span(field.sub_span(file, block.start, block.end))
            .with_label("only `{{ namespace.name }}` is substituted")
            .with_help(format!(
                "insert `{{{{ {} }}}}` as it is; transform values in a compound action",
                variable.path
            )),
        );
    }
}

fn secret_help(field: &Field) -> &'static str {
    match field.role {
        crate::field::Role::Header => {
            "put the secret in `common_headers` (stored encrypted, as a Credential) or in the \
             auth config; action headers are plain text"
        }
        _ => "pass secrets through `auth` or `common_headers`, which are stored encrypted",
    }
}

/// A variable that is not defined where it is used, with the closest declared name.
fn undefined(input: SpecInput<'_>, field: &Field, variable: &VariableRef) -> Option<Diagnostic> {
    let (file, spec) = (input.file, input.spec);
    // Most variables are declared: answer that without building candidate lists or spans,
    // which only a finding needs (this runs for every variable of every spec checked).
    let declared = |namespace: &str, name: &str| match namespace {
        "instance" => spec.instance.contains_key(name),
        _ => spec.secrets.iter().any(|s| s.name() == name),
    };
    match (variable.namespace(), variable.name()) {
        (namespace @ ("instance" | "secrets"), Some(name)) if declared(namespace, name) => {
            return None;
        }
        ("meta_info", _) if field.allows("meta_info") => return None,
        ("inputs", Some(name))
            if field
                .action()
                .and_then(|action| spec.actions.get(action))
                .is_some_and(|action| action.inputs.contains_key(name)) =>
        {
            return None;
        }
        _ => {}
    }
    let instance_names: Vec<&str> = spec.instance.keys().map(String::as_str).collect();
    let secret_names: Vec<&str> = spec
        .secrets
        .iter()
        .map(connspec_model::spec::SecretDeclaration::name)
        .collect();
    let span = field.variable_span(file, variable);
    let code = &UNDEFINED_VARIABLE;
    let (message, suggestion) = match (variable.namespace(), variable.name()) {
        ("inputs", name) if field.allows("inputs") => {
            return undeclared_input(input, field, variable, name).map(|d| d.with_span(span));
        }
        ("meta_info", _) if field.allows("meta_info") => return None,
        (namespace @ ("inputs" | "meta_info"), _) => {
            (format!("`{namespace}` is only defined in actions"), None)
        }
        (namespace @ ("instance" | "secrets"), None) => (
            format!("`{namespace}` needs a name: `{namespace}.NAME`"),
            None,
        ),
        ("instance", Some(name)) if !instance_names.contains(&name) => (
            format!("`instance.{name}` is not a declared instance parameter"),
            did_you_mean(name, instance_names.iter().copied()).map(|s| format!("instance.{s}")),
        ),
        ("secrets", Some(name)) if !secret_names.contains(&name) => (
            format!("`secrets.{name}` is not a declared secret"),
            did_you_mean(name, secret_names.iter().copied()).map(|s| format!("secrets.{s}")),
        ),
        ("instance" | "secrets", Some(_)) => return None,
        (namespace, _) => (
            format!("unknown variable `{}`", variable.path),
            suggest_namespace(spec, field, variable, namespace),
        ),
    };
    let fix = suggestion
        .as_deref()
        .and_then(|s| rename_variable(file, field, variable, s));
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => match variable.namespace() {
            "instance" => "declare it under `instance:`".to_owned(),
            "secrets" => "add it to `secrets:`".to_owned(),
            _ => format!(
                "variables live in {}",
                NAMESPACES
                    .iter()
                    .map(|n| format!("`{n}.*`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let diagnostic = Diagnostic::error(code, message)
        .with_span(span)
        .with_label("undefined")
        .with_help(help);
    Some(match fix {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    })
}

/// Replaces the variable `{{ … }}` refers to with `to`, where its text is in the file as
/// written (not behind an escape): safe for a typo (two edits at most), else shown only.
fn rename_variable(
    file: &SourceFile,
    field: &Field,
    variable: &VariableRef,
    to: &str,
) -> Option<Fix> {
    let span = field.variable_span(file, variable);
    if file.text().get(span.start..span.end) != Some(variable.path.as_str()) {
        return None;
    }
    let edits = vec![Edit::replacement(span, to.to_owned())];
    let title = format!("replace with `{to}`");
    Some(if strsim::damerau_levenshtein(&variable.path, to) <= 2 {
        Fix::safe(title, edits)
    } else {
        Fix::display_only(title, edits)
    })
}

/// `{{ inputs.NAME }}` where the action declares no input `NAME`.
fn undeclared_input(
    input: SpecInput<'_>,
    field: &Field,
    variable: &VariableRef,
    name: Option<&str>,
) -> Option<Diagnostic> {
    let spec = input.spec;
    let action_name = field.action()?;
    let action = spec.actions.get(action_name)?;
    let Some(name) = name else {
        return Some(Diagnostic::error(
            &UNDECLARED_INPUT,
            "`inputs` needs a name: `inputs.NAME`".to_owned(),
        ));
    };
    if action.inputs.contains_key(name) {
        return None;
    }
    let declared: Vec<&str> = action.inputs.keys().map(String::as_str).collect();
    let (help, fix) = match did_you_mean(name, declared.iter().copied()) {
        Some(s) => (
            format!("did you mean `inputs.{s}`?"),
            rename_variable(input.file, field, variable, &format!("inputs.{s}")),
        ),
        None => (
            format!("declare it under `actions.{action_name}.inputs`"),
            declare_input(input, action_name, name),
        ),
    };
    let diagnostic = Diagnostic::error(
        &UNDECLARED_INPUT,
        format!("action `{action_name}` declares no input `{name}`"),
    )
    .with_label("undeclared input")
    .with_help(help);
    Some(match fix {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    })
}

/// Declares `name` as a string input of `action`: in its `inputs` mapping, or a new one. A
/// string is what a template receives whatever the caller passes.
fn declare_input(input: SpecInput<'_>, action: &str, name: &str) -> Option<Fix> {
    use connspec_model::edit::insert_entry;
    use connspec_model::yaml::push_pointer;
    let text = input.file.text();
    let document = (&input.document.spans, &input.document.value);
    let action_pointer = push_pointer("/actions", action);
    let key = yaml_key(name)?;
    let edit = if input
        .spec
        .actions
        .get(action)
        .is_some_and(|a| !a.inputs.is_empty())
    {
        insert_entry(
            text,
            document,
            &push_pointer(&action_pointer, "inputs"),
            &key,
            "{ type: string }",
        )
    } else {
        insert_entry(
            text,
            document,
            &action_pointer,
            "inputs",
            &format!("{{ {key}: {{ type: string }} }}"),
        )
    }?;
    Some(Fix::safe(format!("declare input `{name}`"), vec![edit]))
}

/// `name` as a plain YAML key, when it can be one (input names are identifiers).
fn yaml_key(name: &str) -> Option<String> {
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| name.to_owned())
}

/// For `{{ instnce.domain }}` suggests `instance.domain`; for a bare `{{ status }}` (Moveworks
/// syntax) suggests `inputs.status` or `instance.status` when such a name is declared.
fn suggest_namespace(
    spec: &ConnectorSpec,
    field: &Field,
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
        if let Some(action) = field.action()
            && spec
                .actions
                .get(action)
                .is_some_and(|a| a.inputs.contains_key(namespace))
        {
            return Some(format!("inputs.{namespace}"));
        }
        if spec.instance.contains_key(namespace) {
            return Some(format!("instance.{namespace}"));
        }
    }
    None
}
