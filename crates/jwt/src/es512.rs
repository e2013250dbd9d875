//! ES512 (ECDSA on P-521 with SHA-512, RFC 7518 §3.4), which jsonwebtoken does not implement, through RustCrypto's
//! `p521`: the same crate family jsonwebtoken's own ES256/ES384 use.

use p521::ecdsa::signature::{Signer as _, Verifier as _};
use p521::ecdsa::{Signature, SigningKey, VerifyingKey};
use p521::pkcs8::DecodePrivateKey as _;

/// Checks a raw R‖S signature (132 bytes) over `message` with a SEC1-encoded public point. `Err` means the key is
/// not a point on P-521.
pub(crate) fn verify(point: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, String> {
    let key = VerifyingKey::from_sec1_bytes(point)
        .map_err(|_| "The key is not a valid P-521 point.".to_owned())?;
    let Ok(signature) = Signature::from_slice(signature) else {
        // R or S is zero or not below the group order: no valid signature looks like this.
        return Ok(false);
    };
    Ok(key.verify(message, &signature).is_ok())
}

/// Signs `message` with a PKCS#8 P-521 private key, giving the raw R‖S form JWS uses.
pub(crate) fn sign(pkcs8_der: &[u8], message: &[u8]) -> Result<Vec<u8>, String> {
    let key = SigningKey::from_pkcs8_der(pkcs8_der)
        .map_err(|error| format!("invalid P-521 private key: {error}"))?;
    let signature: Signature =
        key.try_sign(message).map_err(|error| format!("P-521 signing failed: {error}"))?;
    Ok(signature.to_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
    }

    #[test]
    fn signs_and_verifies_round_trip() {
        let pem = pem::parse(fixture("test-ec-p521-private.pem")).unwrap();
        let signature = sign(pem.contents(), b"header.payload").unwrap();
        assert_eq!(signature.len(), 132);
        let key = SigningKey::from_pkcs8_der(pem.contents()).unwrap();
        let point = key.verifying_key().to_sec1_point(false);
        assert_eq!(verify(point.as_bytes(), b"header.payload", &signature), Ok(true));
        assert_eq!(verify(point.as_bytes(), b"header.payloaD", &signature), Ok(false));
        assert_eq!(verify(point.as_bytes(), b"header.payload", &[0; 132]), Ok(false));
        assert!(verify(&[4, 1, 2], b"x", &signature).is_err());
    }
}
