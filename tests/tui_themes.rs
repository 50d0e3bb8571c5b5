//! The Themes screen through `update`, without a terminal: the map with counts from the
//! consensus, building a theme, assigning codes, pinning two suggestions, undo and redo,
//! rename, reorder, delete, the preview and the export on the worker; snapshots at 80×24 and
//! 120×40.

mod common;
mod export_support;
mod tui_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use thematic::themes::ThemeMap;
use thematic::themes::tree::Node;
use thematic::tui::screens::themes::Focus;
use thematic::tui::state::{Screen, State};
use thematic::tui::{frame as render, press};

fn draw(st: &State, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        render::render(st, f);
    })
    .unwrap();
    term.backend().to_string()
}

fn snap(name: &str, st: &State) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(st, w, h));
    }
}

/// The sample with a consensus (agreed units accepted, the rest by union), on the Themes screen.
fn sample_on_themes() -> (tempfile::TempDir, std::path::PathBuf, State) {
    let (tmp, dir) = common::sample_copy();
    export_support::reconcile_by_union(&dir);
    let mut st = tui_common::state(&dir, Some("alice"));
    press(&mut st, "<f8>");
    (tmp, dir, st)
}

fn on_disk(dir: &std::path::Path) -> ThemeMap {
    ThemeMap::load(dir).unwrap()
}

#[test]
fn the_map_opens_with_counts_from_the_consensus() {
    let (_t, _dir, mut st) = sample_on_themes();
    assert_eq!(st.screen, Screen::Themes);
    let c = st
        .themes
        .computed()
        .expect("computed on the worker")
        .clone();
    assert_eq!(c.whose, "consensus");
    assert_eq!(st.themes.rows()[0], Node::Section(0));
    press(&mut st, "jj");
    let p = st.themes.theme_path().expect("a theme");
    assert_eq!(st.themes.map.theme(p).unwrap().name, "Similar interests");
    let counts = c.report.sections[0].categories[0].themes[0].counts;
    assert!(counts.cases > 0 && counts.cases_total == c.report.sections[0].cases);
    assert!(!st.themes.suggestions(p).is_empty());
    snap("themes_tree", &st);
    press(&mut st, "l");
    assert_eq!(st.themes.focus, Focus::Quotes);
    snap("themes_quotes", &st);
    press(&mut st, "hv");
    assert!(st.themes.preview);
    snap("themes_preview", &st);
}

#[test]
fn build_a_theme_pin_two_quotes_undo_and_export() {
    let (_t, dir, mut st) = sample_on_themes();
    std::fs::remove_file(dir.join("themes.json")).unwrap();
    press(&mut st, "<f2><f8>");
    assert!(st.themes.map.sections.is_empty());
    snap("themes_empty", &st);
    press(&mut st, "aTrust and openness<enter>");
    let map = on_disk(&dir);
    assert_eq!(map.sections.len(), 1);
    assert_eq!(map.sections[0].title, None);
    assert_eq!(map.sections[0].categories[0].title, "Themes");
    assert_eq!(
        map.sections[0].categories[0].themes[0].name,
        "Trust and openness"
    );
    // An unknown code is refused and nothing is written.
    press(&mut st, "cTrust<enter>");
    assert!(
        st.status.error && st.status.message.contains("unknown code 'Trust'"),
        "{}",
        st.status.message
    );
    assert!(
        on_disk(&dir).sections[0].categories[0].themes[0]
            .codes
            .is_empty()
    );
    press(&mut st, "cGood communication, personality-match<enter>");
    assert_eq!(
        on_disk(&dir).sections[0].categories[0].themes[0].codes,
        ["Good communication", "personality-match"]
    );
    let p = st.themes.theme_path().unwrap();
    let first = st.themes.suggestions(p)[0].unit.clone();
    // Pin the top suggestion; the list is ranked again without it; pin its new top one.
    press(&mut st, "l<enter>");
    assert_eq!(st.themes.item, 0, "the cursor is on the pinned quote");
    let second = st.themes.suggestions(p)[0].unit.clone();
    press(&mut st, "j<enter>");
    let quotes: Vec<String> = on_disk(&dir).sections[0].categories[0].themes[0]
        .quotes
        .iter()
        .map(|q| q.unit.clone())
        .collect();
    assert_eq!(quotes, [first.clone(), second.clone()]);
    assert!(
        st.themes
            .suggestions(p)
            .iter()
            .all(|s| s.unit != first && s.unit != second)
    );
    snap("themes_two_quotes", &st);
    // Undo takes the second pin back, redo puts it back.
    press(&mut st, "u");
    assert_eq!(
        on_disk(&dir).sections[0].categories[0].themes[0]
            .quotes
            .len(),
        1
    );
    press(&mut st, "r");
    assert_eq!(
        on_disk(&dir).sections[0].categories[0].themes[0]
            .quotes
            .len(),
        2
    );
    // Unpin the first quote.
    press(&mut st, "gx");
    let left: Vec<String> = on_disk(&dir).sections[0].categories[0].themes[0]
        .quotes
        .iter()
        .map(|q| q.unit.clone())
        .collect();
    assert_eq!(left, [second]);
    // Export on the worker, into the project folder.
    press(&mut st, "hE<enter>");
    let out = dir.join("exports/themes-table.docx");
    assert!(
        st.status.message.contains("Wrote the theme table"),
        "{}",
        st.status.message
    );
    let t = export_support::readback::docx(&std::fs::read(out).unwrap());
    assert_eq!(
        t.rows.len(),
        2,
        "a category row and the theme: {:?}",
        t.rows
    );
}

#[test]
fn rename_reorder_and_delete_with_undo() {
    let (_t, dir, mut st) = sample_on_themes();
    // Mentee response / positive / Similar interests, Personality match, Communication.
    press(&mut st, "jjj");
    assert_eq!(
        st.themes
            .map
            .theme(st.themes.theme_path().unwrap())
            .unwrap()
            .name,
        "Personality match"
    );
    press(&mut st, "K");
    let names = |m: &ThemeMap| -> Vec<String> {
        m.sections[0].categories[0]
            .themes
            .iter()
            .map(|t| t.name.clone())
            .collect()
    };
    assert_eq!(
        names(&on_disk(&dir)),
        ["Personality match", "Similar interests", "Communication"]
    );
    assert_eq!(
        st.themes
            .map
            .theme(st.themes.theme_path().unwrap())
            .unwrap()
            .name,
        "Personality match"
    );
    press(&mut st, "n<c-u>Getting along<enter>");
    assert_eq!(names(&on_disk(&dir))[0], "Getting along");
    press(&mut st, "d");
    assert!(st.popup.is_some());
    press(&mut st, "y");
    assert_eq!(
        names(&on_disk(&dir)),
        ["Similar interests", "Communication"]
    );
    press(&mut st, "uuu");
    assert_eq!(
        names(&on_disk(&dir)),
        ["Similar interests", "Personality match", "Communication"]
    );
    // A section can be deleted too, after a question; n keeps it.
    press(&mut st, "gdn");
    assert_eq!(on_disk(&dir).sections.len(), 2);
}

#[test]
fn sections_and_categories_from_the_screen() {
    let (_t, dir, mut st) = sample_on_themes();
    std::fs::remove_file(dir.join("themes.json")).unwrap();
    press(&mut st, "<f2><f8>");
    press(&mut st, "SResidents where rol=mentee<enter>");
    assert!(
        st.status.error
            && st
                .status
                .message
                .contains("no case has the attribute 'rol'"),
        "{}",
        st.status.message
    );
    assert!(!dir.join("themes.json").exists() || on_disk(&dir).sections.is_empty());
    press(&mut st, "SMentee response where Role=mentee<enter>");
    press(&mut st, "CBenefits<enter>aCareer guidance<enter>");
    let map = on_disk(&dir);
    let s = &map.sections[0];
    assert_eq!(s.title.as_deref(), Some("Mentee response"));
    assert_eq!(
        s.filter.clone().unwrap().into_iter().collect::<Vec<_>>(),
        [("role".to_string(), "mentee".to_string())]
    );
    assert_eq!(s.categories[0].title, "Benefits");
    assert_eq!(s.categories[0].themes[0].name, "Career guidance");
    assert_eq!(st.themes.theme_path().map(|p| p.theme), Some(0));
}

#[test]
fn a_quote_text_is_edited_within_the_rules_and_a_description_freely() {
    let (_t, dir, mut st) = sample_on_themes();
    press(&mut st, "jjjl");
    let quote = |dir: &std::path::Path| {
        on_disk(dir).sections[0].categories[0].themes[1].quotes[0]
            .text
            .clone()
    };
    let before = quote(&dir);
    press(&mut st, "e<c-u>[My mentor] and I never clicked<enter>");
    assert!(
        st.status.error && st.status.message.contains("changes the original near"),
        "{}",
        st.status.message
    );
    assert_eq!(quote(&dir), before);
    press(
        &mut st,
        "e<c-u>[My mentor] and I clicked right away…<enter>",
    );
    assert_eq!(
        quote(&dir).as_deref(),
        Some("[My mentor] and I clicked right away…")
    );
    // Empty prints the original again.
    press(&mut st, "e<c-u><enter>");
    assert_eq!(quote(&dir), None);
    press(&mut st, "he<c-u>Getting on well.<enter>");
    assert_eq!(
        on_disk(&dir).sections[0].categories[0].themes[1].description,
        "Getting on well."
    );
    press(&mut st, "u");
    assert_ne!(
        on_disk(&dir).sections[0].categories[0].themes[1].description,
        "Getting on well."
    );
}
