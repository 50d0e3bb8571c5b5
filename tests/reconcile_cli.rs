//! `thematic disagreements`, `reconcile`, `consensus`, `undo --consensus`, `status` and
//! `export reconciliation` on a copy of the sample, checked against the two coders' logs read
//! here independently.

mod common;

use common::{fails_cleanly, json, sample_copy, thematic};

/// A copy of the sample without its consensus: the coders' logs only.
fn fresh_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, dir) = sample_copy();
    std::fs::remove_file(dir.join("consensus.jsonl")).unwrap();
    (t, dir)
}
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Codings = BTreeSet<(String, Option<(u64, u64)>)>;

/// Replay a coding log by hand: per unit the (code, span) pairs, and the reviewed units. A span
/// covering the whole unit counts as the whole unit.
fn read_log(
    path: &Path,
    len: &BTreeMap<String, u64>,
) -> (BTreeMap<String, Codings>, BTreeSet<String>) {
    let mut codings: BTreeMap<String, Codings> = BTreeMap::new();
    let mut reviewed = BTreeSet::new();
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines().skip(1) {
        let e: Value = serde_json::from_str(line).unwrap();
        let unit = e["unit"].as_str().unwrap().to_string();
        let span = e["span"]
            .as_array()
            .map(|s| (s[0].as_u64().unwrap(), s[1].as_u64().unwrap()));
        let span = span.filter(|&(a, b)| !(a == 0 && b >= len[&unit]));
        let key = || (e["code"].as_str().unwrap().to_string(), span);
        match e["op"].as_str().unwrap() {
            "apply" => {
                codings.entry(unit).or_default().insert(key());
            }
            "remove" => {
                codings.entry(unit).or_default().remove(&key());
            }
            "review" => {
                reviewed.insert(unit);
            }
            "unreview" => {
                reviewed.remove(&unit);
            }
            _ => {}
        }
    }
    (codings, reviewed)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = thematic(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn units_of(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn disagreements_are_exactly_the_units_whose_reviewed_codings_differ_and_reconciling_them_all_leaves_none_open()
 {
    let (_t, dir) = fresh_copy();
    let units = json(&dir, &["units", "--json"]);
    let len: BTreeMap<String, u64> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_string(),
                u["text"].as_str().unwrap().chars().count() as u64,
            )
        })
        .collect();
    let order: Vec<String> = len.keys().cloned().collect();
    let (a, ra) = read_log(&dir.join("codings/alice.jsonl"), &len);
    let (b, rb) = read_log(&dir.join("codings/bob.jsonl"), &len);
    let empty = Codings::new();
    // Moderators' turns are context: never disagreements, never in the consensus.
    let moderators: BTreeSet<String> = units
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["moderator"] == true)
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!moderators.is_empty(), "the sample has moderators' turns");
    let both: BTreeSet<String> = ra
        .intersection(&rb)
        .filter(|u| !moderators.contains(*u))
        .cloned()
        .collect();
    let expected: BTreeSet<String> = both
        .iter()
        .filter(|u| a.get(*u).unwrap_or(&empty) != b.get(*u).unwrap_or(&empty))
        .cloned()
        .collect();
    assert!(expected.len() > 50, "the sample has real disagreement");
    assert!(order.len() == len.len());

    let d = json(&dir, &["disagreements", "--json"]);
    let listed: Vec<String> = units_of(&d);
    assert_eq!(listed.iter().cloned().collect::<BTreeSet<_>>(), expected);
    assert_eq!(listed.len(), expected.len(), "each unit once");
    for row in d.as_array().unwrap() {
        let u = row["unit"].as_str().unwrap();
        let text = &units
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == u)
            .unwrap()["text"];
        assert_eq!(&row["text"], text);
        for (side, log) in [("a_spans", &a), ("b_spans", &b)] {
            let got: Codings = row[side]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let span = c["span"]
                        .as_array()
                        .map(|s| (s[0].as_u64().unwrap(), s[1].as_u64().unwrap()));
                    let span = span.filter(|&(a, b)| !(a == 0 && b >= len[u]));
                    (c["code"].as_str().unwrap().to_string(), span)
                })
                .collect();
            assert_eq!(&got, log.get(u).unwrap_or(&empty), "{u} {side}");
        }
        assert!(row["memos"].is_array());
        assert!(row["resolved"].is_null());
    }

    // Reconcile every disagreement through the CLI, cycling through the options.
    let takes = ["a", "b", "union", "intersection", "none"];
    for (i, u) in listed.iter().enumerate() {
        ok(
            &dir,
            &[
                "reconcile",
                u,
                "--take",
                takes[i % takes.len()],
                "--note",
                &format!("discussed {i}"),
                "--as",
                "carol",
            ],
        );
    }
    ok(&dir, &["reconcile", "--all-agreed", "--as", "carol"]);
    assert_eq!(
        json(&dir, &["disagreements", "--json", "--open"]),
        serde_json::json!([])
    );
    let all = json(&dir, &["disagreements", "--json"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|r| r["resolved"].is_object())
    );
    let c = json(&dir, &["consensus", "--json"]);
    let in_consensus: BTreeSet<String> = units_of(&c).into_iter().collect();
    assert_eq!(
        in_consensus, both,
        "every participant's unit both reviewed is in the consensus"
    );
    for row in c.as_array().unwrap() {
        for key in ["unit", "codes", "spans", "decision", "note", "by", "at"] {
            assert!(row.get(key).is_some(), "consensus row lacks {key}: {row}");
        }
        assert_eq!(row["by"], "carol");
    }
    let status = json(&dir, &["status", "--json"]);
    let r = &status["reconciliation"];
    assert_eq!(r["disagreements"], expected.len());
    assert_eq!(r["resolved"], expected.len());
    assert!(ok(&dir, &["status"]).contains(&format!(
        "{0} of {0} disagreements resolved",
        expected.len()
    )));
    // The coders' own logs are untouched, so agreement is still reportable.
    for coder in ["alice", "bob"] {
        assert_eq!(
            std::fs::read(dir.join(format!("codings/{coder}.jsonl"))).unwrap(),
            std::fs::read(common::sample().join(format!("codings/{coder}.jsonl"))).unwrap()
        );
    }
}

#[test]
fn a_decision_takes_the_chosen_codings_and_undo_takes_it_back() {
    let (_t, dir) = fresh_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let row = d
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["only_a"].as_array().unwrap().len() == 1)
        .unwrap()
        .clone();
    let u = row["unit"].as_str().unwrap();
    let before = json(&dir, &["consensus", "--json"]);
    ok(
        &dir,
        &[
            "reconcile",
            u,
            "--take",
            "b",
            "--note",
            "B is right",
            "--as",
            "carol",
        ],
    );
    let c = json(&dir, &["consensus", "--json"]);
    let mine = c
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == u)
        .unwrap();
    assert_eq!(mine["decision"], "b");
    assert_eq!(mine["codes"], row["b"]);
    assert_eq!(mine["spans"], row["b_spans"]);
    assert_eq!(mine["note"], "B is right");
    // Custom: one code on a span.
    let code = row["only_a"][0].as_str().unwrap();
    ok(
        &dir,
        &[
            "reconcile",
            u,
            "--codes",
            code,
            "--span",
            "0..3",
            "--as",
            "dana",
        ],
    );
    let c = json(&dir, &["consensus", "--json"]);
    let mine = c
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == u)
        .unwrap();
    assert_eq!(mine["decision"], "custom");
    assert_eq!(
        mine["spans"],
        serde_json::json!([{"code": code, "span": [0, 3]}])
    );
    assert_eq!(mine["by"], "dana");
    ok(&dir, &["undo", "--consensus"]);
    let c = json(&dir, &["consensus", "--json"]);
    assert_eq!(
        c.as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == u)
            .unwrap()["decision"],
        "b"
    );
    ok(&dir, &["undo", "--consensus", "--as", "carol"]);
    assert_eq!(json(&dir, &["consensus", "--json"]), before);
    ok(&dir, &["redo", "--consensus"]);
    ok(&dir, &["redo", "--consensus"]);
    let c = json(&dir, &["consensus", "--json"]);
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(c[0]["decision"], "custom");
    fails_cleanly(&dir, &["redo", "--consensus"], "nothing to redo");
}

#[test]
fn bad_input_is_one_line_exit_1_and_nothing_written() {
    let (_t, dir) = fresh_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let u = d[0]["unit"].as_str().unwrap().to_string();
    let differ: BTreeSet<String> = units_of(&d).into_iter().collect();
    let agreed = json(&dir, &["units", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .find(|x| !differ.contains(x))
        .unwrap();
    fails_cleanly(
        &dir,
        &["reconcile", &agreed, "--take", "a", "--as", "carol"],
        "is not a disagreement",
    );
    fails_cleanly(
        &dir,
        &["reconcile", "no:such:unit", "--take", "a", "--as", "carol"],
        "unknown unit",
    );
    fails_cleanly(
        &dir,
        &["reconcile", &u, "--codes", "No such code", "--as", "carol"],
        "unknown code",
    );
    fails_cleanly(
        &dir,
        &[
            "reconcile",
            &u,
            "--codes",
            "positive",
            "--span",
            "0..99999",
            "--as",
            "carol",
        ],
        "runs past",
    );
    fails_cleanly(
        &dir,
        &[
            "reconcile",
            &u,
            "--codes",
            "positive",
            "--span",
            "5..2",
            "--as",
            "carol",
        ],
        "empty or reversed",
    );
    fails_cleanly(&dir, &["reconcile", &u, "--as", "carol"], "--take");
    fails_cleanly(
        &dir,
        &["reconcile", &u, "--take", "a", "--as", "not a word"],
        "plain word",
    );
    fails_cleanly(&dir, &["reconcile", &u, "--take", "a"], "--as NAME");
    fails_cleanly(
        &dir,
        &["reconcile", &u, &u, "--take", "a", "--as", "carol"],
        "named twice",
    );
    fails_cleanly(&dir, &["undo", "--consensus"], "nothing to undo");
    fails_cleanly(
        &dir,
        &["disagreements", "--source", "nope"],
        "unknown source",
    );
    // With --force an agreed unit can be decided.
    ok(
        &dir,
        &[
            "reconcile",
            &agreed,
            "--take",
            "none",
            "--force",
            "--as",
            "carol",
        ],
    );

    // Off a grapheme boundary: a unit whose text has a combining mark or an emoji.
    let units = json(&dir, &["units", "--json"]);
    let odd = units.as_array().unwrap().iter().find_map(|x| {
        let t = x["text"].as_str().unwrap();
        let chars: Vec<char> = t.chars().collect();
        (0..chars.len())
            .find(|&i| {
                let prefix: String = chars[..i].iter().collect();
                i > 0 && !unicode_boundary(t, &prefix)
            })
            .map(|i| (x["id"].as_str().unwrap().to_string(), i))
    });
    if let Some((unit, at)) = odd {
        fails_cleanly(
            &dir,
            &[
                "reconcile",
                &unit,
                "--codes",
                "positive",
                "--span",
                &format!("0..{at}"),
                "--force",
                "--as",
                "carol",
            ],
            "splits a character cluster",
        );
    } else {
        // The sample is plain text: make a project with one accented unit to check the rule.
        let tmp = tempfile::tempdir().unwrap();
        let p = one_unit_project(tmp.path(), "Cafe\u{301} talk");
        fails_cleanly(
            &p,
            &[
                "reconcile",
                "n:1",
                "--codes",
                "alpha",
                "--span",
                "0..4",
                "--force",
                "--as",
                "carol",
            ],
            "splits a character cluster",
        );
    }
}

/// Whether `prefix` ends on a grapheme boundary of `text` (by the `unicode-segmentation`-free
/// rule the sample needs: a combining mark or joiner continues the previous character).
fn unicode_boundary(text: &str, prefix: &str) -> bool {
    let next = text[prefix.len()..].chars().next();
    !matches!(next, Some(c) if ('\u{300}'..='\u{36f}').contains(&c) || c == '\u{200d}' || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c))
}

/// A project with one notes unit "n:1" and a code "alpha", coded differently by alice and bob.
fn one_unit_project(root: &Path, text: &str) -> std::path::PathBuf {
    let dir = root.join("p");
    ok(root, &["init", dir.to_str().unwrap()]);
    let notes = root.join("n.txt");
    std::fs::write(&notes, text).unwrap();
    ok(
        &dir,
        &[
            "import",
            notes.to_str().unwrap(),
            "--kind",
            "notes",
            "--id",
            "n",
        ],
    );
    ok(&dir, &["codebook", "add", "alpha"]);
    ok(&dir, &["code", "--coder", "alice", "n:1", "alpha"]);
    ok(&dir, &["review", "--coder", "alice", "n:1"]);
    ok(&dir, &["review", "--coder", "bob", "n:1"]);
    dir
}

#[test]
fn a_second_reconciler_waits_its_turn() {
    let (_t, dir) = fresh_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let u = d[0]["unit"].as_str().unwrap();
    let p = thematic::project::Project::open(&dir).unwrap();
    let held = thematic::reconcile::ConsensusLog::open(&p).unwrap();
    fails_cleanly(
        &dir,
        &["reconcile", u, "--take", "a", "--as", "carol"],
        "consensus log is open in another thematic process",
    );
    fails_cleanly(
        &dir,
        &["reconcile", "--all-agreed", "--as", "carol"],
        "another thematic process",
    );
    drop(held);
    ok(&dir, &["reconcile", u, "--take", "a", "--as", "carol"]);
}

#[test]
fn the_reconciliation_report_lists_each_codes_disagreements_decisions_and_reasons() {
    let (_t, dir) = fresh_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let row = &d
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["only_a"].as_array().unwrap().len() == 1)
        .unwrap();
    let u = row["unit"].as_str().unwrap();
    let code = row["only_a"][0].as_str().unwrap();
    let n_code = json(&dir, &["disagreements", "--json", "--code", code])
        .as_array()
        .unwrap()
        .len();
    ok(
        &dir,
        &[
            "reconcile",
            u,
            "--take",
            "b",
            "--note",
            "not about the career",
            "--as",
            "carol",
        ],
    );
    ok(
        &dir,
        &[
            "codebook",
            "edit",
            code,
            "--inclusion",
            "Only explicit career advice.",
            "--reason",
            "clarified after the disagreements",
        ],
    );
    let md = ok(&dir, &["export", "reconciliation"]);
    assert!(md.starts_with("# Reconciliation report"), "{md}");
    assert!(md.contains("not about the career"));
    assert!(md.contains("clarified after the disagreements"));
    assert!(
        md.contains(&format!("({n_code} disagreements at the time)")),
        "{md}"
    );
    let j = json(&dir, &["export", "reconciliation", "--format", "json"]);
    let c = j["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap();
    assert_eq!(c["disagreements"], n_code);
    assert_eq!(c["resolved"], 1);
    assert_eq!(c["left_out"], 1);
    let entry = c["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["unit"] == u)
        .unwrap();
    assert_eq!(entry["difference"], "a_only");
    assert_eq!(entry["decision"], "b");
    assert_eq!(entry["kept"], false);
    assert_eq!(
        c["refinements"][0]["after"]["inclusion"],
        "Only explicit career advice."
    );
    assert_ne!(
        c["refinements"][0]["before"]["inclusion"],
        c["refinements"][0]["after"]["inclusion"]
    );
    let out = dir.join("rec.csv");
    let stdout = ok(
        &dir,
        &[
            "export",
            "reconciliation",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(stdout.is_empty());
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("code_id,code,unit,"));
    assert!(
        csv.lines()
            .any(|l| l.contains(u) && l.contains("not about the career"))
    );
    // A refused reason (the consensus is locked) leaves the codebook as it was.
    let p = thematic::project::Project::open(&dir).unwrap();
    let held = thematic::reconcile::ConsensusLog::open(&p).unwrap();
    fails_cleanly(
        &dir,
        &[
            "codebook",
            "edit",
            code,
            "--inclusion",
            "x",
            "--reason",
            "y",
        ],
        "another thematic process",
    );
    drop(held);
}

#[test]
fn search_reads_the_consensus() {
    let (_t, dir) = fresh_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let row = d
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["only_a"].as_array().unwrap().len() == 1)
        .unwrap();
    let u = row["unit"].as_str().unwrap();
    let code = row["only_a"][0].as_str().unwrap();
    let q = format!("code:consensus/{code}");
    ok(&dir, &["reconcile", u, "--take", "a", "--as", "carol"]);
    let hits = json(&dir, &["search", &q, "--json", "--limit", "500"]);
    assert_eq!(units_of(&hits), [u]);
    ok(&dir, &["undo", "--consensus"]);
    assert_eq!(json(&dir, &["search", &q, "--json"]), serde_json::json!([]));
}

#[test]
fn the_sample_ships_a_partial_consensus_with_notes() {
    let (_t, dir) = sample_copy();
    let d = json(&dir, &["disagreements", "--json"]);
    let open = json(&dir, &["disagreements", "--json", "--open"]);
    let resolved: Vec<&Value> = d
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["resolved"].is_object())
        .collect();
    assert!(resolved.len() >= 10, "some decisions");
    assert!(!open.as_array().unwrap().is_empty(), "and work left");
    assert_eq!(
        resolved.len() + open.as_array().unwrap().len(),
        d.as_array().unwrap().len()
    );
    assert!(resolved.iter().all(|r| r["resolved"]["note"].is_string()));
    let status = json(&dir, &["status", "--json"]);
    let r = &status["reconciliation"];
    assert_eq!(r["resolved"], resolved.len());
    assert_eq!(r["agreed_accepted"], r["agreed"]);
    // Reading the consensus changes nothing, and the sample's builder wrote it through the API.
    let before = common::snapshot(&dir);
    ok(&dir, &["consensus"]);
    ok(&dir, &["export", "reconciliation"]);
    assert!(before == common::snapshot(&dir));
}
