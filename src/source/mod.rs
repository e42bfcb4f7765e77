//! Inputs: format detection, decompression, field picking, and batches of raw
//! records decoded into [`Post`]s.
//!
//! Reading is sequential ([`Source::fill`] fills a reused [`Batch`]); decoding
//! a record into a post ([`Decoder::decode_each`]) is cheap, borrows from the batch
//! and is done by the worker threads, so JSON parsing runs in parallel. A
//! record that cannot be decoded comes back as a [`Skip`] with its line and
//! reason; nothing is dropped without being counted.
//!
//! Files: `options` (how inputs are read), `post` (posts, skips, batches:
//! the leaf), `decompress` (files, stdin, gzip/zstd, hashing), `detect`
//! (which format), `open` (one opener per format), `input` (an opened
//! [`Source`]), `lines` (the one line reader of the line-based formats),
//! and per format its reader and decoder: `csv`, `jsonl`,
//! `jsondoc` (JSON documents, whose records `jsonl` decodes), `x`,
//! `telegram`, `whatsapp` (with `projection` for the platform formats);
//! `arrow` (Arrow record batches: Parquet rows and tables in memory),
//! `parquet` (Apache Parquet, read column by column); `platform` (the
//! platform layouts of JSON records: Reddit, YouTube,
//! TikTok, Bluesky, Zeeschuimer, 4CAT);
//! `fields` (picking columns), `preset`, `date`, `number`; `table` (a small
//! table read whole through the CSV opener); `known` (inputs recognised by
//! their digest: the synthetic example corpus); `file_id` (which paths are
//! the same file).

pub mod arrow;
pub mod csv;
pub mod date;
pub mod decompress;
mod detect;
pub mod fields;
pub mod file_id;
mod input;
pub mod jsondoc;
pub mod jsonl;
pub mod known;
mod lines;
pub mod number;
mod open;
mod options;
pub mod parquet;
pub mod platform;
mod post;
pub mod preset;
mod projection;
pub mod table;
pub mod telegram;
pub mod whatsapp;
pub mod x;

pub use detect::detect_content;
pub use input::{BATCH_RECORDS, Decoder, Source, SourceInfo, SourceReader};
pub use options::{
    DEFAULT_DATE, DEFAULT_MAX_RECORD_BYTES, InputFormat, PresetChoice, SourceOptions,
    parse_delimiter,
};
pub use post::{Batch, Post, Skip};
pub use projection::Projection;
