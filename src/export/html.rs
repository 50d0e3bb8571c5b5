//! A table as HTML: a standalone page (print-ready, no scripts, no outside resources) around a
//! clean table whose section and category rows span every column.

use super::table::{Align, Paragraph, Row, Table};

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

fn runs(p: &Paragraph) -> String {
    let mut s = String::new();
    for r in &p.runs {
        let mut text = escape(&r.text).replace('\n', "<br/>");
        if r.italic {
            text = format!("<em>{text}</em>");
        }
        if r.bold {
            text = format!("<strong>{text}</strong>");
        }
        s.push_str(&text);
    }
    s
}

const STYLE: &str = "\
body{font-family:'Times New Roman',Times,serif;font-size:11pt;color:#111;margin:2em auto;max-width:60em;padding:0 1em}
table{border-collapse:collapse;width:100%;border-top:2px solid #111;border-bottom:2px solid #111}
caption{text-align:left;caption-side:top;padding-bottom:.6em;font-size:1.05em}
caption .label{font-weight:bold}
th,td{text-align:left;vertical-align:top;padding:.35em .6em}
thead th{border-bottom:1px solid #111;font-weight:bold}
tr.section th{font-weight:bold;padding-top:.8em;border-top:1px solid #111}
tbody tr.section:first-child th{border-top:none}
tr.category th{font-weight:normal;font-style:italic;padding-top:.5em}
td p{margin:0 0 .5em 0}
td p:last-child{margin-bottom:0}
.right{text-align:right}
.center{text-align:center}
.notes{font-size:.9em;margin-top:.6em}
.notes p{margin:.2em 0}
";

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Center => " class=\"center\"",
        Align::Right => " class=\"right\"",
    }
}

/// The `<table>` element and its footnotes, for embedding in a page of one's own.
pub fn fragment(t: &Table) -> String {
    let n = t.columns.len().max(1);
    let mut s = String::from("<table>\n");
    let caption = t.caption();
    if !caption.is_empty() {
        s.push_str("<caption>");
        if let Some(l) = &t.label {
            s.push_str(&format!(
                "<span class=\"label\">{}.</span> ",
                escape(l.trim_end_matches('.'))
            ));
        }
        s.push_str(&escape(&t.title));
        s.push_str("</caption>\n");
    }
    s.push_str("<colgroup>");
    for share in t.shares() {
        s.push_str(&format!("<col style=\"width:{:.1}%\"/>", share * 100.0));
    }
    s.push_str("</colgroup>\n<thead>\n<tr>");
    for c in &t.columns {
        s.push_str(&format!(
            "<th scope=\"col\"{}>{}</th>",
            align_class(c.align),
            escape(&c.header)
        ));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &t.rows {
        match row {
            Row::Section(title) => s.push_str(&format!(
                "<tr class=\"section\"><th colspan=\"{n}\" scope=\"colgroup\">{}</th></tr>\n",
                escape(title)
            )),
            Row::Category(title) => s.push_str(&format!(
                "<tr class=\"category\"><th colspan=\"{n}\" scope=\"colgroup\">{}</th></tr>\n",
                escape(title)
            )),
            Row::Body(cells) => {
                s.push_str("<tr>");
                for (cell, col) in t.fitted(cells).iter().zip(&t.columns) {
                    s.push_str(&format!("<td{}>", align_class(col.align)));
                    for p in &cell.paragraphs {
                        s.push_str(&format!("<p>{}</p>", runs(p)));
                    }
                    s.push_str("</td>");
                }
                s.push_str("</tr>\n");
            }
        }
    }
    s.push_str("</tbody>\n</table>\n");
    if !t.footnotes.is_empty() {
        s.push_str("<div class=\"notes\">\n");
        for f in &t.footnotes {
            s.push_str(&format!("<p>{}</p>\n", runs(f)));
        }
        s.push_str("</div>\n");
    }
    s
}

/// A complete page: open it in a browser, print it, or paste the table into a word processor.
pub fn render(t: &Table) -> String {
    let title = t.caption();
    page(
        if title.is_empty() { "Table" } else { &title },
        std::slice::from_ref(t),
    )
}

/// A page holding several tables one after another.
pub fn page(title: &str, tables: &[Table]) -> String {
    let body: Vec<String> = tables.iter().map(fragment).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(title),
        body.join("<br/>\n")
    )
}
