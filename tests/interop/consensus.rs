//! The consensus through export and import: ours comes back as `consensus.jsonl` with every
//! decision (option, codings, note, who, when) and the same reconciliation status; another
//! tool's consensus user is named with `--consensus-user`, each decision's option read off the
//! coders' codings.

use super::roundtrip::{round_trip, synthetic};
use super::{common, entry, only, zip_of};
use std::path::Path;
use thematic::project::Project;
use thematic::reconcile::{Choice, Consensus};

/// `thematic consensus --json`, with each decision's codes and spans in a fixed order.
fn decisions(dir: &Path) -> Vec<serde_json::Value> {
    let mut rows = match common::json(dir, &["consensus", "--json"]) {
        serde_json::Value::Array(a) => a,
        v => panic!("not a list: {v}"),
    };
    for r in &mut rows {
        for key in ["codes", "spans"] {
            let mut list = r[key].as_array().unwrap().clone();
            list.sort_by_key(|v| v.to_string());
            r[key] = serde_json::Value::Array(list);
        }
    }
    rows
}

fn reconciliation(dir: &Path) -> serde_json::Value {
    common::json(dir, &["status", "--json"])["reconciliation"].clone()
}

#[test]
fn the_samples_partial_consensus_comes_back_as_the_consensus() {
    let (_t, dir) = common::sample_copy();
    // A codebook change recorded with its reason goes with the consensus.
    common::thematic(&dir)
        .args([
            "codebook",
            "edit",
            "mixed",
            "--inclusion",
            "Praise and complaint in one answer",
        ])
        .args(["--reason", "coders split on faint praise"])
        .assert()
        .success();
    let (_t2, _file, back) = round_trip(&dir);
    let refinements = |d: &Path| {
        Consensus::read(&Project::open(d).unwrap())
            .unwrap()
            .refinements
    };
    assert_eq!(refinements(&dir).len(), 1);
    assert_eq!(refinements(&back), refinements(&dir));
    let before = decisions(&dir);
    assert_eq!(before.len(), 151, "the sample's partial consensus");
    assert_eq!(decisions(&back), before, "every decision, as it was");
    let status = reconciliation(&dir);
    assert!(status["resolved"].as_u64().unwrap() > 0);
    assert_eq!(reconciliation(&back), status, "reconciliation status");
    let b = Project::open(&back).unwrap();
    assert_eq!(b.coders().unwrap(), ["alice", "bob"], "no third coder");
    // Themes count the same coding.
    let themes = |d: &Path| common::json(d, &["themes", "show", "--json"]);
    assert_eq!(themes(&back), themes(&dir));
}

/// Copy an archive, each entry through `edit` (`None` leaves it out).
fn rewrite(file: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let kept: Vec<(String, Vec<u8>)> = names
        .into_iter()
        .filter_map(|n| {
            let bytes = entry(file, &n);
            edit(&n, bytes).map(|b| (n, b))
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = kept
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(to, &refs);
}

/// The archive without our sidecar: as another tool that read ours and wrote it again would.
fn without_sidecar(file: &Path, to: &Path) {
    rewrite(file, to, |n, b| {
        (n != thematic::interop::model::SIDECAR).then_some(b)
    });
}

#[test]
fn another_tools_consensus_user_is_named_on_the_command_line() {
    let (_t, dir) = synthetic();
    let (t2, file, _back) = round_trip(&dir);
    let foreign = t2.path().join("foreign.qdpx");
    without_sidecar(&file, &foreign);

    // Unnamed, the user called consensus is an ordinary coder.
    let plain = t2.path().join("plain");
    common::thematic(&dir)
        .arg("import-project")
        .arg(&foreign)
        .arg(&plain)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "the user 'consensus' became the coder 'reconciled'; to import their codings as the consensus, give --consensus-user 'consensus'",
        ));
    let p = Project::open(&plain).unwrap();
    assert_eq!(p.coders().unwrap(), ["ana", "ben", "reconciled"]);
    assert!(!Consensus::read(&p).unwrap().exists);

    // Named, it is the consensus: the decision on the first unit took ana's codings, with the
    // note; the units it left alone stay undecided.
    let named = t2.path().join("named");
    common::thematic(&dir)
        .arg("import-project")
        .arg(&foreign)
        .arg(&named)
        .args(["--consensus-user", "Consensus"])
        .assert()
        .success()
        .stdout(predicates::str::contains("consensus: 1 decisions"));
    let p = Project::open(&named).unwrap();
    assert_eq!(p.coders().unwrap(), ["ana", "ben"]);
    let c = Consensus::read(&p).unwrap();
    assert_eq!(c.len(), 1);
    let d = c.get(&p.units[0].id).expect("first unit decided");
    assert_eq!(d.choice, Choice::A);
    assert_eq!(d.note.as_deref(), Some("ana's reading"));
    assert_eq!(d.coders, ["ana", "ben"]);
    let a = Project::open(&dir).unwrap();
    let orig = Consensus::read(&a).unwrap();
    let o = orig.get(&a.units[0].id).unwrap();
    assert_eq!(d.codings, o.codings);
}

#[test]
fn a_consensus_user_not_in_the_file_is_refused_and_nothing_is_written() {
    let (_t, dir) = synthetic();
    let (t2, file, _back) = round_trip(&dir);
    let target = t2.path().join("new");
    common::thematic(&dir)
        .arg("import-project")
        .arg(&file)
        .arg(&target)
        .args(["--consensus-user", "carol"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "no such user; the file's users are ana, ben, consensus",
        ));
    only(t2.path(), &["back", "study.qdpx"]);
}

/// A selection of `user` coding `code` on `start..end` of the text, as another tool writes it.
fn sel(n: usize, user: u8, code: u8, start: usize, end: usize, note: Option<u8>) -> String {
    let note = note.map_or(String::new(), |k| {
        format!("<NoteRef targetGUID=\"{{99999999-0000-0000-0000-00000000000{k}}}\"/>")
    });
    format!(
        "<PlainTextSelection guid=\"{{FFFFFFFF-0000-0000-0000-{n:012}}}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{{AAAAAAAA-0000-0000-0000-00000000000{user}}}\"><Coding guid=\"{{FFFFFFFF-0000-0000-0001-{n:012}}}\" creatingUser=\"{{AAAAAAAA-0000-0000-0000-00000000000{user}}}\"><CodeRef targetGUID=\"{{CCCCCCCC-0000-0000-0000-00000000000{code}}}\"/></Coding>{note}</PlainTextSelection>"
    )
}

#[test]
fn each_decision_of_another_tools_consensus_gets_the_option_its_codings_match() {
    // Lines: one 0..3, two 4..7, three 8..13, four 14..18, five 19..23.
    let text = "one\ntwo\nthree\nfour\nfive";
    let (ann, ben, team) = (1, 2, 3);
    let (x, y, z) = (1, 2, 3);
    let selections = [
        // one: ann X, ben Y; the team took both (union).
        sel(1, ann, x, 0, 3, None),
        sel(2, ben, y, 0, 3, None),
        sel(3, team, x, 0, 3, None),
        sel(4, team, y, 0, 3, Some(1)),
        // two: both X (agreed), the team too.
        sel(5, ann, x, 4, 7, None),
        sel(6, ben, x, 4, 7, None),
        sel(7, team, x, 4, 7, None),
        // three: ann X, ben nothing; the team left it alone (undecided).
        sel(8, ann, x, 8, 13, None),
        // four: ann X, ben Y; the team chose Z (custom).
        sel(9, ann, x, 14, 18, None),
        sel(10, ben, y, 14, 18, None),
        sel(11, team, z, 14, 18, None),
        // five: ann X on the line, ben X on part of it; the team took ben's part (b).
        sel(12, ann, x, 19, 23, None),
        sel(13, ben, x, 20, 23, None),
        sel(14, team, x, 20, 23, None),
    ]
    .concat();
    let code = |k: u8, name: &str| {
        format!(
            "<Code guid=\"{{CCCCCCCC-0000-0000-0000-00000000000{k}}}\" name=\"{name}\" isCodable=\"true\"/>"
        )
    };
    let user = |k: u8, name: &str| {
        format!("<User guid=\"{{AAAAAAAA-0000-0000-0000-00000000000{k}}}\" name=\"{name}\"/>")
    };
    let qde = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Teams\"><Users>{}{}{}</Users><CodeBook><Codes>{}{}{}</Codes></CodeBook><Sources><TextSource guid=\"{{BBBBBBBB-0000-0000-0000-000000000001}}\" name=\"Lines\"><PlainTextContent>{text}</PlainTextContent>{selections}</TextSource></Sources><Notes><Note guid=\"{{99999999-0000-0000-0000-000000000001}}\" name=\"why\"><PlainTextContent>Both readings hold.</PlainTextContent></Note></Notes></Project>",
        user(ann, "Ann"),
        user(ben, "Ben"),
        user(team, "Coding team"),
        code(x, "X"),
        code(y, "Y"),
        code(z, "Z"),
    );
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("teams.qdpx");
    zip_of(&file, &[("project.qde", qde.as_bytes())]);
    let dir = t.path().join("teams");
    common::thematic(t.path())
        .arg("import-project")
        .arg(&file)
        .arg(&dir)
        .args(["--consensus-user", "coding-team"])
        .assert()
        .success();
    let p = Project::open(&dir).unwrap();
    assert_eq!(p.coders().unwrap(), ["ann", "ben"]);
    let c = Consensus::read(&p).unwrap();
    let got: Vec<(String, Choice)> = c
        .in_order(&p)
        .iter()
        .map(|d| (p.unit(&d.unit).unwrap().text.clone(), d.choice))
        .collect();
    let want = [
        ("one", Choice::Union),
        ("two", Choice::Agreed),
        ("four", Choice::Custom),
        ("five", Choice::B),
    ];
    assert_eq!(
        got,
        want.map(|(t, c)| (t.to_string(), c)),
        "three stays undecided"
    );
    let one = c.in_order(&p)[0];
    assert_eq!(one.note.as_deref(), Some("Both readings hold."));
    assert_eq!(one.by, "coding-team");
    assert_eq!(one.coders, ["ann", "ben"]);
    // The reconciliation status counts them: three of the four disagreements decided.
    let status = reconciliation(&dir);
    assert_eq!(status["disagreements"], 4);
    assert_eq!(status["resolved"], 3);
    assert_eq!(status["agreed_accepted"], 1);
}

/// An archive of ours whose sidecar has no consensus marker (written before it was added) still
/// names the consensus user among its users: that user is the consensus.
#[test]
fn an_archive_without_the_marker_finds_the_consensus_by_the_sidecars_users() {
    let (_t, dir) = synthetic();
    let (t2, file, _back) = round_trip(&dir);
    let older = t2.path().join("older.qdpx");
    rewrite(&file, &older, |n, b| {
        if n != thematic::interop::model::SIDECAR {
            return Some(b);
        }
        let mut json: serde_json::Value = serde_json::from_slice(&b).unwrap();
        json.as_object_mut().unwrap().remove("consensus").unwrap();
        Some(serde_json::to_vec(&json).unwrap())
    });
    let back = t2.path().join("older");
    common::thematic(&dir)
        .arg("import-project")
        .arg(&older)
        .arg(&back)
        .assert()
        .success();
    let b = Project::open(&back).unwrap();
    assert_eq!(b.coders().unwrap(), ["ana", "ben"]);
    let c = Consensus::read(&b).unwrap();
    let d = c.get(&b.units[0].id).expect("the decided unit");
    assert_eq!(d.choice, Choice::A, "read off ana's and ben's codings");
    assert_eq!(d.note.as_deref(), Some("ana's reading"));
}
