//! Reliability data from a project: which units count (reviewed by every selected coder,
//! passing the filters), which codes count, and each coder's code set per counted unit as a
//! bitset — with an account of everything that was left out and why.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::filters::{Filters, Rejection};
use crate::coding::CoderState;
use crate::error::{Error, Result};
use crate::project::Project;

/// Which codes are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeScope {
    /// Every active code without active sub-codes. Codings of parent codes are not counted
    /// (and are reported).
    #[default]
    Leaves,
    /// Leaves, plus every parent code counted as present when the coder applied it or any of
    /// its descendants (roll-up).
    LeavesAndParents,
    /// Every active code exactly as applied (no roll-up): what a coder literally did.
    Applied,
}

/// A code that is compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedCode {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    /// A parent code counted by roll-up of its descendants.
    pub rollup: bool,
}

/// What was not counted, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exclusions {
    /// Units in the project.
    pub project_units: usize,
    /// Units whose source kind is not one of `--kind`.
    pub filtered_by_kind: usize,
    /// Units whose case does not have the `--where` attributes.
    pub filtered_by_attribute: usize,
    /// Moderators' turns (context, compared only with `--moderators`).
    pub moderator_turns: usize,
    /// Units passing the filters that some selected coder has not marked reviewed.
    pub not_reviewed_by_all: usize,
    /// Of those, units no selected coder reviewed.
    pub reviewed_by_none: usize,
    /// Per coder: units passing the filters that this coder has not reviewed.
    pub not_reviewed_by: BTreeMap<String, usize>,
    /// Units left out for a missing review mark although some coder coded them.
    pub unreviewed_with_codings: usize,
    /// Codings on counted units of parent codes that are not compared (scope `leaves`).
    pub parent_codings_not_counted: usize,
    /// Codings on the project's units of removed (or unknown) codes: hidden, kept in the logs.
    pub removed_code_codings: usize,
    /// Codings and review marks naming units that are not in the project.
    pub unknown_unit_entries: usize,
    /// Span level: spans running past the end of their unit's text (cut at its end).
    pub spans_clamped: u64,
}

/// Units × coders × code sets, for the units every selected coder reviewed.
#[derive(Debug)]
pub struct CodedUnits {
    pub coders: Vec<String>,
    pub codes: Vec<CountedCode>,
    /// Positions in `Project::units` of the counted units, in project order.
    pub units: Vec<usize>,
    pub scope: CodeScope,
    pub filters: Filters,
    pub exclusions: Exclusions,
    /// Active parent codes that are not compared (scope `leaves`): their names.
    pub codes_not_counted: Vec<String>,
    words: usize,
    /// `[unit][coder][word]`.
    bits: Vec<u64>,
    /// Each coder's state as replayed from the log (code ids as stored: resolve them with
    /// [`CodedUnits::canonical`] or [`CodedUnits::bits_of`]).
    states: Vec<CoderState>,
    /// Stored code id (any code of the codebook) → what it counts as now.
    resolved: HashMap<String, Option<Resolved>>,
}

/// What a stored code id stands for now: the active code it was merged into (or itself) and
/// the compared codes it sets.
#[derive(Debug, Clone)]
struct Resolved {
    id: String,
    bits: Vec<usize>,
}

/// The coders to compare: the given names (each with a log), or the first two.
pub fn select_coders(p: &Project, wanted: &[String]) -> Result<Vec<String>> {
    let known = p.coders()?;
    let list = if known.is_empty() {
        "none yet".to_string()
    } else {
        known.join(", ")
    };
    if wanted.is_empty() {
        if known.len() < 2 {
            return Err(Error::user(format!(
                "agreement needs two coders with coding logs; this project has: {list}"
            )));
        }
        return Ok(known[..2].to_vec());
    }
    let mut out: Vec<String> = Vec::new();
    for w in wanted.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        if !known.iter().any(|k| k == w) {
            return Err(Error::user(format!(
                "unknown coder '{w}'; coders with a log in this project: {list}"
            )));
        }
        if out.iter().any(|o| o == w) {
            return Err(Error::user(format!(
                "coder '{w}' is named twice in --coders"
            )));
        }
        out.push(w.to_string());
    }
    if out.len() < 2 {
        return Err(Error::user(format!(
            "agreement needs at least two coders (--coders A,B); coders in this project: {list}"
        )));
    }
    Ok(out)
}

impl CodedUnits {
    /// Collect the reliability data. Code ids are followed through merges and codings of
    /// removed codes are left out, as in [`Project::effective`]. Fails (one clear line) if no
    /// unit passes the filters and was reviewed by every selected coder.
    pub fn collect(
        p: &Project,
        coders: &[String],
        filters: &Filters,
        scope: CodeScope,
    ) -> Result<CodedUnits> {
        filters.check(p)?;
        let (codes, resolved, codes_not_counted) = counted_codes(p, scope);
        let words = codes.len().div_ceil(64).max(1);
        let m = coders.len();
        let mut exclusions = Exclusions {
            project_units: p.units.len(),
            not_reviewed_by: coders.iter().map(|c| (c.clone(), 0)).collect(),
            ..Default::default()
        };
        let states: Vec<CoderState> = p.coder_states(coders)?;
        let matcher = filters.matcher(p);
        let mut units = Vec::new();
        let mut bits = Vec::new();
        // Per coder: review marks and coded units found among the project's units.
        let mut known_reviewed = vec![0usize; m];
        let mut known_coded = vec![0usize; m];
        let mut reviewed = vec![false; m];
        let mut lists: Vec<&[crate::coding::Coding]> = vec![&[]; m];
        for (pos, unit) in p.units.iter().enumerate() {
            for (c, state) in states.iter().enumerate() {
                reviewed[c] = state.is_reviewed(&unit.id);
                lists[c] = state.codings_of(&unit.id);
                known_reviewed[c] += usize::from(reviewed[c]);
                known_coded[c] += lists[c].len();
                exclusions.removed_code_codings += lists[c]
                    .iter()
                    .filter(|x| !matches!(resolved.get(x.code.as_str()), Some(Some(_))))
                    .count();
            }
            match matcher.check(unit) {
                Err(Rejection::Kind) => {
                    exclusions.filtered_by_kind += 1;
                    continue;
                }
                Err(Rejection::Attribute) => {
                    exclusions.filtered_by_attribute += 1;
                    continue;
                }
                Err(Rejection::Moderator) => {
                    exclusions.moderator_turns += 1;
                    continue;
                }
                Ok(()) => {}
            }
            let n_reviewed = reviewed.iter().filter(|r| **r).count();
            if n_reviewed < m {
                for (coder, r) in coders.iter().zip(&reviewed) {
                    if !r && let Some(n) = exclusions.not_reviewed_by.get_mut(coder) {
                        *n += 1;
                    }
                }
                exclusions.not_reviewed_by_all += 1;
                if n_reviewed == 0 {
                    exclusions.reviewed_by_none += 1;
                }
                if lists.iter().any(|l| !l.is_empty()) {
                    exclusions.unreviewed_with_codings += 1;
                }
                continue;
            }
            units.push(pos);
            let start = bits.len();
            bits.resize(start + m * words, 0u64);
            for (c, list) in lists.iter().enumerate() {
                let row = &mut bits[start + c * words..start + (c + 1) * words];
                for coding in *list {
                    match resolved.get(coding.code.as_str()) {
                        Some(Some(r)) if !r.bits.is_empty() => {
                            for &b in &r.bits {
                                row[b / 64] |= 1 << (b % 64);
                            }
                        }
                        Some(Some(_)) => exclusions.parent_codings_not_counted += 1,
                        _ => {}
                    }
                }
            }
        }
        for (c, state) in states.iter().enumerate() {
            exclusions.unknown_unit_entries +=
                (state.reviewed.len() - known_reviewed[c]) + (state.count() - known_coded[c]);
        }
        let passed = exclusions.not_reviewed_by_all;
        if units.is_empty() && passed == 0 && !filters.is_empty() {
            return Err(Error::user(format!(
                "no unit matches the filters ({}); see `thematic cases` for the attribute values",
                filters.describe()
            )));
        }
        if units.is_empty() {
            let who = if m == 2 {
                format!("both {} and {}", coders[0], coders[1])
            } else {
                format!("all of {}", coders.join(", "))
            };
            let filtered = if filters.is_empty() {
                String::new()
            } else {
                format!(
                    " among the units passing the filters ({})",
                    filters.describe()
                )
            };
            return Err(Error::user(format!(
                "no unit was reviewed by {who}{filtered}; mark units with `thematic review --coder NAME UNIT…`"
            )));
        }
        Ok(CodedUnits {
            coders: coders.to_vec(),
            codes,
            units,
            scope,
            filters: filters.clone(),
            exclusions,
            codes_not_counted,
            words,
            bits,
            states,
            resolved,
        })
    }

    /// Number of coders m.
    pub fn m(&self) -> usize {
        self.coders.len()
    }

    /// Words per code-set bitset.
    pub fn words(&self) -> usize {
        self.words
    }

    /// The bitsets of all coders for counted unit `i` (`[coder][word]`).
    pub fn unit_sets(&self, i: usize) -> &[u64] {
        let w = self.m() * self.words;
        &self.bits[i * w..(i + 1) * w]
    }

    /// Whether coder `c` has code `code` (index into `codes`) on counted unit `i`.
    pub fn has(&self, i: usize, c: usize, code: usize) -> bool {
        let w = self.unit_sets(i)[c * self.words + code / 64];
        (w >> (code % 64)) & 1 == 1
    }

    /// Coder `c`'s state as replayed from the log (stored code ids).
    pub fn state(&self, c: usize) -> &CoderState {
        &self.states[c]
    }

    /// The active code a stored code id counts as now (merges followed); `None` if removed.
    pub fn canonical(&self, code: &str) -> Option<&str> {
        self.resolved.get(code)?.as_ref().map(|r| r.id.as_str())
    }

    /// The compared codes (indices into `codes`) a stored code id sets.
    pub fn bits_of(&self, code: &str) -> &[usize] {
        match self.resolved.get(code) {
            Some(Some(r)) => &r.bits,
            _ => &[],
        }
    }
}

type CodeMaps = (
    Vec<CountedCode>,
    HashMap<String, Option<Resolved>>,
    Vec<String>,
);

/// The compared codes in codebook order, and for every code id of the codebook what it counts
/// as now and the compared codes it sets.
fn counted_codes(p: &Project, scope: CodeScope) -> CodeMaps {
    let cb = &p.codebook;
    let is_parent = |id: &str| cb.active().any(|c| c.parent.as_deref() == Some(id));
    let mut codes = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut not_counted = Vec::new();
    for c in cb.active() {
        let parent = is_parent(&c.id);
        if parent && scope == CodeScope::Leaves {
            not_counted.push(c.name.clone());
            continue;
        }
        index.insert(c.id.as_str(), codes.len());
        codes.push(CountedCode {
            id: c.id.clone(),
            name: c.name.clone(),
            parent: c.parent.clone(),
            rollup: parent && scope == CodeScope::LeavesAndParents,
        });
    }
    let mut active: HashMap<&str, Vec<usize>> = HashMap::new();
    for c in cb.active() {
        let mut list: Vec<usize> = index.get(c.id.as_str()).copied().into_iter().collect();
        if scope == CodeScope::LeavesAndParents {
            let mut cur = c.parent.as_deref();
            let mut guard = 0;
            while let Some(pid) = cur {
                guard += 1;
                if guard > cb.codes.len() {
                    break;
                }
                if let Some(&i) = index.get(pid) {
                    list.push(i);
                }
                cur = cb.get(pid).and_then(|x| x.parent.as_deref());
            }
        }
        active.insert(c.id.as_str(), list);
    }
    let resolved = cb
        .codes
        .iter()
        .map(|c| {
            let r = cb.canonical(&c.id).map(|id| Resolved {
                id: id.to_string(),
                bits: active.get(id).cloned().unwrap_or_default(),
            });
            (c.id.clone(), r)
        })
        .collect();
    (codes, resolved, not_counted)
}
