//! `thematic describe` (Table 1) on the sample, every count, percentage, median and quartile
//! recomputed from the raw survey CSVs; formats; bad input refused with one line.

mod common;
#[path = "describe_support.rs"]
mod support;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn row<'a>(v: &'a Value, attribute: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["attribute"] == attribute)
        .unwrap_or_else(|| panic!("no row {attribute}"))
}

#[test]
fn categorical_counts_and_percentages_match_the_raw_files() {
    let people = support::surveys(&inputs());
    let v = json(&sample(), &["describe", "--by", "role", "--format", "json"]);
    assert_eq!(v["by"], "role");
    assert_eq!(v["quartiles"], "R type 7");
    let groups: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(groups.last(), Some(&"Total"));
    for header in [
        "My mentor was a good match for me",
        "The program increased my academic productivity",
        "I felt prepared to mentor",
        "The time commitment was manageable",
    ] {
        let key = header.to_lowercase().replace(' ', "_");
        let r = row(&v, &key);
        assert_eq!(r["kind"], "categorical");
        assert_eq!(r["label"], header);
        let role = people
            .iter()
            .find(|p| p.answers.contains_key(header))
            .unwrap()
            .role
            .as_str();
        let answers: Vec<&str> = people
            .iter()
            .filter(|p| p.role == role)
            .filter_map(|p| p.answers.get(header).map(String::as_str))
            .collect();
        assert!(!answers.is_empty(), "{header}");
        assert_eq!(
            r["n"][role].as_u64().unwrap() as usize,
            answers.len(),
            "{header}"
        );
        let values = r["values"].as_array().unwrap();
        let mut total = 0;
        for val in values {
            let level = val["value"].as_str().unwrap();
            let want = answers
                .iter()
                .filter(|a| a.eq_ignore_ascii_case(level))
                .count();
            assert_eq!(
                val["counts"][role].as_u64().unwrap() as usize,
                want,
                "{header} {level}"
            );
            let pct = val["percent"][role].as_f64().unwrap();
            assert!((pct - 100.0 * want as f64 / answers.len() as f64).abs() < 1e-9);
            total += want;
        }
        assert_eq!(total, answers.len(), "every answer is on a row");
        // Scale order, not first seen.
        let order: Vec<&str> = values
            .iter()
            .map(|x| x["value"].as_str().unwrap())
            .collect();
        let scale = [
            "Strongly disagree",
            "Disagree",
            "Neutral",
            "Agree",
            "Strongly agree",
        ];
        let pos: Vec<usize> = order
            .iter()
            .map(|o| scale.iter().position(|s| s == o).unwrap())
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }
}

#[test]
fn fellowship_by_role_counts_the_surveys_and_the_attribute_file() {
    let people = support::surveys(&inputs());
    let mut extra = csv::Reader::from_path(inputs().join("attributes.csv")).unwrap();
    let v = json(
        &sample(),
        &["describe", "Fellowship", "--by", "role", "--format", "json"],
    );
    let r = row(&v, "fellowship");
    let mut want: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for p in &people {
        *want
            .entry((p.role.clone(), p.answers["Fellowship"].clone()))
            .or_default() += 1;
    }
    let mut ids: Vec<String> = people
        .iter()
        .map(|p| p.answers["Respondent ID"].clone())
        .collect();
    for rec in extra.records() {
        let rec = rec.unwrap();
        if !ids.contains(&rec[0].to_string()) && !rec[1].is_empty() {
            *want
                .entry((rec[3].to_string(), rec[1].to_string()))
                .or_default() += 1;
            ids.push(rec[0].to_string());
        }
    }
    for ((role, fellowship), n) in &want {
        let val = r["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["value"] == fellowship.as_str())
            .unwrap();
        assert_eq!(
            val["counts"][role].as_u64(),
            Some(*n),
            "{role} {fellowship}"
        );
    }
    let total: u64 = want.values().sum();
    assert_eq!(r["n"]["Total"].as_u64(), Some(total));
}

#[test]
fn numeric_median_quartiles_and_range_match_r_type_7() {
    let people = support::surveys(&inputs());
    let years: Vec<f64> = people
        .iter()
        .filter_map(|p| p.answers.get("Years in practice"))
        .map(|y| y.parse().unwrap())
        .collect();
    assert!(years.len() >= 10);
    let v = json(
        &sample(),
        &[
            "describe",
            "Years in practice",
            "--by",
            "role",
            "--format",
            "json",
        ],
    );
    let r = row(&v, "years_in_practice");
    assert_eq!(r["kind"], "numeric");
    for g in ["mentor", "Total"] {
        assert_summary(r, g, &years);
    }
    assert_eq!(
        r["median"]["mentee"],
        Value::Null,
        "nobody answered: null, not 0"
    );
    assert_eq!(
        r["missing"]["mentee"].as_u64(),
        v["sizes"]["mentee"].as_u64()
    );
}

/// A numeric row's median, quartiles (R's type 7) and range for group `g`, recomputed from `x`.
fn assert_summary(r: &Value, g: &str, x: &[f64]) {
    assert_eq!(
        r["median"][g].as_f64().unwrap(),
        support::r_type7(x, 0.5),
        "{g}"
    );
    let iqr = [support::r_type7(x, 0.25), support::r_type7(x, 0.75)];
    assert_eq!(r["iqr"][g], serde_json::json!(iqr), "{g}");
    let min = x.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(r["range"][g], serde_json::json!([min, max]), "{g}");
}

#[test]
fn prior_publications_median_quartiles_range_and_blanks_by_role() {
    let cases = support::cases(&inputs());
    let v = json(
        &sample(),
        &[
            "describe",
            "Number of prior publications",
            "--by",
            "role",
            "--format",
            "json",
        ],
    );
    let r = row(&v, "number_of_prior_publications");
    assert_eq!(r["kind"], "numeric");
    assert_eq!(r["label"], "Number of prior publications");
    let mut blanks = 0;
    for g in ["mentee", "mentor", "Total"] {
        let in_group: Vec<&BTreeMap<String, String>> = cases
            .values()
            .filter(|(role, _)| g == "Total" || role == g)
            .map(|(_, a)| a)
            .collect();
        let x: Vec<f64> = in_group
            .iter()
            .filter_map(|a| a.get("number_of_prior_publications"))
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(x.len() >= 10, "{g}");
        assert_eq!(r["n"][g].as_u64().unwrap() as usize, x.len(), "{g}");
        assert_summary(r, g, &x);
        let missing = in_group.len() - x.len();
        assert_eq!(r["missing"][g].as_u64().unwrap() as usize, missing, "{g}");
        if g != "Total" {
            blanks += in_group
                .iter()
                .filter(|a| {
                    a.contains_key("year_of_training") || a.contains_key("years_in_practice")
                })
                .filter(|a| !a.contains_key("number_of_prior_publications"))
                .count();
        }
    }
    assert!(blanks >= 2, "respondents who left it blank are missing");
    // Table 1 describes respondents: no column for those who asked the questions.
    let groups: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(groups, ["mentee", "mentor", "Total"]);
    assert_eq!(r["missing"]["Total"].as_u64(), Some(blanks as u64));
}

#[test]
fn demographics_and_new_items_by_role_match_the_raw_files() {
    let cases = support::cases(&inputs());
    let v = json(&sample(), &["describe", "--by", "role", "--format", "json"]);
    for header in [
        "Gender",
        "Degree",
        "Academic rank",
        "Frequency of communication was adequate",
        "My mentor was accessible",
        "My mentee was accessible",
    ] {
        let key = support::key(header);
        let r = row(&v, &key);
        assert_eq!(r["kind"], "categorical", "{header}");
        assert_eq!(r["label"], header);
        let mut seen = 0;
        for g in ["mentee", "mentor", "Total"] {
            let answers: Vec<&str> = cases
                .values()
                .filter(|(role, _)| g == "Total" || role == g)
                .filter_map(|(_, a)| a.get(&key).map(String::as_str))
                .collect();
            seen += answers.len();
            assert_eq!(
                r["n"][g].as_u64().unwrap() as usize,
                answers.len(),
                "{header} {g}"
            );
            for val in r["values"].as_array().unwrap() {
                let level = val["value"].as_str().unwrap();
                let want = answers.iter().filter(|a| **a == level).count();
                assert_eq!(
                    val["counts"][g].as_u64().unwrap() as usize,
                    want,
                    "{header} {g} {level}"
                );
                if want > 0 {
                    let pct = val["percent"][g].as_f64().unwrap();
                    assert!((pct - 100.0 * want as f64 / answers.len() as f64).abs() < 1e-9);
                }
            }
        }
        assert!(seen > 0, "{header}");
    }
}

#[test]
fn the_type_7_helper_agrees_with_r_on_textbook_data() {
    // R: quantile(c(6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49)) → 25.5, 40, 42.5
    let x = [6., 7., 15., 36., 39., 40., 41., 42., 43., 47., 49.];
    assert_eq!(support::r_type7(&x, 0.25), 25.5);
    assert_eq!(support::r_type7(&x, 0.5), 40.0);
    assert_eq!(support::r_type7(&x, 0.75), 42.5);
}

#[test]
fn table_one_in_every_format() {
    let (_t, dir) = sample_copy();
    let md = thematic(&dir)
        .args([
            "describe",
            "fellowship",
            "years_in_practice",
            "--by",
            "role",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("**Table 1.** Characteristics of the respondents"),
        "{md}"
    );
    assert!(md.contains("| Median (IQR) |"), "{md}");
    assert!(md.contains("type 7"), "{md}");
    for f in ["csv", "html", "tex", "docx"] {
        let out = dir.join(format!("t1.{f}"));
        thematic(&dir)
            .args(["describe", "--by", "role", "-o"])
            .arg(&out)
            .assert()
            .success();
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{f}");
    }
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let (_t, dir) = sample_copy();
    fails_cleanly(
        &dir,
        &["describe", "shoe size"],
        "unknown attribute 'shoe size'",
    );
    fails_cleanly(
        &dir,
        &["describe", "--by", "nope"],
        "unknown attribute 'nope'",
    );
    fails_cleanly(
        &dir,
        &["describe", "fellowship", "--numeric", "fellowship"],
        "are not numbers ('Pediatric', 'Adult'); they are invalid",
    );
}

#[test]
fn a_numeric_item_with_a_word_among_the_numbers_is_refused_with_a_count() {
    let (_t, dir) = sample_copy();
    let fix = dir.join("fix.csv");
    std::fs::write(&fix, "case,Years in practice\nMR08,about ten\nMR13,n/a\n").unwrap();
    thematic(&dir)
        .arg("attributes")
        .arg(&fix)
        .assert()
        .success();
    fails_cleanly(
        &dir,
        &["describe", "Years in practice"],
        "'years_in_practice' is numeric but 2 answer(s) are not numbers ('about ten', 'n/a'); they are invalid",
    );
}

#[test]
fn a_scale_set_by_hand_orders_the_answers_and_must_cover_them() {
    let (_t, dir) = sample_copy();
    fails_cleanly(
        &dir,
        &[
            "attributes",
            "scale",
            "year_of_training",
            "First-year,Second-year",
        ],
        "does not cover these answers to 'year_of_training': 'Third-year'",
    );
    thematic(&dir)
        .args([
            "attributes",
            "scale",
            "Year of training",
            "First-year, Second-year, Third-year",
        ])
        .assert()
        .success();
    let stored: Value =
        serde_json::from_slice(&std::fs::read(dir.join("attributes.json")).unwrap()).unwrap();
    assert_eq!(
        stored["scales"]["year_of_training"],
        serde_json::json!(["First-year", "Second-year", "Third-year"])
    );
    let v = json(&dir, &["describe", "year_of_training", "--format", "json"]);
    let order: Vec<&str> = v["rows"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["First-year", "Second-year", "Third-year"]);
    thematic(&dir)
        .args(["attributes", "scale", "year_of_training", "--clear"])
        .assert()
        .success();
    let stored: Value =
        serde_json::from_slice(&std::fs::read(dir.join("attributes.json")).unwrap()).unwrap();
    assert!(stored.get("scales").is_none());
}

#[test]
fn an_alias_names_its_attribute_in_describe_and_scale() {
    let (_t, dir) = sample_copy();
    let out = thematic(&dir)
        .args([
            "attributes",
            "alias",
            "My mentor was a good match for me",
            "match",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let by_alias = json(&dir, &["describe", "match", "--format", "json"]);
    let by_name = json(
        &dir,
        &[
            "describe",
            "my_mentor_was_a_good_match_for_me",
            "--format",
            "json",
        ],
    );
    assert_eq!(by_alias["rows"], by_name["rows"]);
    assert_eq!(
        by_alias["rows"][0]["attribute"],
        "my_mentor_was_a_good_match_for_me"
    );
    let shown = thematic(&dir)
        .args(["attributes", "scale", "match"])
        .output()
        .unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains("Strongly"));
}
