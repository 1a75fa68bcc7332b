//! HTTP clients: one connection pool for the actions, one for token requests (which never
//! follow a redirect), the rustls trust store with an optional extra CA (the sandbox's), and
//! the `oauth2` crate's async HTTP client over reqwest 0.13.

use std::time::Duration;

use reqwest::Url;

use crate::Error;

/// Agent Studio's per-request timeout.
pub const AGENT_STUDIO_TIMEOUT: Duration = Duration::from_secs(60);

/// Builds the client for API calls (`redirects: true`) or token requests (`false`).
pub fn client(
    ca_pem: Option<&str>,
    timeout: Duration,
    redirects: bool,
) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10).min(timeout))
        .pool_max_idle_per_host(32)
        .user_agent(concat!("connspec/", env!("CARGO_PKG_VERSION")))
        .redirect(if redirects {
            reqwest::redirect::Policy::limited(5)
        } else {
            reqwest::redirect::Policy::none()
        });
    if let Some(pem) = ca_pem {
        let certificate = reqwest::Certificate::from_pem(pem.as_bytes())
            .map_err(|e| Error::Client(format!("the CA certificate: {e}")))?;
        builder = builder.tls_certs_only([certificate]);
    }
    builder.build().map_err(|e| Error::Client(e.to_string()))
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
}

/// Sends one `oauth2` request with reqwest 0.13, adding the spec's extra token-request headers.
pub async fn send(
    client: &reqwest::Client,
    extra_headers: &[(String, String)],
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, AdapterError> {
    let (parts, body) = request.into_parts();
    let mut builder = client
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers);
    for (name, value) in extra_headers {
        builder = builder.header(name, value);
    }
    let response = builder.body(body).send().await?;
    if response.status().is_redirection() {
        return Err(AdapterError::Redirect(response.status().as_u16()));
    }
    let mut out = oauth2::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        out = out.header(name, value);
    }
    Ok(out.body(response.bytes().await?.to_vec())?)
}

/// The `oauth2` crate's HTTP client: reqwest 0.13 plus the spec's extra token headers.
#[derive(Debug, Clone)]
pub struct Adapter {
    pub client: reqwest::Client,
    pub headers: Vec<(String, String)>,
}

type AdapterFuture<'c> =
    std::pin::Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, AdapterError>> + Send + 'c>>;

impl<'c> oauth2::AsyncHttpClient<'c> for Adapter {
    type Error = AdapterError;
    type Future = AdapterFuture<'c>;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(send(&self.client, &self.headers, request))
    }
}
