//! Inputs lexiscope recognises by their SHA-256: its own synthetic example
//! corpus. A report over one of them says so in every rendering (the table
//! footer, the HTML page, the chart caption, the claims check, the JSON
//! provenance), so that a figure of the example
//! is never mistaken for a measurement of real posts.
//!
//! The digests are those of the files `make_example_corpus` writes with its
//! default seed; a test fails when the shipped files change without them.

/// The corpus files of `examples/` and what every report over them says.
const KNOWN: &[(&str, &str)] = &[
    (
        "d2c4eac6322a2df2ed77e6505d74d2f874a9f44c4eadebbf1dad7de18954389b",
        SYNTHETIC,
    ),
    (
        "f85195d7fd3f3fd70befb5eaaae3e890c2ab8e1d1cf4c4d905e05998129993b5",
        SYNTHETIC,
    ),
];

const SYNTHETIC: &str = "SYNTHETIC DATA: this is lexiscope's example corpus, 2,000 invented posts \
built so that 10% show capability and 9% threats between groups (examples/README.md); no post is real";

/// The note for an input with this SHA-256 (lowercase hex), if it is one
/// lexiscope knows.
pub fn note_for(sha256: &str) -> Option<&'static str> {
    KNOWN.iter().find(|(h, _)| *h == sha256).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sha256_hex;

    #[test]
    fn the_shipped_example_corpus_is_recognised() {
        for file in ["cartel-posts.csv", "cartel-posts.jsonl"] {
            let path = format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(
                note_for(&sha256_hex(&bytes)),
                Some(SYNTHETIC),
                "{file} changed: put its new SHA-256 in source/known.rs"
            );
        }
        assert_eq!(note_for("00"), None);
    }
}
