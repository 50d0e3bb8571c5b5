//! Shared test helpers: temp copies of the sample, running the binary, snapshots of a folder.

#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample() -> PathBuf {
    repo().join("samples/mentorship")
}

pub fn inputs() -> PathBuf {
    repo().join("samples/mentorship-inputs")
}

/// Copy a folder recursively (leaving out lock files).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name.to_string_lossy().ends_with(".lock") {
            continue;
        }
        let target = to.join(&name);
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A temp copy of the sample study; the TempDir must outlive the path.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("study");
    copy_dir(&sample(), &dir);
    (tmp, dir)
}

/// `thematic -p DIR ARGS…`
pub fn thematic(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("thematic").unwrap();
    c.arg("-p").arg(dir);
    c.env("THEMATIC_CONFIG_DIR", dir.join(".test-config"))
        .env("THEMATIC_CACHE_DIR", dir.join(".test-cache"));
    c
}

/// Every file under `dir` (except lock files and test config/cache) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".lock") || name.starts_with(".test-") {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                walk(root, &e.path(), out);
            } else {
                out.insert(
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Run `args` on the project, expect exit 1 with exactly one stderr line containing `want`,
/// and check that the project did not change.
pub fn fails_cleanly(dir: &Path, args: &[&str], want: &str) {
    let before = snapshot(dir);
    let out = thematic(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "{args:?}: one line expected: {stderr}"
    );
    assert!(
        stderr.contains(want),
        "{args:?}: expected {want:?} in {stderr}"
    );
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert!(before == snapshot(dir), "{args:?}: the project changed");
}

pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = thematic(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not one JSON document: {e}"))
}

/// Read a crash-test child's "ack N" lines until N reaches `stop_after` (or its output ends),
/// then SIGKILL it mid-work; the last N it acknowledged, if any.
pub fn kill_after_ack(mut child: std::process::Child, stop_after: usize) -> Option<usize> {
    use std::io::{BufRead, BufReader};
    let lines = BufReader::new(child.stdout.take().expect("the child's stdout is piped")).lines();
    let mut last = None;
    for line in lines {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("ack ") {
            let n: usize = n.parse().unwrap();
            last = Some(n);
            if n >= stop_after {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    last
}
