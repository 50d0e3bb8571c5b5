//! Table 1, the respondents' characteristics: per attribute, categorical answers as n (%) in
//! scale order (or first seen), numeric answers as median (IQR) and range, missing counted;
//! one column per group of `--by` and a total.

use super::quantile::{Summary, number};
use super::variables::{self, answer, percent};
use crate::corpus::Case;
use crate::error::{Error, Result};
use crate::export::{Align, Cell, Paragraph, Table};
use crate::project::Project;

/// What to describe.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Attribute names (normalised name or header); empty: every attribute that is not an id,
    /// a timestamp or free text.
    pub attributes: Vec<String>,
    pub by: Option<String>,
    /// Attributes to read as numbers whatever they look like.
    pub numeric: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Categorical,
    Numeric,
}

/// One answer of a categorical attribute: its count in each column.
#[derive(Debug, Clone)]
pub struct ValueCounts {
    pub value: String,
    pub counts: Vec<usize>,
}

/// One attribute of the table; every Vec has one entry per column (groups, then the total).
#[derive(Debug, Clone)]
pub struct Characteristic {
    pub attribute: String,
    pub label: String,
    pub kind: Kind,
    pub values: Vec<ValueCounts>,
    /// How many answered, per column (the denominator of the percentages).
    pub answered: Vec<usize>,
    pub missing: Vec<usize>,
    /// Numeric only; `None` where nobody answered.
    pub summary: Vec<Option<Summary>>,
}

/// The whole table.
#[derive(Debug, Clone)]
pub struct Description {
    pub by: Option<String>,
    /// Column names: the groups of `by`, then "Total".
    pub groups: Vec<String>,
    /// Respondents per column.
    pub sizes: Vec<usize>,
    pub rows: Vec<Characteristic>,
    /// Respondents without an answer to `by` (in the total only).
    pub ungrouped: usize,
}

pub const TOTAL: &str = "Total";

/// Compute Table 1. Unknown attributes and numeric attributes with text answers are errors.
pub fn describe(p: &Project, req: &Request) -> Result<Description> {
    let by = req
        .by
        .as_deref()
        .map(|b| variables::find(p, b))
        .transpose()?;
    let numeric = req
        .numeric
        .iter()
        .map(|n| variables::find(p, n).map(|(k, _)| k))
        .collect::<Result<Vec<_>>>()?;
    let mut chosen = req
        .attributes
        .iter()
        .map(|a| variables::find(p, a))
        .collect::<Result<Vec<_>>>()?;
    for n in &req.numeric {
        let found = variables::find(p, n)?;
        if !chosen.contains(&found) && !req.attributes.is_empty() {
            chosen.push(found);
        }
    }
    if chosen.is_empty() {
        chosen = variables::attributes(p)
            .into_iter()
            .filter(|(k, _)| by.as_ref().is_none_or(|(b, _)| b != k))
            .filter(|(k, _)| numeric.contains(k) || describable(p, k))
            .collect();
    }
    let mut keys: Vec<String> = chosen.iter().map(|(k, _)| k.clone()).collect();
    if let Some((b, _)) = &by {
        keys.push(b.clone());
    }
    let cases = variables::respondents(p, &keys);
    let mut columns: Vec<(String, Vec<&Case>)> = match &by {
        Some((b, _)) => variables::groups(p, &cases, b)?,
        None => Vec::new(),
    };
    let grouped: usize = columns.iter().map(|(_, c)| c.len()).sum();
    columns.push((TOTAL.to_string(), cases.clone()));
    let rows = chosen
        .iter()
        .map(|(k, label)| characteristic(p, k, label, numeric.contains(k), &cases, &columns))
        .collect::<Result<Vec<_>>>()?;
    Ok(Description {
        by: by.map(|(k, _)| k),
        groups: columns.iter().map(|(g, _)| g.clone()).collect(),
        sizes: columns.iter().map(|(_, c)| c.len()).collect(),
        rows,
        ungrouped: cases.len() - grouped,
    })
}

/// Worth a row by default: answers that repeat (not an id, timestamp or free-text answer),
/// or numbers.
fn describable(p: &Project, key: &str) -> bool {
    let cases: Vec<&Case> = p.cases.iter().collect();
    let values = variables::distinct(&cases, key);
    let answered = cases.iter().filter(|c| answer(c, key).is_some()).count();
    let all_numbers = values.iter().all(|v| v.parse::<f64>().is_ok());
    all_numbers || values.len() < answered
}

fn characteristic(
    p: &Project,
    key: &str,
    label: &str,
    force_numeric: bool,
    cases: &[&Case],
    columns: &[(String, Vec<&Case>)],
) -> Result<Characteristic> {
    let values = variables::distinct(cases, key);
    let non_numbers: Vec<&str> = values
        .iter()
        .copied()
        .filter(|v| v.parse::<f64>().map_or(true, |x| !x.is_finite()))
        .collect();
    let answers = cases.iter().filter(|c| answer(c, key).is_some()).count();
    let invalid = cases
        .iter()
        .filter(|c| answer(c, key).is_some_and(|v| non_numbers.contains(&v)))
        .count();
    // Mostly numbers with a few words ("n/a", "ten") is a numeric item with invalid answers,
    // not a category per number.
    let kind = if force_numeric || (answers > 0 && invalid * 2 < answers) {
        Kind::Numeric
    } else {
        Kind::Categorical
    };
    let answered: Vec<usize> = columns
        .iter()
        .map(|(_, cs)| cs.iter().filter(|c| answer(c, key).is_some()).count())
        .collect();
    let missing = columns
        .iter()
        .zip(&answered)
        .map(|((_, cs), a)| cs.len() - a)
        .collect();
    let mut row = Characteristic {
        attribute: key.to_string(),
        label: label.to_string(),
        kind,
        values: Vec::new(),
        answered,
        missing,
        summary: Vec::new(),
    };
    if kind == Kind::Numeric {
        if !non_numbers.is_empty() {
            let how = if force_numeric {
                format!("or describe '{key}' without --numeric")
            } else {
                format!("{} of {answers} answers are numbers", answers - invalid)
            };
            return Err(Error::user(format!(
                "'{key}' is numeric but {invalid} answer(s) are not numbers ({}); they are invalid — correct them in the data ({how})",
                variables::quoted(
                    &non_numbers
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>()
                )
            )));
        }
        row.summary = columns
            .iter()
            .map(|(_, cs)| {
                let xs: Vec<f64> = cs
                    .iter()
                    .filter_map(|c| answer(c, key).and_then(|v| v.parse().ok()))
                    .collect();
                Summary::of(&xs)
            })
            .collect();
        return Ok(row);
    }
    let order: Vec<String> = match variables::scale_of(p, cases, key)? {
        Some(s) => s
            .levels
            .into_iter()
            .filter(|l| values.iter().any(|v| v.eq_ignore_ascii_case(l)))
            .collect(),
        None => values.iter().map(|v| v.to_string()).collect(),
    };
    row.values = order
        .into_iter()
        .map(|value| ValueCounts {
            counts: columns
                .iter()
                .map(|(_, cs)| {
                    cs.iter()
                        .filter(|c| answer(c, key).is_some_and(|v| v.eq_ignore_ascii_case(&value)))
                        .count()
                })
                .collect(),
            value,
        })
        .collect();
    Ok(row)
}

/// "12 (38%)"; "0 (—)" in a column where nobody answered.
pub fn n_percent(n: usize, of: usize) -> String {
    match percent(n, of) {
        Some(p) => format!("{n} ({}%)", p.round()),
        None => format!("{n} (—)"),
    }
}

impl Description {
    /// The publication table (rendered as md, csv, html, tex or docx by `crate::export`).
    pub fn table(&self) -> Table {
        let mut t = Table::new("Characteristics of the respondents")
            .label("Table 1")
            .column("Characteristic", 3.0, Align::Left);
        for (g, n) in self.groups.iter().zip(&self.sizes) {
            t = t.column(format!("{g} (n = {n})"), 1.0, Align::Right);
        }
        for r in &self.rows {
            let cells = |f: &dyn Fn(usize) -> String| -> Vec<Cell> {
                (0..self.groups.len()).map(|i| Cell::text(f(i))).collect()
            };
            let line = |name: String, rest: Vec<Cell>| {
                let mut v = vec![Cell::text(name)];
                v.extend(rest);
                v
            };
            match r.kind {
                Kind::Categorical => {
                    t.category(format!("{}, n (%)", r.label));
                    for v in &r.values {
                        t.row(line(
                            v.value.clone(),
                            cells(&|i| n_percent(v.counts[i], r.answered[i])),
                        ));
                    }
                }
                Kind::Numeric => {
                    t.category(r.label.clone());
                    let s = |i: usize| r.summary.get(i).copied().flatten();
                    t.row(line(
                        "Median (IQR)".into(),
                        cells(&|i| {
                            s(i).map_or("—".into(), |s| {
                                format!("{} ({}–{})", number(s.median), number(s.q1), number(s.q3))
                            })
                        }),
                    ));
                    t.row(line(
                        "Range".into(),
                        cells(&|i| {
                            s(i).map_or("—".into(), |s| {
                                format!("{}–{}", number(s.min), number(s.max))
                            })
                        }),
                    ));
                }
            }
            if r.missing.iter().any(|m| *m > 0) {
                t.row(line("Missing".into(), cells(&|i| r.missing[i].to_string())));
            }
        }
        t.footnote(Paragraph::plain(
            "n (%): percentages of those who answered; missing answers are counted apart. \
             Median (IQR): quartiles by R's default definition (type 7, linear interpolation \
             between order statistics, Hyndman & Fan 1996).",
        ));
        if self.ungrouped > 0 {
            t.footnote(Paragraph::plain(format!(
                "{} respondent(s) without an answer to '{}' are in the total only.",
                self.ungrouped,
                self.by.as_deref().unwrap_or_default()
            )));
        }
        t
    }

    /// The JSON of `thematic describe --format json`.
    pub fn json(&self) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let per = |f: &dyn Fn(usize) -> Value| -> Value {
            let mut m = Map::new();
            for (i, g) in self.groups.iter().enumerate() {
                m.insert(g.clone(), f(i));
            }
            Value::Object(m)
        };
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                let mut o = json!({
                    "attribute": r.attribute,
                    "label": r.label,
                    "kind": match r.kind { Kind::Categorical => "categorical", Kind::Numeric => "numeric" },
                    "n": per(&|i| json!(r.answered[i])),
                    "missing": per(&|i| json!(r.missing[i])),
                });
                if r.kind == Kind::Categorical {
                    o["values"] = r
                        .values
                        .iter()
                        .map(|v| {
                            json!({
                                "value": v.value,
                                "counts": per(&|i| json!(v.counts[i])),
                                "percent": per(&|i| json!(percent(v.counts[i], r.answered[i]))),
                            })
                        })
                        .collect();
                } else {
                    let s = |i: usize| r.summary.get(i).copied().flatten();
                    o["values"] = json!([]);
                    o["median"] = per(&|i| json!(s(i).map(|s| s.median)));
                    o["iqr"] = per(&|i| json!(s(i).map(|s| [s.q1, s.q3])));
                    o["range"] = per(&|i| json!(s(i).map(|s| [s.min, s.max])));
                }
                o
            })
            .collect();
        json!({
            "by": self.by,
            "groups": self.groups,
            "sizes": per(&|i| json!(self.sizes[i])),
            "quartiles": "R type 7",
            "rows": rows,
        })
    }
}
