//! CSV presets: the column conventions of CrowdTangle, Meta Content
//! Library and 4CAT exports, detected from the header (`--preset` forces
//! one, `--preset none` turns detection off). A preset picks the text and
//! id columns and names the date column that `analyze --every` uses when
//! `--date` is not given; it also names the group and weight columns it
//! would suggest for `--by` and `--weight` (printed on stderr, never used
//! silently).

use super::fields;

/// A CSV export convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// CrowdTangle (Facebook, Instagram) CSV.
    CrowdTangle,
    /// Meta Content Library CSV (dotted column names).
    Meta,
    /// 4CAT CSV exports and imports.
    FourCat,
}

/// Every preset, in detection order.
pub const ALL: [Preset; 3] = [Preset::CrowdTangle, Preset::Meta, Preset::FourCat];

impl Preset {
    /// The `--preset` name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::CrowdTangle => "crowdtangle",
            Preset::Meta => "meta",
            Preset::FourCat => "4cat",
        }
    }

    /// Text columns, joined in this order (those present).
    pub fn text_names(self) -> &'static [&'static str] {
        match self {
            Preset::CrowdTangle => &["Message", "Image Text", "Link Text", "Description"],
            Preset::Meta => &["text"],
            Preset::FourCat => &["body"],
        }
    }

    /// The id column.
    pub fn id_column(self) -> &'static str {
        match self {
            Preset::CrowdTangle => "URL",
            Preset::Meta => "id",
            Preset::FourCat => "id",
        }
    }

    /// The date column (default of `--date` with `--every`).
    pub fn date_column(self) -> &'static str {
        match self {
            Preset::CrowdTangle => "Post Created",
            Preset::Meta => "creation_time",
            Preset::FourCat => "timestamp",
        }
    }

    /// The column a `--by` breakdown usually wants.
    pub fn group_column(self) -> &'static str {
        match self {
            Preset::CrowdTangle => "Page Name",
            Preset::Meta => "post_owner.name",
            Preset::FourCat => "author",
        }
    }

    /// The weight column, if the export has one.
    pub fn weight_column(self) -> Option<&'static str> {
        match self {
            Preset::CrowdTangle => Some("Total Interactions"),
            Preset::Meta => Some("statistics.reaction_count"),
            Preset::FourCat => None,
        }
    }

    /// The preset whose marker columns are all in `names`.
    pub fn detect(names: &[String]) -> Option<Preset> {
        let has = |n: &str| fields::find(names, n, false).is_some();
        if has("Message") && has("Post Created") && (has("Page Name") || has("Account")) {
            Some(Preset::CrowdTangle)
        } else if has("creation_time")
            && has("text")
            && names.iter().any(|n| n.starts_with("statistics."))
        {
            Some(Preset::Meta)
        } else if has("body") && has("author") && has("timestamp") && has("thread_id") {
            Some(Preset::FourCat)
        } else {
            None
        }
    }

    /// Indices of the text columns present in `names`.
    pub fn text_columns(self, names: &[String]) -> Vec<usize> {
        self.text_names()
            .iter()
            .filter_map(|t| fields::find(names, t, false))
            .collect()
    }

    /// What the preset suggests beyond text/id/date, for stderr.
    pub fn offers(self) -> String {
        let mut s = format!(
            " (preset {}: --every uses date {:?} unless --date; try --by {:?}",
            self.name(),
            self.date_column(),
            self.group_column()
        );
        if let Some(w) = self.weight_column() {
            s.push_str(&format!(", --weight {w:?}"));
        }
        s.push(')');
        s
    }
}
