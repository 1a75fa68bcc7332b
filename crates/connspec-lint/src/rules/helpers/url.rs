//! URL templates and hosts: split a URL whose host may be a template, tell loopback hosts and
//! hosts that are not one of a provider's instances.

use connspec_catalog::{Catalog, HostKind};

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

/// What is wrong with `host` for `catalog`, if anything.
pub(crate) fn host_problem(catalog: &Catalog, host: &str) -> Option<String> {
    let host = host.trim().to_ascii_lowercase();
    let name = host.split(':').next().unwrap_or(&host);
    if is_loopback(name) {
        return None;
    }
    if catalog.not_api_hosts.iter().any(|h| h == name) {
        return Some(format!(
            "`{name}` is not the {} {}",
            catalog.display_name, catalog.api_name
        ));
    }
    match catalog.host_kind(name) {
        Some(HostKind::Customer | HostKind::Partner) => None,
        Some(HostKind::Internal) => Some(format!(
            "`{name}` is {}'s own development host",
            catalog.display_name
        )),
        None => Some(format!(
            "`{name}` is not a {} instance host ({})",
            catalog.display_name,
            catalog
                .host_suffixes()
                .map(|s| format!("*{s}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
