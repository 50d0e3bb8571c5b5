//! `thematic export crosstabs` through the publication table: the HTML page and the Word file
//! are read back and compared with the table's JSON and with each crosstab computed directly:
//! a block per outcome, a row per factor level, "% (n/N)" cells, the P value on each factor's
//! first row in bold exactly when P < .05, and the footnote naming the tests.

mod common;
mod export_support;

use common::{json, sample_copy, thematic};
use export_support::readback::{self, ReadRow, ReadTable};
use serde_json::Value;
use std::path::Path;

const MET: &str = "i_met_with_my_mentor_as_often_as_i_needed";

fn write_spec(dir: &Path) -> std::path::PathBuf {
    let spec = dir.with_extension("table2.json");
    std::fs::write(
        &spec,
        serde_json::json!({
            "title": "Table 2. Mentee outcomes by fellowship",
            "collapse": [format!("{MET}:Strongly agree,Agree=agree"), format!("{MET}:*=other")],
            "outcomes": [
                {"variable": MET, "label": "Met as often as needed", "value": "agree"},
                {"variable": "theme:Communication", "label": "Voiced communication"}
            ],
            "factors": [{"variable": "fellowship", "label": "Fellowship"}, {"variable": "year_of_training"}]
        })
        .to_string(),
    )
    .unwrap();
    spec
}

fn export(dir: &Path, spec: &Path, file: &str) -> Vec<u8> {
    let out = dir.with_extension(file);
    let st = thematic(dir)
        .args(["export", "crosstabs", spec.to_str().unwrap(), "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    std::fs::read(&out).unwrap()
}

/// "94% (15/16)", worked out here.
fn cell(n: u64, total: u64) -> String {
    format!("{}% ({n}/{total})", (100 * n + total / 2) / total)
}

/// What the table must show, from the JSON export; every row's n and N are checked against a
/// direct `thematic crosstab` of the same pair.
fn expected(dir: &Path, t: &Value) -> (ReadTable, Vec<(String, bool)>) {
    let mut rows = Vec::new();
    let mut ps = Vec::new();
    for (b, outcome) in t["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .zip([MET, "theme:Communication"])
    {
        rows.push(ReadRow::Section(format!(
            "{} ({})",
            b["outcome"].as_str().unwrap(),
            b["value"].as_str().unwrap()
        )));
        for (g, factor) in b["groups"]
            .as_array()
            .unwrap()
            .iter()
            .zip(["fellowship", "year_of_training"])
        {
            // A factor without a label goes by its survey header, as everywhere shown.
            let want = if factor == "fellowship" {
                "Fellowship"
            } else {
                "Year of training"
            };
            assert_eq!(g["factor"], want);
            rows.push(ReadRow::Category(g["factor"].as_str().unwrap().into()));
            let mut args = vec!["crosstab", factor, outcome, "--json"];
            let rules = [
                format!("{MET}:Strongly agree,Agree=agree"),
                format!("{MET}:*=other"),
            ];
            if outcome == MET {
                for r in &rules {
                    args.extend(["--collapse", r]);
                }
            }
            let direct = json(dir, &args);
            let cols: Vec<String> = serde_json::from_value(direct["cols"].clone()).unwrap();
            let j = cols
                .iter()
                .position(|c| c == b["value"].as_str().unwrap())
                .unwrap();
            let counts: Vec<Vec<u64>> = serde_json::from_value(direct["counts"].clone()).unwrap();
            let levels: Vec<String> = serde_json::from_value(direct["rows"].clone()).unwrap();
            let p = g["p_text"].as_str().unwrap().to_string();
            let significant = direct["p_value"].as_f64().unwrap() < 0.05;
            assert_eq!(g["significant"].as_bool(), Some(significant));
            ps.push((p.clone(), significant));
            for (i, level) in levels.iter().enumerate() {
                let total: u64 = counts[i].iter().sum();
                let pcell = if i == 0 { vec![p.clone()] } else { vec![] };
                rows.push(ReadRow::Body(vec![
                    vec![level.clone()],
                    vec![cell(counts[i][j], total)],
                    pcell,
                ]));
            }
        }
    }
    let notes: Vec<String> = serde_json::from_value(t["footnotes"].clone()).unwrap();
    let want = ReadTable {
        caption: String::new(),
        header: vec!["Group".into(), "% (n/N)".into(), "P".into()],
        rows,
        notes,
    };
    (want, ps)
}

#[test]
fn table_2_reads_back_from_html_and_docx() {
    let (_tmp, dir) = sample_copy();
    let spec = write_spec(&dir);
    let t = json(
        &dir,
        &[
            "export",
            "crosstabs",
            spec.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let (want, ps) = expected(&dir, &t);
    assert!(
        ps.iter().any(|p| p.1) && ps.iter().any(|p| !p.1),
        "{ps:?}: both kinds occur"
    );
    assert!(
        want.notes[0]
            .contains("two-sided Fisher's exact test (the Fisher–Freeman–Halton extension"),
        "{:?}",
        want.notes
    );

    let html = String::from_utf8(export(&dir, &spec, "t2.html")).unwrap();
    let got = readback::html(&html);
    assert_eq!(got.caption, "Table 2. Mentee outcomes by fellowship");
    assert_eq!(
        ReadTable {
            caption: String::new(),
            ..got
        },
        want
    );
    let docx = export(&dir, &spec, "t2.docx");
    let got = readback::docx(&docx);
    assert_eq!(got.caption, "Table 2. Mentee outcomes by fellowship");
    assert_eq!(
        ReadTable {
            caption: String::new(),
            ..got
        },
        want
    );

    // Bold exactly where P < .05.
    let doc = readback::docx_part(&docx, "word/document.xml");
    for (p, significant) in &ps {
        let esc = quick_xml::escape::escape(p.as_str()).into_owned();
        assert_eq!(
            html.contains(&format!("<strong>{esc}</strong>")),
            *significant,
            "{p}"
        );
        let bold_run = format!("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{esc}</w:t>");
        assert_eq!(doc.contains(&bold_run), *significant, "{p}");
    }
}

#[test]
fn markdown_csv_and_tex_come_from_the_same_table() {
    let (_tmp, dir) = sample_copy();
    let spec = write_spec(&dir);
    let t = json(
        &dir,
        &[
            "export",
            "crosstabs",
            spec.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let (want, _) = expected(&dir, &t);
    let md = String::from_utf8(export(&dir, &spec, "t2.md")).unwrap();
    let got = readback::markdown(&md);
    assert_eq!(got.rows, want.rows);
    assert_eq!(got.notes, want.notes);
    let csv = readback::csv_records(&export(&dir, &spec, "t2.csv"));
    assert_eq!(csv[0], ["section", "category", "Group", "% (n/N)", "P"]);
    let bodies = want
        .rows
        .iter()
        .filter(|r| matches!(r, ReadRow::Body(_)))
        .count();
    assert_eq!(csv.len(), 1 + bodies);
    let tex = String::from_utf8(export(&dir, &spec, "t2.tex")).unwrap();
    assert!(
        tex.contains("\\textbf{\\textless{}.001}") || !md.contains("<.001"),
        "{tex}"
    );
    assert!(
        tex.contains("\\caption{Mentee outcomes by fellowship}"),
        "{tex}"
    );
    let out = thematic(&dir)
        .args([
            "export",
            "crosstabs",
            spec.to_str().unwrap(),
            "--format",
            "docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a .docx needs a file");
}
