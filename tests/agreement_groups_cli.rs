//! `thematic agreement` beyond two coders and whole units, on small hand-made projects worked
//! out by hand: an exclusive code group, parent roll-up, three coders, and span level.

mod support;

use std::path::{Path, PathBuf};
use support::*;

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
