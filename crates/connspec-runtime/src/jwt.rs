//! JWT auth (`auth.type: jwt`): the JWT signed with the spec's key (`jsonwebtoken`, pure-Rust
//! crypto), with `iss`, `sub`, `aud`, `iat`, `exp`, a random `jti`, the extra claims and the
//! `kid` header. The token source sends it as the bearer token, or exchanges it at the token
//! URL as a form field (`assertion` by default) with the JWT bearer grant type.

use std::time::{SystemTime, UNIX_EPOCH};

use connspec_compile::runtime::RuntimeJwt;
use connspec_model::spec::JwtAlgorithm;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Map, Value as Json};

use crate::token::TokenError;

/// The signed JWT (compact form) for `jwt`, issued now.
pub(crate) fn sign(jwt: &RuntimeJwt) -> Result<String, TokenError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut claims = Map::new();
    for (name, value) in [
        ("iss", &jwt.issuer),
        ("sub", &jwt.subject),
        ("aud", &jwt.audience),
    ] {
        if let Some(value) = value {
            claims.insert(name.to_owned(), Json::String(value.expose()));
        }
    }
    claims.insert("iat".to_owned(), Json::from(now));
    claims.insert(
        "exp".to_owned(),
        Json::from(now + u64::from(jwt.expiry_seconds)),
    );
    claims.insert("jti".to_owned(), Json::String(jti()?));
    for (name, value) in &jwt.extra_claims {
        claims.insert(name.clone(), Json::String(value.expose()));
    }
    let algorithm = match jwt.algorithm {
        JwtAlgorithm::RS256 => Algorithm::RS256,
        JwtAlgorithm::RS384 => Algorithm::RS384,
        JwtAlgorithm::RS512 => Algorithm::RS512,
        JwtAlgorithm::ES256 => Algorithm::ES256,
        JwtAlgorithm::HS256 => Algorithm::HS256,
    };
    let pem = jwt.private_key.expose();
    // The key's errors never quote the key.
    let key = match jwt.algorithm {
        JwtAlgorithm::RS256 | JwtAlgorithm::RS384 | JwtAlgorithm::RS512 => {
            EncodingKey::from_rsa_pem(pem.as_bytes())
        }
        JwtAlgorithm::ES256 => EncodingKey::from_ec_pem(pem.as_bytes()),
        JwtAlgorithm::HS256 => Ok(EncodingKey::from_secret(pem.as_bytes())),
    }
    .map_err(|e| TokenError::new(format!("the private key cannot be read: {e}")))?;
    let mut header = Header::new(algorithm);
    header.kid = jwt.key_id.as_ref().map(connspec_compile::Tainted::expose);
    jsonwebtoken::encode(&header, &claims, &key)
        .map_err(|e| TokenError::new(format!("the JWT cannot be signed: {e}")))
}

/// 16 random bytes, hex.
fn jti() -> Result<String, TokenError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| TokenError::new(format!("no randomness: {e}")))?;
    Ok(bytes.iter().fold(String::with_capacity(32), |mut out, b| {
        use std::fmt::Write as _;
        let _ = write!(out, "{b:02x}");
        out
    }))
}
