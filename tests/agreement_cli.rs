//! `thematic agreement` and `thematic disagreements` on small hand-made projects whose counts
//! and coefficients are worked out by hand in the comments.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::*;

/// Six notes paragraphs n:1..n:6, codes Alpha, Beta, Gamma.
///
/// | unit | alice        | bob     | reviewed by |
/// |------|--------------|---------|-------------|
/// | n:1  | Alpha        | Alpha   | both        |
/// | n:2  | Alpha, Beta  | Beta    | both        |
/// | n:3  | —            | Alpha   | both        |
/// | n:4  | —            | —       | both        |
/// | n:5  | Alpha        | —       | alice only  |
/// | n:6  | —            | Alpha   | neither     |
///
/// Counted: n:1–n:4 (N = 4); excluded: n:5 (alice only), n:6 (neither), both carry codings.
fn four_units(root: &Path) -> PathBuf {
    let dir = project(
        root,
        "four",
        &["One.", "Two two.", "Three.", "Four.", "Five.", "Six."],
    );
    for c in ["Alpha", "Beta", "Gamma"] {
        add_code(&dir, c, &[]);
    }
    code(&dir, "alice", "n:1", "Alpha");
    code(&dir, "bob", "n:1", "Alpha");
    code(&dir, "alice", "n:2", "Alpha");
    code(&dir, "alice", "n:2", "Beta");
    code(&dir, "bob", "n:2", "Beta");
    code(&dir, "bob", "n:3", "Alpha");
    code(&dir, "alice", "n:5", "Alpha");
    code(&dir, "bob", "n:6", "Alpha");
    review(&dir, "alice", &["n:1", "n:2", "n:3", "n:4", "n:5"]);
    review(&dir, "bob", &["n:1", "n:2", "n:3", "n:4"]);
    dir
}

const CONTRACT_CODE_KEYS: [&str; 12] = [
    "code",
    "units",
    "both",
    "a_only",
    "b_only",
    "neither",
    "percent_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "pabak",
    "flag",
];

#[test]
fn four_unit_project_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = four_units(tmp.path());
    let r = json(&dir, &["agreement", "--format", "json"]);
    for key in ["coders", "level", "units", "overall", "codes"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    for key in [
        "percent_agreement",
        "cohen_kappa_pooled",
        "krippendorff_alpha_masi",
        "mean_cohen_kappa",
    ] {
        assert!(r["overall"].get(key).is_some(), "missing overall.{key}");
    }
    assert_eq!(r["coders"], serde_json::json!(["alice", "bob"]));
    assert_eq!(r["level"], "unit");
    assert_eq!(r["units"], 4);

    // Alpha: n:1 both, n:2 alice only, n:3 bob only, n:4 neither → (1, 1, 1, 1).
    // p_o = 2/4; p_A = p_B = 1/2 → p_e = 1/2 → κ = 0. AC1: π = 1/2, p_e = 2·(1/2)(1/2) → 0.
    // PABAK = 2·0.5 − 1 = 0. α: n = 8, n_1 = n_0 = 4, D = 2 → 1 − 7·2/16 = 0.125.
    let alpha = code_row(&r, "alpha");
    for key in CONTRACT_CODE_KEYS {
        assert!(alpha.get(key).is_some(), "missing codes[].{key}");
    }
    assert_eq!(
        [
            &alpha["both"],
            &alpha["a_only"],
            &alpha["b_only"],
            &alpha["neither"]
        ],
        [1, 1, 1, 1]
    );
    assert_eq!(alpha["units"], 4);
    close(&alpha["percent_agreement"], 0.5);
    close(&alpha["cohen_kappa"], 0.0);
    close(&alpha["gwet_ac1"], 0.0);
    close(&alpha["pabak"], 0.0);
    close(&alpha["krippendorff_alpha"], 0.125);
    assert_eq!(alpha["flag"], "unreliable");

    // Beta: only n:2, by both → (1, 0, 0, 3): p_o = 1, p_e = 1/16 + 9/16 = 5/8 → κ = 1; α = 1.
    let beta = code_row(&r, "beta");
    assert_eq!(
        [
            &beta["both"],
            &beta["a_only"],
            &beta["b_only"],
            &beta["neither"]
        ],
        [1, 0, 0, 3]
    );
    close(&beta["cohen_kappa"], 1.0);
    close(&beta["krippendorff_alpha"], 1.0);
    assert_eq!(beta["flag"], "ok");

    // Gamma: nobody applied it → (0, 0, 0, 4): κ and α are 0/0, undefined → null (not 1);
    // percent agreement 1 and PABAK 1 are defined.
    let gamma = code_row(&r, "gamma");
    assert!(gamma["cohen_kappa"].is_null());
    assert!(gamma["krippendorff_alpha"].is_null());
    assert!(gamma["krippendorff_alpha_ci"].is_null());
    close(&gamma["percent_agreement"], 1.0);
    close(&gamma["pabak"], 1.0);
    assert_eq!(gamma["flag"], "undefined");

    // Overall. Identical sets on n:1 ({A}) and n:4 ({}) → 2/4.
    // Pooled κ: p̄_o = (1/2 + 1 + 1)/3, p̄_e = (1/2 + 5/8 + 1)/3 → (3/8)/(7/8) = 3/7.
    // Mean κ over the defined kappas (Alpha 0, Beta 1) = 1/2.
    // MASI α: values {A}×3, {A,B}, {B}, {}×3 (n = 8). Observed: n:2 δ({A,B},{B}) = 1 − (1/2)(2/3)
    // = 2/3 twice, n:3 δ({},{A}) = 1 twice → D_o = (4/3 + 2)/8 = 5/12. Expected: pairs
    // {A}-{A,B} 3·1·2/3 = 2, {A}-{B} 3, {A}-{} 9, {A,B}-{B} 2/3, {A,B}-{} 3, {B}-{} 3 → 62/3,
    // doubled 124/3, over n(n − 1) = 56 → D_e = 31/42. α = 1 − (5/12)(42/31) = 27/62.
    let o = &r["overall"];
    close(&o["percent_agreement"], 0.5);
    close(&o["cohen_kappa_pooled"], 3.0 / 7.0);
    close(&o["mean_cohen_kappa"], 0.5);
    close(&o["krippendorff_alpha_masi"], 27.0 / 62.0);
    assert_eq!(o["codes_with_kappa"], 2);

    // Excluded: n:5 reviewed by alice only, n:6 by neither; both carry codings.
    let ex = &r["excluded"];
    assert_eq!(ex["project_units"], 6);
    assert_eq!(ex["not_reviewed_by_all"], 2);
    assert_eq!(ex["reviewed_by_none"], 1);
    assert_eq!(ex["not_reviewed_by"]["alice"], 1);
    assert_eq!(ex["not_reviewed_by"]["bob"], 2);
    assert_eq!(ex["unreviewed_with_codings"], 2);
    assert_eq!(ex["filtered_by_kind"], 0);
}

#[test]
fn markdown_report_says_what_was_counted_and_flags_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = four_units(tmp.path());
    let md = ok(&dir, &["agreement"]);
    assert!(md.contains("Unit of analysis: the coded unit"), "{md}");
    assert!(
        md.contains("Counted: 4 of the project's 6 units: those reviewed by both alice and bob"),
        "{md}"
    );
    assert!(
        md.contains(
            "Excluded: 2 not reviewed by both alice and bob (reviewed by alice only: 1, bob only: 0, neither: 1)"
        ),
        "{md}"
    );
    assert!(md.contains("2 units left out for a missing review mark carry codings"));
    assert!(md.contains("(2 of 4)"), "identical sets: {md}");
    assert!(md.contains("Filters: none."));
    // Alpha (α = .125) is flagged; Beta (α = 1) is not; Gamma is undefined, not 1.
    let needs_work = md
        .split("## Codes whose definitions need work")
        .nth(1)
        .unwrap();
    assert!(
        needs_work.contains("**Alpha**: alpha = 0.125 (below .667)"),
        "{needs_work}"
    );
    assert!(!needs_work.contains("**Beta**"));
    assert!(needs_work.contains("undefined") && needs_work.contains("Gamma"));
    assert!(
        md.contains("| Beta | 1 | 0 | 0 | 3 | 100.0% | 1.000 |"),
        "{md}"
    );
    assert!(
        md.contains("| Gamma | 0 | 0 | 0 | 4 | 100.0% | — | — |"),
        "{md}"
    );
    // Citations a methods reviewer looks for.
    for cite in [
        "Cohen 1960",
        "Krippendorff 2011",
        "de Vries et al. 2008",
        "Passonneau 2006",
        "Krippendorff 2004, p. 241",
    ] {
        assert!(md.contains(cite), "cites {cite}");
    }
}

#[test]
fn csv_has_a_header_and_one_row_per_code() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = four_units(tmp.path());
    let text = ok(&dir, &["agreement", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["code", "name", "parent", "units"]);
    assert!(header.contains(&"cohen_kappa".to_string()));
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    let idx = |k: &str| header.iter().position(|h| h == k).unwrap();
    assert_eq!(&records[0][idx("code")], "alpha");
    assert_eq!(&records[0][idx("both")], "1");
    assert_eq!(
        &records[2][idx("cohen_kappa")],
        "",
        "undefined is an empty cell"
    );
    assert!(records.iter().all(|r| r.len() == header.len()));
}

#[test]
fn output_file_and_unit_level_disagreements() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = four_units(tmp.path());
    let out = tmp.path().join("report.md");
    let stdout = ok(&dir, &["agreement", "-o", out.to_str().unwrap()]);
    assert!(stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("# Inter-rater agreement")
    );

    // Sets differ on n:2 ({A,B} vs {B}) and n:3 ({} vs {A}); n:5, n:6 are not compared.
    let d = json(&dir, &["disagreements", "--json"]);
    let d = d.as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["unit"], "n:2");
    assert_eq!(d[0]["a"], serde_json::json!(["alpha", "beta"]));
    assert_eq!(d[0]["b"], serde_json::json!(["beta"]));
    assert_eq!(d[1]["unit"], "n:3");
    assert_eq!(d[1]["a"], serde_json::json!([]));
    assert_eq!(d[1]["b"], serde_json::json!(["alpha"]));
    // Per code: only Alpha is disputed, on both units; Beta on none.
    let alpha = json(&dir, &["disagreements", "--json", "--code", "Alpha"]);
    assert_eq!(alpha.as_array().unwrap().len(), 2);
    let beta = json(&dir, &["disagreements", "--json", "--code", "beta"]);
    assert_eq!(beta, serde_json::json!([]));
    let text = ok(&dir, &["disagreements"]);
    assert!(
        text.starts_with("alice vs bob: 2 of 4 units compared differ"),
        "{text}"
    );
}

/// Source n (notes, case P1, role mentee): n:1, n:2. Source iv (interview, case P2, role
/// mentor): iv:1, iv:2, iv:3. Alpha: n:1 both, n:2 alice, iv:1 both, iv:2 nobody, iv:3 bob.
fn two_sources(root: &Path) -> PathBuf {
    let dir = project(root, "filters", &["n one.", "n two."]);
    add_source(
        &dir,
        "iv",
        "interview",
        "P2",
        &["i one.", "i two.", "i three."],
    );
    let attrs = root.join("attrs.csv");
    std::fs::write(&attrs, "case,Role\nP1,mentee\nP2,mentor\n").unwrap();
    ok(&dir, &["attributes", attrs.to_str().unwrap()]);
    add_code(&dir, "Alpha", &[]);
    code(&dir, "alice", "n:1", "Alpha");
    code(&dir, "bob", "n:1", "Alpha");
    code(&dir, "alice", "n:2", "Alpha");
    code(&dir, "alice", "iv:1", "Alpha");
    code(&dir, "bob", "iv:1", "Alpha");
    code(&dir, "bob", "iv:3", "Alpha");
    let all = ["n:1", "n:2", "iv:1", "iv:2", "iv:3"];
    review(&dir, "alice", &all);
    review(&dir, "bob", &all);
    dir
}

fn counts(r: &Value) -> [u64; 4] {
    let a = code_row(r, "alpha");
    ["both", "a_only", "b_only", "neither"].map(|k| a[k].as_u64().unwrap())
}

#[test]
fn filters_by_kind_and_case_attribute_change_the_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two_sources(tmp.path());
    let all = json(&dir, &["agreement", "--json"]);
    assert_eq!(all["units"], 5);
    assert_eq!(counts(&all), [2, 1, 1, 1]);

    let notes = json(&dir, &["agreement", "--json", "--kind", "notes"]);
    assert_eq!(notes["units"], 2);
    assert_eq!(counts(&notes), [1, 1, 0, 0]);
    assert_eq!(notes["excluded"]["filtered_by_kind"], 3);
    assert_eq!(notes["filters"]["kinds"], serde_json::json!(["notes"]));

    let mentors = json(
        &dir,
        &[
            "agreement",
            "--json",
            "--kind",
            "interview,notes",
            "--where",
            "role=Mentor",
        ],
    );
    assert_eq!(mentors["units"], 3);
    assert_eq!(counts(&mentors), [1, 0, 1, 1]);
    assert_eq!(mentors["excluded"]["filtered_by_attribute"], 2);
    assert_eq!(
        mentors["filters"]["where"]["role"],
        serde_json::json!(["Mentor"])
    );
    let md = ok(&dir, &["agreement", "--where", "role=mentee"]);
    assert!(md.contains("Filters: role = mentee."), "{md}");
    assert!(
        md.contains("Excluded: 3 by the case-attribute filter."),
        "{md}"
    );

    let err = fails(&dir, &["agreement", "--where", "rol=mentor"]);
    assert!(
        err.contains("no case has the attribute 'rol'") && err.contains("role"),
        "{err}"
    );
    let err = fails(
        &dir,
        &["agreement", "--kind", "notes", "--where", "role=mentor"],
    );
    assert!(
        err.contains("no unit matches the filters (source kind notes; role = mentor)"),
        "{err}"
    );
}

#[test]
fn clear_errors_for_coders_and_review_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = four_units(tmp.path());
    let err = fails(&dir, &["agreement", "--coders", "alice,zed"]);
    assert!(
        err.contains("unknown coder 'zed'") && err.contains("alice, bob"),
        "{err}"
    );
    let err = fails(&dir, &["agreement", "--coders", "alice"]);
    assert!(err.contains("at least two coders"), "{err}");
    let err = fails(&dir, &["disagreements", "--coders", "alice,alice"]);
    assert!(err.contains("named twice"), "{err}");
    let err = fails(&dir, &["agreement", "--level", "interval"]);
    assert!(err.contains("--ratings"), "{err}");

    // Coders who reviewed disjoint units have nothing in common.
    let other = project(tmp.path(), "disjoint", &["a.", "b."]);
    add_code(&other, "Alpha", &[]);
    review(&other, "alice", &["n:1"]);
    review(&other, "bob", &["n:2"]);
    let err = fails(&other, &["agreement"]);
    assert!(
        err.contains("no unit was reviewed by both alice and bob"),
        "{err}"
    );
    // One coder only: nothing to compare.
    let lone = project(tmp.path(), "lone", &["a."]);
    review(&lone, "alice", &["n:1"]);
    let err = fails(&lone, &["agreement"]);
    assert!(err.contains("two coders"), "{err}");
}

/// Alice codes n:1 Beta and n:2 Gamma; bob codes n:1 Alpha. Beta is then merged into Alpha
/// and Gamma removed (kept in the logs): on n:1 both now have Alpha; Gamma's coding is hidden.
#[test]
fn merges_are_followed_and_removed_codes_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path(), "merged", &["a.", "b."]);
    for c in ["Alpha", "Beta", "Gamma"] {
        add_code(&dir, c, &[]);
    }
    code(&dir, "alice", "n:1", "Beta");
    code(&dir, "alice", "n:2", "Gamma");
    code(&dir, "bob", "n:1", "Alpha");
    for coder in ["alice", "bob"] {
        review(&dir, coder, &["n:1", "n:2"]);
    }
    ok(&dir, &["codebook", "merge", "Beta", "Alpha"]);
    ok(&dir, &["codebook", "remove", "Gamma", "--force"]);
    let r = json(&dir, &["agreement", "--json"]);
    let ids: Vec<&str> = r["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["alpha"]);
    let a = code_row(&r, "alpha");
    assert_eq!(
        [&a["both"], &a["a_only"], &a["b_only"], &a["neither"]],
        [1, 0, 0, 1]
    );
    assert_eq!(r["excluded"]["removed_code_codings"], 1);
    close(&r["overall"]["percent_agreement"], 1.0);
    assert_eq!(
        json(&dir, &["disagreements", "--json"]),
        serde_json::json!([])
    );
}
