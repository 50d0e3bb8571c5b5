//! The Likert view on the sample study, opened from the Sources screen (L): snapshots at 80×24
//! and 120×40, grouped, restricted by the attribute filter, collapsed; back with Esc.

mod common;
mod tui_common;

use thematic::tui::state::Screen;
use thematic::tui::{State, press};
use tui_common::{draw_text, state};

fn sample_state() -> (tempfile::TempDir, State) {
    let (tmp, dir) = common::sample_copy();
    let st = state(&dir, Some("alice"));
    (tmp, st)
}

fn snap(name: &str, st: &State) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw_text(st, w, h));
    }
}

#[test]
fn all_items_for_everyone() {
    let (_t, mut st) = sample_state();
    press(&mut st, "<f2>L");
    assert_eq!(st.screen, Screen::Likert);
    assert_eq!(st.likert.rows.len(), 7);
    snap("likert_all", &st);
}

#[test]
fn by_fellowship_for_the_mentees_the_filter_keeps() {
    let (_t, mut st) = sample_state();
    press(&mut st, "<f2>arole=mentee<enter>Lb");
    assert_eq!(st.likert.only, Some(("role".into(), "mentee".into())));
    assert_eq!(st.likert.by.as_deref(), Some("fellowship"));
    // Mentee items only, two groups each.
    assert_eq!(st.likert.rows.len(), 8);
    assert!(st.likert.rows.iter().all(|r| r.n() == 15));
    snap("likert_by_fellowship_mentees", &st);
    press(&mut st, "c");
    assert!(st.likert.rows.iter().all(|r| r.levels.len() == 3));
    snap("likert_collapsed", &st);
    press(&mut st, "<esc>");
    assert_eq!(st.screen, Screen::Sources);
}

#[test]
fn grouping_cycles_back_to_everyone_and_scrolling_stops_at_the_end() {
    let (_t, mut st) = sample_state();
    press(&mut st, "<f2>L");
    let mut seen = vec![st.likert.by.clone()];
    for _ in 0..10 {
        press(&mut st, "b");
        if st.likert.by.is_none() {
            break;
        }
        seen.push(st.likert.by.clone());
    }
    assert!(st.likert.by.is_none(), "back to everyone: {seen:?}");
    assert!(seen.contains(&Some("role".into())));
    press(&mut st, "GGjjj");
    let lines = st.likert.rows.len() + 7;
    assert_eq!(st.likert.scroll, lines - 1);
}

#[test]
fn draws_at_any_size_without_a_panic() {
    let (_t, mut st) = sample_state();
    press(&mut st, "<f2>Lb");
    for (w, h) in [(20, 5), (40, 10), (61, 17), (200, 60)] {
        let _ = draw_text(&st, w, h);
    }
}

#[test]
fn rows_below_the_panel_are_announced_not_cut_silently() {
    let (_t, mut st) = sample_state();
    // By fellowship: 7 labels and 14 bars, more than 80×24 has room for.
    press(&mut st, "<f2>Lb");
    let first = draw_text(&st, 80, 24);
    assert!(first.contains("more lines (j scrolls)"), "{first}");
    press(&mut st, "G");
    let end = draw_text(&st, 80, 24);
    assert!(!end.contains("more lines"), "{end}");
    assert!(end.contains("85% (11/13)"), "the last bar is shown: {end}");
}
