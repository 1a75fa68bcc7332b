//! The rule registry: one table of every rule, in code order, and helpers rules share.

mod auth;
pub(crate) mod provider;
mod target;
mod template;

use crate::rule::Rule;

/// Every rule, in code order. Codes are stable: never renumber or reuse one.
pub(crate) static RULES: &[&dyn Rule] = &[
    &template::TemplateSyntaxError,
    &template::UndefinedVariable,
    &template::UnusedInstanceParameter,
    &template::UnusedInput,
    &template::UndeclaredInput,
    &template::SecretInPrintedField,
    &template::UnusedSecret,
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

/// The allowed name closest to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&input_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The parts of a URL template, split by text so templated hosts work
/// (`https://{{ instance.domain }}/oauth2/token`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    pub(crate) scheme: Option<&'a str>,
    pub(crate) host: &'a str,
    pub(crate) path: &'a str,
    /// Byte offset of the path in the text.
    pub(crate) path_offset: usize,
}

impl<'a> UrlParts<'a> {
    pub(crate) fn parse(text: &'a str) -> Self {
        let (scheme, rest, rest_offset) = match text.find("://") {
            Some(at) => (Some(&text[..at]), &text[at + 3..], at + 3),
            None => (None, text, 0),
        };
        // A templated host holds no `/`, so the first `/` outside braces ends the host.
        let mut depth = 0usize;
        let mut host_end = rest.len();
        let bytes = rest.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'/' | b'?' | b'#' if depth == 0 => {
                    host_end = i;
                    break;
                }
                _ => {}
            }
        }
        let after = &rest[host_end..];
        let path_end = after.find(['?', '#']).unwrap_or(after.len());
        Self {
            scheme,
            host: &rest[..host_end],
            path: &after[..path_end],
            path_offset: rest_offset + host_end,
        }
    }

    /// The host without a port, lower-cased comparison helper.
    pub(crate) fn host_name(&self) -> &'a str {
        if self.host.contains("{{") {
            return self.host;
        }
        self.host.rsplit_once(':').map_or(self.host, |(h, _)| h)
    }
}

/// Whether a host is the loopback interface.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.starts_with("127.") || host == "::1"
}

/// Whether a header carries a credential, so a secret in it is expected.
pub(crate) fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie"
    ) || name.contains("key")
        || name.contains("token")
        || name.contains("secret")
        || name.contains("auth")
        || name.contains("signature")
}

/// JSON Pointer of an action, or of a key inside it.
pub(crate) fn action_pointer(action: &str, rest: &[&str]) -> String {
    let mut pointer = connspec_model::yaml::push_pointer("/actions", action);
    for token in rest {
        pointer = connspec_model::yaml::push_pointer(&pointer, token);
    }
    pointer
}
