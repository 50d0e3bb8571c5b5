//! The Reconcile screen end to end under tmux at 80×24: resolve three disagreements with notes,
//! undo one, quit, reopen, and see the two that stand. Skipped when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

mod tmux_support;
use tmux_support::{Tmux, copy_dir};

fn start(tmux: &Tmux, study: &Path, config: &Path, cache: &Path) {
    let cmd = format!(
        "env THEMATIC_CONFIG_DIR={} THEMATIC_CACHE_DIR={} {} open {} --coder carol; echo EXITED-$?; sleep 60",
        config.display(),
        cache.display(),
        env!("CARGO_BIN_EXE_thematic"),
        study.display()
    );
    tmux.start(80, 24, &cmd);
    tmux.wait_for("the workbench", |s| {
        s.contains("coder carol") || s.contains("carol")
    });
}

#[test]
fn resolve_three_with_notes_undo_one_quit_reopen() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("note: tmux is not installed; skipping the tmux end-to-end test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let study: PathBuf = tmp.path().join("study");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship"),
        &study,
    );
    let (config, cache) = (tmp.path().join("config"), tmp.path().join("cache"));
    let tmux = Tmux {
        socket: format!("thematic-rec-{}", std::process::id()),
    };
    start(&tmux, &study, &config, &cache);
    tmux.keys(&["F7"]);
    tmux.wait_for("the Reconcile screen", |s| {
        s.contains("not blind") && s.contains("12 of 98 resolved")
    });
    for (i, note) in ["first reason", "second reason", "third reason"]
        .iter()
        .enumerate()
    {
        tmux.keys(&["m"]);
        tmux.wait_for("the note box", |s| s.contains("Note for the decision"));
        tmux.keys(&[note, "Enter"]);
        tmux.wait_for("the note to be kept", |s| {
            s.contains(&format!("next decision: {note}"))
        });
        tmux.keys(&["a"]);
        let want = format!("{} of 98 resolved", 13 + i);
        tmux.wait_for(&want, |s| s.contains(&want));
    }
    tmux.keys(&["z"]);
    tmux.wait_for("the undo", |s| {
        s.contains("14 of 98 resolved") && s.contains("Undid")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the program to exit", |s| s.contains("EXITED-0"));

    start(&tmux, &study, &config, &cache);
    tmux.keys(&["F7"]);
    tmux.wait_for("the decisions after a restart", |s| {
        s.contains("14 of 98 resolved")
    });
    // Back to the first two decided: their notes are shown.
    tmux.keys(&["k"]);
    tmux.wait_for("the second decision", |s| s.contains("second reason"));
    tmux.keys(&["k"]);
    tmux.wait_for("the first decision", |s| s.contains("first reason"));
    tmux.keys(&["q"]);
    tmux.wait_for("the program to exit", |s| s.contains("EXITED-0"));
    let log = std::fs::read_to_string(study.join("consensus.jsonl")).unwrap();
    assert!(
        log.contains("third reason"),
        "the undone decision stays in the log"
    );
}
