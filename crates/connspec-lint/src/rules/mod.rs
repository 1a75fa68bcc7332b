//! The rule registry: one file per rule, named after the rule, and the one table of every rule
//! in code order. Helpers shared by several rules live in `helpers/`.

mod auth;
pub(crate) mod helpers;
pub(crate) mod provider;
mod target;

// T: templates.
mod secret_in_printed_field;
mod template_syntax_error;
mod undeclared_input;
mod undefined_variable;
mod unused_input;
mod unused_instance_parameter;
mod unused_secret;

use crate::rule::Rule;

/// Every rule, in code order. Codes are stable: never renumber or reuse one.
pub(crate) static RULES: &[&dyn Rule] = &[
    &template_syntax_error::TemplateSyntaxError,
    &undefined_variable::UndefinedVariable,
    &unused_instance_parameter::UnusedInstanceParameter,
    &unused_input::UnusedInput,
    &undeclared_input::UndeclaredInput,
    &secret_in_printed_field::SecretInPrintedField,
    &unused_secret::UnusedSecret,
    &auth::LiteralSecret,
    &auth::InsecureUrl,
    &auth::TokenHostMismatch,
    &auth::AuthorizationCodeWithoutAuthorizationUrl,
    &auth::RedirectUriInAuthorizationQuery,
    &auth::RefreshWithoutOfflineAccess,
    &auth::ConflictingClientAuthentication,
    &target::InvalidConnectorName,
    &target::InvalidActionPath,
    &target::ContentTypeWithoutBody,
    &target::DuplicateActionName,
    &target::TemplateNotExpressible,
    &target::AuthorizationHeaderOverridesAuth,
    &target::InvalidActionName,
    &provider::UnknownScope,
    &provider::MissingScope,
    &provider::UnusedScope,
    &provider::UnneededWriteScope,
    &provider::MissingAcceptJson,
    &provider::PageLimitExceeded,
    &provider::InvalidSortParameter,
    &provider::UnknownResourcePath,
    &provider::WrongMethod,
    &provider::WrongAuthPath,
    &provider::InstanceDomainPattern,
    &provider::CommaSeparatedScopes,
    &provider::OfflineAccessWithClientCredentials,
    &provider::LegacyApiKeyHeader,
    &provider::InvalidQueryConvention,
];
