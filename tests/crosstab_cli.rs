//! `thematic crosstab`, `attributes alias` and `export crosstabs` on a copy of the mentorship
//! sample. Counts are recomputed here from the raw survey CSV in samples/mentorship-inputs and
//! from the consensus the CLI prints — no hard-coded results.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
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

fn sample() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
    let dir = tmp.path().join("study");
    copy_dir(&src, &dir);
    (tmp, dir)
}

const ITEM: &str = "I met with my mentor as often as I needed";

/// (fellowship, answer) of every respondent of the raw mentee survey.
fn raw_answers() -> Vec<(String, String)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship-inputs/mentee-survey.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (f, q) = (col("Fellowship"), col(ITEM));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[f].trim().to_string(), rec[q].trim().to_string())
        })
        .filter(|(f, q)| !f.is_empty() && !q.is_empty())
        .collect()
}

fn counts(v: &Value) -> Vec<Vec<u64>> {
    serde_json::from_value(v["counts"].clone()).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    serde_json::from_value(v.clone()).unwrap()
}

/// Two-sided Fisher for 2×2, summed directly from hypergeometric terms.
fn fisher_2x2(t: &[Vec<u64>]) -> f64 {
    let ln_f = |k: u64| (1..=k).map(|i| (i as f64).ln()).sum::<f64>();
    let (r1, r2) = (t[0][0] + t[0][1], t[1][0] + t[1][1]);
    let c1 = t[0][0] + t[1][0];
    let n = r1 + r2;
    let lp = |a: u64| {
        ln_f(r1) + ln_f(r2) + ln_f(c1) + ln_f(n - c1)
            - ln_f(n)
            - ln_f(a)
            - ln_f(r1 - a)
            - ln_f(c1 - a)
            - ln_f(r2 + a - c1)
    };
    let obs = lp(t[0][0]);
    (c1.saturating_sub(r2)..=r1.min(c1))
        .map(lp)
        .filter(|&l| l <= obs + 1e-7)
        .map(f64::exp)
        .sum()
}

#[test]
fn likert_item_by_fellowship_matches_the_raw_csv() {
    let (_tmp, dir) = sample();
    let v = json(
        &dir,
        &[
            "crosstab",
            "attr:Fellowship",
            &format!("attr:{ITEM}"),
            "--json",
        ],
    );
    let rows = strings(&v["rows"]);
    let cols = strings(&v["cols"]);
    let got = counts(&v);
    let mut want: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (f, q) in raw_answers() {
        *want.entry((f, q)).or_default() += 1;
    }
    let total: u64 = want.values().sum();
    assert_eq!(got.iter().flatten().sum::<u64>(), total);
    for (i, r) in rows.iter().enumerate() {
        for (j, c) in cols.iter().enumerate() {
            assert_eq!(
                got[i][j],
                want.get(&(r.clone(), c.clone())).copied().unwrap_or(0),
                "{r} × {c}"
            );
        }
    }
    assert_eq!(v["test"], "fisher");
    let p = v["p_value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    // Every case without both answers is excluded and counted.
    let cases = json(&dir, &["cases", "--json"]).as_array().unwrap().len() as u64;
    assert_eq!(v["excluded"].as_u64().unwrap(), cases - total);
}

#[test]
fn collapsed_likert_item_gives_the_two_by_two_and_its_exact_p() {
    let (_tmp, dir) = sample();
    let var = "i_met_with_my_mentor_as_often_as_i_needed";
    let v = json(
        &dir,
        &[
            "crosstab",
            "fellowship",
            var,
            "--collapse",
            &format!("{var}:Strongly agree,Agree=agree"),
            "--collapse",
            &format!("{var}:*=other"),
            "--json",
        ],
    );
    assert_eq!(strings(&v["cols"]), ["agree", "other"]);
    let rows = strings(&v["rows"]);
    let got = counts(&v);
    for (i, r) in rows.iter().enumerate() {
        let answers: Vec<String> = raw_answers()
            .into_iter()
            .filter(|(f, _)| f == r)
            .map(|(_, q)| q)
            .collect();
        let agree = answers
            .iter()
            .filter(|q| *q == "Agree" || *q == "Strongly agree")
            .count() as u64;
        assert_eq!(got[i], [agree, answers.len() as u64 - agree], "{r}");
    }
    let p = v["p_value"].as_f64().unwrap();
    assert!((p - fisher_2x2(&got)).abs() < 1e-12, "{p}");
    let md = ok(
        &dir,
        &[
            "crosstab",
            "fellowship",
            var,
            "--collapse",
            &format!("{var}:Strongly agree,Agree=agree"),
            "--collapse",
            &format!("{var}:*=other"),
        ],
    );
    assert!(md.contains("Fisher's exact test, two-sided"), "{md}");
    assert!(
        md.starts_with("fellowship × i_met_with_my_mentor_as_often_as_i_needed\n"),
        "{md}"
    );
    let (a, n) = (got[0][0], got[0][0] + got[0][1]);
    assert!(
        md.contains(&format!("{:.0}% ({a}/{n})", 100.0 * a as f64 / n as f64)),
        "{md}"
    );
}

/// Case → whether any of its units has `code` in the consensus; only cases with a decided unit.
fn consensus_presence(dir: &Path, code_name: &str) -> HashMap<String, bool> {
    consensus_presence_any(dir, &[code_name.to_string()])
}

/// Case → whether any of its units has any of `code_names` in the consensus; only cases with a
/// decided unit.
fn consensus_presence_any(dir: &Path, code_names: &[String]) -> HashMap<String, bool> {
    let book = json(dir, &["codebook", "list", "--json"]);
    let ids: HashSet<String> = book
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| code_names.iter().any(|n| c["name"] == n.as_str()))
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), code_names.len(), "{code_names:?}");
    let units = json(dir, &["units", "--json"]);
    let case_of: HashMap<&str, &str> = units
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| Some((u["id"].as_str()?, u["case"].as_str()?)))
        .collect();
    let consensus = json(dir, &["consensus", "--json"]);
    let mut out: HashMap<String, bool> = HashMap::new();
    for d in consensus.as_array().unwrap() {
        let Some(case) = case_of.get(d["unit"].as_str().unwrap()) else {
            continue;
        };
        let has = d["codes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().is_some_and(|c| ids.contains(c)));
        *out.entry(case.to_string()).or_default() |= has;
    }
    out
}

/// role → [yes, no] from a presence map.
fn by_role(dir: &Path, presence: &HashMap<String, bool>) -> BTreeMap<String, [u64; 2]> {
    let cases = json(dir, &["cases", "--json"]);
    let mut want: BTreeMap<String, [u64; 2]> = BTreeMap::new();
    for c in cases.as_array().unwrap() {
        let (Some(role), Some(&has)) = (
            c["attributes"]["role"].as_str(),
            presence.get(c["id"].as_str().unwrap()),
        ) else {
            continue;
        };
        want.entry(role.to_string()).or_default()[usize::from(!has)] += 1;
    }
    want
}

/// The codes of every theme of the sample's map called `name`, read straight from themes.json,
/// kept to those whose section or category title is in `within` (all when empty).
fn theme_codes(dir: &Path, name: &str, within: &[&str]) -> Vec<String> {
    let map: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("themes.json")).unwrap()).unwrap();
    let mut codes: Vec<String> = Vec::new();
    for s in map["sections"].as_array().unwrap() {
        for c in s["categories"].as_array().unwrap() {
            let titles = [
                s["title"].as_str().unwrap_or(""),
                c["title"].as_str().unwrap(),
            ];
            if !within.iter().all(|w| titles.contains(w)) {
                continue;
            }
            for t in c["themes"].as_array().unwrap() {
                if t["name"] == name {
                    for code in strings(&t["codes"]) {
                        if !codes.contains(&code) {
                            codes.push(code);
                        }
                    }
                }
            }
        }
    }
    codes
}

#[test]
fn theme_by_role_matches_the_consensus_and_the_theme_map() {
    let (_tmp, dir) = sample();
    // "Communication" is a theme of both sections and of both categories: the name alone
    // means all four, a qualifier narrows to the themes under that section or category title.
    let negative = "Themes indicating negative influence on mentee–mentor relationship";
    for (spec, within) in [
        ("theme:Communication", vec![]),
        (
            "theme:Mentee response/Communication",
            vec!["Mentee response"],
        ),
        (
            "theme:Mentor response/Themes indicating negative influence on mentee–mentor relationship/Communication",
            vec!["Mentor response", negative],
        ),
        ("theme:Limited availability", vec![]),
    ] {
        let name = spec
            .rsplit('/')
            .next()
            .unwrap()
            .trim_start_matches("theme:");
        let codes = theme_codes(&dir, name, &within);
        assert!(!codes.is_empty(), "{spec}");
        let v = json(&dir, &["crosstab", "role", spec, "--json"]);
        assert_eq!(v["coding"], "consensus");
        assert_eq!(strings(&v["cols"]), ["yes", "no"]);
        // Themes speak of participants: moderators' and interviewers' cases have no value.
        let mut want = by_role(&dir, &consensus_presence_any(&dir, &codes));
        want.retain(|role, _| {
            !["moderator", "interviewer", "facilitator"].contains(&role.as_str())
        });
        let got: BTreeMap<String, [u64; 2]> = strings(&v["rows"])
            .into_iter()
            .zip(counts(&v))
            .map(|(r, c)| (r, [c[0], c[1]]))
            .collect();
        assert_eq!(got, want, "{spec}");
        assert!(
            want.values().all(|c| c[0] > 0),
            "{spec}: voiced in both groups"
        );
    }
    let both = theme_codes(&dir, "Communication", &[]);
    assert_eq!(both.len(), 2, "the name alone gathers both sections' codes");
    assert_eq!(theme_codes(&dir, "Communication", &[negative]).len(), 1);
    assert!(
        fails(&dir, &["crosstab", "role", "theme:Nobody/Communication"])
            .contains("unknown theme 'Nobody/Communication'")
    );
}

#[test]
fn code_by_role_matches_the_consensus() {
    let (_tmp, dir) = sample();
    let v = json(
        &dir,
        &["crosstab", "attr:role", "code:Good communication", "--json"],
    );
    assert_eq!(v["coding"], "consensus");
    assert_eq!(strings(&v["cols"]), ["yes", "no"]);
    let presence = consensus_presence(&dir, "Good communication");
    let cases = json(&dir, &["cases", "--json"]);
    let mut everyone: BTreeMap<String, [u64; 2]> = BTreeMap::new();
    for c in cases.as_array().unwrap() {
        let (Some(role), Some(&has)) = (
            c["attributes"]["role"].as_str(),
            presence.get(c["id"].as_str().unwrap()),
        ) else {
            continue;
        };
        everyone.entry(role.to_string()).or_default()[usize::from(!has)] += 1;
    }
    let got = |v: &Value| -> BTreeMap<String, [u64; 2]> {
        strings(&v["rows"])
            .into_iter()
            .zip(counts(v))
            .map(|(r, c)| (r, [c[0], c[1]]))
            .collect()
    };
    // Moderators' and interviewers' turns are context: their cases have no value.
    let mut participants = everyone.clone();
    participants
        .retain(|role, _| !["moderator", "interviewer", "facilitator"].contains(&role.as_str()));
    // The sample's consensus decides no moderator's turn, so their cases have no value with
    // or without --moderators here; tests/crosstab_moderators.rs codes a moderator's turn.
    assert_eq!(
        participants, everyone,
        "no decided moderator turn in the sample"
    );
    assert_eq!(got(&v), participants);
    assert!(
        participants.values().map(|c| c[0]).sum::<u64>() > 0,
        "the sample's consensus has the code somewhere"
    );
    let all = json(
        &dir,
        &[
            "crosstab",
            "attr:role",
            "code:Good communication",
            "--json",
            "--moderators",
        ],
    );
    assert_eq!(got(&all), everyone);
}

#[test]
fn one_coders_log_with_coder() {
    let (_tmp, dir) = sample();
    let v = json(
        &dir,
        &[
            "crosstab",
            "role",
            "code:Good communication",
            "--coder",
            "alice",
            "--json",
        ],
    );
    assert_eq!(v["coding"], "alice");
    let codings = json(&dir, &["codings", "--coder", "alice", "--json"]);
    let units = json(&dir, &["units", "--json"]);
    let case_of: HashMap<&str, &str> = units
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| Some((u["id"].as_str()?, u["case"].as_str()?)))
        .collect();
    let book = json(&dir, &["codebook", "list", "--json"]);
    let id = book
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Good communication")
        .unwrap()["id"]
        .clone();
    let with: HashSet<&str> = codings
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == id)
        .filter_map(|c| case_of.get(c["unit"].as_str()?).copied())
        .collect();
    let yes: u64 = counts(&v).iter().map(|r| r[0]).sum();
    assert_eq!(yes, with.len() as u64);
}

#[test]
fn chi2_on_request_with_df_and_statistic() {
    let (_tmp, dir) = sample();
    let v = json(
        &dir,
        &[
            "crosstab",
            "fellowship",
            "year_of_training",
            "--test",
            "chi2",
            "--json",
        ],
    );
    assert_eq!(v["test"], "chi2");
    let t = counts(&v);
    let (r, c) = (t.len(), t[0].len());
    assert_eq!(v["df"].as_u64().unwrap(), ((r - 1) * (c - 1)) as u64);
    let n: u64 = t.iter().flatten().sum();
    let mut x2 = 0.0;
    for i in 0..r {
        for j in 0..c {
            let e = t[i].iter().sum::<u64>() as f64
                * t.iter().map(|row| row[j]).sum::<u64>() as f64
                / n as f64;
            x2 += (t[i][j] as f64 - e).powi(2) / e;
        }
    }
    assert!((v["statistic"].as_f64().unwrap() - x2).abs() < 1e-9);
}

#[test]
fn aliases_name_long_attributes_and_survive_an_attributes_merge() {
    let (tmp, dir) = sample();
    ok(&dir, &["attributes", "alias", ITEM, "met"]);
    let by_alias = json(&dir, &["crosstab", "fellowship", "met", "--json"]);
    let by_name = json(
        &dir,
        &[
            "crosstab",
            "fellowship",
            "i_met_with_my_mentor_as_often_as_i_needed",
            "--json",
        ],
    );
    assert_eq!(by_alias["counts"], by_name["counts"]);
    assert!(
        ok(&dir, &["attributes", "alias"])
            .contains("met = i_met_with_my_mentor_as_often_as_i_needed")
    );
    let csv = tmp.path().join("extra.csv");
    std::fs::write(&csv, "case,site\nME16,north\n").unwrap();
    ok(&dir, &["attributes", csv.to_str().unwrap()]);
    json(&dir, &["crosstab", "fellowship", "met", "--json"]);
    assert!(
        fails(&dir, &["attributes", "alias", "role", "fellowship"])
            .contains("already an attribute")
    );
    assert!(
        fails(&dir, &["attributes", "alias", "nosuch", "x"]).contains("unknown attribute 'nosuch'")
    );
    ok(&dir, &["attributes", "alias", "--remove", "met"]);
    assert!(fails(&dir, &["crosstab", "fellowship", "met"]).contains("unknown attribute 'met'"));
}

#[test]
fn bad_input_is_one_clear_line() {
    let (_tmp, dir) = sample();
    let cases = [
        (
            vec!["crosstab", "attr:nosuch", "role"],
            "unknown attribute 'nosuch'",
        ),
        (
            vec!["crosstab", "role", "code:No such code"],
            "unknown code 'No such code'",
        ),
        (
            vec!["crosstab", "role", "fellowship", "--collapse", "role:*=all"],
            "only one value",
        ),
        (
            vec![
                "crosstab",
                "role",
                "fellowship",
                "--collapse",
                "role:mentee,mentor,interviewer,moderator=-",
            ],
            "the table is empty",
        ),
        (
            vec![
                "crosstab",
                "role",
                "fellowship",
                "--collapse",
                "role:mentees=m",
            ],
            "'mentees' is not a value of role",
        ),
        (
            vec!["crosstab", "role", "fellowship", "--collapse", "role=m"],
            "--collapse 'role=m'",
        ),
        (
            vec!["crosstab", "role", "role"],
            "choose two different variables",
        ),
        (vec!["crosstab", "role", "theme:Access"], "theme"),
        (
            vec!["crosstab", "role", "fellowship", "--yates"],
            "--yates goes with --test chi2",
        ),
    ];
    for (args, want) in cases {
        let err = fails(&dir, &args);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn table_2_export_in_every_format() {
    let (tmp, dir) = sample();
    let spec = tmp.path().join("table2.json");
    std::fs::write(
        &spec,
        serde_json::json!({
            "title": "Table 2. Mentee outcomes by fellowship",
            "collapse": [
                "i_met_with_my_mentor_as_often_as_i_needed:Strongly agree,Agree=agree",
                "i_met_with_my_mentor_as_often_as_i_needed:*=other",
                "my_mentor_was_a_good_match_for_me:Strongly agree,Agree=agree",
                "my_mentor_was_a_good_match_for_me:*=other"
            ],
            "outcomes": [
                {"variable": "i_met_with_my_mentor_as_often_as_i_needed", "label": "Met as often as needed", "value": "agree"},
                {"variable": "my_mentor_was_a_good_match_for_me", "label": "Good match", "value": "agree"}
            ],
            "factors": [{"variable": "fellowship", "label": "Fellowship"}, {"variable": "year_of_training"}]
        })
        .to_string(),
    )
    .unwrap();
    let s = spec.to_str().unwrap();
    let t = json(&dir, &["export", "crosstabs", s, "--format", "json"]);
    let blocks = t["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 2);
    let group = &blocks[0]["groups"][0];
    assert_eq!(group["factor"], "Fellowship");
    let direct = json(
        &dir,
        &[
            "crosstab",
            "fellowship",
            "i_met_with_my_mentor_as_often_as_i_needed",
            "--collapse",
            "i_met_with_my_mentor_as_often_as_i_needed:Strongly agree,Agree=agree",
            "--collapse",
            "i_met_with_my_mentor_as_often_as_i_needed:*=other",
            "--json",
        ],
    );
    assert_eq!(group["p_value"], direct["p_value"]);
    let c = counts(&direct);
    assert_eq!(group["rows"][0]["n"].as_u64().unwrap(), c[0][0]);
    assert_eq!(
        group["rows"][0]["total"].as_u64().unwrap(),
        c[0][0] + c[0][1]
    );
    let md = ok(&dir, &["export", "crosstabs", s]);
    assert!(
        md.contains("| **Met as often as needed (agree)** |"),
        "{md}"
    );
    assert!(md.contains("P values: two-sided Fisher's exact test (the Fisher–Freeman–Halton extension for tables larger than 2×2)"), "{md}");
    let out = tmp.path().join("t2.csv");
    ok(
        &dir,
        &[
            "export",
            "crosstabs",
            s,
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.starts_with("section,category,Group,% (n/N),P\n"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        1 + blocks
            .iter()
            .map(|b| b["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["rows"].as_array().unwrap().len())
                .sum::<usize>())
            .sum::<usize>()
    );
    std::fs::write(&spec, r#"{"collapse": ["role:mentor=m"], "outcomes": [{"variable": "fellowship"}], "factors": [{"variable": "year_of_training"}]}"#).unwrap();
    assert!(fails(&dir, &["export", "crosstabs", s]).contains("a rule is for role"));
    std::fs::write(&spec, r#"{"outcomes": [], "factors": []}"#).unwrap();
    assert!(fails(&dir, &["export", "crosstabs", s]).contains("outcomes"));
}

#[test]
fn an_item_with_blanks_by_gender_matches_the_raw_csv() {
    let (_tmp, dir) = sample();
    let item = "My mentor was accessible";
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship-inputs/mentee-survey.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (g, q) = (col("Gender"), col(item));
    let mut want: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut blank = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let (g, q) = (rec[g].trim(), rec[q].trim());
        if q.is_empty() {
            blank += 1;
        } else if !g.is_empty() {
            *want.entry((g.to_string(), q.to_string())).or_default() += 1;
        }
    }
    assert!(blank > 0, "a respondent left {item} blank");
    let v = json(&dir, &["crosstab", "Gender", item, "--json"]);
    let (rows, cols, got) = (strings(&v["rows"]), strings(&v["cols"]), counts(&v));
    let total: u64 = want.values().sum();
    assert_eq!(got.iter().flatten().sum::<u64>(), total);
    for (i, r) in rows.iter().enumerate() {
        for (j, c) in cols.iter().enumerate() {
            let n = want.get(&(r.clone(), c.clone())).copied().unwrap_or(0);
            assert_eq!(got[i][j], n, "{r} × {c}");
        }
    }
    let cases = json(&dir, &["cases", "--json"]).as_array().unwrap().len() as u64;
    assert_eq!(v["excluded"].as_u64().unwrap(), cases - total);
}
