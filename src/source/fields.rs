//! Picking fields: which column or JSON path holds the text, the id and the
//! other fields a command asks for, resolved once from the header (CSV) or a
//! sample of objects (JSONL), with auto-detection from the names real exports
//! use.

use crate::error::{Error, Result};

/// Names of text fields in common exports, in order of preference
/// (compared case-insensitively): generic CSV/JSON, X (`full_text`), Reddit
/// (`body`, `selftext`), CrowdTangle (`Message`, `Description`), 4CAT
/// (`body`), Telegram (`message`), Instagram (`caption`), Spanish exports.
pub const TEXT_CANDIDATES: &[&str] = &[
    "text",
    "full_text",
    "body",
    "message",
    "content",
    "caption",
    "description",
    "tweet",
    "post",
    "post_text",
    "message_text",
    "selftext",
    "comment",
    "status",
    "texto",
    "mensaje",
    "contenido",
];

/// Names of id fields, in order of preference. (CrowdTangle's `Facebook
/// Id` is the page's id, repeated on every post, so its `URL` is used.)
pub const ID_CANDIDATES: &[&str] = &["id", "post_id", "tweet_id", "message_id", "id_str", "url"];

/// Find `name` among `available`: exact, then case-insensitive, then (for
/// inputs without a header or when `allow_number`) a 1-based column number.
pub fn find(available: &[String], name: &str, allow_number: bool) -> Option<usize> {
    if let Some(i) = available.iter().position(|a| a == name) {
        return Some(i);
    }
    let lower = name.to_lowercase();
    if let Some(i) = available.iter().position(|a| a.to_lowercase() == lower) {
        return Some(i);
    }
    if allow_number
        && let Ok(n) = name.parse::<usize>()
        && n >= 1
        && n <= available.len()
    {
        return Some(n - 1);
    }
    None
}

/// Resolve each requested name to an index, or fail with the available names.
pub fn resolve_all(
    input: &str,
    available: &[String],
    names: &[String],
    allow_number: bool,
) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|n| {
            find(available, n, allow_number)
                .ok_or_else(|| Error::missing_field(input, n, available))
        })
        .collect()
}

/// The first candidate present in `available`.
pub fn detect(available: &[String], candidates: &[&str]) -> Option<usize> {
    candidates
        .iter()
        .find_map(|c| available.iter().position(|a| a.trim().to_lowercase() == *c))
}

/// [`detect`] on the dotted paths of nested records (JSON, Parquet): a
/// top-level candidate, else the first path one level down whose own name
/// is one (`data.text`, `post.body`).
pub fn detect_nested(available: &[String], candidates: &[&str]) -> Option<usize> {
    detect(available, candidates).or_else(|| {
        available.iter().position(|a| {
            a.split_once('.').is_some_and(|(_, leaf)| {
                !leaf.contains('.') && candidates.contains(&leaf.to_lowercase().as_str())
            })
        })
    })
}

/// The error of an input whose text field cannot be told: the fields it
/// has, and how to name one (`what` is "field" or "column").
pub fn no_text_field(input: &str, what: &str, available: &[String], example: &str) -> Error {
    Error::input(
        input,
        None,
        format!(
            "cannot tell which {what} holds the text; {what}s: {}\nhint: name it with --text {} (dotted paths such as {example} work)",
            available.join(", "),
            what.to_uppercase()
        ),
    )
}
