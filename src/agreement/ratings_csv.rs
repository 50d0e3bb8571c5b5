//! Reading reliability data for the ratings-calculator mode: a CSV file in which each row is a
//! unit, each column a coder and an empty cell a missing rating, with an optional first row of
//! coder names. Values become category indices for [`IndexedRatings`].

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::data::Level;
use super::indexed::IndexedRatings;
use crate::corpus::text;
use crate::error::{Error, IoContext, Result};

/// How to read the file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadOptions {
    pub level: Option<Level>,
    /// `Some(true)`: the first row is coder names; `Some(false)`: it is data; `None`: detect
    /// (names if a cell of it is not a number and none of its cells occurs as a value below).
    pub header: Option<bool>,
    /// The full category set (for AC1 and Brennan–Prediger, which depend on the number of
    /// categories q); empty = the values that occur.
    pub categories: Vec<String>,
}

/// Reliability data read from a file.
#[derive(Debug, Clone)]
pub struct RatingsData {
    pub coders: Vec<String>,
    /// Whether the first row was read as coder names.
    pub header: bool,
    /// Category labels in index order (numbers ascending when numeric).
    pub categories: Vec<String>,
    /// Numeric value of each category, when every value is a number.
    pub values: Option<Vec<f64>>,
    /// Whether the categories were declared (`--categories`).
    pub declared: bool,
    pub ratings: IndexedRatings,
    /// Non-empty and empty cells.
    pub rated: usize,
    pub missing: usize,
}

fn number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Nominal => "nominal",
        Level::Ordinal => "ordinal",
        Level::Interval => "interval",
        Level::Ratio => "ratio",
    }
}

/// The delimiter used in the first line: the most frequent of `,` `;` and tab (`,` by default).
fn delimiter(content: &str) -> u8 {
    let first = content.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .map(|d| (first.bytes().filter(|&b| b == d).count(), d))
        .max_by_key(|&(n, d)| (n, d == b','))
        .map_or(b',', |(n, d)| if n == 0 { b',' } else { d })
}

/// Read and check a ratings file. Errors name the file, the line and the coder column.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<RatingsData> {
    let level = opts.level.unwrap_or(Level::Nominal);
    let bytes = std::fs::read(path).at(path)?;
    let content = text::decode(path, &bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter(&content))
        .from_reader(content.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            Error::input(path, e.position().map(|p| p.line() as usize), e.to_string())
        })?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    let Some((_, first)) = rows.first() else {
        return Err(Error::input(path, None, "file has no rows"));
    };
    let width = first.len();
    if width < 2 {
        return Err(Error::input(
            path,
            Some(rows[0].0),
            "need one column per coder and at least two coders (each row is a unit, each column a coder)",
        ));
    }
    for (line, row) in &rows {
        if row.len() != width {
            return Err(Error::input(
                path,
                Some(*line),
                format!(
                    "row has {} fields but the first row has {width}; give every row one field per coder (an empty field is a missing rating)",
                    row.len()
                ),
            ));
        }
    }
    let header = opts.header.unwrap_or_else(|| {
        let first = &rows[0].1;
        let non_numeric = first.iter().any(|c| !c.is_empty() && number(c).is_none());
        let body: BTreeSet<&str> = rows[1..]
            .iter()
            .flat_map(|(_, r)| r.iter().map(String::as_str))
            .collect();
        non_numeric
            && (level != Level::Nominal
                || first
                    .iter()
                    .all(|c| c.is_empty() || !body.contains(c.as_str())))
    });
    let coders: Vec<String> = if header {
        rows[0]
            .1
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if c.is_empty() {
                    format!("coder{}", i + 1)
                } else {
                    c.clone()
                }
            })
            .collect()
    } else {
        (1..=width).map(|i| format!("coder{i}")).collect()
    };
    let body = &rows[usize::from(header)..];
    if body.is_empty() {
        return Err(Error::input(
            path,
            None,
            "no units: the file has only a header row",
        ));
    }
    let field = |c: usize| coders[c].clone();
    // Category set: declared, or the values that occur.
    let declared = !opts.categories.is_empty();
    let mut labels: Vec<String> = if declared {
        opts.categories
            .iter()
            .map(|c| c.trim().to_string())
            .collect()
    } else {
        body.iter()
            .flat_map(|(_, r)| r.iter())
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let numeric = level != Level::Nominal || labels.iter().all(|c| number(c).is_some());
    if level != Level::Nominal {
        for (line, row) in body {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() && number(v).is_none() {
                    return Err(Error::field(
                        path,
                        Some(*line),
                        field(c),
                        format!(
                            "'{v}' is not a number, which the {} level needs; leave the cell empty for a missing rating",
                            level_name(level)
                        ),
                    ));
                }
                if level == Level::Ratio && number(v).is_some_and(|x| x < 0.0) {
                    return Err(Error::field(
                        path,
                        Some(*line),
                        field(c),
                        format!("'{v}' is negative; the ratio level needs values ≥ 0"),
                    ));
                }
            }
        }
        if let Some(bad) = labels.iter().find(|c| number(c).is_none()) {
            return Err(Error::user(format!(
                "--categories: '{bad}' is not a number, which the {} level needs",
                level_name(level)
            )));
        }
    }
    // Index categories; numbers compare by value ("1" = "1.0") and sort ascending.
    let mut values = None;
    let index: HashMap<String, u32> = if numeric {
        let mut nums: Vec<f64> = labels
            .iter()
            .filter_map(|c| number(c))
            .map(|v| v + 0.0)
            .collect();
        nums.sort_by(f64::total_cmp);
        nums.dedup();
        labels = nums.iter().map(|v| v.to_string()).collect();
        let key = |v: f64| (v + 0.0).to_bits();
        let by_value: HashMap<u64, u32> = nums
            .iter()
            .enumerate()
            .map(|(i, &v)| (key(v), i as u32))
            .collect();
        let mut index = HashMap::new();
        for (_, row) in body {
            for v in row.iter().filter(|v| !v.is_empty()) {
                if !index.contains_key(v)
                    && let Some(&i) = number(v).and_then(|x| by_value.get(&key(x)))
                {
                    index.insert(v.clone(), i);
                }
            }
        }
        values = Some(nums);
        index
    } else {
        labels
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i as u32))
            .collect()
    };
    let mut ratings = IndexedRatings::new(width, labels.len());
    let (mut rated, mut missing) = (0, 0);
    let mut unit: Vec<Option<u32>> = vec![None; width];
    for (line, row) in body {
        for (c, v) in row.iter().enumerate() {
            unit[c] = if v.is_empty() {
                missing += 1;
                None
            } else {
                rated += 1;
                Some(*index.get(v).ok_or_else(|| {
                    Error::field(
                        path,
                        Some(*line),
                        field(c),
                        format!(
                            "'{v}' is not one of --categories ({})",
                            opts.categories.join(", ")
                        ),
                    )
                })?)
            };
        }
        ratings.push_unit(&unit);
    }
    Ok(RatingsData {
        coders,
        header,
        categories: labels,
        values,
        declared,
        ratings,
        rated,
        missing,
    })
}

/// Parse a `--level` name of the ratings mode.
pub fn parse_level(s: &str) -> Option<Level> {
    match s {
        "nominal" => Some(Level::Nominal),
        "ordinal" => Some(Level::Ordinal),
        "interval" => Some(Level::Interval),
        "ratio" => Some(Level::Ratio),
        _ => None,
    }
}

/// The name of a level of measurement.
pub fn level_str(level: Level) -> &'static str {
    level_name(level)
}
