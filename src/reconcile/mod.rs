//! Reconciliation: two coders' disagreements → decisions → the consensus log, and the one
//! question every later step asks: "whose coding do we read?" ([`Perspective`]).
//!
//! * [`Decision`] (a unit, the [`Choice`] taken, the resulting codings, note, who, when) and the
//!   rules that turn two coders' codings into a result ([`resolve`]).
//! * [`Request`] → [`decide`] checks a decision against the project and the coders' codings
//!   ([`crate::agreement::Pairwise`]); [`accept_agreed`] takes every agreed unit at once.
//! * [`ConsensusLog`]: `consensus.jsonl`, opened under its own lock, one fsync'd append per
//!   action, undo and redo; [`Consensus::read`] replays it without the lock.
//! * [`coded_view`]: the consensus (or a coder's log) as a [`CoderState`] for themes, exports,
//!   crosstabs and search. [`Progress`]: "N of M disagreements resolved".
//! * [`report`]: the reconciliation report (per code: disagreements, decisions, notes, and the
//!   codebook changes recorded with a reason, [`Refinement`]).

mod consensus;
mod decide;
mod decision;
pub mod git;
mod log;
mod refinement;
pub mod report;

pub use consensus::Consensus;
pub use decide::{Progress, Request, accept_agreed, decide};
pub use decision::{Choice, CodedSpan, Decision, coverage, overlap, resolve};
pub use log::{CONSENSUS_FORMAT, ConsensusLog, consensus_path};
pub use refinement::{Definition, Refinement, record_refinement};

use crate::Result;
use crate::coding::{CoderState, Coding};
use crate::project::Project;

/// Whose coding a count, a quote suggestion, a crosstab or an export reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Perspective {
    /// One coder's own log.
    Coder(String),
    /// The reconciled coding (`consensus.jsonl`).
    Consensus,
}

impl Perspective {
    /// `--coder NAME` when given, else the consensus.
    pub fn from_option(coder: Option<&str>) -> Perspective {
        match coder {
            Some(c) => Perspective::Coder(c.to_string()),
            None => Perspective::Consensus,
        }
    }

    /// How reports name it: the coder's name, or "consensus".
    pub fn label(&self) -> &str {
        match self {
            Perspective::Coder(c) => c,
            Perspective::Consensus => "consensus",
        }
    }
}

/// The coding as it counts now (code ids followed through merges, removed codes left out):
/// `codings` per unit, and `reviewed` = the units this perspective has decided on.
pub fn coded_view(p: &Project, who: &Perspective) -> Result<CoderState> {
    match who {
        Perspective::Coder(c) => p.coder_view(c),
        Perspective::Consensus => {
            let c = Consensus::read(p)?;
            if !c.exists {
                return Err(crate::Error::user(
                    "there is no consensus yet: reconcile first (thematic reconcile), or name a coder with --coder",
                ));
            }
            Ok(p.effective(consensus_state(&c)))
        }
    }
}

/// The consensus as a coder's state: the decided codings per unit, every decided unit reviewed
/// (a decision of "none" is a unit consciously left uncoded). Code ids as stored.
pub fn consensus_state(c: &Consensus) -> CoderState {
    let mut st = CoderState::default();
    for d in c.decisions() {
        st.reviewed.insert(d.unit.clone());
        if !d.codings.is_empty() {
            st.codings.insert(
                d.unit.clone(),
                d.codings
                    .iter()
                    .map(|x| Coding {
                        code: crate::coding::Code::new(&x.code),
                        span: x.span,
                        memo: None,
                    })
                    .collect(),
            );
        }
    }
    st
}
