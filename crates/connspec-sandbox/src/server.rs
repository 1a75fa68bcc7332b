//! Listening: the certificate made at start, the accept loops of the two listeners (the main one
//! and the redirect target), and serving each connection with hyper so that a fault can drop it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tower::ServiceExt as _;

use crate::Error;
use crate::app::Conn;

/// The certificate authority and server certificate made at start.
pub(crate) struct Tls {
    pub(crate) acceptor: TlsAcceptor,
    pub(crate) ca_pem: String,
}

/// Makes a CA and a server certificate for `localhost`, `127.0.0.1`, `127.0.0.2` and `::1`,
/// signed by it, and the TLS configuration that serves them (HTTP/1.1 by ALPN).
pub(crate) fn tls() -> Result<Tls, Error> {
    let authority = Authority::new("connspec sandbox CA")?;
    let acceptor = authority.acceptor(
        &["localhost", "127.0.0.1", "127.0.0.2", "::1"].map(str::to_owned),
        "connspec sandbox",
    )?;
    Ok(Tls {
        acceptor,
        ca_pem: authority.pem().to_owned(),
    })
}

/// A certificate authority made at start, which signs server certificates for any names (the
/// sandbox's own, or each host a replay serves).
pub(crate) struct Authority {
    issuer: CertifiedIssuer<'static, KeyPair>,
    pem: String,
}

impl Authority {
    pub(crate) fn new(common_name: &str) -> Result<Authority, Error> {
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        ca_params.distinguished_name = name(common_name);
        let issuer = CertifiedIssuer::self_signed(ca_params, KeyPair::generate()?)?;
        let pem = issuer.pem();
        Ok(Authority { issuer, pem })
    }

    /// PEM of the CA certificate, for a client to trust.
    pub(crate) fn pem(&self) -> &str {
        &self.pem
    }

    /// A TLS configuration serving a certificate for `names` (host names or IP addresses)
    /// signed by this CA, HTTP/1.1 by ALPN.
    pub(crate) fn acceptor(
        &self,
        names: &[String],
        common_name: &str,
    ) -> Result<TlsAcceptor, Error> {
        let mut params = CertificateParams::new(names.to_vec())?;
        params.distinguished_name = name(common_name);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate()?;
        let certificate = params.signed_by(&key, &self.issuer)?;
        let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(
                vec![certificate.der().clone(), self.issuer.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsAcceptor::from(Arc::new(config)))
    }
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::OrganizationName, "connspec");
    name
}

/// Binds the main listener on 127.0.0.1:`port` and the redirect target on 127.0.0.2 (or on
/// 127.0.0.1, another port, where 127.0.0.2 is not a loopback address).
pub(crate) async fn bind(port: u16) -> Result<(TcpListener, TcpListener), Error> {
    let main_addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port);
    let main = TcpListener::bind(main_addr)
        .await
        .map_err(|source| Error::Bind {
            addr: main_addr.to_string(),
            source,
        })?;
    let other_host = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)), 0);
    let other = if let Ok(listener) = TcpListener::bind(other_host).await {
        listener
    } else {
        let fallback = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        TcpListener::bind(fallback)
            .await
            .map_err(|source| Error::Bind {
                addr: fallback.to_string(),
                source,
            })?
    };
    Ok((main, other))
}

/// Accepts connections until shutdown.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    router: Router,
    primary: bool,
    mut shutdown: watch::Receiver<bool>,
) {
    let host: Arc<str> = listener
        .local_addr()
        .map_or_else(|_| Arc::from(""), |a| Arc::from(a.to_string()));
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => return,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of file descriptors and the like: let the condition pass.
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let conn = Conn {
            kill: Arc::new(Notify::new()),
            host: host.clone(),
            primary,
            peer,
        };
        let router = router.clone();
        let tls = tls.clone();
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        serve(stream, router, conn, shutdown).await;
                    }
                }
                None => serve(stream, router, conn, shutdown).await,
            }
        });
    }
}

/// Serves one connection (HTTP/1.1, keep-alive) until it ends, a fault kills it, or shutdown.
async fn serve<I>(io: I, router: Router, conn: Conn, mut shutdown: watch::Receiver<bool>)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let kill = conn.kill.clone();
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(conn.clone());
        router.clone().oneshot(request.map(Body::new))
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        // One buffer per response: far fewer TLS records and syscalls for 30-60 KB bodies.
        .writev(false)
        .header_read_timeout(Duration::from_secs(30))
        .serve_connection(TokioIo::new(io), service);
    tokio::select! {
        _ = connection => {}
        () = kill.notified() => {}
        _ = shutdown.changed() => {}
    }
}
