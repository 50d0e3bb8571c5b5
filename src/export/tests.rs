//! Every table format read back and compared with the table that was rendered.

#[path = "../../tests/export_support/latex_readback.rs"]
mod latex_readback;
#[path = "../../tests/export_support/readback.rs"]
mod readback;

use super::*;
use readback::{ReadRow, ReadTable};

/// A Table 3-like table with every awkward character a quote can hold.
fn sample() -> Table {
    let mut t = Table::new("Themes & quotes: 100% of {mentees} said ~this~ #1")
        .label("Table 3")
        .column("Theme", 2.0, Align::Left)
        .column("Description of theme", 3.0, Align::Left)
        .column("Representative quotes", 5.0, Align::Left);
    t.section("Mentee response");
    t.category("Themes indicating positive influence on mentee–mentor relationship");
    t.row(vec![
        Cell::text("Similar interests"),
        Cell::text("Shared hobbies_and goals | \"clinical\" focus"),
        Cell::paragraphs([
            "“[My mentor] and I both love running…”",
            "“[H]e has <always> been there for me—$5 coffee & all.”",
        ]),
    ]);
    t.category("Themes indicating negative influence");
    t.row(vec![
        Cell::text("Communication"),
        Cell::styled(vec![Paragraph::new(vec![
            Run::plain("Rarely "),
            Run::bold("met"),
            Run::plain(" \\ back^slash"),
        ])]),
        Cell::paragraphs(["“We only emailed.”"]),
    ]);
    t.section("Mentor response");
    t.category("Themes indicating positive influence");
    t.row(vec![Cell::text("Similar interests"), Cell::empty()]);
    t.footnote(Paragraph::plain(
        "Quotes obtained from the surveys, interviews, and focus group.",
    ));
    t
}

/// What a reader should find: the words and structure of `t`.
fn expected(t: &Table) -> ReadTable {
    ReadTable {
        caption: t.caption(),
        header: t.columns.iter().map(|c| c.header.clone()).collect(),
        rows: t
            .rows
            .iter()
            .map(|r| match r {
                Row::Section(s) => ReadRow::Section(s.clone()),
                Row::Category(s) => ReadRow::Category(s.clone()),
                Row::Body(cells) => {
                    ReadRow::Body(t.fitted(cells).iter().map(|c| c.texts()).collect())
                }
            })
            .collect(),
        notes: t.footnotes.iter().map(Paragraph::text).collect(),
    }
}

#[test]
fn html_reads_back_as_the_table() {
    let t = sample();
    let page = html::render(&t);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(readback::html(&page), expected(&t));
    assert!(page.contains("<th colspan=\"3\" scope=\"colgroup\">Mentee response</th>"));
    assert!(page.contains("<strong>met</strong>"));
}

#[test]
fn docx_reads_back_as_the_table() {
    let t = sample();
    let bytes = docx::render(&t).unwrap();
    let mut want = expected(&t);
    // The caption is "Table 3." + " " + title, in runs.
    want.caption = "Table 3. Themes & quotes: 100% of {mentees} said ~this~ #1".into();
    assert_eq!(readback::docx(&bytes), want);
    let doc = readback::docx_part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:gridSpan w:val=\"3\"/>"));
    assert!(doc.contains("<w:tblHeader/>"));
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        let xml = readback::docx_part(&bytes, part);
        let mut r = quick_xml::Reader::from_str(&xml);
        while !matches!(r.read_event().unwrap(), quick_xml::events::Event::Eof) {}
    }
}

#[test]
fn csv_reads_back_as_the_table() {
    let t = sample();
    let bytes = csv::render(&t).unwrap();
    let mut want = expected(&t);
    want.caption.clear();
    want.notes.clear();
    assert_eq!(readback::csv_table(&bytes), want);
}

#[test]
fn csv_without_spanning_rows_has_only_the_columns() {
    let mut t = Table::new("Counts")
        .column("Code", 1.0, Align::Left)
        .column("n", 1.0, Align::Right);
    t.row(vec![Cell::text("Trust"), Cell::text("12")]);
    let recs = readback::csv_records(&csv::render(&t).unwrap());
    assert_eq!(recs, vec![vec!["Code", "n"], vec!["Trust", "12"]]);
}

#[test]
fn markdown_reads_back_as_the_table() {
    let t = sample();
    let md = markdown::render(&t);
    assert_eq!(readback::markdown(&md), expected(&t));
    assert!(md.contains("Rarely **met** \\\\ back^slash"), "{md}");
}

#[test]
fn latex_is_balanced_escaped_and_complete() {
    let t = sample();
    let tex = latex::render(&t);
    let envs = readback::latex_environments(&tex);
    assert_eq!(
        envs,
        ["table", "tabular", "minipage"],
        "short tables stay floats"
    );
    for raw in [
        "100\\% of \\{mentees\\}",
        "\\textasciitilde{}this\\textasciitilde{} \\#1",
        "Themes \\& quotes",
    ] {
        assert!(tex.contains(raw), "{raw} in {tex}");
    }
    for bad in ["100% ", " & quotes", "hobbies_and", " $5"] {
        assert!(!tex.contains(bad), "unescaped {bad:?}");
    }
    assert!(
        tex.contains("``{}[My mentor] and I both love running\\ldots{}''")
            || tex.contains("``[My mentor] and I both love running\\ldots{}''")
    );
    assert!(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
    assert!(tex.contains("\\multicolumn{3}"));
    let unescaped = readback::latex_unescape(&tex);
    for row in &t.rows {
        let texts: Vec<String> = match row {
            Row::Section(s) | Row::Category(s) => vec![s.clone()],
            Row::Body(cells) => cells
                .iter()
                .flat_map(|c| &c.paragraphs)
                .flat_map(|p| &p.runs)
                .map(|r| r.text.clone())
                .collect(),
        };
        for s in texts {
            assert!(unescaped.contains(&s), "{s:?} in the LaTeX");
        }
    }
    assert!(unescaped.contains("Quotes obtained from the surveys, interviews, and focus group."));
}

#[test]
fn long_latex_tables_become_longtables_with_repeated_headers() {
    let mut t = sample();
    for i in 0..30 {
        t.row(vec![
            Cell::text(format!("Theme {i}")),
            Cell::text("d"),
            Cell::text("q"),
        ]);
    }
    let tex = latex::render(&t);
    assert_eq!(readback::latex_environments(&tex), ["longtable"]);
    assert!(
        tex.contains("\\endfirsthead")
            && tex.contains("\\endhead")
            && tex.contains("\\endlastfoot")
    );
    let doc = latex::document(&t);
    assert_eq!(
        readback::latex_environments(&doc),
        ["document", "longtable"]
    );
}

#[test]
fn a_row_opening_with_a_bracket_is_not_read_as_an_optional_argument() {
    let mut t = Table::new("").column("Quote", 1.0, Align::Left);
    t.row(vec![Cell::text("[H]e listened")]);
    let tex = latex::render(&t);
    assert!(
        tex.contains("\\\\\n{}[H]e listened") || tex.contains("\\midrule\n{}[H]e listened"),
        "{tex}"
    );
}

#[test]
fn formats_by_name_and_extension() {
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Some(f));
        let p = std::path::PathBuf::from(format!("out.{}", f.name()));
        assert_eq!(Format::from_path(&p), Some(f));
    }
    assert_eq!(Format::from_name("pdf"), None);
}

#[test]
fn widths_are_normalised_and_bad_weights_count_as_one() {
    let t = Table::new("")
        .column("a", 1.0, Align::Left)
        .column("b", f64::NAN, Align::Left)
        .column("c", 2.0, Align::Left);
    let s = t.shares();
    assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!((s[2] - 0.5).abs() < 1e-12 && (s[1] - 0.25).abs() < 1e-12);
}
