//! A theme's evidence: the coded segments of its codes inside its section's cases, and the
//! counts a results section quotes ("12 units from 9 of 31 respondents").

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use crate::coding::{CoderState, Span};
use crate::corpus::{Case, SourceKind, Unit, attribute_key, is_answer};
use crate::error::{Error, Result};
use crate::project::Project;

use super::map::Theme;

pub use crate::corpus::{NOT_PARTICIPANTS, is_participant};

/// Whether a case has every attribute of a section's `where` (values compare case-insensitively).
pub fn case_matches(case: &Case, filter: Option<&BTreeMap<String, String>>) -> bool {
    filter.is_none_or(|f| {
        f.iter().all(|(k, v)| {
            case.attributes
                .get(&attribute_key(k))
                .is_some_and(|have| have.trim().eq_ignore_ascii_case(v.trim()))
        })
    })
}

/// Whether a unit belongs to a section: a participant's answer (not a moderator's turn) whose
/// case matches the filter (a unit without a case belongs only to unfiltered sections).
pub fn unit_in_section(
    project: &Project,
    unit: &Unit,
    filter: Option<&BTreeMap<String, String>>,
) -> bool {
    let case = unit.case.as_deref().and_then(|c| project.case(c));
    is_answer(unit, case)
        && match case {
            Some(case) => case_matches(case, filter),
            None => filter.is_none_or(|f| f.is_empty()),
        }
}

/// The active code ids a theme's code names or ids stand for (merges followed).
pub fn theme_code_ids(project: &Project, theme: &Theme) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for name in &theme.codes {
        let code = project.codebook.find(name).ok_or_else(|| {
            Error::user(format!(
                "theme '{}': unknown code '{name}'; see `thematic codebook list`",
                theme.name
            ))
        })?;
        let id = project.codebook.canonical(&code.id).ok_or_else(|| {
            Error::user(format!(
                "theme '{}': code '{}' was removed; restore it or take it out of the theme",
                theme.name, code.name
            ))
        })?;
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// One coded segment, with what a reader needs to place it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub unit: String,
    pub case: Option<String>,
    pub source: String,
    pub kind: Option<SourceKind>,
    /// The code's id.
    pub code: String,
    pub span: Option<[usize; 2]>,
    /// The text under the span (or the whole unit).
    pub text: String,
}

/// Every segment coded (in `view`) with one of `codes`, in units of the section, in corpus order.
pub fn segments(
    project: &Project,
    view: &CoderState,
    codes: &[String],
    filter: Option<&BTreeMap<String, String>>,
) -> Vec<Segment> {
    let mut out = Vec::new();
    for unit in &project.units {
        let codings = view.codings_of(&unit.id);
        if codings.is_empty() || !unit_in_section(project, unit, filter) {
            continue;
        }
        for c in codings
            .iter()
            .filter(|c| codes.iter().any(|k| c.code == *k))
        {
            out.push(segment(project, unit, &c.code, c.span));
        }
    }
    out
}

pub fn segment(project: &Project, unit: &Unit, code: &str, span: Span) -> Segment {
    Segment {
        unit: unit.id.clone(),
        case: unit.case.clone(),
        source: unit.source.clone(),
        kind: project.source_kind(&unit.source),
        code: code.to_string(),
        span: span.map(|(s, e)| [s, e]),
        text: super::quote::source_text(unit, span),
    }
}

/// How much evidence a theme has in one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ThemeCounts {
    /// Coded segments (a unit coded with two of the theme's codes counts twice).
    pub segments: usize,
    /// Units with at least one of the theme's codes.
    pub units: usize,
    /// Participants (cases) with at least one such unit: the "n" of "n of N".
    pub cases: usize,
    /// Participants in the section who have any unit: the "N".
    pub cases_total: usize,
}

impl ThemeCounts {
    /// "9 of 31 respondents (14 units)".
    pub fn describe(&self) -> String {
        format!(
            "{} of {} respondents ({} unit{})",
            self.cases,
            self.cases_total,
            self.units,
            if self.units == 1 { "" } else { "s" }
        )
    }
}

/// The participants of a section: matching cases that have at least one unit.
pub fn section_cases(project: &Project, filter: Option<&BTreeMap<String, String>>) -> usize {
    let with_units: HashSet<&str> = project
        .units
        .iter()
        .filter_map(|u| u.case.as_deref())
        .collect();
    project
        .cases
        .iter()
        .filter(|c| with_units.contains(c.id.as_str()))
        .filter(|c| is_participant(c) && case_matches(c, filter))
        .count()
}

/// Counts from a theme's segments.
pub fn count(segments: &[Segment], cases_total: usize) -> ThemeCounts {
    let units: BTreeSet<&str> = segments.iter().map(|s| s.unit.as_str()).collect();
    let cases: BTreeSet<&str> = segments.iter().filter_map(|s| s.case.as_deref()).collect();
    ThemeCounts {
        segments: segments.len(),
        units: units.len(),
        cases: cases.len(),
        cases_total,
    }
}

/// The participants with at least one unit coded (in `view`) with any of the theme's codes, in
/// any section: what a crosstab's `theme:NAME` asks of a case.
pub fn theme_cases(
    project: &Project,
    view: &CoderState,
    theme: &Theme,
) -> Result<BTreeSet<String>> {
    let codes = theme_code_ids(project, theme)?;
    Ok(segments(project, view, &codes, None)
        .into_iter()
        .filter_map(|s| s.case)
        .collect())
}
