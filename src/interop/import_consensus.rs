//! The consensus of an imported project: the consensus user's codings become the decisions of
//! `consensus.jsonl`. Our own archive names its consensus user (by GUID) in the sidecar and
//! keeps each decision's option, note, author and time; for a file from another tool the user
//! is named on the command line and each decision's option is read off the two coders' codings.

use super::import_codings::{CONSENSUS, plain_name};
use super::import_units::UnitPlace;
use super::model::{Exchange, Sidecar, SidecarConsensus};
use crate::agreement::{Filters, Pairwise};
use crate::coding::Change;
use crate::corpus::Unit;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{Choice, CodedSpan, ConsensusLog, Decision, coverage, resolve};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The GUID of the user whose codings are the consensus: the user `named` (by their name in the
/// file, or the coder name it would become here), else the one our sidecar marks. A name that
/// matches no user, or several, is refused, naming the users there are.
pub fn consensus_user(
    file: &Path,
    x: &Exchange,
    side: Option<&Sidecar>,
    named: Option<&str>,
) -> Result<Option<String>> {
    let Some(want) = named.map(str::trim) else {
        return Ok(side.and_then(|s| {
            s.consensus.as_ref().map(|c| c.user.clone()).or_else(|| {
                // An archive of ours written before the marker: the user mapped to `consensus`.
                s.users
                    .iter()
                    .find(|(_, n)| n.as_str() == CONSENSUS)
                    .map(|(g, _)| g.clone())
            })
        }));
    };
    let lower = want.to_lowercase();
    let mut hits: Vec<&String> = x
        .users
        .iter()
        .filter(|(g, n)| {
            n.trim().to_lowercase() == lower
                || plain_name(n) == lower
                || side.and_then(|s| s.users.get(*g)).map(String::as_str) == Some(want)
        })
        .map(|(g, _)| g)
        .collect();
    hits.sort();
    match hits.as_slice() {
        [one] => Ok(Some((*one).clone())),
        [] => {
            let mut names: Vec<&str> = x.users.values().map(String::as_str).collect();
            names.sort();
            Err(Error::input(
                file,
                None,
                if names.is_empty() {
                    format!("--consensus-user '{want}': the file names no users")
                } else {
                    format!(
                        "--consensus-user '{want}': no such user; the file's users are {}",
                        names.join(", ")
                    )
                },
            ))
        }
        _ => Err(Error::input(
            file,
            None,
            format!(
                "--consensus-user '{want}': {} users have that name",
                hits.len()
            ),
        )),
    }
}

/// The units the consensus decided, in project order. Ours: the units the sidecar marks,
/// "none" decisions included. Another tool's has no review marks: the units its consensus
/// user coded or wrote a note on; the rest stay undecided rather than claimed as "no code
/// applies".
pub fn decided(
    units: &[(Unit, UnitPlace)],
    side: Option<&Sidecar>,
    meta: Option<&SidecarConsensus>,
    changes: &[Change],
) -> Vec<String> {
    let marked: HashSet<&str> = match meta {
        Some(m) => side
            .and_then(|s| s.reviewed.get(CONSENSUS))
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(m.decisions.keys().map(String::as_str))
            .collect(),
        None => changes
            .iter()
            .filter_map(|c| match c {
                Change::Apply { unit, .. } | Change::Memo { unit, .. } => Some(unit.as_str()),
                _ => None,
            })
            .collect(),
    };
    units
        .iter()
        .filter(|(u, _)| marked.contains(u.id.as_str()))
        .map(|(u, _)| u.id.clone())
        .collect()
}

/// Record the consensus user's `changes` on the `decided` units (in project order) as one
/// action in the new project's `consensus.jsonl`, with `meta` from our own sidecar when it
/// came from here. `by` names the person for decisions without one. Returns how many.
pub fn record(
    p: &Project,
    changes: &[Change],
    decided: &[String],
    meta: Option<&SidecarConsensus>,
    by: &str,
) -> Result<usize> {
    let mut codings: BTreeMap<&str, Vec<CodedSpan>> = BTreeMap::new();
    let mut notes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in changes {
        match c {
            Change::Apply {
                unit,
                code,
                span,
                memo,
            } => {
                let list = codings.entry(unit).or_default();
                let cs = CodedSpan {
                    code: code.clone(),
                    span: *span,
                };
                if !list.contains(&cs) {
                    list.push(cs);
                }
                notes.entry(unit).or_default().extend(memo.as_deref());
            }
            Change::Memo {
                unit,
                text: Some(t),
                ..
            } => notes.entry(unit).or_default().push(t),
            _ => {}
        }
    }
    let infer = Inference::of(p, meta.is_none())?;
    let at = crate::project::manifest::now();
    let mut decisions = Vec::new();
    for unit in decided {
        let Some(u) = p.unit(unit) else { continue };
        let mine = codings.remove(unit.as_str()).unwrap_or_default();
        let d = match meta.and_then(|m| m.decisions.get(unit)) {
            Some(m) => Decision {
                unit: unit.clone(),
                choice: m.decision,
                codings: mine,
                note: m.note.clone(),
                by: m.by.clone(),
                at: m.at.clone(),
                coders: m.coders.clone(),
            },
            None => {
                let note = notes.get(unit.as_str()).map(|n| n.join("\n\n"));
                let (choice, coders) = infer.choice(unit, &mine, u.text.chars().count());
                Decision {
                    unit: unit.clone(),
                    choice,
                    codings: mine,
                    note: note.filter(|n| !n.trim().is_empty()),
                    by: by.to_string(),
                    at: at.clone(),
                    coders,
                }
            }
        };
        decisions.push(d);
    }
    let refinements = meta.map_or(&[][..], |m| m.refinements.as_slice());
    if decisions.is_empty() && refinements.is_empty() {
        return Ok(0);
    }
    let mut log = ConsensusLog::open(p)?;
    for r in refinements {
        log.refine(r.clone())?;
    }
    log.record(decisions)
}

/// What a decision from another tool took, read off the first two coders' codings.
struct Inference {
    pair: Option<(Pairwise, [crate::coding::CoderState; 2])>,
    agreed: HashSet<String>,
}

impl Inference {
    fn of(p: &Project, needed: bool) -> Result<Inference> {
        let pair = match needed {
            true => Pairwise::compute(p, &[], &Filters::default()).ok(),
            false => None,
        };
        let pair = match pair {
            Some(pr) => {
                let [a, b] = &pr.coders;
                let views = [p.coder_view(a)?, p.coder_view(b)?];
                Some((pr, views))
            }
            None => None,
        };
        let agreed = pair
            .as_ref()
            .map(|(pr, _)| pr.agreed.iter().cloned().collect())
            .unwrap_or_default();
        Ok(Inference { pair, agreed })
    }

    /// The first option whose rule gives `mine` (agreed, none, a, b, union, intersection),
    /// else a custom set; and the two coders compared (none when there are not two).
    fn choice(&self, unit: &str, mine: &[CodedSpan], len: usize) -> (Choice, Vec<String>) {
        let Some((pr, [sa, sb])) = &self.pair else {
            let c = if mine.is_empty() {
                Choice::None
            } else {
                Choice::Custom
            };
            return (c, Vec::new());
        };
        let spans = |st: &crate::coding::CoderState| -> Vec<CodedSpan> {
            st.codings_of(unit).iter().map(CodedSpan::from).collect()
        };
        let (a, b) = (spans(sa), spans(sb));
        let same = |x: &[CodedSpan], y: &[CodedSpan]| {
            let norm = |v: &[CodedSpan]| {
                let mut c = coverage(v, len);
                c.sort();
                c
            };
            norm(x) == norm(y)
        };
        let choice = if self.agreed.contains(unit) && same(mine, &a) {
            Choice::Agreed
        } else if mine.is_empty() {
            Choice::None
        } else {
            [Choice::A, Choice::B, Choice::Union, Choice::Intersection]
                .into_iter()
                .find(|c| same(&resolve(*c, &a, &b, len), mine))
                .unwrap_or(Choice::Custom)
        };
        (choice, pr.coders.to_vec())
    }
}
