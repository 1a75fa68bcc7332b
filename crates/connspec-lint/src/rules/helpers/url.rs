//! URL templates and hosts: split a URL whose host may be a template, tell loopback hosts and
//! hosts that are not one of a provider's instances.

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

/// Whether a host is the loopback interface: the semantic layer's answer, one for every stage.
pub(crate) use connspec_semantic::host::is_loopback;
