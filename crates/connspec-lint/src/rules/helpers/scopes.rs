//! Scopes of a spec, as the model finds them (`auth.scopes`, a token request's `scope`,
//! `granted_scopes`), with their spans, shared by the P rules that check them.

use connspec_catalog::{Catalog, Route, RouteMatch};
use connspec_diagnostics::Span;
use connspec_model::spec::Action;

use crate::Context;

/// One scope of the spec, where it is written.
pub(crate) struct ScopeItem<'a> {
    pub scope: &'a str,
    pub span: Span,
    /// The item's own list entry (`/auth/scopes/2`), which an edit may replace or delete; `None`
    /// for a scope inside a longer string.
    pub pointer: Option<String>,
}

/// The spec's scopes, and the list a missing one is best added to.
pub(crate) struct SpecScopes<'a> {
    pub items: Vec<ScopeItem<'a>>,
    pub list: Option<&'static str>,
}

impl SpecScopes<'_> {
    /// Whether the spec asks for or holds `scope`; a joined item (`"a,b"`, reported by P012)
    /// counts by its parts.
    pub(crate) fn has(&self, scope: &str) -> bool {
        self.items
            .iter()
            .flat_map(|item| item.scope.split([',', '+', ' ', '\t']))
            .any(|s| s == scope)
    }

    /// Where the scopes are, for a label: the list, else the first scope, else `None`.
    pub(crate) fn anchor(&self, ctx: &Context<'_>) -> Option<Span> {
        match (self.list, self.items.first()) {
            (Some(list), _) if ctx.spans.value(list).is_some() => Some(ctx.span(list)),
            (_, Some(item)) => Some(item.span),
            _ => None,
        }
    }
}

/// The spec's scopes, or `None` when it names none and its auth cannot ask for any.
pub(crate) fn spec_scopes<'a>(ctx: &'a Context<'_>) -> Option<SpecScopes<'a>> {
    let refs = ctx.spec.scope_refs()?;
    let items = refs
        .scopes
        .into_iter()
        .map(|r| {
            let span = match (r.offset, ctx.template(&r.pointer)) {
                (Some(offset), Some(template)) => {
                    ctx.template_span(template, offset, offset + r.scope.len())
                }
                _ => ctx.span(&r.pointer),
            };
            let pointer = r.list.is_some().then_some(r.pointer);
            ScopeItem {
                scope: r.scope,
                span,
                pointer,
            }
        })
        .collect();
    Some(SpecScopes {
        items,
        list: refs.list,
    })
}

/// Whether a scope item is really several scopes in one string.
pub(crate) fn is_joined(scope: &str) -> bool {
    scope.contains(',') || scope.contains('+') || scope.split_whitespace().count() > 1
}

/// The catalogue route of an action, its path joined to the base URL's.
pub(crate) fn action_route<'c>(
    ctx: &Context<'_>,
    catalog: &'c Catalog,
    action: &Action,
) -> RouteMatch<'c> {
    catalog.route_of(
        ctx.spec.base_url.as_str(),
        action.method.as_str(),
        action.path.as_str(),
    )
}

/// The routes of every action, when each resolves to one.
pub(crate) fn every_action_route<'c>(
    ctx: &Context<'_>,
    catalog: &'c Catalog,
) -> Option<Vec<&'c Route>> {
    ctx.spec
        .actions
        .values()
        .map(|action| match action_route(ctx, catalog, action) {
            RouteMatch::Found(route) => Some(route),
            _ => None,
        })
        .collect()
}

/// The scopes of an OAuth 2.0 auth, if the spec uses one.
pub(crate) fn oauth2_scopes<'a>(ctx: &'a Context<'_>) -> Option<&'a [String]> {
    match &ctx.spec.auth {
        connspec_model::spec::Auth::Oauth2(oauth2) => Some(oauth2.scopes()),
        _ => None,
    }
}

/// JSON Pointer of the scope at `index` in `auth.scopes`.
pub(crate) fn scope_pointer(index: usize) -> String {
    connspec_model::yaml::push_pointer("/auth/scopes", &index.to_string())
}
