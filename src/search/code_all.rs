//! "Code all results": apply one code to every unit a query matches (or a chosen few of them)
//! as one undoable action in the coder's own log.

use super::SearchIndex;
use crate::coding::{Change, CoderState, CodingLog};
use crate::error::{Error, Result};
use crate::project::Project;
use serde::Serialize;
use std::collections::HashSet;

/// What coding the results did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeResults {
    /// The code's id.
    pub code: String,
    /// Every unit the query matched, in corpus order.
    pub matched: Vec<String>,
    /// The units that got the code now (the others chosen already had it).
    pub coded: Vec<String>,
}

/// What [`code_results`] would do, without doing it: the code, every match, and the chosen
/// units that do not have the code yet in `state` (the coder's own state).
pub fn preview_code_results(
    index: &SearchIndex,
    project: &Project,
    state: &CoderState,
    coder: &str,
    query: &str,
    code: &str,
    only: Option<&[String]>,
) -> Result<CodeResults> {
    let code = project.codebook.resolve(code)?.id.clone();
    let matched = index.matching_units(query, Some(coder))?;
    let chosen: Vec<String> = match only {
        None => matched.clone(),
        Some(units) => {
            let among: HashSet<&str> = matched.iter().map(String::as_str).collect();
            if let Some(stray) = units.iter().find(|u| !among.contains(u.as_str())) {
                project.require_unit(stray)?;
                return Err(Error::user(format!(
                    "unit {stray} is not among the results of '{query}'"
                )));
            }
            let wanted: HashSet<&str> = units.iter().map(String::as_str).collect();
            matched
                .iter()
                .filter(|u| wanted.contains(u.as_str()))
                .cloned()
                .collect()
        }
    };
    let coded = chosen
        .into_iter()
        .filter(|u| !state.has(u, &code, None))
        .collect();
    Ok(CodeResults {
        code,
        matched,
        coded,
    })
}

/// Apply `code` (name or id) to the whole of every unit `query` matches — or only to `only`,
/// which must be among the matches — as ONE action in `log` (undo with [`CodingLog::undo`], then
/// [`SearchIndex::refresh`]). `coder` is the log's coder: bare `code:X` filters mean theirs.
/// The index is refreshed before returning, so a search right after sees the new codes.
pub fn code_results(
    index: &mut SearchIndex,
    project: &Project,
    log: &mut CodingLog,
    coder: &str,
    query: &str,
    code: &str,
    only: Option<&[String]>,
) -> Result<CodeResults> {
    let plan = preview_code_results(index, project, log.state(), coder, query, code, only)?;
    let changes: Vec<Change> = plan
        .coded
        .iter()
        .map(|u| Change::Apply {
            unit: u.clone(),
            code: plan.code.clone(),
            span: None,
            memo: None,
        })
        .collect();
    log.record(&changes)?;
    index.refresh(project, &mut |_, _| {})?;
    Ok(plan)
}
