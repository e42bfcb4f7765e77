//! Digests for provenance: the SHA-256 of lexicon files and of the raw bytes
//! of every input, written as lowercase hex. A leaf: `source` hashes inputs
//! and `lexicon` hashes files with it, neither through the other.

use sha2::{Digest, Sha256};

/// A running SHA-256 (re-exported so that callers need not name `sha2`).
pub type Hasher = Sha256;

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The hex digest of a running hasher.
pub fn finish_hex(hasher: Hasher) -> String {
    hex(&hasher.finalize())
}

/// Lowercase hex of a byte slice.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_the_empty_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}
