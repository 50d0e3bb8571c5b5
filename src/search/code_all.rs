//! "Code all results": apply one code to every unit a query matches (or a chosen few of them)
//! as one undoable action in the coder's own log.

use super::SearchIndex;
use crate::coding::{Change, CodingLog};
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
    let code = project.codebook.resolve(code)?.id.clone();
    let matched = index.matching_units(query, Some(coder))?;
    let chosen: Vec<String> = match only {
        None => matched.clone(),
        Some(units) => {
            let wanted: HashSet<&str> = units.iter().map(String::as_str).collect();
            let among: HashSet<&str> = matched.iter().map(String::as_str).collect();
            if let Some(stray) = units.iter().find(|u| !among.contains(u.as_str())) {
                project.require_unit(stray)?;
                return Err(Error::user(format!(
                    "unit {stray} is not among the results of '{query}'"
                )));
            }
            matched
                .iter()
                .filter(|u| wanted.contains(u.as_str()))
                .cloned()
                .collect()
        }
    };
    let coded: Vec<String> = chosen
        .iter()
        .filter(|u| !log.state().has(u, &code, None))
        .cloned()
        .collect();
    let changes: Vec<Change> = coded
        .iter()
        .map(|u| Change::Apply {
            unit: u.clone(),
            code: code.clone(),
            span: None,
            memo: None,
        })
        .collect();
    log.record(&changes)?;
    index.refresh(project, &mut |_, _| {})?;
    Ok(CodeResults {
        code,
        matched,
        coded,
    })
}
