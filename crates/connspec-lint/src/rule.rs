//! The rule contract, and the macro that turns a rule's doc comment into its documentation.

use connspec_diagnostics::{Code, Diagnostic, Severity};

use crate::Context;

/// A lint rule: one code, one check.
pub trait Rule: Sync + std::fmt::Debug {
    /// The rule's code with its documentation (taken from the struct's doc comment).
    fn code(&self) -> &'static Code;

    /// Severity of the rule's findings.
    fn severity(&self) -> Severity;

    /// Reports the rule's findings in `ctx`.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// A diagnostic of this rule with its code and severity.
    fn diagnostic(&self, message: String) -> Diagnostic {
        Diagnostic::new(self.code(), self.severity(), message)
    }
}

/// Declares a rule struct whose doc comment is also its `connspec explain` text.
///
/// The doc comment must have the sections *What it does*, *Why is this bad?*, *Example* and
/// *Use instead*; the invariant tests run every Example and Use instead block.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub(crate) struct $name:ident {
            code: $code:literal,
            name: $rule_name:literal,
            family: $family:ident,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, Default)]
        pub(crate) struct $name;

        impl $name {
            pub(crate) const CODE: connspec_diagnostics::Code = connspec_diagnostics::Code {
                code: $code,
                name: $rule_name,
                family: connspec_diagnostics::Family::$family,
                summary: $summary,
                explanation: concat!($($doc, "\n"),+),
            };
        }

        impl $crate::rule::RuleMeta for $name {
            fn code_ref(&self) -> &'static connspec_diagnostics::Code {
                &Self::CODE
            }

            fn default_severity(&self) -> connspec_diagnostics::Severity {
                connspec_diagnostics::Severity::$severity
            }
        }
    };
}

pub(crate) use declare_rule;

/// Declares a rule whose fault the semantic layer decides (`connspec_semantic::codes`): the
/// code, its documentation and the finding are the semantic layer's, so `check`, `compile` and
/// `test` report the fault alike. The rule forwards the findings of its code, which makes them
/// subject to settings and suppression comments like every other rule's.
macro_rules! declare_semantic_rule {
    (
        $(#[doc = $doc:literal])+
        pub(crate) struct $name:ident => $code:path, severity: $severity:ident;
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, Default)]
        pub(crate) struct $name;

        impl $crate::rule::RuleMeta for $name {
            fn code_ref(&self) -> &'static connspec_diagnostics::Code {
                &$code
            }

            fn default_severity(&self) -> connspec_diagnostics::Severity {
                connspec_diagnostics::Severity::$severity
            }
        }

        impl $crate::rule::Check for $name {
            fn run(
                &self,
                ctx: &$crate::Context<'_>,
                out: &mut Vec<connspec_diagnostics::Diagnostic>,
            ) {
                out.extend(ctx.template_faults_of(&$code).cloned());
            }
        }
    };
}

pub(crate) use declare_semantic_rule;

/// The metadata half of a rule, implemented by [`declare_rule!`].
pub(crate) trait RuleMeta {
    fn code_ref(&self) -> &'static Code;
    fn default_severity(&self) -> Severity;
}

/// The check half of a rule, written by hand in each rule's file.
pub(crate) trait Check {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

impl<T> Rule for T
where
    T: RuleMeta + Check + Sync + std::fmt::Debug,
{
    fn code(&self) -> &'static Code {
        self.code_ref()
    }

    fn severity(&self) -> Severity {
        self.default_severity()
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        self.run(ctx, out);
    }
}
