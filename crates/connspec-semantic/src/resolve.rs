//! Resolution: a spec's fields rendered for one instance, every field once.
//!
//! Fields are keyed by their JSON Pointer in the spec (`/auth/token_url`,
//! `/actions/list/query/status`), the pointers the span table uses, so a consumer asks for a
//! field by where it is written and every diagnostic points at exactly that place. A field with
//! a static fault ([`crate::check`]) is not rendered: its fault is already in
//! [`Semantic::diagnostics`], reported once.

use std::collections::{BTreeMap, HashMap};

use connspec_model::spec::{Auth, ConnectorSpec};
use connspec_model::yaml::push_pointer;
use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::instance::{Overrides, resolve_values};
use crate::policy::{Trust, check_hosts};
use crate::render::{InputMode, Rendered, Renderer, Scope, json_to_value};
use crate::{InstanceInput, Located, Origin, Semantic, SpecInput};

/// A spec resolved for one instance: every parameter's value and every field rendered.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Every declared instance parameter's value, in declaration order.
    pub values: IndexMap<String, Json>,
    fields: HashMap<String, Rendered>,
}

impl Resolved {
    /// The rendered field at `pointer` (empty when it failed to render or does not exist).
    pub fn field(&self, pointer: &str) -> &Rendered {
        static EMPTY: Rendered = Rendered {
            segments: Vec::new(),
        };
        self.fields.get(pointer).unwrap_or(&EMPTY)
    }

    /// The grant's scopes as rendered: scopes may use instance values.
    pub fn scopes(&self, spec: &ConnectorSpec) -> Vec<String> {
        let Auth::Oauth2(oauth2) = &spec.auth else {
            return Vec::new();
        };
        (0..oauth2.scopes().len())
            .map(|index| {
                self.field(&format!("/auth/scopes/{index}"))
                    .lower(|_| String::new())
            })
            .collect()
    }
}

/// Resolves `spec` for `instance`: checks and resolves the instance values, renders every
/// field that passed the static check, and checks where credentials would go. Diagnostics are
/// the instance's faults, the faults found while rendering and the hosts nobody vouches for
/// ([`crate::policy`]); the static ones are in `semantic.diagnostics`.
pub fn resolve(
    spec: SpecInput<'_>,
    semantic: &Semantic,
    instance: InstanceInput<'_>,
    overrides: &Overrides,
    trust: &Trust,
    input_mode: InputMode,
) -> (Resolved, Vec<Located>) {
    let (values, mut diagnostics) = resolve_values(spec, instance, overrides, trust);
    let instance_values = json_to_value(&Json::Object(
        values.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    ));
    let scope = Scope {
        instance_params: spec.spec.instance.keys().map(String::as_str).collect(),
        instance_values,
        secrets: spec
            .spec
            .secrets
            .iter()
            .map(connspec_model::spec::SecretDeclaration::name)
            .collect(),
        inputs: spec
            .spec
            .actions
            .iter()
            .map(|(name, action)| {
                (
                    name.as_str(),
                    action.inputs.keys().map(String::as_str).collect(),
                )
            })
            .collect::<BTreeMap<_, _>>(),
        examples: spec
            .spec
            .actions
            .iter()
            .map(|(name, action)| {
                let examples = action
                    .inputs
                    .iter()
                    .filter_map(|(input, declared)| {
                        let example = declared.example.as_ref()?;
                        Some((input.as_str(), crate::render::printed_text(example)))
                    })
                    .collect();
                (name.as_str(), examples)
            })
            .collect(),
        input_mode,
    };
    let renderer = Renderer::new(scope, spec.file);
    let mut fields = HashMap::new();
    let mut found = Vec::new();
    for (index, field) in semantic.table.iter().enumerate() {
        if semantic.faulty.contains(&index) {
            continue;
        }
        if let Some(rendered) = renderer.render(field, &mut found) {
            fields.insert(field.pointer.clone(), rendered);
        }
    }
    diagnostics.extend(found.into_iter().map(|diagnostic| Located {
        origin: Origin::Spec,
        diagnostic,
    }));
    // Query values that are numbers or booleans are printed as written.
    for (name, action) in &spec.spec.actions {
        for (key, value) in &action.query {
            if !value.0.is_string() {
                let pointer =
                    push_pointer(&format!("{}/query", push_pointer("/actions", name)), key);
                fields.insert(pointer, Rendered::text(value.0.to_string()));
            }
        }
    }
    let resolved = Resolved { values, fields };
    // Hosts are judged on complete values only: a missing one is already an error.
    if !diagnostics
        .iter()
        .any(|d| d.diagnostic.severity == connspec_diagnostics::Severity::Error)
    {
        diagnostics.extend(check_hosts(spec, semantic, &resolved, instance, trust));
    }
    (resolved, diagnostics)
}
