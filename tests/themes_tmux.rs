//! The Themes screen under tmux: open a copy of the sample, build a theme, give it a code, pin
//! two suggested quotes, export the table, quit; then check the map and the file on disk.
//! Skipped (with a note) when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

mod tmux_support;
use tmux_support::{Tmux, copy_dir};

#[test]
fn build_a_theme_pin_two_quotes_and_export_under_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!(
            "note: tmux is not installed; skipping the tmux walk-through of the Themes screen"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let study: PathBuf = tmp.path().join("study");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship"),
        &study,
    );
    std::fs::remove_file(study.join("themes.json")).unwrap();
    let tmux = Tmux {
        socket: format!("thematic-themes-{}", std::process::id()),
    };
    let cmd = format!(
        "env THEMATIC_CONFIG_DIR={} THEMATIC_CACHE_DIR={} {} open {} --coder alice; echo EXITED-$?; sleep 60",
        tmp.path().join("config").display(),
        tmp.path().join("cache").display(),
        env!("CARGO_BIN_EXE_thematic"),
        study.display()
    );
    tmux.start(80, 24, &cmd);
    tmux.wait_for("the coding screen", |s| {
        s.contains("coder alice") || s.contains(" alice")
    });
    tmux.keys(&["F8"]);
    tmux.wait_for("the empty Themes screen", |s| {
        s.contains("No theme map yet")
    });
    tmux.keys(&["a"]);
    tmux.wait_for("the name prompt", |s| s.contains("New theme"));
    tmux.keys(&["Feeling supported", "Enter"]);
    tmux.wait_for("the new theme", |s| {
        s.contains("Feeling supported") && s.contains("Theme added")
    });
    tmux.keys(&["c"]);
    tmux.wait_for("the codes prompt", |s| s.contains("Codes of the theme"));
    tmux.keys(&["Emotional support", "Enter"]);
    // Counted from the sample's consensus: at least two suggestions to pin.
    tmux.wait_for("suggestions", |s| {
        s.contains("Suggestions (")
            && !s.contains("Suggestions (0")
            && !s.contains("Suggestions (1;")
    });
    tmux.keys(&["l", "Enter"]);
    tmux.wait_for("the first pin", |s| s.contains("Pinned quotes (1)"));
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("the second pin", |s| s.contains("Pinned quotes (2)"));
    tmux.keys(&["h", "E"]);
    tmux.wait_for("the export prompt", |s| {
        s.contains("Export the theme table")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the export", |s| s.contains("Wrote the theme table"));
    tmux.keys(&["q"]);
    let s = tmux.wait_for("the program to exit", |s| s.contains("EXITED-"));
    assert!(s.contains("EXITED-0"), "exit status:\n{s}");

    let map: serde_json::Value =
        serde_json::from_slice(&std::fs::read(study.join("themes.json")).unwrap()).unwrap();
    let theme = &map["sections"][0]["categories"][0]["themes"][0];
    assert_eq!(theme["name"], "Feeling supported");
    assert_eq!(theme["codes"], serde_json::json!(["Emotional support"]));
    assert_eq!(theme["quotes"].as_array().unwrap().len(), 2);
    let docx = std::fs::read(study.join("exports/themes-table.docx")).unwrap();
    assert_eq!(&docx[..2], b"PK", "a zip");
}
