//! The lines of a coding log and the changes a coder asks for.

use super::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Apply `code` to the unit (or `span` of it), with an optional memo.
    Apply,
    /// Remove that coding (`memo` keeps the memo it had, so undo can restore it).
    Remove,
    /// The coder has decided on this unit (coded or consciously left uncoded).
    Review,
    Unreview,
    /// Set the memo of a coding (`code` given) or of the unit; `prev` is the text it replaces.
    Memo,
}

/// One line of `codings/<coder>.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub at: String,
    pub op: Op,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "span_serde")]
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// The seq of the first entry of the user action this entry belongs to: undo takes a group.
    pub group: u64,
    /// This entry undoes group N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo: Option<u64>,
    /// This entry redoes group N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redo: Option<u64>,
}

/// A span as `[start, end]` in JSON (the coding logs, the consensus log, disagreements).
pub(crate) mod span_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        span: &Option<(usize, usize)>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match span {
            Some((a, b)) => s.collect_seq([a, b]),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<(usize, usize)>, D::Error> {
        Ok(Option::<[usize; 2]>::deserialize(d)?.map(|[a, b]| (a, b)))
    }
}

/// A change a coder asks for; becomes one log entry when it changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Apply {
        unit: String,
        code: String,
        span: Span,
        memo: Option<String>,
    },
    Remove {
        unit: String,
        code: String,
        span: Span,
    },
    Review {
        unit: String,
    },
    Unreview {
        unit: String,
    },
    /// `code: None` sets the unit's memo; `text: None` clears it.
    Memo {
        unit: String,
        code: Option<String>,
        span: Span,
        text: Option<String>,
    },
}

impl Change {
    pub fn unit(&self) -> &str {
        match self {
            Change::Apply { unit, .. }
            | Change::Remove { unit, .. }
            | Change::Review { unit }
            | Change::Unreview { unit }
            | Change::Memo { unit, .. } => unit,
        }
    }
}

impl Entry {
    /// The entry that reverses this one's effect.
    pub fn inverse(&self) -> Entry {
        let mut e = self.clone();
        match self.op {
            Op::Apply => e.op = Op::Remove,
            Op::Remove => e.op = Op::Apply,
            Op::Review => e.op = Op::Unreview,
            Op::Unreview => e.op = Op::Review,
            Op::Memo => {
                e.memo = self.prev.clone();
                e.prev = self.memo.clone();
            }
        }
        e
    }
}
