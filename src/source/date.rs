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
//!   number of 12 digits or fewer is seconds, more is milliseconds; seconds
//!   with a fraction (`1617638400.75`, YouTube's `time_parsed`);
//! - the legacy X/Twitter form `Wed Oct 10 20:19:24 +0000 2018`;
//! - a bare year (`2018`, 1900–2100) or year and month (`2021-04`);
//! - year first with slashes or dots: `2021/04/05`, `2021.04.05 14:03`;
//! - numeric dates with the year last, as spreadsheets and local exports
//!   write them: `05/04/2021`, `5-4-21 14:03`, `05.04.2021 2:03 p. m.`
//!   ([`Numeric`]). Which of the first two numbers is the day is not
//!   written: a number above 12 decides for that date; `--dayfirst` or
//!   `--monthfirst` decide for all; otherwise the run takes the order its
//!   unambiguous dates show (day first when they show none), the rule
//!   WhatsApp exports are read by.
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
    /// The name `--every` takes (`month`).
    pub fn from_name(name: &str) -> Option<Period> {
        Some(match name {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            _ => return None,
        })
    }

    /// The first and last days of the period holding `day`.
    pub fn bounds(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Day => (day, day),
            Period::Week => {
                let from = day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
                (from, from + chrono::Days::new(6))
            }
            Period::Month => {
                let from = day.with_day(1).unwrap_or(day);
                let next = from + chrono::Months::new(1);
                (from, next.pred_opt().unwrap_or(day))
            }
            Period::Year => (
                NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
                NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day),
            ),
        }
    }

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
    if let Some(t) = year_first(s) {
        return Some(t);
    }
    if s.len() == 7
        && let Ok(d) = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
    {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
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
    // Unix seconds with a fraction (youtube-comment-downloader's
    // `time_parsed`: 1699999999.123).
    if let Some((int, frac)) = s.split_once('.')
        && !int.is_empty()
        && int.len() <= 12
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        let secs: i64 = int.parse().ok()?;
        let nanos = format!("{frac:0<9}")[..9].parse::<u32>().ok()?;
        return Utc.timestamp_opt(secs, nanos).single();
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
    if let Some((head, abbr)) = s.rsplit_once(' ')
        && abbr.bytes().all(|b| b.is_ascii_uppercase())
    {
        let hours = zone_offset_hours(abbr)?;
        let local = NAIVE_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(head, f).ok())?;
        return Some((local - chrono::Duration::hours(i64::from(hours))).and_utc());
    }
    None
}

/// `2021/04/05` and `2021.04.05`, with an optional time.
fn year_first(s: &str) -> Option<DateTime<Utc>> {
    let (date, time) = split_time(s)?;
    let sep = date.chars().find(|c| matches!(c, '/' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let (h, mi, sec) = time;
    NaiveDate::from_ymd_opt(y as i32, m, d)?
        .and_hms_opt(h, mi, sec)
        .map(|t| t.and_utc())
}

/// A numeric date with the year last whose day/month order is not
/// written: `05/04/2021`, `5-4-21 14:03`, `05.04.2021 2:03 p. m.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numeric {
    /// The year (two-digit years are 2000–2069 and 1970–1999).
    pub year: i32,
    /// The first number (the day, read day first).
    pub first: u32,
    /// The second number (the month, read day first).
    pub second: u32,
    /// Hours, minutes, seconds (0 when not written).
    pub time: (u32, u32, u32),
}

impl Numeric {
    /// The date, read day first or month first (`None` when that reading
    /// is no date: a month above 12).
    pub fn read(&self, dayfirst: bool) -> Option<DateTime<Utc>> {
        let (d, m) = if dayfirst {
            (self.first, self.second)
        } else {
            (self.second, self.first)
        };
        let (h, mi, s) = self.time;
        NaiveDate::from_ymd_opt(self.year, m, d)?
            .and_hms_opt(h, mi, s)
            .map(|t| t.and_utc())
    }

    /// Which order this date shows: `Some(true)` only day first reads it
    /// (its first number is above 12), `Some(false)` only month first,
    /// `None` both (or neither).
    pub fn evidence(&self) -> Option<bool> {
        match (self.first > 12, self.second > 12) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// Both readings give the same day (`05/05/2021`) or only one is a date.
    pub fn is_ambiguous(&self) -> bool {
        self.evidence().is_none()
            && self.first != self.second
            && self.first <= 12
            && self.second <= 12
    }
}

/// A date part and its time (`14:03`, `14:03:22`, `2:03 PM`, `2:03 p. m.`).
fn split_time(s: &str) -> Option<(&str, (u32, u32, u32))> {
    let s = s.trim();
    let (date, rest) = match s.find([' ', 'T', ',']) {
        Some(i) => (&s[..i], s[i + 1..].trim_start_matches([',', ' '])),
        None => (s, ""),
    };
    if rest.is_empty() {
        return Some((date, (0, 0, 0)));
    }
    let lower = rest.to_lowercase();
    let compact: String = lower
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (clock, pm) = if let Some(c) = compact.strip_suffix("pm") {
        (c.to_string(), Some(true))
    } else if let Some(c) = compact.strip_suffix("am") {
        (c.to_string(), Some(false))
    } else {
        (compact, None)
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut h: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let sec: u32 = parts.get(2).map_or(Some(0), |p| p.parse().ok())?;
    match pm {
        Some(true) if (1..12).contains(&h) => h += 12,
        Some(false) if h == 12 => h = 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => {}
    }
    (h < 24 && m < 60 && sec < 60).then_some((date, (h, m, sec)))
}

/// A numeric date with the year last, its order left open ([`Numeric`]).
pub fn parse_numeric(s: &str) -> Option<Numeric> {
    let (date, time) = split_time(s)?;
    let sep = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3 {
        return None;
    }
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(parts[0], 2)
        || !digits(parts[1], 2)
        || !(parts[2].len() == 2 || parts[2].len() == 4)
        || !digits(parts[2], 4)
    {
        return None;
    }
    let year: i32 = parts[2].parse().ok()?;
    let year = match (parts[2].len(), year) {
        (2, y) if y < 70 => 2000 + y,
        (2, y) => 1900 + y,
        (_, y) => y,
    };
    let n = Numeric {
        year,
        first: parts[0].parse().ok()?,
        second: parts[1].parse().ok()?,
        time,
    };
    (n.read(true).is_some() || n.read(false).is_some()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_leave_the_order_open_until_a_number_decides() {
        let n = parse_numeric("05/04/2021").unwrap();
        assert_eq!((n.first, n.second, n.year), (5, 4, 2021));
        assert!(n.is_ambiguous());
        assert_eq!(
            n.read(true).unwrap().format("%Y-%m-%d").to_string(),
            "2021-04-05"
        );
        assert_eq!(
            n.read(false).unwrap().format("%Y-%m-%d").to_string(),
            "2021-05-04"
        );
        let n = parse_numeric("25/12/2020 23:59").unwrap();
        assert_eq!((n.evidence(), n.read(false)), (Some(true), None));
        assert_eq!(n.time, (23, 59, 0));
        let n = parse_numeric("5-4-21 14:03").unwrap();
        assert_eq!((n.year, n.time), (2021, (14, 3, 0)));
        let n = parse_numeric("12/31/99, 2:03:04 PM").unwrap();
        assert_eq!(
            (n.evidence(), n.year, n.time),
            (Some(false), 1999, (14, 3, 4))
        );
        let n = parse_numeric("05.04.2021 2:03 p. m.").unwrap();
        assert_eq!(n.time, (14, 3, 0));
        assert_eq!(parse_numeric("12:30 a. m.").map(|n| n.time), None);
        assert!(!parse_numeric("07/07/2021").unwrap().is_ambiguous());
        for bad in [
            "13/13/2021",
            "5/4",
            "2021-04-05",
            "05/04/2021 25:00",
            "1/2/345",
            "ayer",
        ] {
            assert_eq!(parse_numeric(bad), None, "{bad}");
        }
        assert_eq!(utc("2021/04/05"), "2021-04-05 00:00:00");
        assert_eq!(utc("2021.04.05 14:03"), "2021-04-05 14:03:00");
    }

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
        assert_eq!(utc("1617638400.75"), "2021-04-05 16:00:00");
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
