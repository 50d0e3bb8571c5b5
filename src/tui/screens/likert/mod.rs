//! The Likert view (L on the Sources screen, `:likert`): every item on a response scale as a
//! diverging bar per group, counted among the respondents the Sources attribute filter keeps;
//! b changes the grouping, c collapses to bottom two / neutral / top two, Esc goes back.

pub mod bars;
pub mod state;
pub mod view;

pub use state::LikertState;

use crate::describe::likert::{self, Request};
use crate::tui::action::{Action, Command, Effect, Screen};
use crate::tui::state::State;

/// Count again with the view's settings (a few hundred cases: done in place).
fn recount(st: &mut State) {
    let l = &mut st.likert;
    let req = Request {
        items: Vec::new(),
        by: l.by.clone(),
        collapse_top2: l.collapse,
        only: l.only.clone(),
    };
    match likert::likert(&st.project, &req) {
        Ok(rows) if rows.is_empty() => {
            l.rows = rows;
            l.problem = Some("Nobody the filter keeps answered a Likert item".into());
        }
        Ok(rows) => {
            l.rows = rows;
            l.problem = None;
        }
        Err(e) => {
            l.rows.clear();
            l.problem = Some(e.to_string());
        }
    }
    l.scroll = l.scroll.min(view::line_count(&l.rows).saturating_sub(1));
}

/// Opening the view takes the Sources screen's attribute filter.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    st.likert.only = st.sources.filter.attr.clone();
    recount(st);
    Vec::new()
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let Action::Cmd(cmd) = action else {
        return Vec::new();
    };
    let lines = view::line_count(&st.likert.rows);
    let l = &mut st.likert;
    match cmd {
        Command::Up => l.scroll = l.scroll.saturating_sub(1),
        Command::Down => l.scroll = (l.scroll + 1).min(lines.saturating_sub(1)),
        Command::PageUp => l.scroll = l.scroll.saturating_sub(10),
        Command::PageDown => l.scroll = (l.scroll + 10).min(lines.saturating_sub(1)),
        Command::Top => l.scroll = 0,
        Command::Bottom => l.scroll = lines.saturating_sub(1),
        Command::CycleGroupBy => {
            let options = likert::grouping_candidates(&st.project);
            let next = match &st.likert.by {
                None => options.first(),
                Some(b) => options
                    .iter()
                    .position(|(k, _)| k == b)
                    .and_then(|i| options.get(i + 1)),
            };
            st.likert.by = next.map(|(k, _)| k.clone());
            recount(st);
            let what = st
                .likert
                .by
                .clone()
                .unwrap_or_else(|| "everyone together".into());
            st.info(format!("Likert items by {what}"));
        }
        Command::ToggleCollapse => {
            st.likert.collapse = !st.likert.collapse;
            recount(st);
        }
        Command::Cancel => return vec![Effect::Then(Action::Show(Screen::Sources))],
        _ => {}
    }
    Vec::new()
}
