//! The issuer's signing key: read from a PKCS#8 PEM file (Ed25519, what `openssl genpkey
//! -algorithm ed25519` writes), it signs credentials as compact JWS (RFC 7515) with the
//! `EdDSA` algorithm (RFC 8037), and publishes its public half as PEM and as a JWK.
//!
//! Ed25519 signatures are deterministic: the same credential signed twice gives the same
//! bytes, so a signed site is still byte-identical from one build to the next.

use std::fmt;
use std::path::Path;

use base64ct::{Base64UrlUnpadded, Encoding};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePublicKey, spki::der::pem::LineEnding};
use ed25519_dalek::{Signer, SigningKey};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location};

/// How to make a key, as the diagnostics and the docs say it.
pub const KEYGEN: &str = "openssl genpkey -algorithm ed25519 -out issuer-key.pem";

/// An Ed25519 key pair that signs the site's credentials.
#[derive(Clone)]
pub struct IssuerKey {
    key: SigningKey,
}

/// Two keys are the same key when their public halves are: enough to tell whether a
/// configuration changed, without comparing secrets.
impl PartialEq for IssuerKey {
    fn eq(&self, other: &Self) -> bool {
        self.key.verifying_key() == other.key.verifying_key()
    }
}

/// Never prints the secret half.
impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKey")
            .field("public", &self.jwk().x)
            .finish_non_exhaustive()
    }
}

/// The public key as a JSON Web Key (RFC 8037, `OKP`).
#[derive(Serialize)]
pub struct Jwk {
    pub kty: &'static str,
    pub crv: &'static str,
    pub x: String,
}

#[derive(Serialize)]
struct Header<'a> {
    alg: &'static str,
    typ: &'static str,
    /// Open Badges 3.0 (VC-JWT): the issuer's public key travels in the header, so a
    /// verifier needs nothing but the token and a decision to trust that key.
    jwk: &'a Jwk,
}

impl IssuerKey {
    /// Parses a PKCS#8 PEM private key.
    pub fn from_pem(text: &str) -> Option<IssuerKey> {
        SigningKey::from_pkcs8_pem(text.trim())
            .ok()
            .map(|key| IssuerKey { key })
    }

    /// Reads the key at `path`; a problem is reported at `at` (where the path was given).
    pub fn read(path: &Path, at: Location, diags: &mut Diagnostics) -> Option<IssuerKey> {
        let shown = path.display();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        Kind::MissingFile,
                        Some(at),
                        format!("cannot read the signing key `{shown}`: {e}"),
                    )
                    .with_suggestion(Some(format!(
                        "the path is relative to the site folder; make a key with `{KEYGEN}`"
                    ))),
                );
                return None;
            }
        };
        let key = IssuerKey::from_pem(&text);
        if key.is_none() {
            let what = if text.contains("BEGIN PUBLIC KEY") {
                "a public key: signing needs the private one"
            } else {
                "not an Ed25519 private key in PKCS#8 PEM"
            };
            diags.push(
                Diagnostic::error(
                    Kind::InvalidValue,
                    Some(at),
                    format!("the signing key `{shown}` is {what}"),
                )
                .with_suggestion(Some(format!("make one with `{KEYGEN}`"))),
            );
        }
        key
    }

    /// The public key as SPKI PEM, what `openssl pkey -pubout` prints.
    pub fn public_pem(&self) -> String {
        // Encoding 32 bytes under a fixed algorithm identifier cannot fail.
        self.key
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// The public key as a JWK.
    pub fn jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP",
            crv: "Ed25519",
            x: Base64UrlUnpadded::encode_string(self.key.verifying_key().as_bytes()),
        }
    }

    /// `payload` (JSON) as a compact JWS: header, payload and signature, base64url.
    pub fn sign_compact(&self, payload: &str) -> String {
        let jwk = self.jwk();
        let header = Header {
            alg: "EdDSA",
            typ: "JWT",
            jwk: &jwk,
        };
        // A struct of strings: serialising it cannot fail.
        let header = serde_json::to_string(&header).unwrap_or_default();
        let mut out = Base64UrlUnpadded::encode_string(header.as_bytes());
        out.push('.');
        out.push_str(&Base64UrlUnpadded::encode_string(payload.as_bytes()));
        let signature = self.key.sign(out.as_bytes());
        out.push('.');
        out.push_str(&Base64UrlUnpadded::encode_string(&signature.to_bytes()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};

    /// The test key, and its public half as `openssl pkey -pubout` derives it.
    const PEM: &str = include_str!("../tests/fixtures/keys/test-issuer.pem");
    const PUBLIC_PEM: &str = include_str!("../tests/fixtures/keys/test-issuer.pub.pem");

    #[test]
    fn the_public_key_is_the_one_openssl_derives() {
        let key = IssuerKey::from_pem(PEM).expect("a key");
        assert_eq!(key.public_pem(), PUBLIC_PEM);
        // SPKI for Ed25519: a 12-byte prefix, then the 32 bytes of the key.
        let body: String = PUBLIC_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = base64ct::Base64::decode_vec(&body).expect("base64");
        assert_eq!(
            Base64UrlUnpadded::decode_vec(&key.jwk().x).expect("base64url"),
            der[12..]
        );
    }

    #[test]
    fn a_compact_jws_verifies_and_is_deterministic() {
        let key = IssuerKey::from_pem(PEM).expect("a key");
        let token = key.sign_compact("{\"a\":1}");
        assert_eq!(token, key.sign_compact("{\"a\":1}"));
        let (input, signature) = token.rsplit_once('.').expect("three parts");
        let (header, payload) = input.split_once('.').expect("three parts");
        let decode = |s: &str| Base64UrlUnpadded::decode_vec(s).expect("base64url");
        assert_eq!(decode(payload), b"{\"a\":1}");
        let header: serde_json::Value = serde_json::from_slice(&decode(header)).expect("json");
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(header["jwk"]["x"], key.jwk().x);
        let public = VerifyingKey::from_bytes(&decode(&key.jwk().x).try_into().expect("32 bytes"))
            .expect("a point");
        let signature = Signature::from_slice(&decode(signature)).expect("64 bytes");
        assert!(public.verify(input.as_bytes(), &signature).is_ok());
        assert!(public.verify(b"other", &signature).is_err());
    }

    #[test]
    fn what_is_not_a_private_key_is_refused() {
        assert!(IssuerKey::from_pem("").is_none());
        let key = IssuerKey::from_pem(PEM).expect("a key");
        assert!(IssuerKey::from_pem(&key.public_pem()).is_none());
    }

    #[test]
    fn debug_shows_no_secret() {
        let key = IssuerKey::from_pem(PEM).expect("a key");
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.jwk().x), "{shown}");
        let secret: String = PEM.lines().filter(|l| !l.starts_with("-----")).collect();
        let secret = base64ct::Base64::decode_vec(&secret).expect("base64");
        // PKCS#8 for Ed25519: a 16-byte prefix, then the 32 bytes of the seed.
        let seed = Base64UrlUnpadded::encode_string(&secret[16..]);
        assert!(!shown.contains(&seed[..8]), "{shown}");
    }
}
