//! Two `thematic` processes editing the same shared file at once: both edits land.

use super::common::thematic;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const ROUNDS: usize = 20;

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    thematic(&dir).arg("init").arg(&dir).assert().success();
    (tmp, dir)
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("thematic"));
    c.arg("-p").arg(dir).args(args);
    c.env("THEMATIC_CONFIG_DIR", dir.join(".test-config"))
        .env("THEMATIC_CACHE_DIR", dir.join(".test-cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c.spawn().unwrap()
}

/// Run two commands at once; both must succeed.
fn both(dir: &Path, a: &[&str], b: &[&str]) {
    let (x, y) = (spawn(dir, a), spawn(dir, b));
    for (child, args) in [(x, a), (y, b)] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn codebook(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("codebook.json")).unwrap()).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = codebook(dir)["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn add_while_add_loses_no_code() {
    let (_t, dir) = new_project();
    for i in 0..ROUNDS {
        both(
            &dir,
            &["codebook", "add", &format!("A{i}")],
            &["codebook", "add", &format!("B{i}")],
        );
    }
    assert_eq!(names(&dir).len(), 2 * ROUNDS, "{:?}", names(&dir));
}

#[test]
fn rename_while_add_loses_neither() {
    let (_t, dir) = new_project();
    for i in 0..ROUNDS {
        thematic(&dir)
            .args(["codebook", "add", &format!("R{i}")])
            .assert()
            .success();
    }
    for i in 0..ROUNDS {
        both(
            &dir,
            &[
                "codebook",
                "rename",
                &format!("R{i}"),
                &format!("Renamed{i}"),
            ],
            &["codebook", "add", &format!("N{i}")],
        );
    }
    let n = names(&dir);
    for i in 0..ROUNDS {
        assert!(n.contains(&format!("Renamed{i}")), "rename {i} lost: {n:?}");
        assert!(n.contains(&format!("N{i}")), "add {i} lost: {n:?}");
    }
    assert_eq!(n.len(), 2 * ROUNDS);
}

#[test]
fn import_while_import_lists_both_and_orphans_nothing() {
    let (t, dir) = new_project();
    for i in 0..ROUNDS {
        let files: Vec<String> = ["a", "b"]
            .iter()
            .map(|s| {
                let f = t.path().join(format!("{s}{i}.csv"));
                std::fs::write(
                    &f,
                    format!("id,answer\n{s}{i}r1,first {s} {i}\n{s}{i}r2,second\n"),
                )
                .unwrap();
                f.display().to_string()
            })
            .collect();
        both(
            &dir,
            &[
                "import",
                &files[0],
                "--kind",
                "survey",
                "--text-columns",
                "answer",
            ],
            &[
                "import",
                &files[1],
                "--kind",
                "survey",
                "--text-columns",
                "answer",
            ],
        );
    }
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("thematic.json")).unwrap()).unwrap();
    let listed = m["sources"].as_array().unwrap().len();
    assert_eq!(listed, 2 * ROUNDS);
    let on_disk = std::fs::read_dir(dir.join("sources")).unwrap().count();
    assert_eq!(
        on_disk,
        2 * listed,
        "a copy and a units file per source, nothing else"
    );
}

#[test]
fn attributes_while_attributes_keeps_both_merges() {
    let (t, dir) = new_project();
    for i in 0..ROUNDS {
        let files: Vec<String> = ["a", "b"]
            .iter()
            .map(|s| {
                let f = t.path().join(format!("{s}{i}.csv"));
                std::fs::write(&f, format!("case,{s}_round\ncase{i},{i}\n")).unwrap();
                f.display().to_string()
            })
            .collect();
        both(&dir, &["attributes", &files[0]], &["attributes", &files[1]]);
    }
    let o: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("attributes.json")).unwrap()).unwrap();
    for i in 0..ROUNDS {
        let case = &o["cases"][format!("case{i}")];
        assert_eq!(
            case["a_round"].as_str(),
            Some(i.to_string().as_str()),
            "{o}"
        );
        assert_eq!(
            case["b_round"].as_str(),
            Some(i.to_string().as_str()),
            "{o}"
        );
    }
}
