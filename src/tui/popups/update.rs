//! Keys while a popup is open: each popup changes itself, or closes with an action for the
//! router (a command typed on the `:` line, a unit to open, a codebook edit, a picked value).

use super::Popup;
use crate::tui::action::{Action, Command, Effect, Screen};
use crate::tui::command_line;
use crate::tui::memo;
use crate::tui::screens::codebook::form::{Edit, Msg as CodebookMsg};
use crate::tui::state::State;
use crate::tui::widgets::input::LineInput;

/// The action a popup closes with, for the router.
fn then(action: Action) -> Vec<Effect> {
    vec![Effect::Then(action)]
}

/// A codebook edit to ask about.
fn ask(edit: Edit) -> Vec<Effect> {
    then(Action::to(Screen::Codebook, CodebookMsg::Ask(edit)))
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
        Popup::Messages { scroll } => {
            let last = st.status.log.len().saturating_sub(1);
            let at = scroll.unwrap_or(last);
            st.popup = match cmd {
                Some(Cancel | Messages | Quit) => None,
                Some(Down) => Some(at + 1),
                Some(Up) => Some(at.saturating_sub(1)),
                Some(PageDown) => Some(at + 10),
                Some(PageUp) => Some(at.saturating_sub(10)),
                Some(Top) => Some(0),
                Some(Bottom) => Some(last),
                _ => Some(at),
            }
            .map(|s| Popup::Messages {
                scroll: Some(s.min(last)),
            });
        }
        Popup::Confirm {
            title,
            question,
            yes,
        } => match cmd {
            Some(Yes) => return then(*yes),
            Some(No | Cancel) => st.info("Cancelled: nothing changed"),
            _ => {
                st.popup = Some(Popup::Confirm {
                    title,
                    question,
                    yes,
                })
            }
        },
        Popup::Command(mut input) => match cmd {
            Some(Confirm) => match command_line::parse(input.value()) {
                Ok(Some(action)) => return then(action),
                Ok(None) => {}
                Err(e) => st.error(e),
            },
            Some(Cancel) => {}
            _ => {
                if let Some(k) = key {
                    input.handle(&k);
                }
                st.popup = Some(Popup::Command(input));
            }
        },
        Popup::Goto(mut input) => match cmd {
            Some(Confirm) => {
                return then(Action::OpenUnit {
                    unit: input.value().trim().to_string(),
                    switch: true,
                    note: None,
                });
            }
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
                    Ok(()) => return then(Action::SetCoder(name)),
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
        Popup::Ask(mut a) => match cmd {
            Some(Confirm) => return then((a.answer)(a.input.value().to_string())),
            Some(Cancel) => st.info("Nothing changed"),
            _ => {
                if let Some(k) = key {
                    a.input.handle(&k);
                }
                st.popup = Some(Popup::Ask(a));
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
                if let Some(v) = p.visible().get(p.pos).map(|(_, v)| v.clone()) {
                    return then((p.choose)(v));
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
            Some(Confirm) => {
                return then(Action::to(Screen::Codebook, CodebookMsg::Submit(form)));
            }
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
        // The router gives the preview's keys to the Search screen.
        Popup::CodeAll(p) => st.popup = Some(Popup::CodeAll(p)),
        Popup::KeyPrompt { code } => match (cmd, key) {
            (Some(Cancel), _) => st.info("Shortcut key not changed"),
            (Some(Confirm), _) => {
                return ask(Edit::SetKey {
                    id: code,
                    key: None,
                });
            }
            (_, Some(k)) => match k.plain_char() {
                Some(c) if !c.is_whitespace() => {
                    return ask(Edit::SetKey {
                        id: code,
                        key: Some(c.to_string()),
                    });
                }
                _ => st.popup = Some(Popup::KeyPrompt { code }),
            },
            _ => st.popup = Some(Popup::KeyPrompt { code }),
        },
    }
    Vec::new()
}
