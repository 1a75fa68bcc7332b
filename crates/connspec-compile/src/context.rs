//! One compile's state: the semantic layer's resolution of the spec for one instance.
//!
//! Fields are keyed by their JSON Pointer in the spec (`/auth/token_url`,
//! `/actions/list/query/status`), the same pointers the span table uses, so a target asks for
//! a field by where it is written and diagnostics point at exactly that place.

use connspec_model::instance::InstanceFile;
use connspec_model::spec::ConnectorSpec;
use connspec_semantic::render::{InputMode, Rendered};
use connspec_semantic::{Located, Origin, Resolved, Semantic, Trust, resolve};

use crate::values::Overrides;
use crate::{CompileDiagnostic, InstanceInput, SpecInput};

/// Everything a target needs: the inputs and the resolved fields.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub spec: &'a ConnectorSpec,
    pub spec_name: &'a str,
    pub spec_input: SpecInput<'a>,
    pub instance: &'a InstanceFile,
    pub instance_name: &'a str,
    resolved: Resolved,
}

impl<'a> Context<'a> {
    /// Analyses the spec, resolves it for the instance, and returns every fault: the static
    /// ones of the spec's templates, the instance's, and those found while rendering.
    pub(crate) fn build(
        spec: SpecInput<'a>,
        instance: InstanceInput<'a>,
        overrides: &Overrides,
        trust: &Trust,
        input_mode: InputMode,
    ) -> (Self, Vec<CompileDiagnostic>) {
        let semantic = Semantic::new(spec);
        let mut diagnostics: Vec<Located> = semantic
            .diagnostics
            .iter()
            .map(|diagnostic| Located {
                origin: Origin::Spec,
                diagnostic: diagnostic.clone(),
            })
            .collect();
        let (resolved, found) = resolve(spec, &semantic, instance, overrides, trust, input_mode);
        diagnostics.extend(found);
        let context = Self {
            spec: spec.spec,
            spec_name: spec.file.name(),
            spec_input: spec,
            instance: instance.instance,
            instance_name: instance.file.name(),
            resolved,
        };
        (context, diagnostics)
    }

    /// The rendered field at `pointer` (empty when it failed to render or does not exist).
    pub(crate) fn field(&self, pointer: &str) -> &Rendered {
        self.resolved.field(pointer)
    }

    /// The grant's scopes, rendered (they may use instance values).
    pub(crate) fn scopes(&self) -> Vec<String> {
        self.resolved.scopes(self.spec)
    }
}
