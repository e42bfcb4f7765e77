//! The native lexicon format (TOML), read and written.
//!
//! ```toml
//! [lexicon]
//! name = "demo"
//! version = "1.0.0"
//! language = "es-MX"
//! description = "what it measures"
//!
//! [options]
//! fold_diacritics = true
//! deobfuscate = false              # match `4rm4s`, `c.j.n.g`, `amenazaaa`
//!
//! [[category]]
//! id = "weapons"
//! label = "Weapons"
//! description = "coding rule and sources"
//! terms = ["cuerno de chivo", "arma*", "🔫"]
//! exclude = ["cuerno de la abundancia"]
//! weights = { "arma*" = 2.0 }      # optional, for weighted dictionaries
//! deobfuscate = true               # optional, overrides [options]
//! helper = true                    # optional: a vocabulary for rules, not reported
//!
//! [[category]]
//! id = "armed_threat"
//! rule = "threat NEAR/8 weapons"    # a rule instead of terms (see `rule`)
//!
//! [[test]]
//! text = "traigo mi cuerno de chivo"
//! expect = ["weapons"]
//! ```
//!
//! Unknown keys in categories and tests are errors (a typo such as `term =`
//! would otherwise leave a category silently empty); every error names the
//! file and line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{Category, Lexicon, Meta, Options, Term, TestCase};
use super::rule_syntax::{self, RuleRef};
use crate::digest::sha256_hex;
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    lexicon: Option<RawMeta>,
    #[serde(default)]
    options: RawOptions,
    #[serde(default)]
    category: Vec<Spanned<RawCategory>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    test: Vec<Spanned<RawTest>>,
    #[serde(default)]
    lint: RawLint,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLint {
    #[serde(default)]
    allow: Vec<String>,
}

#[derive(Deserialize)]
struct RawMeta {
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    #[serde(default = "yes")]
    fold_diacritics: bool,
    #[serde(default)]
    deobfuscate: bool,
}

impl Default for RawOptions {
    fn default() -> Self {
        RawOptions {
            fold_diacritics: true,
            deobfuscate: false,
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    weights: BTreeMap<String, f64>,
    #[serde(default)]
    rule: Option<Spanned<String>>,
    #[serde(default)]
    deobfuscate: Option<bool>,
    #[serde(default)]
    helper: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Byte offsets where lines start, for many [`Lines::line`] look-ups.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect(),
        )
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Parse a native TOML lexicon; `origin` names it in messages.
pub fn parse_native(bytes: &[u8], origin: &str) -> Result<Lexicon> {
    let err = |line: Option<usize>, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line,
        msg,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of(&String::from_utf8_lossy(bytes), e.valid_up_to());
        err(Some(line), "the file is not valid UTF-8".into())
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        err(line, e.message().trim().to_string())
    })?;
    let lines = Lines::new(text);
    let line_of = |_: &str, offset: usize| lines.line(offset);
    let Some(meta) = raw.lexicon else {
        return Err(err(
            None,
            "missing the [lexicon] table with at least `name`".into(),
        ));
    };
    let terms = |list: Vec<Spanned<String>>, weights: &BTreeMap<String, f64>| -> Vec<Term> {
        list.into_iter()
            .map(|t| {
                let line = line_of(text, t.span().start);
                let text = t.into_inner();
                Term {
                    weight: weights.get(&text).copied(),
                    text,
                    line,
                }
            })
            .collect()
    };
    let mut categories: Vec<Category> = Vec::with_capacity(raw.category.len());
    for spanned in raw.category {
        let line = line_of(text, spanned.span().start);
        let c = spanned.into_inner();
        if c.id.trim().is_empty() {
            return Err(err(Some(line), "a category has an empty `id`".into()));
        }
        if let Some(prev) = categories.iter().find(|p| p.id == c.id) {
            return Err(err(
                Some(line),
                format!(
                    "duplicate category id {:?} (first at line {})",
                    c.id, prev.line
                ),
            ));
        }
        for term in c.weights.keys() {
            if !c.terms.iter().any(|t| t.get_ref() == term) {
                return Err(err(
                    Some(line),
                    format!(
                        "category {:?}: weight for {term:?}, which is not one of its terms",
                        c.id
                    ),
                ));
            }
        }
        if c.rule.is_some() && (!c.terms.is_empty() || !c.exclude.is_empty()) {
            return Err(err(
                Some(line),
                format!(
                    "category {:?} has both a `rule` and terms or exclusions: a rule category \
                     is defined by its rule alone (put the terms in a category of their own \
                     and name it in the rule)",
                    c.id
                ),
            ));
        }
        let mut description = c.description;
        if !c.sources.is_empty() {
            description.push_str("\nSources: ");
            description.push_str(&c.sources.join("; "));
        }
        categories.push(Category {
            label: c.label.unwrap_or_else(|| c.id.clone()),
            terms: terms(c.terms, &c.weights),
            exclude: terms(c.exclude, &BTreeMap::new()),
            id: c.id,
            description,
            rule_line: c.rule.as_ref().map_or(0, |r| line_of(text, r.span().start)),
            rule: c.rule.map(Spanned::into_inner),
            deobfuscate: c.deobfuscate,
            helper: c.helper,
            line,
        });
    }
    if categories.is_empty() {
        return Err(err(None, "the lexicon has no [[category]]".into()));
    }
    let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    let rules: Vec<RuleRef> = categories
        .iter()
        .filter_map(|c| {
            Some(RuleRef {
                id: &c.id,
                rule: c.rule.as_deref()?,
                line: c.rule_line(),
            })
        })
        .collect();
    rule_syntax::check(origin, &ids, &rules)?;
    let mut tests = Vec::with_capacity(raw.test.len());
    for spanned in raw.test {
        let line = line_of(text, spanned.span().start);
        let t = spanned.into_inner();
        if let Some(bad) = t
            .expect
            .iter()
            .find(|id| !categories.iter().any(|c| &c.id == *id))
        {
            return Err(err(
                Some(line),
                format!("test expects unknown category {bad:?}"),
            ));
        }
        if let Some(helper) = t
            .expect
            .iter()
            .find(|id| categories.iter().any(|c| &c.id == *id && c.helper))
        {
            return Err(err(
                Some(line),
                format!(
                    "test expects helper category {helper:?}, which is never reported; \
                     a test names the reported categories the rules make of it"
                ),
            ));
        }
        tests.push(TestCase {
            text: t.text,
            expect: t.expect,
            note: t.note,
            line,
        });
    }
    Ok(Lexicon {
        meta: Meta {
            name: meta.name,
            version: meta.version,
            language: meta.language,
            description: meta.description,
        },
        options: Options {
            fold_diacritics: raw.options.fold_diacritics,
            deobfuscate: raw.options.deobfuscate,
        },
        exclude: terms(raw.exclude, &BTreeMap::new()),
        categories,
        tests,
        origin: origin.to_string(),
        sha256: sha256_hex(bytes),
        lint_allow: raw.lint.allow,
    })
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(out: &mut String, key: &str, terms: &[Term]) {
    out.push_str(key);
    out.push_str(" = [\n");
    for t in terms {
        out.push_str("  ");
        out.push_str(&quote(&t.text));
        out.push_str(",\n");
    }
    out.push_str("]\n");
}

/// Write a lexicon in the native TOML format.
pub fn to_native_toml(lex: &Lexicon) -> String {
    let mut out = String::new();
    // Top-level keys go before the first table, or TOML files them under it.
    if !lex.exclude.is_empty() {
        list(&mut out, "exclude", &lex.exclude);
        out.push('\n');
    }
    out.push_str("[lexicon]\n");
    for (k, v) in [
        ("name", &lex.meta.name),
        ("version", &lex.meta.version),
        ("language", &lex.meta.language),
        ("description", &lex.meta.description),
    ] {
        out.push_str(&format!("{k} = {}\n", quote(v)));
    }
    out.push_str(&format!(
        "\n[options]\nfold_diacritics = {}\n",
        lex.options.fold_diacritics
    ));
    if lex.options.deobfuscate {
        out.push_str("deobfuscate = true\n");
    }
    for c in &lex.categories {
        out.push_str("\n[[category]]\n");
        out.push_str(&format!(
            "id = {}\nlabel = {}\n",
            quote(&c.id),
            quote(&c.label)
        ));
        if !c.description.is_empty() {
            out.push_str(&format!("description = {}\n", quote(&c.description)));
        }
        if c.helper {
            out.push_str("helper = true\n");
        }
        if let Some(deob) = c.deobfuscate {
            out.push_str(&format!("deobfuscate = {deob}\n"));
        }
        if let Some(rule) = &c.rule {
            out.push_str(&format!("rule = {}\n", quote(rule)));
            continue;
        }
        list(&mut out, "terms", &c.terms);
        if !c.exclude.is_empty() {
            list(&mut out, "exclude", &c.exclude);
        }
        // A term listed twice has one weight: a TOML table takes each key once
        // (found by fuzzing: `weights = { "arma*" = 2.0, "arma*" = 2.0 }`).
        let mut weighted: Vec<(&Term, f64)> = Vec::new();
        for t in &c.terms {
            if let Some(w) = t.weight
                && !weighted.iter().any(|(seen, _)| seen.text == t.text)
            {
                weighted.push((t, w));
            }
        }
        if !weighted.is_empty() {
            out.push_str("weights = { ");
            let parts: Vec<String> = weighted
                .iter()
                .map(|(t, w)| format!("{} = {w:?}", quote(&t.text)))
                .collect();
            out.push_str(&parts.join(", "));
            out.push_str(" }\n");
        }
    }
    if !lex.lint_allow.is_empty() {
        let allow: Vec<String> = lex.lint_allow.iter().map(|a| quote(a)).collect();
        out.push_str(&format!("\n[lint]\nallow = [{}]\n", allow.join(", ")));
    }
    for t in &lex.tests {
        out.push_str("\n[[test]]\n");
        out.push_str(&format!("text = {}\n", quote(&t.text)));
        let expect: Vec<String> = t.expect.iter().map(|e| quote(e)).collect();
        out.push_str(&format!("expect = [{}]\n", expect.join(", ")));
        if let Some(note) = &t.note {
            out.push_str(&format!("note = {}\n", quote(note)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[lexicon]
name = "t"
version = "1"

[[category]]
id = "a"
label = "A"
terms = ["uno", "dos*"]
exclude = ["uno más"]
weights = { "uno" = 2.5 }

[[test]]
text = "uno"
expect = ["a"]
"#;

    #[test]
    fn parses_with_lines() {
        let lex = parse_native(GOOD.as_bytes(), "t.toml").unwrap();
        assert_eq!(lex.categories[0].terms[0].line, 9);
        assert_eq!(lex.categories[0].terms[0].weight, Some(2.5));
        assert_eq!(lex.tests[0].line, 13);
        assert!(lex.options.fold_diacritics);
    }

    #[test]
    fn line_table() {
        let text = "a\nbc\n\nd";
        let lines = Lines::new(text);
        for offset in 0..text.len() {
            assert_eq!(lines.line(offset), line_of(text, offset), "{offset}");
        }
    }

    /// Found by fuzzing (fuzz/artifacts/native_lexicon/crash-0c81dcf8…, the
    /// README example): a lexicon-wide `exclude` was written after
    /// `[options]`, where TOML reads it as an option, so the written file
    /// did not parse.
    #[test]
    fn round_trips_lexicon_wide_exclusions() {
        let text = "exclude = [\"plaza de armas\"]\n[lexicon]\nname = \"x\"\n[options]\nfold_diacritics = true\n[[category]]\nid = \"a\"\nterms = [\"arma*\"]\n";
        let lex = parse_native(text.as_bytes(), "x.toml").unwrap();
        let again = parse_native(to_native_toml(&lex).as_bytes(), "again.toml").unwrap();
        assert_eq!(again.exclude.len(), 1);
        assert_eq!(again.exclude[0].text, "plaza de armas");
    }

    #[test]
    fn round_trips_a_weighted_term_listed_twice() {
        let text = "[lexicon]\nname = \"x\"\n[[category]]\nid = \"a\"\nterms = [\"arma*\", \"arma*\"]\nweights = { \"arma*\" = 2.0 }\n";
        let lex = parse_native(text.as_bytes(), "x.toml").unwrap();
        let again = parse_native(to_native_toml(&lex).as_bytes(), "again.toml").unwrap();
        assert_eq!(again.categories[0].terms[0].weight, Some(2.0));
    }

    #[test]
    fn round_trips_rules_and_deobfuscation() {
        let text = "[lexicon]\nname = \"x\"\n[options]\ndeobfuscate = true\n\
                    [[category]]\nid = \"a\"\ndeobfuscate = false\nterms = [\"arma*\"]\n\
                    [[category]]\nid = \"b\"\nterms = [\"cjng\"]\n\
                    [[category]]\nid = \"r\"\nrule = \"a NEAR/3/s \\\"te \\\\\\\"mato\\\\\\\"\\\" OR b\"\n";
        let lex = parse_native(text.as_bytes(), "x.toml").unwrap();
        assert_eq!(
            lex.categories[2].rule.as_deref(),
            Some("a NEAR/3/s \"te \\\"mato\\\"\" OR b")
        );
        let again = parse_native(to_native_toml(&lex).as_bytes(), "again.toml").unwrap();
        assert!(again.options.deobfuscate);
        assert_eq!(again.categories[0].deobfuscate, Some(false));
        assert_eq!(again.categories[1].deobfuscate, None);
        assert_eq!(again.categories[2].rule, lex.categories[2].rule);
        assert!(again.categories[2].terms.is_empty());
    }

    #[test]
    fn round_trips() {
        let lex = parse_native(GOOD.as_bytes(), "t.toml").unwrap();
        let again = parse_native(to_native_toml(&lex).as_bytes(), "t.toml").unwrap();
        assert_eq!(lex.categories.len(), again.categories.len());
        for (a, b) in lex.categories.iter().zip(&again.categories) {
            let texts = |c: &Category| {
                c.terms
                    .iter()
                    .map(|t| (t.text.clone(), t.weight))
                    .collect::<Vec<_>>()
            };
            assert_eq!(texts(a), texts(b));
            assert_eq!(a.exclude.len(), b.exclude.len());
        }
        assert_eq!(lex.tests.len(), again.tests.len());
    }

    fn bad(text: &str) -> String {
        parse_native(text.as_bytes(), "bad.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_name_file_and_line() {
        let msg = bad("[lexicon]\nname = \"x\"\n[[category]]\nid = \"a\"\nterm = [\"x\"]\n");
        assert!(msg.starts_with("bad.toml:"), "{msg}");
        assert!(msg.contains("term"), "{msg}");
        let msg =
            bad("[lexicon]\nname = \"x\"\n[[category]]\nid = \"a\"\n[[category]]\nid = \"a\"\n");
        assert!(msg.contains("bad.toml:5: duplicate category id"), "{msg}");
        let msg = bad(
            "[lexicon]\nname = \"x\"\n[[category]]\nid = \"a\"\n[[test]]\ntext = \"\"\nexpect = [\"b\"]\n",
        );
        assert!(
            msg.contains("bad.toml:5: test expects unknown category \"b\""),
            "{msg}"
        );
        let msg = bad("[lexicon]\nname = \"x\"\nterms = [\n");
        assert!(msg.starts_with("bad.toml:3"), "{msg}");
        assert!(bad("[[category]]\nid = \"a\"\n").contains("[lexicon]"));
    }
}
