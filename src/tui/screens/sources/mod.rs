//! The Sources screen: sources grouped by kind, cases with attributes, and the units with this
//! coder's state, under filters that also decide which units the Coding screen walks through.

pub mod view;

use crate::corpus::SourceKind;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::popups::{PickPurpose, Picker, Popup};
use crate::tui::state::{Screen, State, UnitMark};
use crate::tui::widgets::input::LineInput;
use std::collections::BTreeMap;

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
    fn next(self) -> StateFilter {
        match self {
            StateFilter::All => StateFilter::Uncoded,
            StateFilter::Uncoded => StateFilter::Coded,
            StateFilter::Coded => StateFilter::Reviewed,
            StateFilter::Reviewed => StateFilter::NotReviewed,
            StateFilter::NotReviewed => StateFilter::All,
        }
    }
    fn keeps(self, m: UnitMark) -> bool {
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
}

impl SourcesState {
    pub fn marks_changed(&mut self) {
        if self.filter.state != StateFilter::All {
            self.dirty = true;
        }
    }
}

/// A row of the left pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftRow {
    All,
    Kind(SourceKind),
    Source(String),
    CasesHeading,
    Case(usize),
}

pub fn left_rows(st: &State) -> Vec<LeftRow> {
    let mut out = vec![LeftRow::All];
    for kind in SourceKind::ALL {
        let sources: Vec<_> = st
            .project
            .manifest
            .sources
            .iter()
            .filter(|s| s.kind == kind)
            .collect();
        if sources.is_empty() {
            continue;
        }
        out.push(LeftRow::Kind(kind));
        out.extend(sources.into_iter().map(|s| LeftRow::Source(s.id.clone())));
    }
    out.push(LeftRow::CasesHeading);
    out.extend((0..st.project.cases.len()).map(LeftRow::Case));
    out
}

/// Compute the unit list from the filters (one pass over the corpus; only when they change).
pub fn apply_filters(st: &mut State) {
    st.sources.dirty = false;
    let current = st.current_index();
    let f = st.sources.filter.clone();
    if f.is_empty() {
        st.nav.list = None;
    } else {
        let kinds: BTreeMap<&str, SourceKind> = st
            .project
            .manifest
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.kind))
            .collect();
        let list: Vec<usize> = st
            .project
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| {
                f.kind
                    .is_none_or(|k| kinds.get(u.source.as_str()) == Some(&k))
                    && f.source.as_ref().is_none_or(|s| &u.source == s)
                    && f.case.as_ref().is_none_or(|c| u.case.as_ref() == Some(c))
                    && f.attr.as_ref().is_none_or(|(k, v)| {
                        st.case_of(u).and_then(|c| c.attributes.get(k)) == Some(v)
                    })
                    && f.state.keeps(st.unit_mark(u))
            })
            .map(|(i, _)| i)
            .collect();
        st.nav.list = Some(list);
    }
    let pos = current.and_then(|c| st.nav.position_of(c)).unwrap_or(0);
    st.go_to(pos);
    let n = st.nav_len();
    st.info(format!("{n} units: {}", st.sources.filter.describe()));
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let rows = left_rows(st).len();
    match action {
        Action::ClickRow { right: true, row } => {
            if st.sources.focus_right && st.nav.pos == row {
                st.screen = Screen::Coding;
            } else {
                st.sources.focus_right = true;
                st.go_to(row);
            }
        }
        Action::ClickRow { right: false, row } => {
            st.sources.focus_right = false;
            st.sources.left = row.min(rows.saturating_sub(1));
        }
        Action::Cmd(cmd) => command(st, cmd, rows),
        _ => {}
    }
    Vec::new()
}

fn command(st: &mut State, cmd: Command, rows: usize) {
    use Command::*;
    let n = if st.sources.focus_right {
        st.nav_len()
    } else {
        rows
    };
    let cur = if st.sources.focus_right {
        st.nav.pos
    } else {
        st.sources.left
    };
    let moved = match cmd {
        Up => Some(cur.saturating_sub(1)),
        Down => Some((cur + 1).min(n.saturating_sub(1))),
        PageUp => Some(cur.saturating_sub(15)),
        PageDown => Some((cur + 15).min(n.saturating_sub(1))),
        Top => Some(0),
        Bottom => Some(n.saturating_sub(1)),
        _ => None,
    };
    if let Some(p) = moved {
        if st.sources.focus_right {
            st.go_to(p);
        } else {
            st.sources.left = p;
        }
        return;
    }
    match cmd {
        Left => st.sources.focus_right = false,
        Right => st.sources.focus_right = true,
        Confirm if st.sources.focus_right && st.current_unit().is_some() => {
            st.screen = Screen::Coding
        }
        Confirm if st.sources.focus_right => {}
        Confirm => {
            let row = left_rows(st).get(st.sources.left).cloned();
            let f = &mut st.sources.filter;
            match row {
                Some(LeftRow::All) => {
                    f.kind = None;
                    f.source = None;
                    f.case = None;
                }
                Some(LeftRow::Kind(k)) => {
                    f.kind = Some(k);
                    f.source = None;
                }
                Some(LeftRow::Source(s)) => {
                    f.source = Some(s);
                    f.kind = None;
                }
                Some(LeftRow::Case(i)) => f.case = st.project.cases.get(i).map(|c| c.id.clone()),
                Some(LeftRow::CasesHeading) => f.case = None,
                None => return,
            }
            apply_filters(st);
            st.sources.focus_right = true;
        }
        CycleStateFilter => {
            st.sources.filter.state = st.sources.filter.state.next();
            apply_filters(st);
            st.sources.focus_right = true;
        }
        FilterAttribute => {
            let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
            for c in &st.project.cases {
                for (k, v) in &c.attributes {
                    *counts.entry((k.clone(), v.clone())).or_default() += 1;
                }
            }
            if counts.is_empty() {
                st.info("No case has attributes");
                return;
            }
            let items = counts
                .into_iter()
                .map(|((k, v), n)| (format!("{k}={v}  ({n} cases)"), format!("{k}={v}")))
                .collect();
            st.popup = Some(Popup::Picker(Picker {
                title: "Filter by case attribute".into(),
                filter: LineInput::new(""),
                items,
                pos: 0,
                purpose: PickPurpose::Attribute,
            }));
        }
        ClearFilters => {
            st.sources.filter = Filters::default();
            apply_filters(st);
        }
        GotoUnit => st.popup = Some(Popup::Goto(LineInput::new(""))),
        _ => {}
    }
}

pub fn set_attribute(st: &mut State, kv: &str) {
    if let Some((k, v)) = kv.split_once('=') {
        st.sources.filter.attr = Some((k.to_string(), v.to_string()));
        apply_filters(st);
        st.sources.focus_right = true;
    }
}

/// Jump to a unit by id (or by its number in the list), clearing filters that hide it.
pub fn goto(st: &mut State, what: &str) {
    let what = what.trim();
    if let Ok(n) = what.parse::<usize>()
        && n >= 1
        && n <= st.nav_len()
    {
        st.go_to(n - 1);
        st.screen = Screen::Coding;
        return;
    }
    let Some(idx) = st.project.unit_position(what) else {
        st.error(format!(
            "No unit '{what}'; unit ids look like {}",
            st.project
                .units
                .first()
                .map_or("source:1", |u| u.id.as_str())
        ));
        return;
    };
    if st.nav.position_of(idx).is_none() {
        st.sources.filter = Filters::default();
        apply_filters(st);
    }
    if let Some(p) = st.nav.position_of(idx) {
        st.go_to(p);
        st.screen = Screen::Coding;
        st.info(format!("Unit {what}"));
    }
}
