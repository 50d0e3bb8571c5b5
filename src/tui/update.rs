//! The top level of `update`: turn a key into an action through the keymap, route actions to
//! the popup or the screen, and handle what is the same everywhere.

use super::action::{Action, Command, Effect};
use super::key::{Code, Key, parse_keys};
use super::keymap::Context;
use super::popups::{self, Popup};
use super::screens::coding::{self, Mode};
use super::screens::search::{self, Focus};
use super::screens::{agreement, codebook, sources};
use super::state::{Screen, State};
use super::{jobs, ops};

/// The action a key stands for here and now, if any.
pub fn resolve(st: &State, key: &Key) -> Option<Action> {
    let km = &st.keymap;
    if let Some(p) = &st.popup {
        let ctx = p.context();
        if let Some(c) = km.get(ctx, key) {
            return Some(Action::Cmd(c));
        }
        if *key == Key::ctrl('c') {
            return Some(Action::Cmd(Command::Quit));
        }
        return matches!(ctx, Context::Input).then_some(Action::Type(*key));
    }
    let global = || km.get(Context::Global, key).map(Action::Cmd);
    match st.screen {
        Screen::Sources => km
            .get(Context::Sources, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Codebook => km
            .get(Context::Codebook, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Agreement => km
            .get(Context::Agreement, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Search => match st.search.focus {
            Focus::Query => km.get(Context::Search, key).map(Action::Cmd).or_else(|| {
                // Typing goes to the query; Tab, F-keys, Ctrl-C… act as everywhere.
                if edits_text(key) {
                    Some(Action::Type(*key))
                } else {
                    global()
                }
            }),
            Focus::Results => km
                .get(Context::SearchResults, key)
                .map(Action::Cmd)
                .or_else(global),
        },
        Screen::Coding => match st.coding.mode {
            Mode::Code => km
                .get(Context::Coding, key)
                .map(Action::Cmd)
                .or_else(|| coding::update::code_key_action(st, key))
                .or_else(global),
            Mode::Select => km
                .get(Context::Select, key)
                .map(Action::Cmd)
                .or_else(global),
            Mode::Pick => km
                .get(Context::Pick, key)
                .map(Action::Cmd)
                .or_else(|| coding::update::code_key_action(st, key))
                .or_else(global),
            Mode::Palette => km.get(Context::Palette, key).map(Action::Cmd).or_else(|| {
                // Typing goes to the filter; only Esc and Ctrl-C act globally.
                if key.code == Code::Esc || *key == Key::ctrl('c') {
                    global()
                } else {
                    Some(Action::Type(*key))
                }
            }),
        },
    }
}

/// Keys a text box uses: characters, and the editing keys of `LineInput`.
fn edits_text(key: &Key) -> bool {
    match key.code {
        Code::Char(c) if key.ctrl && !key.alt => "abdefuw".contains(c),
        Code::Char(_) => !key.alt,
        Code::Backspace | Code::Delete | Code::Left | Code::Right | Code::Home | Code::End => true,
        _ => false,
    }
}

/// Handle one key.
pub fn handle_key(st: &mut State, key: Key) -> Vec<Effect> {
    match resolve(st, &key) {
        Some(a) => update(st, a),
        None => {
            if st.screen == Screen::Coding
                && st.coding.mode == Mode::Code
                && key.plain_char().is_some_and(char::is_alphanumeric)
            {
                st.error(format!(
                    "No code has the key '{key}'; ? shows the keys, / finds a code"
                ));
            }
            Vec::new()
        }
    }
}

/// Drive a key string through `handle_key` (tests and scripted demos): `"j<enter>3<space>"`.
/// Jobs run in line, as the worker would run them, their reports applied in order.
pub fn press(st: &mut State, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in parse_keys(keys) {
        let mut queue: std::collections::VecDeque<Effect> = handle_key(st, k).into();
        while let Some(e) = queue.pop_front() {
            match e {
                Effect::Spawn(job) => {
                    let mut reports = Vec::new();
                    let r = jobs::run_reporting(job, &mut |p| reports.push(p));
                    reports.push(r);
                    for r in reports {
                        queue.extend(update(st, Action::Job(Box::new(r))));
                    }
                }
                other => effects.push(other),
            }
        }
    }
    effects
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    if let Action::Job(r) = action {
        return jobs::on_result(st, *r);
    }
    if let Some(p) = st.popup.take() {
        if matches!(action, Action::Cmd(Command::Quit)) && !matches!(p, Popup::Help { .. }) {
            st.quit = true;
            return vec![Effect::Quit];
        }
        return popups::update(st, p, action);
    }
    if let Action::Cmd(cmd) = &action {
        match cmd {
            Command::Quit => {
                st.quit = true;
                return vec![Effect::Quit];
            }
            Command::Help => {
                st.popup = Some(Popup::Help { scroll: 0 });
                return Vec::new();
            }
            Command::CommandLine => {
                st.popup = Some(Popup::Command(Default::default()));
                return Vec::new();
            }
            Command::Undo | Command::Redo => {
                ops::undo_redo(st, *cmd == Command::Undo);
                // Results on screen follow at once (elsewhere, when their screen opens).
                return match st.screen {
                    Screen::Search => search::refresh(st),
                    _ => Vec::new(),
                };
            }
            Command::NextScreen | Command::PrevScreen => {
                let i = Screen::ALL
                    .iter()
                    .position(|s| *s == st.screen)
                    .unwrap_or(0);
                let n = Screen::ALL.len();
                let j = if *cmd == Command::NextScreen {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                return show(st, Screen::ALL[j]);
            }
            Command::ShowSources => return show(st, Screen::Sources),
            Command::ShowCoding => return show(st, Screen::Coding),
            Command::ShowCodebook => return show(st, Screen::Codebook),
            Command::ShowAgreement => return show(st, Screen::Agreement),
            Command::ShowSearch => return show(st, Screen::Search),
            _ => {}
        }
    }
    match st.screen {
        Screen::Sources => sources::update(st, action),
        Screen::Coding => {
            coding::update::update(st, action);
            Vec::new()
        }
        Screen::Codebook => codebook::update(st, action),
        Screen::Agreement => agreement::update(st, action),
        Screen::Search => search::update(st, action),
    }
}

/// Switch to `screen` (what every way of getting there goes through).
pub fn show(st: &mut State, screen: Screen) -> Vec<Effect> {
    st.screen = screen;
    if screen == Screen::Sources && st.sources.dirty {
        sources::apply_filters(st);
    }
    if screen == Screen::Coding && st.coding.mode == Mode::Palette {
        st.coding.mode = st.coding.palette_return;
    }
    match screen {
        Screen::Agreement => return agreement::on_show(st),
        Screen::Search => return search::on_show(st),
        _ => {}
    }
    Vec::new()
}
