//! The codes the index holds per unit: every coder's effective codes and the consensus.

use super::schema::code_term;
use crate::coding::Code;
use crate::error::{Error, Result};
use crate::project::Project;
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Where the reconciled coding is kept.
pub fn consensus_path(root: &Path) -> PathBuf {
    root.join("consensus.jsonl")
}

/// The consensus codes per unit (ids as the codebook has them now). The only place search reads
/// `consensus.jsonl`: JSON lines with `unit` and `codes`, the last line about a unit winning;
/// lines without a unit (a header) and torn lines are skipped. No file: no consensus yet.
pub fn consensus_codes(project: &Project) -> Result<HashMap<String, Vec<String>>> {
    let path = consensus_path(&project.root);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for line in crate::files::jsonl::Lines::of(&bytes).iter() {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line.bytes) else {
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

/// Code terms per unit over all coders and the consensus; only for `only` when given. The terms
/// (a coder's or the consensus's code, at most coders × codes of them) are interned: a unit's
/// list costs no allocation per term. The logs are read one after the other: side by side was
/// a fifth faster at 100,000 units but held every coder's replay at once (a quarter more memory).
pub fn code_terms(
    project: &Project,
    only: Option<&BTreeSet<String>>,
) -> Result<FxHashMap<String, Vec<Code>>> {
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let coders = project.coders()?;
    let mut out: FxHashMap<String, Vec<Code>> = FxHashMap::default();
    for coder in &coders {
        let terms = coder_terms(project, coder, only)?;
        if out.is_empty() {
            out = terms;
            continue;
        }
        for (unit, codes) in terms {
            let list = out.entry(unit).or_default();
            for c in codes {
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
    }
    for (unit, codes) in consensus_codes(project)? {
        if wanted(&unit) {
            let list = out.entry(unit).or_default();
            for c in codes {
                let term = Code::new(&code_term("consensus", &c));
                if !list.contains(&term) {
                    list.push(term);
                }
            }
        }
    }
    Ok(out)
}

/// One coder's code terms per unit (see [`code_terms`]).
fn coder_terms(
    project: &Project,
    coder: &str,
    only: Option<&BTreeSet<String>>,
) -> Result<FxHashMap<String, Vec<Code>>> {
    let canonical: HashMap<&str, &str> = project
        .codebook
        .codes
        .iter()
        .filter_map(|c| Some((c.id.as_str(), project.codebook.canonical(&c.id)?)))
        .collect();
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let st = crate::coding::CodingLog::read(&project.log_path(coder), coder)?;
    let mut term_of: HashMap<&str, Code> = HashMap::new();
    let mut out: FxHashMap<String, Vec<Code>> = FxHashMap::default();
    for (unit, codings) in st.codings {
        if !wanted(&unit) {
            continue;
        }
        let mut list = Vec::new();
        for c in codings {
            if let Some(id) = canonical.get(c.code.as_str()) {
                let term = *term_of
                    .entry(id)
                    .or_insert_with(|| Code::new(&code_term(coder, id)));
                if !list.contains(&term) {
                    list.push(term);
                }
            }
        }
        out.insert(unit, list);
    }
    Ok(out)
}
