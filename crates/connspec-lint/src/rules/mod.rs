//! The rule registry: one file per rule, named after the rule, and the one table of every rule
//! in code order. Helpers shared by several rules live in `helpers/`.

pub(crate) mod helpers;

// T: templates, their variables and where secrets may appear.
mod secret_in_printed_field;
mod template_syntax_error;
mod undeclared_input;
mod undefined_variable;
mod unrendered_template;
mod unused_input;
mod unused_instance_parameter;
mod unused_secret;

// A: authentication settings that leak, cannot work, or contradict each other.
mod authorization_code_without_authorization_url;
mod conflicting_client_authentication;
mod insecure_url;
mod literal_secret;
mod redirect_uri_in_authorization_query;
mod refresh_without_offline_access;
pub(crate) mod token_host_mismatch;

// M: what Moveworks Agent Studio accepts and can express.
mod authorization_header_overrides_auth;
mod content_type_without_body;
pub(crate) mod control_character;
mod duplicate_action_name;
mod invalid_action_name;
mod invalid_action_path;
mod invalid_connector_name;
mod placeholder_in_url;
mod template_not_expressible;

// P: the provider catalogue. They run only when the spec names a `provider` that has a
// catalogue, and read every fact from it.
mod comma_separated_scopes;
mod instance_domain_pattern;
mod invalid_query_convention;
mod invalid_sort_parameter;
mod legacy_api_key_header;
mod missing_accept_json;
mod missing_scope;
mod offline_access_with_client_credentials;
mod page_limit_exceeded;
mod provider_inferred;
mod unknown_resource_path;
mod unknown_scope;
mod unneeded_write_scope;
mod unused_scope;
mod wrong_auth_path;
mod wrong_method;

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
    &unrendered_template::UnrenderedTemplate,
    &literal_secret::LiteralSecret,
    &insecure_url::InsecureUrl,
    &token_host_mismatch::TokenHostMismatch,
    &authorization_code_without_authorization_url::AuthorizationCodeWithoutAuthorizationUrl,
    &redirect_uri_in_authorization_query::RedirectUriInAuthorizationQuery,
    &refresh_without_offline_access::RefreshWithoutOfflineAccess,
    &conflicting_client_authentication::ConflictingClientAuthentication,
    &invalid_connector_name::InvalidConnectorName,
    &invalid_action_path::InvalidActionPath,
    &content_type_without_body::ContentTypeWithoutBody,
    &duplicate_action_name::DuplicateActionName,
    &template_not_expressible::TemplateNotExpressible,
    &authorization_header_overrides_auth::AuthorizationHeaderOverridesAuth,
    &invalid_action_name::InvalidActionName,
    &placeholder_in_url::PlaceholderInUrl,
    &control_character::ControlCharacter,
    &unknown_scope::UnknownScope,
    &missing_scope::MissingScope,
    &unused_scope::UnusedScope,
    &unneeded_write_scope::UnneededWriteScope,
    &missing_accept_json::MissingAcceptJson,
    &page_limit_exceeded::PageLimitExceeded,
    &invalid_sort_parameter::InvalidSortParameter,
    &unknown_resource_path::UnknownResourcePath,
    &wrong_method::WrongMethod,
    &wrong_auth_path::WrongAuthPath,
    &instance_domain_pattern::InstanceDomainPattern,
    &comma_separated_scopes::CommaSeparatedScopes,
    &offline_access_with_client_credentials::OfflineAccessWithClientCredentials,
    &legacy_api_key_header::LegacyApiKeyHeader,
    &invalid_query_convention::InvalidQueryConvention,
    &provider_inferred::ProviderInferred,
];
