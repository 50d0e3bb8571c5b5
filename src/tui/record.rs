//! Coding actions that write: every change goes to the coder's log (appended and fsync'd) before
//! anything on screen changes; a failed write leaves the screen as it was and says why.

use super::state::State;
use crate::coding::{Change, Entry, Op};

/// Record `changes` as one undoable action; `done` is the status message on success.
/// Returns whether the log now holds the action.
pub fn record(st: &mut State, changes: Vec<Change>, done: impl Into<String>) -> bool {
    let Some(log) = st.log.as_mut() else {
        let why = st
            .read_only
            .clone()
            .unwrap_or_else(|| "no coder chosen yet (:coder NAME)".into());
        st.error(format!("Not saved: {why}"));
        return false;
    };
    let units: Vec<String> = changes.iter().map(|c| c.unit().to_string()).collect();
    let before: Vec<bool> = units.iter().map(|u| log.state().is_reviewed(u)).collect();
    match log.record(&changes) {
        Ok(0) => {
            st.info("Nothing to change");
            true
        }
        Ok(_) => {
            st.revision += 1;
            let after: Vec<bool> = units.iter().map(|u| log.state().is_reviewed(u)).collect();
            for ((u, b), a) in units.iter().zip(before).zip(after) {
                if a != b
                    && let Some(unit) = st.project.unit(u).cloned()
                {
                    st.progress.reviewed_changed(&unit, a);
                }
            }
            st.status.saved += 1;
            st.status.save_failed = false;
            st.sources.marks_changed();
            st.info(done);
            true
        }
        Err(e) => {
            st.status.save_failed = true;
            st.error(format!("Not saved: {e}"));
            false
        }
    }
}

/// Undo (or redo) the last action; returns the unit it touched first (to show it).
pub fn undo_redo(st: &mut State, undo: bool) -> Option<String> {
    let Some(log) = st.log.as_mut() else {
        let why = st
            .read_only
            .clone()
            .unwrap_or_else(|| "no coder chosen yet".into());
        st.error(format!(
            "Cannot {}: {why}",
            if undo { "undo" } else { "redo" }
        ));
        return None;
    };
    let result = if undo { log.undo() } else { log.redo() };
    match result {
        Ok(entries) if entries.is_empty() => {
            st.info(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            });
            None
        }
        Ok(entries) => {
            st.revision += 1;
            for e in &entries {
                if matches!(e.op, Op::Review | Op::Unreview)
                    && let Some(unit) = st.project.unit(&e.unit).cloned()
                {
                    st.progress.reviewed_changed(&unit, e.op == Op::Review);
                }
            }
            st.status.saved += 1;
            st.status.save_failed = false;
            st.sources.marks_changed();
            let what = describe(st, &entries);
            st.info(format!("{} {what}", if undo { "Undid:" } else { "Redid:" }));
            entries.first().map(|e| e.unit.clone())
        }
        Err(e) => {
            st.status.save_failed = true;
            st.error(format!("Not saved: {e}"));
            None
        }
    }
}

/// `:review` / `:unreview`: mark the unit on the Coding screen reviewed or not.
pub fn review_current(st: &mut State, review: bool) {
    let Some(u) = st.current_unit().map(|u| u.id.clone()) else {
        st.error("No unit on screen");
        return;
    };
    let (ch, word) = if review {
        (Change::Review { unit: u.clone() }, "review")
    } else {
        (Change::Unreview { unit: u.clone() }, "unreview")
    };
    record(st, vec![ch], format!("{u}: {word}ed"));
}

fn describe(st: &State, entries: &[Entry]) -> String {
    let name = |id: &str| {
        st.project
            .codebook
            .get(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let part = |e: &Entry| {
        let code = e.code.as_deref().map(name).unwrap_or_default();
        match e.op {
            Op::Apply => format!("+{code}"),
            Op::Remove => format!("−{code}"),
            Op::Review => "reviewed".into(),
            Op::Unreview => "not reviewed".into(),
            Op::Memo => "memo".into(),
        }
    };
    let units: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.unit.as_str()).collect();
    if units.len() > 1 {
        // A search's "code all": say what and how many, not every entry.
        let mut parts: Vec<String> = entries.iter().map(part).collect();
        parts.dedup();
        let shown = parts.len().min(3);
        let more = if parts.len() > shown { ", …" } else { "" };
        return format!(
            "{}{more} on {} units",
            parts[..shown].join(", "),
            units.len()
        );
    }
    let parts: Vec<String> = entries.iter().map(part).collect();
    let unit = entries.first().map_or("", |e| e.unit.as_str());
    format!("{} on {unit}", parts.join(", "))
}
