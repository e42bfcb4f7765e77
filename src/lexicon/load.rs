//! Loading a lexicon by name: a file in any dictionary format (by its
//! extension or a given format), or one of the lexicons shipped inside the
//! binary.

use super::format::{LexiconFormat, ReadOptions, parse_as_with};
use super::model::{ImportWarning, Lexicon};
use super::native::parse_native;
use crate::error::{Error, Result};

/// Lexicons compiled into the binary: (name, file name, TOML text).
pub const BUILTIN: &[(&str, &str, &str)] = &[(
    "narco-es",
    "lexicons/narco-es.toml",
    include_str!("../../lexicons/narco-es.toml"),
)];

/// The lexicon used when no `-l` is given.
pub const DEFAULT_LEXICON: &str = "narco-es";

impl Lexicon {
    /// Load a lexicon: a path to a lexicon file in any format (see
    /// [`Lexicon::load_with`]), or the name of a built-in lexicon
    /// (`narco-es`, also written `builtin:narco-es`). Import warnings are
    /// dropped; commands use [`Lexicon::load_with`] and print them.
    pub fn load(spec: &str) -> Result<Lexicon> {
        Ok(Lexicon::load_with(spec, &ReadOptions::default())?.0)
    }

    /// Load a lexicon as `read` says: in its format, or in the one its
    /// extension names (`.toml`, `.dic`, `.dicx`, `.yml`/`.yaml`, `.cat`,
    /// `.lc3`, `.tsv`/`.txt`/`.csv`; any other extension is read as native
    /// TOML), a table with the columns given; with the warnings of the
    /// import.
    pub fn load_with(spec: &str, read: &ReadOptions) -> Result<(Lexicon, Vec<ImportWarning>)> {
        let name = spec.strip_prefix("builtin:").unwrap_or(spec);
        let path = std::path::Path::new(spec);
        if !path.exists() {
            if let Some((name, _, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name) {
                let lex = parse_native(text.as_bytes(), &format!("builtin:{name}"))?;
                return Ok((lex, Vec::new()));
            }
            return Err(Error::lexicon(
                spec,
                None,
                format!(
                    "no such file, and no built-in lexicon has that name\nhint: built-in lexicons: {}",
                    BUILTIN
                        .iter()
                        .map(|(n, _, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let format = read
            .format
            .or_else(|| LexiconFormat::from_path(path))
            .unwrap_or(LexiconFormat::Native);
        parse_as_with(&bytes, spec, format, read.columns.as_ref())
    }

    /// The built-in default lexicon.
    pub fn builtin_default() -> Lexicon {
        Lexicon::load(DEFAULT_LEXICON).expect("the built-in lexicon is tested to parse")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_lexicon_parses() {
        for (name, _, _) in BUILTIN {
            let lex = Lexicon::load(name).unwrap();
            assert!(!lex.categories.is_empty(), "{name} has no category");
        }
    }

    #[test]
    fn unknown_lexicon_is_a_usage_error() {
        let err = Lexicon::load("no-such-lexicon").unwrap_err();
        assert!(err.to_string().contains("built-in lexicons"), "{err}");
    }
}
