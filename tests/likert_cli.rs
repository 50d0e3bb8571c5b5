//! `thematic likert` and `thematic export likert` on the sample: counts, % agreeing and the
//! chart's bar widths recomputed from the raw survey CSVs; overrides and bad input.

mod common;
#[path = "describe_support.rs"]
mod support;
use support::SCALE;

use common::*;
use serde_json::Value;

/// The Likert items: every survey column whose answers all lie on the 5-point scale, in the
/// files' order (the mentee survey's first).
fn items() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for file in ["mentee-survey.csv", "mentor-survey.csv"] {
        let mut r = csv::Reader::from_path(inputs().join(file)).unwrap();
        let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        for (i, h) in headers.iter().enumerate() {
            let answers: Vec<&str> = rows.iter().map(|r| r[i].trim()).collect();
            if answers.iter().any(|a| !a.is_empty())
                && answers.iter().all(|a| a.is_empty() || SCALE.contains(a))
                && !out.contains(h)
            {
                out.push(h.clone());
            }
        }
    }
    out
}

#[test]
fn the_sample_has_likert_items_in_both_surveys_with_missing_answers() {
    let items = items();
    for item in [
        "The program increased my academic productivity",
        "Frequency of communication was adequate",
        "My mentor was accessible",
        "My mentee was accessible",
        "I felt prepared to mentor",
    ] {
        assert!(items.iter().any(|i| i == item), "{item} in {items:?}");
    }
    // Some respondents left an item blank: n is below the group's size there.
    let people = support::surveys(&inputs());
    let blanks = items
        .iter()
        .filter(|i| {
            people.iter().any(|p| {
                !p.answers.contains_key(*i)
                    && people
                        .iter()
                        .any(|q| q.role == p.role && q.answers.contains_key(*i))
            })
        })
        .count();
    assert!(blanks >= 2, "{items:?}");
}

/// (role, item header) → counts per level of SCALE, from the raw files.
fn raw_counts() -> Vec<(String, String, [usize; 5])> {
    let people = support::surveys(&inputs());
    let mut out = Vec::new();
    for item in items() {
        for role in ["mentee", "mentor"] {
            let mut c = [0; 5];
            for p in people.iter().filter(|p| p.role == role) {
                if let Some(a) = p.answers.get(&item) {
                    c[SCALE.iter().position(|s| s == a).expect("on the scale")] += 1;
                }
            }
            if c.iter().sum::<usize>() > 0 {
                out.push((role.to_string(), item.to_string(), c));
            }
        }
    }
    out
}

fn find<'a>(v: &'a Value, label: &str, group: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label && i["group"] == group)
        .unwrap_or_else(|| panic!("{label} / {group}"))
}

#[test]
fn counts_and_agreement_match_the_raw_files() {
    let v = json(&sample(), &["likert", "--by", "role", "--json"]);
    let raw = raw_counts();
    assert_eq!(
        v["items"].as_array().unwrap().len(),
        raw.len(),
        "one entry per item and group answered"
    );
    for (role, item, c) in &raw {
        let e = find(&v, item, role);
        let n: usize = c.iter().sum();
        assert_eq!(e["n"].as_u64().unwrap() as usize, n);
        let levels: Vec<(&str, u64)> = e["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["level"].as_str().unwrap(), l["count"].as_u64().unwrap()))
            .collect();
        let want: Vec<(&str, u64)> = SCALE
            .iter()
            .copied()
            .zip(c.iter().map(|x| *x as u64))
            .collect();
        assert_eq!(levels, want, "{item} {role}");
        let agree = c[3] + c[4];
        assert_eq!(e["agree"].as_u64().unwrap() as usize, agree);
        assert!(
            (e["agree_percent"].as_f64().unwrap() - 100.0 * agree as f64 / n as f64).abs() < 1e-9
        );
        let pct = (100.0 * agree as f64 / n as f64).round();
        assert_eq!(e["agree_text"], format!("{pct}% ({agree}/{n})"));
    }
}

#[test]
fn without_by_one_group_and_collapse_top2() {
    let v = json(
        &sample(),
        &[
            "likert",
            "I felt prepared to mentor",
            "--collapse",
            "top2",
            "--json",
        ],
    );
    let raw = raw_counts();
    let (_, _, c) = raw
        .iter()
        .find(|(_, i, _)| i == "I felt prepared to mentor")
        .unwrap();
    let e = find(&v, "I felt prepared to mentor", "All");
    let counts: Vec<u64> = e["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["count"].as_u64().unwrap())
        .collect();
    assert_eq!(
        counts,
        [(c[0] + c[1]) as u64, c[2] as u64, (c[3] + c[4]) as u64]
    );
    assert_eq!(e["levels"][2]["level"], "Agree or Strongly agree");
    assert_eq!(e["agree"].as_u64().unwrap() as usize, c[3] + c[4]);
}

#[test]
fn svg_bars_are_proportional_to_the_counts_and_centred_on_neutral() {
    let (_t, dir) = sample_copy();
    let out = dir.join("likert.svg");
    thematic(&dir)
        .args(["export", "likert", "--by", "role", "-o"])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let attr = |tag: &str, name: &str| -> String {
        let at = tag
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("{name} in {tag}"))
            + name.len()
            + 3;
        tag[at..at + tag[at..].find('"').unwrap()].to_string()
    };
    let bars: Vec<&str> = svg
        .split("<rect class=\"bar\"")
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap()])
        .collect();
    let raw = raw_counts();
    let mut seen = 0;
    for (role, item, c) in &raw {
        let key = item.to_lowercase().replace(' ', "_");
        let mine: Vec<&&str> = bars
            .iter()
            .filter(|b| attr(b, "data-item") == key && attr(b, "data-group") == *role)
            .collect();
        assert_eq!(mine.len(), 5, "{item} {role}: one bar per level");
        let n: usize = c.iter().sum();
        let mut neutral_centre = None;
        for b in &mine {
            let level = attr(b, "data-level");
            let i = SCALE.iter().position(|s| *s == level).unwrap();
            let count: usize = attr(b, "data-count").parse().unwrap();
            assert_eq!(count, c[i], "{item} {role} {level}");
            let w: f64 = attr(b, "width").parse().unwrap();
            // 100% of the group's respondents is 150 px.
            assert!(
                (w - 150.0 * count as f64 / n as f64).abs() < 0.01,
                "{item} {role} {level}: {w}"
            );
            if i == 2 {
                let x: f64 = attr(b, "x").parse().unwrap();
                neutral_centre = Some(x + w / 2.0);
            }
            seen += 1;
        }
        // Disagreement ends where the neutral bar begins; agreement starts where it ends.
        let x_of = |l: &str| -> f64 {
            attr(
                mine.iter().find(|b| attr(b, "data-level") == l).unwrap(),
                "x",
            )
            .parse()
            .unwrap()
        };
        let w_of = |l: &str| -> f64 {
            attr(
                mine.iter().find(|b| attr(b, "data-level") == l).unwrap(),
                "width",
            )
            .parse()
            .unwrap()
        };
        assert!((x_of("Disagree") + w_of("Disagree") - x_of("Neutral")).abs() < 0.01);
        assert!((x_of("Neutral") + w_of("Neutral") - x_of("Agree")).abs() < 0.01);
        let centre = neutral_centre.unwrap();
        let panel_zero = if role == "mentee" {
            250.0 + 150.0
        } else {
            250.0 + 2.0 * 150.0 + 96.0 + 16.0 + 150.0
        };
        assert!(
            (centre - panel_zero).abs() < 0.01,
            "{item} {role}: neutral centred on zero"
        );
    }
    assert_eq!(seen, bars.len());
    // Each item has a row in each panel; where its group was not asked, it says so.
    assert_eq!(
        svg.matches("class=\"none\"").count(),
        items().len() * 2 - raw.len()
    );
}

#[test]
fn html_page_holds_the_chart_and_its_numbers() {
    let (_t, dir) = sample_copy();
    let out = dir.join("likert.html");
    thematic(&dir)
        .args(["export", "likert", "--by", "fellowship", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<svg") && html.contains("<table>"));
    assert!(html.contains("<th>Strongly agree</th>"));
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let (_t, dir) = sample_copy();
    fails_cleanly(
        &dir,
        &["likert", "nothing like this"],
        "unknown attribute 'nothing like this'",
    );
    fails_cleanly(
        &dir,
        &["likert", "fellowship"],
        "'fellowship' is not on a recognised scale (answers: 'Pediatric', 'Adult')",
    );
    fails_cleanly(&dir, &["export", "likert", "-o", "chart.png"], "not 'png'");
    // A scale set by hand that the answers outgrow (edited in the file) lists the strays.
    let path = dir.join("attributes.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["scales"] = serde_json::json!({"i_felt_prepared_to_mentor": ["Disagree", "Agree"]});
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    fails_cleanly(
        &dir,
        &["likert", "I felt prepared to mentor"],
        "does not cover these answers: 'Neutral', 'Strongly agree'",
    );
}

#[test]
fn a_scale_set_by_hand_replaces_the_recognised_one() {
    let (_t, dir) = sample_copy();
    thematic(&dir)
        .args(["attributes", "scale", "fellowship", "Adult,Pediatric"])
        .assert()
        .success();
    let v = json(&dir, &["likert", "fellowship", "--json"]);
    let e = &v["items"][0];
    assert_eq!(e["levels"][0]["level"], "Adult");
    assert_eq!(e["levels"][1]["level"], "Pediatric");
    // Two levels: the top one is "agree".
    assert_eq!(e["agree"], e["levels"][1]["count"]);
    assert_eq!(
        e["n"].as_u64(),
        Some(e["levels"][0]["count"].as_u64().unwrap() + e["agree"].as_u64().unwrap())
    );
}
