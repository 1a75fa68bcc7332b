//! Scopes of a spec's OAuth 2.0 auth, shared by the P rules that check them.

use connspec_model::spec::Auth;
use connspec_model::yaml::push_pointer;

use crate::Context;

/// The scopes of an OAuth 2.0 auth, if the spec uses one.
pub(crate) fn oauth2_scopes<'a>(ctx: &'a Context<'_>) -> Option<&'a [String]> {
    match &ctx.spec.auth {
        Auth::Oauth2(oauth2) => Some(oauth2.scopes()),
        _ => None,
    }
}

/// Whether a scope item is really several scopes in one string.
pub(crate) fn is_joined(scope: &str) -> bool {
    scope.contains(',') || scope.contains('+') || scope.split_whitespace().count() > 1
}

/// JSON Pointer of the scope at `index` in `auth.scopes`.
pub(crate) fn scope_pointer(index: usize) -> String {
    push_pointer("/auth/scopes", &index.to_string())
}
