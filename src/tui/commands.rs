//! The `:` command line: the same operations as the keys, by name, plus a few that need words.

use super::action::{Action, Command, Effect};
use super::popups::Popup;
use super::screens::codebook::{Edit, ask};
use super::state::{Screen, State};
use crate::codebook::NewCode;
use crate::coding::Change;

/// What `:help` lists.
pub const COMMANDS: &[(&str, &str)] = &[
    (":q", "quit (everything is already saved)"),
    (
        ":goto UNIT",
        "jump to a unit by id, or by its number in the list",
    ),
    (":coder NAME", "code as another coder (opens their own log)"),
    (
        ":memo TEXT",
        "set the memo on the unit (:memo alone clears it)",
    ),
    (":review / :unreview", "mark the unit reviewed or not"),
    (":undo / :redo", "undo or redo the last coding action"),
    (":sources :coding :codebook :agreement", "switch screens"),
    (":search [QUERY]", "the Search screen, with the query typed"),
    (":add NAME", "add a code to the codebook"),
    (":restore NAME", "bring back a removed code"),
    (":filter clear", "show every unit again"),
];

pub fn run(st: &mut State, line: &str) -> Vec<Effect> {
    let line = line.trim().trim_start_matches(':');
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let unit = st.current_unit().map(|u| u.id.clone());
    match word {
        "" => {}
        "q" | "q!" | "quit" | "wq" | "x" | "exit" => {
            return super::update::update(st, Action::Cmd(Command::Quit));
        }
        "w" | "write" | "save" => {
            st.info("Everything is saved as you go: each action is on disk when you see it")
        }
        "goto" | "g" | "go" => super::screens::sources::goto(st, rest),
        "coder" if rest.is_empty() => st.popup = Some(super::popups::coder_prompt(&st.project)),
        "coder" => {
            st.set_coder(rest);
        }
        "memo" => match unit {
            Some(u) => {
                let text = Some(rest.to_string()).filter(|t| !t.is_empty());
                let msg = if text.is_some() {
                    "Memo saved"
                } else {
                    "Memo cleared"
                };
                super::ops::record(
                    st,
                    vec![Change::Memo {
                        unit: u,
                        code: None,
                        span: None,
                        text,
                    }],
                    msg,
                );
            }
            None => st.error("No unit on screen"),
        },
        "review" | "unreview" => match unit {
            Some(u) => {
                let ch = if word == "review" {
                    Change::Review { unit: u.clone() }
                } else {
                    Change::Unreview { unit: u.clone() }
                };
                super::ops::record(st, vec![ch], format!("{u}: {word}ed"));
            }
            None => st.error("No unit on screen"),
        },
        "undo" => super::ops::undo_redo(st, true),
        "redo" => super::ops::undo_redo(st, false),
        "sources" => return super::update::show(st, Screen::Sources),
        "coding" => return super::update::show(st, Screen::Coding),
        "codebook" => return super::update::show(st, Screen::Codebook),
        "agreement" => return super::update::show(st, Screen::Agreement),
        "search" => {
            let mut fx = super::update::show(st, Screen::Search);
            if !rest.is_empty() {
                st.search.input = super::widgets::input::LineInput::new(rest);
                fx.extend(super::screens::search::run_query(st));
            }
            return fx;
        }
        "help" | "h" => st.popup = Some(Popup::Help { scroll: 0 }),
        "add" if !rest.is_empty() => {
            return ask(
                st,
                Edit::Add(NewCode {
                    name: rest.to_string(),
                    ..Default::default()
                }),
            );
        }
        "restore" => match st.project.codebook.find(rest).map(|c| c.id.clone()) {
            Some(id) => return ask(st, Edit::Restore { id }),
            None => st.error(format!("No code '{rest}'")),
        },
        "filter" if rest == "clear" => {
            st.sources.filter = Default::default();
            super::screens::sources::apply_filters(st);
        }
        other => st.error(format!(
            "Unknown command ':{other}'; :help or ? lists the commands"
        )),
    }
    Vec::new()
}
