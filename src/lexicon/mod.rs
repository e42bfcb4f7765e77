//! Lexicons: the in-memory model every dictionary format is read into, the
//! native TOML format, the other dictionary formats, and the lexicons
//! shipped inside the binary.
//!
//! - `model`: [`Lexicon`], its categories, terms and test cases (the leaf);
//! - `decode`: what the readers share: one decoder (UTF-8, else transcoded
//!   with a warning), one line numbering (CR, LF, CRLF), the imported shape;
//! - `native` (TOML) and `dic`, `dicx`, `yaml`, `cat`, `lc3`, `list`: one
//!   reader and writer per format; `format` names them ([`LexiconFormat`]);
//!   `table`: term lists that are tables with a header row (HurtLex);
//! - `load`: a lexicon by path or built-in name;
//! - [`rule_syntax`]: the text of rule categories, parsed and checked (their
//!   evaluation over a post is `matcher::rule_eval`);
//! - [`term`]: a term compiled to token patterns; [`lint`]: defects.
//!
//! An import returns [`ImportWarning`]s for the lines it could not honour.

mod cat;
mod decode;
mod dic;
mod dicx;
mod format;
mod lc3;
pub mod lint;
mod list;
mod load;
mod model;
mod native;
pub mod rule_syntax;
mod table;
pub mod term;
mod yaml;

pub use cat::{parse_cat, to_cat};
pub use dic::{parse_dic, to_dic};
pub use dicx::{parse_dicx, to_dicx};
pub use format::{Exported, LexiconFormat, ReadOptions, export, parse_as, parse_as_with};
pub use lc3::{parse_lc3, to_lc3};
pub use list::{parse_list, parse_list_with, to_list};
pub use load::{BUILTIN, DEFAULT_LEXICON};
pub use model::{Category, ImportWarning, Lexicon, Meta, Options, RESERVED_ID, Term, TestCase};
pub use native::{parse_native, to_native_toml};
pub use table::{Column, TableColumns};
pub use yaml::{parse_yaml, to_yaml};
