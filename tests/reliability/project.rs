//! The project as a whole (items 11, 13, 14): a missing codebook, log lines naming unknown
//! codes or units, sources changed after import, left-over temp files, unknown coders.

use super::common::{sample_copy, snapshot, thematic};
use predicates::prelude::*;
use predicates::str::contains;

/// Item 11: a missing codebook is an error, not an empty codebook.
#[test]
fn a_missing_codebook_is_an_error() {
    let (_t, dir) = sample_copy();
    std::fs::remove_file(dir.join("codebook.json")).unwrap();
    for args in [
        &["status"][..],
        &["agreement"][..],
        &["search", "mentor"][..],
    ] {
        thematic(&dir)
            .args(args)
            .assert()
            .code(1)
            .stderr(contains("codebook.json: the codebook is missing"));
    }
}

/// Item 11: a log line naming a code the codebook lacks is an error naming file, line and
/// field — not hidden, and never called restorable.
#[test]
fn log_lines_naming_unknown_codes_or_units_are_errors() {
    let (_t, dir) = sample_copy();
    let log = dir.join("codings/alice.jsonl");
    let good = std::fs::read(&log).unwrap();
    let n = good.iter().filter(|b| **b == b'\n').count();
    let mut bytes = good.clone();
    bytes.extend_from_slice(
        b"{\"seq\":90001,\"at\":\"x\",\"op\":\"apply\",\"unit\":\"mentee-survey:1:9\",\"code\":\"ghost\",\"group\":90001}\n",
    );
    std::fs::write(&log, &bytes).unwrap();
    for args in [
        &["status"][..],
        &["codings", "--coder", "alice"][..],
        &["agreement"][..],
    ] {
        thematic(&dir)
            .args(args)
            .assert()
            .code(1)
            .stderr(contains(format!("alice.jsonl:{}: field 'code'", n + 1)))
            .stderr(contains("code 'ghost' is not in codebook.json"))
            .stderr(predicates::str::contains("restorable").not());
    }
    let mut bytes = good;
    bytes.extend_from_slice(
        b"{\"seq\":90001,\"at\":\"x\",\"op\":\"review\",\"unit\":\"nowhere:1\",\"group\":90001}\n",
    );
    std::fs::write(&log, &bytes).unwrap();
    thematic(&dir)
        .args(["status"])
        .assert()
        .code(1)
        .stderr(contains(format!("alice.jsonl:{}: field 'unit'", n + 1)));
}

/// Item 13: a source file changed or deleted after import is named on open.
#[test]
fn sources_changed_after_import_are_named() {
    let (_t, dir) = sample_copy();
    thematic(&dir)
        .args(["status"])
        .assert()
        .success()
        .stderr(contains("warning").not());
    let csv = dir.join("sources/mentee-survey.csv");
    let mut bytes = std::fs::read(&csv).unwrap();
    bytes.extend_from_slice(b"X99,edited by hand\n");
    std::fs::write(&csv, &bytes).unwrap();
    std::fs::remove_file(dir.join("sources/interview-mentee-07.md")).unwrap();
    thematic(&dir)
        .args(["status"])
        .assert()
        .success()
        .stderr(contains(
            "source 'mentee-survey' changed after it was imported",
        ))
        .stderr(contains("copy of source 'interview-mentee-07' is missing"));
}

/// Item 14: temp files of a killed write are cleaned on open; unknown coders are errors that
/// leave nothing behind.
#[test]
fn stale_temp_files_go_and_unknown_coders_leave_no_lock() {
    let (_t, dir) = sample_copy();
    let stale = dir.join(".codebook.json.999999999.0.tmp");
    std::fs::write(&stale, b"{").unwrap();
    thematic(&dir).args(["status"]).assert().success();
    assert!(!stale.exists());
    let before = snapshot(&dir);
    for args in [
        &["undo", "--coder", "nobody"][..],
        &["redo", "--coder", "nobody"][..],
        &["codings", "--coder", "nobody"][..],
        &[
            "uncode",
            "--coder",
            "nobody",
            "mentee-survey:1:9",
            "positive",
        ][..],
    ] {
        thematic(&dir).args(args).assert().code(1).stderr(contains(
            "unknown coder 'nobody'; the coders are alice, bob",
        ));
    }
    assert_eq!(snapshot(&dir), before);
    assert!(!dir.join("codings/.nobody.lock").exists());
}
