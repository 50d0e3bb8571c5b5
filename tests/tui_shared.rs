//! A running workbench and the shared files other processes change: a code added from outside
//! works at once by its key and shows in the palette, new attributes and sources show without
//! a restart, and a read-only workbench changes nothing in the codebook and says so.

mod tui_common;

use thematic::codebook::NewCode;
use thematic::project::Project;
use thematic::tui::press;
use tui_common::{current_id, draw_text, project, state};

/// Another process (a teammate's workbench, the CLI) adds a code through the core.
fn add_code_elsewhere(root: &std::path::Path, name: &str, key: &str) {
    let mut other = Project::open(root).unwrap();
    other
        .update_codebook(|cb, _| {
            cb.add(NewCode {
                name: name.into(),
                key: Some(key.into()),
                ..Default::default()
            })
        })
        .unwrap();
}

#[test]
fn a_code_added_by_another_process_works_at_once_by_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    add_code_elsewhere(&root, "Trust", "z");
    press(&mut st, "z");
    assert!(!st.status.error, "{}", st.status.message);
    let p = Project::open(&root).unwrap();
    let codes: Vec<String> = p
        .coder_state("alice")
        .unwrap()
        .codings_of(&unit)
        .iter()
        .map(|c| c.code.to_string())
        .collect();
    assert_eq!(codes, vec!["trust".to_string()]);
    // The palette lists it with its key.
    let screen = draw_text(&st, 120, 40);
    assert!(screen.contains("z ■ Trust"), "{screen}");
}

#[test]
fn the_palette_and_the_codebook_screen_show_a_code_added_elsewhere_without_a_key_press() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    add_code_elsewhere(&root, "Trust", "z");
    // What the app's tick (or the terminal regaining focus) does.
    thematic::tui::update::follow_changes(&mut st);
    assert!(st.status.message.contains("Reloaded the codebook"));
    st.info("");
    thematic::tui::update::follow_changes(&mut st);
    assert!(st.status.message.is_empty(), "only once");
    press(&mut st, "<tab>G");
    assert!(draw_text(&st, 80, 24).contains("Trust"));
}

#[test]
fn attributes_and_sources_changed_elsewhere_are_reloaded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "j");
    assert_eq!(current_id(&st), "survey:2:4");
    let mut other = Project::open(&root).unwrap();
    other
        .update_attributes(|o| {
            o.cases
                .entry("r2".into())
                .or_default()
                .insert("cohort".into(), "2021".into());
            Ok(())
        })
        .unwrap();
    let extra = dir.path().join("more.md");
    std::fs::write(&extra, "# More\n\nA new note.\n\nAnother one.\n").unwrap();
    other
        .import(
            &extra,
            thematic::corpus::SourceKind::Notes,
            None,
            &thematic::corpus::import::ImportOptions::default(),
        )
        .unwrap();
    press(&mut st, "I");
    assert_eq!(st.project.units.len(), 8);
    assert_eq!(
        current_id(&st),
        "survey:2:4",
        "the same unit stays on screen"
    );
    assert!(draw_text(&st, 120, 40).contains("cohort: 2021"));
    assert!(
        st.status.message.contains("sources"),
        "{}",
        st.status.message
    );
}

#[test]
fn a_read_only_workbench_changes_nothing_in_the_codebook_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let _first = state(&root, Some("alice"));
    // A second workbench for the same coder cannot have the log: it is read-only.
    let mut second = state(&root, Some("alice"));
    assert!(second.read_only.is_some());
    let before = std::fs::read(root.join("codebook.json")).unwrap();
    press(&mut second, "<tab>a");
    assert!(second.popup.is_none());
    assert!(
        second.status.error && second.status.message.contains("Read-only"),
        "{}",
        second.status.message
    );
    press(&mut second, ":add Trust<enter>");
    assert!(second.status.message.contains("Read-only"));
    press(&mut second, "s");
    assert!(second.popup.is_none(), "no key prompt");
    assert_eq!(std::fs::read(root.join("codebook.json")).unwrap(), before);
}

#[test]
fn the_search_screen_finds_units_of_a_source_imported_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut st = state(&root, Some("alice"));
    press(&mut st, "<f6>zebra");
    let hits = |st: &thematic::tui::State| st.search.results.as_ref().map_or(0, |r| r.total);
    assert_eq!(hits(&st), 0);
    let extra = dir.path().join("more.md");
    std::fs::write(&extra, "# More\n\nA zebra crossing near the clinic.\n").unwrap();
    Project::open(&root)
        .unwrap()
        .import(
            &extra,
            thematic::corpus::SourceKind::Notes,
            None,
            &thematic::corpus::import::ImportOptions::default(),
        )
        .unwrap();
    press(&mut st, "<end>");
    assert_eq!(hits(&st), 1, "{:?}", st.search.error);
}
