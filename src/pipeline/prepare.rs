//! The first stage of every run: lexicons loaded and compiled (so a bad
//! lexicon fails before any input is touched), then every input opened and
//! its fields resolved (so a missing column fails before any post is
//! read; standard input given twice is refused). What is read, and what
//! an import could not honour, goes to the observer as notes.

use crate::config::{Config, Input, LexiconSpec};
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, ReadOptions};
use crate::matcher::{self, Matcher};
use crate::observer::{Note, NoteKind, Observer};
use crate::source::{Source, SourceOptions, file_id};

/// Lexicons, their matcher and the opened inputs: what every run over
/// posts starts from.
pub struct Prepared {
    /// The lexicons, in order.
    pub lexicons: Vec<Lexicon>,
    /// Their compiled matcher.
    pub matcher: Matcher,
    /// The inputs, fields resolved.
    pub sources: Vec<Source>,
}

/// How many import warnings of one lexicon are noted before a count.
const MAX_IMPORT_WARNINGS: usize = 10;

/// Load one lexicon (file or built-in name) as `read` says (default: by its
/// extension); its import warnings go to `observer`.
pub fn load_lexicon(spec: &str, read: &ReadOptions, observer: &dyn Observer) -> Result<Lexicon> {
    let (lex, warnings) = Lexicon::load_with(spec, read)?;
    for w in warnings.iter().take(MAX_IMPORT_WARNINGS) {
        observer.note(&Note::new(NoteKind::Import, w.to_string()));
    }
    if warnings.len() > MAX_IMPORT_WARNINGS {
        observer.note(&Note::new(
            NoteKind::Import,
            format!(
                "{}: {} more import warnings",
                lex.origin,
                warnings.len() - MAX_IMPORT_WARNINGS
            ),
        ));
    }
    Ok(lex)
}

/// The lexicons of a configuration, or the built-in default.
pub fn load_lexicons(config: &Config) -> Result<Vec<Lexicon>> {
    if config.lexicons.is_empty() {
        return Ok(vec![Lexicon::builtin_default()]);
    }
    config
        .lexicons
        .iter()
        .map(|spec| match spec {
            LexiconSpec::Named(name) => load_lexicon(name, &config.lexicon_read, &*config.observer),
            LexiconSpec::Loaded(lex) => Ok(Lexicon::clone(lex)),
        })
        .collect()
}

/// Open every input of a configuration with `opts`.
pub fn open_sources(config: &Config, opts: &SourceOptions) -> Result<Vec<Source>> {
    config
        .inputs
        .iter()
        .map(|input| match input {
            Input::Path(path) => Source::open(path, opts),
            Input::Bytes { name, bytes } => Source::from_bytes(name, bytes.to_vec(), opts),
            Input::Arrow(table) => Source::from_arrow(table, opts),
        })
        .collect()
}

/// Compile the lexicons (a bad one fails before any input is touched), then
/// open every input with `opts` and resolve its fields; note what is read.
pub fn prepare(config: &Config, opts: &SourceOptions) -> Result<Prepared> {
    let lexicons = load_lexicons(config)?;
    let matcher = matcher::compile(&lexicons, &config.matching)?;
    for w in &matcher.warnings {
        config
            .observer
            .note(&Note::new(NoteKind::Lexicon, w.clone()));
    }
    let stdin_reads = config
        .inputs
        .iter()
        .filter(|i| matches!(i, Input::Path(p) if p == "-"))
        .count();
    if stdin_reads > 1 {
        return Err(Error::Usage(format!(
            "- (the standard input) is given {stdin_reads} times; a stream can be read once, so give it once"
        )));
    }
    let sources = open_sources(config, opts)?;
    let paths = config.inputs.iter().filter_map(|i| match i {
        Input::Path(p) => Some(p.as_str()),
        _ => None,
    });
    for (first, again) in file_id::repeated(paths) {
        config.observer.note(&Note::new(
            NoteKind::Warning,
            format!("{again} is the same file as {first}: its posts are counted twice (give it once, or use --dedupe)"),
        ));
    }
    for s in &sources {
        config.observer.note(&Note::new(
            NoteKind::Reading,
            format!("reading {}", s.info.describe()),
        ));
        if let Some(t) = &s.info.encoding {
            config.observer.note(&Note::new(
                NoteKind::Reading,
                format!("{}: {}", s.info.path, t.describe()),
            ));
        }
    }
    Ok(Prepared {
        lexicons,
        matcher,
        sources,
    })
}
