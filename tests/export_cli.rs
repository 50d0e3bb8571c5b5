//! export segments|codebook|agreement: the data files and tables besides the theme table,
//! read back and compared with what the project holds.

mod common;
mod export_support;

use common::{fails_cleanly, json, sample_copy, thematic};
use export_support::readback::{self, ReadRow};
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let o = thematic(dir).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

#[test]
fn segments_csv_has_every_coding_with_its_case_attributes_and_text() {
    let (_t, dir) = sample_copy();
    // The sample ships a partial consensus: segments read it by default.
    let from_consensus = readback::csv_records(&run(&dir, &["export", "segments"]));
    assert!(from_consensus.len() > 1, "consensus segments");
    std::fs::remove_file(dir.join("consensus.jsonl")).expect("sample has a consensus");
    fails_cleanly(&dir, &["export", "segments"], "no consensus yet");
    let recs = readback::csv_records(&run(&dir, &["export", "segments", "--coder", "alice"]));
    let header = &recs[0];
    for col in [
        "unit",
        "case",
        "role",
        "fellowship",
        "coding",
        "code",
        "span_start",
        "span_end",
        "text",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} in {header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let codings = json(&dir, &["codings", "--coder", "alice", "--json"]);
    assert_eq!(recs.len() - 1, codings.as_array().unwrap().len());
    let units = json(&dir, &["units", "--json"]);
    let text_of = |id: &str| {
        units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let cases = json(&dir, &["cases", "--json"]);
    for r in &recs[1..] {
        assert_eq!(r[at("coding")], "alice");
        let full = text_of(&r[at("unit")]);
        let want = if r[at("span_start")].is_empty() {
            full
        } else {
            let (s, e): (usize, usize) = (
                r[at("span_start")].parse().unwrap(),
                r[at("span_end")].parse().unwrap(),
            );
            full.chars().skip(s).take(e - s).collect()
        };
        assert_eq!(r[at("text")], want);
        if !r[at("case")].is_empty() {
            let case = cases
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == r[at("case")].as_str())
                .unwrap();
            assert_eq!(
                case["attributes"]["role"].as_str().unwrap_or(""),
                r[at("role")]
            );
        }
    }
    // Two coders at once, labelled; the consensus once reconciled.
    let both = readback::csv_records(&run(&dir, &["export", "segments", "--coder", "alice,bob"]));
    let bob = json(&dir, &["codings", "--coder", "bob", "--json"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(both.len() - 1, recs.len() - 1 + bob);
    export_support::reconcile_by_union(&dir);
    let rows = json(&dir, &["export", "segments", "--format", "json"]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["coding"] == "consensus")
    );
    assert!(rows[0]["attributes"].is_object());
}

#[test]
fn codebook_table_has_parent_sections_and_every_active_code() {
    let (_t, dir) = sample_copy();
    let codes = json(&dir, &["codebook", "list", "--json"]);
    let out = dir.join("../codebook.docx");
    run(&dir, &["export", "codebook", "-o", out.to_str().unwrap()]);
    let t = readback::docx(&std::fs::read(&out).unwrap());
    assert_eq!(
        t.header,
        [
            "Code",
            "Description",
            "Include when",
            "Exclude when",
            "Example"
        ]
    );
    let sections: Vec<&str> = t
        .rows
        .iter()
        .filter_map(|r| match r {
            ReadRow::Section(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        sections,
        [
            "Relationship fit",
            "Program benefits",
            "Areas for improvement",
            "Overall valence"
        ]
    );
    let names: Vec<String> = t
        .rows
        .iter()
        .filter_map(|r| match r {
            ReadRow::Body(cells) => cells[0].first().cloned(),
            _ => None,
        })
        .collect();
    for c in codes.as_array().unwrap() {
        let name = c["name"].as_str().unwrap().to_string();
        assert!(names.contains(&name), "{name}");
        let row = t.rows.iter().find_map(|r| match r {
            ReadRow::Body(cells) if cells[0] == [name.clone()] => Some(cells.clone()),
            _ => None,
        });
        let desc = c["description"].as_str().unwrap();
        if !desc.is_empty() {
            assert_eq!(row.unwrap()[1], [desc.to_string()]);
        }
    }
    let csv = readback::csv_records(&run(&dir, &["export", "codebook", "--format", "csv"]));
    assert_eq!(csv[0][..3], ["section", "category", "Code"]);
    assert!(
        csv.iter()
            .any(|r| r[0] == "Program benefits" && r[2] == "Career guidance")
    );
    let md = String::from_utf8(run(&dir, &["export", "codebook"])).unwrap();
    assert!(md.contains("| **Relationship fit** |"), "{md}");
}

#[test]
fn agreement_exports_reuse_the_agreement_report() {
    let (_t, dir) = sample_copy();
    let fast = ["--bootstrap", "0"];
    let mut a = vec!["agreement", "--format", "md"];
    a.extend(fast);
    let mut b = vec!["export", "agreement"];
    b.extend(fast);
    assert_eq!(run(&dir, &a), run(&dir, &b));
    let mut b_csv = b.clone();
    b_csv.extend(["--format", "csv"]);
    a[2] = "csv";
    assert_eq!(run(&dir, &a), run(&dir, &b_csv));
    let mut b_json = b.clone();
    b_json.extend(["--format", "json"]);
    let report = json(&dir, &b_json);
    let out = dir.join("../agreement.html");
    let mut b_html = b.clone();
    b_html.extend(["-o", out.to_str().unwrap()]);
    run(&dir, &b_html);
    let page = std::fs::read_to_string(&out).unwrap();
    let t = readback::html(&page);
    assert_eq!(t.header[..2], ["Measure", "Value"]);
    for c in report["codes"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let kappa = c["cohen_kappa"]
            .as_f64()
            .map_or("—".to_string(), |k| format!("{k:.3}"));
        let row = t.rows.iter().find_map(|r| match r {
            ReadRow::Body(cells) if cells[0] == [name.to_string()] => Some(cells.clone()),
            _ => None,
        });
        let row = row.unwrap_or_else(|| panic!("{name} in the HTML"));
        assert_eq!(row[6], [kappa], "{name}");
        assert_eq!(row[1], [c["both"].as_u64().unwrap().to_string()]);
    }
}
