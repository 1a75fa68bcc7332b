//! HTTP clients: one connection pool for the actions (redirects followed only within the
//! request's origin), one for token requests (which never follow a redirect), their rustls
//! configuration (the *ring* provider; the system's trust store, or only an extra CA such as the
//! sandbox's), a resolver that refuses `.invalid` names, bounded body reads, the classification
//! of transport failures, and the `oauth2` crate's async HTTP client over reqwest 0.13.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use rustls_platform_verifier::BuilderVerifierExt as _;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;

use crate::Error;
use crate::record::{Recorder, Sent, Tag};

/// Agent Studio's per-request timeout.
pub use connspec_compile::limits::AGENT_STUDIO_TIMEOUT;

/// The most of an action's response body that is read by default (`--max-response-bytes`);
/// beyond it the body is dropped (a hostile or broken server cannot fill the memory). Far
/// above Agent Studio's 200 KB.
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// The most of a token response that is read by default (`--max-token-response-bytes`).
pub const MAX_TOKEN_RESPONSE_BYTES: usize = 1024 * 1024;

/// Redirects followed within one origin, at most.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// The longest a connection may take to open (never longer than the request timeout).
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Builds the client for API calls (`redirects: true`: followed within the same origin only,
/// so no credential ever reaches another host) or token requests (`false`: never followed).
///
/// With `proxy` (a replay server's `http://127.0.0.1:PORT`) every request goes through it and
/// nothing else: no host name is looked up and no other address is dialled.
pub fn client(
    ca_pem: Option<&str>,
    timeout: Duration,
    redirects: bool,
    proxy: Option<&str>,
) -> Result<reqwest::Client, Error> {
    let builder = match proxy {
        Some(url) => reqwest::Client::builder().proxy(
            reqwest::Proxy::all(url).map_err(|e| Error::Client(format!("proxy {url}: {e}")))?,
        ),
        // The system's proxy settings (`HTTPS_PROXY`, `NO_PROXY`) apply, as reqwest reads them.
        None => reqwest::Client::builder(),
    };
    builder
        .timeout(timeout)
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .pool_max_idle_per_host(32)
        .user_agent(concat!("connspec/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(Resolver))
        .redirect(if redirects {
            reqwest::redirect::Policy::custom(same_origin_only)
        } else {
            reqwest::redirect::Policy::none()
        })
        .tls_backend_preconfigured(tls_config(ca_pem)?)
        .build()
        .map_err(|e| Error::Client(e.to_string()))
}

/// The clients' TLS: what reqwest's default rustls backend configures (TLS 1.2 and 1.3, ALPN
/// `h2` then `http/1.1`, the platform verifier over the system's trust store, or only the given
/// CA with `ca_pem`), but with the *ring* provider instead of aws-lc-rs. aws-lc seeds its random
/// generator from CPU jitter on first use, which took about 20 ms of CPU at the first handshake
/// of every run; *ring* reads the OS's generator.
fn tls_config(ca_pem: Option<&str>) -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| Error::Client(format!("TLS: {e}")))?;
    let builder = match ca_pem {
        Some(pem) => builder.with_root_certificates(ca_roots(pem)?),
        None => builder
            .with_platform_verifier()
            .map_err(|e| Error::Client(format!("the system's trust store: {e}")))?,
    };
    let mut config = builder.with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The certificates of a PEM file as the only trust anchors. A file without any certificate
/// trusts nothing (every handshake then fails), as with reqwest's `tls_certs_only`.
fn ca_roots(pem: &str) -> Result<rustls::RootCertStore, Error> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        let certificate = certificate.map_err(|_| {
            Error::Client("the CA certificate: invalid certificate encoding".into())
        })?;
        roots.add(certificate).map_err(|e| {
            Error::Client(match e {
                // rustls words it for a peer's certificate ("invalid peer certificate").
                rustls::Error::InvalidCertificate(reason) => {
                    format!("the CA certificate is invalid: {reason}")
                }
                other => format!("the CA certificate: {other}"),
            })
        })?;
    }
    Ok(roots)
}

/// Follows a redirect only to the origin (scheme, host, port) of the first request: reqwest
/// strips `Authorization` on a cross-host redirect, but not an API key header such as
/// `X-COUPA-API-KEY`, a custom token header or a secret in the query. A redirect elsewhere
/// stops, and the action sees the 3xx.
fn same_origin_only(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    let first = attempt.previous().first();
    if attempt.previous().len() > MAX_REDIRECTS {
        attempt.error("too many redirects")
    } else if first.is_some_and(|first| first.origin() == attempt.url().origin()) {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

/// The origin of a `Location` value relative to `base`, for messages (never its path or query,
/// which may hold a secret).
pub(crate) fn origin_of(location: &str, base: &Url) -> Option<String> {
    let url = base.join(location).ok()?;
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// The system resolver, except for names under `.invalid`, which are refused at once: RFC 6761
/// §6.4 guarantees they never resolve and asks resolver libraries to answer negatively without
/// sending a query, so nothing about them leaves the machine.
#[derive(Debug)]
struct Resolver;

/// A lookup that was refused without asking DNS.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is under `.invalid`, which never resolves (RFC 6761); no DNS query was sent")]
struct ReservedName(String);

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        Box::pin(async move {
            if host == "invalid" || host.ends_with(".invalid") {
                return Err(
                    Box::new(ReservedName(host)) as Box<dyn std::error::Error + Send + Sync>
                );
            }
            // The same getaddrinfo lookup reqwest's default resolver makes, on a blocking thread.
            let addresses: Vec<std::net::SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Why a request got no response, as far as a user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport {
    /// The per-request timeout (or the run's deadline) ended it.
    Timeout,
    /// The host name did not resolve.
    Dns,
    /// The connection was refused.
    Refused,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// Anything else: a dropped connection, a protocol error.
    Other,
}

impl Transport {
    /// Classifies by the error's types (reqwest's DNS tag, `io::ErrorKind`, `rustls::Error`),
    /// never by its text.
    pub(crate) fn of(error: &reqwest::Error) -> Transport {
        if error.is_timeout() {
            return Transport::Timeout;
        }
        if error.is_dns() {
            return Transport::Dns;
        }
        // `io::Error::source` skips the error it wraps (rustls reports through an
        // `io::Error`, which hyper-rustls wraps in another one), so those are opened by hand.
        let mut pending: Vec<&(dyn std::error::Error + 'static)> = Vec::new();
        pending.extend(std::error::Error::source(error));
        while let Some(cause) = pending.pop() {
            if cause.is::<tokio_rustls::rustls::Error>() {
                return Transport::Tls;
            }
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::ConnectionRefused {
                    return Transport::Refused;
                }
                if let Some(inner) = io.get_ref() {
                    pending.push(inner);
                }
            }
            pending.extend(cause.source());
        }
        Transport::Other
    }

    /// The code a failure of this kind is reported with, `fallback` for the generic kinds.
    pub(crate) fn code(
        self,
        fallback: &'static connspec_diagnostics::Code,
    ) -> &'static connspec_diagnostics::Code {
        match self {
            Transport::Dns => &crate::codes::DNS_LOOKUP_FAILED,
            Transport::Refused => &crate::codes::CONNECTION_REFUSED,
            Transport::Tls => &crate::codes::TLS_FAILED,
            Transport::Timeout | Transport::Other => fallback,
        }
    }
}

/// Whether another attempt may succeed: not after a timeout (the next one would wait as long)
/// nor a TLS failure (a certificate's verdict does not change); yes after a refused or dropped
/// connection or a failed lookup.
pub(crate) fn retryable(error: &reqwest::Error) -> bool {
    match Transport::of(error) {
        Transport::Timeout | Transport::Tls => false,
        Transport::Dns | Transport::Refused => true,
        Transport::Other => error.is_connect() || error.is_request() || error.is_body(),
    }
}

/// The most of a body's `Content-Length` that is allocated before any of it arrives.
const PREALLOCATED_BODY: usize = 1024 * 1024;

/// Reads at most `limit` bytes of `response`'s body; `true` when there was more (the rest is
/// not read: the connection is dropped).
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    // Sized once from `Content-Length` (bounded: the header is the server's word), not grown
    // and copied chunk by chunk.
    let expected = response
        .content_length()
        .map_or(0, |length| usize::try_from(length).unwrap_or(usize::MAX));
    let mut body = Vec::with_capacity(expected.min(limit).min(PREALLOCATED_BODY));
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            let room = limit - body.len();
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// Checks that `url` is absolute and uses HTTPS, or HTTP to a loopback address.
pub fn check_url(url: &str) -> Result<Url, String> {
    let parsed = Url::parse(url).map_err(|e| format!("not an absolute URL: {e}"))?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&parsed) => Ok(parsed),
        "http" => Err("plain HTTP is allowed to loopback addresses only; use https://".to_owned()),
        other => Err(format!("unsupported scheme `{other}`")),
    }
}

fn is_loopback(url: &Url) -> bool {
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// An error of the `oauth2` HTTP adapter.
#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    #[error("{0}")]
    Reqwest(#[from] reqwest::Error),
    #[error("{0}")]
    Http(#[from] oauth2::http::Error),
    #[error("the token endpoint redirected ({0}); token requests never follow redirects")]
    Redirect(u16),
    /// A status without an OAuth 2.0 error body, e.g. a proxy's 503 page.
    #[error("the token endpoint answered {status}")]
    Status {
        status: reqwest::StatusCode,
        retry_after: Option<Duration>,
    },
    /// The response is longer than `limit` bytes.
    #[error("{}", too_large_message(*.limit))]
    TooLarge { limit: usize },
}

/// What a token response over `limit` bytes is reported as.
pub(crate) fn too_large_message(limit: usize) -> String {
    let limit_reached = &crate::limits::TOKEN_RESPONSE_READ;
    format!(
        "the token response is over {}; connspec stopped reading it ({})",
        limit_reached.describe(connspec_diagnostics::Amount::Bytes(limit as u64)),
        limit_reached.remedy()
    )
}

/// A `Retry-After` in seconds (the HTTP-date form is not honoured: the backoff applies).
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    retry_after_value(value, std::time::SystemTime::now())
}

/// `Retry-After` is seconds (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`, RFC 9110
/// §10.2.3); a date in the past means now.
fn retry_after_value(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Whether a body is an OAuth 2.0 error response (a JSON object with a string `error`).
pub(crate) fn is_oauth_error(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|json| json.get("error").is_some_and(serde_json::Value::is_string))
}

/// A response read up to a limit.
#[derive(Debug)]
pub(crate) struct Received {
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: reqwest::header::HeaderMap,
    /// The URL that answered (after redirects within the origin).
    pub(crate) url: Url,
    pub(crate) body: Vec<u8>,
    /// The server sent more than the limit; the rest was not read.
    pub(crate) truncated: bool,
}

/// Sends `request`, reads at most `limit` bytes of the response, and tells `recorder` (when
/// the run is recorded) what was sent and received.
pub(crate) async fn exchange(
    client: &reqwest::Client,
    request: reqwest::Request,
    limit: usize,
    recorder: Option<(&Recorder, Tag)>,
) -> Result<Received, reqwest::Error> {
    // Nothing is copied for a request the recorder would not keep (actions under `-vv`).
    let recorder = recorder.filter(|(recorder, tag)| recorder.keeps(tag));
    let sent = recorder.as_ref().map(|_| Sent::of(&request));
    let response = client.execute(request).await?;
    let status = response.status();
    let headers = response.headers().clone();
    let url = response.url().clone();
    let (body, truncated) = read_limited(response, limit).await?;
    if let (Some((recorder, tag)), Some(sent)) = (recorder, sent) {
        recorder.push(tag, sent, status.as_u16(), &headers, &body);
    }
    Ok(Received {
        status,
        headers,
        url,
        body,
        truncated,
    })
}

/// Sends one `oauth2` request with reqwest 0.13, adding the spec's extra token-request headers.
pub async fn send(
    adapter: &Adapter,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, AdapterError> {
    let (parts, body) = request.into_parts();
    let mut builder = adapter
        .client
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers);
    for (name, value) in &adapter.headers {
        builder = builder.header(name, value);
    }
    let request = builder.body(body).build()?;
    let received = exchange(
        &adapter.client,
        request,
        adapter.max_body,
        adapter.recorder.as_deref().map(|r| (r, Tag::Token)),
    )
    .await?;
    let status = received.status;
    if status.is_redirection() {
        return Err(AdapterError::Redirect(status.as_u16()));
    }
    let mut out = oauth2::http::Response::builder().status(status);
    for (name, value) in &received.headers {
        out = out.header(name, value);
    }
    let wait = retry_after(&received.headers);
    let (bytes, truncated) = (received.body, received.truncated);
    if truncated {
        return Err(AdapterError::TooLarge {
            limit: adapter.max_body,
        });
    }
    // An error status without an OAuth 2.0 error body would reach the `oauth2` crate as an
    // unreadable response and lose its status.
    if !status.is_success() && !is_oauth_error(&bytes) {
        return Err(AdapterError::Status {
            status,
            retry_after: wait,
        });
    }
    Ok(out.body(bytes)?)
}

/// The `oauth2` crate's HTTP client: reqwest 0.13 plus the spec's extra token headers.
#[derive(Debug, Clone)]
pub struct Adapter {
    pub client: reqwest::Client,
    pub headers: Vec<(String, String)>,
    /// The most of a token response that is read.
    pub max_body: usize,
    /// Where a recorded run keeps its exchanges.
    pub(crate) recorder: Option<Arc<Recorder>>,
}

type AdapterFuture<'c> =
    std::pin::Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, AdapterError>> + Send + 'c>>;

impl<'c> oauth2::AsyncHttpClient<'c> for Adapter {
    type Error = AdapterError;
    type Future = AdapterFuture<'c>;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(send(self, request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Tue, 01 Dec 2026 12:00:00 GMT").expect("date");
        assert_eq!(
            retry_after_value("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after_value("Tue, 01 Dec 2026 12:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after_value("Tue, 01 Dec 2026 11:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(retry_after_value("soon", now), None);
        assert_eq!(retry_after_value("-5", now), None);
    }

    #[test]
    fn plain_http_is_allowed_to_loopback_only() {
        assert!(check_url("https://acme.coupahost.com/api").is_ok());
        assert!(check_url("http://127.0.0.1:8443/api").is_ok());
        assert!(check_url("http://[::1]:8443/api").is_ok());
        assert!(check_url("http://localhost/api").is_ok());
        assert!(check_url("http://acme.coupahost.com/api").is_err());
        assert!(check_url("http://10.0.0.1/api").is_err());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("/relative").is_err());
    }

    #[tokio::test]
    async fn invalid_names_are_refused_by_the_resolver_itself() {
        use reqwest::dns::Resolve as _;
        for name in ["fault-probe.invalid", "A.B.INVALID.", "invalid"] {
            let name: reqwest::dns::Name = name.parse().expect("a name");
            let Err(error) = Resolver.resolve(name).await else {
                panic!("resolved");
            };
            // Refused before any lookup: the resolver's own error, not the system's.
            assert!(error.is::<ReservedName>(), "{error}");
        }
    }

    #[test]
    fn the_tls_configuration_is_accepted_by_reqwest() {
        // reqwest takes a preconfigured `rustls::ClientConfig` only from its own rustls version;
        // any other type fails the build ("Unknown TLS backend").
        let pem = "not a certificate";
        assert!(client(Some(pem), Duration::from_secs(1), true, None).is_ok());
        let config = tls_config(Some(pem)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.alpn_protocols, [&b"h2"[..], b"http/1.1"]);
    }

    #[test]
    fn a_broken_ca_certificate_is_named() {
        let message = |pem: &str| ca_roots(pem).err().map(|e| e.to_string());
        assert_eq!(message("no PEM block at all"), None, "it trusts nothing");
        assert_eq!(
            message("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n").as_deref(),
            Some("cannot build the HTTP client: the CA certificate: invalid certificate encoding")
        );
        assert_eq!(
            message("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").as_deref(),
            Some("cannot build the HTTP client: the CA certificate is invalid: BadEncoding")
        );
    }

    #[test]
    fn redirect_targets_are_named_by_origin_only() {
        let base = Url::parse("https://acme.coupahost.com/api/x").expect("a URL");
        assert_eq!(
            origin_of("https://evil.example:8443/steal?key=SECRET", &base).as_deref(),
            Some("https://evil.example:8443")
        );
        assert_eq!(
            origin_of("/elsewhere", &base).as_deref(),
            Some("https://acme.coupahost.com")
        );
    }
}
