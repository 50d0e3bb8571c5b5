//! The command-line contract on the sample study and on bad input.

mod common;

use common::*;
use predicates::str::contains;

#[test]
fn status_of_the_sample() {
    let v = json(&sample(), &["status", "--json"]);
    assert!(v["sources"].as_array().unwrap().len() >= 4);
    let units = v["units"].as_u64().unwrap();
    assert!(units >= 150);
    let coders = v["coders"].as_array().unwrap();
    assert_eq!(coders.len(), 2);
    for c in coders {
        assert_eq!(
            c["reviewed"].as_u64(),
            Some(units),
            "{} covers every unit",
            c["name"]
        );
        assert!(c["codings"].as_u64().unwrap() > 0);
    }
    let kinds: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    for k in ["survey", "interview", "focus-group"] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn units_cases_and_codebook_json_shapes() {
    let units = json(&sample(), &["units", "--json", "--source", "mentee-survey"]);
    let u = &units[0];
    for k in ["id", "source", "case", "prompt", "speaker", "text"] {
        assert!(u.get(k).is_some(), "unit key {k}");
    }
    assert!(
        units
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["source"] == "mentee-survey")
    );
    let cases = json(&sample(), &["cases", "--json"]);
    let priya = cases
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "Priya")
        .unwrap();
    assert_eq!(priya["attributes"]["fellowship"], "Pediatric");
    let codes = json(&sample(), &["codebook", "list", "--json"]);
    for k in [
        "id",
        "name",
        "description",
        "inclusion",
        "exclusion",
        "example",
        "key",
        "parent",
    ] {
        assert!(codes[0].get(k).is_some(), "code key {k}");
    }
}

#[test]
fn code_uncode_review_memo_undo_redo() {
    let (_t, dir) = sample_copy();
    let unit = "mentee-survey:1:9";
    thematic(&dir)
        .args([
            "code",
            "--coder",
            "carol",
            unit,
            "Similar interests",
            "--span",
            "0..8",
            "--memo",
            "overlap",
        ])
        .assert()
        .success();
    thematic(&dir)
        .args(["code", "--coder", "carol", unit, "positive"])
        .assert()
        .success();
    let c = json(&dir, &["codings", "--coder", "carol", "--json"]);
    assert_eq!(c.as_array().unwrap().len(), 2);
    assert_eq!(c[0]["span"], serde_json::json!([0, 8]));
    assert_eq!(c[0]["memo"], "overlap");
    assert_eq!(c[1]["span"], serde_json::Value::Null);
    thematic(&dir)
        .args(["uncode", "--coder", "carol", unit, "positive"])
        .assert()
        .success();
    thematic(&dir)
        .args(["review", "--coder", "carol", unit])
        .assert()
        .success();
    thematic(&dir)
        .args(["memo", "--coder", "carol", unit, "Check with bob"])
        .assert()
        .success();
    thematic(&dir)
        .args(["undo", "--coder", "carol"])
        .assert()
        .success();
    thematic(&dir)
        .args(["undo", "--coder", "carol"])
        .assert()
        .success();
    thematic(&dir)
        .args(["undo", "--coder", "carol"])
        .assert()
        .success();
    assert_eq!(
        json(&dir, &["codings", "--coder", "carol", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    thematic(&dir)
        .args(["redo", "--coder", "carol"])
        .assert()
        .success();
    let st = json(&dir, &["status", "--json"]);
    let carol = st["coders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "carol")
        .unwrap()
        .clone();
    assert_eq!(carol["codings"], 1);
    assert_eq!(carol["reviewed"], 0);
}

#[test]
fn codebook_edits_rename_merge_remove_restore() {
    let (_t, dir) = sample_copy();
    thematic(&dir)
        .args([
            "codebook",
            "add",
            "Peer mentoring",
            "--description",
            "Mentees helping mentees",
            "--parent",
            "Program benefits",
            "--key",
            "z",
        ])
        .assert()
        .success();
    thematic(&dir)
        .args(["codebook", "rename", "Peer mentoring", "Peer support"])
        .assert()
        .success();
    thematic(&dir)
        .args([
            "code",
            "--coder",
            "carol",
            "mentee-survey:1:9",
            "peer support",
        ])
        .assert()
        .success();
    let code = json(&dir, &["codings", "--coder", "carol", "--json"])[0]["code"].clone();
    assert_eq!(code, "peer-mentoring", "the id stays after a rename");
    fails_cleanly(
        &dir,
        &["codebook", "remove", "Peer support"],
        "used by 1 coding(s)",
    );
    thematic(&dir)
        .args(["codebook", "remove", "Peer support", "--force"])
        .assert()
        .success()
        .stdout(contains("kept"));
    assert_eq!(
        json(&dir, &["codings", "--coder", "carol", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    thematic(&dir)
        .args(["codebook", "restore", "Peer support"])
        .assert()
        .success();
    assert_eq!(
        json(&dir, &["codings", "--coder", "carol", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let before = json(&dir, &["codings", "--coder", "alice", "--json"]);
    let n_emotional = before
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == "emotional-support")
        .count();
    assert!(n_emotional > 0);
    thematic(&dir)
        .args(["codebook", "merge", "Emotional support", "Career guidance"])
        .assert()
        .success()
        .stdout(contains("now count as"));
    let after = json(&dir, &["codings", "--coder", "alice", "--json"]);
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["code"] != "emotional-support")
    );
    fails_cleanly(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "mentee-survey:1:9",
            "emotional support",
        ],
        "merged into 'Career guidance'",
    );
}

#[test]
fn codebook_export_formats() {
    let (t, dir) = sample_copy();
    for ext in ["json", "csv", "md"] {
        let out = t.path().join(format!("book.{ext}"));
        thematic(&dir)
            .args(["codebook", "export"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("Similar interests"), "{ext}");
    }
    let fresh = t.path().join("fresh");
    thematic(&fresh).arg("init").arg(&fresh).assert().success();
    thematic(&fresh)
        .args(["codebook", "import"])
        .arg(t.path().join("book.csv"))
        .assert()
        .success()
        .stdout(contains("added"));
    assert_eq!(
        json(&fresh, &["codebook", "list", "--json"]),
        json(&dir, &["codebook", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c["colour"] = serde_json::Value::Null;
                c["exclusive"] = false.into();
                c
            })
            .collect::<serde_json::Value>()
    );
}

#[test]
fn user_errors_are_one_line_exit_1_and_change_nothing() {
    let (_t, dir) = sample_copy();
    fails_cleanly(
        &dir,
        &["code", "--coder", "alice", "no-such-unit", "positive"],
        "unknown unit 'no-such-unit'",
    );
    fails_cleanly(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "mentee-survey:1:9",
            "Nonexistent",
        ],
        "unknown code 'Nonexistent'",
    );
    fails_cleanly(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "mentee-survey:1:9",
            "positive",
            "--span",
            "5..2",
        ],
        "empty or reversed",
    );
    fails_cleanly(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "mentee-survey:1:9",
            "positive",
            "--span",
            "0..99999",
        ],
        "runs past",
    );
    fails_cleanly(
        &dir,
        &["code", "--coder", "al ice", "mentee-survey:1:9", "positive"],
        "plain word",
    );
    fails_cleanly(
        &dir,
        &[
            "uncode",
            "--coder",
            "alice",
            "mentee-survey:1:9",
            "positive",
        ],
        "has no coding",
    );
    fails_cleanly(
        &dir,
        &[
            "uncode",
            "--coder",
            "carol",
            "mentee-survey:1:9",
            "positive",
        ],
        "unknown coder 'carol'",
    );
    fails_cleanly(&dir, &["undo", "--coder", "carol"], "unknown coder 'carol'");
    fails_cleanly(
        &dir,
        &["codings", "--coder", "carol"],
        "unknown coder 'carol'",
    );
    fails_cleanly(
        &dir,
        &["units", "--source", "nope"],
        "unknown source 'nope'",
    );
    fails_cleanly(
        &dir,
        &["codebook", "add", "Positive"],
        "already a code named",
    );
    let empty = tempfile::tempdir().unwrap();
    fails_cleanly(empty.path(), &["status"], "not a thematic project");
}

#[test]
fn usage_errors_exit_2() {
    thematic(&sample())
        .args(["code", "--coder"])
        .assert()
        .code(2);
    thematic(&sample())
        .args(["import", "x.csv", "--kind", "poem"])
        .assert()
        .code(2);
}

#[test]
fn a_second_process_of_the_same_coder_gets_a_clear_error() {
    let (_t, dir) = sample_copy();
    let p = thematic::project::Project::open(&dir).unwrap();
    let _held = p.open_log("alice").unwrap();
    fails_cleanly(
        &dir,
        &["code", "--coder", "alice", "mentee-survey:1:9", "positive"],
        "open in another thematic process",
    );
    thematic(&dir)
        .args(["code", "--coder", "bob", "mentee-survey:1:9", "positive"])
        .assert()
        .success();
}

#[test]
fn init_refuses_an_existing_project_or_a_full_folder() {
    let (_t, dir) = sample_copy();
    thematic(&dir)
        .arg("init")
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(contains("a project already exists here"));
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("notes.txt"), "x").unwrap();
    thematic(t.path())
        .arg("init")
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(contains("not empty"));
}

#[test]
fn a_new_project_keeps_lock_and_temp_files_out_of_git() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    thematic(&dir).arg("init").arg(&dir).assert().success();
    let wanted = ".*.lock\n.*.tmp\n";
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
        wanted
    );
    assert_eq!(
        std::fs::read_to_string(sample().join(".gitignore")).unwrap(),
        wanted
    );
}
