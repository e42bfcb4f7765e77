//! lexiscope: category lexicons over social-media exports — what share of
//! posts mentions each category, with confidence intervals.
//!
//! ```text
//! inputs ──► source (format detect, decode, field pick) ──► Post { id, text, fields } in batches
//! lexicon files ──► lexicon (parse + validate) ──► matcher::compile (one automaton + pattern table)
//! batch ──rayon──► matcher (text::normalize, scan, boundary check, resolve) ──► hits
//! hits ──► stats::Tally (mergeable) ──► report::Report (serde) ──► renderers
//! ```
//!
//! # The library API
//!
//! The command line is a thin layer over these calls; a program (or a
//! binding) builds a [`Config`] and calls [`analyze`] for the report,
//! [`tally`] for the mergeable counts, or [`annotate`] for one record per
//! post. Nothing is printed: notes and progress go to the
//! [`Config::observer`] (silent by default), failures come back as
//! [`Error`]s that say where.
//!
//! ```
//! use lexiscope::{Config, Input, LexiconSpec};
//! use lexiscope::lexicon::parse_native;
//!
//! let lexicon = parse_native(r#"
//! [lexicon]
//! name = "demo"
//! [[category]]
//! id = "weapons"
//! terms = ["cuerno* de chivo", "🔫"]
//! "#.as_bytes(), "demo.toml")?;
//! let posts = "id,text\n1,Llegaron los CUERNOS-de-chivo 🔫\n2,Buenos días\n3,Hoy no\n4,🔫🔫\n";
//!
//! let mut config = Config::new([Input::bytes("posts.csv", posts)]);
//! config.lexicons = vec![LexiconSpec::from(lexicon)];
//!
//! // The report `lexiscope analyze` prints, as data.
//! let report = lexiscope::analyze(&config)?;
//! let weapons = &report.categories[0];
//! assert_eq!((weapons.id.as_str(), weapons.posts), ("weapons", 2));
//! assert_eq!(weapons.share, Some(0.5));
//! assert!(weapons.ci_low.unwrap() < 0.5 && 0.5 < weapons.ci_high.unwrap());
//! assert_eq!(report.totals.posts_analyzed, 4);
//!
//! // One annotation per post, in input order, with offsets into the text.
//! let first = lexiscope::annotate(&config)?.next().unwrap()?;
//! assert_eq!(first.categories, ["weapons"]);
//! assert_eq!(first.matches[0].text, "CUERNOS-de-chivo");
//! # Ok::<(), lexiscope::Error>(())
//! ```
//!
//! One level down, the matcher alone:
//!
//! ```
//! use lexiscope::lexicon::parse_native;
//! use lexiscope::matcher::{MatchOptions, Scratch, compile};
//!
//! let lexicon = parse_native(r#"
//! [lexicon]
//! name = "demo"
//! [[category]]
//! id = "weapons"
//! terms = ["cuerno* de chivo", "🔫"]
//! "#.as_bytes(), "demo.toml").unwrap();
//! let matcher = compile(&[lexicon], &MatchOptions::default()).unwrap();
//! let mut scratch = Scratch::default();
//! let text = "Llegaron los CUERNOS-de-chivo 🔫";
//! matcher.scan(text, &mut scratch);
//! let spans: Vec<&str> = scratch.hits().iter().map(|h| &text[h.orig_start..h.orig_end]).collect();
//! assert_eq!(spans, ["CUERNOS-de-chivo", "🔫"]);
//! ```
//!
//! # Modules
//!
//! Dependencies point one way: [`cmd`] (the command line, over [`cli`]) →
//! [`pipeline`] (over a [`config::Config`]) → [`source`], [`lexicon`],
//! [`matcher`], [`stats`], [`report`]; [`matcher`] → [`lexicon`] →
//! [`text`]; [`report`] → [`stats`]. [`error`], [`digest`] and
//! [`observer`] are leaves every layer may use. No file imports a file that
//! imports it back.
#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod digest;
pub mod error;
pub mod lexicon;
pub mod matcher;
pub mod observer;
pub mod pipeline;
pub mod report;
pub mod source;
pub mod stats;
pub mod text;

pub use config::{Analysis, Config, Dedupe, Input, LexiconSpec};
pub use error::{Error, Result};
pub use observer::{Note, NoteKind, Observer};
pub use pipeline::{Annotation, Annotations, analyze, annotate, tally};
