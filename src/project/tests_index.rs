//! Opening without the units' text gives the same figures as opening with it.

use super::*;
use crate::agreement::{AgreementOptions, Filters, Granularity, Pairwise, project_agreement};
use crate::reconcile::{Consensus, Progress};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship")
}

#[test]
fn the_index_keeps_every_unit_but_no_text() {
    let full = Project::open(&sample()).unwrap();
    let index = Project::open_index(&sample()).unwrap();
    assert!(full.has_text());
    assert!(!index.has_text());
    assert_eq!(full.units.len(), index.units.len());
    assert_eq!(full.cases, index.cases);
    for (a, b) in full.units.iter().zip(&index.units) {
        assert_eq!((&a.id, &a.source, &a.case), (&b.id, &b.source, &b.case));
        assert_eq!(
            (&a.prompt, &a.speaker, a.moderator),
            (&b.prompt, &b.speaker, b.moderator)
        );
        assert!(b.text.is_empty());
        assert_eq!(full.unit_chars(a), a.text.chars().count());
        assert_eq!(index.unit_chars(b), a.text.chars().count());
    }
    assert!(full.units.iter().any(|u| !u.text.is_ascii()));
}

#[test]
fn agreement_and_progress_are_the_same_without_the_text() {
    let full = Project::open(&sample()).unwrap();
    let index = Project::open_index(&sample()).unwrap();
    for level in [Granularity::Unit, Granularity::Span] {
        let opts = AgreementOptions {
            level,
            ..Default::default()
        };
        let a = serde_json::to_string(&project_agreement(&full, &opts).unwrap()).unwrap();
        let b = serde_json::to_string(&project_agreement(&index, &opts).unwrap()).unwrap();
        assert_eq!(a, b);
    }
    let progress = |p: &Project| {
        let (sa, sb) = (p.coder_view("alice").unwrap(), p.coder_view("bob").unwrap());
        let c = Consensus::read(p).unwrap();
        serde_json::to_string(&Progress::count(p, ["alice", "bob"], [&sa, &sb], &c)).unwrap()
    };
    assert_eq!(progress(&full), progress(&index));
}

#[test]
fn what_quotes_text_refuses_a_project_without_it() {
    let index = Project::open_index(&sample()).unwrap();
    assert!(index.require_text().is_err());
    let e = Pairwise::compute(&index, &[], &Filters::default()).unwrap_err();
    assert!(e.to_string().contains("text"), "{e}");
    assert!(crate::interop::qdpx_write::export(&index).is_err());
    let full = Project::open(&sample()).unwrap();
    assert!(full.require_text().is_ok());
    assert!(Pairwise::compute(&full, &[], &Filters::default()).is_ok());
}

/// Logs replayed while the units are read give what replaying them afterwards gives, each
/// replay is used once, and a bad log is refused with its line as before.
#[test]
fn logs_read_ahead_give_the_same_states_and_errors() {
    let index = Project::open_index(&sample()).unwrap();
    let ahead = Project::open_index_reading_logs(&sample()).unwrap();
    let coders = index.coders().unwrap();
    for (c, st) in coders.iter().zip(ahead.coder_states(&coders).unwrap()) {
        let plain = index.coder_state(c).unwrap();
        assert_eq!(st.codings, plain.codings);
        assert_eq!(st.reviewed, plain.reviewed);
        assert_eq!(st.unit_memos, plain.unit_memos);
    }
    assert!(ahead.ahead.take_state("alice").is_none());
    let one = Project::open_index_reading_log(&sample(), "bob").unwrap();
    assert!(
        one.ahead.take_state("alice").is_none(),
        "only bob's log is read ahead"
    );
    let bob = one.coder_state("bob").unwrap();
    assert_eq!(bob.codings, index.coder_state("bob").unwrap().codings);
    let again = ahead.coder_state("alice").unwrap();
    assert_eq!(again.codings, index.coder_state("alice").unwrap().codings);
    let opts = AgreementOptions::default();
    let a = serde_json::to_string(&project_agreement(&index, &opts).unwrap()).unwrap();
    let b = serde_json::to_string(&project_agreement(&ahead, &opts).unwrap()).unwrap();
    assert_eq!(a, b);

    let dir = sample_copy();
    let log = dir.path().join("codings/bob.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    let line = text.lines().count() + 1;
    text.push_str(r#"{"seq":999999,"op":"review","unit":"nowhere:1","group":999999}"#);
    text.push('\n');
    std::fs::write(&log, text).unwrap();
    let ahead = Project::open_index_reading_logs(dir.path()).unwrap();
    let e = ahead.coder_states(&coders).unwrap_err().to_string();
    assert!(
        e.contains(&format!("bob.jsonl:{line}")) && e.contains("nowhere:1"),
        "{e}"
    );
}

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["", "sources", "codings"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for f in std::fs::read_dir(sample().join(sub)).unwrap() {
            let f = f.unwrap();
            if f.file_type().unwrap().is_file() {
                std::fs::copy(f.path(), dir.path().join(sub).join(f.file_name())).unwrap();
            }
        }
    }
    dir
}

/// The workbench's log, opened while the units are read, is the log `open_log` would give; a
/// log opened ahead for someone else is closed when another coder's is asked for.
#[test]
fn a_log_opened_ahead_is_the_log_open_log_gives() {
    let dir = sample_copy();
    let p = Project::open_opening_log(dir.path(), "alice").unwrap();
    assert!(p.has_text());
    let log = p.open_log("alice").unwrap();
    assert_eq!(log.state().codings, p.coder_state("alice").unwrap().codings);
    assert_eq!(
        log.state().reviewed,
        p.coder_state("alice").unwrap().reviewed
    );
    let other = Project::open(dir.path()).unwrap();
    assert!(
        other.open_log("alice").is_err(),
        "the log opened ahead holds its lock"
    );
    drop(log);
    assert!(other.open_log("alice").is_ok());

    let p = Project::open_opening_log(dir.path(), "bob").unwrap();
    assert!(p.open_log("alice").is_ok());
    assert!(
        other.open_log("bob").is_ok(),
        "bob's log opened ahead was closed"
    );
    assert!(Project::open_opening_log(dir.path(), "no/such").is_err());
}
