//! The one router: a key becomes an action through the keymap; every action — from a key, the
//! mouse, a popup, the `:` line or a job — comes here and goes to the popup or the screen it is
//! for. This is the only caller of a screen's `update`, `on_show` and `on_msg`; what they hand
//! back (`Effect::Then`) comes round again before the frame is drawn.

use super::action::{Action, Command, Effect, ScreenMsg};
use super::key::{Code, Key, parse_keys};
use super::keymap::Context;
use super::popups::{self, Popup};
use super::screens::coding::{self, Mode};
use super::screens::search::{self, Focus};
use super::screens::{agreement, codebook, crosstab, import, likert, reconcile, sources, themes};
use super::state::{Screen, State};
use super::{coder, jobs, memo, record, reload};

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
        Screen::Reconcile => km
            .get(Context::Reconcile, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Themes => km
            .get(Context::Themes, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Likert => km
            .get(Context::Likert, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Crosstab => km
            .get(Context::Crosstab, key)
            .map(Action::Cmd)
            .or_else(global),
        Screen::Import => match st.import.focus {
            import::Focus::Path => {
                km.get(Context::ImportPath, key)
                    .map(Action::Cmd)
                    .or_else(|| {
                        // Typing goes to the path; F-keys, Ctrl-C… act as everywhere.
                        if edits_text(key) {
                            Some(Action::Type(*key))
                        } else {
                            global()
                        }
                    })
            }
            import::Focus::Preview => km
                .get(Context::Import, key)
                .map(Action::Cmd)
                .or_else(global),
        },
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

/// Handle one key, on the shared files as they are on disk now (another coder may have added
/// the code whose key this is).
pub fn handle_key(st: &mut State, key: Key) -> Vec<Effect> {
    let mut fx = follow_changes(st);
    fx.extend(match resolve(st, &key) {
        Some(a) => update(st, a),
        None => {
            if st.popup.is_none()
                && st.screen == Screen::Coding
                && st.coding.mode == Mode::Code
                && key.plain_char().is_some_and(char::is_alphanumeric)
            {
                st.error(format!(
                    "No code has the key '{key}'; ? shows the keys, / finds a code"
                ));
            }
            Vec::new()
        }
    });
    fx
}

/// Reload what other processes changed in the shared files, and route what follows from it.
pub fn follow_changes(st: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    for e in reload::notice_changes(st) {
        match e {
            Effect::Then(a) => fx.extend(update(st, a)),
            other => fx.push(other),
        }
    }
    fx
}

/// Text pasted into the terminal: typed into the text box that has the keys (the search query,
/// the palette filter, a popup's field) as one edit; anywhere else it would run commands, so it
/// is refused. An error about what was there before the paste goes.
pub fn paste(st: &mut State, text: &str) -> Vec<Effect> {
    let mut fx = follow_changes(st);
    st.clear_error();
    let typing = match &st.popup {
        Some(p) => matches!(p.context(), Context::Input),
        None => match st.screen {
            Screen::Search => st.search.focus == Focus::Query,
            Screen::Coding => st.coding.mode == Mode::Palette,
            Screen::Import => st.import.focus == import::Focus::Path,
            _ => false,
        },
    };
    if !typing {
        st.info("Paste into a text box: the search query, a memo, the : line");
        return fx;
    }
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        fx.extend(update(st, Action::Type(Key::ch(c))));
    }
    fx
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
                        queue.extend(update(st, r));
                    }
                }
                other => effects.push(other),
            }
        }
    }
    effects
}

/// Route one action, then the follow-up actions it leads to; returns what the app loop must do
/// (quit, spawn jobs).
pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for e in route(st, action) {
            match e {
                Effect::Then(next) => queue.push_back(next),
                other => out.push(other),
            }
        }
    }
    // A definition edited from the Reconcile screen: its reason is recorded once the edit is
    // done (not while a job it started is still counting).
    if !out.iter().any(|e| matches!(e, Effect::Spawn(_))) {
        reconcile::settle_refinement(st);
    }
    out
}

fn route(st: &mut State, action: Action) -> Vec<Effect> {
    let action = match action {
        Action::ToScreen(msg) => return to_screen(st, msg),
        Action::Show(screen) => return show(st, screen),
        Action::OpenUnit { unit, switch, note } => return open_unit(st, &unit, switch, note),
        Action::SetCoder(name) => {
            coder::set_coder(st, &name);
            return Vec::new();
        }
        Action::Line { cmd, arg } => return command_line(st, cmd, arg),
        other => other,
    };
    if let Some(p) = st.popup.take() {
        if matches!(action, Action::Cmd(Command::Quit)) && !matches!(p, Popup::Help { .. }) {
            st.quit = true;
            return vec![Effect::Quit];
        }
        if let Popup::CodeAll(preview) = p {
            return search::code_all::update(st, *preview, action);
        }
        return popups::update::update(st, p, action);
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
            Command::Messages => {
                st.popup = Some(Popup::Messages { scroll: None });
                return Vec::new();
            }
            Command::CommandLine => {
                st.popup = Some(Popup::Command(Default::default()));
                return Vec::new();
            }
            Command::Undo | Command::Redo if st.screen == Screen::Themes => {
                return themes::undo_redo(st, *cmd == Command::Undo);
            }
            Command::Undo | Command::Redo => {
                let mut fx = Vec::new();
                if let Some(unit) = record::undo_redo(st, *cmd == Command::Undo) {
                    fx.extend(open_unit(st, &unit, false, None));
                }
                // Results on screen follow at once (elsewhere, when their screen opens).
                if st.screen == Screen::Search {
                    fx.extend(search::refresh(st));
                }
                return fx;
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
            Command::ShowReconcile => return show(st, Screen::Reconcile),
            Command::ShowThemes => return show(st, Screen::Themes),
            Command::ShowLikert => return show(st, Screen::Likert),
            Command::ShowCrosstab => return show(st, Screen::Crosstab),
            Command::ShowImport => return show(st, Screen::Import),
            _ => {}
        }
    }
    match st.screen {
        Screen::Sources => sources::update(st, action),
        Screen::Coding => coding::update::update(st, action),
        Screen::Codebook => codebook::update(st, action),
        Screen::Agreement => agreement::update(st, action),
        Screen::Search => search::update(st, action),
        Screen::Reconcile => reconcile::update(st, action),
        Screen::Themes => themes::update(st, action),
        Screen::Likert => likert::update(st, action),
        Screen::Crosstab => crosstab::update(st, action),
        Screen::Import => import::update(st, action),
    }
}

/// A screen's own message (a job's result, a popup's answer), whatever screen is shown.
fn to_screen(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    match msg.screen {
        Screen::Sources => {
            sources::on_msg(st, msg);
            Vec::new()
        }
        Screen::Coding => Vec::new(),
        Screen::Codebook => codebook::on_msg(st, msg),
        Screen::Agreement => agreement::on_msg(st, msg),
        Screen::Search => search::on_msg(st, msg),
        Screen::Reconcile => reconcile::on_msg(st, msg),
        Screen::Themes => themes::on_msg(st, msg),
        Screen::Likert => Vec::new(),
        Screen::Crosstab => crosstab::on_msg(st, msg),
        Screen::Import => import::on_msg(st, msg),
    }
}

/// Switch to `screen` (what every way of getting there goes through).
pub fn show(st: &mut State, screen: Screen) -> Vec<Effect> {
    if st.screen != screen {
        if st.status.said_on != Some(screen) {
            st.clear_error();
        }
        st.clear_other_screens_message(screen);
    }
    st.screen = screen;
    if screen == Screen::Sources && st.sources.dirty {
        sources::apply_filters(st);
    }
    if screen == Screen::Coding && st.coding.mode == Mode::Palette {
        st.coding.mode = st.coding.palette_return;
    }
    match screen {
        Screen::Agreement => agreement::on_show(st),
        Screen::Search => search::on_show(st),
        Screen::Reconcile => reconcile::on_show(st),
        Screen::Themes => themes::on_show(st),
        Screen::Likert => likert::on_show(st),
        Screen::Crosstab => crosstab::on_show(st),
        Screen::Import => import::on_show(st),
        _ => Vec::new(),
    }
}

/// Put a unit on the Coding screen, by id or by its number in the list. `switch`: show the
/// Coding screen, clearing filters that hide the unit; else only move the list to it if the
/// list holds it.
fn open_unit(st: &mut State, what: &str, switch: bool, note: Option<String>) -> Vec<Effect> {
    let what = what.trim();
    if !switch {
        if let Some(idx) = st.project.unit_position(what)
            && st.current_index() != Some(idx)
            && let Some(pos) = st.nav.position_of(idx)
        {
            st.go_to(pos);
        }
        return Vec::new();
    }
    if let Ok(n) = what.parse::<usize>()
        && n >= 1
        && n <= st.nav_len()
    {
        st.go_to(n - 1);
        return show(st, Screen::Coding);
    }
    let Some(idx) = st.project.unit_position(what) else {
        st.error(format!(
            "No unit '{what}'; unit ids look like {}",
            st.project
                .units
                .first()
                .map_or("source:1", |u| u.id.as_str())
        ));
        return Vec::new();
    };
    if st.nav.position_of(idx).is_none() {
        st.sources.filter = Default::default();
        sources::apply_filters(st);
    }
    let Some(p) = st.nav.position_of(idx) else {
        return Vec::new();
    };
    st.go_to(p);
    let fx = show(st, Screen::Coding);
    st.info(note.unwrap_or_else(|| format!("Unit {what}")));
    fx
}

/// A command typed on the `:` line. Those that take words, or that act on the unit wherever
/// you are, are handled here; the rest go where their key would.
fn command_line(st: &mut State, cmd: Command, arg: String) -> Vec<Effect> {
    use Command::*;
    match cmd {
        GotoUnit if arg.is_empty() => st.popup = Some(Popup::Goto(Default::default())),
        GotoUnit => return open_unit(st, &arg, true, None),
        SwitchCoder if arg.is_empty() => st.popup = Some(popups::coder_prompt(&st.project)),
        SwitchCoder => coder::set_coder(st, &arg),
        Memo => memo::set_on_unit(st, &arg),
        MarkReviewed | Unreview => record::review_current(st, cmd == MarkReviewed),
        Save => st.info("Everything is saved as you go: each action is on disk when you see it"),
        ShowSearch => {
            let mut fx = show(st, Screen::Search);
            if !arg.is_empty() {
                fx.extend(search::set_query(st, &arg));
            }
            return fx;
        }
        AddCode | RestoreCode => return codebook::from_command_line(st, cmd, &arg),
        ClearFilters => return sources::update(st, Action::Cmd(cmd)),
        ShowImport => {
            let mut fx = show(st, Screen::Import);
            if !arg.is_empty() {
                fx.extend(import::open_path(st, &arg));
            }
            return fx;
        }
        _ => return route(st, Action::Cmd(cmd)),
    }
    Vec::new()
}
