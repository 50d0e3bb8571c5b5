//! Reconciliation: two coders' disagreements → decisions → the consensus log, and the one
//! question every later step asks: "whose coding do we read?" ([`Perspective`]).

use crate::Result;
use crate::coding::CoderState;
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
        Perspective::Consensus => Err(crate::Error::user(
            "there is no consensus yet: reconcile first (thematic reconcile), or name a coder with --coder",
        )),
    }
}
