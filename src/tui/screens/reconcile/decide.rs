//! The Reconcile screen's writes: a decision (one of the options, or a custom set) recorded in
//! the consensus log before the screen shows it, undo, and the reason for a definition edited
//! from the screen.

use super::{Definition, first_open};
use crate::coding::parse_span;
use crate::reconcile::{Choice, ConsensusLog, Request, decide, record_refinement};
use crate::tui::action::Effect;
use crate::tui::state::State;

/// After a definition edited from here was saved (or the form closed): record why it changed,
/// or, when it did not change, drop the reason.
pub fn settle_refinement(st: &mut State) {
    if st.popup.is_some() {
        return;
    }
    let Some((code, reason, before)) = st.reconcile.refining.take() else {
        return;
    };
    let Some(after) = st.project.codebook.get(&code).map(Definition::of) else {
        return;
    };
    if after == before {
        st.info("The definition did not change: no reason recorded");
        return;
    }
    let by = st.coder.clone();
    match record_refinement(&st.project, &code, &reason, by, before, after) {
        Ok(()) => st.info(format!(
            "Definition of '{}' changed; the reason is in the reconciliation report",
            code
        )),
        Err(e) => st.error(format!(
            "The definition changed, but the reason was not recorded: {e}"
        )),
    }
}

pub(super) fn custom(st: &mut State, text: &str) -> Vec<Effect> {
    let (codes, span) = match text.split_once('@') {
        Some((c, s)) => match parse_span(s) {
            Some(sp) => (c, Some(sp)),
            None => {
                st.error(format!("'{}' is not START..END", s.trim()));
                return Vec::new();
            }
        },
        None => (text, None),
    };
    let codes: Vec<String> = codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    if codes.is_empty() {
        return record(st, Some(Choice::None), Vec::new(), None);
    }
    record(st, None, codes, span)
}

pub(super) fn take(st: &mut State, choice: Choice) -> Vec<Effect> {
    record(st, Some(choice), Vec::new(), None)
}

/// Decide the shown unit and write it to the consensus log (on disk before the screen shows
/// it), then move to the next open disagreement.
fn record(
    st: &mut State,
    take: Option<Choice>,
    codes: Vec<String>,
    span: crate::coding::Span,
) -> Vec<Effect> {
    let Some(by) = st.coder.clone() else {
        st.error("Say who you are first (:coder NAME): decisions record who made them");
        return Vec::new();
    };
    let Some(unit) = st.reconcile.unit.clone() else {
        return Vec::new();
    };
    let Some(l) = st.reconcile.loaded() else {
        return Vec::new();
    };
    let req = Request {
        unit: unit.clone(),
        take,
        codes,
        span,
        note: st.reconcile.note.clone(),
        by,
        force: false,
    };
    let result = decide(&st.project, &l.pair, &req).and_then(|d| {
        let mut log = ConsensusLog::open(&st.project)?;
        log.record(vec![d.clone()])?;
        Ok((d, log.consensus().clone()))
    });
    match result {
        Ok((d, consensus)) => {
            let [a, b] = l.pair.coders.clone();
            if let Some(Ok(l)) = &mut st.reconcile.loaded {
                l.consensus = consensus;
            }
            st.reconcile.note = None;
            st.status.saved += 1;
            st.info(format!("{}: {}", d.unit, d.choice.describe(&a, &b)));
            let q = st.reconcile.queue();
            let pos = st.reconcile.pos(&q);
            if let Some(next) = first_open(&st.reconcile, pos + 1) {
                st.reconcile.unit = Some(next);
            }
        }
        Err(e) => st.error(e.to_string()),
    }
    Vec::new()
}

pub(super) fn undo(st: &mut State) -> Vec<Effect> {
    let by = st.coder.clone();
    let result = ConsensusLog::open(&st.project).and_then(|mut log| {
        let changed = log.undo(by.as_deref())?;
        Ok((changed, log.consensus().clone()))
    });
    match result {
        Ok((changed, _)) if changed.is_empty() => st.error("Nothing to undo in the consensus"),
        Ok((changed, consensus)) => {
            if let Some(Ok(l)) = &mut st.reconcile.loaded {
                l.consensus = consensus;
            }
            if let [(unit, _)] = changed.as_slice() {
                st.reconcile.unit = Some(unit.clone());
                st.info(format!("Undid the decision on {unit}"));
            } else {
                st.info(format!("Undid one action on {} units", changed.len()));
            }
        }
        Err(e) => st.error(e.to_string()),
    }
    Vec::new()
}
