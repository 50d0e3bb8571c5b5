//! Nothing cut silently at 80×24, on the sample study: ids and speakers whole in the lists,
//! the full status message, every palette key reachable, attributes never cut mid-value, the
//! message log, focus that shows without colour, stale errors cleared, memos kept as lines.

mod tui_common;

use std::path::{Path, PathBuf};
use thematic::tui::{State, press, update};
use tui_common::{current_id, draw_text, project, state};

/// A copy of the sample study (its files only) in a temp dir, coded by nobody yet.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("study");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
    for sub in ["", "sources"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    std::fs::create_dir_all(dir.join("codings")).unwrap();
    (tmp, dir)
}

fn carol() -> (tempfile::TempDir, State) {
    let (tmp, root) = sample();
    let st = state(&root, Some("carol"));
    (tmp, st)
}

#[test]
fn the_status_line_keeps_a_long_unit_id_whole() {
    let (_t, mut st) = carol();
    press(&mut st, ":goto mentee-survey:2:11<enter>n");
    assert_eq!(current_id(&st), "mentee-survey:2:11");
    let screen = draw_text(&st, 80, 24);
    assert!(
        screen.contains("+ Negative on mentee-survey:2:11"),
        "{screen}"
    );
    insta::assert_snapshot!("sample_coding_80x24", screen);
}

#[test]
fn the_sources_screen_keeps_source_names_unit_ids_and_speakers_whole() {
    let (_t, mut st) = carol();
    // The focus group's units: two moderators whose names differ only at the end.
    press(&mut st, ":goto focus-group:2<enter><s-tab>");
    let screen = draw_text(&st, 80, 24);
    for whole in [
        "interview-mentee-07",
        "interview-mentor-12",
        "focus-group:2 ",
        "Moderator Okafor",
    ] {
        assert!(screen.contains(whole), "{whole} cut:\n{screen}");
    }
    insta::assert_snapshot!("sample_sources_80x24", screen);
    press(&mut st, ":goto interview-mentee-07:12<enter><s-tab>");
    assert!(draw_text(&st, 80, 24).contains("interview-mentee-07:12 "));
}

#[test]
fn every_palette_key_can_be_seen_at_80x24() {
    let (_t, root) = sample();
    // Two more codes than the palette has rows for at 80×24, added by a teammate.
    let mut other = thematic::project::Project::open(&root).unwrap();
    for (name, key) in [("Trust", "t"), ("Workload", "w")] {
        other
            .update_codebook(|cb, _| {
                cb.add(thematic::codebook::NewCode {
                    name: name.into(),
                    key: Some(key.into()),
                    ..Default::default()
                })
            })
            .unwrap();
    }
    let mut st = state(&root, Some("carol"));
    // Codes of no group are listed before the groups, not under the last group's heading.
    let wide = draw_text(&st, 120, 40);
    let row = |s: &str| wide.lines().position(|l| l.contains(s)).unwrap();
    assert!(row(" t ■ Trust") < row("Relationship fit"), "{wide}");
    assert!(row("Mixed") > row("Overall valence"));
    let screen = draw_text(&st, 80, 24);
    insta::assert_snapshot!("sample_palette_80x24", screen);
    let keys: Vec<String> = st
        .project
        .codebook
        .active()
        .filter_map(|c| c.key.clone())
        .collect();
    let more = screen
        .lines()
        .find(|l| l.contains("scroll)"))
        .expect("a row names the codes out of view")
        .to_string();
    for k in &keys {
        assert!(
            screen.contains(&format!("{k} ■ ")) || more.contains(&format!(" {k} ")),
            "key {k} cannot be seen:\n{screen}"
        );
    }
    // Moving down reaches the last code; it is on screen with its name.
    press(&mut st, &"]".repeat(keys.len()));
    let screen = draw_text(&st, 80, 24);
    assert!(screen.contains("m ■ Mixed"), "{screen}");
    insta::assert_snapshot!("sample_palette_scrolled_80x24", screen);
}

#[test]
fn a_unit_header_moves_attributes_whole_to_the_next_line() {
    let (_t, mut st) = carol();
    press(&mut st, ":goto mentee-survey:1:9<enter>");
    let case = st.case_of(st.current_unit().unwrap()).unwrap().clone();
    let screen = draw_text(&st, 80, 24);
    // The unit pane's header: its rows down to the question, read as one text (a long
    // attribute goes on over lines, so spaces and line ends are left out on both sides).
    let header: String = screen
        .lines()
        .skip(2)
        .map(|l| l.split('┃').nth(1).unwrap_or(""))
        .take_while(|l| !l.starts_with("Q: "))
        .collect::<String>()
        .split_whitespace()
        .collect();
    let whole = |s: &str| s.split_whitespace().collect::<String>();
    let shown = case
        .attributes
        .iter()
        .filter(|(k, v)| {
            let label = st.project.attribute_label(k);
            header.contains(&whole(&format!("{label}: {v}")))
        })
        .count();
    let more: usize = header
        .split_once('+')
        .and_then(|(_, r)| r.strip_suffix("more"))
        .map_or(0, |n| n.parse().unwrap());
    assert!(shown > 1 && more > 0, "{screen}");
    // Each attribute is whole on the screen or counted: none is cut away unannounced.
    assert_eq!(shown + more, case.attributes.len(), "{screen}");
    assert!(!header.contains('…'), "{screen}");
}

#[test]
fn a_cut_message_is_in_full_in_the_message_log() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let long = "Could not do that: ".to_string() + &"every word of this message matters ".repeat(4);
    st.error(long.trim());
    let screen = draw_text(&st, 80, 24);
    let status = screen.lines().last().unwrap().to_string();
    assert!(status.contains('…') && status.contains("L:all"), "{status}");
    press(&mut st, "L");
    let screen = draw_text(&st, 80, 24);
    assert!(screen.contains("Messages"), "{screen}");
    let flat: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == '│' || c == ' ' || c == '┃'))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("every word of this message matters every word"),
        "{screen}"
    );
    press(&mut st, "<esc>");
    assert!(st.popup.is_none());
}

#[test]
fn focus_shows_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<s-tab>");
    // The focused pane has a heavy border, the other a thin one: no colour needed.
    let row = draw_text(&st, 80, 24).lines().nth(1).unwrap().to_string();
    assert!(
        row.starts_with("\"┏ Sources") && row.contains("╭ Units"),
        "{row}"
    );
    press(&mut st, "l");
    let row = draw_text(&st, 80, 24).lines().nth(1).unwrap().to_string();
    assert!(
        row.starts_with("\"╭ Sources") && row.contains("┏ Units"),
        "{row}"
    );
}

#[test]
fn an_old_error_goes_on_switching_screens_and_on_paste() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "z");
    assert!(st.status.error);
    press(&mut st, "<tab>");
    assert!(!st.status.error && st.status.message.is_empty());
    // Still in the message log.
    assert!(
        st.status
            .log
            .iter()
            .any(|(m, e)| *e && m.contains("No code has the key"))
    );
    press(&mut st, "<f6>");
    st.error("bad query: an old one");
    update::paste(&mut st, "mentor\n");
    assert!(!st.status.error, "{}", st.status.message);
    assert_eq!(st.search.input.value(), "mentor ");
    // Pasted anywhere else it would run commands: refused, nothing coded.
    press(&mut st, "<f3>");
    update::paste(&mut st, "3p");
    assert!(st.status.message.contains("Paste into a text box"));
    assert!(st.coder_state().codings_of(&current_id(&st)).is_empty());
}

#[test]
fn a_memo_with_line_breaks_is_shown_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "MFirst line<a-enter>second line<enter>");
    let screen = draw_text(&st, 80, 24);
    assert!(screen.contains("┃Memo: First line "), "{screen}");
    assert!(screen.contains("┃      second line "), "{screen}");
}

#[test]
fn the_state_filter_is_described_as_it_cycles() {
    let c = thematic::tui::action::Command::CycleStateFilter;
    assert!(
        c.describe().contains("coded, not reviewed"),
        "{}",
        c.describe()
    );
}

#[test]
fn a_filter_that_matches_nothing_keeps_the_unit_for_when_it_is_cleared() {
    let (_t, mut st) = carol();
    press(&mut st, ":goto mentee-survey:3:10<enter><s-tab>");
    // "coded, not reviewed": nothing yet.
    press(&mut st, "cc");
    assert_eq!(st.nav_len(), 0);
    press(&mut st, "x<f3>");
    assert_eq!(current_id(&st), "mentee-survey:3:10");
}

#[test]
fn a_case_row_shows_all_its_attributes_on_the_status_line() {
    let (_t, mut st) = carol();
    press(&mut st, "<s-tab>G");
    let case = st.project.cases.last().unwrap().clone();
    let msg = &st.status.message;
    assert!(msg.starts_with(&format!("{}: ", case.id)), "{msg}");
    for (k, v) in &case.attributes {
        assert!(msg.contains(&format!("{k}={v}")), "{msg}");
    }
}

#[test]
fn a_moderators_turn_says_it_is_context() {
    let (_t, mut st) = carol();
    let turn = st
        .project
        .units
        .iter()
        .find(|u| u.moderator)
        .expect("the sample has moderators' turns")
        .id
        .clone();
    press(&mut st, &format!(":goto {turn}<enter>"));
    let screen = draw_text(&st, 80, 24);
    assert!(
        screen.contains("Moderator's turn: context, not compared")
            && screen.contains("Nothing to code: Space goes on"),
        "{screen}"
    );
    // A participant's answer does not.
    press(&mut st, "j");
    assert!(!st.current_unit().unwrap().moderator);
    let screen = draw_text(&st, 80, 24);
    assert!(!screen.contains("Moderator's turn"), "{screen}");
}

#[test]
fn more_below_has_a_row_of_its_own_never_covering_text() {
    let (_t, mut st) = carol();
    let longest = st
        .project
        .units
        .iter()
        .max_by_key(|u| u.text.chars().count())
        .unwrap()
        .id
        .clone();
    press(&mut st, &format!(":goto {longest}<enter>"));
    assert_eq!(current_id(&st), longest);
    let screen = draw_text(&st, 80, 24);
    let line = screen
        .lines()
        .find(|l| l.contains("↓ more"))
        .unwrap_or_else(|| panic!("the longest unit fills the pane at 80x24:\n{screen}"));
    // Left of the marker, inside the text pane: nothing but blanks.
    let before = &line[..line.find("↓ more").unwrap()];
    let inside = before.rsplit('┃').next().unwrap_or(before);
    assert!(
        inside.trim().is_empty(),
        "text under the marker: {line}\n{screen}"
    );
}
