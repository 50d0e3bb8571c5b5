//! "Code all results": choose a code, preview every unit the query matches (keeping or leaving
//! out each), then apply the code to the kept units as ONE action in the coder's own log — so
//! one `u` takes it all back.

use super::{Focus, Msg, Preview, engine, refresh, reply};
use crate::coding::Change;
use crate::search::CodeResults;
use crate::tui::action::{Action, Command, Effect, Job, Screen};
use crate::tui::popups::{Picker, Popup};
use crate::tui::record;
use crate::tui::screens::coding::palette_codes;
use crate::tui::state::State;

/// `Ctrl-A` / `a`: choose the code for every result.
pub fn start(st: &mut State) -> Vec<Effect> {
    let total = st.search.results.as_ref().map_or(0, |r| r.total);
    if st.search.error.is_some() || total == 0 {
        st.error("Type a query that finds units first, then code all its results");
        return Vec::new();
    }
    if st.log.is_none() {
        let why = st
            .read_only
            .clone()
            .unwrap_or_else(|| "no coder chosen yet (:coder NAME)".into());
        st.error(format!("Cannot code: {why}"));
        return Vec::new();
    }
    let items = palette_codes(&st.project.codebook, "")
        .into_iter()
        .map(|c| {
            let key = c.key.as_deref().unwrap_or(" ");
            (format!("{key}  {}", c.name), c.id.clone())
        })
        .collect();
    st.popup = Some(Popup::Picker(Picker::new(
        format!(
            "Code all {total} result{} with…",
            if total == 1 { "" } else { "s" }
        ),
        items,
        0,
        |code| Action::to(Screen::Search, Msg::CodeAll(code)),
    )));
    Vec::new()
}

/// The code is chosen: list the matches on the worker.
pub fn chosen(st: &mut State, code: &str) -> Vec<Effect> {
    let (Some(engine), Some(coder)) = (st.search.engine().cloned(), st.coder.clone()) else {
        return Vec::new();
    };
    let query = st
        .search
        .results
        .as_ref()
        .map_or_else(String::new, |r| r.query.clone());
    st.info("Listing every unit the query matches…");
    let state = st.coder_state().clone();
    let code = code.to_string();
    vec![Effect::Spawn(Job::new("preview code all", move |_| {
        let result =
            engine::preview(&engine, &state, &coder, &query, &code).map_err(|e| e.to_string());
        reply(Msg::Preview { query, result })
    }))]
}

pub fn on_preview(st: &mut State, query: String, result: Result<CodeResults, String>) {
    match result {
        Ok(r) => {
            let has: Vec<bool> = r.matched.iter().map(|u| !r.coded.contains(u)).collect();
            st.info("");
            st.popup = Some(Popup::CodeAll(Box::new(Preview {
                query,
                code: r.code,
                keep: vec![true; r.matched.len()],
                units: r.matched,
                has,
                cursor: 0,
            })));
        }
        Err(e) => st.error(format!("Cannot code the results: {e}")),
    }
}

/// Keys in the preview.
pub fn update(st: &mut State, mut p: Preview, action: Action) -> Vec<Effect> {
    use Command::*;
    let Action::Cmd(cmd) = action else {
        st.popup = Some(Popup::CodeAll(Box::new(p)));
        return Vec::new();
    };
    let last = p.units.len().saturating_sub(1);
    match cmd {
        Up => p.cursor = p.cursor.saturating_sub(1),
        Down => p.cursor = (p.cursor + 1).min(last),
        PageUp => p.cursor = p.cursor.saturating_sub(10),
        PageDown => p.cursor = (p.cursor + 10).min(last),
        Top => p.cursor = 0,
        Bottom => p.cursor = last,
        ToggleUnit => {
            if let Some(k) = p.keep.get_mut(p.cursor) {
                *k = !*k;
            }
            p.cursor = (p.cursor + 1).min(last);
        }
        ToggleAll => {
            let all = p.keep.iter().all(|k| *k);
            p.keep.iter_mut().for_each(|k| *k = !all);
        }
        Confirm => return apply(st, p),
        Cancel | No => {
            st.info("Nothing coded");
            return Vec::new();
        }
        _ => {}
    }
    st.popup = Some(Popup::CodeAll(Box::new(p)));
    Vec::new()
}

fn apply(st: &mut State, p: Preview) -> Vec<Effect> {
    let state = st.coder_state();
    let changes: Vec<Change> = p
        .units
        .iter()
        .enumerate()
        .filter(|&(i, u)| p.keep[i] && !p.has[i] && !state.has(u, &p.code, None))
        .map(|(_, u)| Change::Apply {
            unit: u.clone(),
            code: p.code.clone(),
            span: None,
            memo: None,
        })
        .collect();
    let name = st
        .project
        .codebook
        .get(&p.code)
        .map_or(p.code.clone(), |c| c.name.clone());
    if changes.is_empty() {
        st.info(format!(
            "Every unit kept already has {name}: nothing to code"
        ));
        return Vec::new();
    }
    let n = changes.len();
    let msg = format!(
        "Coded {n} unit{} with {name} (one action: u undoes it)",
        if n == 1 { "" } else { "s" },
    );
    if !record::record(st, changes, msg) {
        return Vec::new();
    }
    st.search.focus = Focus::Results;
    refresh(st)
}
