//! Reading reliability data for the ratings-calculator mode: a CSV file in which each row is a
//! unit, each column a coder and an empty cell a missing rating, with an optional first row of
//! coder names. Values become category indices for [`IndexedRatings`], without a string or
//! a hash per cell (see `ratings_table.rs`).

use std::collections::HashMap;
use std::path::Path;

use super::data::Level;
use super::indexed::IndexedRatings;
use super::patterns::MISSING;
use super::ratings_table::{self, EMPTY};
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

/// Read and check a ratings file. Errors name the file, the line and the coder column.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<RatingsData> {
    let level = opts.level.unwrap_or(Level::Nominal);
    let bytes = std::fs::read(path).at(path)?;
    let content = text::decode(path, &bytes)?;
    let mut arena = Vec::new();
    let t = ratings_table::read(path, &content, &mut arena)?;
    if t.rows() == 0 {
        return Err(Error::input(path, None, "file has no rows"));
    }
    let width = t.width;
    if width < 2 {
        return Err(Error::input(
            path,
            Some(t.lines[0]),
            "need one column per coder and at least two coders (each row is a unit, each column a coder)",
        ));
    }
    // Each distinct value is parsed as a number once.
    let nums: Vec<Option<f64>> = t.values.iter().map(|v| number(v)).collect();
    let header = opts.header.unwrap_or_else(|| {
        let first = t.row(0);
        let non_numeric = first
            .iter()
            .any(|&id| id != EMPTY && nums[id as usize].is_none());
        non_numeric
            && (level != Level::Nominal
                || first
                    .iter()
                    .all(|&id| id == EMPTY || !t.below_first[id as usize]))
    });
    let coders: Vec<String> = (0..width)
        .map(|i| match t.row(0)[i] {
            id if header && id != EMPTY => t.values[id as usize].to_string(),
            _ => format!("coder{}", i + 1),
        })
        .collect();
    let first_body = usize::from(header);
    if t.rows() <= first_body {
        return Err(Error::input(
            path,
            None,
            "no units: the file has only a header row",
        ));
    }
    let used: Vec<bool> = if header {
        t.below_first.clone()
    } else {
        vec![true; t.values.len()]
    };
    // The first body cell whose value is flagged, with its error.
    let first_bad = |bad: &[bool]| -> Option<(usize, usize, &str)> {
        let at = t.ids[first_body * width..]
            .iter()
            .position(|&id| id != EMPTY && bad[id as usize])?;
        let (row, col) = (first_body + at / width, at % width);
        Some((t.lines[row], col, t.values[t.row(row)[col] as usize]))
    };
    if level != Level::Nominal {
        let bad: Vec<bool> = nums
            .iter()
            .zip(&used)
            .map(|(x, &u)| {
                u && (x.is_none() || (level == Level::Ratio && x.is_some_and(|v| v < 0.0)))
            })
            .collect();
        if let Some((line, col, v)) = first_bad(&bad) {
            let why = if number(v).is_none() {
                format!(
                    "'{v}' is not a number, which the {} level needs; leave the cell empty for a missing rating",
                    level_name(level)
                )
            } else {
                format!("'{v}' is negative; the ratio level needs values ≥ 0")
            };
            return Err(Error::field(path, Some(line), coders[col].clone(), why));
        }
        if let Some(bad) = opts.categories.iter().find(|c| number(c.trim()).is_none()) {
            return Err(Error::user(format!(
                "--categories: '{bad}' is not a number, which the {} level needs",
                level_name(level)
            )));
        }
    }
    // Category set: declared, or the values that occur.
    let declared = !opts.categories.is_empty();
    let mut labels: Vec<String> = if declared {
        opts.categories
            .iter()
            .map(|c| c.trim().to_string())
            .collect()
    } else {
        let mut l: Vec<&str> = (0..t.values.len())
            .filter(|&i| used[i])
            .map(|i| t.values[i])
            .collect();
        l.sort_unstable();
        l.into_iter().map(str::to_string).collect()
    };
    let numeric = level != Level::Nominal || labels.iter().all(|c| number(c).is_some());
    // Raw value id → category index (NOT_FOUND: not among the declared categories).
    const NOT_FOUND: u32 = u32::MAX;
    let mut values = None;
    let index: Vec<u32> = if numeric {
        // Numbers compare by value ("1" = "1.0") and sort ascending.
        let mut sorted: Vec<f64> = labels
            .iter()
            .filter_map(|c| number(c))
            .map(|v| v + 0.0)
            .collect();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        labels = sorted.iter().map(|v| v.to_string()).collect();
        let index = nums
            .iter()
            .map(|x| {
                x.and_then(|v| sorted.binary_search_by(|s| s.total_cmp(&(v + 0.0))).ok())
                    .map_or(NOT_FOUND, |i| i as u32)
            })
            .collect();
        values = Some(sorted);
        index
    } else {
        let by_label: HashMap<&str, u32> = labels
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i as u32))
            .collect();
        t.values
            .iter()
            .map(|v| by_label.get(v).copied().unwrap_or(NOT_FOUND))
            .collect()
    };
    let unknown: Vec<bool> = index
        .iter()
        .zip(&used)
        .map(|(&i, &u)| u && i == NOT_FOUND)
        .collect();
    if let Some((line, col, v)) = first_bad(&unknown) {
        return Err(Error::field(
            path,
            Some(line),
            coders[col].clone(),
            format!(
                "'{v}' is not one of --categories ({})",
                opts.categories.join(", ")
            ),
        ));
    }
    let body = &t.ids[first_body * width..];
    let mut cells = Vec::with_capacity(body.len());
    let mut missing = 0;
    for &id in body {
        cells.push(if id == EMPTY {
            missing += 1;
            MISSING
        } else {
            index[id as usize]
        });
    }
    let rated = body.len() - missing;
    Ok(RatingsData {
        coders,
        header,
        ratings: IndexedRatings::from_cells(width, labels.len(), cells)
            .ok_or_else(|| Error::input(path, None, "ratings out of range"))?,
        categories: labels,
        values,
        declared,
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
