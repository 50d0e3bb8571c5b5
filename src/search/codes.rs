//! The codes the index holds per unit: every coder's effective codes and the consensus.

use super::schema::code_term;
use crate::error::{Error, Result};
use crate::project::Project;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// Where the reconciled coding is kept.
pub fn consensus_path(project: &Project) -> PathBuf {
    project.root.join("consensus.jsonl")
}

/// The consensus codes per unit (ids as the codebook has them now). The only place search reads
/// `consensus.jsonl`: JSON lines with `unit` and `codes`, the last line about a unit winning;
/// lines without a unit (a header) and torn lines are skipped. No file: no consensus yet.
pub fn consensus_codes(project: &Project) -> Result<HashMap<String, Vec<String>>> {
    let path = consensus_path(project);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for line in bytes.split(|&b| b == b'\n') {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let Some(unit) = v.get("unit").and_then(|u| u.as_str()) else {
            continue;
        };
        let codes = v
            .get("codes")
            .and_then(|c| c.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str())
                    .filter_map(|c| project.codebook.canonical(c))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.insert(unit.to_string(), codes);
    }
    Ok(out)
}

/// Code terms per unit over all coders and the consensus; only for `only` when given.
pub fn code_terms(
    project: &Project,
    only: Option<&BTreeSet<String>>,
) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let mut add = |unit: &str, term: String| {
        let list = out.entry(unit.to_string()).or_default();
        if !list.contains(&term) {
            list.push(term);
        }
    };
    for coder in project.coders()? {
        let view = project.coder_view(&coder)?;
        for (unit, codings) in &view.codings {
            if wanted(unit) {
                for c in codings {
                    add(unit, code_term(&coder, &c.code));
                }
            }
        }
    }
    for (unit, codes) in consensus_codes(project)? {
        if wanted(&unit) {
            for c in codes {
                add(&unit, code_term("consensus", &c));
            }
        }
    }
    Ok(out)
}

/// The units that JSON lines (new lines of a coding or consensus log) are about.
pub fn units_in_lines(bytes: &[u8]) -> BTreeSet<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("unit").and_then(|u| u.as_str()).map(str::to_string))
        .collect()
}
