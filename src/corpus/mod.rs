//! The corpus: sources, cases with attributes, and the units that are coded and compared.

pub mod aliases;
pub mod attributes;
pub mod csv_quotes;
pub mod import;
pub mod text;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What kind of material a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Survey,
    Interview,
    FocusGroup,
    Notes,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Survey,
        SourceKind::Interview,
        SourceKind::FocusGroup,
        SourceKind::Notes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Survey => "survey",
            SourceKind::Interview => "interview",
            SourceKind::FocusGroup => "focus-group",
            SourceKind::Notes => "notes",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Case attributes: normalized key → value.
pub type Attributes = BTreeMap<String, String>;

/// A participant: respondent, interviewee, speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub attributes: Attributes,
    /// A moderator, interviewer or facilitator: their turns are context, not answers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderator: bool,
}

/// The passage that is coded and compared. Its id is derived from the source id and the
/// unit's position in the source, so it never shifts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// The survey question, or the heading a notes paragraph stands under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Start time in a recording, as written in the transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// 1-based line in the source file where the unit starts (paragraph number for .docx).
    pub line: usize,
    pub text: String,
    /// A moderator's turn: shown as context, left out of agreement unless asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderator: bool,
}

/// What an importer produces from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    pub cases: Vec<Case>,
    pub units: Vec<Unit>,
    /// Attribute key → the column header it came from ("fellowship" → "Fellowship type").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

/// Normalize an attribute name: lowercase words joined by `_` ("Year of training" → "year_of_training").
pub fn attribute_key(name: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for ch in name.trim().chars() {
        if ch.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.extend(ch.to_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

/// Roles that speak in a transcript without being participants.
pub const NOT_PARTICIPANTS: [&str; 3] = ["moderator", "interviewer", "facilitator"];

/// Whether a case is a participant: not a speaker the importer flagged as a moderator, and not
/// given a moderator's, interviewer's or facilitator's `role`.
pub fn is_participant(case: &Case) -> bool {
    !case.moderator
        && case
            .attributes
            .get("role")
            .is_none_or(|r| !NOT_PARTICIPANTS.iter().any(|n| r.eq_ignore_ascii_case(n)))
}

/// Whether a unit is a participant's answer, what themes and crosstabs count: not a
/// moderator's turn, and not in the case of a non-participant (`case` is the unit's case).
pub fn is_answer(unit: &Unit, case: Option<&Case>) -> bool {
    !unit.moderator && case.is_none_or(is_participant)
}

/// A slug for ids: lowercase letters, digits and `-`.
pub fn slug(name: &str) -> String {
    attribute_key(name).replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_keys_are_normalized() {
        assert_eq!(attribute_key("Year of training"), "year_of_training");
        assert_eq!(attribute_key("  Fellowship "), "fellowship");
        assert_eq!(attribute_key("Q3_1 (text)"), "q3_1_text");
        assert_eq!(slug("Mentee Survey 2025.csv"), "mentee-survey-2025-csv");
    }
}
