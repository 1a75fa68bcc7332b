//! Helpers shared by the runtime's integration tests.

use std::collections::BTreeMap;

use connspec_compile::{
    InstanceInput, Overrides, RuntimeConnector, RuntimeInputs, SpecInput, runtime,
};
use connspec_model::yaml::Limits;
use connspec_model::{CheckOptions, DocumentKind, check_bytes};

/// The runtime view of a spec and an instance file (both as YAML text), with these secret
/// values. Both must be valid: a test's own inputs are not what it tests.
pub(crate) fn runtime_connector(
    spec: &str,
    instance: &str,
    secrets: &[(&str, &str)],
) -> RuntimeConnector {
    let options = |kind| CheckOptions {
        limits: Limits::default(),
        kind: Some(kind),
    };
    let (spec_file, spec_checked) = check_bytes(
        "spec.yaml",
        spec.as_bytes(),
        &options(DocumentKind::Connector),
    );
    assert!(!spec_checked.has_errors(), "{:?}", spec_checked.diagnostics);
    let (instance_file, instance_checked) = check_bytes(
        "instance.yaml",
        instance.as_bytes(),
        &options(DocumentKind::Instance),
    );
    assert!(
        !instance_checked.has_errors(),
        "{:?}",
        instance_checked.diagnostics
    );
    let secrets: BTreeMap<String, String> = secrets
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    let (connector, diagnostics) = runtime(
        SpecInput {
            file: &spec_file,
            document: spec_checked.document.as_ref().expect("checked"),
            spec: spec_checked.spec.as_ref().expect("checked"),
        },
        InstanceInput {
            file: &instance_file,
            document: instance_checked.document.as_ref().expect("checked"),
            instance: instance_checked.instance.as_ref().expect("checked"),
        },
        &Overrides::default(),
        &RuntimeInputs {
            secrets,
            ..RuntimeInputs::default()
        },
    );
    connector.unwrap_or_else(|| panic!("renders: {diagnostics:?}"))
}
