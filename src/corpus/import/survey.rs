//! Survey CSV exports (Google Forms, Qualtrics): a unit per non-empty free-text answer.

use super::{ImportOptions, ImportSettings};
use crate::corpus::{Case, Parsed, Unit, attribute_key, text};
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The parsed grid: display headers (deduplicated), question texts, data rows with line numbers.
pub(super) struct Grid {
    pub(super) headers: Vec<String>,
    questions: Vec<String>,
    pub(super) rows: Vec<(usize, Vec<String>)>,
    qualtrics: bool,
}

pub(super) fn read_grid(path: &Path, content: &str) -> Result<Grid> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(content.as_bytes());
    let mut records = Vec::new();
    let mut lines = text::LineCounter::new(content);
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| lines.line_at(p.byte() as usize));
            Error::input(path, line, format!("CSV error: {}", csv_reason(&e)))
        })?;
        let line = rec
            .position()
            .map_or(0, |p| lines.line_at(p.byte() as usize));
        records.push((line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    let Some((_, header)) = records.first().cloned() else {
        return Err(Error::input(path, None, "file is empty"));
    };
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::input(path, Some(1), "the header row is empty"));
    }
    // Qualtrics: row 2 holds question texts, row 3 ImportId JSON.
    let qualtrics = records.len() >= 3
        && records[2]
            .1
            .iter()
            .any(|c| c.trim_start().starts_with("{\"ImportId\""));
    let mut questions = header.clone();
    let skip = if qualtrics {
        questions = records[1].1.clone();
        3
    } else {
        1
    };
    let width = header.len();
    let mut rows = Vec::new();
    for (line, cells) in records.into_iter().skip(skip) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() != width {
            return Err(Error::input(
                path,
                Some(line),
                format!("row has {} fields but the header has {width}", cells.len()),
            ));
        }
        rows.push((line, cells));
    }
    if rows.is_empty() {
        return Err(Error::input(
            path,
            None,
            "the CSV has a header but no answers",
        ));
    }
    Ok(Grid {
        headers: dedupe(&header),
        questions,
        rows,
        qualtrics,
    })
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    }
}

/// Duplicate column names get " (2)", " (3)"… so every column has a name of its own. A new
/// name never takes one another column already has (`A, A (2), A` → `A, A (2), A (3)`), and
/// names stay apart as attribute keys too (their case attributes would overwrite each other).
fn dedupe(headers: &[String]) -> Vec<String> {
    let base_of = |i: usize, h: &String| {
        if h.trim().is_empty() {
            format!("Column {}", i + 1)
        } else {
            h.trim().to_string()
        }
    };
    let bases: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| base_of(i, h))
        .collect();
    let reserved: HashSet<String> = bases.iter().map(|b| attribute_key(b)).collect();
    let mut used: HashSet<String> = HashSet::new();
    bases
        .iter()
        .map(|base| {
            if used.insert(attribute_key(base)) {
                return base.clone();
            }
            let mut n = 2;
            loop {
                let name = format!("{base} ({n})");
                let key = attribute_key(&name);
                if !reserved.contains(&key) && used.insert(key) {
                    return name;
                }
                n += 1;
            }
        })
        .collect()
}

/// Resolve a column named on the command line: its name (any case), its deduplicated name, or
/// its 1-based number.
fn find_column(path: &Path, headers: &[String], flag: &str, name: &str) -> Result<usize> {
    let wanted = name.trim();
    if let Some(i) = headers.iter().position(|h| h.eq_ignore_ascii_case(wanted)) {
        return Ok(i);
    }
    if let Ok(n) = wanted.parse::<usize>()
        && (1..=headers.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let list = headers
        .iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::field(
        path,
        Some(1),
        flag,
        format!("no column named '{wanted}'; the columns are {list}"),
    ))
}

fn looks_like_case_column(h: &str) -> bool {
    let k = attribute_key(h);
    matches!(
        k.as_str(),
        "respondent"
            | "respondent_id"
            | "responseid"
            | "response_id"
            | "participant"
            | "participant_id"
            | "id"
            | "case"
            | "case_id"
            | "email"
            | "email_address"
            | "username"
            | "name"
    )
}

fn is_metadata(h: &str) -> bool {
    let k = attribute_key(h);
    matches!(
        k.as_str(),
        "timestamp"
            | "startdate"
            | "enddate"
            | "recordeddate"
            | "status"
            | "ipaddress"
            | "progress"
            | "duration_in_seconds"
            | "finished"
            | "distributionchannel"
            | "userlanguage"
            | "locationlatitude"
            | "locationlongitude"
            | "externalreference"
    )
}

/// Columns whose answers are long free text: not categorical (few values repeated), mostly
/// letters, three or more words on average.
pub fn detect_text_columns(values_by_column: &[Vec<&str>]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, values) in values_by_column.iter().enumerate() {
        let filled: Vec<&str> = values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        if filled.is_empty() {
            continue;
        }
        let distinct: HashSet<&str> = filled.iter().copied().collect();
        let categorical = distinct.len() <= 7 && filled.len() >= 2 * distinct.len();
        let words: usize = filled.iter().map(|v| v.split_whitespace().count()).sum();
        let chars: usize = filled.iter().map(|v| v.chars().count()).sum();
        let letters: usize = filled
            .iter()
            .map(|v| v.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        let avg_words = words as f64 / filled.len() as f64;
        if !categorical && avg_words >= 3.0 && letters * 2 > chars {
            out.push(i);
        }
    }
    out
}

pub(super) fn parse(
    path: &Path,
    bytes: &[u8],
    source_id: &str,
    opts: &ImportOptions,
    settings: &mut ImportSettings,
) -> Result<Parsed> {
    let content = text::decode(path, bytes)?;
    crate::corpus::csv_quotes::check_closed(path, &content)?;
    let grid = read_grid(path, &content)?;
    settings.format = if grid.qualtrics {
        "qualtrics-csv"
    } else {
        "survey-csv"
    }
    .into();
    let h = &grid.headers;

    let mut ignored = Vec::new();
    for name in &opts.ignore_columns {
        ignored.push(find_column(path, h, "--ignore-columns", name)?);
    }
    let case_col = match &opts.case_column {
        Some(name) => {
            let c = find_column(path, h, "--case-column", name)?;
            if ignored.contains(&c) {
                return Err(Error::field(
                    path,
                    Some(1),
                    "--ignore-columns",
                    format!("'{}' is the case column", h[c]),
                ));
            }
            Some(c)
        }
        None => (0..h.len()).find(|&c| !ignored.contains(&c) && looks_like_case_column(&h[c])),
    };
    let text_cols: Vec<usize> = if opts.text_columns.is_empty() {
        let columns: Vec<Vec<&str>> = (0..h.len())
            .map(|c| grid.rows.iter().map(|(_, r)| r[c].as_str()).collect())
            .collect();
        detect_text_columns(&columns)
            .into_iter()
            .filter(|&c| Some(c) != case_col && !ignored.contains(&c) && !is_metadata(&h[c]))
            .collect()
    } else {
        let mut cols = Vec::new();
        for name in &opts.text_columns {
            let c = find_column(path, h, "--text-columns", name)?;
            if Some(c) == case_col {
                return Err(Error::field(
                    path,
                    Some(1),
                    "--text-columns",
                    format!("'{}' is the case column", h[c]),
                ));
            }
            if ignored.contains(&c) {
                return Err(Error::field(
                    path,
                    Some(1),
                    "--text-columns",
                    format!("'{}' is also given with --ignore-columns", h[c]),
                ));
            }
            cols.push(c);
        }
        cols
    };
    if text_cols.is_empty() {
        return Err(Error::input(
            path,
            None,
            "no free-text columns found; name them with --text-columns COL,COL",
        ));
    }
    settings.case_column = case_col.map(|c| h[c].clone());
    settings.text_columns = text_cols.iter().map(|&c| h[c].clone()).collect();
    settings.ignore_columns = ignored.iter().map(|&c| h[c].clone()).collect();

    let mut cases = Vec::new();
    let mut units = Vec::new();
    let mut seen_cases: HashMap<String, usize> = HashMap::new();
    for (row_no, (line, cells)) in grid.rows.iter().enumerate() {
        let row = row_no + 1;
        let case_id = match case_col {
            Some(c) => {
                let id = cells[c].trim().to_string();
                if id.is_empty() {
                    return Err(Error::field(
                        path,
                        Some(*line),
                        &h[c],
                        "empty respondent id",
                    ));
                }
                id
            }
            None => format!("{source_id}-r{row}"),
        };
        if let Some(first) = seen_cases.insert(case_id.clone(), *line) {
            let field = case_col.map_or("row", |c| h[c].as_str());
            return Err(Error::field(
                path,
                Some(*line),
                field,
                format!("respondent '{case_id}' already answered on line {first}"),
            ));
        }
        let mut attributes = crate::corpus::Attributes::new();
        for (c, value) in cells.iter().enumerate() {
            if Some(c) == case_col
                || text_cols.contains(&c)
                || ignored.contains(&c)
                || value.trim().is_empty()
            {
                continue;
            }
            attributes.insert(attribute_key(&h[c]), value.trim().to_string());
        }
        cases.push(Case {
            id: case_id.clone(),
            attributes,
            moderator: false,
        });
        for &c in &text_cols {
            let answer = cells[c].trim();
            if answer.is_empty() {
                continue;
            }
            let question = grid
                .questions
                .get(c)
                .map(|q| q.trim())
                .filter(|q| !q.is_empty())
                .unwrap_or(&h[c]);
            units.push(Unit {
                id: format!("{source_id}:{row}:{}", c + 1),
                source: source_id.to_string(),
                case: Some(case_id.clone()),
                prompt: Some(question.to_string()),
                speaker: None,
                time: None,
                line: *line,
                text: answer.replace("\r\n", "\n"),
                moderator: false,
            });
        }
    }
    let labels = (0..h.len())
        .filter(|c| Some(*c) != case_col && !text_cols.contains(c) && !ignored.contains(c))
        .map(|c| (attribute_key(&h[c]), h[c].trim().to_string()))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    Ok(Parsed {
        cases,
        units,
        labels,
    })
}
