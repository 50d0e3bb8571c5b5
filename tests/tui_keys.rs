//! Key strings driven through `update` without a terminal: coding, span selection over
//! graphemes, undo/redo (also across a restart), memos, codebook edits, first run, filters.

mod tui_common;

use thematic::corpus::text::check_span;
use thematic::project::Project;
use thematic::tui::action::Effect;
use thematic::tui::press;
use thematic::tui::state::Screen;
use tui_common::{CJK_UNIT, current_id, project, state};

/// The coder's codings as the log on disk says (not the in-memory state).
fn on_disk(
    root: &std::path::Path,
    coder: &str,
    unit: &str,
) -> Vec<(String, Option<(usize, usize)>)> {
    let p = Project::open(root).unwrap();
    let st = p.coder_state(coder).unwrap();
    st.codings_of(unit)
        .iter()
        .map(|c| (c.code.to_string(), c.span))
        .collect()
}

#[test]
fn a_code_key_applies_and_removes_a_code_on_the_whole_unit() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    assert_eq!(st.screen, Screen::Coding);
    let unit = current_id(&st);
    assert_eq!(unit, "survey:1:4");
    press(&mut st, "3");
    assert_eq!(
        on_disk(&root, "alice", &unit),
        vec![("good-communication".to_string(), None)]
    );
    assert!(!st.status.error, "{}", st.status.message);
    press(&mut st, "3");
    assert!(on_disk(&root, "alice", &unit).is_empty());
    press(&mut st, "z");
    assert!(
        st.status.error && st.status.message.contains("No code has the key"),
        "{}",
        st.status.message
    );
}

#[test]
fn space_marks_reviewed_and_moves_to_the_next_unreviewed_unit() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "j");
    assert_eq!(current_id(&st), "survey:2:4");
    press(&mut st, "p<space>");
    assert_eq!(current_id(&st), "survey:3:4");
    press(&mut st, "kk");
    assert_eq!(current_id(&st), "survey:1:4");
    press(&mut st, "<space>");
    assert_eq!(
        current_id(&st),
        "survey:3:4",
        "skips the reviewed survey:2:4"
    );
    let p = Project::open(&root).unwrap();
    let s = p.coder_state("alice").unwrap();
    assert!(
        s.is_reviewed("survey:1:4") && s.is_reviewed("survey:2:4") && !s.is_reviewed("survey:3:4")
    );
    assert_eq!(st.reviewed_total(), 2);
}

#[test]
fn span_selection_moves_by_grapheme_over_cjk_and_emoji() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, &format!(":goto {CJK_UNIT}<enter>"));
    assert_eq!(current_id(&st), CJK_UNIT);
    let text = st.current_unit().unwrap().text.clone();
    press(&mut st, "<enter>");
    assert_eq!((st.coding.anchor, st.coding.head), (0, 0));
    // 日本語のテキスト are 8 graphemes, then the ZWJ emoji 👩‍🔬 is one grapheme of 3 chars.
    press(
        &mut st,
        "<right><right><right><right><right><right><right><right>",
    );
    assert_eq!(st.coding.head, 8);
    press(&mut st, "<right>");
    assert_eq!(st.coding.head, 11, "the emoji is crossed in one step");
    press(&mut st, "<left>");
    assert_eq!(st.coding.head, 8);
    press(&mut st, "l<enter>a");
    let codings = on_disk(&root, "alice", CJK_UNIT);
    assert_eq!(
        codings,
        vec![("emotional-support".to_string(), Some((0, 11)))]
    );
    check_span(&text, 0, 11).unwrap();
    // Sentence extension stops at the ideographic full stop.
    press(&mut st, "<esc><enter>s");
    assert_eq!(st.coding.head, 16);
    press(&mut st, "<space>s<enter>b");
    assert_eq!(
        on_disk(&root, "alice", CJK_UNIT)[1],
        ("skill-development".to_string(), Some((16, 22)))
    );
}

#[test]
fn words_sentences_and_combining_marks() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, ":goto notes:1<enter>");
    // "Dr. Smith met me every week." is one sentence despite the abbreviation.
    press(&mut st, "<enter>s");
    assert_eq!(st.coding.head, 28);
    press(&mut st, "b");
    assert_eq!(st.coding.head, 23, "back to the start of 'week'");
    press(&mut st, "<esc>:goto notes:3<enter><enter>wwwwww");
    let text = st.current_unit().unwrap().text.clone();
    // Six words: She was always late and émotional (e + combining acute stays whole).
    assert_eq!(st.coding.head, 35);
    check_span(&text, 0, st.coding.head).unwrap();
    press(&mut st, "<left>");
    check_span(&text, 0, st.coding.head).unwrap();
}

#[test]
fn undo_and_redo_every_coding_action_also_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    press(&mut st, "35");
    press(&mut st, "u");
    assert_eq!(
        on_disk(&root, "alice", &unit),
        vec![("good-communication".to_string(), None)]
    );
    assert!(
        st.status.message.starts_with("Undid:"),
        "{}",
        st.status.message
    );
    press(&mut st, "<c-r>");
    assert_eq!(on_disk(&root, "alice", &unit).len(), 2);
    press(&mut st, "<space>");
    assert_eq!(current_id(&st), "survey:2:4");
    drop(st);

    // A new session: undo reaches back into the log.
    let mut st = state(&root, Some("alice"));
    press(&mut st, "u");
    assert_eq!(current_id(&st), unit, "undo shows the unit it touched");
    assert!(
        !Project::open(&root)
            .unwrap()
            .coder_state("alice")
            .unwrap()
            .is_reviewed(&unit)
    );
    press(&mut st, "uu");
    assert!(on_disk(&root, "alice", &unit).is_empty());
    press(&mut st, "rr");
    assert_eq!(on_disk(&root, "alice", &unit).len(), 2);
}

#[test]
fn exclusive_valence_codes_replace_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    press(&mut st, "pn");
    assert_eq!(
        on_disk(&root, "alice", &unit),
        vec![("negative".to_string(), None)]
    );
    press(&mut st, "u");
    assert_eq!(
        on_disk(&root, "alice", &unit),
        vec![("positive".to_string(), None)],
        "one undo restores the replaced code"
    );
}

#[test]
fn memos_on_a_unit_and_on_a_coding() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    press(&mut st, "MQuick reply matters<enter>");
    let p = Project::open(&root).unwrap();
    assert_eq!(
        p.coder_state("alice")
            .unwrap()
            .unit_memos
            .get(&unit)
            .map(String::as_str),
        Some("Quick reply matters")
    );
    press(&mut st, "3M<down><enter>borderline with 5<enter>");
    let s = Project::open(&root).unwrap().coder_state("alice").unwrap();
    assert_eq!(
        s.coding(&unit, "good-communication", None)
            .unwrap()
            .memo
            .as_deref(),
        Some("borderline with 5")
    );
    press(&mut st, "u");
    let s = Project::open(&root).unwrap().coder_state("alice").unwrap();
    assert_eq!(
        s.coding(&unit, "good-communication", None).unwrap().memo,
        None
    );
    // Esc leaves the memo as it was.
    press(&mut st, "M<enter>changed<esc>");
    let s = Project::open(&root).unwrap().coder_state("alice").unwrap();
    assert_eq!(
        s.unit_memos.get(&unit).map(String::as_str),
        Some("Quick reply matters")
    );
}

#[test]
fn the_palette_filters_as_you_type_and_shows_the_definition() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    press(&mut st, "/inadeq");
    assert_eq!(
        st.coding.highlight.as_deref(),
        Some("inadequate-communication")
    );
    press(&mut st, "<enter>");
    assert_eq!(
        on_disk(&root, "alice", &unit),
        vec![("inadequate-communication".to_string(), None)]
    );
    press(&mut st, "I");
    assert!(st.coding.show_definition);
    press(&mut st, "]");
    assert_eq!(
        st.coding.highlight.as_deref(),
        Some("availability-and-time")
    );
}

#[test]
fn codebook_edits_are_shared_and_say_how_many_codings_they_touch() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "3j3");
    // Another coder's coding counts too.
    let mut bob = Project::open(&root).unwrap().open_log("bob").unwrap();
    bob.record(&[thematic::coding::Change::Apply {
        unit: "survey:3:4".into(),
        code: "good-communication".into(),
        span: None,
        memo: None,
    }])
    .unwrap();
    drop(bob);

    press(&mut st, "<tab>");
    assert_eq!(st.screen, Screen::Codebook);
    press(&mut st, "jjj");
    press(&mut st, "n");
    press(&mut st, "<c-u>Clear communication<enter>");
    let Some(thematic::tui::popups::Popup::Confirm { question, .. }) = &st.popup else {
        panic!("no question: {:?}", st.status)
    };
    assert!(question.contains("3 codings"), "{question}");
    press(&mut st, "y");
    let cb = Project::open(&root).unwrap().codebook;
    assert_eq!(
        cb.get("good-communication").unwrap().name,
        "Clear communication"
    );

    // Add a code with every field, then merge it away and remove another.
    press(
        &mut st,
        "aMentor burnout<tab>x<tab>red<tab><tab><tab>Mentor is exhausted<enter>",
    );
    let cb = Project::open(&root).unwrap().codebook;
    let added = cb.find("Mentor burnout").expect("added");
    assert_eq!(
        (
            added.key.as_deref(),
            added.colour.as_deref(),
            added.description.as_str()
        ),
        (Some("x"), Some("red"), "Mentor is exhausted")
    );
    press(&mut st, "G");
    assert_eq!(
        thematic::tui::screens::codebook::selected(&st)
            .unwrap()
            .name,
        "Mentor burnout"
    );
    press(&mut st, "mavail<enter>");
    assert!(
        matches!(&st.popup, Some(thematic::tui::popups::Popup::Confirm { question, .. }) if question.contains("No codings"))
    );
    press(&mut st, "y");
    assert_eq!(
        Project::open(&root)
            .unwrap()
            .codebook
            .get("mentor-burnout")
            .unwrap()
            .merged_into
            .as_deref(),
        Some("availability-and-time")
    );

    // Removing a used code asks, says how many, and keeps the codings restorable.
    press(&mut st, "gjjj");
    press(&mut st, "d");
    assert!(
        matches!(&st.popup, Some(thematic::tui::popups::Popup::Confirm { question, .. }) if question.contains("3 codings"))
    );
    press(&mut st, "n");
    assert!(
        Project::open(&root)
            .unwrap()
            .codebook
            .get("good-communication")
            .unwrap()
            .is_active()
    );
    press(&mut st, "dy");
    assert!(
        Project::open(&root)
            .unwrap()
            .codebook
            .get("good-communication")
            .unwrap()
            .removed
    );

    // A key the Coding screen uses for a command is refused.
    press(&mut st, "gjs");
    press(&mut st, "j");
    assert!(
        st.status.error && st.status.message.contains("command key"),
        "{}",
        st.status.message
    );
}

#[test]
fn a_held_project_lock_shows_as_an_error_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let other = Project::open(&root).unwrap();
    let lock = other.lock_shared().unwrap();
    press(&mut st, "<tab>jn<c-u>Renamed<enter>y");
    assert!(
        st.status.error && st.status.message.starts_with("Not saved"),
        "{}",
        st.status.message
    );
    assert_eq!(
        st.project.codebook.get("similar-interests").unwrap().name,
        "Similar interests"
    );
    drop(lock);

    // A coder log held by another process: read-only, and coding says why instead of showing it.
    let held = other.open_log("carol").unwrap();
    let mut st = state(&root, Some("carol"));
    assert!(st.read_only.is_some());
    press(&mut st, "3");
    assert!(
        st.status.error && st.status.message.contains("another thematic process"),
        "{}",
        st.status.message
    );
    assert!(st.coder_state().codings.is_empty());
    drop(held);
}

#[test]
fn first_run_asks_for_the_coder_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, None);
    assert!(matches!(
        st.popup,
        Some(thematic::tui::popups::Popup::CoderPrompt { .. })
    ));
    press(&mut st, "3");
    assert!(
        st.coder_state().codings.is_empty(),
        "keys go to the name box, not to coding"
    );
    press(&mut st, "<bs>bad name<enter>");
    assert!(st.popup.is_some() && st.status.error);
    press(&mut st, "<c-u>dana<enter>");
    assert_eq!(st.coder.as_deref(), Some("dana"));
    assert!(st.popup.is_none());
    let again = state(&root, None);
    assert_eq!(again.coder.as_deref(), Some("dana"));
    assert!(again.popup.is_none());
}

#[test]
fn sources_filters_choose_the_units_the_coding_screen_walks() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "3<space>");
    press(&mut st, "<s-tab>");
    assert_eq!(st.screen, Screen::Sources);
    press(&mut st, "c");
    assert_eq!(st.nav_len(), 5, "uncoded only: the first unit is coded");
    press(&mut st, "x");
    assert_eq!(st.nav_len(), 6);
    press(&mut st, "a");
    press(&mut st, "role=mentor<enter>");
    assert_eq!(st.nav_len(), 1);
    press(&mut st, "<enter>");
    assert_eq!(st.screen, Screen::Coding);
    assert_eq!(current_id(&st), "survey:3:4");
    press(&mut st, "<f2>x");
    // Choose the notes source on the left.
    press(&mut st, "hggjjjj<enter>");
    assert_eq!(
        st.sources.filter.source.as_deref(),
        Some("notes"),
        "{:?}",
        st.sources.filter
    );
    assert_eq!(st.nav_len(), 3);
    let effects = press(&mut st, "q");
    assert!(matches!(effects.as_slice(), [Effect::Quit]));
}
