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

/// The registrable domain of `host` by the public suffix list (`wd2-impl.workday.com` gives
/// `workday.com`, `a.b.example.co.uk` gives `example.co.uk`), or the host itself when it has
/// none (an IP address, `localhost`, a bare suffix).
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    // The list knows names, not addresses: `127.0.0.1` would give `0.1`.
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    psl::domain_str(&host).map_or_else(|| host.clone(), str::to_owned)
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
        assert_eq!(
            registrable_domain("wd2-impl-services1.workday.com"),
            "workday.com"
        );
        assert_eq!(registrable_domain("WD2-IMPL.workday.com."), "workday.com");
        assert_eq!(registrable_domain("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
        assert_eq!(registrable_domain("[::1]"), "[::1]");
    }
}
