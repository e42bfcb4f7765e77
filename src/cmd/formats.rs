//! `lexiscope formats`: what the tool reads — input formats (how each is
//! detected, which fields are text, id and date), the CSV presets, and the
//! lexicon formats.

use super::output::Output;
use crate::error::Result;
use crate::source::preset;
use crate::source::{platform, telegram, whatsapp, x};

/// The text printed by `formats`.
pub fn describe() -> String {
    let mut s = String::new();
    s.push_str("INPUT FORMATS (--input-format to force; otherwise detected from the content, whatever the extension)\n\n");
    let rows: [(&str, &str, String); 7] = [
        (
            "csv",
            "any other text; delimiter sniffed (, tab ; |; .tsv/.tab → tab)",
            "text: --text, a preset, or the first of text, full_text, body, message, …; id: --id, a preset, or id, post_id, tweet_id, …, url; date: --date (a preset's with --every)".into(),
        ),
        (
            "jsonl",
            "first byte '{' and a first line that is a whole JSON object",
            "text: --text (dotted paths such as data.text) or the first of text, full_text, body, … (also one level down); id: id, post_id, …; date: --date".into(),
        ),
        (
            "json",
            "first byte '[' (an array of records), or '{' with a first line that is not a whole object (pretty-printed), or a one-line .json file",
            "one post per element of the records array, streamed (never loaded whole): --records PATH (data.videos; . = the document), else the first array of objects; fields as for jsonl".into(),
        ),
        (
            "parquet",
            "the magic PAR1 (a file, not stdin or compressed)",
            "only the needed columns, a batch of rows at a time; text: --text (dotted paths such as user.name; a list or struct column by its name) or the first of text, full_text, body, … (also one level down); id: id, post_id, …; date: --date; line numbers are row numbers".into(),
        ),
        (
            "x",
            "a first line starting {\"data\": or {\"errors\": (twarc pages and stream lines), or a tweet with author_id and conversation_id (twarc flatten)",
            format!(
                "one post per tweet of data[]; text: note_tweet.text, else text; a retweet's full text from includes.tweets or the expanded reference; errors[] counted as api_error; fields: {}; date: created_at",
                x::SCHEMA.join(", ")
            ),
        ),
        (
            "telegram",
            "a JSON document (first line not a whole object) with \"messages\" or \"chats\" (Telegram Desktop result.json)",
            format!(
                "one post per message of every chat; text: the rich text concatenated; type service skipped as service_message; id: message id (chat id/message id in a full-account export); fields: {}; date: date_unixtime (UTC)",
                telegram::SCHEMA.join(", ")
            ),
        ),
        (
            "whatsapp",
            "a first line with a message header: 01/01/19, 11:25 - Name: … (Android) or [01/01/19, 11:25:03] Name: … (iOS)",
            format!(
                "one post per message, continuation lines joined; system lines skipped as system_message, media placeholders as media_omitted; day/month order from the file (--dayfirst/--monthfirst); fields: {}; date: timestamp",
                whatsapp::SCHEMA.join(", ")
            ),
        ),
    ];
    for (name, detect, reads) in &rows {
        s.push_str(&format!(
            "  {name}\n    detected: {detect}\n    reads:    {reads}\n"
        ));
    }
    s.push_str("  compressed: gzip and zstd (windows up to 2 GiB, as Reddit dumps need) from the first bytes; '-' is stdin\n");
    s.push_str("  encodings: UTF-8; UTF-16 by its byte-order mark or NULs; Windows-1252 and other code pages detected (chardetng); --encoding NAME to force\n\n");
    s.push_str("JSON PLATFORM FORMATS (records of jsonl or json inputs, recognised from the first record; --preset none to read them as plain JSON)\n\n");
    for p in platform::ALL {
        s.push_str(&format!(
            "  {}: {}\n    detected: {}\n    text: {}; id: {}; date (--every default): {}; author: {}{}\n",
            p.name,
            p.label,
            p.detected_by,
            p.text.join(" + "),
            p.id.iter()
                .map(|part| match part {
                    platform::IdPart::Path(p) => p.to_string(),
                    platform::IdPart::Lit(l) => l.to_string(),
                })
                .collect::<String>(),
            p.date,
            p.author,
            if p.skips.is_empty() {
                String::new()
            } else {
                format!(
                    "; skipped: {}",
                    p.skips
                        .iter()
                        .map(|r| format!("{} ({})", r.path, r.reason))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
    }
    s.push('\n');
    s.push_str("CSV PRESETS (--preset NAME|none; otherwise detected from the header)\n\n");
    for p in preset::ALL {
        s.push_str(&format!(
            "  {}\n    text: {}; id: {:?}; date (--every default): {:?}; suggested --by {:?}{}\n",
            p.name(),
            p.text_names()
                .iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(" + "),
            p.id_column(),
            p.date_column(),
            p.group_column(),
            p.weight_column()
                .map(|w| format!(", --weight {w:?}"))
                .unwrap_or_default()
        ));
    }
    s.push_str("    detected by: crowdtangle = Message + Post Created + Page Name/Account; meta = text + creation_time + statistics.*; 4cat = body + author + timestamp + thread_id\n\n");
    s.push_str("LEXICON FORMATS (-l FILE; --lexicon-format to force; otherwise the extension)\n\n");
    for (ext, what) in [
        (
            ".toml",
            "native lexiscope TOML (categories, terms, exclusions, tests)",
        ),
        (
            ".dic",
            "LIWC 2001-2015 dictionary (% category header, word<TAB>ids)",
        ),
        (".dicx", "LIWC-22 dictionary (CSV, one column per category)"),
        (
            ".yml .yaml",
            "quanteda dictionary (YAML, nested keys, glob terms)",
        ),
        (".cat", "WordStat categorization dictionary"),
        (".lc3", "Lexicoder dictionary (+category, terms)"),
        (
            ".tsv .txt",
            "term list: category<TAB>term<TAB>term…, or one term per line",
        ),
        (
            ".tsv .csv",
            "a table with a header row (HurtLex: id pos category stereotype lemma level): --lexicon-columns category=COL,term=COL[,weight=COL]; a header with category and term needs none",
        ),
    ] {
        s.push_str(&format!("  {ext:<11} {what}\n"));
    }
    s
}

/// Run `formats`.
pub fn run() -> Result<()> {
    Output::open(None)?.write_with(|out| out.write_all(describe().as_bytes()))
}
