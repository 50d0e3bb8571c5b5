//! `thematic agreement` on a copy of the mentorship sample, checked against figures the test
//! derives itself from the sample's own `codings`, `units`, `cases` and `codebook` output —
//! no hard-coded results.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use support::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
    copy_dir(&src, &tmp.path().join("study"));
    tmp
}

/// unit id → set of code ids, from `thematic codings --coder C --json`.
fn code_sets(dir: &Path, coder: &str) -> HashMap<String, BTreeSet<String>> {
    let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
    for c in json(dir, &["codings", "--coder", coder, "--json"])
        .as_array()
        .unwrap()
    {
        out.entry(c["unit"].as_str().unwrap().into())
            .or_default()
            .insert(c["code"].as_str().unwrap().into());
    }
    out
}

/// The units agreement counts: every unit but the moderators' and interviewers' turns.
fn participants_turns(dir: &Path) -> Vec<String> {
    json(dir, &["units", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["moderator"] != true)
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect()
}

/// Cohen's kappa of a 2×2 table, written out independently of the crate.
fn kappa(both: f64, a: f64, b: f64, neither: f64) -> Option<f64> {
    let n = both + a + b + neither;
    let po = (both + neither) / n;
    let (pa, pb) = ((both + a) / n, (both + b) / n);
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

#[test]
fn per_code_tables_match_the_coders_logs() {
    let tmp = sample();
    let dir = tmp.path().join("study");
    let status = json(&dir, &["status", "--json"]);
    let project_units = status["units"].as_u64().unwrap();
    // Every coder reviewed every unit, so every unit but the moderators' turns is counted.
    for c in status["coders"].as_array().unwrap() {
        assert_eq!(c["reviewed"].as_u64().unwrap(), project_units);
    }
    let codebook = json(&dir, &["codebook", "list", "--json"]);
    let parents: BTreeSet<&str> = codebook
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["parent"].as_str())
        .collect();
    let leaves: Vec<&str> = codebook
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .filter(|id| !parents.contains(id))
        .collect();
    let units = participants_turns(&dir);
    let total = units.len() as u64;
    let (alice, bob) = (code_sets(&dir, "alice"), code_sets(&dir, "bob"));
    let empty = BTreeSet::new();
    let set = |m: &HashMap<String, BTreeSet<String>>, u: &str| m.get(u).unwrap_or(&empty).clone();

    let r = json(&dir, &["agreement", "--json"]);
    assert_eq!(r["units"].as_u64().unwrap(), total);
    assert_eq!(
        r["excluded"]["moderator_turns"].as_u64().unwrap(),
        project_units - total
    );
    assert!(total < project_units, "the sample has moderators' turns");
    let ids: Vec<&str> = r["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(ids, leaves, "leaf codes in codebook order");
    for id in &leaves {
        let mut t = [0u64; 4];
        for u in &units {
            let (a, b) = (set(&alice, u).contains(*id), set(&bob, u).contains(*id));
            t[match (a, b) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            }] += 1;
        }
        let row = code_row(&r, id);
        let got = ["both", "a_only", "b_only", "neither"].map(|k| row[k].as_u64().unwrap());
        assert_eq!(got, t, "{id}");
        let [both, a, b, n] = t.map(|x| x as f64);
        match kappa(both, a, b, n) {
            Some(k) => close(&row["cohen_kappa"], k),
            None => assert!(row["cohen_kappa"].is_null()),
        }
    }
    // Overall percent agreement: units whose sets of leaf codes are identical.
    let leaf_set = |s: BTreeSet<String>| -> BTreeSet<String> {
        s.into_iter()
            .filter(|c| leaves.contains(&c.as_str()))
            .collect()
    };
    let identical = units
        .iter()
        .filter(|u| leaf_set(set(&alice, u)) == leaf_set(set(&bob, u)))
        .count();
    close(
        &r["overall"]["percent_agreement"],
        identical as f64 / total as f64,
    );
    // Disagreements: units whose sets of (all) applied codes differ are exactly those with a
    // code only one coder applied; the others differ only in their spans.
    let differ: BTreeSet<&str> = units
        .iter()
        .filter(|u| set(&alice, u) != set(&bob, u))
        .map(|u| u.as_str())
        .collect();
    let d = json(&dir, &["disagreements", "--json"]);
    let in_codes: BTreeSet<&str> = d
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["only_a"] != serde_json::json!([]) || r["only_b"] != serde_json::json!([]))
        .map(|r| r["unit"].as_str().unwrap())
        .collect();
    assert_eq!(in_codes, differ);
    assert!(
        d.as_array().unwrap().len() > differ.len(),
        "span differences are listed too"
    );
}

#[test]
fn exclusive_valence_group_matches_the_logs() {
    let tmp = sample();
    let dir = tmp.path().join("study");
    let codebook = json(&dir, &["codebook", "list", "--json"]);
    let group = codebook
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["exclusive"] == true)
        .expect("the sample has an exclusive group");
    let gid = group["id"].as_str().unwrap();
    let children: Vec<String> = codebook
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["parent"] == gid)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let (alice, bob) = (code_sets(&dir, "alice"), code_sets(&dir, "bob"));
    let value = |m: &HashMap<String, BTreeSet<String>>, u: &str| -> Option<usize> {
        let chosen: Vec<usize> = (0..children.len())
            .filter(|&i| m.get(u).is_some_and(|s| s.contains(&children[i])))
            .collect();
        match chosen.as_slice() {
            [] => Some(children.len()),
            [one] => Some(*one),
            _ => None,
        }
    };
    let k = children.len() + 1;
    let mut confusion = vec![vec![0u64; k]; k];
    for u in &participants_turns(&dir) {
        let u = u.as_str();
        if let (Some(a), Some(b)) = (value(&alice, u), value(&bob, u))
            && (a, b) != (children.len(), children.len())
        {
            confusion[a][b] += 1;
        }
    }
    let r = json(&dir, &["agreement", "--json"]);
    let g = r["exclusive_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == gid)
        .unwrap();
    let mut categories = children.clone();
    categories.push("(none)".into());
    assert_eq!(g["categories"], serde_json::json!(categories));
    assert_eq!(g["confusion"], serde_json::json!(confusion));
    let agree: u64 = (0..k).map(|i| confusion[i][i]).sum();
    let pairs: u64 = confusion.iter().flatten().sum();
    close(&g["percent_agreement"], agree as f64 / pairs as f64);
}

#[test]
fn filters_on_the_sample_count_what_the_corpus_says() {
    let tmp = sample();
    let dir = tmp.path().join("study");
    let kinds: BTreeMap<String, String> = json(&dir, &["status", "--json"])["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().into(),
                s["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    let roles: BTreeMap<String, String> = json(&dir, &["cases", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            Some((
                c["id"].as_str()?.into(),
                c["attributes"]["role"].as_str()?.into(),
            ))
        })
        .collect();
    let all = json(&dir, &["units", "--json"]);
    // Moderators' turns are context, left out before any filter.
    let units: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["moderator"] != true)
        .collect();
    let surveys = units
        .iter()
        .filter(|u| kinds[u["source"].as_str().unwrap()] == "survey")
        .count();
    let mentees = units
        .iter()
        .filter(|u| {
            u["case"]
                .as_str()
                .and_then(|c| roles.get(c))
                .is_some_and(|r| r == "mentee")
        })
        .count();
    let r = json(&dir, &["agreement", "--json", "--kind", "survey"]);
    assert_eq!(r["units"].as_u64().unwrap() as usize, surveys);
    assert_eq!(
        r["excluded"]["filtered_by_kind"].as_u64().unwrap() as usize,
        units.len() - surveys
    );
    let r = json(&dir, &["agreement", "--json", "--where", "role=mentee"]);
    assert_eq!(r["units"].as_u64().unwrap() as usize, mentees);
    assert!(mentees > 0 && mentees < units.len());
    for c in r["codes"].as_array().unwrap() {
        let sum: u64 = ["both", "a_only", "b_only", "neither"]
            .iter()
            .map(|k| c[*k].as_u64().unwrap())
            .sum();
        assert_eq!(sum as usize, mentees);
    }
    // Span level: the characters counted are those of the counted units' texts.
    let chars: usize = units
        .iter()
        .map(|u| u["text"].as_str().unwrap().chars().count())
        .sum();
    let r = json(
        &dir,
        &["agreement", "--json", "--level", "span", "--bootstrap", "0"],
    );
    assert_eq!(r["characters"].as_u64().unwrap() as usize, chars);
    for c in r["codes"].as_array().unwrap() {
        let sum: u64 = ["both", "a_only", "b_only", "neither"]
            .iter()
            .map(|k| c[*k].as_u64().unwrap())
            .sum();
        assert_eq!(sum as usize, chars);
    }
}

#[test]
fn markdown_flags_exactly_the_codes_below_the_thresholds() {
    let tmp = sample();
    let dir = tmp.path().join("study");
    let r: Value = json(&dir, &["agreement", "--json"]);
    let md = ok(&dir, &["agreement"]);
    let total = r["units"].as_u64().unwrap();
    let all = json(&dir, &["units", "--json"]);
    let all = all.as_array().unwrap();
    let moderators = all.iter().filter(|u| u["moderator"] == true).count();
    assert!(
        md.contains(&format!(
            "Counted: {total} of the project's {} units",
            all.len()
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "Excluded: {moderators} moderator turns (context; --moderators compares them)."
        )),
        "{md}"
    );
    let needs_work = md
        .split("## Codes whose definitions need work")
        .nth(1)
        .unwrap();
    let needs_work = needs_work.split("\n## ").next().unwrap();
    for c in r["codes"].as_array().unwrap() {
        let alpha = c["krippendorff_alpha"].as_f64();
        let listed = needs_work.contains(&format!("**{}**", c["name"].as_str().unwrap()));
        assert_eq!(listed, alpha.is_some_and(|a| a < 0.8), "{}", c["name"]);
        let expected = match alpha {
            None => "undefined",
            Some(a) if a < 0.667 => "unreliable",
            Some(a) if a < 0.8 => "tentative",
            Some(_) => "ok",
        };
        assert_eq!(c["flag"], expected);
    }
}
