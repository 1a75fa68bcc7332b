//! A spec checked against one instance file: the semantic layer's resolution, the same one
//! `connspec compile` and `connspec test` run, so `check --instance` errs exactly when they
//! refuse the instance.

use connspec_diagnostics::Code;
use connspec_semantic::render::InputMode;
use connspec_semantic::{Located, Origin, Overrides, Semantic, Trust, resolve};

pub use connspec_semantic::{InstanceInput, SpecInput};

/// The instance checks' codes (missing, unknown and invalid values, secret sources).
pub(crate) static CODES: &[&Code] = &[
    &connspec_semantic::codes::MISSING_INSTANCE_VALUE,
    &connspec_semantic::codes::UNKNOWN_INSTANCE_VALUE,
    &connspec_semantic::codes::INVALID_INSTANCE_VALUE,
    &connspec_semantic::codes::MISSING_SECRET_SOURCE,
];

/// Resolves `spec` for one instance file and returns every fault: the instance file's (its
/// values and secret sources) and the spec's fields that fail to render with those values
/// (which name the instance in a note). Static template faults are the lint rules' and are not
/// repeated here.
pub fn check_instance(spec: SpecInput<'_>, instance: InstanceInput<'_>) -> Vec<Located> {
    let semantic = Semantic::new(spec);
    let (_, found) = resolve(
        spec,
        &semantic,
        instance,
        &Overrides::default(),
        &Trust::default(),
        InputMode::Placeholders,
    );
    found
        .into_iter()
        .map(|located| match located.origin {
            Origin::Spec => Located {
                origin: Origin::Spec,
                diagnostic: located.diagnostic.with_note(format!(
                    "with the values of instance `{}`",
                    instance.file.name()
                )),
            },
            Origin::Instance => located,
        })
        .collect()
}
