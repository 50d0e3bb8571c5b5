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
    let (_t2, _file, back) = round_trip(&dir);
    let before = decisions(&dir);
    assert_eq!(before.len(), 181, "the sample's partial consensus");
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

/// The archive without our sidecar: as another tool that read ours and wrote it again would.
fn without_sidecar(file: &Path, to: &Path) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n != thematic::interop::model::SIDECAR)
        .collect();
    let bytes: Vec<Vec<u8>> = names.iter().map(|n| entry(file, n)).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(bytes.iter().map(Vec::as_slice))
        .collect();
    zip_of(to, &files);
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
