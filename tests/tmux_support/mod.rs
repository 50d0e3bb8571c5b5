//! A tmux session driven by the end-to-end tests: start the workbench in a detached pane, type,
//! poll the screen until it shows what is expected (no fixed sleeps), kill the server at the end.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server on its own socket; its one session is named `e2e`.
pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Poll the screen until `want` holds (or fail after a timeout, showing the screen).
    pub fn wait_for(&self, what: &str, want: impl Fn(&str) -> bool) -> String {
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

    /// Start `cmd` in the session `e2e` at `width`×`height`, replacing one already there.
    /// Killing the last session stops the tmux server; a new session started while it is still
    /// going away can be refused, so it is tried again.
    pub fn start(&self, width: u16, height: u16, cmd: &str) {
        let _ = self.run(&["kill-session", "-t", "e2e"]);
        let (w, h) = (width.to_string(), height.to_string());
        let started = (0..5).any(|_| {
            let ok = self
                .run(&["new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h, cmd])
                .status
                .success();
            if !ok {
                std::thread::sleep(Duration::from_millis(200));
            }
            ok
        });
        assert!(started, "tmux new-session");
    }

    pub fn keys(&self, keys: &[&str]) {
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

/// Copy a project folder, leaving out the lock files of running processes.
pub fn copy_dir(from: &Path, to: &Path) {
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
