//! "Table 2" of a mixed-methods paper as a publication table: a section row per outcome item,
//! a category row per factor, a row per factor level with "% (n/N)" and the P value on the
//! factor's first row (bold when P < .05), the footnotes naming the tests.

use crate::crosstab::table2::Table2;

use super::table::{Align, Cell, Paragraph, Table};

/// The column headers, in order.
pub const HEADERS: [&str; 3] = ["Group", "% (n/N)", "P"];

/// The table for [`super::render`]. A title starting "Table 2. " is printed as label and title.
pub fn table(t: &Table2) -> Table {
    let (label, title) = split_label(&t.title);
    let mut out = Table::new(title)
        .column(HEADERS[0], 3.0, Align::Left)
        .column(HEADERS[1], 1.2, Align::Right)
        .column(HEADERS[2], 0.8, Align::Right);
    out.label = label;
    for b in &t.blocks {
        out.section(outcome_heading(&b.outcome, &b.value));
        for g in &b.groups {
            out.category(g.factor.clone());
            for (i, r) in g.rows.iter().enumerate() {
                let p = match (i, g.significant) {
                    (0, true) => Cell::bold(g.p_text.clone()),
                    (0, false) => Cell::text(g.p_text.clone()),
                    _ => Cell::empty(),
                };
                out.row(vec![
                    Cell::text(r.level.clone()),
                    Cell::text(r.cell.clone()),
                    p,
                ]);
            }
        }
    }
    for f in &t.footnotes {
        out.footnote(Paragraph::plain(f.clone()));
    }
    out
}

/// "Met as often as needed (agree)": the outcome and the answer its cells count.
pub fn outcome_heading(outcome: &str, value: &str) -> String {
    if value.is_empty() {
        outcome.to_string()
    } else {
        format!("{outcome} ({value})")
    }
}

/// "Table 2. Mentee outcomes" → (Some("Table 2"), "Mentee outcomes"); other titles stay whole.
fn split_label(title: &str) -> (Option<String>, String) {
    if let Some(rest) = title.strip_prefix("Table ")
        && let Some((number, after)) = rest.split_once(". ")
        && !number.is_empty()
        && !number.contains(' ')
    {
        return (Some(format!("Table {number}")), after.trim().to_string());
    }
    (None, title.to_string())
}

#[cfg(test)]
mod tests {
    use super::split_label;

    #[test]
    fn a_leading_table_number_becomes_the_label() {
        assert_eq!(
            split_label("Table 2. Outcomes by group"),
            (Some("Table 2".into()), "Outcomes by group".into())
        );
        assert_eq!(
            split_label("Table S1. X"),
            (Some("Table S1".into()), "X".into())
        );
        assert_eq!(
            split_label("Outcomes. By group"),
            (None, "Outcomes. By group".into())
        );
        assert_eq!(
            split_label("Table of outcomes. Two"),
            (None, "Table of outcomes. Two".into())
        );
    }
}
