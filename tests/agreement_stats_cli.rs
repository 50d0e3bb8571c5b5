//! `thematic agreement`: alpha intervals (`--interval`), standard errors, intervals and
//! p-values (Gwet 2014, as irrCAC's published outputs), weighted kappa (`--weights`) and the
//! finite-population correction (`--population`), in every output format.

mod support;

use std::path::{Path, PathBuf};
use support::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// irrCAC's cac.raw4raters (Gwet 2014, p. 120).
const RAW4RATERS: &str = "r1,r2,r3,r4\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n\
    1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,,3,\n";

/// irrCAC's cont3x3abstractors table [[13,0,0],[0,20,7],[0,4,56]] as 100 rows of raw ratings.
fn abstractors() -> String {
    let mut s = String::from("a,b\n");
    for (a, b, n) in [(1, 1, 13), (2, 2, 20), (2, 3, 7), (3, 2, 4), (3, 3, 56)] {
        for _ in 0..n {
            s.push_str(&format!("{a},{b}\n"));
        }
    }
    s
}

fn est<'a>(r: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    &r["inference"][key]
}

fn near(v: &serde_json::Value, expected: f64, tolerance: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - expected).abs() < tolerance, "{x} vs {expected}");
}

#[test]
fn ratings_report_standard_errors_as_irrcac_publishes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "raw.csv", RAW4RATERS);
    let f = f.to_str().unwrap();
    let r = json(tmp.path(), &["agreement", "--ratings", f, "--json"]);
    // irrCAC README: Fleiss .76117 (SE .15302), AC1 .77544 (.14295), Conger .76282 (.14917),
    // Brennan–Prediger .77273 (.14472), percent agreement .8181818 (.12561).
    for (key, value, se) in [
        ("fleiss_kappa", 0.76117, 0.15302),
        ("gwet_ac1", 0.77544, 0.14295),
        ("conger_kappa", 0.76282, 0.14917),
        ("brennan_prediger", 0.77273, 0.14472),
        ("percent_agreement", 0.8181818, 0.12561),
    ] {
        near(&est(&r, key)["value"], value, 5e-6);
        near(&est(&r, key)["se"], se, 5e-6);
    }
    near(&est(&r, "fleiss_kappa")["ci"][0], 0.424, 5e-4);
    near(&est(&r, "fleiss_kappa")["ci"][1], 1.0, 1e-12);
    near(&est(&r, "gwet_ac1")["p_value"], 0.000208721, 2e-7);
    // Two-coder coefficients are null with four coders; nothing is NaN.
    assert!(est(&r, "cohen_kappa").is_null());
    assert_eq!(r["inference"]["weights"], "unweighted");
    assert!(r["inference"]["population"].is_null());
    // The same in Markdown and CSV.
    let md = ok(tmp.path(), &["agreement", "--ratings", f]);
    assert!(
        md.contains("| Fleiss' kappa | 0.7612 | 0.1530 | [0.4244, 1.0000] |"),
        "{md}"
    );
    let csv = ok(
        tmp.path(),
        &["agreement", "--ratings", f, "--format", "csv"],
    );
    assert!(csv.contains("fleiss_kappa_se,0.1530"), "{csv}");
    assert!(csv.contains("krippendorff_alpha_interval,bootstrap"));
}

#[test]
fn weighted_kappa_matches_the_irrcac_weighting_vignette() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "abs.csv", &abstractors());
    let f = f.to_str().unwrap();
    let plain = json(tmp.path(), &["agreement", "--ratings", f, "--json"]);
    // kappa2.table(cont3x3abstractors): 0.7964094, SE 0.05891072, (0.68, 0.913).
    near(&est(&plain, "cohen_kappa")["value"], 0.7964094, 1e-7);
    near(&est(&plain, "cohen_kappa")["se"], 0.05891072, 1e-8);
    near(&plain["cohen_kappa"], 0.7964094, 1e-7);
    let w = json(
        tmp.path(),
        &[
            "agreement",
            "--ratings",
            f,
            "--weights",
            "quadratic",
            "--json",
        ],
    );
    // With quadratic weights (Cohen 1968): 0.8921569, SE 0.03535151, (0.822, 0.962).
    assert_eq!(w["inference"]["weights"], "quadratic");
    near(&est(&w, "cohen_kappa")["value"], 0.8921569, 1e-7);
    near(&est(&w, "cohen_kappa")["se"], 0.03535151, 1e-8);
    near(&est(&w, "cohen_kappa")["ci"][0], 0.822, 5e-4);
    near(&est(&w, "scott_pi")["value"], 0.8921093, 1e-7);
    let md = ok(
        tmp.path(),
        &["agreement", "--ratings", f, "--weights", "linear"],
    );
    assert!(
        md.contains("intervals (linear)") && md.contains("Gwet's AC2"),
        "{md}"
    );
}

#[test]
fn population_size_shrinks_the_standard_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "raw.csv", RAW4RATERS);
    let f = f.to_str().unwrap();
    let inf = json(tmp.path(), &["agreement", "--ratings", f, "--json"]);
    let fin = json(
        tmp.path(),
        &["agreement", "--ratings", f, "--population", "48", "--json"],
    );
    assert_eq!(fin["inference"]["population"], 48);
    let se = |r: &serde_json::Value| est(r, "gwet_ac1")["se"].as_f64().unwrap();
    // (1 − 12/48) = 3/4 of the variance.
    assert!((se(&fin) - se(&inf) * 0.75f64.sqrt()).abs() < 1e-12);
}

#[test]
fn every_report_says_which_alpha_interval_it_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "abs.csv", &abstractors());
    let f = f.to_str().unwrap();
    let units = json(tmp.path(), &["agreement", "--ratings", f, "--json"]);
    assert_eq!(units["alpha_interval"], "bootstrap");
    let kalpha = json(
        tmp.path(),
        &[
            "agreement",
            "--ratings",
            f,
            "--interval",
            "kalpha",
            "--json",
        ],
    );
    assert_eq!(kalpha["alpha_interval"], "kalpha");
    assert!(
        kalpha["alpha_interval_label"]
            .as_str()
            .unwrap()
            .contains("KALPHA")
    );
    let alpha = units["krippendorff_alpha"].as_f64().unwrap();
    let ci = &units["krippendorff_alpha_ci"];
    assert!(ci[0].as_f64().unwrap() < alpha && alpha < ci[1].as_f64().unwrap());
    let md = ok(
        tmp.path(),
        &["agreement", "--ratings", f, "--interval", "kalpha"],
    );
    assert!(md.contains("KALPHA"), "{md}");
}

#[test]
fn project_report_gives_standard_errors_and_the_interval_used() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(
        tmp.path(),
        "p",
        &["one", "two", "three", "four", "five", "six"],
    );
    add_code(&dir, "alpha", &[]);
    for (coder, units) in [
        ("alice", ["n:1", "n:2", "n:3"]),
        ("bob", ["n:1", "n:2", "n:4"]),
    ] {
        for u in units {
            code(&dir, coder, u, "alpha");
        }
        review(&dir, coder, &["n:1", "n:2", "n:3", "n:4", "n:5", "n:6"]);
    }
    let r = json(&dir, &["agreement", "--json"]);
    assert_eq!(r["alpha_interval"], "bootstrap");
    let row = code_row(&r, "alpha");
    // 2×2 table both 2, a_only 1, b_only 1, neither 2: κ = (4/6 − 1/2)/(1/2) = 1/3.
    near(&row["inference"]["cohen_kappa"]["value"], 1.0 / 3.0, 1e-12);
    assert!(row["inference"]["cohen_kappa"]["se"].as_f64().unwrap() > 0.0);
    near(
        &row["inference"]["krippendorff_alpha"]["value"],
        row["krippendorff_alpha"].as_f64().unwrap(),
        1e-12,
    );
    let csv = ok(&dir, &["agreement", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().contains("cohen_kappa_se"));
    let md = ok(&dir, &["agreement", "--interval", "kalpha"]);
    assert!(
        md.contains("## Standard errors") && md.contains("KALPHA"),
        "{md}"
    );
    // The options reach the project report (they were read and then not used).
    let k = json(&dir, &["agreement", "--json", "--interval", "kalpha"]);
    assert_eq!(k["alpha_interval"], "kalpha");
    assert_ne!(
        code_row(&k, "alpha")["krippendorff_alpha_ci"],
        row["krippendorff_alpha_ci"]
    );
    let finite = json(&dir, &["agreement", "--json", "--population", "8"]);
    let fin = &code_row(&finite, "alpha")["inference"];
    assert_eq!(fin["population"], 8);
    // Sampling 6 of 8 units shrinks the variance by (1 − 6/8).
    let (se, se_inf) = (
        fin["cohen_kappa"]["se"].as_f64().unwrap(),
        row["inference"]["cohen_kappa"]["se"].as_f64().unwrap(),
    );
    assert!(se < se_inf, "{se} vs {se_inf}");
    let err = fails(&dir, &["agreement", "--weights", "linear"]);
    assert!(err.contains("--weights"), "{err}");
}

/// cac.raw4raters is Krippendorff's (2013) 12 × 4 nominal example, on which the R package
/// krippendorffsalpha 2.0 (Hughes 2022, method "analytical") gives the estimate 0.756 and the
/// jackknife interval [0.228, 0.951] (its tests, rounded to 3 places).
#[test]
fn jackknife_interval_matches_krippendorffsalpha() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "raw4.csv", RAW4RATERS);
    let f = f.to_str().unwrap();
    let r = json(
        tmp.path(),
        &[
            "agreement",
            "--ratings",
            f,
            "--interval",
            "jackknife",
            "--json",
        ],
    );
    assert_eq!(r["alpha_interval"], "jackknife");
    near(&r["krippendorff_alpha"], 0.743, 5e-4);
    near(&r["krippendorff_alpha_ci"][0], 0.228, 5e-4);
    near(&r["krippendorff_alpha_ci"][1], 0.951, 5e-4);
    near(&r["krippendorff_alpha_jackknife"]["estimate"], 0.756, 5e-4);
    assert_eq!(r["krippendorff_alpha_jackknife"]["units"], 12);
    let md = ok(
        tmp.path(),
        &["agreement", "--ratings", f, "--interval", "jackknife"],
    );
    assert!(md.contains("Hughes (2022) jackknife"), "{md}");
    assert!(md.contains("delete-one-unit jackknife SE"), "{md}");

    // A project: the interval of each code, named in the report.
    let dir = project(
        tmp.path(),
        "p",
        &["one", "two", "three", "four", "five", "six"],
    );
    add_code(&dir, "alpha", &[]);
    for (coder, units) in [
        ("alice", ["n:1", "n:2", "n:3", "n:5"]),
        ("bob", ["n:1", "n:2", "n:4", "n:5"]),
    ] {
        for u in units {
            code(&dir, coder, u, "alpha");
        }
        review(&dir, coder, &["n:1", "n:2", "n:3", "n:4", "n:5", "n:6"]);
    }
    let r = json(&dir, &["agreement", "--interval", "jackknife", "--json"]);
    assert_eq!(r["alpha_interval"], "jackknife");
    let ci = &code_row(&r, "alpha")["krippendorff_alpha_ci"];
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    assert!(lo < hi && hi < 1.0, "{ci}");
    let md = ok(&dir, &["agreement", "--interval", "jackknife"]);
    assert!(md.contains("Hughes (2022) jackknife"), "{md}");
    // The project report follows --interval and --population (it used to take the defaults).
    let k = json(&dir, &["agreement", "--interval", "kalpha", "--json"]);
    assert_eq!(k["alpha_interval"], "kalpha");
    let finite = json(&dir, &["agreement", "--population", "10", "--json"]);
    assert_eq!(code_row(&finite, "alpha")["inference"]["population"], 10);
}
