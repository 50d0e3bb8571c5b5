//! The consensus through the library: decisions recorded, replayed after a restart, undone and
//! redone, torn writes dropped, and the consensus read back as a coder's state.

mod common;

/// A copy of the sample without its consensus: the coders' logs only.
fn fresh_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, dir) = common::sample_copy();
    std::fs::remove_file(dir.join("consensus.jsonl")).unwrap();
    (t, dir)
}

use thematic::agreement::{Filters, Pairwise};
use thematic::project::Project;
use thematic::reconcile::{
    Choice, Consensus, ConsensusLog, Perspective, Request, accept_agreed, coded_view,
    consensus_path, decide,
};

fn pair(p: &Project) -> Pairwise {
    Pairwise::compute(p, &[], &Filters::default()).unwrap()
}

fn take(unit: &str, choice: Choice, note: &str) -> Request {
    Request {
        unit: unit.into(),
        take: Some(choice),
        note: Some(note.into()),
        by: "carol".into(),
        ..Default::default()
    }
}

#[test]
fn decisions_replay_after_reopening_and_undo_restores_the_previous_state() {
    let (_t, dir) = fresh_copy();
    let p = Project::open(&dir).unwrap();
    let pr = pair(&p);
    assert!(
        coded_view(&p, &Perspective::Consensus).is_err() || consensus_path(&dir).exists(),
        "no consensus yet is an error, not an empty coding"
    );
    let u0 = pr.disagreements[0].unit.clone();
    let u1 = pr.disagreements[1].unit.clone();
    let mut log = ConsensusLog::open(&p).unwrap();
    let d0 = decide(&p, &pr, &take(&u0, Choice::A, "A's reading")).unwrap();
    assert_eq!(d0.codings, pr.disagreements[0].a_spans);
    assert_eq!(log.record(vec![d0.clone()]).unwrap(), 1);
    let d1 = decide(&p, &pr, &take(&u1, Choice::Union, "both")).unwrap();
    log.record(vec![d1]).unwrap();
    // Revisit u0: take B instead.
    let d0b = decide(&p, &pr, &take(&u0, Choice::B, "on second thought")).unwrap();
    log.record(vec![d0b.clone()]).unwrap();
    drop(log);

    let c = Consensus::read(&p).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.get(&u0).unwrap().choice, Choice::B);
    assert_eq!(
        c.get(&u0).unwrap().note.as_deref(),
        Some("on second thought")
    );

    let mut log = ConsensusLog::open(&p).unwrap();
    let undone = log.undo(Some("carol")).unwrap();
    assert_eq!(undone.len(), 1);
    assert_eq!(log.consensus().get(&u0).unwrap().choice, Choice::A);
    log.undo(None).unwrap();
    assert!(log.consensus().get(&u1).is_none());
    drop(log);
    let mut log = ConsensusLog::open(&p).unwrap();
    assert!(
        log.consensus().get(&u1).is_none(),
        "undo survives a restart"
    );
    assert_eq!(log.redo(None).unwrap().len(), 1);
    assert_eq!(log.consensus().get(&u1).unwrap().choice, Choice::Union);
    log.undo(None).unwrap();
    log.undo(None).unwrap();
    assert!(log.consensus().is_empty());
    assert!(log.undo(None).unwrap().is_empty(), "nothing left to undo");
    drop(log);
    // The coders' logs are never touched.
    for coder in ["alice", "bob"] {
        assert_eq!(
            std::fs::read(dir.join(format!("codings/{coder}.jsonl"))).unwrap(),
            std::fs::read(common::sample().join(format!("codings/{coder}.jsonl"))).unwrap()
        );
    }
}

#[test]
fn the_consensus_reads_as_a_coder_state_with_every_decided_unit_reviewed() {
    let (_t, dir) = fresh_copy();
    let p = Project::open(&dir).unwrap();
    let pr = pair(&p);
    let mut log = ConsensusLog::open(&p).unwrap();
    let agreed = accept_agreed(&p, &pr, log.consensus(), "carol", None).unwrap();
    assert_eq!(agreed.len(), pr.agreed.len());
    assert_eq!(log.record(agreed).unwrap(), pr.agreed.len());
    let none = decide(&p, &pr, &take(&pr.disagreements[0].unit, Choice::None, "")).unwrap();
    assert!(none.note.is_none(), "an empty note is no note");
    log.record(vec![none]).unwrap();
    drop(log);
    let st = coded_view(&p, &Perspective::Consensus).unwrap();
    assert_eq!(st.reviewed.len(), pr.agreed.len() + 1);
    assert!(st.codings_of(&pr.disagreements[0].unit).is_empty());
    let alice = p.coder_view("alice").unwrap();
    for u in &pr.agreed {
        let mut x: Vec<_> = st.codings_of(u).iter().map(|c| (&c.code, c.span)).collect();
        let mut y: Vec<_> = alice
            .codings_of(u)
            .iter()
            .map(|c| (&c.code, c.span))
            .collect();
        x.sort();
        y.sort();
        assert_eq!(x, y, "{u}");
    }
    // Accepting the agreed units again records nothing.
    let mut log = ConsensusLog::open(&p).unwrap();
    let again = accept_agreed(&p, &pr, log.consensus(), "carol", None).unwrap();
    assert!(again.is_empty());
    // One undo takes the whole --all-agreed action back after the single decision.
    log.undo(None).unwrap();
    log.undo(None).unwrap();
    assert!(log.consensus().is_empty());
}

#[test]
fn a_torn_last_line_is_dropped_and_the_log_takes_new_decisions() {
    let (_t, dir) = fresh_copy();
    let p = Project::open(&dir).unwrap();
    let pr = pair(&p);
    let u = pr.disagreements[0].unit.clone();
    let mut log = ConsensusLog::open(&p).unwrap();
    log.record(vec![decide(&p, &pr, &take(&u, Choice::A, "x")).unwrap()])
        .unwrap();
    drop(log);
    let path = consensus_path(&dir);
    let good = std::fs::read(&path).unwrap();
    let mut torn = good.clone();
    torn.extend_from_slice(br#"{"seq":2,"unit":"mentee-su"#);
    std::fs::write(&path, &torn).unwrap();
    assert_eq!(
        Consensus::read(&p).unwrap().len(),
        1,
        "a reader skips the torn tail"
    );
    let mut log = ConsensusLog::open(&p).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), good, "cut back on open");
    let u2 = pr.disagreements[1].unit.clone();
    log.record(vec![decide(&p, &pr, &take(&u2, Choice::B, "y")).unwrap()])
        .unwrap();
    drop(log);
    assert_eq!(Consensus::read(&p).unwrap().len(), 2);

    // A header cut short: the file holds nothing yet, and the next decision writes a header.
    std::fs::write(&path, br#"{"format":1,"lo"#).unwrap();
    assert!(Consensus::read(&p).unwrap().is_empty());
    let mut log = ConsensusLog::open(&p).unwrap();
    log.record(vec![decide(&p, &pr, &take(&u, Choice::A, "z")).unwrap()])
        .unwrap();
    drop(log);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("{\"format\":1,\"log\":\"consensus\"}\n"),
        "{text}"
    );
    assert_eq!(Consensus::read(&p).unwrap().len(), 1);
}

#[test]
fn a_second_reconciler_is_refused_by_the_lock() {
    let (_t, dir) = fresh_copy();
    let p = Project::open(&dir).unwrap();
    let _first = ConsensusLog::open(&p).unwrap();
    let err = ConsensusLog::open(&p).unwrap_err().to_string();
    assert!(err.contains("consensus log"), "{err}");
}

#[test]
fn span_differences_carry_both_sides_and_the_overlap() {
    let (_t, dir) = fresh_copy();
    let p = Project::open(&dir).unwrap();
    let pr = pair(&p);
    let d = pr
        .disagreements
        .iter()
        .find(|d| d.only_a.is_empty() && d.only_b.is_empty())
        .expect("the sample has units where only the spans differ");
    let s = &d.span_differences[0];
    assert_ne!(s.a, s.b);
    for o in &s.overlap {
        assert!(s.a.iter().any(|a| a[0] <= o[0] && o[1] <= a[1]));
        assert!(s.b.iter().any(|b| b[0] <= o[0] && o[1] <= b[1]));
    }
    let i = decide(&p, &pr, &take(&d.unit, Choice::Intersection, "")).unwrap();
    let x: Vec<_> = i
        .codings
        .iter()
        .filter(|c| c.code == s.code)
        .map(|c| c.span.map(|(a, b)| [a, b]))
        .collect();
    let len = d.text.chars().count();
    let want: Vec<_> = s
        .overlap
        .iter()
        .map(|o| (o != &[0, len]).then_some(*o))
        .collect();
    assert_eq!(x, want);
}
