//! Likert items: per item and respondent group, the count at each level of the item's scale,
//! and the share agreeing (the top two levels) as "66% (21/32)".

use super::scale::Scale;
use super::variables::{self, answer, percent, percent_of};
use crate::corpus::Case;
use crate::error::{Error, Result};
use crate::project::Project;

/// What to count.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Items by normalised name or header; empty: every attribute on a scale (but `by`).
    pub items: Vec<String>,
    pub by: Option<String>,
    /// `--collapse top2`: the bottom two levels and the top two levels counted as one each.
    pub collapse_top2: bool,
    /// Count only the respondents whose attribute (key) has this answer (case-insensitive).
    pub only: Option<(String, String)>,
}

/// One item in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemGroup {
    pub item: String,
    pub label: String,
    pub group: String,
    /// Lowest first.
    pub levels: Vec<String>,
    pub counts: Vec<usize>,
    /// How many levels at the top count as agreeing.
    pub top: usize,
    /// The middle level of an odd scale.
    pub neutral: Option<usize>,
}

impl ItemGroup {
    /// Respondents who answered.
    pub fn n(&self) -> usize {
        self.counts.iter().sum()
    }
    pub fn agree(&self) -> usize {
        self.counts.iter().rev().take(self.top).sum()
    }
    pub fn agree_percent(&self) -> Option<f64> {
        percent(self.agree(), self.n())
    }
    /// "66% (21/32)"
    pub fn agree_text(&self) -> String {
        percent_of(self.agree(), self.n())
    }
}

/// The group name when there is no `--by`.
pub const ALL: &str = "All";

/// Count the items. Groups where nobody answered an item are left out for that item.
pub fn likert(p: &Project, req: &Request) -> Result<Vec<ItemGroup>> {
    let by = req
        .by
        .as_deref()
        .map(|b| variables::find(p, b))
        .transpose()?;
    let mut items = req
        .items
        .iter()
        .map(|i| variables::find(p, i))
        .collect::<Result<Vec<_>>>()?;
    let everyone: Vec<&Case> = p.cases.iter().collect();
    if items.is_empty() {
        for (k, label) in variables::attributes(p) {
            if by.as_ref().is_some_and(|(b, _)| *b == k) {
                continue;
            }
            if matches!(variables::scale_of(p, &everyone, &k), Ok(Some(s)) if s.levels.len() > 2) {
                items.push((k, label));
            }
        }
        if items.is_empty() {
            return Err(Error::user(
                "no attribute is on a recognised scale; name the items, and set their scale with `thematic attributes scale ATTR \"…\"`",
            ));
        }
    }
    let mut keys: Vec<String> = items.iter().map(|(k, _)| k.clone()).collect();
    if let Some((b, _)) = &by {
        keys.push(b.clone());
    }
    // Scales are read from every respondent, so a filter that keeps few cannot change them.
    let all = variables::respondents(p, &keys);
    let mut cases = all.clone();
    if let Some((k, v)) = &req.only {
        cases.retain(|c| answer(c, k).is_some_and(|a| a.eq_ignore_ascii_case(v)));
    }
    let groups: Vec<(String, Vec<&Case>)> = match &by {
        Some((b, _)) => variables::groups(p, &cases, b)?,
        None => vec![(ALL.to_string(), cases.clone())],
    };
    let mut out = Vec::new();
    for (key, label) in &items {
        let scale = variables::scale_of(p, &all, key)?.ok_or_else(|| {
            let answers: Vec<String> = variables::distinct(&all, key)
                .into_iter()
                .take(6)
                .map(String::from)
                .collect();
            Error::user(format!(
                "'{key}' is not on a recognised scale (answers: {}); set its scale with `thematic attributes scale {key} \"Lowest,…,Highest\"`",
                variables::quoted(&answers)
            ))
        })?;
        for (group, members) in &groups {
            let counts: Vec<usize> = (0..scale.levels.len())
                .map(|i| {
                    members
                        .iter()
                        .filter(|c| answer(c, key).and_then(|v| scale.position(v)) == Some(i))
                        .count()
                })
                .collect();
            if counts.iter().sum::<usize>() == 0 {
                continue;
            }
            let row = ItemGroup {
                item: key.clone(),
                label: label.clone(),
                group: group.clone(),
                levels: scale.levels.clone(),
                counts,
                top: scale.top(),
                neutral: scale.neutral(),
            };
            out.push(if req.collapse_top2 {
                collapse(row, &scale)
            } else {
                row
            });
        }
    }
    Ok(out)
}

/// Attributes worth grouping Likert items by: not on a scale of their own, not numbers, two to
/// six different answers.
pub fn grouping_candidates(p: &Project) -> Vec<(String, String)> {
    let everyone: Vec<&Case> = p.cases.iter().collect();
    variables::attributes(p)
        .into_iter()
        .filter(|(k, _)| {
            let values = variables::distinct(&everyone, k);
            let numbers = values.iter().all(|v| v.parse::<f64>().is_ok());
            (2..=6).contains(&values.len())
                && !numbers
                && !matches!(variables::scale_of(p, &everyone, k), Ok(Some(s)) if s.levels.len() > 2)
        })
        .collect()
}

/// Bottom two and top two levels as one each ("Strongly disagree or Disagree").
fn collapse(row: ItemGroup, scale: &Scale) -> ItemGroup {
    let k = scale.top();
    let n = row.levels.len();
    if n < 4 {
        return row;
    }
    let join = |ls: &[String]| ls.join(" or ");
    let mut levels = vec![join(&row.levels[..k])];
    let mut counts = vec![row.counts[..k].iter().sum()];
    levels.extend(row.levels[k..n - k].iter().cloned());
    counts.extend(row.counts[k..n - k].iter().copied());
    levels.push(join(&row.levels[n - k..]));
    counts.push(row.counts[n - k..].iter().sum());
    let neutral = (levels.len() % 2 == 1).then_some(levels.len() / 2);
    ItemGroup {
        levels,
        counts,
        top: 1,
        neutral,
        ..row
    }
}

/// The JSON of `thematic likert --json`.
pub fn json(rows: &[ItemGroup]) -> serde_json::Value {
    use serde_json::json;
    let items: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "item": r.item,
                "label": r.label,
                "group": r.group,
                "n": r.n(),
                "levels": r.levels.iter().zip(&r.counts).map(|(l, c)| json!({
                    "level": l, "count": c, "percent": percent(*c, r.n()),
                })).collect::<Vec<_>>(),
                "agree": r.agree(),
                "agree_percent": r.agree_percent(),
                "agree_text": r.agree_text(),
            })
        })
        .collect();
    json!({ "items": items })
}
