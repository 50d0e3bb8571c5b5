//! A coder's log: replay, no-ops, undo and redo across restarts, torn and bad lines.

use super::*;
use std::path::Path;

fn open(dir: &Path) -> CodingLog {
    CodingLog::open(&dir.join("alice.jsonl"), &dir.join(".alice.lock"), "alice").unwrap()
}

fn apply(unit: &str, code: &str, span: Span) -> Change {
    Change::Apply {
        unit: unit.into(),
        code: code.into(),
        span,
        memo: None,
    }
}

#[test]
fn replay_gives_the_state_and_noops_are_not_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path());
    assert_eq!(
        log.record(&[apply("u1", "a", None), apply("u1", "b", Some((0, 4)))])
            .unwrap(),
        2
    );
    assert_eq!(
        log.record(&[apply("u1", "a", None)]).unwrap(),
        0,
        "applying twice changes nothing"
    );
    log.record(&[Change::Review { unit: "u1".into() }]).unwrap();
    log.record(&[Change::Remove {
        unit: "u1".into(),
        code: "a".into(),
        span: None,
    }])
    .unwrap();
    drop(log);
    let st = CodingLog::read(&dir.path().join("alice.jsonl"), "alice").unwrap();
    assert_eq!(
        st.codings_of("u1"),
        &[Coding {
            code: "b".into(),
            span: Some((0, 4)),
            memo: None
        }]
    );
    assert!(st.is_reviewed("u1"));
    let lines = std::fs::read_to_string(dir.path().join("alice.jsonl"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(lines, 1 + 4, "header + four entries");
}

#[test]
fn undo_and_redo_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path());
    log.record(&[apply("u1", "a", None)]).unwrap();
    log.record(&[apply("u2", "a", None), apply("u3", "a", None)])
        .unwrap();
    assert_eq!(log.undo().unwrap().len(), 2, "a group undoes as one");
    assert!(!log.state().has("u2", "a", None) && log.state().has("u1", "a", None));
    drop(log);
    let mut log = open(dir.path());
    assert!(log.can_redo());
    log.redo().unwrap();
    assert!(log.state().has("u3", "a", None));
    log.undo().unwrap();
    log.undo().unwrap();
    assert_eq!(log.state().count(), 0);
    assert!(log.undo().unwrap().is_empty(), "nothing left to undo");
    drop(log);
    let mut log = open(dir.path());
    assert!(!log.can_undo() && log.can_redo());
    log.redo().unwrap();
    assert!(log.state().has("u1", "a", None));
    log.record(&[apply("u9", "z", None)]).unwrap();
    assert!(!log.can_redo(), "a new action clears redo");
}

#[test]
fn memos_undo_to_their_previous_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path());
    let memo = |t: Option<&str>| Change::Memo {
        unit: "u1".into(),
        code: None,
        span: None,
        text: t.map(String::from),
    };
    log.record(&[memo(Some("first"))]).unwrap();
    log.record(&[memo(Some("second"))]).unwrap();
    log.undo().unwrap();
    assert_eq!(
        log.state().unit_memos.get("u1").map(String::as_str),
        Some("first")
    );
    log.record(&[Change::Apply {
        unit: "u1".into(),
        code: "a".into(),
        span: None,
        memo: Some("why".into()),
    }])
    .unwrap();
    log.record(&[Change::Remove {
        unit: "u1".into(),
        code: "a".into(),
        span: None,
    }])
    .unwrap();
    log.undo().unwrap();
    assert_eq!(
        log.state()
            .coding("u1", "a", None)
            .and_then(|c| c.memo.as_deref()),
        Some("why")
    );
}

#[test]
fn a_torn_last_line_is_dropped_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alice.jsonl");
    let mut log = open(dir.path());
    log.record(&[apply("u1", "a", None)]).unwrap();
    drop(log);
    let mut bytes = std::fs::read(&path).unwrap();
    let good = bytes.len();
    bytes.extend_from_slice(b"{\"seq\":2,\"at\":\"x\",\"op\":\"ap");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(CodingLog::read(&path, "alice").unwrap().count(), 1);
    let mut log = open(dir.path());
    assert_eq!(std::fs::metadata(&path).unwrap().len() as usize, good);
    log.record(&[apply("u2", "a", None)]).unwrap();
    drop(log);
    assert_eq!(CodingLog::read(&path, "alice").unwrap().count(), 2);
}

#[test]
fn a_malformed_line_in_the_middle_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alice.jsonl");
    std::fs::write(&path, "{\"format\":1,\"coder\":\"alice\"}\nnot json\n").unwrap();
    let e = CodingLog::read(&path, "alice").unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:2:", path.display())), "{e}");
    std::fs::write(&path, "{\"format\":9,\"coder\":\"alice\"}\n").unwrap();
    assert!(
        CodingLog::read(&path, "alice")
            .unwrap_err()
            .to_string()
            .contains("newer")
    );
    std::fs::write(&path, "{\"format\":1,\"coder\":\"bob\"}\n").unwrap();
    assert!(
        CodingLog::read(&path, "alice")
            .unwrap_err()
            .to_string()
            .contains("belongs to 'bob'")
    );
}

#[test]
fn one_process_per_coder() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(dir.path());
    let e = CodingLog::open(
        &dir.path().join("alice.jsonl"),
        &dir.path().join(".alice.lock"),
        "alice",
    )
    .unwrap_err();
    assert!(matches!(e, crate::Error::Locked { .. }), "{e}");
}

#[test]
fn spans_parse() {
    assert_eq!(parse_span("3..10"), Some((3, 10)));
    assert_eq!(parse_span("3-10"), None);
}

#[test]
fn undo_reaches_back_a_thousand_actions_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path());
    for i in 0..1005 {
        log.record(&[apply(&format!("u{i}"), "a", None)]).unwrap();
    }
    drop(log);
    let mut log = open(dir.path());
    for _ in 0..1000 {
        assert_eq!(log.undo().unwrap().len(), 1);
    }
    assert!(log.undo().unwrap().is_empty(), "undo depth is 1000 actions");
    assert_eq!(log.state().count(), 5);
    assert!(log.state().has("u4", "a", None) && !log.state().has("u5", "a", None));
}
