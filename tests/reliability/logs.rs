//! Coding logs: a failed append, a torn header, an unterminated last line, a bad line.

use super::common::{sample_copy, thematic};
use thematic::coding::{Change, CodingLog};
use thematic::project::Project;

fn apply(unit: &str, code: &str) -> Change {
    Change::Apply {
        unit: unit.into(),
        code: code.into(),
        span: None,
        memo: None,
    }
}

/// Item 2: an append that fails half-way (full disk) leaves no fragment for the next action to
/// follow; the log reopens with every acknowledged action and without the failed one.
#[test]
fn a_failed_append_leaves_no_fragment_behind() {
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    let units: Vec<String> = p.units.iter().take(3).map(|u| u.id.clone()).collect();
    let code = p.codebook.resolve("positive").unwrap().id.clone();
    for fail_at in [0, 1, 17, 60] {
        let mut log = p.open_log("dana").unwrap();
        log.record(&[apply(&units[0], &code)]).unwrap();
        log.fail_writes_after(fail_at);
        let err = log.record(&[apply(&units[1], &code)]).unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
        drop(log);
        let mut log = p.open_log("dana").unwrap();
        log.record(&[Change::Review {
            unit: units[2].clone(),
        }])
        .unwrap();
        drop(log);
        let st = p.coder_state("dana").unwrap();
        assert!(st.has(&units[0], &code, None));
        assert!(!st.has(&units[1], &code, None), "failed at byte {fail_at}");
        assert!(st.is_reviewed(&units[2]));
        thematic(&dir).args(["status"]).assert().success();
        std::fs::remove_file(dir.join("codings/dana.jsonl")).unwrap();
    }
}

/// Item 2, in one process: after a failed append the same open log takes the next action
/// cleanly (the fragment was cut back before it).
#[test]
fn the_next_action_after_a_failed_append_is_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ann.jsonl");
    let mut log = CodingLog::open(&path, &tmp.path().join(".ann.lock"), "ann").unwrap();
    log.record(&[apply("u1", "a")]).unwrap();
    log.fail_writes_after(10);
    log.record(&[apply("u2", "a")]).unwrap_err();
    log.fail_writes_after(u64::MAX);
    log.record(&[apply("u3", "a")]).unwrap();
    drop(log);
    let st = CodingLog::read(&path, "ann").unwrap();
    assert!(st.has("u1", "a", None) && !st.has("u2", "a", None) && st.has("u3", "a", None));
}

/// Item 3: a log that holds only a torn header gets a whole header before the next action.
#[test]
fn a_torn_header_is_repaired_before_the_next_write() {
    let (_t, dir) = sample_copy();
    let unit = Project::open(&dir).unwrap().units[0].id.clone();
    std::fs::write(dir.join("codings/newbie.jsonl"), b"{\"format\":1,\"co").unwrap();
    thematic(&dir)
        .args(["code", "--coder", "newbie", &unit, "positive"])
        .assert()
        .success();
    thematic(&dir).args(["status"]).assert().success();
    let text = std::fs::read_to_string(dir.join("codings/newbie.jsonl")).unwrap();
    assert!(
        text.starts_with("{\"format\":1,\"coder\":\"newbie\"}\n"),
        "{text}"
    );
}

/// Item 4: a complete last line without its newline is data: kept on read, kept (and ended)
/// on the next write, its sequence number not reused.
#[test]
fn a_complete_last_line_without_newline_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ann.jsonl");
    let mut log = CodingLog::open(&path, &tmp.path().join(".ann.lock"), "ann").unwrap();
    log.record(&[apply("u1", "a")]).unwrap();
    log.record(&[Change::Review { unit: "u1".into() }]).unwrap();
    drop(log);
    let mut bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.pop(), Some(b'\n'));
    std::fs::write(&path, &bytes).unwrap();
    assert!(CodingLog::read(&path, "ann").unwrap().is_reviewed("u1"));
    let mut log = CodingLog::open(&path, &tmp.path().join(".ann.lock"), "ann").unwrap();
    log.record(&[apply("u2", "a")]).unwrap();
    drop(log);
    let st = CodingLog::read(&path, "ann").unwrap();
    assert!(st.is_reviewed("u1") && st.has("u2", "a", None));
    let seqs: Vec<u64> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
}

/// Item 12: a bad UTF-8 line is reported by line number; a line of a newer format is refused.
#[test]
fn bad_lines_are_named_by_line_and_newer_formats_refused() {
    let (_t, dir) = sample_copy();
    let path = dir.join("codings/alice.jsonl");
    let mut bytes = std::fs::read(&path).unwrap();
    let good = bytes.clone();
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0;
    bytes.splice(
        third..third,
        b"\n{\"seq\":1,\"unit\":\"\xff\"}".iter().copied(),
    );
    std::fs::write(&path, &bytes).unwrap();
    thematic(&dir)
        .args(["status"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("alice.jsonl:4: not UTF-8"));
    let mut bytes = good;
    bytes.extend_from_slice(
        b"{\"format\":2,\"seq\":9999,\"at\":\"x\",\"op\":\"review\",\"unit\":\"u\",\"group\":9999}\n",
    );
    std::fs::write(&path, &bytes).unwrap();
    thematic(&dir)
        .args(["status"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("field 'format'"))
        .stderr(predicates::str::contains("newer than this thematic"));
}
