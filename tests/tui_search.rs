//! The Search screen through `update`, without a terminal: the index built on first use (with
//! progress) in a temp cache dir, results as you type, bad queries, the jump to a unit, `code:`
//! filters on the coder's own codes only, and coding all results in one undoable action.

mod tui_common;

use thematic::project::Project;
use thematic::tui::action::{Action, Command, Effect};
use thematic::tui::jobs;
use thematic::tui::screens::search::Msg;
use thematic::tui::screens::search::{Focus, IndexState};
use thematic::tui::state::{Screen, State};
use thematic::tui::{press, update};
use tui_common::{cache_dir, code_as, current_id, draw_text, project, state};

fn units(st: &State) -> Vec<String> {
    let mut v: Vec<String> = st
        .search
        .results
        .as_ref()
        .map(|r| r.hits.iter().map(|h| h.unit.clone()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Replace the query with `q` (Ctrl-U clears the box).
fn search(st: &mut State, q: &str) {
    press(st, &format!("<c-u>{q}"));
}

fn on_disk(root: &std::path::Path, coder: &str, unit: &str, code: &str) -> bool {
    let p = Project::open(root).unwrap();
    p.coder_state(coder).unwrap().has(unit, code, None)
}

#[test]
fn typing_shows_results_with_highlights_and_enter_opens_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>");
    assert_eq!(st.screen, Screen::Search);
    assert!(matches!(st.search.index, IndexState::Ready(_)));
    press(&mut st, "grant");
    assert_eq!(units(&st), ["notes:1", "survey:1:4"], "grant and grants");
    let r = st.search.results.as_ref().unwrap();
    assert_eq!(r.total, 2);
    for h in &r.hits {
        let text = &st.project.unit(&h.unit).unwrap().text;
        let (a, b) = h.highlights[0];
        let word: String = text.chars().skip(a).take(b - a).collect();
        assert!(word.to_lowercase().starts_with("grant"), "{word}");
    }
    // Each key searches again.
    press(&mut st, "<bs><bs><bs><bs><bs>met");
    assert_eq!(units(&st), ["notes:1", "survey:2:4"]);
    // Down, Enter: that unit on the Coding screen.
    let second = st.search.results.as_ref().unwrap().hits[1].unit.clone();
    press(&mut st, "<down><enter>");
    assert_eq!(st.screen, Screen::Coding);
    assert_eq!(current_id(&st), second);
    // Back again: the query and the results are still there.
    press(&mut st, "S");
    assert_eq!(st.screen, Screen::Search);
    assert_eq!(st.search.input.value(), "met");
    assert_eq!(st.search.focus, Focus::Query);
    // Emptying the box clears the results.
    press(&mut st, "<c-u>");
    assert!(st.search.results.is_none());
}

#[test]
fn a_bad_query_says_what_is_wrong_in_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>\"unclosed");
    let e = st.search.error.clone().expect("a message");
    assert!(e.contains("bad query"), "{e}");
    assert!(st.search.results.is_none());
    assert!(draw_text(&st, 80, 24).contains("bad query"));
    // Closing the quote makes it good.
    press(&mut st, "\"");
    assert!(st.search.error.is_none());
    // Errors the index finds (an unknown code) come back the same way.
    search(&mut st, "code:nosuchcode");
    let e = st.search.error.clone().expect("a message");
    assert!(e.contains("nosuchcode"), "{e}");
    for q in ["(", "a OR", "kind:", "NOT", "\"\"", "code:", "*", "-", ")"] {
        search(&mut st, q);
    }
}

#[test]
fn code_filters_mean_the_coders_own_codes_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    code_as(&root, "bob", &[("survey:2:4", &["positive"])]);
    let mut st = state(&root, Some("alice"));
    press(&mut st, "p<f6>code:positive");
    assert_eq!(units(&st), ["survey:1:4"], "alice's positive, not bob's");
    search(&mut st, "code:bob/positive");
    let e = st.search.error.clone().expect("refused");
    assert!(e.contains("your own codes"), "{e}");
    search(&mut st, "met -code:consensus/*");
    assert!(
        st.search.error.is_some(),
        "the consensus is not yours either"
    );
    search(&mut st, "code:alice/positive");
    assert_eq!(units(&st), ["survey:1:4"], "naming yourself is fine");
}

#[test]
fn coding_elsewhere_updates_the_index_when_the_screen_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>code:positive");
    assert!(units(&st).is_empty());
    press(&mut st, "<f3>p");
    assert!(st.search.indexed < st.revision);
    press(&mut st, "<f6>");
    assert_eq!(st.search.indexed, st.revision);
    assert_eq!(units(&st), ["survey:1:4"]);
}

#[test]
fn code_all_previews_then_codes_the_kept_units_in_one_undoable_action() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    // survey:1:4 has Good communication already.
    press(&mut st, "3<f6>mentor OR met");
    assert_eq!(
        units(&st),
        ["notes:1", "survey:1:4", "survey:2:4", "survey:3:4"]
    );
    press(&mut st, "<c-a>");
    assert!(st.popup.is_some(), "choose the code");
    press(&mut st, "good<enter>");
    let Some(thematic::tui::popups::Popup::CodeAll(p)) = &st.popup else {
        panic!("expected the preview, got {:?}", st.popup);
    };
    assert_eq!(
        p.units,
        ["survey:1:4", "survey:2:4", "survey:3:4", "notes:1"]
    );
    assert_eq!(p.has, [true, false, false, false]);
    assert_eq!(p.to_code(), 3);
    // Nothing written yet.
    assert!(!on_disk(&root, "alice", "survey:2:4", "good-communication"));
    // Leave out survey:2:4 (second row), then code the rest.
    press(&mut st, "j<space><enter>");
    assert!(st.popup.is_none());
    assert!(!st.status.error, "{}", st.status.message);
    for (unit, coded) in [
        ("survey:1:4", true),
        ("survey:2:4", false),
        ("survey:3:4", true),
        ("notes:1", true),
    ] {
        assert_eq!(
            on_disk(&root, "alice", unit, "good-communication"),
            coded,
            "{unit}"
        );
    }
    // The index caught up: the code filter finds them.
    assert_eq!(st.search.focus, Focus::Results);
    press(&mut st, "/<c-u>code:\"good communication\"");
    assert_eq!(units(&st), ["notes:1", "survey:1:4", "survey:3:4"]);
    // One u takes the whole action back (and only it: survey:1:4 keeps its own coding).
    press(&mut st, "<esc>u");
    assert_eq!(
        st.status.message, "Undid: −Good communication on 2 units",
        "one action, summed up"
    );
    assert!(on_disk(&root, "alice", "survey:1:4", "good-communication"));
    assert!(!on_disk(&root, "alice", "survey:3:4", "good-communication"));
    assert!(!on_disk(&root, "alice", "notes:1", "good-communication"));
    // Only alice's log was written.
    assert!(!root.join("codings/bob.jsonl").exists());
}

#[test]
fn code_all_can_be_cancelled_and_needs_results() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6><c-a>");
    assert!(st.popup.is_none() && st.status.error, "no query yet");
    press(&mut st, "met<c-a>good<enter>");
    press(&mut st, "a");
    let Some(thematic::tui::popups::Popup::CodeAll(p)) = &st.popup else {
        panic!("expected the preview");
    };
    assert_eq!(p.to_code(), 0, "a leaves all out");
    press(&mut st, "<enter>");
    assert!(st.status.message.contains("nothing to code"));
    press(&mut st, "<c-a>good<enter><esc>");
    assert!(st.popup.is_none());
    assert!(!on_disk(&root, "alice", "notes:1", "good-communication"));
}

#[test]
fn the_index_is_built_with_progress_when_the_cache_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    // Run the job by hand to see its reports.
    let job = match update(&mut st, Action::Cmd(Command::ShowSearch)).pop() {
        Some(Effect::Spawn(job)) => job,
        other => panic!("expected a job, got {other:?}"),
    };
    assert!(draw_text(&st, 80, 24).contains("Building the search index"));
    let mut reports = Vec::new();
    let done = jobs::run_reporting(job, &mut |r| reports.push(r));
    let last = reports.iter().rev().find_map(|r| match r {
        Action::ToScreen(m) => match m.peek::<Msg>() {
            Some(Msg::Progress(p)) => Some(*p),
            _ => None,
        },
        _ => None,
    });
    let last = last.expect("progress was reported");
    assert_eq!((last.done, last.total), (6, 6));
    update(&mut st, reports.remove(0));
    let screen = draw_text(&st, 120, 40);
    assert!(screen.contains("units indexed"), "{screen}");
    update(&mut st, done);
    assert!(matches!(st.search.index, IndexState::Ready(_)));
    assert!(st.search.notice.contains("built"), "{}", st.search.notice);
    assert!(
        std::fs::read_dir(cache_dir(&root))
            .unwrap()
            .next()
            .is_some()
    );
    drop(st);

    // Next session: the index is there and fresh.
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>met");
    assert!(st.search.notice.contains("ready"), "{}", st.search.notice);
    assert_eq!(units(&st).len(), 2);
    drop(st);

    // The cache emptied: built again, same answers.
    std::fs::remove_dir_all(cache_dir(&root)).unwrap();
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>met");
    assert!(st.search.notice.contains("built"), "{}", st.search.notice);
    assert_eq!(units(&st), ["notes:1", "survey:2:4"]);
}

#[test]
fn without_a_cache_folder_the_screen_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    st.cache_dir = None;
    press(&mut st, "<f6>met");
    assert!(matches!(st.search.index, IndexState::Failed(_)));
    assert!(draw_text(&st, 80, 24).contains("THEMATIC_CACHE_DIR"));
}

#[test]
fn result_ids_stay_whole_at_80_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("study");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
    for sub in ["", "sources", "codings"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), root.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    let mut st = state(&root, Some("carol"));
    press(&mut st, "<f6>");
    // Long ids (interview-mentor-12:…) among short ones.
    search(&mut st, "protected time");
    let hits: Vec<String> = units(&st);
    assert!(
        hits.iter().any(|u| u.starts_with("interview-mentor-12:")),
        "{hits:?}"
    );
    let screen = draw_text(&st, 80, 24);
    let results: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Results for"))
        .skip(1)
        .take_while(|l| !l.starts_with("\"╰"))
        .collect();
    assert!(!results.is_empty(), "{screen}");
    for row in results {
        let id = row.split_whitespace().nth(1).unwrap();
        assert!(hits.iter().any(|u| u == id), "{id} cut in {screen}");
    }
}
