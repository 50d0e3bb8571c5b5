//! Item 5: output errors after the action is on disk never panic; a closed pipe ends quietly.

use super::common::sample_copy;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_quietly() {
    let (_t, dir) = sample_copy();
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("thematic"));
    c.arg("-p").arg(&dir).arg("units");
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?} {err}", out.status);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_full_stdout_after_undo_is_an_error_not_a_panic() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let (_t, dir) = sample_copy();
    let log = dir.join("codings/alice.jsonl");
    let before = std::fs::read_to_string(&log).unwrap().lines().count();
    let full = std::fs::File::create("/dev/full").unwrap();
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("thematic"));
    let out = c
        .arg("-p")
        .arg(&dir)
        .args(["undo", "--coder", "alice"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("carried out") && !err.contains("panicked"),
        "{err}"
    );
    assert!(std::fs::read_to_string(&log).unwrap().lines().count() > before);
}
