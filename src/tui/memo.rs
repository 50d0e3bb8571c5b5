//! Memos: on the unit or on one of the coder's codings; written to the log like any coding action.

use super::popups::{MemoTarget, Popup};
use super::record;
use super::screens::coding::state::Mode;
use super::state::State;
use super::widgets::input::LineInput;
use crate::coding::Change;

/// `M`: choose the unit or one of its codings, then write.
pub fn open(st: &mut State) {
    let Some(unit) = st.current_unit().cloned() else {
        return;
    };
    let cb = &st.project.codebook;
    let mut options = vec![("Memo on the unit".to_string(), MemoTarget::Unit)];
    for c in st.coder_state().codings_of(&unit.id) {
        let name = cb
            .canonical(&c.code)
            .and_then(|id| cb.get(id))
            .map_or(c.code.as_str(), |x| x.name.as_str());
        let where_ = match c.span {
            Some((a, b)) => format!("“{}”", crate::corpus::text::slice_chars(&unit.text, a, b)),
            None => "whole unit".to_string(),
        };
        options.push((
            format!("{name} — {where_}"),
            MemoTarget::Coding {
                code: c.code.to_string(),
                span: c.span,
            },
        ));
    }
    let sel = st.coding.selection(&unit.text);
    let pos = options
        .iter()
        .position(
            |(_, t)| matches!(t, MemoTarget::Coding { span, .. } if *span == sel && sel.is_some()),
        )
        .unwrap_or(0);
    if options.len() == 1 {
        let text = st
            .coder_state()
            .unit_memos
            .get(&unit.id)
            .cloned()
            .unwrap_or_default();
        st.popup = Some(Popup::Memo {
            unit: unit.id,
            target: MemoTarget::Unit,
            input: LineInput::multiline(&text),
        });
    } else {
        st.popup = Some(Popup::MemoChoice {
            unit: unit.id,
            options,
            pos,
        });
    }
}

pub fn text(st: &State, unit: &str, target: &MemoTarget) -> String {
    let s = st.coder_state();
    match target {
        MemoTarget::Unit => s.unit_memos.get(unit).cloned(),
        MemoTarget::Coding { code, span } => {
            s.coding(unit, code, *span).and_then(|c| c.memo.clone())
        }
    }
    .unwrap_or_default()
}

pub fn save(st: &mut State, unit: String, target: MemoTarget, text: &str) {
    let text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let (code, span) = match target {
        MemoTarget::Unit => (None, None),
        MemoTarget::Coding { code, span } => (Some(code), span),
    };
    let msg = if text.is_some() {
        format!("Memo saved on {unit}")
    } else {
        format!("Memo cleared on {unit}")
    };
    record::record(
        st,
        vec![Change::Memo {
            unit,
            code,
            span,
            text,
        }],
        msg,
    );
    if st.coding.mode == Mode::Pick {
        st.coding.mode = Mode::Select;
    }
}

/// `:memo TEXT`: the memo on the unit on the Coding screen (no text clears it).
pub fn set_on_unit(st: &mut State, text: &str) {
    let Some(unit) = st.current_unit().map(|u| u.id.clone()) else {
        st.error("No unit on screen");
        return;
    };
    let text = Some(text.to_string()).filter(|t| !t.is_empty());
    let msg = if text.is_some() {
        "Memo saved"
    } else {
        "Memo cleared"
    };
    record::record(
        st,
        vec![Change::Memo {
            unit,
            code: None,
            span: None,
            text,
        }],
        msg,
    );
}
