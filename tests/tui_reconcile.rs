//! The Reconcile screen through `update`, without a terminal, on a copy of the sample (with its
//! partial consensus): one key per decision with a note, the next open disagreement, undo, one
//! code's queue, the way in from the Agreement screen, custom decisions and refusals; and
//! snapshots at 80×24 and 120×40.

mod common;
mod tui_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use thematic::project::Project;
use thematic::reconcile::{Choice, Consensus};
use thematic::tui::state::{Screen, State};
use thematic::tui::{frame as render, press};
use tui_common::state;

fn open(coder: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf, State) {
    let (t, dir) = common::sample_copy();
    let st = state(&dir, coder);
    (t, dir, st)
}

fn consensus(dir: &std::path::Path) -> Consensus {
    Consensus::read(&Project::open(dir).unwrap()).unwrap()
}

fn shown(st: &State) -> String {
    st.reconcile.unit.clone().unwrap_or_default()
}

fn screen_text(st: &State, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        render::render(st, f);
    })
    .unwrap();
    term.backend().to_string()
}

#[test]
fn a_decision_with_a_note_is_on_disk_and_the_next_open_disagreement_follows() {
    let (_t, dir, mut st) = open(Some("carol"));
    press(&mut st, "<f7>");
    assert_eq!(st.screen, Screen::Reconcile);
    let first = shown(&st);
    assert!(
        st.reconcile.is_open(&first),
        "starts at an open disagreement"
    );
    let before = consensus(&dir).len();
    press(&mut st, "mco-authored output<enter>a");
    let c = consensus(&dir);
    assert_eq!(c.len(), before + 1);
    let d = c.get(&first).expect("decided");
    assert_eq!(d.choice, Choice::A);
    assert_eq!(d.by, "carol");
    assert_eq!(d.note.as_deref(), Some("co-authored output"));
    let second = shown(&st);
    assert_ne!(second, first);
    assert!(st.reconcile.is_open(&second));
    assert!(st.reconcile.note.is_none(), "a note goes with one decision");
    // Three more, then undo the last: it is open again and shown.
    press(&mut st, "bui");
    let third = {
        let c = consensus(&dir);
        assert_eq!(c.len(), before + 4);
        c.get(&second).unwrap().choice
    };
    assert_eq!(third, Choice::B);
    let last = st.reconcile.loaded().unwrap().consensus.len();
    press(&mut st, "z");
    assert_eq!(consensus(&dir).len(), last - 1);
    assert!(st.reconcile.is_open(&shown(&st)));
    // After a restart the decisions are there.
    let st2 = state(&dir, Some("carol"));
    drop(st2);
    assert_eq!(consensus(&dir).get(&first).unwrap().choice, Choice::A);
    let text = screen_text(&st, 120, 40);
    assert!(text.contains("not blind"), "{text}");
}

#[test]
fn one_codes_queue_and_the_way_in_from_the_agreement_screen() {
    let (_t, _dir, mut st) = open(Some("carol"));
    press(&mut st, "<f7>f");
    // The picker lists "All codes" then the codes with disagreements; take the first code.
    press(&mut st, "<down><enter>");
    let code = st.reconcile.code.clone().expect("a code chosen");
    let q = st.reconcile.queue();
    assert!(!q.is_empty());
    assert!(q.iter().all(|d| d.involves(&code)));
    assert!(q.len() < st.reconcile.loaded().unwrap().pair.disagreements.len());
    press(&mut st, "<esc>");
    assert!(st.reconcile.code.is_none(), "Esc: all codes again");
    press(&mut st, "o");
    assert_eq!(st.reconcile.order.label(), "code");

    // Agreement screen: a code's disagreements, then r → the Reconcile screen on that code.
    press(&mut st, "<f5><enter>");
    let listed = st
        .agreement
        .list
        .as_ref()
        .expect("a code's list")
        .code
        .clone();
    press(&mut st, "j");
    press(&mut st, "r");
    assert_eq!(st.screen, Screen::Reconcile);
    assert_eq!(st.reconcile.code.as_deref(), Some(listed.as_str()));
    let unit = shown(&st);
    assert!(st.reconcile.queue().iter().any(|d| d.unit == unit));
}

#[test]
fn custom_decisions_and_refusals() {
    let (_t, dir, mut st) = open(Some("carol"));
    press(&mut st, "<f7>");
    let unit = shown(&st);
    let before = consensus(&dir).len();
    press(&mut st, "eNo such code<enter>");
    assert!(st.status.error, "{}", st.status.message);
    assert!(st.status.message.contains("unknown code"));
    assert_eq!(consensus(&dir).len(), before, "nothing written");
    press(&mut st, "epositive, mixed @0..2<enter>");
    let d = consensus(&dir).get(&unit).cloned().expect("decided");
    assert_eq!(d.choice, Choice::Custom);
    assert_eq!(d.codes(), ["positive", "mixed"]);
    assert!(d.codings.iter().all(|c| c.span == Some((0, 2))));

    // Without a coder name nobody can be named as the decider.
    let (_t2, dir2, mut anon) = open(None);
    anon.popup = None; // the name prompt, left unanswered
    press(&mut anon, "<f7>a");
    assert!(anon.status.error);
    assert!(
        anon.status.message.contains(":coder"),
        "{}",
        anon.status.message
    );
    assert_eq!(consensus(&dir2).len(), consensus(&common::sample()).len());
}

#[test]
fn snapshots() {
    let (_t, _dir, mut st) = open(Some("carol"));
    press(&mut st, "<f7>");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("reconcile_{w}x{h}"), screen_text(&st, w, h));
    }
    // A decided unit with its note, and the definition of the code in question.
    press(&mut st, "kd");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("reconcile_decided_definition_{w}x{h}"),
            screen_text(&st, w, h)
        );
    }
}

#[test]
fn a_definition_edited_from_the_screen_records_why() {
    let (_t, dir, mut st) = open(Some("carol"));
    press(&mut st, "<f7>f<down><enter>");
    let code = st.reconcile.code.clone().unwrap();
    press(&mut st, "E");
    press(&mut st, "<enter>");
    // The reason offered counts the code's disagreements; keep it, then edit the description.
    press(
        &mut st,
        "<tab><tab><tab><tab><tab><c-u>Only what the respondent names<enter>",
    );
    if matches!(st.popup, Some(thematic::tui::popups::Popup::Confirm { .. })) {
        press(&mut st, "y");
    }
    let p = Project::open(&dir).unwrap();
    assert_eq!(
        p.codebook.get(&code).unwrap().description,
        "Only what the respondent names"
    );
    let c = Consensus::read(&p).unwrap();
    let r = c
        .refinements
        .last()
        .unwrap_or_else(|| panic!("no reason recorded: {}", st.status.message));
    assert_eq!(r.code, code);
    assert!(r.reason.starts_with("clarified after "), "{}", r.reason);
    assert_eq!(r.after.description, "Only what the respondent names");
    assert_ne!(r.before.description, r.after.description);
    assert_eq!(r.by.as_deref(), Some("carol"));

    // Cancelling the form records nothing.
    let n = c.refinements.len();
    press(&mut st, "E<enter><esc>");
    assert!(st.popup.is_none());
    let c = Consensus::read(&Project::open(&dir).unwrap()).unwrap();
    assert_eq!(c.refinements.len(), n);
}
