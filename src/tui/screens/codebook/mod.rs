//! The Codebook screen: the shared code tree with every field of the highlighted code, and the
//! edits (add, edit, rename, merge, remove, restore, shortcut keys) that all coders share.

mod edit;
pub mod form;
pub mod state;
pub mod view;
pub mod write;

pub use edit::question;
pub use form::{CodeForm, Edit, Msg};
pub use state::CodebookState;

use crate::codebook::{Code, Codebook, NewCode};
use crate::tui::action::{Action, Command, Effect, Screen, ScreenMsg};
use crate::tui::popups::{Picker, Popup};
use crate::tui::state::State;

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
    let edits = [
        AddCode,
        AddSubCode,
        EditCode,
        Confirm,
        RenameCode,
        MergeCode,
        RemoveCode,
        RestoreCode,
        SetKey,
    ];
    if edits.contains(&cmd)
        && let Some(why) = edit::read_only(st)
    {
        st.error(why);
        return Vec::new();
    }
    let before = st.codebook.cursor;
    let cur = &mut st.codebook.cursor;
    match cmd {
        ScrollDown => st.codebook.scroll += 5,
        ScrollUp => st.codebook.scroll = st.codebook.scroll.saturating_sub(5),
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
            let id = from.id;
            st.popup = Some(Popup::Picker(Picker::new(
                format!("Merge '{}' into…", from.name),
                items,
                0,
                move |into| {
                    let edit = Edit::Merge {
                        from: id.clone(),
                        into,
                    };
                    Action::to(Screen::Codebook, Msg::Ask(edit))
                },
            )));
        }
        RemoveCode => {
            if let Some(code) = selected(st).filter(|c| c.is_active()).map(|c| c.id.clone()) {
                return edit::ask(
                    st,
                    Edit::Remove {
                        id: code,
                        codings: 0,
                    },
                );
            }
        }
        RestoreCode => match selected(st).filter(|c| c.removed).map(|c| c.id.clone()) {
            Some(id) => return edit::ask(st, Edit::Restore { id }),
            None => st.error("Highlight a removed code (listed at the end) to restore it"),
        },
        SetKey => {
            if let Some(code) = selected(st).filter(|c| c.is_active()).map(|c| c.id.clone()) {
                st.popup = Some(Popup::KeyPrompt { code });
            }
        }
        _ => {}
    }
    if st.codebook.cursor != before {
        st.codebook.scroll = 0;
    }
    Vec::new()
}

/// A message for this screen arrives (the form, a picker, the worker, a yes).
pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    match msg.take::<Msg>() {
        Some(Msg::Submit(form)) => return edit::submit_form(st, form),
        Some(Msg::Ask(e)) => return edit::ask(st, e),
        Some(Msg::Counted { edit, count }) => edit::on_counted(st, edit, count),
        Some(Msg::Commit(e)) => edit::commit(st, e),
        None => {}
    }
    Vec::new()
}

/// `:add NAME` and `:restore NAME`, from any screen.
pub fn from_command_line(st: &mut State, cmd: Command, arg: &str) -> Vec<Effect> {
    match cmd {
        Command::AddCode if !arg.is_empty() => edit::ask(
            st,
            Edit::Add(NewCode {
                name: arg.to_string(),
                ..Default::default()
            }),
        ),
        Command::RestoreCode => match st.project.codebook.find(arg).map(|c| c.id.clone()) {
            Some(id) => edit::ask(st, Edit::Restore { id }),
            None => {
                st.error(format!("No code '{arg}'"));
                Vec::new()
            }
        },
        _ => update(st, Action::Cmd(cmd)),
    }
}
