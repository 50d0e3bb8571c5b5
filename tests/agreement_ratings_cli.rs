//! `thematic agreement --ratings FILE.csv`: the ratings-calculator mode, checked against
//! Krippendorff's (2011) published example and small tables worked out by hand.

mod support;

use std::path::{Path, PathBuf};
use support::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Krippendorff (2011), section C, as rows = units and columns = observers A–D (an empty cell
/// is missing): A 1 2 3 3 2 1 4 1 2 . . . / B 1 2 3 3 2 2 4 1 2 5 . 3 /
/// C . 3 3 3 2 3 4 2 2 5 1 . / D 1 2 3 3 2 4 4 1 2 5 1 .
const KRIPPENDORFF_2011_C: &str = "A,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n\
    1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,3,,\n";

#[test]
fn reproduces_krippendorff_2011_at_every_level() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "k.csv", KRIPPENDORFF_2011_C);
    let f = file.to_str().unwrap();
    // Published: nominal .743, ordinal .815, interval .849, ratio .797.
    for (level, expected) in [
        ("nominal", "0.743"),
        ("ordinal", "0.815"),
        ("interval", "0.849"),
        ("ratio", "0.797"),
    ] {
        let r = json(
            tmp.path(),
            &["agreement", "--ratings", f, "--level", level, "--json"],
        );
        let alpha = r["krippendorff_alpha"].as_f64().unwrap();
        assert_eq!(format!("{alpha:.3}"), expected, "{level}");
        assert_eq!(r["level"], level);
    }
    let r = json(tmp.path(), &["agreement", "--ratings", f, "--json"]);
    assert_eq!(r["units"], 12);
    assert_eq!(r["coders"], serde_json::json!(["A", "B", "C", "D"]));
    assert_eq!(r["pairable_units"], 11);
    assert_eq!(r["missing"], 7);
    // irrCAC's documented output for the same data (cac.raw4raters).
    let fmt = |k: &str, places: usize| format!("{:.*}", places, r[k].as_f64().unwrap());
    assert_eq!(fmt("percent_agreement", 7), "0.8181818");
    assert_eq!(fmt("gwet_ac1", 5), "0.77544");
    assert_eq!(fmt("fleiss_kappa", 5), "0.76117");
    assert_eq!(fmt("brennan_prediger", 5), "0.77273");
    // Four coders: Cohen's kappa and Scott's pi are two-coder measures → null.
    assert!(r["cohen_kappa"].is_null());
    assert!(r["scott_pi"].is_null());
    let md = ok(
        tmp.path(),
        &["agreement", "--ratings", f, "--level", "interval"],
    );
    assert!(
        md.contains("| Krippendorff's alpha, interval | 0.8491"),
        "{md}"
    );
    assert!(md.contains("The first row was read as coder names."));
}

/// Two coders, string categories, header row: (yes, yes), (yes, no), (no, no), (no, no).
/// p_o = 3/4. Cohen: A yes 2 no 2, B yes 1 no 3 → p_e = (2 + 6)/16 = 1/2 → κ = 1/2.
/// Scott: pooled yes 3/8, no 5/8 → p_e = 34/64 → π = (48 − 34)/(64 − 34) = 7/15.
/// α = 1 − (1 − π)(2N − 1)/(2N) = 1 − (8/15)(7/8) = 8/15. q = 2: BP = (3/4 − 1/2)/(1/2) = 1/2.
#[test]
fn two_coders_with_named_columns_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(
        tmp.path(),
        "yn.csv",
        "first,second\nyes,yes\nyes,no\nno,no\nno,no\n",
    );
    let r = json(
        tmp.path(),
        &["agreement", "--ratings", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(r["coders"], serde_json::json!(["first", "second"]));
    assert_eq!(r["units"], 4);
    close(&r["percent_agreement"], 0.75);
    close(&r["cohen_kappa"], 0.5);
    close(&r["scott_pi"], 7.0 / 15.0);
    close(&r["krippendorff_alpha"], 8.0 / 15.0);
    close(&r["brennan_prediger"], 0.5);
    close(&r["pabak"], 0.5);
    // Declaring a third category changes q (AC1, BP) but not kappa:
    // BP = (3/4 − 1/3)/(2/3) = 5/8.
    let r3 = json(
        tmp.path(),
        &[
            "agreement",
            "--ratings",
            file.to_str().unwrap(),
            "--categories",
            "yes,no,maybe",
            "--json",
        ],
    );
    close(&r3["brennan_prediger"], 5.0 / 8.0);
    close(&r3["cohen_kappa"], 0.5);
    assert_eq!(r3["categories"], 3);
}

#[test]
fn header_detection_and_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Numbers only: no header, coders are numbered.
    let nums = write(dir, "n.csv", "1,1\n2,2\n2,1\n");
    let r = json(
        dir,
        &["agreement", "--ratings", nums.to_str().unwrap(), "--json"],
    );
    assert_eq!(r["header"], false);
    assert_eq!(r["coders"], serde_json::json!(["coder1", "coder2"]));
    assert_eq!(r["units"], 3);
    // A first row whose values occur below is data, not names.
    let data = write(dir, "d.csv", "yes,no\nno,no\nyes,yes\n");
    let r = json(
        dir,
        &["agreement", "--ratings", data.to_str().unwrap(), "--json"],
    );
    assert_eq!(r["header"], false);
    assert_eq!(r["units"], 3);
    let r = json(
        dir,
        &[
            "agreement",
            "--ratings",
            data.to_str().unwrap(),
            "--header",
            "--json",
        ],
    );
    assert_eq!(r["coders"], serde_json::json!(["yes", "no"]));
    assert_eq!(r["units"], 2);
    // Semicolon-separated files are read too.
    let semi = write(dir, "s.csv", "a;b\n1;1\n2;2\n");
    let r = json(
        dir,
        &["agreement", "--ratings", semi.to_str().unwrap(), "--json"],
    );
    close(&r["cohen_kappa"], 1.0);
    // CSV: measure,value rows; undefined is empty.
    let csv = ok(
        dir,
        &[
            "agreement",
            "--ratings",
            nums.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert!(
        csv.starts_with("measure,value\npercent_agreement,"),
        "{csv}"
    );
    assert!(csv.contains("\nunits,3\n"));
    let constant = write(dir, "c.csv", "1,1\n1,1\n");
    let csv = ok(
        dir,
        &[
            "agreement",
            "--ratings",
            constant.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert!(csv.contains("\ncohen_kappa,\n"), "undefined → empty: {csv}");
    let r = json(
        dir,
        &[
            "agreement",
            "--ratings",
            constant.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(r["krippendorff_alpha"].is_null());
    close(&r["percent_agreement"], 1.0);
}

#[test]
fn bad_ratings_files_fail_with_file_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ragged = write(dir, "ragged.csv", "1,2\n1\n3,4\n");
    let err = fails(dir, &["agreement", "--ratings", ragged.to_str().unwrap()]);
    assert!(
        err.contains("ragged.csv:2:") && err.contains("1 fields"),
        "{err}"
    );
    let text = write(dir, "text.csv", "a,b\n1,2\n3,x\n");
    let err = fails(
        dir,
        &[
            "agreement",
            "--ratings",
            text.to_str().unwrap(),
            "--level",
            "interval",
        ],
    );
    assert!(
        err.contains("text.csv:3: field 'b': 'x' is not a number"),
        "{err}"
    );
    let neg = write(dir, "neg.csv", "1,2\n-1,2\n");
    let err = fails(
        dir,
        &[
            "agreement",
            "--ratings",
            neg.to_str().unwrap(),
            "--level",
            "ratio",
        ],
    );
    assert!(
        err.contains("neg.csv:2: field 'coder1'") && err.contains("negative"),
        "{err}"
    );
    let one = write(dir, "one.csv", "1\n2\n");
    let err = fails(dir, &["agreement", "--ratings", one.to_str().unwrap()]);
    assert!(err.contains("at least two coders"), "{err}");
    let outside = write(dir, "out.csv", "1,2\n3,2\n");
    let err = fails(
        dir,
        &[
            "agreement",
            "--ratings",
            outside.to_str().unwrap(),
            "--categories",
            "1,2",
        ],
    );
    assert!(
        err.contains("out.csv:2: field 'coder1': '3' is not one of --categories"),
        "{err}"
    );
    let missing = dir.join("nope.csv");
    let err = fails(dir, &["agreement", "--ratings", missing.to_str().unwrap()]);
    assert!(err.contains("nope.csv"), "{err}");
    let nums = write(dir, "ok.csv", "1,2\n");
    let err = fails(
        dir,
        &[
            "agreement",
            "--ratings",
            nums.to_str().unwrap(),
            "--level",
            "span",
        ],
    );
    assert!(err.contains("nominal, ordinal, interval or ratio"), "{err}");
    let err = fails(
        dir,
        &[
            "agreement",
            "--ratings",
            nums.to_str().unwrap(),
            "--coders",
            "a,b",
        ],
    );
    assert!(err.contains("--coders applies to a project"), "{err}");
}
