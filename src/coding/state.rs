//! A coder's state: what the replay of their log gives.

use super::{Entry, Op, Span};
use std::collections::{HashMap, HashSet};

/// A code applied to a unit or a span of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub code: String,
    pub span: Span,
    pub memo: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CoderState {
    /// unit id → codings in the order they were applied.
    pub codings: HashMap<String, Vec<Coding>>,
    pub reviewed: HashSet<String>,
    pub unit_memos: HashMap<String, String>,
}

impl CoderState {
    pub fn codings_of(&self, unit: &str) -> &[Coding] {
        self.codings.get(unit).map_or(&[], Vec::as_slice)
    }

    pub fn has(&self, unit: &str, code: &str, span: Span) -> bool {
        self.codings_of(unit)
            .iter()
            .any(|c| c.code == code && c.span == span)
    }

    pub fn coding(&self, unit: &str, code: &str, span: Span) -> Option<&Coding> {
        self.codings_of(unit)
            .iter()
            .find(|c| c.code == code && c.span == span)
    }

    pub fn is_reviewed(&self, unit: &str) -> bool {
        self.reviewed.contains(unit)
    }

    /// Number of codings over all units.
    pub fn count(&self) -> usize {
        self.codings.values().map(Vec::len).sum()
    }

    /// Apply one log entry. Entries that would change nothing are ignored, so replay is total.
    pub fn apply(&mut self, e: &Entry) {
        match e.op {
            Op::Apply => {
                let Some(code) = &e.code else { return };
                if !self.has(&e.unit, code, e.span) {
                    self.codings
                        .entry(e.unit.clone())
                        .or_default()
                        .push(Coding {
                            code: code.clone(),
                            span: e.span,
                            memo: e.memo.clone(),
                        });
                }
            }
            Op::Remove => {
                let Some(code) = &e.code else { return };
                if let Some(list) = self.codings.get_mut(&e.unit) {
                    list.retain(|c| !(&c.code == code && c.span == e.span));
                    if list.is_empty() {
                        self.codings.remove(&e.unit);
                    }
                }
            }
            Op::Review => {
                self.reviewed.insert(e.unit.clone());
            }
            Op::Unreview => {
                self.reviewed.remove(&e.unit);
            }
            Op::Memo => {
                match &e.code {
                    Some(code) => {
                        if let Some(c) = self.codings.get_mut(&e.unit).and_then(|l| {
                            l.iter_mut().find(|c| &c.code == code && c.span == e.span)
                        }) {
                            c.memo = e.memo.clone();
                        }
                    }
                    None => match &e.memo {
                        Some(t) => {
                            self.unit_memos.insert(e.unit.clone(), t.clone());
                        }
                        None => {
                            self.unit_memos.remove(&e.unit);
                        }
                    },
                }
            }
        }
    }
}
