//! Helpers for CLI tests: build small projects through the `thematic` command itself.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn thematic(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("thematic").expect("binary");
    c.arg("-p").arg(dir);
    c
}

/// Run a command that must succeed.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = thematic(dir).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "thematic {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Run a command that must fail with exit code 1 and a one-line message; returns stderr.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let out = thematic(dir).args(args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "thematic {args:?} should exit 1; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    err
}

pub fn json(dir: &Path, args: &[&str]) -> Value {
    let s = ok(dir, args);
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// A new project in `root/name` with a notes source of the given paragraphs (case P1).
pub fn project(root: &Path, name: &str, paragraphs: &[&str]) -> PathBuf {
    let dir = root.join(name);
    ok(root, &["init", dir.to_str().expect("path")]);
    add_source(&dir, "n", "notes", "P1", paragraphs);
    dir
}

/// Import paragraphs as a source `id` of `kind` whose units belong to `case`.
pub fn add_source(dir: &Path, id: &str, kind: &str, case: &str, paragraphs: &[&str]) {
    let file = dir.with_extension(format!("{id}.md"));
    std::fs::write(&file, paragraphs.join("\n\n") + "\n").expect("write");
    ok(
        dir,
        &[
            "import",
            file.to_str().expect("path"),
            "--kind",
            kind,
            "--id",
            id,
            "--case",
            case,
        ],
    );
}

pub fn add_code(dir: &Path, name: &str, extra: &[&str]) {
    let mut args = vec!["codebook", "add", name];
    args.extend_from_slice(extra);
    ok(dir, &args);
}

pub fn code(dir: &Path, coder: &str, unit: &str, code: &str) {
    ok(dir, &["code", "--coder", coder, unit, code]);
}

pub fn code_span(dir: &Path, coder: &str, unit: &str, code: &str, span: &str) {
    ok(dir, &["code", "--coder", coder, unit, code, "--span", span]);
}

pub fn review(dir: &Path, coder: &str, units: &[&str]) {
    let mut args = vec!["review", "--coder", coder];
    args.extend_from_slice(units);
    ok(dir, &args);
}

/// The per-code object with this id in an agreement report.
pub fn code_row<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .find(|c| c["code"] == id)
        .unwrap_or_else(|| panic!("no row for {id}"))
}

pub fn close(v: &Value, expected: f64) {
    let x = v
        .as_f64()
        .unwrap_or_else(|| panic!("expected a number near {expected}, got {v}"));
    assert!((x - expected).abs() < 1e-9, "{x} vs {expected}");
}
