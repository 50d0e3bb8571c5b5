//! End to end under tmux: open a copy of the sample study as a new coder (the first-run prompt),
//! code a unit, mark it reviewed, look at the Agreement screen, quit; then check the log on disk
//! and that the terminal left the alternate screen. Skipped (with a note) when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

mod tmux_support;
use tmux_support::{Tmux, copy_dir};

#[test]
fn open_the_sample_code_a_unit_and_quit() {
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
    let config = tmp.path().join("config");
    let tmux = Tmux {
        socket: format!("thematic-e2e-{}", std::process::id()),
    };
    let cmd = format!(
        "env THEMATIC_CONFIG_DIR={} THEMATIC_CACHE_DIR={} {} open {}; echo EXITED-$?; sleep 60",
        config.display(),
        tmp.path().join("cache").display(),
        env!("CARGO_BIN_EXE_thematic"),
        study.display()
    );
    tmux.start(100, 30, &cmd);

    // First run: no coder known, so it asks.
    tmux.wait_for("the coder prompt", |s| s.contains("Who is coding?"));
    tmux.keys(&["newcoder", "Enter"]);
    let s = tmux.wait_for("the coding screen", |s| {
        s.contains("coder newcoder") && s.contains("Codes")
    });
    assert!(
        s.contains("reviewed 0/"),
        "a new coder starts with nothing reviewed:\n{s}"
    );

    tmux.keys(&["3"]);
    tmux.wait_for("the code to be applied", |s| {
        s.contains("+ Good communication")
    });
    tmux.keys(&["Space"]);
    tmux.wait_for("the unit to be reviewed", |s| s.contains("reviewed 1/"));
    // The Agreement screen computes alice × bob on the worker and shows the overall figures.
    tmux.keys(&["F5"]);
    tmux.wait_for("the agreement of the sample's coders", |s| {
        s.contains("alice (A) × bob (B)") && s.contains("Percent agreement")
    });
    tmux.keys(&["q"]);
    let s = tmux.wait_for("the program to exit", |s| s.contains("EXITED-"));
    assert!(s.contains("EXITED-0"), "exit status:\n{s}");
    assert!(
        !s.contains("Codes"),
        "the workbench is gone from the screen:\n{s}"
    );
    let alt = tmux.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
    assert_eq!(
        String::from_utf8_lossy(&alt.stdout).trim(),
        "0",
        "left the alternate screen"
    );

    let log =
        std::fs::read_to_string(study.join("codings/newcoder.jsonl")).expect("the new coder's log");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["coder"], "newcoder");
    assert!(
        lines
            .iter()
            .any(|e| e["op"] == "apply" && e["code"] == "good-communication"),
        "{log}"
    );
    assert!(lines.iter().any(|e| e["op"] == "review"), "{log}");
    let cfg = std::fs::read_to_string(config.join("config.json")).expect("config written");
    assert!(
        cfg.contains("newcoder"),
        "the coder name is remembered: {cfg}"
    );
}
