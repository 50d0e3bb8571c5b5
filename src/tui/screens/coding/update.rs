//! What the Coding screen's commands do to the state (and, through `record`, to the log).

use super::state::Mode;
use super::{code_for_key, palette_codes, select};
use crate::coding::Change;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::key::Key;
use crate::tui::state::State;
use crate::tui::{memo, record};

/// Lines PageUp/PageDown scroll the text by.
const PAGE: usize = 5;

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::ToggleCode(id) => toggle(st, &id),
        Action::Type(key) => type_filter(st, key),
        Action::TextPress(at) => {
            st.coding.mode = Mode::Select;
            st.coding.selecting = true;
            st.coding.anchor = at;
            st.coding.head = at;
            st.coding.dragging = true;
        }
        Action::TextDrag(at) if st.coding.dragging => st.coding.head = at,
        Action::TextRelease => st.coding.dragging = false,
        Action::Cmd(cmd) => command(st, cmd),
        _ => {}
    }
    Vec::new()
}

fn text(st: &State) -> String {
    st.current_unit()
        .map(|u| u.text.clone())
        .unwrap_or_default()
}

fn command(st: &mut State, cmd: Command) {
    use Command::*;
    let mode = st.coding.mode;
    match cmd {
        NextUnit => step(st, 1),
        PrevUnit => step(st, -1),
        ReviewNext => review_next(st),
        Unreview => {
            if let Some(u) = st.current_unit().map(|u| u.id.clone()) {
                record::record(
                    st,
                    vec![Change::Unreview { unit: u.clone() }],
                    format!("{u} is no longer marked reviewed"),
                );
            }
        }
        StartSelect => {
            if st.current_unit().is_none() {
                return;
            }
            let t = text(st);
            let start = select::word_start_before(&t, select::word_end_after(&t, 0));
            st.coding.mode = Mode::Select;
            st.coding.selecting = true;
            st.coding.anchor = start;
            st.coding.head = start;
            st.info("Select with → w s, then Enter and a code key");
        }
        FilterPalette => {
            st.coding.palette_return = if mode == Mode::Palette {
                st.coding.palette_return
            } else {
                mode
            };
            st.coding.mode = Mode::Palette;
            st.coding.filter = Default::default();
        }
        ToggleDefinition => st.coding.show_definition = !st.coding.show_definition,
        PaletteUp => move_highlight(st, -1),
        PaletteDown => move_highlight(st, 1),
        Memo => memo::open(st),
        ScrollUp => st.coding.scroll = st.coding.scroll.saturating_sub(PAGE),
        ScrollDown => st.coding.scroll += PAGE,
        ExtendRight | ExtendLeft | ExtendWordRight | ExtendWordLeft | ExtendSentenceRight
        | ExtendSentenceLeft | ExtendHome | ExtendEnd => extend(st, cmd),
        Anchor => {
            st.coding.anchor = st.coding.head;
            st.coding.selecting = true;
        }
        SwapEnds => std::mem::swap(&mut st.coding.anchor, &mut st.coding.head),
        NextCodedSpan => next_coded_span(st),
        CodeSelection => {
            if st.coding.selection(&text(st)).is_some() {
                st.coding.mode = Mode::Pick;
                st.info("Press a code's key to code the selection (/ to find one, Esc to go back)");
            } else {
                st.error("Select some text first: → or w or s extend the selection");
            }
        }
        Up if mode == Mode::Palette => move_highlight(st, -1),
        Down if mode == Mode::Palette => move_highlight(st, 1),
        Confirm if mode == Mode::Palette => {
            st.coding.mode = st.coding.palette_return;
            if let Some(id) = st.coding.highlight.clone() {
                toggle(st, &id);
            }
        }
        Cancel => match mode {
            Mode::Palette => st.coding.mode = st.coding.palette_return,
            Mode::Pick => st.coding.mode = Mode::Select,
            Mode::Select => {
                st.coding.mode = Mode::Code;
                st.coding.selecting = false;
            }
            Mode::Code => {
                st.coding.selecting = false;
                st.coding.show_definition = false;
            }
        },
        _ => {}
    }
}

fn step(st: &mut State, delta: isize) {
    let len = st.nav_len();
    if len == 0 {
        return;
    }
    let pos = st.nav.pos as isize + delta;
    if pos < 0 || pos as usize >= len {
        st.info(if delta > 0 {
            "This is the last unit in the list"
        } else {
            "This is the first unit in the list"
        });
        return;
    }
    st.go_to(pos as usize);
}

/// Mark reviewed (durably), then go to the next unreviewed unit of the list.
fn review_next(st: &mut State) {
    let Some(unit) = st.current_unit().map(|u| u.id.clone()) else {
        return;
    };
    if !st.coder_state().is_reviewed(&unit)
        && !record::record(st, vec![Change::Review { unit: unit.clone() }], "")
    {
        return;
    }
    let total = st.project.units.len();
    let len = st.nav_len();
    let st_ref = st.coder_state();
    let next = (1..len).map(|d| (st.nav.pos + d) % len).find(|&p| {
        st.nav
            .unit_at(p, total)
            .is_some_and(|i| !st_ref.is_reviewed(&st.project.units[i].id))
    });
    let done = st.reviewed_total();
    match next {
        Some(p) => {
            st.go_to(p);
            st.info(format!("Reviewed {unit} ✓  ({done} of {total} reviewed)"));
        }
        None => st.info(format!(
            "Reviewed {unit} ✓  Every unit in this list is reviewed."
        )),
    }
}

/// Apply the code if it is not on the target, remove it if it is. The target is the selection
/// when there is one, else the whole unit. In an exclusive group, applying replaces a sibling.
fn toggle(st: &mut State, id: &str) {
    let Some(unit) = st.current_unit().cloned() else {
        st.error("No unit on screen");
        return;
    };
    let Some(code) = st.project.codebook.get(id).cloned() else {
        return;
    };
    let span = if matches!(st.coding.mode, Mode::Select | Mode::Pick) || st.coding.selecting {
        st.coding.selection(&unit.text)
    } else {
        None
    };
    let cb = &st.project.codebook;
    let existing: Vec<String> = st
        .coder_state()
        .codings_of(&unit.id)
        .iter()
        .filter(|c| c.span == span && cb.canonical(&c.code) == Some(id))
        .map(|c| c.code.to_string())
        .collect();
    let where_ = match span {
        Some((a, b)) => format!("{a}..{b} of {}", unit.id),
        None => unit.id.clone(),
    };
    let (changes, msg) = if existing.is_empty() {
        let mut ch = Vec::new();
        let exclusive = code
            .parent
            .as_deref()
            .and_then(|p| cb.get(p))
            .is_some_and(|p| p.exclusive);
        if exclusive {
            for c in st.coder_state().codings_of(&unit.id) {
                let sibling = cb
                    .canonical(&c.code)
                    .and_then(|x| cb.get(x))
                    .is_some_and(|x| x.parent == code.parent);
                if sibling && c.span == span {
                    ch.push(Change::Remove {
                        unit: unit.id.clone(),
                        code: c.code.to_string(),
                        span,
                    });
                }
            }
        }
        ch.push(Change::Apply {
            unit: unit.id.clone(),
            code: id.to_string(),
            span,
            memo: None,
        });
        (ch, format!("+ {} on {where_}", code.name))
    } else {
        let ch = existing
            .into_iter()
            .map(|c| Change::Remove {
                unit: unit.id.clone(),
                code: c,
                span,
            })
            .collect();
        (ch, format!("− {} removed from {where_}", code.name))
    };
    if record::record(st, changes, msg) {
        st.coding.highlight = Some(id.to_string());
        if st.coding.mode == Mode::Pick {
            st.coding.mode = Mode::Select;
        }
    }
}

fn type_filter(st: &mut State, key: Key) {
    if st.coding.mode != Mode::Palette {
        return;
    }
    st.coding.filter.handle(&key);
    let first = palette_codes(&st.project.codebook, st.coding.filter.value())
        .first()
        .map(|c| c.id.clone());
    st.coding.highlight = first;
}

fn move_highlight(st: &mut State, delta: isize) {
    let filter = if st.coding.mode == Mode::Palette {
        st.coding.filter.value().to_string()
    } else {
        String::new()
    };
    let codes = palette_codes(&st.project.codebook, &filter);
    if codes.is_empty() {
        return;
    }
    let cur = st
        .coding
        .highlight
        .as_deref()
        .and_then(|h| codes.iter().position(|c| c.id == h));
    let next = match cur {
        Some(i) => (i as isize + delta).rem_euclid(codes.len() as isize) as usize,
        None => 0,
    };
    st.coding.highlight = Some(codes[next].id.clone());
}

fn extend(st: &mut State, cmd: Command) {
    use Command::*;
    let t = text(st);
    let h = st.coding.head;
    st.coding.head = match cmd {
        ExtendRight => select::next_grapheme(&t, h),
        ExtendLeft => select::prev_grapheme(&t, h),
        ExtendWordRight => select::word_end_after(&t, h),
        ExtendWordLeft => select::word_start_before(&t, h),
        ExtendSentenceRight => select::sentence_end_after(&t, h),
        ExtendSentenceLeft => select::sentence_start_before(&t, h),
        ExtendHome => 0,
        _ => t.chars().count(),
    };
    st.coding.selecting = true;
}

/// Select the next span this coder coded (after the current selection), cycling.
fn next_coded_span(st: &mut State) {
    let Some(unit) = st.current_unit() else {
        return;
    };
    let mut spans: Vec<(usize, usize)> = st
        .coder_state()
        .codings_of(&unit.id)
        .iter()
        .filter_map(|c| c.span)
        .collect();
    spans.sort_unstable();
    spans.dedup();
    if spans.is_empty() {
        st.info("No coded spans in this unit");
        return;
    }
    let cur = st.coding.anchor.min(st.coding.head);
    let next = spans
        .iter()
        .find(|(a, _)| *a > cur)
        .or(spans.first())
        .copied();
    if let Some((a, b)) = next {
        st.coding.anchor = a;
        st.coding.head = b;
        st.coding.selecting = true;
    }
}

/// A plain key on the Coding screen that is a code's shortcut, when codes can be applied now.
pub fn code_key_action(st: &State, key: &Key) -> Option<Action> {
    if !matches!(st.coding.mode, Mode::Code | Mode::Pick) {
        return None;
    }
    let c = key.plain_char()?;
    code_for_key(&st.project.codebook, c).map(|code| Action::ToggleCode(code.id.clone()))
}
