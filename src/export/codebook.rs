//! The codebook as a publication table: a section row per parent code, then a row per code with
//! its description, inclusion and exclusion criteria and example.

use crate::codebook::{Code, Codebook};

use super::table::{Align, Cell, Paragraph, Run, Table};

fn row(code: &Code, bold: bool) -> Vec<Cell> {
    let name = if bold {
        Cell::bold(code.name.clone())
    } else {
        Cell::text(code.name.clone())
    };
    let example = if code.example.trim().is_empty() {
        Cell::empty()
    } else {
        Cell::styled(vec![Paragraph::new(vec![Run::italic(
            code.example.clone(),
        )])])
    };
    vec![
        name,
        Cell::text(code.description.clone()),
        Cell::text(code.inclusion.clone()),
        Cell::text(code.exclusion.clone()),
        example,
    ]
}

/// Active codes in codebook order, sub-codes under their parent's section row.
pub fn table(codebook: &Codebook) -> Table {
    let title = if codebook.name.trim().is_empty() {
        "Codebook".to_string()
    } else {
        codebook.name.clone()
    };
    let mut t = Table::new(title)
        .column("Code", 2.0, Align::Left)
        .column("Description", 3.0, Align::Left)
        .column("Include when", 3.0, Align::Left)
        .column("Exclude when", 3.0, Align::Left)
        .column("Example", 3.0, Align::Left);
    let tops: Vec<&Code> = codebook.children(None).collect();
    // Codes without children first, so that they do not fall under a parent's section row.
    for code in tops
        .iter()
        .filter(|c| codebook.children(Some(&c.id)).next().is_none())
    {
        t.row(row(code, false));
    }
    for code in tops
        .iter()
        .filter(|c| codebook.children(Some(&c.id)).next().is_some())
    {
        t.section(code.name.clone());
        if !code.description.trim().is_empty() {
            t.row(row(code, true));
        }
        walk(codebook, code, &mut t, 1);
    }
    if !codebook.description.trim().is_empty() {
        t.footnote(Paragraph::plain(codebook.description.clone()));
    }
    t
}

fn walk(codebook: &Codebook, parent: &Code, t: &mut Table, depth: usize) {
    for child in codebook.children(Some(&parent.id)) {
        let mut cells = row(child, false);
        if depth > 1 {
            cells[0] = Cell::text(format!("{}{}", "– ".repeat(depth - 1), child.name));
        }
        t.row(cells);
        if depth < 8 {
            walk(codebook, child, t, depth + 1);
        }
    }
}
