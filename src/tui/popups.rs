//! Popups over the screens: help, questions, the command line, memos, pickers, the first-run
//! coder prompt. Each popup takes the keys while it is open.

use super::action::{Action, Command, Effect};
use super::keymap::Context;
use super::screens::codebook::{self, CodeForm, Edit};
use super::state::State;
use super::widgets::input::LineInput;
use super::{commands, memo};
use crate::coding::Span;
use crate::project::Project;

/// What a memo is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoTarget {
    Unit,
    Coding { code: String, span: Span },
}

/// What a choice from a list is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickPurpose {
    /// Filter units by `key=value`.
    Attribute,
    /// Merge code `from` into the chosen code.
    MergeInto { from: String },
    /// The two coders of the Agreement screen (`"a,b"`).
    Coders,
    /// The code for every result of the search.
    CodeAll,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub filter: LineInput,
    /// (label, value)
    pub items: Vec<(String, String)>,
    pub pos: usize,
    pub purpose: PickPurpose,
}

impl Picker {
    pub fn visible(&self) -> Vec<&(String, String)> {
        let f = self.filter.value().to_lowercase();
        self.items
            .iter()
            .filter(|(l, _)| l.to_lowercase().contains(&f))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// A yes/no question; yes carries out the edit.
    Confirm {
        question: String,
        edit: Edit,
    },
    Command(LineInput),
    Goto(LineInput),
    CoderPrompt {
        input: LineInput,
        known: Vec<String>,
    },
    MemoChoice {
        unit: String,
        options: Vec<(String, MemoTarget)>,
        pos: usize,
    },
    Memo {
        unit: String,
        target: MemoTarget,
        input: LineInput,
    },
    Picker(Picker),
    Form(Box<CodeForm>),
    /// Press the key to assign to a code.
    KeyPrompt {
        code: String,
    },
    /// The units a search's code-all would code, before anything is written.
    CodeAll(Box<super::screens::search::code_all::Preview>),
}

impl Popup {
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::MemoChoice { .. } => Context::List,
            Popup::CodeAll(_) => Context::Preview,
            _ => Context::Input,
        }
    }
}

pub use memo::open as open_memo;

pub fn coder_prompt(p: &Project) -> Popup {
    Popup::CoderPrompt {
        input: LineInput::new(""),
        known: p.coders().unwrap_or_default(),
    }
}

/// Handle an action while a popup is open.
pub fn update(st: &mut State, popup: Popup, action: Action) -> Vec<Effect> {
    use Command::*;
    let cmd = match &action {
        Action::Cmd(c) => Some(*c),
        _ => None,
    };
    let key = match &action {
        Action::Type(k) => Some(*k),
        _ => None,
    };
    match popup {
        Popup::Help { scroll } => {
            st.popup = match cmd {
                Some(Cancel | Help | Quit) => None,
                Some(Down) => Some(Popup::Help { scroll: scroll + 1 }),
                Some(Up) => Some(Popup::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                Some(PageDown) => Some(Popup::Help {
                    scroll: scroll + 10,
                }),
                Some(PageUp) => Some(Popup::Help {
                    scroll: scroll.saturating_sub(10),
                }),
                Some(Top) => Some(Popup::Help { scroll: 0 }),
                _ => Some(Popup::Help { scroll }),
            };
        }
        Popup::Confirm { question, edit } => match cmd {
            Some(Yes) => codebook::commit(st, edit),
            Some(No | Cancel) => st.info("Cancelled: nothing changed"),
            _ => st.popup = Some(Popup::Confirm { question, edit }),
        },
        Popup::Command(mut input) => match cmd {
            Some(Confirm) => return commands::run(st, input.value()),
            Some(Cancel) => {}
            _ => {
                if let Some(k) = key {
                    input.handle(&k);
                }
                st.popup = Some(Popup::Command(input));
            }
        },
        Popup::Goto(mut input) => match cmd {
            Some(Confirm) => super::screens::sources::goto(st, input.value()),
            Some(Cancel) => {}
            _ => {
                if let Some(k) = key {
                    input.handle(&k);
                }
                st.popup = Some(Popup::Goto(input));
            }
        },
        Popup::CoderPrompt { mut input, known } => match cmd {
            Some(Confirm) => {
                let name = input.value().trim().to_string();
                match crate::project::check_coder(&name) {
                    Ok(()) => st.set_coder(&name),
                    Err(e) => {
                        st.error(e.to_string());
                        st.popup = Some(Popup::CoderPrompt { input, known });
                    }
                }
            }
            Some(Up | Down) if !known.is_empty() => {
                let cur = known.iter().position(|k| k == input.value());
                let n = known.len();
                let next = match (cur, cmd) {
                    (Some(i), Some(Down)) => (i + 1) % n,
                    (Some(i), _) => (i + n - 1) % n,
                    (None, _) => 0,
                };
                st.popup = Some(Popup::CoderPrompt {
                    input: LineInput::new(&known[next]),
                    known,
                });
            }
            Some(Cancel) if st.coder.is_some() => {}
            Some(Cancel) => {
                st.error(
                    "thematic needs your coder name to keep your codings apart (Ctrl-C quits)",
                );
                st.popup = Some(Popup::CoderPrompt { input, known });
            }
            _ => {
                if let Some(k) = key {
                    input.handle(&k);
                }
                st.popup = Some(Popup::CoderPrompt { input, known });
            }
        },
        Popup::MemoChoice { unit, options, pos } => match cmd {
            Some(Up) => {
                st.popup = Some(Popup::MemoChoice {
                    unit,
                    pos: pos.saturating_sub(1),
                    options,
                })
            }
            Some(Down) => {
                let pos = (pos + 1).min(options.len().saturating_sub(1));
                st.popup = Some(Popup::MemoChoice { unit, options, pos })
            }
            Some(Confirm) => {
                if let Some((_, target)) = options.get(pos).cloned() {
                    let text = memo::text(st, &unit, &target);
                    st.popup = Some(Popup::Memo {
                        unit,
                        target,
                        input: LineInput::multiline(&text),
                    });
                }
            }
            Some(Cancel) => {}
            _ => st.popup = Some(Popup::MemoChoice { unit, options, pos }),
        },
        Popup::Memo {
            unit,
            target,
            mut input,
        } => match cmd {
            Some(Confirm) => memo::save(st, unit, target, input.value()),
            Some(Cancel) => st.info("Memo not changed"),
            _ => {
                if let Some(k) = key {
                    input.handle(&k);
                }
                st.popup = Some(Popup::Memo {
                    unit,
                    target,
                    input,
                });
            }
        },
        Popup::Picker(mut p) => match cmd {
            Some(Up) => {
                p.pos = p.pos.saturating_sub(1);
                st.popup = Some(Popup::Picker(p));
            }
            Some(Down) => {
                p.pos = (p.pos + 1).min(p.visible().len().saturating_sub(1));
                st.popup = Some(Popup::Picker(p));
            }
            Some(Confirm) => {
                let chosen = p.visible().get(p.pos).map(|(_, v)| v.clone());
                match (chosen, p.purpose) {
                    (Some(v), PickPurpose::Attribute) => {
                        super::screens::sources::set_attribute(st, &v)
                    }
                    (Some(into), PickPurpose::MergeInto { from }) => {
                        return codebook::ask(st, Edit::Merge { from, into });
                    }
                    (Some(pair), PickPurpose::Coders) => {
                        return super::screens::agreement::set_coders(st, &pair);
                    }
                    (Some(code), PickPurpose::CodeAll) => {
                        return super::screens::search::code_all::chosen(st, &code);
                    }
                    (None, _) => {}
                }
            }
            Some(Cancel) => {}
            _ => {
                if let Some(k) = key {
                    p.filter.handle(&k);
                    p.pos = 0;
                }
                st.popup = Some(Popup::Picker(p));
            }
        },
        Popup::Form(mut form) => match cmd {
            Some(Confirm) => return codebook::submit_form(st, *form),
            Some(Cancel) => st.info("Nothing changed"),
            Some(Up) => {
                form.focus = form.focus.checked_sub(1).unwrap_or(form.fields.len() - 1);
                st.popup = Some(Popup::Form(form));
            }
            Some(Down) => {
                form.focus = (form.focus + 1) % form.fields.len();
                st.popup = Some(Popup::Form(form));
            }
            _ => {
                if let Some(k) = key {
                    form.fields[form.focus].1.handle(&k);
                }
                st.popup = Some(Popup::Form(form));
            }
        },
        Popup::CodeAll(p) => return super::screens::search::code_all::update(st, *p, action),
        Popup::KeyPrompt { code } => match (cmd, key) {
            (Some(Cancel), _) => st.info("Shortcut key not changed"),
            (Some(Confirm), _) => {
                return codebook::ask(
                    st,
                    Edit::SetKey {
                        id: code,
                        key: None,
                    },
                );
            }
            (_, Some(k)) => match k.plain_char() {
                Some(c) if !c.is_whitespace() => {
                    return codebook::ask(
                        st,
                        Edit::SetKey {
                            id: code,
                            key: Some(c.to_string()),
                        },
                    );
                }
                _ => st.popup = Some(Popup::KeyPrompt { code }),
            },
            _ => st.popup = Some(Popup::KeyPrompt { code }),
        },
    }
    Vec::new()
}
