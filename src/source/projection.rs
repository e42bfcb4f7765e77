//! A platform record's values (a fixed schema of field names: X, Telegram,
//! WhatsApp) projected onto a post: which values are the text, the id and
//! the fields a command asked for, resolved once when the input opens.

use std::borrow::Cow;

use super::fields;
use super::options::{DEFAULT_DATE, SourceOptions};
use super::post::{Post, join_text};
use crate::error::Result;

/// A projection with the text names, id name and resolved date name.
pub(crate) type Resolved = (Projection, Vec<String>, Option<String>, Option<String>);

/// Turns a platform record, already split into the values of a fixed
/// schema of field names, into a post: which values are the text, the id
/// and the fields a command asked for. Resolved once when the input opens.
#[derive(Clone, Debug)]
pub struct Projection {
    text: Vec<usize>,
    id: Option<usize>,
    fields: Vec<Option<usize>>,
}

impl Projection {
    /// Resolve `opts` against `schema`; `default_text`, `default_id` and
    /// `default_date` are the format's choices. Returns the projection, the
    /// text names, the id name and the resolved date name (if asked).
    pub(crate) fn new(
        path: &str,
        schema: &[&str],
        defaults: (&str, &str, &str),
        opts: &SourceOptions,
    ) -> Result<Resolved> {
        let available: Vec<String> = schema.iter().map(|s| s.to_string()).collect();
        let (default_text, default_id, default_date) = defaults;
        let text_names = if opts.text.is_empty() {
            vec![default_text.to_string()]
        } else {
            opts.text.clone()
        };
        let text = fields::resolve_all(path, &available, &text_names, false)?;
        let id_name = opts.id.clone().unwrap_or_else(|| default_id.to_string());
        let id = fields::resolve_all(path, &available, std::slice::from_ref(&id_name), false)?[0];
        let mut date = None;
        let mut wanted = Vec::new();
        for f in &opts.fields {
            let name = if f == DEFAULT_DATE {
                date = Some(default_date.to_string());
                default_date.to_string()
            } else {
                f.clone()
            };
            wanted.push(Some(
                fields::resolve_all(path, &available, std::slice::from_ref(&name), false)?[0],
            ));
        }
        wanted.extend(
            opts.optional_fields
                .iter()
                .map(|f| fields::find(&available, f, false)),
        );
        let names = text.iter().map(|&i| available[i].clone()).collect();
        Ok((
            Projection {
                text,
                id: Some(id),
                fields: wanted,
            },
            names,
            Some(available[id].clone()),
            date,
        ))
    }

    /// The post of one record's values (taken out of `values`).
    pub(crate) fn post<'a>(&self, values: &mut [Cow<'a, str>], line: u64) -> Post<'a> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        for &i in &self.text {
            match std::mem::take(&mut values[i]) {
                Cow::Borrowed(b) => join_text(&mut text, b),
                Cow::Owned(o) => {
                    if !o.is_empty() {
                        if text.is_empty() {
                            text = Cow::Owned(o);
                        } else {
                            text.to_mut().push('\n');
                            text.to_mut().push_str(&o);
                        }
                    }
                }
            }
        }
        let id = match self.id {
            Some(i) if !values[i].is_empty() => values[i].clone(),
            _ => Cow::Owned(line.to_string()),
        };
        let fields = self
            .fields
            .iter()
            .map(|f| f.map_or(Cow::Borrowed(""), |i| values[i].clone()))
            .collect();
        Post {
            id,
            text,
            fields,
            line,
        }
    }
}
