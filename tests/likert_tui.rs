//! The Likert view on the sample study, opened from the Sources screen (L): snapshots at 80×24
//! and 120×40, grouped, restricted by the attribute filter, collapsed; back with Esc.

mod common;
#[path = "describe_support.rs"]
mod support;
use support::SCALE;
mod tui_common;

use thematic::tui::state::Screen;
use thematic::tui::{State, press};
use tui_common::{draw_text, state};

fn sample_state() -> (tempfile::TempDir, State) {
    let (tmp, dir) = common::sample_copy();
    let st = state(&dir, Some("alice"));
    (tmp, st)
}

/// From the raw survey files: the Likert items (columns whose answers all lie on the scale)
/// and how many of `role` with `fellowship` (any, when None) answered each.
fn answered(role: Option<&str>, fellowship: Option<&str>) -> Vec<(String, usize)> {
    let people = support::surveys(&common::inputs());
    let mut items: Vec<String> = Vec::new();
    for p in &people {
        for (h, a) in &p.answers {
            let likert = people
                .iter()
                .all(|q| q.answers.get(h).is_none_or(|v| SCALE.contains(&v.as_str())));
            if SCALE.contains(&a.as_str()) && likert && !items.contains(h) {
                items.push(h.clone());
            }
        }
    }
    items
        .into_iter()
        .map(|i| {
            let n = people
                .iter()
                .filter(|p| role.is_none_or(|r| p.role == r))
                .filter(|p| fellowship.is_none_or(|f| p.answers["Fellowship"] == f))
                .filter(|p| p.answers.contains_key(&i))
                .count();
            (i, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
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
    let items = answered(None, None);
    assert_eq!(st.likert.rows.len(), items.len());
    for (item, n) in &items {
        let row = st.likert.rows.iter().find(|r| &r.label == item).unwrap();
        assert_eq!(row.n(), *n, "{item}");
    }
    snap("likert_all", &st);
}

#[test]
fn by_fellowship_for_the_mentees_the_filter_keeps() {
    let (_t, mut st) = sample_state();
    press(&mut st, "<f2>arole=mentee<enter>Lb");
    assert_eq!(st.likert.only, Some(("role".into(), "mentee".into())));
    assert_eq!(st.likert.by.as_deref(), Some("fellowship"));
    // Mentee items only, two groups each, as many answers as the raw file has.
    let mut want = Vec::new();
    for f in ["Adult", "Pediatric"] {
        for (item, n) in answered(Some("mentee"), Some(f)) {
            want.push((item, f.to_string(), n));
        }
    }
    want.sort();
    let mut got: Vec<(String, String, usize)> = st
        .likert
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.group.clone(), r.n()))
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert!(
        got.iter().any(|(_, _, n)| *n < 15),
        "some left an item blank"
    );
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
    // A heading per item and a line per item and group.
    let lines = st.likert.rows.len() + answered(None, None).len();
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
    // By fellowship: a label and two bars per item, more than 80×24 has room for.
    press(&mut st, "<f2>Lb");
    let first = draw_text(&st, 80, 24);
    assert!(first.contains("more lines (j scrolls)"), "{first}");
    press(&mut st, "G");
    let end = draw_text(&st, 80, 24);
    assert!(!end.contains("more lines"), "{end}");
    let last = st.likert.rows.last().unwrap();
    let (agree, n) = (last.agree(), last.n());
    let pct = (100.0 * agree as f64 / n as f64).round();
    assert!(
        end.contains(&format!("{pct}% ({agree}/{n})")),
        "the last bar is shown: {end}"
    );
}
