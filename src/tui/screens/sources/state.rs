//! What the Sources screen keeps: the unit filters, the focused pane, and each unit's mark.

use crate::corpus::SourceKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    All,
    Uncoded,
    Coded,
    Reviewed,
    NotReviewed,
}

impl StateFilter {
    pub fn label(self) -> &'static str {
        match self {
            StateFilter::All => "all units",
            StateFilter::Uncoded => "uncoded only",
            StateFilter::Coded => "coded, not reviewed",
            StateFilter::Reviewed => "reviewed only",
            StateFilter::NotReviewed => "not reviewed",
        }
    }
    pub fn next(self) -> StateFilter {
        match self {
            StateFilter::All => StateFilter::Uncoded,
            StateFilter::Uncoded => StateFilter::Coded,
            StateFilter::Coded => StateFilter::Reviewed,
            StateFilter::Reviewed => StateFilter::NotReviewed,
            StateFilter::NotReviewed => StateFilter::All,
        }
    }
    pub fn keeps(self, m: UnitMark) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Uncoded => m == UnitMark::Uncoded,
            StateFilter::Coded => m == UnitMark::Coded,
            StateFilter::Reviewed => m == UnitMark::Reviewed,
            StateFilter::NotReviewed => m != UnitMark::Reviewed,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<SourceKind>,
    pub source: Option<String>,
    pub case: Option<String>,
    pub attr: Option<(String, String)>,
    pub state: StateFilter,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(k) = self.kind {
            parts.push(format!("kind {k}"));
        }
        if let Some(s) = &self.source {
            parts.push(format!("source {s}"));
        }
        if let Some(c) = &self.case {
            parts.push(format!("case {c}"));
        }
        if let Some((k, v)) = &self.attr {
            parts.push(format!("{k}={v}"));
        }
        if self.state != StateFilter::All {
            parts.push(self.state.label().to_string());
        }
        if parts.is_empty() {
            "all units".into()
        } else {
            parts.join(" · ")
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SourcesState {
    /// The unit list (right) has the keys, not the sources and cases (left).
    pub focus_right: bool,
    pub left: usize,
    pub filter: Filters,
    /// The unit list must be computed again (filters changed, or marks changed under a state filter).
    pub dirty: bool,
    /// The unit on screen before the last filter (kept when a filter matches nothing).
    pub last_unit: Option<usize>,
}

impl SourcesState {
    pub fn marks_changed(&mut self) {
        if self.filter.state != StateFilter::All {
            self.dirty = true;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitMark {
    Uncoded,
    Coded,
    Reviewed,
}

impl UnitMark {
    pub fn symbol(self) -> &'static str {
        match self {
            UnitMark::Uncoded => "○",
            UnitMark::Coded => "◐",
            UnitMark::Reviewed => "✓",
        }
    }
}
