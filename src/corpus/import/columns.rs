//! A survey's columns as an import reads them: each with its role (case id, free text,
//! attribute, ignored), how many answered it and a few answers — what the workbench previews.

use super::ImportSettings;
use super::survey::read_grid;
use crate::corpus::text;
use crate::error::Result;
use std::path::Path;

/// What a survey column becomes on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    /// Names the respondent (`--case-column`).
    CaseId,
    /// Free text: a unit per non-empty answer (`--text-columns`).
    Text,
    /// An attribute of the respondent (every other column).
    Attribute,
    /// Left out (`--ignore-columns`).
    Ignored,
}

impl ColumnRole {
    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::CaseId => "case id",
            ColumnRole::Text => "free text",
            ColumnRole::Attribute => "attribute",
            ColumnRole::Ignored => "ignored",
        }
    }
}

/// A survey column as an import with `settings` reads it: its (deduplicated) name, role, how
/// many rows answer it and its first few distinct answers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SurveyColumn {
    pub name: String,
    pub role: ColumnRole,
    pub filled: usize,
    pub samples: Vec<String>,
}

/// The columns of a survey CSV with the roles `settings` (the settings an import of it came
/// out with) gives them.
pub fn survey_columns(
    path: &Path,
    bytes: &[u8],
    settings: &ImportSettings,
) -> Result<Vec<SurveyColumn>> {
    let content = text::decode(path, bytes)?;
    let grid = read_grid(path, &content)?;
    Ok(grid
        .headers
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let role = if settings.case_column.as_deref() == Some(name.as_str()) {
                ColumnRole::CaseId
            } else if settings.text_columns.contains(name) {
                ColumnRole::Text
            } else if settings.ignore_columns.contains(name) {
                ColumnRole::Ignored
            } else {
                ColumnRole::Attribute
            };
            let mut samples: Vec<String> = Vec::new();
            let mut filled = 0;
            for (_, row) in &grid.rows {
                let v = row[c].trim();
                if v.is_empty() {
                    continue;
                }
                filled += 1;
                if samples.len() < 3 && !samples.iter().any(|s| s == v) {
                    samples.push(v.replace(['\r', '\n'], " "));
                }
            }
            SurveyColumn {
                name: name.clone(),
                role,
                filled,
                samples,
            }
        })
        .collect())
}
