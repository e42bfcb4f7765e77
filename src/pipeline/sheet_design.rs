//! The sampling design of a coded sheet: how its posts were drawn from the
//! corpus, read from the columns `lexiscope sample` writes — `stratum`,
//! `stratum_posts` (N_h, the stratum's posts among those analyzed) and
//! `inclusion_probability` (n_h / N_h) — so that `evaluate` and `analyze
//! --validation` weight each coded post by the posts it stands for
//! (`stats::design`).
//!
//! - No design column, or one stratum: a simple random sample of the
//!   analyzed posts (N from `stratum_posts` when given, else the posts
//!   analyzed).
//! - Several strata with `stratum_posts` (or, from another tool, only
//!   `inclusion_probability`: N_h = Σ 1/π over the stratum's rows, the
//!   Horvitz–Thompson estimate of its size): a stratified sample.
//! - Several strata and neither column: an error. Treating such a sheet as
//!   a simple random sample biases every metric (the flagged posts are
//!   oversampled), and the message says how to fix it.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::fields;
use crate::source::table::Table;
use crate::text::sheet::unguard;

/// One stratum of a sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stratum {
    /// Its name in the `stratum` column.
    pub name: String,
    /// Its posts in the corpus (N_h); `None` until known (a simple random
    /// sheet without `stratum_posts` takes the posts analyzed).
    pub posts: Option<f64>,
    /// Its rows in the sheet.
    pub rows: u64,
}

/// How a sheet's posts were drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetDesign {
    /// `simple random` or `stratified`.
    pub kind: &'static str,
    /// Where the stratum sizes come from (a column name, or `posts analyzed`).
    pub weights_from: &'static str,
    /// The strata (one for a simple random sample).
    pub strata: Vec<Stratum>,
    /// Per sheet row, its stratum.
    #[serde(skip)]
    pub row_stratum: Vec<usize>,
}

impl SheetDesign {
    /// Whether the sheet was drawn by strata.
    pub fn stratified(&self) -> bool {
        self.kind == "stratified"
    }

    /// The strata sizes N_h, the posts analyzed standing in where unknown.
    pub fn population(&self, analyzed: u64) -> Vec<f64> {
        self.strata
            .iter()
            .map(|s| s.posts.unwrap_or(analyzed as f64))
            .collect()
    }

    /// A warning when the strata do not add up to the posts analyzed (the
    /// sheet was drawn from other inputs, or they changed).
    pub fn mismatch(&self, analyzed: u64) -> Option<String> {
        let total: f64 = self.strata.iter().filter_map(|s| s.posts).sum();
        let known = self.strata.iter().any(|s| s.posts.is_some());
        let off = (total - analyzed as f64).abs() > 0.005 * analyzed as f64 + 0.5;
        (known && off).then(|| {
            format!(
                "the sheet's strata hold {total:.0} posts but {analyzed} were analyzed: the weights assume the sheet was drawn from these inputs (with the same lexicon)"
            )
        })
    }
}

/// The design of `sheet` (see the module doc).
pub fn read_design(sheet: &Table) -> Result<SheetDesign> {
    let col = |name: &str| fields::find(&sheet.header, name, false);
    let (stratum_col, posts_col, prob_col) = (
        col("stratum"),
        col("stratum_posts"),
        col("inclusion_probability"),
    );
    let cell = |row: usize, c: usize| {
        unguard(sheet.rows[row].cells.get(c).map_or("", String::as_str)).trim()
    };
    let mut strata: Vec<Stratum> = Vec::new();
    let mut row_stratum = Vec::with_capacity(sheet.rows.len());
    let mut inverse: Vec<f64> = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        let name = match (stratum_col, prob_col) {
            (Some(c), _) => cell(i, c).to_string(),
            (None, Some(c)) => cell(i, c).to_string(),
            (None, None) => "all".to_string(),
        };
        if name.is_empty() {
            return Err(Error::input(
                &sheet.path,
                Some(row.line),
                "this row has no stratum; every row of a sheet with a stratum column needs one",
            ));
        }
        let h = match strata.iter().position(|s| s.name == name) {
            Some(h) => h,
            None => {
                strata.push(Stratum {
                    name,
                    posts: None,
                    rows: 0,
                });
                inverse.push(0.0);
                strata.len() - 1
            }
        };
        strata[h].rows += 1;
        row_stratum.push(h);
        if let Some(c) = posts_col {
            let v = number(cell(i, c)).filter(|v| *v >= 1.0).ok_or_else(|| {
                Error::input(
                    &sheet.path,
                    Some(row.line),
                    format!("stratum_posts {:?} is not a count of posts", cell(i, c)),
                )
            })?;
            match strata[h].posts {
                Some(p) if p != v => {
                    return Err(Error::input(
                        &sheet.path,
                        Some(row.line),
                        format!(
                            "stratum {:?} has stratum_posts {p} on an earlier row and {v} here",
                            strata[h].name
                        ),
                    ));
                }
                _ => strata[h].posts = Some(v),
            }
        } else if let Some(c) = prob_col {
            let p = number(cell(i, c))
                .filter(|p| *p > 0.0 && *p <= 1.0)
                .ok_or_else(|| {
                    Error::input(
                        &sheet.path,
                        Some(row.line),
                        format!(
                            "inclusion_probability {:?} is not a probability in (0, 1]",
                            cell(i, c)
                        ),
                    )
                })?;
            inverse[h] += 1.0 / p;
        }
    }
    let weights_from = if posts_col.is_some() {
        "stratum_posts"
    } else if prob_col.is_some() {
        for (s, n) in strata.iter_mut().zip(&inverse) {
            s.posts = Some(*n);
        }
        "inclusion_probability"
    } else {
        "posts analyzed"
    };
    for s in &strata {
        if s.posts.is_some_and(|p| (s.rows as f64) > p + 1e-9) {
            return Err(Error::input(
                &sheet.path,
                None,
                format!(
                    "stratum {:?} has {} rows but only {} posts in the corpus",
                    s.name,
                    s.rows,
                    s.posts.unwrap_or(0.0)
                ),
            ));
        }
    }
    if strata.len() > 1 && weights_from == "posts analyzed" {
        let names: Vec<&str> = strata.iter().take(8).map(|s| s.name.as_str()).collect();
        return Err(Error::input(
            &sheet.path,
            None,
            format!(
                "the sheet is stratified ({} strata in its stratum column: {}) but has no stratum_posts or inclusion_probability column, so its posts cannot be weighted back to the corpus; treating it as a simple random sample would bias every metric\nhint: draw the sheet again with `lexiscope sample --stratify` (it writes both columns), or add a stratum_posts column with each stratum's number of posts in the corpus",
                strata.len(),
                names.join(", ")
            ),
        ));
    }
    Ok(SheetDesign {
        kind: if strata.len() > 1 {
            "stratified"
        } else {
            "simple random"
        },
        weights_from,
        strata,
        row_stratum,
    })
}

/// A number cell (`1,234` and `1 234` as written by spreadsheets read too).
fn number(cell: &str) -> Option<f64> {
    let cleaned: String = cell.chars().filter(|c| *c != ',' && *c != ' ').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}
