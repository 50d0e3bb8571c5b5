//! A table as GitHub-flavoured Markdown: spanning rows become a bold (section) or italic
//! (category) first cell, a cell's paragraphs are separated by `<br><br>`.

use super::table::{Align, Paragraph, Row, Table};

/// Escapes what Markdown would read as markup or as the end of a cell.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn paragraph(p: &Paragraph) -> String {
    let mut s = String::new();
    for r in &p.runs {
        if r.text.trim().is_empty() {
            s.push_str(&escape(&r.text));
            continue;
        }
        // Markup must hug the words: move surrounding spaces outside the markers.
        let lead = &r.text[..r.text.len() - r.text.trim_start().len()];
        let trail = &r.text[r.text.trim_end().len()..];
        let mark = match (r.bold, r.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        s.push_str(lead);
        s.push_str(mark);
        s.push_str(&escape(r.text.trim()));
        s.push_str(mark);
        s.push_str(trail);
    }
    s
}

/// The whole table: caption line, table, footnotes.
pub fn render(t: &Table) -> String {
    let mut s = String::new();
    match &t.label {
        Some(l) => {
            s.push_str(&format!("**{}.**", escape(l.trim_end_matches('.'))));
            if !t.title.is_empty() {
                s.push(' ');
                s.push_str(&escape(&t.title));
            }
            s.push_str("\n\n");
        }
        None if !t.title.is_empty() => s.push_str(&format!("**{}**\n\n", escape(&t.title))),
        None => {}
    }
    let n = t.columns.len().max(1);
    let header: Vec<String> = t.columns.iter().map(|c| escape(&c.header)).collect();
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    let rule: Vec<&str> = t
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => ":---",
            Align::Center => ":---:",
            Align::Right => "---:",
        })
        .collect();
    s.push_str(&format!("|{}|\n", rule.join("|")));
    for row in &t.rows {
        let cells: Vec<String> = match row {
            Row::Section(title) => spanning(&format!("**{}**", escape(title)), n),
            Row::Category(title) => spanning(&format!("*{}*", escape(title)), n),
            Row::Body(cells) => t
                .fitted(cells)
                .iter()
                .map(|c| {
                    c.paragraphs
                        .iter()
                        .map(paragraph)
                        .collect::<Vec<_>>()
                        .join("<br><br>")
                })
                .collect(),
        };
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if !t.footnotes.is_empty() {
        s.push('\n');
        for f in &t.footnotes {
            s.push_str(&paragraph(f));
            s.push_str("\n\n");
        }
        s.pop();
    }
    s
}

fn spanning(first: &str, n: usize) -> Vec<String> {
    let mut v = vec![first.to_string()];
    v.resize(n, String::new());
    v
}
