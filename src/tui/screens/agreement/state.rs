//! What the Agreement screen keeps: the request (coders, level), the order of the table, the
//! last result, and the open list of disagreements.

use crate::agreement::{AgreementReport, Disagreements, Granularity, Measure};

/// How the per-code table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As in the codebook.
    #[default]
    Codebook,
    By(Measure),
}

impl Sort {
    /// The order `s` walks through at a level.
    pub fn cycle(level: Granularity) -> Vec<Sort> {
        let mut v = vec![Sort::Codebook];
        if level == Granularity::Span {
            v.push(Sort::By(Measure::UnitizedAlpha));
        }
        v.extend(
            [
                Measure::KrippendorffAlpha,
                Measure::CohenKappa,
                Measure::PercentAgreement,
                Measure::GwetAc1,
                Measure::Pabak,
            ]
            .map(Sort::By),
        );
        v
    }
}

/// What was asked for: the coders (empty = the project's first two) and the level.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub coders: Vec<String>,
    pub level: Granularity,
}

/// A finished computation.
#[derive(Debug, Clone)]
pub struct Computed {
    pub request: Request,
    pub report: AgreementReport,
    pub disagreements: Disagreements,
    /// `State::revision` when the job started: older than now means codings changed since.
    pub revision: u64,
}

/// The units where the coders differ on one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisagreementList {
    pub code: String,
    pub cursor: usize,
}

#[derive(Debug, Clone, Default)]
pub struct AgreementState {
    pub request: Request,
    pub sort: Sort,
    /// Highest first (else lowest first: the codes that need work on top).
    pub descending: bool,
    /// The highlighted code's id (kept across re-sorting).
    pub selected: Option<String>,
    /// The last result (kept on screen while a new one is computed) or why there is none.
    pub result: Option<Result<Box<Computed>, String>>,
    /// The job in flight, by number; results of older jobs are dropped.
    pub computing: Option<u64>,
    pub jobs: u64,
    pub list: Option<DisagreementList>,
}

impl AgreementState {
    pub fn computed(&self) -> Option<&Computed> {
        match &self.result {
            Some(Ok(c)) => Some(c),
            _ => None,
        }
    }

    /// The measure the bars show: the sort measure, or the one the flags are based on.
    pub fn bar_measure(&self) -> Measure {
        match self.sort {
            Sort::By(m) => m,
            Sort::Codebook if self.request.level == Granularity::Span => Measure::UnitizedAlpha,
            Sort::Codebook => Measure::KrippendorffAlpha,
        }
    }
}
