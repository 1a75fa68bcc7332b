//! A spec checked against one instance file: the semantic layer's resolution, the same one
//! `connspec compile` and `connspec test` run, so `check --instance` errs exactly when they
//! refuse the instance.

use connspec_diagnostics::Code;
use connspec_diagnostics::Diagnostic;
use connspec_semantic::host::url_host;
use connspec_semantic::render::InputMode;
use connspec_semantic::{Located, Origin, Overrides, Resolved, Segment, Semantic, Trust, resolve};

use crate::LintSettings;
use crate::rules::token_host_mismatch::{TokenHostMismatch, hosts_differ, mismatch};

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
pub fn check_instance(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    settings: &LintSettings,
) -> Vec<Located> {
    let semantic = Semantic::new(spec);
    let (resolved, mut found) = resolve(
        spec,
        &semantic,
        instance,
        &Overrides::default(),
        &Trust::default(),
        InputMode::Placeholders,
    );
    if settings.is_enabled(&TokenHostMismatch::CODE)
        && let Some(diagnostic) = token_host_mismatch(spec, &semantic, &resolved)
    {
        found.push(Located {
            origin: Origin::Spec,
            diagnostic,
        });
    }
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

/// A003 on the hosts the instance gives, when the spec templates the base URL's or the token
/// URL's host (the lint rule compares hosts it can read in the spec alone).
fn token_host_mismatch(
    spec: SpecInput<'_>,
    semantic: &Semantic,
    resolved: &Resolved,
) -> Option<Diagnostic> {
    let base = semantic.table.get("/base_url")?;
    let token = semantic.table.get("/auth/token_url")?;
    if !base.text.contains("{{") && !token.text.contains("{{") {
        return None;
    }
    // A host that still holds a secret, an input or `meta_info` is not known before run time.
    let literal_host = |pointer: &str| {
        let text = resolved.field(pointer).lower(|segment| match segment {
            Segment::Text(text) => text.clone(),
            _ => "\u{0}".to_owned(),
        });
        url_host(&text).filter(|host| !host.contains('\u{0}'))
    };
    let (base_host, token_host) = (literal_host("/base_url")?, literal_host("/auth/token_url")?);
    let catalog = connspec_catalog::catalog_of_spec(
        spec.spec.provider.as_deref(),
        spec.spec.base_url.as_str(),
    );
    hosts_differ(catalog, &base_host, &token_host).then(|| {
        mismatch(&base_host, &token_host)
            .with_span(token.span)
            .with_secondary(base.span, "API host")
    })
}
