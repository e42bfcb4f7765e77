//! Text normalization with an offset map: the leaf every other module shares.
//!
//! Post text and lexicon terms go through the SAME function (DESIGN.md §4), so
//! a term matches a post exactly when their normalized token sequences meet:
//!
//! 1. Unicode NFKC; zero-width and direction marks (U+200B–U+200F,
//!    U+202A–U+202E, U+2060, U+FEFF) and variation selectors (U+FE00–U+FE0F)
//!    are removed; full Unicode lowercase.
//! 2. With diacritic folding (the default) every non-spacing mark is dropped,
//!    except the tilde of `ñ`, so `cártel` = `cartel` but `año` ≠ `ano`.
//! 3. Letters, digits and marks are word characters; a symbol of category So
//!    (emoji, pictographs) is a token of its own; every other run of
//!    characters (punctuation, spaces, `#`, `@`, `-`, line breaks) is a
//!    separator.
//! 4. URLs (`http://…`, `https://…`, `www.…`, up to the next white space) are
//!    separators unless `match_urls` is set.
//!
//! The result is the tokens joined by single spaces, with one space before the
//! first and after the last (` cuerno de chivo `), so that a compiled pattern
//! ` chivo ` can only meet whole tokens. Each [`Token`] keeps its byte span in
//! the normalized string and in the original text, which is how KWIC lines and
//! annotations point back into what the author wrote.
//!
//! Every character is processed on its own together with the combining marks
//! that follow it (a "cluster"), which keeps the offset map exact. ASCII
//! characters not followed by a combining mark take a fast path that never
//! touches the Unicode tables.

//!
//! `normalize` holds the plain view; `deob` the opt-in deobfuscated view
//! built on top of it; `encoding` turns the bytes of a non-UTF-8 input or
//! lexicon (UTF-16, Windows-1252, …) into UTF-8 before anything parses them;
//! `sheet` holds the spreadsheet formula guard of CSV cells and its inverse.

mod deob;
pub mod encoding;
mod normalize;
pub mod sheet;

pub use deob::{DeobText, DeobToken, runs_compatible};
pub(crate) use normalize::url_len;
pub use normalize::{NormText, Normalizer, Token, is_invisible};
