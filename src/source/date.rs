//! Dates as real exports write them, and the periods of `--every`.
//!
//! Accepted (all converted to UTC):
//! - ISO 8601 / RFC 3339 with zone: `2021-04-05T12:00:00-05:00`,
//!   X's `2020-09-22T04:33:00.000Z`;
//! - ISO 8601 without zone (`2021-04-05T12:00:00`, `2021-04-05 12:00:00`,
//!   `2021-04-05 12:00`, `2021-04-05`): read as UTC;
//! - a zone abbreviation after the time, as CrowdTangle writes it:
//!   `2021-04-05 12:00:00 EDT` (North American, UTC/GMT and central European
//!   abbreviations; an unknown abbreviation makes the date unparseable rather
//!   than silently wrong);
//! - Unix time in seconds or milliseconds (Telegram's `date_unixtime`): a
//!   number of 12 digits or fewer is seconds, more is milliseconds;
//! - the legacy X/Twitter form `Wed Oct 10 20:19:24 +0000 2018`;
//! - a bare year (`2018`, 1900–2100) or year and month (`2021-04`).
//!
//! Periods bucket the UTC date: `2021-04-05` (day), `2021-W14` (ISO week),
//! `2021-04` (month), `2021` (year).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// A `--every` period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar day.
    Day,
    /// ISO 8601 week.
    Week,
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
}

impl Period {
    /// The bucket label of a date.
    pub fn bucket(self, t: DateTime<Utc>) -> String {
        match self {
            Period::Day => t.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = t.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => t.format("%Y-%m").to_string(),
            Period::Year => t.format("%Y").to_string(),
        }
    }
}

/// Offset in hours of the zone abbreviations exports use.
fn zone_offset_hours(abbr: &str) -> Option<i32> {
    Some(match abbr {
        "UTC" | "GMT" | "Z" | "UT" => 0,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" | "AKDT" => -8,
        "AKST" | "HDT" => -9,
        "HST" => -10,
        "BST" | "CET" | "WEST" => 1,
        "CEST" | "EET" => 2,
        "EEST" => 3,
        _ => return None,
    })
}

const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

/// Parse a date in any accepted form; `None` when it is not one.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // A bare year (`2018`, as in a `year` column), read before Unix time:
    // no export writes Unix seconds with four digits.
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = s.parse().ok()?;
        if (1900..=2100).contains(&year) {
            return NaiveDate::from_ymd_opt(year, 1, 1)?
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc());
        }
    }
    if s.len() == 7 {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d") {
            return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        }
    }
    if s.bytes().all(|b| b.is_ascii_digit())
        || (s.starts_with('-') && s[1..].bytes().all(|b| b.is_ascii_digit()))
    {
        let n: i64 = s.parse().ok()?;
        let digits = s.trim_start_matches('-').len();
        return if digits > 12 {
            Utc.timestamp_millis_opt(n).single()
        } else {
            Utc.timestamp_opt(n, 0).single()
        };
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(s, "%a %b %d %H:%M:%S %z %Y") {
        return Some(t.with_timezone(&Utc));
    }
    for f in NAIVE_FORMATS {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    // `2021-04-05 12:00:00 EDT`: a zone abbreviation after the time.
    if let Some((head, abbr)) = s.rsplit_once(' ') {
        if abbr.bytes().all(|b| b.is_ascii_uppercase()) {
            let hours = zone_offset_hours(abbr)?;
            let local = NAIVE_FORMATS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(head, f).ok())?;
            return Some((local - chrono::Duration::hours(i64::from(hours))).and_utc());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> String {
        parse_date(s).map_or_else(
            || "none".into(),
            |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
        )
    }

    #[test]
    fn real_export_forms() {
        assert_eq!(utc("2021-04-05T12:00:00-05:00"), "2021-04-05 17:00:00");
        assert_eq!(utc("2020-09-22T04:33:00.000Z"), "2020-09-22 04:33:00");
        assert_eq!(utc("2021-04-05T12:00:00"), "2021-04-05 12:00:00");
        assert_eq!(utc("2021-04-05 12:00:00"), "2021-04-05 12:00:00");
        assert_eq!(utc("2021-04-05"), "2021-04-05 00:00:00");
        assert_eq!(utc("2021-04-05 12:00:00 EDT"), "2021-04-05 16:00:00");
        assert_eq!(utc("2021-12-31 22:30:00 CST"), "2022-01-01 04:30:00");
        assert_eq!(utc("1617638400"), "2021-04-05 16:00:00");
        assert_eq!(utc("1617638400000"), "2021-04-05 16:00:00");
        assert_eq!(utc("Wed Oct 10 20:19:24 +0000 2018"), "2018-10-10 20:19:24");
        assert_eq!(utc("2021-04-05T12:00:00+0200"), "2021-04-05 10:00:00");
        assert_eq!(utc("2018"), "2018-01-01 00:00:00");
        assert_eq!(utc("2021-04"), "2021-04-01 00:00:00");
    }

    #[test]
    fn unparseable() {
        for s in [
            "",
            "ayer",
            "2021-13-45",
            "2021-04-05 12:00:00 XYZ",
            "05/04/2021 x",
        ] {
            assert_eq!(utc(s), "none", "{s:?}");
        }
    }

    #[test]
    fn buckets() {
        let t = parse_date("2021-01-03T10:00:00Z").unwrap();
        assert_eq!(Period::Day.bucket(t), "2021-01-03");
        assert_eq!(Period::Week.bucket(t), "2020-W53");
        assert_eq!(Period::Month.bucket(t), "2021-01");
        assert_eq!(Period::Year.bucket(t), "2021");
    }
}
