//! `thematic agreement` with three coders: Conger's (1980) kappa per code and over codes, against
//! Conger's formula worked out here from the coders' ratings and against the ratings calculator
//! (whose Conger's kappa reproduces irrCAC's published cac.raw4raters figures).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::*;

/// Who applied each code on units n:1..n:8 (alice, bob, carol); every unit reviewed by all three.
const PAY: [[u8; 3]; 8] = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 0],
    [0, 1, 1],
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 1],
    [1, 1, 1],
];
const HOURS: [[u8; 3]; 8] = [
    [1, 0, 0],
    [1, 1, 1],
    [0, 0, 0],
    [0, 1, 0],
    [1, 1, 1],
    [0, 0, 0],
    [0, 0, 0],
    [1, 0, 1],
];
const CODERS: [&str; 3] = ["alice", "bob", "carol"];

fn three_coders(root: &Path) -> PathBuf {
    let units: Vec<String> = (1..=8).map(|i| format!("Unit {i}.")).collect();
    let texts: Vec<&str> = units.iter().map(String::as_str).collect();
    let dir = project(root, "three", &texts);
    for c in ["pay", "hours", "never"] {
        add_code(&dir, c, &[]);
    }
    for (name, table) in [("pay", PAY), ("hours", HOURS)] {
        for (u, row) in table.iter().enumerate() {
            for (g, &x) in row.iter().enumerate() {
                if x == 1 {
                    code(&dir, CODERS[g], &format!("n:{}", u + 1), name);
                }
            }
        }
    }
    let all: Vec<String> = (1..=8).map(|i| format!("n:{i}")).collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    for c in CODERS {
        review(&dir, c, &all);
    }
    dir
}

/// Conger's kappa for complete binary ratings (Conger 1980; Gwet 2014, ch. 2):
/// p_a = mean over units of the share of agreeing coder pairs; p_gk = coder g's share of
/// category k; p̄_k their mean; s²_k = Σ_g (p_gk − p̄_k)²/(r − 1);
/// p_e = Σ_k (p̄_k² − s²_k/r). Returns (p_a, p_e).
fn conger_by_hand(table: &[[u8; 3]]) -> (f64, f64) {
    let n = table.len() as f64;
    let r = 3.0;
    let mut pa = 0.0;
    for row in table {
        let ones = row.iter().filter(|&&x| x == 1).count() as f64;
        let zeros = r - ones;
        pa += (ones * (ones - 1.0) + zeros * (zeros - 1.0)) / (r * (r - 1.0));
    }
    pa /= n;
    let mut pe = 0.0;
    for k in [0u8, 1] {
        let p: Vec<f64> = (0..3)
            .map(|g| table.iter().filter(|row| row[g] == k).count() as f64 / n)
            .collect();
        let mean = p.iter().sum::<f64>() / r;
        let s2 = p.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (r - 1.0);
        pe += mean * mean - s2 / r;
    }
    (pa, pe)
}

fn near(v: &Value, expected: f64) {
    let x = v
        .as_f64()
        .unwrap_or_else(|| panic!("expected {expected}, got {v}"));
    assert!((x - expected).abs() < 1e-12, "{x} vs {expected}");
}

#[test]
fn conger_kappa_per_code_and_over_codes_for_three_coders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three_coders(tmp.path());
    let r = json(
        &dir,
        &["agreement", "--coders", "alice,bob,carol", "--json"],
    );

    let (pa_pay, pe_pay) = conger_by_hand(&PAY);
    let (pa_hours, pe_hours) = conger_by_hand(&HOURS);
    // PAY: pairs agreeing per unit 1, 1/3, 1/3, 1/3, 1, 1, 1/3, 1 → p_a = 16/24 = 2/3.
    assert!((pa_pay - 2.0 / 3.0).abs() < 1e-15);
    let pay = code_row(&r, "pay");
    near(&pay["conger_kappa"], (pa_pay - pe_pay) / (1.0 - pe_pay));
    near(
        &pay["inference"]["conger_kappa"]["value"],
        (pa_pay - pe_pay) / (1.0 - pe_pay),
    );
    assert!(pay["inference"]["conger_kappa"]["se"].as_f64().unwrap() > 0.0);
    let hours = code_row(&r, "hours");
    near(
        &hours["conger_kappa"],
        (pa_hours - pe_hours) / (1.0 - pe_hours),
    );
    // Nobody applied "never": chance agreement 1, kappa undefined.
    let never = code_row(&r, "never");
    assert!(never["conger_kappa"].is_null(), "{never}");
    assert!(never["inference"]["conger_kappa"].is_null(), "{never}");

    let k_pay = (pa_pay - pe_pay) / (1.0 - pe_pay);
    let k_hours = (pa_hours - pe_hours) / (1.0 - pe_hours);
    near(&r["overall"]["mean_conger_kappa"], (k_pay + k_hours) / 2.0);
    // Pooled over the three codes ("never": p_a = p_e = 1).
    let po = (pa_pay + pa_hours + 1.0) / 3.0;
    let pe = (pe_pay + pe_hours + 1.0) / 3.0;
    near(&r["overall"]["conger_kappa_pooled"], (po - pe) / (1.0 - pe));

    // The same ratings in the calculator: the same estimate, SE, interval and p-value.
    let mut csv = String::from("alice,bob,carol\n");
    for row in PAY {
        csv.push_str(&format!("{},{},{}\n", row[0], row[1], row[2]));
    }
    let file = tmp.path().join("pay.csv");
    std::fs::write(&file, csv).unwrap();
    let calc = json(
        tmp.path(),
        &["agreement", "--ratings", file.to_str().unwrap(), "--json"],
    );
    let (a, b) = (
        &calc["inference"]["conger_kappa"],
        &pay["inference"]["conger_kappa"],
    );
    for key in ["value", "se", "p_value"] {
        near(&b[key], a[key].as_f64().unwrap());
    }
    near(&b["ci"][0], a["ci"][0].as_f64().unwrap());
    near(&b["ci"][1], a["ci"][1].as_f64().unwrap());

    let md = ok(&dir, &["agreement", "--coders", "alice,bob,carol"]);
    assert!(md.contains("Conger's kappa"), "{md}");
    assert!(md.contains("| Mean Conger's kappa |"), "{md}");
    assert!(!md.contains("NaN"), "{md}");
    let csv = ok(
        &dir,
        &[
            "agreement",
            "--coders",
            "alice,bob,carol",
            "--format",
            "csv",
        ],
    );
    assert!(
        csv.lines().next().unwrap().ends_with(",conger_kappa"),
        "{csv}"
    );
}

#[test]
fn two_coders_have_no_conger_kappa() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three_coders(tmp.path());
    let r = json(&dir, &["agreement", "--coders", "alice,bob", "--json"]);
    assert!(code_row(&r, "pay")["conger_kappa"].is_null());
    assert!(r["overall"]["mean_conger_kappa"].is_null());
    assert!(r["overall"]["conger_kappa_pooled"].is_null());
}

/// An exclusive group (Valence: Pos, Neg) with three coders; alice applied both on n:4, so her
/// value there is missing. Its Conger's kappa is the calculator's on the same nominal ratings.
#[test]
fn exclusive_group_conger_kappa_equals_the_calculator() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path(), "valence", &["a.", "b.", "c.", "d.", "e."]);
    add_code(&dir, "Valence", &["--exclusive", "true"]);
    add_code(&dir, "Pos", &["--parent", "Valence"]);
    add_code(&dir, "Neg", &["--parent", "Valence"]);
    let table: [[&[&str]; 3]; 5] = [
        [&["Pos"], &["Pos"], &["Pos"]],
        [&["Neg"], &["Pos"], &["Neg"]],
        [&["Neg"], &["Neg"], &[]],
        [&["Pos", "Neg"], &["Neg"], &["Neg"]],
        [&["Pos"], &[], &["Pos"]],
    ];
    let mut csv = String::from("alice,bob,carol\n");
    for (u, row) in table.iter().enumerate() {
        let mut cells = Vec::new();
        for (g, codes) in row.iter().enumerate() {
            for c in codes.iter() {
                code(&dir, CODERS[g], &format!("n:{}", u + 1), c);
            }
            cells.push(match codes {
                [] => "none",
                [one] => one,
                _ => "",
            });
        }
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let all = ["n:1", "n:2", "n:3", "n:4", "n:5"];
    for c in CODERS {
        review(&dir, c, &all);
    }
    let r = json(
        &dir,
        &["agreement", "--coders", "alice,bob,carol", "--json"],
    );
    let group = &r["exclusive_groups"][0];
    assert_eq!(group["ambiguous"], 1);
    let file = tmp.path().join("valence.csv");
    std::fs::write(&file, csv).unwrap();
    let calc = json(
        tmp.path(),
        &["agreement", "--ratings", file.to_str().unwrap(), "--json"],
    );
    near(
        &group["conger_kappa"],
        calc["inference"]["conger_kappa"]["value"].as_f64().unwrap(),
    );
    let two = json(&dir, &["agreement", "--coders", "alice,bob", "--json"]);
    assert!(two["exclusive_groups"][0]["conger_kappa"].is_null());
}
