//! Numbers as exports write them, for `--weight`: thousands separators in
//! either locale ("1,234", "1.234", "407.137"), read by an explicit decimal
//! mark (`--decimal . | ,`). A value that reads differently under the other
//! rule (one separator followed by exactly three digits, such as "1.234") is
//! reported as ambiguous so the caller can warn. Counts abbreviated with
//! `K`, `M`, `B` (`1.2K`, YouTube's votes) are read too.

/// Which character is the decimal mark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub enum Decimal {
    /// `1,234.5` (the default: English-language exports, X, Meta).
    #[default]
    #[serde(rename = ".")]
    Dot,
    /// `1.234,5` (CrowdTangle in Spanish or Portuguese locales).
    #[serde(rename = ",")]
    Comma,
}

/// A parsed number and whether the other decimal rule would read it otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parsed {
    /// The value.
    pub value: f64,
    /// True for forms like "1.234" or "1,234".
    pub ambiguous: bool,
}

/// Parse `s` under `decimal`; `None` when it is not a number. A `K`, `M`
/// or `B` after the number multiplies it by a thousand, a million or a
/// billion, as YouTube and TikTok print counts (`1.2K` votes).
pub fn parse_number(s: &str, decimal: Decimal) -> Option<Parsed> {
    let s = s.trim();
    let scale = match s.chars().last() {
        Some('k' | 'K') => 1e3,
        Some('m' | 'M') => 1e6,
        Some('b' | 'B') => 1e9,
        _ => 1.0,
    };
    if scale != 1.0 {
        let body = s[..s.len() - 1].trim_end();
        if !body.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let p = parse_number(body, decimal)?;
        // `1.2K` is not ambiguous: a thousands group never precedes K.
        return Some(Parsed {
            value: p.value * scale,
            ambiguous: false,
        });
    }
    let (dec, thou) = match decimal {
        Decimal::Dot => ('.', ','),
        Decimal::Comma => (',', '.'),
    };
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == dec || c == thou || c == ' ' || c == '\u{a0}')
    {
        return None;
    }
    if body.matches(dec).count() > 1 {
        return None;
    }
    let (int, frac) = body.split_once(dec).unwrap_or((body, ""));
    // Thousands groups must be 3 digits after the first.
    let groups: Vec<&str> = int.split([thou, ' ', '\u{a0}']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() && frac.is_empty() {
        return None;
    }
    let text = format!(
        "{}{}.{}",
        if s.starts_with('-') { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        frac
    );
    let value: f64 = text.parse().ok()?;
    let seps = body.chars().filter(|&c| c == '.' || c == ',').count();
    let last_sep = body.rfind(['.', ',']);
    let ambiguous = seps == 1 && last_sep.is_some_and(|i| body.len() - i - 1 == 3);
    Some(Parsed { value, ambiguous })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(s: &str) -> Option<f64> {
        parse_number(s, Decimal::Dot).map(|p| p.value)
    }
    fn comma(s: &str) -> Option<f64> {
        parse_number(s, Decimal::Comma).map(|p| p.value)
    }

    #[test]
    fn abbreviated_counts() {
        let v = |s| parse_number(s, Decimal::Dot).map(|p| p.value);
        assert_eq!(v("1.2K"), Some(1200.0));
        assert_eq!(v("15"), Some(15.0));
        assert_eq!(v("2M"), Some(2e6));
        assert_eq!(v("3 k"), Some(3000.0));
        assert_eq!(
            parse_number("1,5K", Decimal::Comma).map(|p| p.value),
            Some(1500.0)
        );
        assert_eq!(v("K"), None);
        assert_eq!(v("1.2KK"), None);
    }

    #[test]
    fn both_locales() {
        assert_eq!(dot("1,234"), Some(1234.0));
        assert_eq!(dot("1,234.5"), Some(1234.5));
        assert_eq!(dot("1.234"), Some(1.234));
        assert_eq!(dot("12"), Some(12.0));
        assert_eq!(comma("1.234"), Some(1234.0));
        assert_eq!(comma("407.137"), Some(407137.0));
        assert_eq!(comma("1,4"), Some(1.4));
        assert_eq!(comma("1.234.567,25"), Some(1234567.25));
        assert_eq!(dot("1 234"), Some(1234.0));
        assert_eq!(dot("-3"), Some(-3.0));
    }

    #[test]
    fn rejects_and_flags() {
        assert_eq!(dot("abc"), None);
        assert_eq!(dot(""), None);
        assert_eq!(dot("1,23"), None, "thousands groups have three digits");
        assert_eq!(dot("1.2.3"), None);
        assert!(parse_number("407.137", Decimal::Dot).unwrap().ambiguous);
        assert!(parse_number("1,234", Decimal::Comma).unwrap().ambiguous);
        assert!(!parse_number("1,4", Decimal::Comma).unwrap().ambiguous);
        assert!(!parse_number("1,234.5", Decimal::Dot).unwrap().ambiguous);
    }
}
