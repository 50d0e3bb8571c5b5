//! Importing real transcripts from the command line: moderators, wrong-kind warnings, source
//! remove and reimport, attribute files with unknown cases, and the messages around them.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    thematic(&dir)
        .arg("init")
        .arg(&dir)
        .arg("--codebook")
        .arg(repo().join("codebooks/mentorship.json"))
        .assert()
        .success();
    (t, dir)
}

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = thematic(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn import_panel(dir: &Path, extra: &[&str]) -> (String, String) {
    let file = fixture("moderated-panel.txt");
    let mut args = vec!["import", file.to_str().unwrap(), "--kind", "focus-group"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// Both coders code and review every unit of the panel alike.
fn code_all(dir: &Path, coders: &[&str]) {
    for coder in coders {
        for unit in [
            "moderated-panel:2",
            "moderated-panel:3",
            "moderated-panel:5",
        ] {
            run(dir, &["code", "--coder", coder, unit, "matching-process"]);
        }
        let mut review = vec!["review", "--coder", coder];
        review.extend((1..=5).map(|i| format!("moderated-panel:{i}").leak() as &str));
        run(dir, &review);
    }
}

#[test]
fn moderators_are_shown_in_the_summary_and_left_out_of_agreement() {
    let (_t, dir) = fresh();
    let (out, _) = import_panel(&dir, &["--role", "mentee"]);
    assert!(out.contains("Moderators: Facilitator Ruth (speakers named Moderator, Interviewer, Facilitator; choose others with --moderator NAME)"), "{out}");
    let units = json(&dir, &["units", "--json"]);
    assert_eq!(
        units[1]["prompt"],
        "Welcome. How did the matching go for you?"
    );
    assert_eq!(units[0]["moderator"], true);
    assert_eq!(units[1]["moderator"], false);
    let cases = json(&dir, &["cases", "--json"]);
    assert_eq!(cases[0]["id"], "Facilitator Ruth");
    assert!(cases[0]["attributes"].get("role").is_none());
    assert_eq!(cases[1]["attributes"]["role"], "mentee");

    code_all(&dir, &["alice", "bob"]);
    let r = json(&dir, &["agreement", "--json", "--bootstrap", "0"]);
    assert_eq!(r["units"], 4, "the facilitator's turn is context");
    let r = json(
        &dir,
        &["agreement", "--json", "--bootstrap", "0", "--moderators"],
    );
    assert_eq!(r["units"], 5);
    let (md, _) = run(&dir, &["agreement", "--bootstrap", "0"]);
    assert!(
        md.contains("1 moderator turn (context; --moderators compares them)"),
        "{md}"
    );
}

#[test]
fn moderators_given_by_name_replace_the_default_names() {
    let (_t, dir) = fresh();
    let (out, _) = import_panel(
        &dir,
        &["--moderator", "Facilitator Ruth", "--moderator", "Host Sam"],
    );
    assert!(
        out.contains("Moderators: Facilitator Ruth, Host Sam (as given with --moderator)"),
        "{out}"
    );
    let units = json(&dir, &["units", "--json"]);
    assert_eq!(units[4]["prompt"], "And what helped once you were matched?");
}

#[test]
fn a_file_imported_as_the_wrong_kind_is_not_silent() {
    let (_t, dir) = fresh();
    let notes = inputs().join("interview-mentor-12.txt");
    let (out, err) = run(
        &dir,
        &["import", notes.to_str().unwrap(), "--kind", "focus-group"],
    );
    assert!(err.starts_with("warning: no speakers were found"), "{err}");
    assert!(err.contains("--kind notes"), "{err}");
    assert!(out.contains("Imported"), "{out}");
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    let (_t, dir) = fresh();
    import_panel(&dir, &["--role", "mentee"]);
    code_all(&dir, &["alice", "bob"]);
    let out = thematic(&dir)
        .args(["agreement", "--where", "role=nobody"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("no unit matches the filters (role = nobody)"),
        "{err}"
    );
}

#[test]
fn three_coders_report_missing_review_marks_and_fleiss_mean() {
    let (_t, dir) = fresh();
    import_panel(&dir, &[]);
    code_all(&dir, &["alice", "bob"]);
    run(&dir, &["review", "--coder", "carol", "moderated-panel:2"]);
    run(
        &dir,
        &[
            "code",
            "--coder",
            "carol",
            "moderated-panel:2",
            "matching-process",
        ],
    );
    let (md, _) = run(
        &dir,
        &[
            "agreement",
            "--coders",
            "alice,bob,carol",
            "--bootstrap",
            "0",
        ],
    );
    assert!(
        md.contains("(review marks missing from alice: 0, bob: 0, carol: 3; from all: 0)"),
        "{md}"
    );
    assert!(!md.contains("reviewed by not by"), "{md}");
    assert!(
        md.contains("the mean of the defined per-code Fleiss' kappas"),
        "{md}"
    );
    assert!(!md.contains("the mean of the 0 defined"), "{md}");
}

#[test]
fn a_parent_that_only_groups_is_not_applied() {
    let (_t, dir) = fresh();
    import_panel(&dir, &[]);
    run(
        &dir,
        &["codebook", "edit", "Relationship fit", "--codable", "false"],
    );
    let cb = std::fs::read_to_string(dir.join("codebook.json")).unwrap();
    assert!(cb.contains("\"codable\": false"), "{cb}");
    fails_cleanly(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "moderated-panel:2",
            "Relationship fit",
        ],
        "'Relationship fit' only groups other codes and is not applied itself (codable: false); apply one of its sub-codes: Similar interests,",
    );
    let list = json(&dir, &["codebook", "list", "--json"]);
    let rf = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "relationship-fit")
        .unwrap();
    assert_eq!(rf["codable"], false);
    run(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "moderated-panel:2",
            "Similar interests",
        ],
    );
    run(
        &dir,
        &["codebook", "add", "What helped", "--codable", "false"],
    );
    let (text, _) = run(&dir, &["codebook", "list"]);
    assert!(text.contains("What helped (group)"), "{text}");
    run(
        &dir,
        &["codebook", "edit", "Relationship fit", "--codable", "true"],
    );
    run(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "moderated-panel:2",
            "Relationship fit",
        ],
    );
}

#[test]
fn codings_list_memos_of_codings_and_of_units() {
    let (_t, dir) = fresh();
    import_panel(&dir, &[]);
    run(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "moderated-panel:2",
            "Matching process",
            "--memo",
            "slow start\nthen fine",
        ],
    );
    run(
        &dir,
        &[
            "memo",
            "--coder",
            "alice",
            "moderated-panel:3",
            "Ask Omar again",
        ],
    );
    let v = json(&dir, &["codings", "--coder", "alice", "--json"]);
    assert_eq!(v[0]["memo"], "slow start\nthen fine");
    assert_eq!(v[0]["code"], "matching-process");
    assert_eq!(v[1]["unit"], "moderated-panel:3");
    assert_eq!(v[1]["code"], serde_json::Value::Null);
    assert_eq!(v[1]["memo"], "Ask Omar again");
    let (text, _) = run(&dir, &["codings", "--coder", "alice"]);
    assert!(text.contains("   memo: slow start\n"), "{text}");
    assert!(text.contains("   memo: then fine\n"), "{text}");
    assert!(
        text.contains("moderated-panel:3        (unit memo)\n"),
        "{text}"
    );
}

#[test]
fn attributes_for_unknown_cases_are_refused_unless_new_cases() {
    let (_t, dir) = fresh();
    import_panel(&dir, &[]);
    let csv = dir.join("../attrs.csv");
    std::fs::write(
        &csv,
        "Speaker,Fellowship type,Year of training\nDana,Adult,First\nDanna,Adult,Second\nOmar,Pediatric,Third\nZoe,Adult,First\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    fails_cleanly(
        &dir,
        &["attributes", csv],
        "attrs.csv:3: 2 case id(s) are not in the project: Danna, Zoe; check them with `thematic cases`, or give --new-cases to add them as cases",
    );
    run(&dir, &["attributes", csv, "--new-cases"]);
    let cases = json(&dir, &["cases", "--json"]);
    let dana = cases
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "Dana")
        .unwrap();
    assert_eq!(dana["attributes"]["fellowship_type"], "Adult");
    assert_eq!(dana["labels"]["fellowship_type"], "Fellowship type");
    assert!(cases.as_array().unwrap().iter().any(|c| c["id"] == "Zoe"));
    let (text, _) = run(&dir, &["cases"]);
    assert!(text.contains("Fellowship type=Adult"), "{text}");
}

#[test]
fn a_mistaken_source_is_removed_and_its_id_is_free_again() {
    let (_t, dir) = fresh();
    let notes = inputs().join("interview-mentor-12.txt");
    let notes = notes.to_str().unwrap();
    run(
        &dir,
        &["import", notes, "--kind", "focus-group", "--id", "mr12"],
    );
    let (out, _) = run(&dir, &["source", "remove", "mr12"]);
    assert!(out.contains("Removed source 'mr12'"), "{out}");
    assert!(out.contains("sources/removed"), "{out}");
    assert_eq!(
        json(&dir, &["units", "--json"]).as_array().unwrap().len(),
        0
    );
    assert!(!dir.join("sources/mr12.units.json").exists());
    let archived = std::fs::read_dir(dir.join("sources/removed"))
        .unwrap()
        .count();
    assert_eq!(archived, 2, "the copy and its units are kept");
    run(
        &dir,
        &[
            "import", notes, "--kind", "notes", "--id", "mr12", "--case", "MR12",
        ],
    );
    let status = json(&dir, &["status", "--json"]);
    assert_eq!(status["sources"][0]["kind"], "notes");
}

#[test]
fn removing_a_coded_source_needs_force_and_can_be_undone() {
    let (_t, dir) = fresh();
    import_panel(&dir, &[]);
    run(
        &dir,
        &[
            "code",
            "--coder",
            "alice",
            "moderated-panel:2",
            "Matching process",
        ],
    );
    fails_cleanly(
        &dir,
        &["source", "remove", "moderated-panel"],
        "source 'moderated-panel' has 1 coding(s) or review mark(s) (alice 1) on its units; `thematic source remove moderated-panel --force`",
    );
    let (out, _) = run(&dir, &["source", "remove", "moderated-panel", "--force"]);
    assert!(
        out.contains("come back with `thematic source restore moderated-panel`"),
        "{out}"
    );
    assert_eq!(json(&dir, &["status", "--json"])["units"], 0);
    assert!(
        json(&dir, &["codings", "--coder", "alice", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let file = fixture("moderated-panel.txt");
    fails_cleanly(
        &dir,
        &["import", file.to_str().unwrap(), "--kind", "focus-group"],
        "'moderated-panel' is a removed source whose codings are kept",
    );
    run(&dir, &["source", "restore", "moderated-panel"]);
    let c = json(&dir, &["codings", "--coder", "alice", "--json"]);
    assert_eq!(c[0]["unit"], "moderated-panel:2");
}

#[test]
fn reimport_keeps_ids_of_unchanged_units() {
    let (_t, dir) = fresh();
    let file = fixture("consecutive-turns.txt");
    run(
        &dir,
        &[
            "import",
            file.to_str().unwrap(),
            "--kind",
            "notes",
            "--id",
            "c",
        ],
    );
    run(
        &dir,
        &["code", "--coder", "alice", "c:2", "Availability and time"],
    );
    run(
        &dir,
        &["code", "--coder", "alice", "c:4", "Meeting frequency"],
    );
    fails_cleanly(
        &dir,
        &["source", "reimport", "c", "--kind", "focus-group"],
        "1 coding(s) or review mark(s) (alice 1) point at units of 'c' whose text changed or is gone (c:2, c:3)",
    );
    let (out, _) = run(
        &dir,
        &[
            "source",
            "reimport",
            "c",
            "--kind",
            "focus-group",
            "--force",
        ],
    );
    assert!(out.contains("3 units, 2 kept their ids, 1 new"), "{out}");
    assert!(
        out.contains(
            "2 earlier unit(s) are gone; 1 coding(s) and review mark(s) on them stay in the logs"
        ),
        "{out}"
    );
    let units = json(&dir, &["units", "--json"]);
    let ids: Vec<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c:1", "c:2.2", "c:4"]);
    assert_eq!(
        units[1]["text"],
        "Protected time. And a mentor who answers email."
    );
    assert_eq!(units[2]["prompt"], "What helped?");
    let c = json(&dir, &["codings", "--coder", "alice", "--json"]);
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(c[0]["unit"], "c:4");
    assert_eq!(
        json(&dir, &["status", "--json"])["sources"][0]["kind"],
        "focus-group"
    );
    let (out, _) = run(&dir, &["source", "reimport", "c", "--moderator", "Omar"]);
    assert!(out.contains("3 units, 3 kept their ids, 0 new"), "{out}");
    // Back as notes: the units dropped before come back with their ids and codings.
    let (out, _) = run(
        &dir,
        &["source", "reimport", "c", "--kind", "notes", "--force"],
    );
    assert!(out.contains("4 units, 4 kept their ids, 0 new"), "{out}");
    let units = json(&dir, &["units", "--json"]);
    let ids: Vec<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c:1", "c:2", "c:3", "c:4"]);
    assert_eq!(
        json(&dir, &["codings", "--coder", "alice", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
