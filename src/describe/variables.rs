//! The attributes a description reads: found by normalised name or original column header,
//! labelled with the header the survey used, and the respondents (cases) that answered them.

use super::scale::Scale;
use crate::corpus::{Case, attribute_key};
use crate::error::{Error, Result};
use crate::project::Project;

/// Every attribute key some case has, with its label (the survey's column header when the
/// key came from one, else the key): the surveys' columns in their order, then the rest in the
/// order first seen.
pub fn attributes(p: &Project) -> Vec<(String, String)> {
    let mut present: Vec<&String> = Vec::new();
    for c in &p.cases {
        for k in c.attributes.keys() {
            if !present.contains(&k) {
                present.push(k);
            }
        }
    }
    let mut out: Vec<(String, String)> = header_labels(p)
        .into_iter()
        .filter(|(k, _)| present.contains(&k))
        .collect();
    for k in present {
        if !out.iter().any(|(o, _)| o == k) {
            out.push((k.clone(), k.clone()));
        }
    }
    out
}

/// The attribute a researcher means by `name`: its normalised name or the original header
/// (case, spaces and punctuation do not matter). Unknown: one line naming it.
pub fn find(p: &Project, name: &str) -> Result<(String, String)> {
    // An alias names its attribute (`thematic attributes alias`).
    let key = p
        .resolve_attribute(name)
        .unwrap_or_else(|| attribute_key(name));
    attributes(p)
        .into_iter()
        .find(|(k, label)| !key.is_empty() && (*k == key || attribute_key(label) == key))
        .ok_or_else(|| {
            Error::user(format!(
                "unknown attribute '{name}'; `thematic cases` lists the attributes"
            ))
        })
}

/// Column headers of the imported survey CSVs with their attribute keys, in file order.
fn header_labels(p: &Project) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for s in &p.manifest.sources {
        if !s.file.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let Ok(bytes) = std::fs::read(p.root.join(&s.file)) else {
            continue;
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes.as_slice());
        if let Some(Ok(header)) = reader.records().next() {
            for h in header.iter() {
                let h = h.trim().trim_start_matches('\u{feff}');
                let key = attribute_key(h);
                if !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, h.to_string()));
                }
            }
        }
    }
    out
}

/// A case's answer to `key`, trimmed; `None` when it has none (missing).
pub fn answer<'a>(case: &'a Case, key: &str) -> Option<&'a str> {
    case.attributes
        .get(key)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// The respondents described: the cases that answered at least one of `keys`, moderators and
/// interviewers left out (they asked the questions).
pub fn respondents<'a>(p: &'a Project, keys: &[String]) -> Vec<&'a Case> {
    p.cases
        .iter()
        .filter(|c| !c.moderator && keys.iter().any(|k| answer(c, k).is_some()))
        .collect()
}

/// The distinct answers to `key` among `cases`, in the order first seen.
pub fn distinct<'a>(cases: &[&'a Case], key: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for c in cases {
        if let Some(v) = answer(c, key)
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

/// The scale of `key`: the one set by hand, else the recognised one. A scale set by hand that
/// does not cover the answers is an error listing the strays.
pub fn scale_of(p: &Project, cases: &[&Case], key: &str) -> Result<Option<Scale>> {
    let values = distinct(cases, key);
    match p.overlay.scales.get(key) {
        Some(levels) => {
            let scale = Scale::set(levels);
            let strays = scale.strays(values.iter().copied());
            if strays.is_empty() {
                Ok(Some(scale))
            } else {
                Err(Error::user(format!(
                    "the scale set for '{key}' does not cover these answers: {}; set it again with `thematic attributes scale {key} \"…\"`",
                    quoted(&strays)
                )))
            }
        }
        None => Ok(Scale::recognise(values.iter().copied())),
    }
}

/// `'a', 'b'`
pub fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The groups of `--by`: its levels in scale order (or first seen), each with its cases.
/// Cases without an answer to `by` belong to no group (they still count in the total).
pub fn groups<'a>(
    p: &Project,
    cases: &[&'a Case],
    by: &str,
) -> Result<Vec<(String, Vec<&'a Case>)>> {
    let levels = match scale_of(p, cases, by)? {
        Some(s) => s
            .levels
            .into_iter()
            .filter(|l| {
                cases
                    .iter()
                    .any(|c| answer(c, by).is_some_and(|v| v.eq_ignore_ascii_case(l)))
            })
            .collect(),
        None => distinct(cases, by)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    };
    Ok(levels
        .into_iter()
        .map(|l| {
            let members = cases
                .iter()
                .copied()
                .filter(|c| answer(c, by).is_some_and(|v| v.eq_ignore_ascii_case(&l)))
                .collect();
            (l, members)
        })
        .collect())
}

/// "66% (21/32)"; "— (0/0)" when nobody answered.
pub fn percent_of(n: usize, of: usize) -> String {
    match percent(n, of) {
        Some(p) => format!("{}% ({n}/{of})", p.round()),
        None => format!("— ({n}/{of})"),
    }
}

/// n/of as a percentage; `None` for 0/0.
pub fn percent(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| 100.0 * n as f64 / of as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formatting() {
        assert_eq!(percent_of(21, 32), "66% (21/32)");
        assert_eq!(percent_of(1, 8), "13% (1/8)");
        assert_eq!(percent_of(0, 0), "— (0/0)");
        assert_eq!(percent(0, 0), None);
    }
}
