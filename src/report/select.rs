//! `--categories a,b` and `--exclude-categories c`: which categories an
//! output shows. Every category is still matched as before (overlaps are
//! resolved over the whole lexicon), so no shown number changes; the rows
//! of the others are left out of every rendering, and "any category"
//! (`_any`) keeps its meaning: a hit in any category of the lexicons.

use super::model::{ANY_ID, Report};

/// The categories an output keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryFilter {
    /// Keep only these (empty: all).
    pub include: Vec<String>,
    /// Then leave these out.
    pub exclude: Vec<String>,
}

impl CategoryFilter {
    /// Whether the filter keeps every category.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether the category `id` is shown (`_any` always is).
    pub fn keeps(&self, id: &str) -> bool {
        id == ANY_ID
            || ((self.include.is_empty() || self.include.iter().any(|c| c == id))
                && !self.exclude.iter().any(|c| c == id))
    }

    /// An id the lexicons do not have, as a message that names the nearest
    /// ones; `known` is every category id, in order.
    pub fn check(&self, known: &[String]) -> Result<(), String> {
        let flags = [
            ("--categories", &self.include),
            ("--exclude-categories", &self.exclude),
        ];
        for (flag, ids) in flags {
            for id in ids {
                if known.iter().any(|k| k == id) {
                    continue;
                }
                let mut near: Vec<(f64, &String)> = known
                    .iter()
                    .map(|k| {
                        (
                            strsim::jaro_winkler(&k.to_lowercase(), &id.to_lowercase()),
                            k,
                        )
                    })
                    .filter(|(s, _)| *s > 0.8)
                    .collect();
                near.sort_by(|a, b| b.0.total_cmp(&a.0));
                let hint = match near.first() {
                    Some((_, k)) => format!("\nhint: did you mean {k:?}?"),
                    None => String::new(),
                };
                return Err(format!(
                    "{flag} {id:?}: no such category; the lexicons have: {}{hint}",
                    known.join(", ")
                ));
            }
        }
        if !self.include.is_empty() && !known.iter().any(|k| self.keeps(k)) {
            return Err("--categories and --exclude-categories leave no category to show".into());
        }
        Ok(())
    }
}

impl Report {
    /// Leave out the rows of the categories `filter` does not keep, in the
    /// totals, the groups, the unique part and the co-occurrence matrix;
    /// the filter is recorded in the provenance.
    pub fn select(&mut self, filter: &CategoryFilter) {
        if filter.is_empty() {
            return;
        }
        let keep = |id: &str| filter.keeps(id);
        self.categories.retain(|c| keep(&c.id));
        for g in &mut self.groups {
            g.categories.retain(|c| keep(&c.id));
            if let Some(u) = &mut g.unique {
                u.categories.retain(|c| keep(&c.id));
            }
        }
        if let Some(u) = &mut self.unique {
            u.categories.retain(|c| keep(&c.id));
        }
        if let Some(co) = &mut self.cooccurrence {
            let kept: Vec<usize> = (0..co.categories.len())
                .filter(|&i| keep(&co.categories[i]))
                .collect();
            co.categories = kept.iter().map(|&i| co.categories[i].clone()).collect();
            co.posts = kept
                .iter()
                .map(|&i| kept.iter().map(|&j| co.posts[i][j]).collect())
                .collect();
            co.share = kept
                .iter()
                .map(|&i| kept.iter().map(|&j| co.share[i][j]).collect())
                .collect();
        }
        let options = &mut self.provenance.options;
        if !filter.include.is_empty() {
            options.insert("categories".into(), serde_json::json!(filter.include));
        }
        if !filter.exclude.is_empty() {
            options.insert(
                "exclude_categories".into(),
                serde_json::json!(filter.exclude),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> CategoryFilter {
        CategoryFilter {
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn keeps_the_included_less_the_excluded_and_always_any() {
        let f = filter(&["a", "b"], &["b"]);
        assert!(f.keeps("a") && !f.keeps("b") && !f.keeps("c") && f.keeps(ANY_ID));
        let f = filter(&[], &["c"]);
        assert!(f.keeps("a") && !f.keeps("c"));
        assert!(CategoryFilter::default().keeps("z"));
    }

    #[test]
    fn an_unknown_id_names_the_nearest() {
        let known: Vec<String> = ["threats", "groups"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let e = filter(&["threat"], &[]).check(&known).unwrap_err();
        assert!(
            e.contains("--categories \"threat\": no such category"),
            "{e}"
        );
        assert!(e.contains("did you mean \"threats\""), "{e}");
        let e = filter(&["groups"], &["groups"]).check(&known).unwrap_err();
        assert!(e.contains("leave no category"), "{e}");
        assert!(filter(&["groups"], &[]).check(&known).is_ok());
    }
}
