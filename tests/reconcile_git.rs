//! Two coders on two machines sharing the project through git: each commits their own log,
//! each machine records reconciliation decisions, and merging the two histories loses nothing.

mod common;

use common::{json, thematic};
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(dir: &Path, args: &[&str]) {
    let out = thematic(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn decisions(dir: &Path) -> Vec<(String, String)> {
    json(dir, &["consensus", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap().to_string(),
                r["note"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn merging_two_clones_keeps_every_coding_and_every_decision() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    common::copy_dir(&common::sample(), &origin);
    let _ = std::fs::remove_file(origin.join("consensus.jsonl"));
    git(&origin, &["init", "-q"]);
    let d = json(&origin, &["disagreements", "--json"]);
    let units: Vec<String> = d
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap().to_string())
        .collect();
    // The project starts with one decision already made together.
    ok(
        &origin,
        &[
            "reconcile",
            &units[0],
            "--take",
            "a",
            "--note",
            "together",
            "--as",
            "carol",
        ],
    );
    assert!(
        std::fs::read_to_string(origin.join(".gitattributes"))
            .unwrap()
            .contains("consensus.jsonl merge=union"),
        "the first decision sets up the union merge"
    );
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-qm", "start"]);
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    git(
        tmp.path(),
        &["clone", "-q", origin.to_str().unwrap(), a.to_str().unwrap()],
    );
    git(
        tmp.path(),
        &["clone", "-q", origin.to_str().unwrap(), b.to_str().unwrap()],
    );

    // Each machine: its coder codes and commits their own log; each reconciles in turn.
    let unit0 = json(&a, &["units", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &a,
        &[
            "memo",
            "--coder",
            "alice",
            &unit0,
            "note from alice's machine",
        ],
    );
    ok(
        &a,
        &[
            "reconcile",
            &units[1],
            "--take",
            "union",
            "--note",
            "on alice's machine",
            "--as",
            "alice",
        ],
    );
    git(&a, &["add", "-A"]);
    git(&a, &["commit", "-qm", "alice: memo and a decision"]);
    ok(
        &b,
        &["memo", "--coder", "bob", &unit0, "note from bob's machine"],
    );
    ok(
        &b,
        &[
            "reconcile",
            &units[3],
            "--take",
            "none",
            "--note",
            "on bob's machine",
            "--as",
            "bob",
        ],
    );
    ok(
        &b,
        &[
            "reconcile",
            &units[2],
            "--take",
            "b",
            "--note",
            "also bob's",
            "--as",
            "bob",
        ],
    );
    git(&b, &["add", "-A"]);
    git(&b, &["commit", "-qm", "bob: memo and two decisions"]);

    let before_a = decisions(&a);
    let before_b = decisions(&b);
    git(
        &a,
        &["pull", "-q", "--no-rebase", b.to_str().unwrap(), "HEAD"],
    );
    assert!(
        git(&a, &["status", "--porcelain"]).is_empty(),
        "merged without conflict"
    );

    let merged = decisions(&a);
    for d in before_a.iter().chain(&before_b) {
        assert!(
            merged.contains(d),
            "decision {d:?} lost in the merge: {merged:?}"
        );
    }
    assert_eq!(merged.len(), 4);
    // Both coders' logs arrived whole: each memo is there.
    let status = json(&a, &["status", "--json"]);
    assert_eq!(status["reconciliation"]["resolved"], 4);
    for coder in ["alice", "bob"] {
        let log = std::fs::read_to_string(a.join(format!("codings/{coder}.jsonl"))).unwrap();
        assert!(
            log.contains(&format!("note from {coder}'s machine")),
            "{coder}'s memo lost"
        );
    }
    // Undo after the merge takes back the actions in the merged order, one at a time, also
    // where both machines numbered an action alike (alice's first and bob's first).
    ok(&a, &["undo", "--consensus"]);
    assert_eq!(decisions(&a).len(), 3);
    ok(&a, &["undo", "--consensus"]);
    let left: Vec<String> = decisions(&a).into_iter().map(|d| d.0).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(
        left.contains(&units[1]),
        "alice's decision is a separate action"
    );
}
