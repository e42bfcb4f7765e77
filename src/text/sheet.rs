//! Cells of the sheets lexiscope writes and reads back (CSV coding
//! sheets, `.dicx` dictionaries): the one formula guard every CSV writer
//! uses, and its inverse for every reader of our own sheets (DESIGN.md §6).

use std::borrow::Cow;

/// A cell made safe to open in a spreadsheet: a leading `= + - @`, tab or
/// carriage return gets a `'` in front, unless `raw`.
pub fn safe_cell(cell: &str, raw: bool) -> Cow<'_, str> {
    if !raw && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell of one of our own sheets read back: the `'` that [`safe_cell`]
/// put in front of a leading `= + - @`, tab or carriage return is taken
/// off, so that an id written as `'-1001` by `sample` is `-1001` again
/// when `evaluate` reads the coded sheet.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unguard_undoes_the_guard_and_nothing_else() {
        for cell in [
            "-1001", "=SUM(A1)", "+52", "@x", "\tx", "plain", "'quoted", "", "'",
        ] {
            assert_eq!(unguard(&safe_cell(cell, false)), cell);
        }
        assert_eq!(unguard("'-1001"), "-1001");
        assert_eq!(unguard("'abc"), "'abc");
    }
}
