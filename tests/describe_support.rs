//! (Shared by the describe and likert tests.) The sample's survey answers read straight from
//! its raw CSV files, without the project: respondent → column header → answer, with its role.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

/// The sample's 5-point agree scale, lowest first.
pub const SCALE: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neutral",
    "Agree",
    "Strongly agree",
];

pub struct Respondent {
    pub role: String,
    pub answers: BTreeMap<String, String>,
}

/// Every row of the two survey files (role from the file), keyed by header; empty cells left out.
pub fn surveys(inputs: &Path) -> Vec<Respondent> {
    let mut out = Vec::new();
    for (file, role) in [
        ("mentee-survey.csv", "mentee"),
        ("mentor-survey.csv", "mentor"),
    ] {
        let mut r = csv::Reader::from_path(inputs.join(file)).unwrap();
        let headers: Vec<String> = r
            .headers()
            .unwrap()
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        for rec in r.records() {
            let rec = rec.unwrap();
            let answers = headers
                .iter()
                .zip(rec.iter())
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(h, v)| (h.clone(), v.trim().to_string()))
                .collect();
            out.push(Respondent {
                role: role.to_string(),
                answers,
            });
        }
    }
    out
}

/// R's type 7 written from its 1-based definition: Q(p) = x[j] + g·(x[j+1] − x[j]),
/// j = ⌊1 + (n−1)p⌋, g its fractional part.
pub fn r_type7(values: &[f64], p: f64) -> f64 {
    let mut x = values.to_vec();
    x.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let h = 1.0 + (x.len() as f64 - 1.0) * p;
    let j = h.floor() as usize;
    let g = h - j as f64;
    let lo = x[j - 1];
    let hi = if j < x.len() { x[j] } else { lo };
    lo + g * (hi - lo)
}

/// An attribute name as the project keys it: lowercase words joined by `_`.
pub fn key(header: &str) -> String {
    header
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

/// Every respondent of the sample from the raw files: the survey respondents, then the other
/// cases of `attributes.csv` (whose values also fill in respondents'), without the moderators
/// and the interviewer, who asked the questions; id → (role, key → value).
pub fn cases(inputs: &Path) -> BTreeMap<String, (String, BTreeMap<String, String>)> {
    let mut out = BTreeMap::new();
    for p in surveys(inputs) {
        let id = p.answers["Respondent ID"].clone();
        let attrs = p.answers.iter().map(|(h, v)| (key(h), v.clone())).collect();
        out.insert(id, (p.role, attrs));
    }
    let mut r = csv::Reader::from_path(inputs.join("attributes.csv")).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(key).collect();
    for rec in r.records() {
        let rec = rec.unwrap();
        let entry = out
            .entry(rec[0].to_string())
            .or_insert_with(|| (String::new(), BTreeMap::new()));
        for (h, v) in headers.iter().zip(rec.iter()).skip(1) {
            if !v.trim().is_empty() {
                entry.1.insert(h.clone(), v.trim().to_string());
            }
        }
        if let Some(role) = entry.1.get("role") {
            entry.0 = role.clone();
        }
    }
    out.retain(|_, (role, _)| role != "moderator" && role != "interviewer");
    out
}
