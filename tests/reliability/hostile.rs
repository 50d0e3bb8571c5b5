//! Hostile or broken input (items 6–10): a deep query, a zip bomb, files that are not regular
//! files, an unclosed CSV quote, duplicate column names. One clear line, exit 1, nothing changed.

use super::common::{sample_copy, snapshot, thematic};
use predicates::str::contains;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    thematic(&dir).arg("init").arg(&dir).assert().success();
    (tmp, dir)
}

/// Run `thematic -p dir args…`, killing it if it runs longer than `limit` (a hang is a failure).
fn run_bounded(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("thematic"));
    c.arg("-p").arg(dir).args(args);
    c.env("THEMATIC_CACHE_DIR", dir.join(".test-cache"));
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if started.elapsed() > Duration::from_secs(15) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("thematic {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One error line, naming what is wrong; exit 1; no panic.
fn refused(code: i32, err: &str, wanted: &str) {
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(wanted), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_deeply_nested_query_is_one_error_line() {
    let (_t, dir) = sample_copy();
    for q in [
        format!("{}mentor", "-".repeat(2000)),
        format!("{}mentor", "(".repeat(10_000)),
        format!("{}mentor", "NOT ".repeat(10_000)),
    ] {
        let (code, err) = run_bounded(&dir, &["search", &q], &[]);
        refused(code, &err, "nest more than 64 deep");
    }
}

fn docx(text_len: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
        .unwrap();
    let chunk = vec![b'a'; 1 << 16];
    let mut left = text_len;
    while left > 0 {
        let n = left.min(chunk.len());
        zip.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

/// Item 7: a small .docx that inflates past the limit is refused, naming the limit and how to
/// raise it; a unit over the unit-length limit too.
#[test]
fn a_zip_bomb_and_a_giant_unit_are_refused_naming_the_limit() {
    let (t, dir) = new_project();
    let bomb = t.path().join("bomb.docx");
    let bytes = docx(24_000_000);
    assert!(bytes.len() < 200_000, "the bomb is small: {}", bytes.len());
    std::fs::write(&bomb, &bytes).unwrap();
    let before = snapshot(&dir);
    let bomb_arg = bomb.display().to_string();
    let (code, err) = run_bounded(
        &dir,
        &["import", &bomb_arg, "--kind", "interview"],
        &[("THEMATIC_MAX_IMPORT_MB", "10")],
    );
    refused(code, &err, "over the import size limit of 10 MB");
    assert!(err.contains("THEMATIC_MAX_IMPORT_MB"), "{err}");
    let long = t.path().join("long.docx");
    std::fs::write(&long, docx(150_000)).unwrap();
    let long_arg = long.display().to_string();
    let (code, err) = run_bounded(&dir, &["import", &long_arg, "--kind", "interview"], &[]);
    refused(code, &err, "unit length limit of 100000 characters");
    assert!(err.contains("THEMATIC_MAX_UNIT_CHARS"), "{err}");
    assert_eq!(snapshot(&dir), before, "nothing written");
}

/// Item 8: a FIFO, a device, a folder and (unless asked) a symlink are refused at once.
#[cfg(unix)]
#[test]
fn files_that_are_not_regular_are_refused() {
    let (t, dir) = new_project();
    let fifo = t.path().join("notes.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let before = snapshot(&dir);
    let fifo_arg = fifo.display().to_string();
    let (code, err) = run_bounded(&dir, &["import", &fifo_arg, "--kind", "notes"], &[]);
    refused(code, &err, "not a regular file");
    let (code, err) = run_bounded(&dir, &["import", "/dev/urandom", "--kind", "notes"], &[]);
    refused(code, &err, "not a regular file");
    let (code, err) = run_bounded(&dir, &["attributes", "/dev/zero"], &[]);
    refused(code, &err, "not a regular file");
    let secret = t.path().join("secret.txt");
    std::fs::write(&secret, "Root's notes.\n\nNothing to code here really.\n").unwrap();
    let link = t.path().join("link.txt");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let link_arg = link.display().to_string();
    let (code, err) = run_bounded(&dir, &["import", &link_arg, "--kind", "notes"], &[]);
    refused(code, &err, "symbolic link");
    assert_eq!(snapshot(&dir), before, "nothing written");
    thematic(&dir)
        .args(["import", &link_arg, "--kind", "notes", "--follow-symlinks"])
        .assert()
        .success();
}

/// Item 9: an unclosed quote is refused, naming the line where it opened.
#[test]
fn an_unclosed_csv_quote_is_refused_naming_its_line() {
    let (t, dir) = new_project();
    let csv = t.path().join("survey.csv");
    std::fs::write(
        &csv,
        "id,answer\nR0,It worked because we met every week.\nR1,\"never closes\nR2,Another answer here.\n",
    )
    .unwrap();
    let before = snapshot(&dir);
    thematic(&dir)
        .args(["import", csv.to_str().unwrap(), "--kind", "survey"])
        .assert()
        .code(1)
        .stderr(contains("survey.csv:3: a quoted field"));
    let attrs = t.path().join("attrs.csv");
    std::fs::write(&attrs, "case,site\nc1,\"north\nc2,south\n").unwrap();
    thematic(&dir)
        .args(["attributes", attrs.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains("attrs.csv:2: a quoted field"));
    assert_eq!(snapshot(&dir), before);
}

/// Item 10: `A, A (2), A` stay three columns with three attributes.
#[test]
fn duplicate_column_names_stay_unique() {
    let (t, dir) = new_project();
    let csv = t.path().join("survey.csv");
    std::fs::write(
        &csv,
        "id,A,A (2),A,answer\nR1,one,two,three,Meeting every week made it work for us.\n",
    )
    .unwrap();
    thematic(&dir)
        .args([
            "import",
            csv.to_str().unwrap(),
            "--kind",
            "survey",
            "--text-columns",
            "answer",
        ])
        .assert()
        .success();
    let out = thematic(&dir).args(["cases", "--json"]).output().unwrap();
    let cases: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &cases[0]["attributes"];
    assert_eq!(
        (a["a"].as_str(), a["a_2"].as_str(), a["a_3"].as_str()),
        (Some("one"), Some("two"), Some("three")),
        "{a}"
    );
}
