//! Turning a researcher's request ("take A on this unit, because…") into a checked decision,
//! accepting every agreed unit at once, and how far reconciliation has come.

use super::consensus::Consensus;
use super::decision::{Choice, CodedSpan, Decision, resolve};
use crate::agreement::{Filters, Pairwise, Standing, UnitComparison, classify};
use crate::coding::CoderState;
use crate::coding::Span;
use crate::corpus::text::check_span;
use crate::error::{Error, Result};
use crate::project::{Project, check_coder};
use serde::{Deserialize, Serialize};

/// What the person at the keyboard decided on one unit.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub unit: String,
    /// One of the rule options (a, b, union, intersection, none); `None` with `codes` = custom.
    pub take: Option<Choice>,
    /// Custom: the codes (names or ids), each on `span` (the whole unit when `None`).
    pub codes: Vec<String>,
    pub span: Span,
    pub note: Option<String>,
    pub by: String,
    /// Allow deciding a unit the coders agree on, or that neither reviewed.
    pub force: bool,
}

/// Check a request against the project and the two coders' codings, and build the decision.
/// Nothing is written.
pub fn decide(p: &Project, pair: &Pairwise, req: &Request) -> Result<Decision> {
    check_coder(&req.by).map_err(|_| {
        Error::user(format!(
            "--as '{}' must be a plain word (letters, digits, - _ .)",
            req.by
        ))
    })?;
    let unit = p.require_unit(&req.unit)?;
    let [a, b] = &pair.coders;
    let cmp = match pair.find(&unit.id) {
        Some(c) => c.clone(),
        None => {
            let agreed = pair.agreed.contains(&unit.id);
            if !req.force {
                return Err(Error::user(if agreed {
                    format!(
                        "{} is not a disagreement: {a} and {b} coded it the same (accept it with --all-agreed, or decide it anyway with --force)",
                        unit.id
                    )
                } else {
                    format!(
                        "{} is not a disagreement: neither {a} nor {b} has reviewed it (decide it anyway with --force)",
                        unit.id
                    )
                }));
            }
            let (sa, sb) = (p.coder_view(a)?, p.coder_view(b)?);
            UnitComparison::of(p, [a, b], [&sa, &sb], unit)
        }
    };
    let len = unit.text.chars().count();
    let (choice, codings) = match (req.take, req.codes.is_empty()) {
        (Some(_), false) => {
            return Err(Error::user(
                "give either --take or --codes (a custom set), not both",
            ));
        }
        (None, true) => {
            return Err(Error::user(format!(
                "say what to decide on {}: --take {} or --codes X,Y",
                unit.id,
                Choice::TAKE.join("|")
            )));
        }
        (Some(t), true) => {
            if req.span.is_some() {
                return Err(Error::user(
                    "--span goes with --codes (a custom set); --take keeps the coders' spans",
                ));
            }
            if matches!(t, Choice::Custom | Choice::Agreed) {
                return Err(Error::user(format!(
                    "--take {} is not an option; use one of {}",
                    t.as_str(),
                    Choice::TAKE.join(", ")
                )));
            }
            (t, resolve(t, &cmp.a_spans, &cmp.b_spans, len))
        }
        (None, false) => {
            if let Some((s, e)) = req.span {
                check_span(&unit.text, s, e)
                    .map_err(|m| Error::user(format!("unit {}: {m}", unit.id)))?;
            }
            let mut codings: Vec<CodedSpan> = Vec::new();
            for name in &req.codes {
                let code = p.codebook.resolve(name)?;
                let c = CodedSpan {
                    code: code.id.clone(),
                    span: req.span,
                };
                if !codings.contains(&c) {
                    codings.push(c);
                }
            }
            (Choice::Custom, codings)
        }
    };
    Ok(Decision {
        unit: unit.id.clone(),
        choice,
        codings,
        note: clean_note(req.note.as_deref()),
        by: req.by.clone(),
        at: crate::project::manifest::now(),
        coders: vec![a.clone(), b.clone()],
    })
}

fn clean_note(note: Option<&str>) -> Option<String> {
    note.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// An "agreed" decision for every unit the coders coded the same that has no decision yet.
pub fn accept_agreed(
    p: &Project,
    pair: &Pairwise,
    consensus: &Consensus,
    by: &str,
    note: Option<&str>,
) -> Result<Vec<Decision>> {
    check_coder(by).map_err(|_| {
        Error::user(format!(
            "--as '{by}' must be a plain word (letters, digits, - _ .)"
        ))
    })?;
    let [a, b] = &pair.coders;
    let state = p.coder_view(a)?;
    let at = crate::project::manifest::now();
    Ok(pair
        .agreed
        .iter()
        .filter(|u| consensus.get(u).is_none())
        .map(|u| {
            let mut codings: Vec<CodedSpan> =
                state.codings_of(u).iter().map(CodedSpan::from).collect();
            codings.dedup();
            Decision {
                unit: u.clone(),
                choice: Choice::Agreed,
                codings,
                note: clean_note(note),
                by: by.to_string(),
                at: at.clone(),
                coders: vec![a.clone(), b.clone()],
            }
        })
        .collect())
}

/// How far reconciliation has come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The two coders compared.
    pub coders: Vec<String>,
    /// Units both reviewed whose codings differ.
    pub disagreements: usize,
    /// Of those, units with a decision.
    pub resolved: usize,
    /// Units both coded the same.
    pub agreed: usize,
    /// Of those, units in the consensus.
    pub agreed_accepted: usize,
    /// Units only one of the two reviewed.
    pub one_sided: usize,
    /// Decisions in the consensus log, all units.
    pub decisions: usize,
}

impl Progress {
    pub fn of(pair: &Pairwise, consensus: &Consensus) -> Progress {
        let decided = |u: &str| consensus.get(u).is_some();
        Progress {
            coders: pair.coders.to_vec(),
            disagreements: pair.disagreements.len(),
            resolved: pair
                .disagreements
                .iter()
                .filter(|d| decided(&d.unit))
                .count(),
            agreed: pair.agreed.len(),
            agreed_accepted: pair.agreed.iter().filter(|u| decided(u)).count(),
            one_sided: pair.one_sided.len(),
            decisions: consensus.len(),
        }
    }

    /// The same counts from two coders' effective states, without building the comparisons
    /// (what `thematic status` needs).
    pub fn count(
        p: &Project,
        coders: [&str; 2],
        states: [&CoderState; 2],
        consensus: &Consensus,
    ) -> Progress {
        let mut out = Progress {
            coders: coders.iter().map(|c| c.to_string()).collect(),
            disagreements: 0,
            resolved: 0,
            agreed: 0,
            agreed_accepted: 0,
            one_sided: 0,
            decisions: consensus.len(),
        };
        classify(p, states, &Filters::default(), |unit, standing| {
            let decided = usize::from(consensus.get(&unit.id).is_some());
            match standing {
                Standing::Agreed => {
                    out.agreed += 1;
                    out.agreed_accepted += decided;
                }
                Standing::Disagreement => {
                    out.disagreements += 1;
                    out.resolved += decided;
                }
                Standing::OneSided => out.one_sided += 1,
            }
        });
        out
    }

    /// "12 of 98 disagreements resolved".
    pub fn line(&self) -> String {
        format!(
            "{} of {} disagreements resolved ({} vs {}); {} of {} agreed units accepted",
            self.resolved,
            self.disagreements,
            self.coders.first().map_or("", String::as_str),
            self.coders.get(1).map_or("", String::as_str),
            self.agreed_accepted,
            self.agreed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counting progress without building the comparisons gives what the comparisons give.
    #[test]
    fn progress_counted_from_states_equals_progress_of_the_comparisons() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
        let p = Project::open(&sample).unwrap();
        let consensus = Consensus::read(&p).unwrap();
        let pair = Pairwise::compute(&p, &[], &Filters::default()).unwrap();
        let (sa, sb) = (p.coder_view("alice").unwrap(), p.coder_view("bob").unwrap());
        let counted = Progress::count(&p, ["alice", "bob"], [&sa, &sb], &consensus);
        let of = Progress::of(&pair, &consensus);
        assert_eq!(counted, of);
        assert!(of.disagreements > 0 && of.agreed > 0 && of.resolved > 0);
    }
}
