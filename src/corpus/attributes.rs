//! Case attributes merged from a CSV (`thematic attributes FILE`): first column is the case id.

use super::{Attributes, attribute_key, text};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The attribute overlay kept in `attributes.json`: case id → attributes set by hand or CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeOverlay {
    pub format: u32,
    pub cases: BTreeMap<String, Attributes>,
    /// Attribute key → the header it was given under, for display and export.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Short names for attributes: alias → attribute key (see `aliases.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
    /// Response scales set by hand (`thematic attributes scale`): attribute → levels, lowest first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scales: BTreeMap<String, Vec<String>>,
}

/// An attributes CSV: case id → attributes, the header of each attribute, and the line each
/// case is on.
#[derive(Debug, Clone, Default)]
pub struct AttributeRows {
    pub cases: BTreeMap<String, Attributes>,
    pub labels: BTreeMap<String, String>,
    pub lines: BTreeMap<String, usize>,
}

/// Parse an attributes CSV into case id → attributes. Empty cells are skipped.
pub fn parse_csv(path: &Path, bytes: &[u8]) -> Result<BTreeMap<String, Attributes>> {
    parse_rows(path, bytes).map(|r| r.cases)
}

/// Parse an attributes CSV, keeping headers and lines.
pub fn parse_rows(path: &Path, bytes: &[u8]) -> Result<AttributeRows> {
    let content = text::decode(path, bytes)?;
    super::csv_quotes::check_closed(path, &content)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(content.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(h)) => h.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>(),
        Some(Err(e)) => {
            return Err(Error::input(
                path,
                e.position().map(|p| p.line() as usize),
                e.to_string(),
            ));
        }
        None => return Err(Error::input(path, None, "file is empty")),
    };
    if header.len() < 2 {
        return Err(Error::input(
            path,
            Some(1),
            "need a case id column and at least one attribute column",
        ));
    }
    let keys: Vec<String> = header.iter().map(|h| attribute_key(h)).collect();
    for (i, k) in keys.iter().enumerate().skip(1) {
        if k.is_empty() {
            return Err(Error::field(
                path,
                Some(1),
                format!("column {}", i + 1),
                "attribute column has no name",
            ));
        }
        if keys[1..i].contains(k) {
            return Err(Error::field(
                path,
                Some(1),
                &header[i],
                "attribute named twice",
            ));
        }
    }
    let mut out: BTreeMap<String, Attributes> = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for rec in rows {
        let rec = rec.map_err(|e| {
            Error::input(path, e.position().map(|p| p.line() as usize), e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rec.len() != header.len() {
            return Err(Error::input(
                path,
                Some(line),
                format!(
                    "row has {} fields but the header has {}",
                    rec.len(),
                    header.len()
                ),
            ));
        }
        let case = rec[0].trim().to_string();
        if case.is_empty() {
            return Err(Error::field(path, Some(line), &header[0], "empty case id"));
        }
        if out.contains_key(&case) {
            return Err(Error::field(
                path,
                Some(line),
                &header[0],
                format!("case '{case}' is listed twice"),
            ));
        }
        let attrs = keys[1..]
            .iter()
            .zip(rec.iter().skip(1))
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.trim().to_string()))
            .collect();
        lines.insert(case.clone(), line);
        out.insert(case, attrs);
    }
    if out.is_empty() {
        return Err(Error::input(path, None, "no rows of attributes"));
    }
    Ok(AttributeRows {
        cases: out,
        labels: keys[1..]
            .iter()
            .cloned()
            .zip(header[1..].iter().cloned())
            .collect(),
        lines,
    })
}
