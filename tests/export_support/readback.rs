//! Reads exported tables back (Markdown, CSV, HTML, LaTeX, DOCX) into one plain shape, so tests
//! compare what a reader would see with what was meant, format by format.

#![allow(dead_code)]

use quick_xml::events::Event;
use std::io::Read;

/// A table as read back: only words and structure, no styling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadTable {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<ReadRow>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReadRow {
    Section(String),
    Category(String),
    /// Cells, each a list of paragraphs.
    Body(Vec<Vec<String>>),
}

fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .unwrap_or_else(|e| panic!("bad entity in {raw:?}: {e}"))
        .into_owned()
}

/// Text collected between tags: raw text and entity references, unescaped when taken.
#[derive(Default)]
struct Collect(String);

impl Collect {
    fn push(&mut self, ev: &Event) {
        match ev {
            Event::Text(t) => self.0.push_str(t.as_ref()),
            Event::GeneralRef(r) => {
                self.0.push('&');
                self.0.push_str(r.as_ref());
                self.0.push(';');
            }
            _ => {}
        }
    }
    fn take(&mut self) -> String {
        unescape(&std::mem::take(&mut self.0))
    }
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| unescape(&a.value))
}

/// The exported HTML page, which must be well-formed XML as well as HTML.
pub fn html(page: &str) -> ReadTable {
    let mut r = quick_xml::Reader::from_str(page);
    let mut t = ReadTable::default();
    let mut text = Collect::default();
    let (mut in_head, mut in_notes) = (false, false);
    let mut row_class: Option<String> = None;
    let mut cells: Vec<Vec<String>> = Vec::new();
    loop {
        let ev = r.read_event().expect("HTML is well-formed");
        match &ev {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "thead" => in_head = true,
                "caption" => {
                    text.take();
                }
                "div" if attr(e, "class").as_deref() == Some("notes") => in_notes = true,
                "tr" => {
                    row_class = attr(e, "class");
                    cells.clear();
                }
                "td" => cells.push(Vec::new()),
                "p" | "th" => {
                    text.take();
                }
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == "br" => text.0.push('\n'),
            Event::End(e) => match e.name().as_ref() {
                "thead" => in_head = false,
                "caption" => t.caption = text.take(),
                "div" => in_notes = false,
                "th" if in_head => t.header.push(text.take()),
                "th" => {
                    let s = text.take();
                    match row_class.as_deref() {
                        Some("section") => t.rows.push(ReadRow::Section(s)),
                        Some("category") => t.rows.push(ReadRow::Category(s)),
                        other => panic!("spanning cell in a row of class {other:?}"),
                    }
                }
                "p" if in_notes => t.notes.push(text.take()),
                "p" => {
                    let p = text.take();
                    cells.last_mut().expect("a <p> inside a <td>").push(p);
                }
                "tr" if !in_head && row_class.is_none() => {
                    t.rows.push(ReadRow::Body(std::mem::take(&mut cells)))
                }
                _ => {}
            },
            _ => text.push(&ev),
        }
    }
    t
}

/// The exported .docx: caption, table and notes from `word/document.xml`.
pub fn docx(bytes: &[u8]) -> ReadTable {
    let xml = docx_part(bytes, "word/document.xml");
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut t = ReadTable::default();
    let mut text = Collect::default();
    let (mut in_table, mut row_index, mut in_t) = (false, 0usize, false);
    let (mut span, mut bold, mut italic) = (false, false, false);
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut before_table: Vec<String> = Vec::new();
    loop {
        let ev = r.read_event().expect("document.xml is well-formed");
        match &ev {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => in_table = true,
                "w:tr" => {
                    cells.clear();
                    span = false;
                }
                "w:tc" => cells.push(Vec::new()),
                "w:p" => {
                    text.take();
                    bold = false;
                    italic = false;
                }
                "w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:gridSpan" => span = true,
                "w:b" => bold = true,
                "w:i" => italic = true,
                "w:br" => text.0.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:p" => {
                    let p = text.take();
                    if in_table {
                        cells.last_mut().expect("a paragraph inside a cell").push(p);
                    } else if t.header.is_empty() {
                        before_table.push(p);
                    } else {
                        t.notes.push(p);
                    }
                }
                "w:tr" => {
                    let row = std::mem::take(&mut cells);
                    if row_index == 0 {
                        t.header = row.into_iter().map(|c| c.join("\n")).collect();
                    } else if span {
                        let s = row.concat().join("\n");
                        if bold && !italic {
                            t.rows.push(ReadRow::Section(s));
                        } else {
                            t.rows.push(ReadRow::Category(s));
                        }
                    } else {
                        // An empty cell holds one empty paragraph.
                        let row = row
                            .into_iter()
                            .map(|c| if c == [String::new()] { Vec::new() } else { c })
                            .collect();
                        t.rows.push(ReadRow::Body(row));
                    }
                    row_index += 1;
                }
                "w:tbl" => in_table = false,
                _ => {}
            },
            _ if in_t => text.push(&ev),
            _ => {}
        }
    }
    t.caption = before_table.join("\n");
    t
}

/// One part of a .docx, as text.
pub fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the .docx"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The exported CSV as records (header first).
pub fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    r.records()
        .map(|rec| rec.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

/// A table's CSV (with `section`,`category` leading columns) back into rows.
pub fn csv_table(bytes: &[u8]) -> ReadTable {
    let recs = csv_records(bytes);
    let mut t = ReadTable::default();
    let spanning = recs[0].len() >= 2 && recs[0][0] == "section" && recs[0][1] == "category";
    let skip = if spanning { 2 } else { 0 };
    t.header = recs[0][skip..].to_vec();
    let (mut section, mut category) = (String::new(), String::new());
    for rec in &recs[1..] {
        if spanning {
            if rec[0] != section {
                section = rec[0].clone();
                category.clear();
                t.rows.push(ReadRow::Section(section.clone()));
            }
            if rec[1] != category {
                category = rec[1].clone();
                t.rows.push(ReadRow::Category(category.clone()));
            }
        }
        let cells = rec[skip..]
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Vec::new()
                } else {
                    c.split("\n\n").map(String::from).collect()
                }
            })
            .collect();
        t.rows.push(ReadRow::Body(cells));
    }
    t
}

/// Markdown back: `\`-escapes removed, `**`/`*` markup read as section/category rows.
pub fn markdown(md: &str) -> ReadTable {
    let mut t = ReadTable::default();
    let lines: Vec<&str> = md.lines().collect();
    let first_row = lines
        .iter()
        .position(|l| l.starts_with('|'))
        .expect("a table");
    t.caption = unmark(&lines[..first_row].join(" "));
    t.header = split_row(lines[first_row])
        .iter()
        .map(|c| unmark(c))
        .collect();
    let mut i = first_row + 2;
    while i < lines.len() && lines[i].starts_with('|') {
        let cells = split_row(lines[i]);
        let rest_empty = cells[1..].iter().all(|c| c.is_empty());
        let c0 = &cells[0];
        if rest_empty && c0.starts_with("**") && c0.ends_with("**") && c0.len() > 4 {
            t.rows.push(ReadRow::Section(unmark(c0)));
        } else if rest_empty && c0.starts_with('*') && c0.ends_with('*') && c0.len() > 2 {
            t.rows.push(ReadRow::Category(unmark(c0)));
        } else {
            t.rows.push(ReadRow::Body(
                cells
                    .iter()
                    .map(|c| {
                        if c.is_empty() {
                            Vec::new()
                        } else {
                            c.split("<br><br>").map(unmark).collect()
                        }
                    })
                    .collect(),
            ));
        }
        i += 1;
    }
    t.notes = lines[i..]
        .split(|l| l.trim().is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| unmark(&p.join(" ")))
        .collect();
    t
}

/// Splits `| a | b |` on unescaped bars.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let cur = cells.last_mut().unwrap();
                cur.push('\\');
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Drops `*` markup and `\` escapes.
fn unmark(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '*' => {}
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

#[allow(unused_imports)]
pub use super::latex_readback::{latex_environments, latex_unescape};
