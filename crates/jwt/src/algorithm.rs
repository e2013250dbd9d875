//! The JWS algorithms (RFC 7518 §3, RFC 8037, RFC 9864) this crate knows, and what each needs from a key.

/// A JWS `alg` value this crate understands. Names are case-sensitive (RFC 7515 §4.1.1): `"None"` or `"hs256"`
/// are unknown algorithms, never these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384 and MGF1 with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512 and MGF1 with SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512.
    ES512,
    /// EdDSA (RFC 8037); this crate supports its Ed25519 curve.
    EdDSA,
    /// Ed25519, the fully specified name of RFC 9864.
    Ed25519,
    /// `none`: an unsecured JWS (RFC 7515 §6) — never valid here.
    None,
}

/// The kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// A shared secret (HS*).
    Hmac,
    /// An RSA key (RS* and PS*).
    Rsa,
    /// An elliptic-curve key on the given curve (ES*).
    Ec(Curve),
    /// An Ed25519 key (EdDSA).
    Ed25519,
    /// No key at all (`none`).
    None,
}

/// The NIST curves of the ES* algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// P-256 (secp256r1, prime256v1).
    P256,
    /// P-384 (secp384r1).
    P384,
    /// P-521 (secp521r1).
    P521,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The curve with a JWK `crv` name.
    pub fn from_name(name: &str) -> Option<Curve> {
        match name {
            "P-256" => Some(Curve::P256),
            "P-384" => Some(Curve::P384),
            "P-521" => Some(Curve::P521),
            _ => None,
        }
    }

    /// Bytes in one coordinate, and in each of R and S of a JWS signature (RFC 7518 §3.4).
    pub fn field_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// Every algorithm, in the order the page lists them.
pub const ALL: &[Algorithm] = &[
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::ES512,
    Algorithm::EdDSA,
    Algorithm::Ed25519,
    Algorithm::None,
];

/// `alg` values of JWE (RFC 7518 §4), which mean a token was meant to be encrypted, not signed.
const JWE_ALGS: &[&str] = &[
    "A128GCMKW",
    "A128KW",
    "A192GCMKW",
    "A192KW",
    "A256GCMKW",
    "A256KW",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
    "PBES2-HS256+A128KW",
    "PBES2-HS384+A192KW",
    "PBES2-HS512+A256KW",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "RSA1_5",
    "dir",
];

impl Algorithm {
    /// The algorithm named by a header's `alg`, exactly as registered.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        ALL.iter().copied().find(|alg| alg.name() == name)
    }

    /// The registered name.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::None => "none",
        }
    }

    /// The kind of key the algorithm needs.
    pub fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512 => Family::Rsa,
            Algorithm::ES256 => Family::Ec(Curve::P256),
            Algorithm::ES384 => Family::Ec(Curve::P384),
            Algorithm::ES512 => Family::Ec(Curve::P521),
            Algorithm::EdDSA | Algorithm::Ed25519 => Family::Ed25519,
            Algorithm::None => Family::None,
        }
    }

    /// One sentence saying what the algorithm is.
    pub fn description(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HMAC with SHA-256: a shared secret both signs and verifies.",
            Algorithm::HS384 => "HMAC with SHA-384: a shared secret both signs and verifies.",
            Algorithm::HS512 => "HMAC with SHA-512: a shared secret both signs and verifies.",
            Algorithm::RS256 => {
                "RSASSA-PKCS1-v1_5 with SHA-256: signed with an RSA private key, verified with the public key."
            }
            Algorithm::RS384 => {
                "RSASSA-PKCS1-v1_5 with SHA-384: signed with an RSA private key, verified with the public key."
            }
            Algorithm::RS512 => {
                "RSASSA-PKCS1-v1_5 with SHA-512: signed with an RSA private key, verified with the public key."
            }
            Algorithm::PS256 => {
                "RSASSA-PSS with SHA-256: a randomised RSA signature, verified with the RSA public key."
            }
            Algorithm::PS384 => {
                "RSASSA-PSS with SHA-384: a randomised RSA signature, verified with the RSA public key."
            }
            Algorithm::PS512 => {
                "RSASSA-PSS with SHA-512: a randomised RSA signature, verified with the RSA public key."
            }
            Algorithm::ES256 => {
                "ECDSA on the P-256 curve with SHA-256; the signature is R and S, 32 bytes each."
            }
            Algorithm::ES384 => {
                "ECDSA on the P-384 curve with SHA-384; the signature is R and S, 48 bytes each."
            }
            Algorithm::ES512 => {
                "ECDSA on the P-521 curve with SHA-512; the signature is R and S, 66 bytes each."
            }
            Algorithm::EdDSA => {
                "EdDSA (RFC 8037): an Ed25519 signature of 64 bytes, verified with a 32-byte public key."
            }
            Algorithm::Ed25519 => {
                "Ed25519 (RFC 9864): the fully specified name of EdDSA on the Ed25519 curve."
            }
            Algorithm::None => {
                "No signature at all: anyone can write such a token, so it proves nothing."
            }
        }
    }

    /// The fewest bytes an HMAC secret may have with this algorithm: the hash's size (RFC 7518 §3.2); none for
    /// other algorithms.
    pub(crate) fn min_secret_len(self) -> Option<usize> {
        match self {
            Algorithm::HS256 => Some(32),
            Algorithm::HS384 => Some(48),
            Algorithm::HS512 => Some(64),
            _ => None,
        }
    }

    /// The family's name as the page shows it.
    pub fn family_name(self) -> &'static str {
        match self.family() {
            Family::Hmac => "HMAC (symmetric)",
            Family::Rsa => "RSA (asymmetric)",
            Family::Ec(_) => "ECDSA (asymmetric)",
            Family::Ed25519 => "EdDSA (asymmetric)",
            Family::None => "unsecured",
        }
    }
}

/// Whether `alg` is a JWE key-management algorithm (RFC 7518 §4.1).
pub fn is_jwe_alg(alg: &str) -> bool {
    JWE_ALGS.binary_search(&alg).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in ALL {
            assert_eq!(Algorithm::from_name(alg.name()), Some(*alg));
        }
        assert_eq!(Algorithm::from_name("None"), None);
        assert_eq!(Algorithm::from_name("NONE"), None);
        assert_eq!(Algorithm::from_name("hs256"), None);
        assert_eq!(Algorithm::from_name("ES256K"), None);
    }

    #[test]
    fn families_need_the_right_keys() {
        assert_eq!(Algorithm::HS384.family(), Family::Hmac);
        assert_eq!(Algorithm::PS512.family(), Family::Rsa);
        assert_eq!(Algorithm::ES512.family(), Family::Ec(Curve::P521));
        assert_eq!(Algorithm::EdDSA.family(), Family::Ed25519);
        assert_eq!(Algorithm::None.family(), Family::None);
    }

    #[test]
    fn jwe_algs_are_sorted_unique_and_found() {
        assert!(JWE_ALGS.windows(2).all(|pair| pair[0] < pair[1]), "JWE_ALGS must stay sorted");
        assert!(is_jwe_alg("RSA-OAEP"));
        assert!(is_jwe_alg("dir"));
        assert!(!is_jwe_alg("RS256"));
    }

    #[test]
    fn curves_know_their_sizes() {
        assert_eq!(Curve::from_name("P-521").map(Curve::field_len), Some(66));
        assert_eq!(Curve::from_name("secp256k1"), None);
    }
}
