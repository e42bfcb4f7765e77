//! How numbers are written in every human rendering (tables, Markdown,
//! charts, the HTML page): percentages with the precision a small share
//! needs, intervals, thousands separators, and the denominator sentence.

use super::model::Report;

/// Control characters (line breaks, tabs) as spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `s` cut to `n` characters, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

/// `0.95` → `95`, `0.999` → `99.9`.
pub fn pct_label(conf: f64) -> String {
    let s = format!("{:.3}", conf * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 1234567 → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Decimals that keep two significant digits of a small percentage (one
/// decimal from 1% up, so 10.2% but 0.033%).
fn decimals(percent: f64) -> usize {
    if percent == 0.0 || percent >= 1.0 {
        1
    } else {
        ((-percent.log10()).floor() as usize + 2).min(6)
    }
}

/// A share as a percentage (`10.2%`, `0.033%`), `–` when undefined.
pub fn pct(share: Option<f64>) -> String {
    share.map_or_else(
        || "–".to_string(),
        |s| format!("{:.*}%", decimals(s * 100.0), s * 100.0),
    )
}

/// An interval as `8.5–12.2%`, with the precision its lower end needs.
pub fn ci(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => {
            let d = decimals(if l > 0.0 { l * 100.0 } else { h * 100.0 });
            format!("{:.*}–{:.*}%", d, l * 100.0, d, h * 100.0)
        }
        _ => "–".to_string(),
    }
}

impl Report {
    /// What lexiscope knows of the inputs (that one is its synthetic example
    /// corpus), for every human rendering: `None` for ordinary inputs.
    pub fn input_note(&self) -> Option<String> {
        let mut notes: Vec<String> = Vec::new();
        for i in &self.provenance.inputs {
            if let Some(n) = &i.note {
                let line = format!("{}: {n}.", i.path);
                if !notes.contains(&line) {
                    notes.push(line);
                }
            }
        }
        (!notes.is_empty()).then(|| notes.join(" "))
    }

    /// The sentence under every human rendering: the denominator and what
    /// was left out.
    pub fn denominator_note(&self) -> String {
        let t = &self.totals;
        let mut s = format!(
            "Share = posts with at least one match / {} posts analyzed (read {}, empty {}, skipped {}",
            thousands(t.posts_analyzed),
            thousands(t.posts_read),
            thousands(t.posts_empty),
            thousands(t.posts_skipped),
        );
        if !t.skipped_by_reason.is_empty() {
            let reasons: Vec<String> = t
                .skipped_by_reason
                .iter()
                .map(|(k, v)| format!("{k} {}", thousands(*v)))
                .collect();
            s.push_str(": ");
            s.push_str(&reasons.join(", "));
        }
        s.push(')');
        s.push_str(&format!(
            ". {}% Wilson score intervals.",
            pct_label(self.confidence)
        ));
        let lexicons: Vec<String> = self
            .provenance
            .lexicons
            .iter()
            .map(|l| format!("{} {}", l.name, l.version))
            .collect();
        if !lexicons.is_empty() {
            s.push_str(&format!(" Lexicon: {}.", lexicons.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_061_631), "1,061,631");
        assert_eq!(thousands(100), "100");
        assert_eq!(pct(Some(0.1)), "10.0%");
        assert_eq!(pct(Some(0.000325)), "0.033%");
        assert_eq!(pct(Some(0.0)), "0.0%");
        assert_eq!(ci(Some(0.0003), Some(0.0004)), "0.030–0.040%");
        assert_eq!(pct_label(0.95), "95");
        assert_eq!(pct_label(0.999), "99.9");
    }
}
