//! Shares corrected by a coded sheet (`analyze --validation`): for each
//! compared category, the prediction-powered estimate of its true share
//! (Angelopoulos et al. 2023; `stats::prevalence`) from the lexicon's flags
//! on every analyzed post and the codes of the sheet's posts, weighted by
//! the sheet's design. In a `--by` or `--every` group, the same estimate
//! over the group's posts (a domain estimate) when the sheet has at least
//! `min_coded` coded posts in it; otherwise a note and no figure.

use super::model::{CategoryRow, CorrectedShare, Report, ValidationInput};
use crate::stats::prevalence::{Prevalence, prevalence, prevalence_in};

/// The name of the estimator, as the report prints it.
pub const METHOD: &str = "prediction-powered inference (Angelopoulos et al. 2023)";

impl Report {
    /// Add the corrected shares of `v` to the category rows and the groups
    /// (whose keys are the values of `group_fields`, in order).
    pub fn correct(&mut self, v: &ValidationInput, group_fields: &[String]) {
        let confidence = self.confidence;
        let n = self.totals.posts_analyzed;
        let mut short = std::collections::BTreeSet::new();
        for cmp in &v.comparisons {
            if let Some(row) = find(&mut self.categories, &cmp.category) {
                let p = prevalence(
                    row.posts,
                    n,
                    &v.population,
                    &cmp.posts,
                    v.stratified,
                    confidence,
                );
                row.corrected = Some(share(&p, None));
            }
            for (gi, g) in self.groups.iter_mut().enumerate() {
                let key: Vec<&str> = group_fields
                    .iter()
                    .map(|f| g.keys.get(f).map_or("", String::as_str))
                    .collect();
                let member: Vec<bool> = cmp
                    .keys
                    .iter()
                    .map(|k| k.iter().map(String::as_str).eq(key.iter().copied()))
                    .collect();
                let coded = member.iter().filter(|&&m| m).count() as u64;
                let n_g = g.totals.posts_analyzed;
                let Some(row) = find(&mut g.categories, &cmp.category) else {
                    continue;
                };
                row.corrected = Some(if coded < v.summary.min_coded {
                    short.insert(gi);
                    CorrectedShare {
                        coded,
                        note: Some(format!(
                            "only {coded} coded posts in this group (--min-coded {})",
                            v.summary.min_coded
                        )),
                        ..CorrectedShare::default()
                    }
                } else {
                    let p = prevalence_in(
                        row.posts,
                        n_g,
                        &v.population,
                        &cmp.posts,
                        &member,
                        v.stratified,
                        confidence,
                    );
                    share(&p, Some(coded))
                });
            }
        }
        let mut summary = v.summary.clone();
        summary.groups_without = short.len() as u64;
        self.validation = Some(summary);
    }
}

impl Report {
    /// The sentence under a table with corrected shares: what they are,
    /// from which coded posts, by which method; `None` without
    /// `--validation`.
    pub fn correction_note(&self) -> Option<String> {
        let v = self.validation.as_ref()?;
        Some(format!(
            "Corrected: the share of posts that truly belong to the category, estimated from the lexicon's flags on every post and {} coded posts of {} ({} sample), by {}; {}% interval.",
            super::format::thousands(v.found),
            v.sheet,
            v.design,
            v.method,
            super::format::pct_label(self.confidence)
        ))
    }

    /// The notes of the corrected shares, one per distinct note with the
    /// categories it is about.
    pub fn correction_notes(&self) -> Vec<String> {
        let mut notes: Vec<(&str, Vec<&str>)> = Vec::new();
        for c in &self.categories {
            if let Some(note) = c.corrected.as_ref().and_then(|c| c.note.as_deref()) {
                match notes.iter_mut().find(|(n, _)| *n == note) {
                    Some((_, ids)) => ids.push(&c.id),
                    None => notes.push((note, vec![&c.id])),
                }
            }
        }
        notes
            .into_iter()
            .map(|(note, ids)| format!("{}: {note}", ids.join(", ")))
            .collect()
    }
}

fn find<'a>(rows: &'a mut [CategoryRow], id: &str) -> Option<&'a mut CategoryRow> {
    rows.iter_mut().find(|r| r.id == id)
}

fn share(p: &Prevalence, coded: Option<u64>) -> CorrectedShare {
    let e = &p.prediction_powered;
    CorrectedShare {
        share: e.value,
        ci_low: e.ci_low,
        ci_high: e.ci_high,
        coded: coded.unwrap_or(p.coded_posts),
        note: e.note.clone(),
    }
}
