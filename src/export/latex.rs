//! A table as LaTeX: booktabs rules, wrapped paragraph columns, a `longtable` (header repeated
//! on every page) when the table is long, every special character escaped.
//!
//! The output is a fragment for `\input`; it needs `\usepackage{booktabs,array}` and, for a long
//! table, `\usepackage{longtable}` ([`document`] wraps it in a compilable document).

use super::table::{Align, Paragraph, Row, Table};

/// Body rows above which the table becomes a `longtable`.
pub const LONG_ROWS: usize = 20;
/// Characters of cell text above which the table becomes a `longtable` (a page holds ~3,500).
pub const LONG_CHARS: usize = 3000;

/// Escapes text for LaTeX, turning typographic punctuation into its LaTeX spelling.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '“' => out.push_str("``"),
            '”' => out.push_str("''"),
            '‘' => out.push('`'),
            '’' => out.push('\''),
            '"' => out.push_str("\\textquotedbl{}"),
            '…' => out.push_str("\\ldots{}"),
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '\u{a0}' => out.push('~'),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn paragraph(p: &Paragraph) -> String {
    let mut s = String::new();
    for r in &p.runs {
        let text = escape(&r.text);
        s.push_str(&match (r.bold, r.italic) {
            (true, true) => format!("\\textbf{{\\textit{{{text}}}}}"),
            (true, false) => format!("\\textbf{{{text}}}"),
            (false, true) => format!("\\textit{{{text}}}"),
            (false, false) => text,
        });
    }
    s
}

/// A `[` opening a row would be read as `\\`'s optional argument.
fn guard(cell: String) -> String {
    if cell.starts_with('[') {
        format!("{{}}{cell}")
    } else {
        cell
    }
}

fn colspec(t: &Table) -> String {
    let mut s = String::from("@{}");
    for (c, share) in t.columns.iter().zip(t.shares()) {
        let ragged = match c.align {
            Align::Left => "\\raggedright",
            Align::Center => "\\centering",
            Align::Right => "\\raggedleft",
        };
        s.push_str(&format!(
            ">{{{ragged}\\arraybackslash}}p{{\\dimexpr {share:.3}\\linewidth-2\\tabcolsep\\relax}}"
        ));
    }
    s.push_str("@{}");
    s
}

fn spanning(n: usize, content: &str) -> String {
    format!(
        "\\multicolumn{{{n}}}{{@{{}}p{{\\dimexpr\\linewidth-2\\tabcolsep\\relax}}@{{}}}}{{{content}}} \\\\*\n"
    )
}

fn header(t: &Table) -> String {
    let cells: Vec<String> = t
        .columns
        .iter()
        .map(|c| guard(format!("\\textbf{{{}}}", escape(&c.header))))
        .collect();
    format!("{} \\\\\n", cells.join(" & "))
}

fn body(t: &Table) -> String {
    let n = t.columns.len().max(1);
    let mut s = String::new();
    let mut first = true;
    for row in &t.rows {
        match row {
            Row::Section(title) => {
                if !first {
                    s.push_str("\\midrule\n");
                }
                s.push_str(&spanning(n, &format!("\\textbf{{{}}}", escape(title))));
            }
            Row::Category(title) => {
                s.push_str(&spanning(n, &format!("\\textit{{{}}}", escape(title))));
            }
            Row::Body(cells) => {
                let cells: Vec<String> = t
                    .fitted(cells)
                    .iter()
                    .map(|c| {
                        c.paragraphs
                            .iter()
                            .map(paragraph)
                            .collect::<Vec<_>>()
                            .join("\\par\\smallskip ")
                    })
                    .collect();
                s.push_str(&guard(cells.join(" & ")));
                s.push_str(" \\\\\n");
            }
        }
        first = false;
    }
    s
}

fn notes(t: &Table) -> String {
    t.footnotes
        .iter()
        .map(paragraph)
        .collect::<Vec<_>>()
        .join("\\par ")
}

/// Whether the table is rendered as a `longtable`.
pub fn is_long(t: &Table) -> bool {
    let rows = t.rows.iter().filter(|r| matches!(r, Row::Body(_))).count();
    let chars: usize = t
        .rows
        .iter()
        .map(|r| match r {
            Row::Body(cells) => cells
                .iter()
                .flat_map(|c| &c.paragraphs)
                .map(|p| p.text().chars().count())
                .sum(),
            _ => 0,
        })
        .sum();
    rows > LONG_ROWS || chars > LONG_CHARS
}

/// The table as a LaTeX fragment.
pub fn render(t: &Table) -> String {
    let n = t.columns.len().max(1);
    let spec = colspec(t);
    let caption = escape(&t.title);
    let mut s = String::from(
        "% Needs \\usepackage{booktabs,array} (and \\usepackage{longtable} for a long table).\n",
    );
    if is_long(t) {
        s.push_str(&format!("\\begin{{longtable}}{{{spec}}}\n"));
        if !caption.is_empty() {
            s.push_str(&format!("\\caption{{{caption}}} \\\\\n"));
        }
        s.push_str(&format!(
            "\\toprule\n{}\\midrule\n\\endfirsthead\n",
            header(t)
        ));
        s.push_str(&spanning(n, "\\textit{(continued)}"));
        s.push_str(&format!("\\toprule\n{}\\midrule\n\\endhead\n", header(t)));
        s.push_str("\\bottomrule\n\\endfoot\n\\bottomrule\n");
        if !t.footnotes.is_empty() {
            s.push_str(&spanning(n, &format!("\\footnotesize {}", notes(t))));
        }
        s.push_str("\\endlastfoot\n");
        s.push_str(&body(t));
        s.push_str("\\end{longtable}\n");
    } else {
        s.push_str("\\begin{table}[htbp]\n\\centering\n");
        if !caption.is_empty() {
            s.push_str(&format!("\\caption{{{caption}}}\n"));
        }
        s.push_str(&format!("\\begin{{tabular}}{{{spec}}}\n\\toprule\n"));
        s.push_str(&header(t));
        s.push_str("\\midrule\n");
        s.push_str(&body(t));
        s.push_str("\\bottomrule\n\\end{tabular}\n");
        if !t.footnotes.is_empty() {
            s.push_str(&format!(
                "\\par\\smallskip\n\\begin{{minipage}}{{\\linewidth}}\\footnotesize {}\\end{{minipage}}\n",
                notes(t)
            ));
        }
        s.push_str("\\end{table}\n");
    }
    s
}

/// The fragment inside a minimal document that `pdflatex` compiles as is.
pub fn document(t: &Table) -> String {
    format!(
        "\\documentclass{{article}}\n\\usepackage[utf8]{{inputenc}}\n\\usepackage[T1]{{fontenc}}\n\
         \\usepackage{{booktabs,array,longtable}}\n\\usepackage[margin=1in]{{geometry}}\n\
         \\begin{{document}}\n{}\\end{{document}}\n",
        render(t)
    )
}
