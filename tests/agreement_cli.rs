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

/// Valence (exclusive) with Pos, Neg; Other is a plain code. Both coders review u1–u6.
///
/// | unit | alice      | bob   | group values (alice, bob) |
/// |------|------------|-------|---------------------------|
/// | n:1  | Pos        | Pos   | Pos, Pos                  |
/// | n:2  | Neg        | Pos   | Neg, Pos                  |
/// | n:3  | Neg        | Neg   | Neg, Neg                  |
/// | n:4  | Other      | Other | — (nobody used the group) |
/// | n:5  | Pos        | —     | Pos, (none)               |
/// | n:6  | Pos, Neg   | Neg   | missing (ambiguous), Neg  |
fn valence(root: &Path) -> PathBuf {
    let dir = project(root, "valence", &["a.", "b.", "c.", "d.", "e.", "f."]);
    add_code(&dir, "Valence", &["--exclusive", "true"]);
    add_code(&dir, "Pos", &["--parent", "Valence"]);
    add_code(&dir, "Neg", &["--parent", "Valence"]);
    add_code(&dir, "Other", &[]);
    for (unit, a, b) in [
        ("n:1", &["Pos"][..], &["Pos"][..]),
        ("n:2", &["Neg"], &["Pos"]),
        ("n:3", &["Neg"], &["Neg"]),
        ("n:4", &["Other"], &["Other"]),
        ("n:5", &["Pos"], &[]),
        ("n:6", &["Pos", "Neg"], &["Neg"]),
    ] {
        a.iter().for_each(|c| code(&dir, "alice", unit, c));
        b.iter().for_each(|c| code(&dir, "bob", unit, c));
    }
    let all = ["n:1", "n:2", "n:3", "n:4", "n:5", "n:6"];
    review(&dir, "alice", &all);
    review(&dir, "bob", &all);
    dir
}

#[test]
fn exclusive_group_nominal_alpha_and_kappa_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = valence(tmp.path());
    let r = json(&dir, &["agreement", "--json"]);
    let groups = r["exclusive_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g["group"], "valence");
    assert_eq!(g["categories"], serde_json::json!(["pos", "neg", "(none)"]));
    // Units: n:1, n:2, n:3, n:5, n:6 (someone used the group); n:4 left out; alice's value on
    // n:6 is ambiguous (missing), so n:6 is not pairable.
    assert_eq!(g["units"], 5);
    assert_eq!(g["units_without_group"], 1);
    assert_eq!(g["ambiguous"], 1);
    assert_eq!(g["pairable_units"], 4);
    // Pairs (P,P), (N,P), (N,N), (P,none): p_o = 2/4.
    // Cohen: A = (P 2, N 2, none 0)/4, B = (P 2, N 1, none 1)/4 → p_e = (4 + 2 + 0)/16 = 3/8,
    // κ = (1/2 − 3/8)/(5/8) = 0.2.
    // Scott: pooled (4, 3, 1)/8 → p_e = 26/64 → π = (32 − 26)/(64 − 26) = 6/38 = 3/19.
    // α: n = 8, n_P = 4, n_N = 3, n_none = 1; D_o = 4/8; D_e = (64 − 16 − 9 − 1)/56 = 38/56
    // → α = 1 − (1/2)(56/38) = 5/19.
    close(&g["percent_agreement"], 0.5);
    close(&g["cohen_kappa"], 0.2);
    close(&g["scott_pi"], 3.0 / 19.0);
    close(&g["krippendorff_alpha"], 5.0 / 19.0);
    assert_eq!(g["flag"], "unreliable");
    // Rows alice, columns bob, in the order Pos, Neg, (none).
    assert_eq!(
        g["confusion"],
        serde_json::json!([[1, 0, 1], [1, 1, 0], [0, 0, 0]])
    );
    let md = ok(&dir, &["agreement"]);
    assert!(md.contains("## Exclusive group: Valence"), "{md}");
    assert!(md.contains("| Cohen's kappa | 0.200 |"), "{md}");
}

#[test]
fn parents_roll_up_their_sub_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = valence(tmp.path());
    let leaves = json(&dir, &["agreement", "--json"]);
    let ids: Vec<&str> = leaves["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["pos", "neg", "other"]);
    assert_eq!(leaves["codes_not_counted"], serde_json::json!(["Valence"]));
    // With --parents, Valence is present where Pos or Neg was applied:
    // both on n:1, n:2, n:3, n:6; alice only on n:5; neither on n:4.
    let all = json(&dir, &["agreement", "--json", "--parents"]);
    let v = code_row(&all, "valence");
    assert_eq!(v["rollup"], true);
    assert_eq!(
        [&v["both"], &v["a_only"], &v["b_only"], &v["neither"]],
        [4, 1, 0, 1]
    );
}

/// Three coders on four units, one code: present for alice, bob, carol on n:1; alice, bob on
/// n:2; nobody on n:3; carol on n:4 → units by number of coders: j = 3, 2, 0, 1.
#[test]
fn three_coders_fleiss_and_alpha_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path(), "three", &["a.", "b.", "c.", "d."]);
    add_code(&dir, "Alpha", &[]);
    for coder in ["alice", "bob", "carol"] {
        code(&dir, coder, "n:1", "Alpha");
        review(&dir, coder, &["n:1", "n:2", "n:3", "n:4"]);
    }
    code(&dir, "alice", "n:2", "Alpha");
    code(&dir, "bob", "n:2", "Alpha");
    code(&dir, "carol", "n:4", "Alpha");
    let r = json(
        &dir,
        &["agreement", "--coders", "alice,bob,carol", "--json"],
    );
    assert_eq!(r["coders"], serde_json::json!(["alice", "bob", "carol"]));
    let a = code_row(&r, "alpha");
    assert_eq!(a["present_by"], serde_json::json!([1, 1, 1, 1]));
    // Pairwise agreement per unit 1, 1/3, 1, 1/3 → 2/3. π = 6/12 → Fleiss p_e = 1/2 → κ = 1/3;
    // AC1 p_e = 2·(1/2)(1/2) → 1/3. α: n = 12, n_1 = n_0 = 6, o_01 = 2·1/2 + 1·2/2 = 2 →
    // D_o = 4/12, D_e = 2·36/132 = 6/11 → α = 1 − 11/18 = 7/18.
    close(&a["percent_agreement"], 2.0 / 3.0);
    close(&a["fleiss_kappa"], 1.0 / 3.0);
    close(&a["gwet_ac1"], 1.0 / 3.0);
    close(&a["krippendorff_alpha"], 7.0 / 18.0);
    // Two-coder measures are null with an explanation, not made up.
    for key in [
        "cohen_kappa",
        "pabak",
        "both",
        "a_only",
        "b_only",
        "neither",
    ] {
        assert!(a[key].is_null(), "{key} should be null");
    }
    assert!(r["overall"]["cohen_kappa_pooled"].is_null());
    assert!(r["overall"]["mean_cohen_kappa"].is_null());
    // All three agree on n:1 ({A}) and n:3 ({}) → 2/4.
    close(&r["overall"]["percent_agreement"], 0.5);
    let notes = r["notes"].to_string();
    assert!(
        notes.contains("two coders only") || notes.contains("two-coder"),
        "{notes}"
    );
    // The same project with two of the coders: Alpha on n:1, n:2 for both → κ = 1.
    let two = json(&dir, &["agreement", "--coders", "alice,bob", "--json"]);
    close(&code_row(&two, "alpha")["cohen_kappa"], 1.0);
}

/// Two units "abcdefghij" and "klmnopqrst" (10 characters each, L = 20). Alpha: alice 2..6,
/// bob 3..6 on n:1. Beta on n:2: alice without a span (the whole unit), bob 0..10.
#[test]
fn span_level_characters_and_unitized_alpha_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path(), "spans", &["abcdefghij", "klmnopqrst"]);
    add_code(&dir, "Alpha", &[]);
    add_code(&dir, "Beta", &[]);
    code_span(&dir, "alice", "n:1", "Alpha", "2..6");
    code_span(&dir, "bob", "n:1", "Alpha", "3..6");
    code(&dir, "alice", "n:2", "Beta");
    code_span(&dir, "bob", "n:2", "Beta", "0..10");
    for coder in ["alice", "bob"] {
        review(&dir, coder, &["n:1", "n:2"]);
    }
    let r = json(&dir, &["agreement", "--level", "span", "--json"]);
    assert_eq!(r["level"], "span");
    assert_eq!(r["characters"], 20);
    assert_eq!(r["units"], 2);
    // Alpha: both on 3, 4, 5; alice only on 2; neither on the other 16 characters.
    // p_o = 19/20; p_A = 4/20, p_B = 3/20 → p_e = 0.03 + 0.68 = 0.71 → κ = 0.24/0.29.
    // α: n = 40, n_1 = 7, n_0 = 33, D = 1 → 1 − 39/231.
    let a = code_row(&r, "alpha");
    assert_eq!(
        [&a["both"], &a["a_only"], &a["b_only"], &a["neither"]],
        [3, 1, 0, 16]
    );
    close(&a["cohen_kappa"], 0.24 / 0.29);
    close(&a["krippendorff_alpha"], 1.0 - 39.0 / 231.0);
    // Unitized α on the continuum [0, 20): A = [2,6), B = [3,6).
    // D_o: one coded pair, δ² = (2 − 3)² + (6 − 6)² = 1 → 2·1/(2·1·20²) = 1/400.
    // D_e: coded lengths 4, 3 (N_c = 2); gaps 2, 14 (A) and 3, 14 (B).
    //   l = 4: (2·64 − 48 + 4)/3 = 28; gaps ≥ 4: 14, 14 → 16·(11 + 11) = 352 → 380.
    //   l = 3: (54 − 27 + 3)/3 = 10; gaps ≥ 3: 3, 14, 14 → 9·(1 + 12 + 12) = 225 → 235.
    //   (2/20)·615 = 61.5 over 40·39 − (12 + 6) = 1542.
    // uα = 1 − (1/400)·1542/61.5 = 1 − 3.855/61.5.
    close(&a["unitized_alpha"], 1.0 - 3.855 / 61.5);
    // Beta: a coding without a span is the whole unit, so both cover n:2 exactly.
    let b = code_row(&r, "beta");
    assert_eq!(
        [&b["both"], &b["a_only"], &b["b_only"], &b["neither"]],
        [10, 0, 0, 10]
    );
    close(&b["unitized_alpha"], 1.0);
    // Identical code sets on every character except position 2 → 19/20.
    close(&r["overall"]["percent_agreement"], 0.95);
    let md = ok(&dir, &["agreement", "--level", "span"]);
    assert!(md.contains("Counts are characters."));
    assert!(md.contains("inflated by uncoded text"));
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
        err.contains(
            "no unit was reviewed by both alice and bob among the units passing the filters"
        ),
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
