//! The Sources screen: sources grouped by kind, cases with attributes, and the units with this
//! coder's state, under filters that also decide which units the Coding screen walks through.

pub mod state;
pub mod view;

pub use state::{Filters, SourcesState, StateFilter, UnitMark};

use crate::corpus::SourceKind;
use crate::tui::action::{Action, Command, Effect, Screen, ScreenMsg};
use crate::tui::popups::{Picker, Popup};
use crate::tui::state::State;
use std::collections::BTreeMap;

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
    // A filter that matched nothing had no unit on screen: come back to the one shown before.
    let current = st.current_index().or(st.sources.last_unit);
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
    st.sources.last_unit = current;
    let pos = current.and_then(|c| st.nav.position_of(c)).unwrap_or(0);
    st.go_to(pos);
    let n = st.nav_len();
    st.info(format!("{n} units: {}", st.sources.filter.describe()));
}

/// What comes back to the Sources screen.
pub enum Msg {
    /// The attribute picked: `key=value`.
    Attribute(String),
}

/// Open the Coding screen (on the unit the list has).
fn coding() -> Vec<Effect> {
    vec![Effect::Then(Action::Show(Screen::Coding))]
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let rows = left_rows(st).len();
    match action {
        Action::ClickRow { right: true, row } => {
            if st.sources.focus_right && st.nav.pos == row {
                return coding();
            } else {
                st.sources.focus_right = true;
                st.go_to(row);
            }
        }
        Action::ClickRow { right: false, row } => {
            st.sources.focus_right = false;
            st.sources.left = row.min(rows.saturating_sub(1));
        }
        Action::Cmd(cmd) => return command(st, cmd, rows),
        _ => {}
    }
    Vec::new()
}

fn command(st: &mut State, cmd: Command, rows: usize) -> Vec<Effect> {
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
            // A case's attributes, in full (its row has room for a few): on the status line and
            // in the message log.
            if let Some(LeftRow::Case(i)) = left_rows(st).get(p)
                && let Some(c) = st.project.cases.get(*i)
            {
                let attrs: Vec<String> = c
                    .attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                let msg = format!("{}: {}", c.id, attrs.join(" · "));
                st.info(msg);
            }
        }
        return Vec::new();
    }
    match cmd {
        Left => st.sources.focus_right = false,
        Right => st.sources.focus_right = true,
        Confirm if st.sources.focus_right && st.current_unit().is_some() => return coding(),
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
                None => return Vec::new(),
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
                return Vec::new();
            }
            let items = counts
                .into_iter()
                .map(|((k, v), n)| (format!("{k}={v}  ({n} cases)"), format!("{k}={v}")))
                .collect();
            st.popup = Some(Popup::Picker(Picker::new(
                "Filter by case attribute",
                items,
                0,
                |kv| Action::to(Screen::Sources, Msg::Attribute(kv)),
            )));
        }
        ClearFilters => {
            st.sources.filter = Filters::default();
            apply_filters(st);
        }
        GotoUnit => st.popup = Some(Popup::Goto(Default::default())),
        _ => {}
    }
    Vec::new()
}

/// A message for this screen arrives.
pub fn on_msg(st: &mut State, msg: ScreenMsg) {
    match msg.take::<Msg>() {
        Some(Msg::Attribute(kv)) => set_attribute(st, &kv),
        None => {}
    }
}

fn set_attribute(st: &mut State, kv: &str) {
    if let Some((k, v)) = kv.split_once('=') {
        st.sources.filter.attr = Some((k.to_string(), v.to_string()));
        apply_filters(st);
        st.sources.focus_right = true;
    }
}
