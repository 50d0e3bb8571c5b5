//! The Codebook screen: the shared code tree with every field of the highlighted code, and the
//! edits (add, edit, rename, merge, remove, restore, shortcut keys) that all coders share.

mod edit;
pub mod view;

pub use edit::{CodeForm, Edit, ask, commit, question, submit_form};

use crate::codebook::{Code, Codebook};
use crate::tui::action::{Action, Command, Effect};
use crate::tui::popups::{PickPurpose, Picker, Popup};
use crate::tui::state::State;
use crate::tui::widgets::input::LineInput;

#[derive(Debug, Clone, Default)]
pub struct CodebookState {
    pub cursor: usize,
}

/// A row of the tree: the code and its depth; removed and merged codes come last.
pub fn rows(cb: &Codebook) -> Vec<(&Code, usize)> {
    let mut out = Vec::new();
    fn walk<'a>(
        cb: &'a Codebook,
        parent: Option<&'a str>,
        depth: usize,
        out: &mut Vec<(&'a Code, usize)>,
    ) {
        for c in cb.children(parent) {
            out.push((c, depth));
            walk(cb, Some(&c.id), depth + 1, out);
        }
    }
    walk(cb, None, 0, &mut out);
    // Active codes whose parent is not active would be unreachable: list them at the top level.
    for c in cb.active() {
        if !out.iter().any(|(x, _)| x.id == c.id) {
            out.push((c, 0));
        }
    }
    out.extend(cb.codes.iter().filter(|c| !c.is_active()).map(|c| (c, 0)));
    out
}

pub fn selected(st: &State) -> Option<&Code> {
    rows(&st.project.codebook)
        .get(st.codebook.cursor)
        .map(|(c, _)| *c)
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let n = rows(&st.project.codebook).len();
    let Action::Cmd(cmd) = action else {
        if let Action::ClickRow { row, .. } = action {
            st.codebook.cursor = row.min(n.saturating_sub(1));
        }
        return Vec::new();
    };
    use Command::*;
    let cur = &mut st.codebook.cursor;
    match cmd {
        Up => *cur = cur.saturating_sub(1),
        Down => *cur = (*cur + 1).min(n.saturating_sub(1)),
        PageUp => *cur = cur.saturating_sub(10),
        PageDown => *cur = (*cur + 10).min(n.saturating_sub(1)),
        Top => *cur = 0,
        Bottom => *cur = n.saturating_sub(1),
        AddCode => st.popup = Some(Popup::Form(Box::new(CodeForm::new_code(None)))),
        AddSubCode => {
            let parent = selected(st)
                .filter(|c| c.is_active())
                .map(|c| c.name.clone());
            st.popup = Some(Popup::Form(Box::new(CodeForm::new_code(parent))));
        }
        EditCode | Confirm | RenameCode => {
            let Some(code) = selected(st).filter(|c| c.is_active()).cloned() else {
                st.error("Only an active code can be edited; R restores a removed one");
                return Vec::new();
            };
            let mut form = CodeForm::edit_code(&st.project.codebook, &code);
            if cmd == RenameCode {
                form.only_name = true;
            }
            st.popup = Some(Popup::Form(Box::new(form)));
        }
        MergeCode => {
            let Some(from) = selected(st).filter(|c| c.is_active()).cloned() else {
                return Vec::new();
            };
            let items = st
                .project
                .codebook
                .active()
                .filter(|c| c.id != from.id)
                .map(|c| (c.name.clone(), c.id.clone()))
                .collect();
            st.popup = Some(Popup::Picker(Picker {
                title: format!("Merge '{}' into…", from.name),
                filter: LineInput::new(""),
                items,
                pos: 0,
                purpose: PickPurpose::MergeInto { from: from.id },
            }));
        }
        RemoveCode => {
            if let Some(code) = selected(st).filter(|c| c.is_active()).map(|c| c.id.clone()) {
                return ask(
                    st,
                    Edit::Remove {
                        id: code,
                        codings: 0,
                    },
                );
            }
        }
        RestoreCode => match selected(st).filter(|c| c.removed).map(|c| c.id.clone()) {
            Some(id) => return ask(st, Edit::Restore { id }),
            None => st.error("Highlight a removed code (listed at the end) to restore it"),
        },
        SetKey => {
            if let Some(code) = selected(st).filter(|c| c.is_active()).map(|c| c.id.clone()) {
                st.popup = Some(Popup::KeyPrompt { code });
            }
        }
        _ => {}
    }
    Vec::new()
}
