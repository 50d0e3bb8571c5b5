//! The Reconcile screen's state: the two coders compared and the consensus as loaded, the
//! queue's order and code filter, the unit shown, the note the next decision takes.

use crate::agreement::{Pairwise, UnitComparison};
use crate::reconcile::{Consensus, Definition, Progress};

/// How the queue is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Unit,
    Code,
    Source,
}

impl Order {
    pub fn label(self) -> &'static str {
        match self {
            Order::Unit => "unit",
            Order::Code => "code",
            Order::Source => "source",
        }
    }
}

/// The two coders compared and the consensus, as read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub pair: Pairwise,
    pub consensus: Consensus,
    pub revision: u64,
}

#[derive(Debug, Default)]
pub struct ReconcileState {
    pub loaded: Option<Result<Loaded, String>>,
    pub loading: bool,
    /// The unit shown (its id), kept when the queue changes.
    pub unit: Option<String>,
    pub order: Order,
    /// Only the disagreements on this code (id).
    pub code: Option<String>,
    pub definition: bool,
    /// The note the next decision takes.
    pub note: Option<String>,
    /// A definition being edited from here: the code, why, and the definition before.
    pub refining: Option<(String, String, Definition)>,
}

impl ReconcileState {
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// The queue: the disagreements (on `code` when set), in `order`.
    pub fn queue(&self) -> Vec<&UnitComparison> {
        let Some(l) = self.loaded() else {
            return Vec::new();
        };
        let mut q: Vec<(usize, &UnitComparison)> = l
            .pair
            .disagreements
            .iter()
            .filter(|d| self.code.as_ref().is_none_or(|c| d.involves(c)))
            .enumerate()
            .collect();
        match self.order {
            Order::Unit => {}
            Order::Source => q.sort_by(|x, y| x.1.source.cmp(&y.1.source).then(x.0.cmp(&y.0))),
            Order::Code => q.sort_by(|x, y| {
                let first = |d: &UnitComparison| d.differing().into_iter().min();
                first(x.1).cmp(&first(y.1)).then(x.0.cmp(&y.0))
            }),
        }
        q.into_iter().map(|(_, d)| d).collect()
    }

    /// Position of the shown unit in the queue.
    pub fn pos(&self, queue: &[&UnitComparison]) -> usize {
        self.unit
            .as_deref()
            .and_then(|u| queue.iter().position(|d| d.unit == u))
            .unwrap_or(0)
    }

    pub fn is_open(&self, unit: &str) -> bool {
        self.loaded()
            .is_some_and(|l| l.consensus.get(unit).is_none())
    }

    pub fn progress(&self) -> Option<Progress> {
        self.loaded().map(|l| Progress::of(&l.pair, &l.consensus))
    }
}
