//! The theme table in every format, read back and compared with the theme map: sections,
//! categories, themes, descriptions, quotes and footnote.

mod common;
mod export_support;

use common::{sample_copy, thematic};
use export_support::readback::{self, ReadRow};
use export_support::{expected, printed, reconcile_by_union};
use std::path::Path;
use thematic::project::Project;
use thematic::themes::ThemeMap;

fn export(dir: &Path, args: &[&str], file: &str) -> Vec<u8> {
    let out = dir.join(file);
    let mut all = vec!["export", "themes", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = thematic(dir).args(&all).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    std::fs::read(out).unwrap()
}

const TABLE3_NOTE: &str = "Quotes obtained from the surveys, interview, and focus group.";

#[test]
fn table3_reads_back_the_same_in_html_docx_and_markdown() {
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let map = ThemeMap::load(&dir).unwrap();
    let mut want = expected(&p, &map, None);
    // No footnote in the map: it is built from the kinds of source the quotes came from.
    assert!(map.footnote.is_none());
    want.notes = vec![TABLE3_NOTE.into()];
    assert_eq!(
        want.rows
            .iter()
            .filter(|r| matches!(r, ReadRow::Section(_)))
            .count(),
        2
    );

    let html = String::from_utf8(export(&dir, &[], "t3.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(readback::html(&html), want);

    let docx = export(&dir, &[], "t3.docx");
    assert_eq!(readback::docx(&docx), want);

    let md = String::from_utf8(export(&dir, &["--format", "md"], "t3.txt")).unwrap();
    assert_eq!(readback::markdown(&md), want);
}

#[test]
fn table3_latex_is_balanced_escaped_and_holds_every_cell() {
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let map = ThemeMap::load(&dir).unwrap();
    let tex = String::from_utf8(export(&dir, &[], "t3.tex")).unwrap();
    // Fourteen themes fit on a page: a float with booktabs rules and the note under it.
    assert_eq!(
        readback::latex_environments(&tex),
        ["table", "tabular", "minipage"]
    );
    assert!(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
    assert!(tex.contains("\\multicolumn{3}") && tex.contains("\\textbf{Mentee response}"));
    assert!(
        !tex.contains('“') && !tex.contains('’'),
        "typographic quotes in LaTeX spelling"
    );
    let plain = readback::latex_unescape(&tex);
    let want = expected(&p, &map, None);
    for row in want.rows {
        let texts = match row {
            ReadRow::Section(s) | ReadRow::Category(s) => vec![s],
            ReadRow::Body(cells) => cells.concat(),
        };
        for s in texts {
            let s = s.replace('’', "'");
            assert!(plain.contains(&s), "{s:?} in the LaTeX");
        }
    }
    assert!(plain.contains(TABLE3_NOTE));
    let doc = String::from_utf8(export(&dir, &["--standalone"], "t3-doc.tex")).unwrap();
    assert_eq!(
        readback::latex_environments(&doc),
        ["document", "table", "tabular", "minipage"]
    );
}

#[test]
fn table3_csv_has_one_row_per_quote_with_its_provenance() {
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let map = ThemeMap::load(&dir).unwrap();
    let recs = readback::csv_records(&export(&dir, &[], "t3.csv"));
    assert_eq!(
        recs[0],
        [
            "section",
            "category",
            "theme",
            "description",
            "quote",
            "unit",
            "span",
            "case",
            "source_kind"
        ]
    );
    let mut want = Vec::new();
    for s in &map.sections {
        for c in &s.categories {
            for t in &c.themes {
                for q in &t.quotes {
                    let unit = p.unit(&q.unit).unwrap();
                    want.push(vec![
                        s.title.clone().unwrap_or_default(),
                        c.title.clone(),
                        t.name.clone(),
                        t.description.clone(),
                        printed(&p, q),
                        q.unit.clone(),
                        q.span.map_or(String::new(), |[a, b]| format!("{a}..{b}")),
                        unit.case.clone().unwrap_or_default(),
                        p.source_kind(&unit.source).unwrap().as_str().to_string(),
                    ]);
                }
            }
        }
    }
    assert_eq!(recs[1..].to_vec(), want);
    assert_eq!(want.len(), 18);
}

#[test]
fn one_section_exports_alone() {
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let map = ThemeMap::load(&dir).unwrap();
    let html =
        String::from_utf8(export(&dir, &["--section", "Mentor response"], "m.html")).unwrap();
    let got = readback::html(&html);
    let mut want = expected(&p, &map, Some("Mentor response"));
    want.notes = vec!["Quotes obtained from the survey and interview.".into()];
    assert_eq!(got, want);
    common::fails_cleanly(
        &dir,
        &["export", "themes", "--section", "Residents"],
        "no section 'Residents'; sections: Mentee response, Mentor response",
    );
}

#[test]
fn table5_has_no_section_rows_and_prints_its_own_footnote() {
    let (_t, dir) = sample_copy();
    reconcile_by_union(&dir);
    let file = common::sample().join("themes-table5.json");
    let o = thematic(&dir)
        .args(["themes", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = Project::open(&dir).unwrap();
    let map = ThemeMap::load(&dir).unwrap();
    let mut want = expected(&p, &map, None);
    want.notes = vec!["Quotes obtained from the surveys, interviews, and focus group.".into()];
    assert!(want.rows.iter().all(|r| !matches!(r, ReadRow::Section(_))));
    let cats: Vec<&ReadRow> = want
        .rows
        .iter()
        .filter(|r| matches!(r, ReadRow::Category(_)))
        .collect();
    assert_eq!(
        cats,
        [
            &ReadRow::Category("Benefits".into()),
            &ReadRow::Category("Areas for improvement".into())
        ]
    );
    assert_eq!(readback::docx(&export(&dir, &[], "t5.docx")), want);
    assert_eq!(
        readback::html(&String::from_utf8(export(&dir, &[], "t5.html")).unwrap()),
        want
    );
    // Its quotes are coded in the consensus: show has nothing to warn about.
    let show = common::json(&dir, &["themes", "show", "--json"]);
    assert_eq!(show["coding"], "consensus");
    assert_eq!(
        show["warnings"],
        serde_json::json!([]),
        "{:#}",
        show["warnings"]
    );
}

#[test]
fn docx_is_a_real_word_package() {
    let (_t, dir) = sample_copy();
    let bytes = export(&dir, &[], "t3.docx");
    let types = readback::docx_part(&bytes, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
    let doc = readback::docx_part(&bytes, "word/document.xml");
    assert!(
        doc.contains("<w:tblHeader/>"),
        "the header row repeats on every page"
    );
    assert_eq!(doc.matches("<w:gridSpan w:val=\"3\"/>").count(), 2 + 4);
    common::fails_cleanly(
        &dir,
        &["export", "themes", "--format", "docx"],
        "needs a file",
    );
}
