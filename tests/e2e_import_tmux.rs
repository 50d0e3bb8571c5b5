//! End to end under tmux, from an empty folder: `thematic open study` offers a new project
//! (starter codebook), the researcher names a coder, imports the sample's raw files from the
//! Import screen — the mentee survey with the Timestamp column left out and role=mentee, the
//! focus group's VTT, an interview — codes a unit, quits; `thematic status` shows it all.
//! Skipped (with a note) when tmux is not installed.

use std::path::Path;
use std::process::Command;

mod tmux_support;
use tmux_support::{Tmux, copy_dir};

fn thematic(study: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_thematic"))
        .arg("-p")
        .arg(study)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn from_an_empty_folder_to_coded_imports() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("note: tmux is not installed; skipping the tmux end-to-end test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(
        &repo.join("samples/mentorship-inputs"),
        &tmp.path().join("inputs"),
    );
    let study = tmp.path().join("study");
    let tmux = Tmux {
        socket: format!("thematic-import-{}", std::process::id()),
    };
    let cmd = format!(
        "cd {} && env THEMATIC_CONFIG_DIR={} THEMATIC_CACHE_DIR={} THEMATIC_CODEBOOKS={} {} open study; echo EXITED-$?; sleep 60",
        tmp.path().display(),
        tmp.path().join("config").display(),
        tmp.path().join("cache").display(),
        repo.join("codebooks").display(),
        env!("CARGO_BIN_EXE_thematic"),
    );
    tmux.start(100, 30, &cmd);

    // The new-project screen: the starter codebook is offered; Enter creates the project.
    let s = tmux.wait_for("the new-project screen", |s| {
        s.contains("holds no thematic project")
    });
    assert!(s.contains("mentorship.json (22 codes)"), "{s}");
    assert!(!study.exists(), "nothing written before Enter");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the coder prompt", |s| s.contains("Who is coding?"));
    tmux.keys(&["alice", "Enter"]);
    tmux.wait_for("the Sources screen of an empty project", |s| {
        s.contains("No sources yet")
    });

    // The survey: Timestamp (first column) left out, every respondent a mentee.
    tmux.keys(&["i"]);
    tmux.wait_for("the Import screen", |s| s.contains("Import a file"));
    tmux.keys(&["inputs/mentee-survey.csv", "Enter"]);
    tmux.wait_for("the survey's preview", |s| s.contains("Will add 96 units"));
    tmux.keys(&["Space", "Space"]);
    tmux.wait_for("Timestamp ignored", |s| {
        s.contains("Column 'Timestamp': ignored")
    });
    tmux.keys(&["r"]);
    tmux.wait_for("the role question", |s| s.contains("Role of every case"));
    tmux.keys(&["mentee", "Enter"]);
    // The preview and the equivalent command both take the role (the screen may be caught
    // half redrawn: wait for both).
    tmux.wait_for("the role in the preview and the command", |s| {
        s.contains("Every case gets role=mentee") && s.contains("--role mentee")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the survey imported", |s| {
        s.contains("Imported inputs/mentee-survey.csv")
    });

    // The focus group, as guessed.
    tmux.keys(&["i", "C-u", "inputs/focus-group.vtt", "Enter"]);
    tmux.wait_for("the focus group's preview", |s| {
        s.contains("Moderators: Moderator Lee, Moderator Okafor")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the focus group imported", |s| {
        s.contains("Imported inputs/focus-group.vtt")
    });

    // An interview.
    tmux.keys(&["i", "C-u", "inputs/interview-mentee-07.md", "Enter"]);
    tmux.wait_for("the interview's preview", |s| {
        s.contains("interview (guessed")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the interview imported", |s| {
        s.contains("Imported inputs/interview-mentee-07.md")
    });

    // Code the interviewee's first answer and mark it reviewed.
    tmux.keys(&["F3"]);
    tmux.wait_for("the Coding screen", |s| s.contains("Codes"));
    tmux.keys(&["j", "3"]);
    tmux.wait_for("the code applied", |s| s.contains("+ Good communication"));
    tmux.keys(&["Space"]);
    tmux.wait_for("the unit reviewed", |s| s.contains("reviewed 1/"));
    tmux.keys(&["q"]);
    let s = tmux.wait_for("the program to exit", |s| s.contains("EXITED-"));
    assert!(s.contains("EXITED-0"), "exit status:\n{s}");

    let status = thematic(&study, &["status"]);
    for want in [
        "3 sources",
        "mentee-survey",
        "focus-group",
        "interview-mentee-07",
        "22 codes",
    ] {
        assert!(status.contains(want), "{want}:\n{status}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&thematic(&study, &["status", "--json"])).unwrap();
    assert_eq!(v["units"], 96 + 72 + 18);
    assert_eq!(v["coders"][0]["name"], "alice");
    assert_eq!(v["coders"][0]["reviewed"], 1);
    let cases: serde_json::Value =
        serde_json::from_str(&thematic(&study, &["cases", "--json"])).unwrap();
    let me16 = cases
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ME16")
        .unwrap();
    assert_eq!(me16["attributes"]["role"], "mentee");
    assert!(me16["attributes"].get("timestamp").is_none(), "{me16}");
    let codings = thematic(&study, &["codings", "--coder", "alice", "--json"]);
    assert!(codings.contains("good-communication"), "{codings}");
    assert!(codings.contains("interview-mentee-07:2"), "{codings}");
}

#[test]
fn open_without_a_project_anywhere_says_how_to_start() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_thematic"))
        .current_dir(tmp.path())
        .arg("open")
        .env("THEMATIC_CONFIG_DIR", tmp.path().join("config"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: no thematic project in "), "{err}");
    assert!(err.contains("thematic open NEW-FOLDER"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
