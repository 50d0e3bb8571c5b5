//! The Import screen (i on the Sources screen, `:import`): pick a file (typed with Tab
//! completion, recent folders, the folder's importable files), see what importing it will
//! produce — the core's own plan, nothing written — change the kind, a survey column's role, the
//! flags, then import on the worker. Case attributes CSVs are merged from here too.

pub mod command;
pub mod files;
pub mod plan;
pub mod preview_view;
pub mod state;
pub mod view;
pub mod work;

pub use state::{Focus, ImportState, Target};

use crate::corpus::SourceKind;
use crate::corpus::import::{ColumnRole, parse_attr};
use crate::tui::action::{Action, Command, Effect, Screen, ScreenMsg};
use crate::tui::popups::{Ask, Popup};
use crate::tui::state::State;
use state::{Entry, Running};
use std::path::PathBuf;

/// A flag typed in a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Role,
    Attrs,
    Moderators,
    Case,
    Id,
}

/// What comes back to the screen: a popup's answer, the worker's progress and result.
pub enum Msg {
    Set(Field, String),
    Progress {
        job: u64,
        running: Running,
    },
    Done {
        job: u64,
        result: Result<work::Done, String>,
    },
}

/// The screen is opened: list what there is to choose from.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    if st.import.running.is_none() && st.import.focus == Focus::Path {
        refresh_entries(st);
    }
    Vec::new()
}

/// `:import FILE`: take the path as typed and preview it when it is a file.
pub fn open_path(st: &mut State, typed: &str) -> Vec<Effect> {
    st.import.path = crate::tui::widgets::input::LineInput::new(typed.trim());
    choose_typed(st)
}

/// The entries under the path: recent folders while nothing is typed, else the folder's files.
fn refresh_entries(st: &mut State) {
    let typed = st.import.path.value().to_string();
    let mut entries = Vec::new();
    if typed.is_empty() {
        entries.extend(st.config.recent_folders.iter().map(|d| Entry {
            path: PathBuf::from(d),
            dir: true,
            recent: true,
        }));
    }
    entries.extend(files::list(&typed));
    st.import.entries = entries;
    st.import.cursor = None;
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    if st.import.running.is_some() {
        st.info("Importing… (the preview comes back when it is done)");
        return Vec::new();
    }
    match st.import.focus {
        Focus::Path => path_update(st, action),
        Focus::Preview => preview_update(st, action),
    }
}

fn path_update(st: &mut State, action: Action) -> Vec<Effect> {
    let n = st.import.entries.len();
    match action {
        Action::Type(key) if st.import.path.handle(&key) => refresh_entries(st),
        Action::Cmd(Command::CompletePath) => {
            match files::complete(st.import.path.value()) {
                Some(p) => {
                    st.import.path = crate::tui::widgets::input::LineInput::new(&p);
                    refresh_entries(st);
                }
                None => st.error(format!(
                    "Nothing here starts with '{}'; the list shows the folders and the files thematic reads ({})",
                    st.import.path.value(),
                    files::IMPORTABLE.join(", ")
                )),
            }
        }
        // A click highlights an entry; a click on the highlighted one chooses it.
        Action::ClickRow { row, .. } if row < n => {
            if st.import.cursor == Some(row) {
                return path_update(st, Action::Cmd(Command::Confirm));
            }
            st.import.cursor = Some(row);
        }
        Action::Cmd(Command::Down) if n > 0 => {
            st.import.cursor = Some(st.import.cursor.map_or(0, |c| (c + 1).min(n - 1)));
        }
        Action::Cmd(Command::Up) => {
            st.import.cursor = st.import.cursor.and_then(|c| c.checked_sub(1));
        }
        Action::Cmd(Command::Confirm) => {
            if let Some(e) = st.import.cursor.and_then(|c| st.import.entries.get(c)) {
                let mut p = e.path.display().to_string();
                if e.dir && !p.ends_with('/') {
                    p.push('/');
                }
                st.import.path = crate::tui::widgets::input::LineInput::new(&p);
            }
            return choose_typed(st);
        }
        Action::Cmd(Command::Cancel) => return vec![Effect::Then(Action::Show(Screen::Sources))],
        _ => {}
    }
    Vec::new()
}

/// Enter on the path: a folder is listed, a file previewed.
fn choose_typed(st: &mut State) -> Vec<Effect> {
    let typed = st.import.path.value().to_string();
    let path = files::expand(&typed);
    if typed.is_empty() {
        st.info("Type the path of a file, or choose a folder from the list (↓)");
    } else if path.is_dir() {
        if !typed.ends_with('/') {
            st.import.path = crate::tui::widgets::input::LineInput::new(&format!("{typed}/"));
        }
        refresh_entries(st);
    } else if path.is_file() {
        let (target, note) = plan::guess(&st.project, &path);
        let im = &mut st.import;
        im.file = Some(path);
        im.target = Some(target);
        im.target_note = note;
        im.opts = Default::default();
        im.id = None;
        im.new_cases = false;
        im.row = 0;
        im.focus = Focus::Preview;
        plan::replan(st);
    } else {
        st.error(format!("{}: no such file or folder", path.display()));
    }
    Vec::new()
}

fn preview_update(st: &mut State, action: Action) -> Vec<Effect> {
    let Action::Cmd(cmd) = action else {
        return Vec::new();
    };
    let rows = st.import.rows();
    let row = st.import.row;
    let moved = match cmd {
        Command::Up => Some(row.saturating_sub(1)),
        Command::Down => Some((row + 1).min(rows.saturating_sub(1))),
        Command::PageUp => Some(row.saturating_sub(10)),
        Command::PageDown => Some((row + 10).min(rows.saturating_sub(1))),
        Command::Top => Some(0),
        Command::Bottom => Some(rows.saturating_sub(1)),
        _ => None,
    };
    if let Some(r) = moved {
        st.import.row = r;
        return Vec::new();
    }
    let target = st.import.target;
    match cmd {
        Command::CycleKind => {
            let next = target.unwrap_or(Target::Source(SourceKind::Survey)).next();
            let im = &mut st.import;
            im.target = Some(next);
            im.target_note = "chosen".into();
            if next != Target::Source(SourceKind::Survey) {
                im.opts.case_column = None;
                im.opts.text_columns.clear();
                im.opts.ignore_columns.clear();
            }
            im.row = 0;
            plan::replan(st);
        }
        Command::CycleColumnRole if target == Some(Target::Source(SourceKind::Survey)) => {
            plan::cycle_role(st);
        }
        Command::CycleColumnRole => {
            st.info("Columns have roles in a survey only (t changes the kind)");
        }
        Command::SetRole => ask(st, Field::Role),
        Command::SetAttributes => ask(st, Field::Attrs),
        Command::SetModerators => ask(st, Field::Moderators),
        Command::SetCase => ask(st, Field::Case),
        Command::SetSourceId => ask(st, Field::Id),
        Command::ToggleNewCases if target == Some(Target::Attributes) => {
            st.import.new_cases = !st.import.new_cases;
            plan::replan(st);
        }
        Command::EditPath | Command::Cancel => {
            st.import.focus = Focus::Path;
            refresh_entries(st);
        }
        Command::Confirm => return work::run(st),
        _ => {}
    }
    Vec::new()
}

/// Ask for a flag's value in a line popup, showing what it is now.
fn ask(st: &mut State, field: Field) {
    if st.import.target == Some(Target::Attributes) {
        st.info("An attributes CSV takes no flags but --new-cases (N)");
        return;
    }
    let o = &st.import.opts;
    let (title, prompt, value) = match field {
        Field::Role => (
            "Role of every case",
            "--role: e.g. mentee or mentor (moderators are left out); empty: none",
            o.role.clone().unwrap_or_default(),
        ),
        Field::Attrs => (
            "Attributes of every case",
            "--attr KEY=VALUE, several separated by ';'; empty: none",
            o.attrs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Field::Moderators => (
            "Moderators",
            "--moderator: speakers whose turns are moderation, separated by ','; empty: Moderator…, Interviewer…, Facilitator…",
            o.moderators.join(", "),
        ),
        Field::Case => (
            "Case of unlabelled paragraphs",
            "--case: the case that paragraphs without a speaker belong to; empty: none",
            o.case.clone().unwrap_or_default(),
        ),
        Field::Id => (
            "Source id",
            "--id: lowercase letters, digits and -; empty: from the file name",
            st.import.id.clone().unwrap_or_default(),
        ),
    };
    st.popup = Some(Popup::Ask(Ask::new(title, prompt, &value, move |v| {
        Action::to(Screen::Import, Msg::Set(field, v))
    })));
}

fn set(st: &mut State, field: Field, value: String) {
    let v = value.trim().to_string();
    let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
    let file = st.import.file.clone().unwrap_or_default();
    let o = &mut st.import.opts;
    match field {
        Field::Role => o.role = some(&v),
        Field::Case => o.case = some(&v),
        Field::Id => st.import.id = some(&v),
        Field::Moderators => {
            o.moderators = v
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect();
        }
        Field::Attrs => {
            let parsed: crate::Result<Vec<_>> = v
                .split(';')
                .map(str::trim)
                .filter(|kv| !kv.is_empty())
                .map(|kv| parse_attr(&file, kv))
                .collect();
            match parsed {
                Ok(a) => o.attrs = a,
                Err(e) => {
                    st.error(e.to_string());
                    return;
                }
            }
        }
    }
    plan::replan(st);
}

pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    match msg.take::<Msg>() {
        Some(Msg::Set(field, value)) => set(st, field, value),
        Some(Msg::Progress { job, running }) if job == st.import.jobs => {
            st.import.running = Some(running);
        }
        Some(Msg::Done { job, result }) if job == st.import.jobs => {
            st.import.running = None;
            return work::finished(st, result);
        }
        _ => {}
    }
    Vec::new()
}

/// What a column becomes next when its role is changed (Space): attribute → free text →
/// ignored → case id → attribute.
pub fn next_role(r: ColumnRole) -> ColumnRole {
    match r {
        ColumnRole::Attribute => ColumnRole::Text,
        ColumnRole::Text => ColumnRole::Ignored,
        ColumnRole::Ignored => ColumnRole::CaseId,
        ColumnRole::CaseId => ColumnRole::Attribute,
    }
}

/// The command line the screen's choices stand for (survey columns by number: their names may
/// hold commas); empty before a file is chosen.
pub fn equivalent(im: &ImportState) -> String {
    let (Some(file), Some(target)) = (&im.file, im.target) else {
        return String::new();
    };
    let cols = im.survey_columns();
    let number = |n: &String| {
        cols.iter()
            .position(|c| &c.name == n)
            .map_or(n.clone(), |i| (i + 1).to_string())
    };
    let mut opts = im.opts.clone();
    opts.case_column = opts.case_column.as_ref().map(number);
    opts.text_columns = opts.text_columns.iter().map(number).collect();
    opts.ignore_columns = opts.ignore_columns.iter().map(number).collect();
    command::equivalent(file, target, &opts, im.id.as_deref(), im.new_cases)
}
