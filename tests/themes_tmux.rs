//! The Themes screen under tmux: open a copy of the sample, build a theme, give it a code, pin
//! two suggested quotes, export the table, quit; then check the map and the file on disk.
//! Skipped (with a note) when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Poll the screen until `want` holds (or fail after a timeout, showing the screen).
    fn wait_for(&self, what: &str, want: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if want(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".lock") {
            continue;
        }
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

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
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "80",
        "-y",
        "24",
        &cmd,
    ]);
    assert!(started.status.success());
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
