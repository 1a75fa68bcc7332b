//! Host names as the semantic layer compares them: loopback, ports, and the host of a URL.

/// Whether a host (without a port) is the loopback interface.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host.starts_with("127.")
        || host == "::1"
}

/// `host:port` without the port; `[::1]:8443` gives `[::1]`.
pub fn strip_port(host_port: &str) -> &str {
    if let Some(end) = host_port.find(']') {
        return &host_port[..=end];
    }
    host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
}

/// The host (without port or user info, lower-cased) of an absolute URL, if it has one.
pub fn url_host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = strip_port(authority);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://a.example.com:8443/x").as_deref(),
            Some("a.example.com")
        );
        assert_eq!(
            url_host("https://user:pw@A.example.com/").as_deref(),
            Some("a.example.com")
        );
        assert_eq!(url_host("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(url_host("/relative"), None);
        assert!(is_loopback("127.0.0.1") && is_loopback("[::1]") && is_loopback("app.localhost"));
        assert!(!is_loopback("example.com"));
    }
}
