//! A coder's state: what the replay of their log gives.

use super::{Code, Entry, Op, Span};
use rustc_hash::{FxHashMap, FxHashSet};

/// A code applied to a unit or a span of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub code: Code,
    pub span: Span,
    pub memo: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CoderState {
    /// unit id → codings in the order they were applied.
    pub codings: FxHashMap<String, Vec<Coding>>,
    pub reviewed: FxHashSet<String>,
    pub unit_memos: FxHashMap<String, String>,
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
        self.apply_op(e.op, &e.unit, e.code.as_deref(), e.span, e.memo.as_deref());
    }

    /// Apply one operation (borrowed parts of a log line); strings are copied only when kept.
    pub fn apply_op(
        &mut self,
        op: Op,
        unit: &str,
        code: Option<&str>,
        span: Span,
        memo: Option<&str>,
    ) {
        match op {
            Op::Apply => {
                let Some(code) = code else { return };
                let coding = || Coding {
                    code: Code::new(code),
                    span,
                    memo: memo.map(str::to_string),
                };
                match self.codings.get_mut(unit) {
                    Some(list) => {
                        if !list.iter().any(|c| c.code == code && c.span == span) {
                            // A unit has a few codings: room for exactly these (the default
                            // growth left a third of a large state's lists empty).
                            list.reserve_exact(1);
                            list.push(coding());
                        }
                    }
                    None => {
                        self.codings.insert(unit.to_string(), vec![coding()]);
                    }
                }
            }
            Op::Remove => {
                let Some(code) = code else { return };
                if let Some(list) = self.codings.get_mut(unit) {
                    list.retain(|c| !(c.code == code && c.span == span));
                    if list.is_empty() {
                        self.codings.remove(unit);
                    }
                }
            }
            Op::Review => {
                if !self.reviewed.contains(unit) {
                    self.reviewed.insert(unit.to_string());
                }
            }
            Op::Unreview => {
                self.reviewed.remove(unit);
            }
            Op::Memo => match code {
                Some(code) => {
                    if let Some(c) = self
                        .codings
                        .get_mut(unit)
                        .and_then(|l| l.iter_mut().find(|c| c.code == code && c.span == span))
                    {
                        c.memo = memo.map(str::to_string);
                    }
                }
                None => match memo {
                    Some(t) => {
                        self.unit_memos.insert(unit.to_string(), t.to_string());
                    }
                    None => {
                        self.unit_memos.remove(unit);
                    }
                },
            },
        }
    }
}
