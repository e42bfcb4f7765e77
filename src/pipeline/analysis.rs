//! `analyze` as a library call: the share of posts per category with
//! intervals, optionally broken down (`by`, `every`), weighted (`weight`),
//! deduplicated (`dedupe`), with cluster-bootstrap intervals (`cluster`) and
//! the co-occurrence matrix.
//!
//! [`tally`] reads: configuration checked and prepared ([`prepare_analysis`]:
//! lexicons compiled, inputs opened with the fields the analysis needs) →
//! the batch driver folds one [`PostTally`] per post into per-thread
//! tallies ([`AnalysisRun::tally`]) → notes on what could not be read → the
//! tally file (counts, layout, provenance).
//! [`analyze`] builds the report from it. With `dedupe` the posts are
//! folded in input order instead, so "first occurrence wins" does not
//! depend on threads.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use serde_json::json;

use super::coded::CodedSheet;
use super::driver::{Driver, Record};
use super::prepare::{Prepared, prepare};
use super::provenance::provenance;
use super::validation::{self, Part, Seen};
use crate::config::{Analysis, Config, Dedupe};
use crate::error::{Error, Result};
use crate::matcher::{Matcher, Scratch};
use crate::observer::{Note, NoteKind};
use crate::report::{Layout, Report, TALLY_SCHEMA, TallyFile};
use chrono::{DateTime, Utc};

use crate::source::date::{Numeric, Period, parse_date, parse_numeric};
use crate::source::number::{Decimal, parse_number};
use crate::source::{DEFAULT_DATE, Post, SourceOptions};
use crate::stats::tally::WEIGHT_SCALE;
use crate::stats::{Counts, DateState, GroupCap, PostTally, Tally, TallyShape};

/// Fields whose presence marks a repost, read when an input has them:
/// Telegram's `forwarded_from`, X API v2's `referenced_tweets` (a
/// "retweeted" entry), 4CAT's `is_retweet`.
const REPOST_FIELDS: &[&str] = &["forwarded_from", "referenced_tweets", "is_retweet"];

/// The analysis of a configuration as a report.
pub fn analyze(config: &Config) -> Result<Report> {
    Ok(report(&tally(config)?, config))
}

/// The report of a tally, showing the categories `config` selects.
pub fn report(tally: &TallyFile, config: &Config) -> Report {
    let mut report = tally.report();
    report.select(&config.analysis.select);
    report
}

/// The counting of [`analyze`]: a tally file with what the report needs,
/// which shards of a corpus add up (`merge`).
pub fn tally(config: &Config) -> Result<TallyFile> {
    prepare_analysis(config)?.tally(config)
}

/// Check the analysis of `config`, compile its lexicons and open its inputs
/// with the fields the analysis reads: everything that can fail before a
/// post is read.
pub fn prepare_analysis(config: &Config) -> Result<AnalysisRun> {
    config.analysis.validate()?;
    let (plan, source_opts) = Plan::new(&config.analysis, &config.source);
    let gold = config
        .analysis
        .validation
        .as_ref()
        .map(|v| validation::gold(v, config));
    let sheet = gold
        .as_ref()
        .map(|g| CodedSheet::read(g, &*config.observer))
        .transpose()?;
    let prepared = prepare(config, &source_opts)?;
    config
        .analysis
        .select
        .check(&prepared.matcher.category_ids())
        .map_err(Error::Usage)?;
    let sheet = match (sheet, &gold) {
        (Some(sheet), Some(g)) => Some(sheet.plan(g, &prepared.matcher)?),
        _ => None,
    };
    Ok(AnalysisRun {
        plan,
        prepared,
        sheet,
    })
}

/// A prepared analysis, ready to read its inputs.
pub struct AnalysisRun {
    plan: Plan,
    prepared: Prepared,
    /// The coded sheet of `--validation`.
    sheet: Option<CodedSheet>,
}

impl AnalysisRun {
    /// Read every post through the batch driver and count: one
    /// [`PostTally`] per post folded into per-thread tallies (in input
    /// order with `dedupe`), then the notes on what could not be read, the
    /// provenance and the layout of the report.
    pub fn tally(self, config: &Config) -> Result<TallyFile> {
        let AnalysisRun {
            plan,
            prepared,
            sheet,
        } = self;
        let wanted = sheet.as_ref().map(CodedSheet::wanted).unwrap_or_default();
        let mut coded: Vec<Seen> = Vec::new();
        let analysis = &config.analysis;
        let shape = TallyShape {
            fresh: Counts::new(
                prepared.matcher.categories.len(),
                prepared.matcher.slots.len(),
            ),
            grouped: plan.grouped(),
            weighted: plan.weight.is_some(),
            cooccurrence: analysis.cooccurrence,
        };
        let mut cap = GroupCap::new(analysis.max_groups, plan.every.is_some());
        let mut driver = Driver::new(prepared, config)?.reporting_posts();
        let mut tally = shape.empty_tally();
        if plan.dedupe.is_some() {
            let mut seen = HashSet::new();
            driver.map(
                |m, _, post, scratch| {
                    let (tally, dedupe) = plan.observe(m, post, scratch);
                    (tally, dedupe, wanted.get(post.id.as_ref()).copied())
                },
                |_, record| {
                    match record {
                        Record::Skipped(log) => tally.add_skip(log),
                        Record::Post((post, dedupe, row)) => {
                            if let Some(row) = row {
                                coded.push(Seen::of(row, &post));
                            }
                            let unique = match dedupe {
                                Some((hash, repost)) if !post.empty => !repost && seen.insert(hash),
                                _ => true,
                            };
                            tally.add_post(&post, &shape, Some(unique), Some(&mut cap));
                        }
                    }
                    Ok(())
                },
            )?;
        } else {
            // A batch's part holds every group of the batch; the cap on
            // groups applies as the parts are added, batch by batch in input order.
            driver.fold(
                || Part::new(shape.empty_tally()),
                |part: &mut Part, m, record| match record {
                    Err(log) => part.tally.add_skip(log),
                    Ok((post, scratch)) => {
                        let observed = plan.observe(m, post, scratch).0;
                        if let Some(&row) = wanted.get(post.id.as_ref()) {
                            part.seen.push(Seen::of(row, &observed));
                        }
                        part.tally.add_post(&observed, &shape, None, None)
                    }
                },
                |part| {
                    tally.absorb(part.tally, &mut cap);
                    coded.extend(part.seen);
                    Ok(())
                },
            )?;
        }
        debug_assert!(tally.all.is_consistent());
        if let Some(period) = plan.every {
            resolve_numeric_dates(&mut tally, period, plan.dayfirst, config);
        }
        note_unreadable(&tally, analysis, config);
        let prepared = driver.into_prepared();
        let validation = match &sheet {
            Some(sheet) => Some(validation::input(
                sheet,
                &coded,
                &prepared.matcher,
                tally.all.posts_analyzed,
                config,
            )?),
            None => None,
        };
        Ok(TallyFile {
            validation,
            schema: TALLY_SCHEMA.to_string(),
            provenance: provenance(&prepared, config),
            layout: layout(&prepared.matcher, analysis, &plan),
            tally,
        })
    }
}

/// What the per-post stage needs to know beyond the matcher: where the
/// fields of the analysis are among the post's fields.
#[derive(Clone, Debug)]
struct Plan {
    /// Number of `by` fields (the first post fields).
    by: usize,
    /// Period of `every`, reading the post field at `date`.
    every: Option<Period>,
    date: Option<usize>,
    weight: Option<usize>,
    decimal: Decimal,
    cluster: Option<usize>,
    /// First optional (repost) field.
    reposts: Option<usize>,
    dedupe: Option<Dedupe>,
    /// `--dayfirst` (`Some(true)`) or `--monthfirst`: numeric dates are
    /// read in that order; `None`: in the order the run's dates show.
    dayfirst: Option<bool>,
}

/// The provisional period key of a numeric date that reads either way:
/// resolved once the run's order is known ([`resolve_numeric_dates`]).
const AMBIGUOUS_DATE: char = '\u{1}';

impl Plan {
    /// The plan of an analysis and the source options that read its
    /// fields: the `by` fields, then date, weight, cluster (then, with
    /// `dedupe`, the repost fields the input has).
    fn new(analysis: &Analysis, source: &SourceOptions) -> (Plan, SourceOptions) {
        let mut fields = analysis.by.clone();
        let slot = |name: &Option<String>, fields: &mut Vec<String>| {
            name.as_ref().map(|n| {
                fields.push(n.clone());
                fields.len() - 1
            })
        };
        // `every` without `date`: the input's own date field (a preset's or
        // a platform format's), resolved when the input opens.
        let date_name = match (&analysis.every, &analysis.date) {
            (Some(_), None) => Some(DEFAULT_DATE.to_string()),
            (_, d) => d.clone(),
        };
        let date = slot(&date_name, &mut fields);
        let weight = slot(&analysis.weight, &mut fields);
        let cluster = slot(&analysis.cluster, &mut fields);
        let plan = Plan {
            by: analysis.by.len(),
            every: analysis.every,
            date,
            weight,
            decimal: analysis.decimal,
            cluster,
            reposts: analysis.dedupe.map(|_| fields.len()),
            dedupe: analysis.dedupe,
            dayfirst: source.dayfirst,
        };
        let mut opts = source.clone();
        opts.fields = fields;
        if analysis.dedupe.is_some() {
            opts.optional_fields = REPOST_FIELDS.iter().map(|s| s.to_string()).collect();
        }
        (plan, opts)
    }

    fn grouped(&self) -> bool {
        self.by > 0 || self.every.is_some()
    }

    /// What one scanned post contributes, and with `dedupe` the hash of its
    /// text and whether it is a repost.
    fn observe(
        &self,
        matcher: &Matcher,
        post: &Post,
        scratch: &Scratch,
    ) -> (PostTally, Option<(u64, bool)>) {
        let field = |i: Option<usize>| i.and_then(|i| post.fields.get(i)).map(|f| f.trim());
        let mut key: Vec<String> = post.fields[..self.by]
            .iter()
            .map(|f| f.trim().to_string())
            .collect();
        let mut date = DateState::Ok;
        let mut date_raw = None;
        let mut day = None;
        if let Some(period) = self.every {
            let raw = field(self.date).unwrap_or("");
            let (bucket, state, when) = self.bucket(period, raw);
            day = when.map(|t| t.timestamp().div_euclid(86_400) as i32);
            if state == DateState::Invalid {
                date_raw = Some(raw.chars().take(40).collect());
            }
            date = state;
            key.push(bucket);
        }
        let (mut weight, mut weight_invalid, mut weight_ambiguous) = (0, false, false);
        if self.weight.is_some() {
            match parse_number(field(self.weight).unwrap_or(""), self.decimal) {
                Some(p) => {
                    weight = (p.value * WEIGHT_SCALE).round() as i128;
                    weight_ambiguous = p.ambiguous;
                }
                None => weight_invalid = true,
            }
        }
        let dedupe = self.dedupe.map(|mode| self.dedupe_key(matcher, post, mode));
        let hits = scratch.hits();
        let tally = PostTally {
            empty: scratch.norm.tokens.is_empty(),
            hit_categories: hits.iter().map(|h| h.category).collect(),
            term_hits: scratch.term_hits.clone(),
            tokens: scratch.norm.word_count(),
            key,
            date,
            date_raw,
            day,
            weight,
            weight_invalid,
            weight_ambiguous,
            cluster: self.cluster.map(|i| {
                field(Some(i))
                    .filter(|v| !v.is_empty())
                    .unwrap_or("(none)")
                    .to_string()
            }),
        };
        (tally, dedupe)
    }

    /// The period of a date as written, what was seen of it, and the date.
    fn bucket(&self, period: Period, raw: &str) -> (String, DateState, Option<DateTime<Utc>>) {
        if raw.is_empty() {
            return ("(no date)".to_string(), DateState::Missing, None);
        }
        if let Some(t) = parse_date(raw) {
            return (period.bucket(t), DateState::Ok, Some(t));
        }
        let invalid = || ("(invalid date)".to_string(), DateState::Invalid, None);
        let Some(n) = parse_numeric(raw) else {
            return invalid();
        };
        match (self.dayfirst, n.evidence()) {
            (Some(dayfirst), _) => n
                .read(dayfirst)
                .map_or_else(invalid, |t| (period.bucket(t), DateState::Ok, Some(t))),
            (None, Some(dayfirst)) => n.read(dayfirst).map_or_else(invalid, |t| {
                (period.bucket(t), DateState::Ordered(dayfirst), Some(t))
            }),
            (None, None) if n.is_ambiguous() => (
                format!(
                    "{AMBIGUOUS_DATE}{:04}-{:02}-{:02}",
                    n.year, n.first, n.second
                ),
                DateState::Ambiguous,
                None,
            ),
            (None, None) => n
                .read(true)
                .map_or_else(invalid, |t| (period.bucket(t), DateState::Ok, Some(t))),
        }
    }

    /// The hash of a post's text for `dedupe`, and whether it is a repost.
    fn dedupe_key(&self, matcher: &Matcher, post: &Post, mode: Dedupe) -> (u64, bool) {
        let (stripped, rt) = strip_retweet(&post.text);
        let repost = rt
            || self.reposts.is_some_and(|first| {
                post.fields[first..].iter().any(|f| {
                    let f = f.trim();
                    !f.is_empty()
                        && f != "0"
                        && !f.eq_ignore_ascii_case("false")
                        && (f.contains("retweeted")
                            || !f.contains("quoted") && !f.contains("replied_to"))
                })
            });
        let mut h = std::hash::DefaultHasher::new();
        match mode {
            Dedupe::Exact => stripped.hash(&mut h),
            Dedupe::Normalized => matcher
                .normalizer()
                .normalize_to_string(stripped)
                .hash(&mut h),
        }
        (h.finish(), repost)
    }
}

/// Remove a leading `RT @user:` (X's retweet prefix); says whether it was there.
fn strip_retweet(text: &str) -> (&str, bool) {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("RT @")
        && let Some((_, after)) = rest.split_once(':')
    {
        return (after.trim_start(), true);
    }
    (text, false)
}

/// Put the numeric dates that read either way (`05/04/2021`) in their
/// periods, in the order the run's unambiguous dates show (day first when
/// they show none or are split evenly, the WhatsApp rule), and say so.
fn resolve_numeric_dates(tally: &mut Tally, period: Period, forced: Option<bool>, config: &Config) {
    if tally.dates_ambiguous == 0 {
        return;
    }
    let (day, month) = (tally.dates_dayfirst, tally.dates_monthfirst);
    let dayfirst = forced.unwrap_or(day >= month);
    tally.rekey_last(|k| {
        let mut parts = k.strip_prefix(AMBIGUOUS_DATE)?.split('-');
        let mut next = || parts.next()?.parse::<u32>().ok();
        let (year, first, second) = (next()?, next()?, next()?);
        let n = Numeric {
            year: year as i32,
            first,
            second,
            time: (0, 0, 0),
        };
        n.read(dayfirst).map(|t| period.bucket(t))
    });
    let why = match (day, month) {
        (0, 0) => "no date of the run shows the order: the default".to_string(),
        (d, 0) => format!("as the run's {d} day-first dates, such as 25/04/2021, show"),
        (0, m) => format!("as the run's {m} month-first dates, such as 04/25/2021, show"),
        (d, m) => {
            format!("the run mixes {d} day-first and {m} month-first dates: the larger side")
        }
    };
    config.observer.note(&Note::new(
        NoteKind::Dates,
        format!(
            "{} numeric dates such as 05/04/2021 read either way: read {} ({why}); --{} to read them the other way",
            tally.dates_ambiguous,
            if dayfirst { "day first" } else { "month first" },
            if dayfirst { "monthfirst" } else { "dayfirst" },
        ),
    ));
}

/// Note dates and weights that could not be read, and groups folded.
fn note_unreadable(tally: &Tally, analysis: &Analysis, config: &Config) {
    let note = |kind, msg: String| config.observer.note(&Note::new(kind, msg));
    if tally.groups_folded > 0 {
        note(
            NoteKind::Warning,
            format!(
                "more than {} distinct groups: the {} posts of the groups (--by values) seen after the first {} are counted in the group {:?} (--max-groups N to count more one by one)",
                analysis.max_groups,
                tally.groups_folded,
                analysis.max_groups,
                crate::config::OTHER_GROUP
            ),
        );
    }
    if tally.dates_missing + tally.dates_invalid > 0 {
        note(
            NoteKind::Dates,
            format!(
                "{} posts without a date and {} with a date that cannot be read are in the groups \"(no date)\" and \"(invalid date)\"{}",
                tally.dates_missing,
                tally.dates_invalid,
                if tally.date_examples.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; unreadable dates such as {}",
                        tally
                            .date_examples
                            .iter()
                            .map(|d| format!("{d:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        );
    }
    if tally.weights_invalid > 0 {
        note(
            NoteKind::Weights,
            format!(
                "{} posts have no readable --weight {:?} and count with weight 0",
                tally.weights_invalid,
                analysis.weight.as_deref().unwrap_or_default()
            ),
        );
    }
    if tally.weights_ambiguous > 0 {
        let (mark, other) = match analysis.decimal {
            Decimal::Dot => (".", ","),
            Decimal::Comma => (",", "."),
        };
        note(
            NoteKind::Weights,
            format!(
                "{} weights such as \"1.234\" could be read either way; read with --decimal {mark:?}\n  hint: if the export writes thousands with {mark:?}, pass --decimal {other:?}",
                tally.weights_ambiguous
            ),
        );
    }
}

/// What the report is built from besides the counts.
fn layout(matcher: &Matcher, analysis: &Analysis, plan: &Plan) -> Layout {
    let mut group_fields = analysis.by.clone();
    if let Some(p) = &plan.every {
        group_fields.push(json!(p).as_str().unwrap_or("period").to_string());
    }
    Layout {
        categories: matcher
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect(),
        slots: matcher
            .slots
            .iter()
            .map(|s| (s.category, s.term.clone()))
            .collect(),
        confidence: analysis.confidence,
        top_terms: analysis.top_terms,
        group_fields,
        min_posts: analysis.min_posts,
        weighted: analysis.weight.is_some(),
        bootstrap: analysis
            .cluster
            .as_ref()
            .map(|_| (analysis.bootstrap, analysis.seed)),
        dedupe: analysis.dedupe.map(|d| d.name().to_string()),
    }
}
