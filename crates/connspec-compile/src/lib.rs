//! Compiles a checked connector spec and one instance file into per-target outputs.
//!
//! Pure functions: `(spec, instance, targets) → (outputs, diagnostics)`. Nothing here reads
//! the environment, the file system or the clock; the CLI reads files and writes outputs.
//!
//! 1. [`values`] resolves instance values: the instance file's `values`, then `--set`
//!    overrides, then parameter defaults; a missing one is a diagnostic in the instance file.
//! 2. [`render`] renders every template leaf of the spec once with minijinja (strict,
//!    fuel-limited, no loader), keeping inputs, secrets and `meta_info` as placeholders.
//! 3. Each target in [`targets`] lowers the rendered fields into an [`Output`] of labelled
//!    fields, which [`output`] formats as text, Markdown or JSON. Targets with a file format of
//!    their own (a Postman collection, a Hurl file) also give those files whole.
//! 4. [`runtime`] builds the live view instead (real input and secret values, secrets
//!    tainted), and [`redact`] scrubs secret values from anything printed.
//!
//! [`limits`] describes the template limits (and Agent Studio's own) for `docs/limits.md`.

pub mod codes;
mod context;
mod labels;
pub mod limits;
mod lower;
pub mod output;
pub mod redact;
pub mod run_codes;
pub mod runtime;
mod targets;

/// Instance values are resolved by the semantic layer.
pub use connspec_semantic::instance as values;
/// Rendering lives in the semantic layer; targets lower its segments.
pub use connspec_semantic::render;
/// A diagnostic and the file it points into.
pub use connspec_semantic::{InstanceInput, Located as CompileDiagnostic, Origin, SpecInput};

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use connspec_diagnostics::Severity;

pub use output::{Arg, Field, FieldValue, Format, Output, OutputFile, Section, Unverified};
pub use redact::{Redactor, Tainted};
pub use runtime::{
    RuntimeAction, RuntimeAuth, RuntimeBody, RuntimeConnector, RuntimeInputs, RuntimeOAuth2,
    runtime,
};
pub use values::Overrides;

/// A compile target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// The connector and actions as Agent Studio's UI labels them, with Import cURL commands.
    AgentStudio,
    /// The provider-side checklist: the OAuth client, grant, scopes, redirect URI.
    Setup,
    /// Runnable curl commands, the token request first; secrets as environment variables.
    Curl,
    /// Request bodies for the (alpha) Configuration API's http-connectors and http-actions.
    MoveworksApi,
    /// A Postman collection (v2.1) with its environment: the token request, the actions and
    /// tests from `expect`, for the Postman app and newman.
    Postman,
    /// A Hurl file: the token request, then the actions with asserts from `expect`.
    Hurl,
}

impl Target {
    pub const ALL: [Target; 6] = [
        Target::AgentStudio,
        Target::Setup,
        Target::Curl,
        Target::MoveworksApi,
        Target::Postman,
        Target::Hurl,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::AgentStudio => "agent-studio",
            Target::Setup => "setup",
            Target::Curl => "curl",
            Target::MoveworksApi => "moveworks-api",
            Target::Postman => "postman",
            Target::Hurl => "hurl",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A target name that is not one of [`Target::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown target `{0}`; expected agent-studio, setup, curl, moveworks-api, postman or hurl")]
pub struct UnknownTarget(pub String);

impl FromStr for Target {
    type Err = UnknownTarget;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownTarget(s.to_owned()))
    }
}

/// The result of compiling one spec for one instance.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// One output per requested target, in the order requested; empty when there are errors.
    pub outputs: Vec<Output>,
    pub diagnostics: Vec<CompileDiagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.diagnostic.severity == Severity::Error)
    }
}

/// Compiles `spec` for `instance` into each of `targets`.
///
/// Outputs are built only when no diagnostic is at error level, so a caller can never print
/// or write a half-compiled connector.
pub fn compile(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    targets: &[Target],
    overrides: &Overrides,
) -> Compiled {
    let (context, diagnostics) = context::Context::build(
        spec,
        instance,
        overrides,
        &connspec_semantic::Trust::default(),
        render::InputMode::Placeholders,
    );
    let mut compiled = Compiled {
        outputs: Vec::new(),
        diagnostics,
    };
    if compiled.has_errors() {
        return compiled;
    }
    compiled.outputs = targets
        .iter()
        .map(|target| targets::build(&context, *target))
        .collect();
    compiled
}

/// Every diagnostic code connspec can emit, in code order: loading and schema, lint rules,
/// the semantic layer, compile and live runs. The CLI documents and explains these, and both
/// the CLI and the language server accept them in `connspec.toml` selectors.
pub fn all_codes() -> Vec<&'static connspec_diagnostics::Code> {
    let mut codes: Vec<&'static connspec_diagnostics::Code> = connspec_model::codes::ALL.to_vec();
    codes.extend(connspec_lint::codes());
    // The semantic layer's codes: most are forwarded by lint rules, T105 and T106 are found
    // only while rendering.
    codes.extend_from_slice(connspec_semantic::codes::ALL);
    codes.extend_from_slice(codes::ALL);
    codes.extend_from_slice(run_codes::ALL);
    codes.sort_by_key(|c| (c.family, c.code));
    codes.dedup_by_key(|c| c.code);
    codes
}
