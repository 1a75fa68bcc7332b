//! Access tokens shaped like Coupa's JWTs (`header.payload.signature`, base64url, HS256 with a
//! key made at start), and the random strings behind codes, refresh tokens and request ids.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::time;

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Claims {
    pub(crate) iss: String,
    /// The user the token acts as (a login), or the client id for client credentials.
    pub(crate) sub: String,
    pub(crate) client_id: String,
    /// Space-separated, as in a token request.
    pub(crate) scope: String,
    pub(crate) iat: i64,
    pub(crate) exp: i64,
    pub(crate) jti: String,
    /// Order of issue; tokens issued before [`Tokens::expire_all`] are expired.
    pub(crate) seq: u64,
    /// Id of the user a user-consent token acts as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) uid: Option<u64>,
}

impl Claims {
    pub(crate) fn has_scope(&self, scope: &str) -> bool {
        self.scope.split(' ').any(|s| s == scope)
    }
}

/// Why a presented token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenError {
    /// Not a token this sandbox issued.
    Invalid,
    Expired,
}

/// Issues and checks access tokens.
pub(crate) struct Tokens {
    key: [u8; 32],
    issuer: String,
    lifetime: Duration,
    next_seq: AtomicU64,
    /// Tokens with a smaller `seq` are expired.
    valid_from_seq: AtomicU64,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("issuer", &self.issuer)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

type HmacSha256 = Hmac<Sha256>;

/// `{"alg":"HS256","typ":"JWT"}`, base64url.
const HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

impl Tokens {
    pub(crate) fn new(issuer: String, lifetime: Duration) -> Tokens {
        Tokens {
            key: random_bytes(),
            issuer,
            lifetime,
            next_seq: AtomicU64::new(1),
            valid_from_seq: AtomicU64::new(0),
        }
    }

    pub(crate) fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// A new access token for `client_id` with `scopes`, acting as a user when given.
    pub(crate) fn mint(
        &self,
        client_id: &str,
        scopes: &[String],
        user: Option<(u64, &str)>,
    ) -> String {
        let now_ms = time::now_millis();
        let lifetime_ms = i64::try_from(self.lifetime.as_millis()).unwrap_or(i64::MAX);
        let claims = Claims {
            iss: self.issuer.clone(),
            sub: user.map_or_else(|| client_id.to_owned(), |(_, login)| login.to_owned()),
            client_id: client_id.to_owned(),
            scope: scopes.join(" "),
            iat: now_ms / 1000,
            // Rounded up, so a token lives at least its lifetime.
            exp: now_ms.saturating_add(lifetime_ms).saturating_add(999) / 1000,
            jti: random_string(12),
            seq: self.next_seq.fetch_add(1, Ordering::Relaxed),
            uid: user.map(|(id, _)| id),
        };
        self.sign(&claims)
    }

    /// A JWT-shaped id token (OIDC) for a user.
    pub(crate) fn id_token(&self, client_id: &str, login: &str, email: &str) -> String {
        let now = time::now_secs();
        let payload = serde_json::json!({
            "iss": self.issuer, "sub": login, "aud": client_id, "email": email,
            "iat": now, "exp": now + 3600,
        });
        self.sign(&payload)
    }

    fn sign(&self, claims: &impl Serialize) -> String {
        let payload = serde_json::to_vec(claims).unwrap_or_default();
        let mut token = format!("{HEADER}.{}", URL_SAFE_NO_PAD.encode(payload));
        let signature = self.mac(token.as_bytes()).finalize().into_bytes();
        token.push('.');
        token.push_str(&URL_SAFE_NO_PAD.encode(signature));
        token
    }

    fn mac(&self, signed: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(signed);
        mac
    }

    /// The claims of a token this sandbox issued and that has not expired.
    pub(crate) fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let (signed, signature) = token.rsplit_once('.').ok_or(TokenError::Invalid)?;
        let (header, payload) = signed.split_once('.').ok_or(TokenError::Invalid)?;
        if header != HEADER {
            return Err(TokenError::Invalid);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Invalid)?;
        self.mac(signed.as_bytes())
            .verify_slice(&signature)
            .map_err(|_| TokenError::Invalid)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| TokenError::Invalid)?;
        let claims: Claims = serde_json::from_slice(&payload).map_err(|_| TokenError::Invalid)?;
        if claims.exp <= time::now_secs()
            || claims.seq < self.valid_from_seq.load(Ordering::Relaxed)
        {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    /// Makes every access token issued so far expired; new ones work.
    pub(crate) fn expire_all(&self) {
        let next = self.next_seq.load(Ordering::Relaxed);
        self.valid_from_seq.fetch_max(next, Ordering::Relaxed);
    }
}

/// `BASE64URL(SHA256(verifier))`, the S256 code challenge of RFC 7636.
pub(crate) fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
}

/// A random base64url string of `bytes` random bytes.
pub(crate) fn random_string(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).expect("the operating system provides random bytes");
    URL_SAFE_NO_PAD.encode(buffer)
}

/// Compares secrets in time independent of where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_expire() {
        let tokens = Tokens::new("https://127.0.0.1:1".into(), Duration::from_secs(60));
        let scopes = vec!["core.approval.read".to_owned(), "core.user.read".to_owned()];
        let token = tokens.mint("client", &scopes, None);
        assert_eq!(token.split('.').count(), 3);
        let claims = tokens.verify(&token).expect("valid");
        assert!(claims.has_scope("core.user.read") && !claims.has_scope("core.user"));
        assert_eq!(claims.sub, "client");
        let mut forged = token.clone();
        forged.pop();
        forged.push(if token.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(tokens.verify(&forged), Err(TokenError::Invalid));
        assert_eq!(tokens.verify("nonsense"), Err(TokenError::Invalid));
        let other = Tokens::new("x".into(), Duration::from_secs(60));
        assert_eq!(other.verify(&token), Err(TokenError::Invalid));
        tokens.expire_all();
        assert_eq!(tokens.verify(&token), Err(TokenError::Expired));
        let fresh = tokens.mint("client", &scopes, Some((3, "u")));
        assert_eq!(tokens.verify(&fresh).expect("fresh").uid, Some(3));
    }

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd"));
    }
}
