//! The Themes screen: the theme map as a tree (sections → categories → themes) with counts from
//! the consensus (or, before there is one, the coder's own log); a theme's pinned quotes and
//! ranked suggestions beside it; add, rename, reorder, delete, assign codes, pin and unpin, each
//! written under the project lock and undoable (`write.rs`); a preview of the table; export on
//! the worker.

pub mod state;
pub mod view;
mod write;

pub use write::undo_redo;
use write::{
    add_category, add_section, add_theme, export, gone, pin_or_open, rename, unpin, write,
};

pub use state::{Computed, Focus, ThemesState};

use std::collections::HashMap;
use std::path::Path;

use crate::coding::CoderState;
use crate::error::Result;
use crate::project::Project;
use crate::reconcile::{Perspective, coded_view, consensus_path};
use crate::themes::suggest::{Evidence, suggest};
use crate::themes::tree::{self, Node};
use crate::themes::{ThemeMap, ThemePath};
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::popups::{Ask, Popup};
use crate::tui::state::State;

/// What comes back to the Themes screen (a job's result, a popup's answer).
pub enum Msg {
    Computed {
        job: u64,
        result: std::result::Result<Box<Computed>, String>,
    },
    Add(String),
    AddSection(String),
    AddCategory(String),
    Rename(String),
    Codes(String),
    Display(String),
    Description(String),
    Delete(Node),
    Export(String),
    Exported(std::result::Result<String, String>),
}

/// Suggestions kept per theme.
const SUGGESTIONS: usize = 8;

fn computed(root: &Path, map: ThemeMap, coder: Option<String>, revision: u64) -> Result<Computed> {
    let p = Project::open(root)?;
    let who = if consensus_path(root).exists() {
        Perspective::Consensus
    } else if let Some(c) = coder {
        Perspective::Coder(c)
    } else {
        return Err(crate::Error::user(
            "no consensus yet and no coder: choose a coder (:coder NAME) to count your own coding",
        ));
    };
    let view = coded_view(&p, &who)?;
    let report = crate::themes::report::report(&p, &map, &view, who.label())?;
    // Before reconciliation a coder sees only their own coding, here too.
    let coders: Vec<(String, CoderState)> = match &who {
        Perspective::Consensus => {
            let mut v = Vec::new();
            for c in p.coders()? {
                let s = p.coder_view(&c)?;
                v.push((c, s));
            }
            v
        }
        Perspective::Coder(c) => vec![(c.clone(), view.clone())],
    };
    let ev = Evidence {
        view: &view,
        whose: who.label(),
        coders: &coders,
    };
    let mut suggestions = HashMap::new();
    for (path, _) in map.themes() {
        suggestions.insert(
            path,
            suggest(&p, &map, path, &ev, SUGGESTIONS).unwrap_or_default(),
        );
    }
    Ok(Computed {
        report,
        suggestions,
        whose: who.label().to_string(),
        view,
        revision,
    })
}

/// Count and suggest again on the worker, for the map as it is now.
pub fn compute(st: &mut State) -> Vec<Effect> {
    st.themes.jobs += 1;
    let id = st.themes.jobs;
    st.themes.computing = Some(id);
    let root = st.project.root.clone();
    let map = st.themes.map.clone();
    let coder = st.coder.clone();
    let revision = st.themes.revision;
    vec![Effect::Spawn(Job::new("themes", move |_| {
        let result = computed(&root, map, coder, revision)
            .map(Box::new)
            .map_err(|e| e.to_string());
        Action::to(Screen::Themes, Msg::Computed { job: id, result })
    }))]
}

/// The screen is opened: read the map (it may have changed on disk) and count again.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    match ThemeMap::load(&st.project.root) {
        Ok(map) => {
            if map != st.themes.map || !st.themes.loaded {
                st.themes.map = map;
                st.themes.revision += 1;
            }
            st.themes.loaded = true;
        }
        Err(e) => st.error(e.to_string()),
    }
    let n = st.themes.rows().len();
    st.themes.cursor = st.themes.cursor.min(n.saturating_sub(1));
    if st.themes.computing.is_some() {
        return Vec::new();
    }
    compute(st)
}

pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    let Some(msg) = msg.take::<Msg>() else {
        return Vec::new();
    };
    match msg {
        Msg::Computed { job, result } => {
            if st.themes.computing == Some(job) {
                st.themes.computing = None;
                st.themes.result = Some(result);
                if st
                    .themes
                    .computed()
                    .is_some_and(|c| c.revision != st.themes.revision)
                {
                    return compute(st);
                }
            }
            Vec::new()
        }
        Msg::Add(name) => add_theme(st, &name),
        Msg::AddSection(text) => add_section(st, &text),
        Msg::AddCategory(title) => add_category(st, &title),
        Msg::Rename(name) => rename(st, &name),
        Msg::Codes(list) => {
            let Some(at) = st.themes.theme_path() else {
                return Vec::new();
            };
            let codes: Vec<String> = list
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let n = codes.len();
            let done = format!(
                "The theme now gathers {n} code{}",
                if n == 1 { "" } else { "s" }
            );
            write(st, &done, move |m| {
                let t = m.theme_mut(at).ok_or_else(gone)?;
                t.codes = codes;
                Ok(())
            });
            compute(st)
        }
        Msg::Display(text) => {
            let (Some(p), i) = (st.themes.theme_path(), st.themes.item) else {
                return Vec::new();
            };
            let before = st.themes.map.clone();
            let text = (!text.trim().is_empty()).then_some(text);
            match crate::themes::edit::set_display(&st.project, p, i, text) {
                Ok(map) => {
                    st.themes.undo.push(before);
                    st.themes.redo.clear();
                    st.themes.map = map;
                    st.themes.revision += 1;
                    st.info("Quote text set (u undoes)");
                    compute(st)
                }
                Err(e) => {
                    st.error(e.to_string());
                    Vec::new()
                }
            }
        }
        Msg::Description(text) => {
            let Some(at) = st.themes.theme_path() else {
                return Vec::new();
            };
            write(st, "Description set", move |m| {
                m.theme_mut(at).ok_or_else(gone)?.description = text.trim().to_string();
                Ok(())
            });
            compute(st)
        }
        Msg::Delete(node) => {
            write(st, "Deleted", |m| tree::remove(m, node));
            let n = st.themes.rows().len();
            st.themes.cursor = st.themes.cursor.min(n.saturating_sub(1));
            compute(st)
        }
        Msg::Export(file) => export(st, &file),
        Msg::Exported(r) => {
            match r {
                Ok(path) => st.info(format!("Wrote the theme table to {path}")),
                Err(e) => st.error(e),
            }
            Vec::new()
        }
    }
}

fn prompt(st: &mut State, title: &str, hint: &str, value: &str, answer: fn(String) -> Msg) {
    st.popup = Some(Popup::Ask(Ask::new(title, hint, value, move |v| {
        Action::to(Screen::Themes, answer(v))
    })));
}

/// The right pane's rows for the theme: (pinned quotes, suggestions).
pub(super) fn items(st: &State, p: ThemePath) -> (usize, usize) {
    let quotes = st.themes.map.theme(p).map_or(0, |t| t.quotes.len());
    (quotes, st.themes.suggestions(p).len())
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let Action::Cmd(cmd) = action else {
        return Vec::new();
    };
    let rows = st.themes.rows().len();
    let in_quotes = st.themes.focus == Focus::Quotes;
    match cmd {
        Command::Up if in_quotes => st.themes.item = st.themes.item.saturating_sub(1),
        Command::Down if in_quotes => {
            if let Some(p) = st.themes.theme_path() {
                let (q, s) = items(st, p);
                st.themes.item = (st.themes.item + 1).min((q + s).saturating_sub(1));
            }
        }
        Command::Top | Command::PageUp if in_quotes => st.themes.item = 0,
        Command::Bottom | Command::PageDown if in_quotes => {
            if let Some(p) = st.themes.theme_path() {
                let (q, s) = items(st, p);
                st.themes.item = (q + s).saturating_sub(1);
            }
        }
        Command::Up => st.themes.cursor = st.themes.cursor.saturating_sub(1),
        Command::Down => st.themes.cursor = (st.themes.cursor + 1).min(rows.saturating_sub(1)),
        Command::Top => st.themes.cursor = 0,
        Command::Bottom => st.themes.cursor = rows.saturating_sub(1),
        Command::PageUp => st.themes.cursor = st.themes.cursor.saturating_sub(10),
        Command::PageDown => st.themes.cursor = (st.themes.cursor + 10).min(rows.saturating_sub(1)),
        Command::Right | Command::Confirm if !in_quotes && st.themes.theme_path().is_some() => {
            st.themes.focus = Focus::Quotes;
            st.themes.item = 0;
        }
        Command::Right | Command::Confirm if !in_quotes => {}
        Command::Left | Command::Cancel => st.themes.focus = Focus::Tree,
        Command::Confirm => return pin_or_open(st),
        Command::UnpinQuote => return unpin(st),
        Command::EditText => {
            let Some(p) = st.themes.theme_path() else {
                return Vec::new();
            };
            let Some(theme) = st.themes.map.theme(p) else {
                return Vec::new();
            };
            if in_quotes {
                let Some(q) = theme.quotes.get(st.themes.item) else {
                    st.info("e edits a pinned quote's text; highlight one");
                    return Vec::new();
                };
                let current = q
                    .text
                    .clone()
                    .or_else(|| q.original.clone())
                    .unwrap_or_default();
                prompt(
                    st,
                    "Printed text of the quote",
                    "Cut with …, replace words in [brackets]; empty: the original",
                    &current,
                    Msg::Display,
                );
            } else {
                let current = theme.description.clone();
                prompt(
                    st,
                    "Description of theme",
                    "As the table prints it:",
                    &current,
                    Msg::Description,
                );
            }
        }
        Command::TogglePreview => st.themes.preview = !st.themes.preview,
        Command::AddSection => prompt(
            st,
            "New section",
            "Its title, then optionally: where role=mentee, fellowship=Adult",
            "",
            Msg::AddSection,
        ),
        Command::AddCategory => prompt(
            st,
            "New category",
            "Its title (added to the highlighted section):",
            "",
            Msg::AddCategory,
        ),
        Command::AddTheme => prompt(
            st,
            "New theme",
            "Its name (Enter adds it under the highlighted category):",
            "",
            Msg::Add,
        ),
        Command::RenameNode => {
            let current = match st.themes.node() {
                Some(Node::Section(s)) => {
                    st.themes.map.sections[s].title.clone().unwrap_or_default()
                }
                Some(Node::Category(s, c)) => st.themes.map.sections[s].categories[c].title.clone(),
                Some(Node::Theme(p)) => st
                    .themes
                    .map
                    .theme(p)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                None => return Vec::new(),
            };
            prompt(
                st,
                "Rename",
                "The new name (a section may have none):",
                &current,
                Msg::Rename,
            );
        }
        Command::AssignCodes => {
            let Some(p) = st.themes.theme_path() else {
                st.info("Codes belong to a theme: highlight one first");
                return Vec::new();
            };
            let current = st
                .themes
                .map
                .theme(p)
                .map(|t| t.codes.join(", "))
                .unwrap_or_default();
            prompt(
                st,
                "Codes of the theme",
                "Code names or ids, separated by commas:",
                &current,
                Msg::Codes,
            );
        }
        Command::DeleteNode => {
            let Some(node) = st.themes.node() else {
                return Vec::new();
            };
            let what = match node {
                Node::Section(s) => format!(
                    "section '{}' with its categories and themes",
                    st.themes.map.section_label(s)
                ),
                Node::Category(s, c) => format!(
                    "category '{}' with its themes",
                    st.themes.map.sections[s].categories[c].title
                ),
                Node::Theme(p) => format!(
                    "theme '{}' with its quotes",
                    st.themes.map.theme(p).map_or("", |t| t.name.as_str())
                ),
            };
            st.popup = Some(Popup::Confirm {
                title: "Delete",
                question: format!("Delete the {what}? (u undoes)"),
                yes: Box::new(Action::to(Screen::Themes, Msg::Delete(node))),
            });
        }
        Command::MoveNodeUp | Command::MoveNodeDown => {
            let Some(node) = st.themes.node() else {
                return Vec::new();
            };
            let by = if cmd == Command::MoveNodeUp { -1 } else { 1 };
            if let Some(now) = write(st, "Moved", |m| tree::move_node(m, node, by)) {
                st.themes.select(now);
            }
            return compute(st);
        }
        Command::ExportTable => prompt(
            st,
            "Export the theme table",
            "File in the project folder (.docx .html .tex .md .csv):",
            "exports/themes-table.docx",
            Msg::Export,
        ),
        _ => {}
    }
    Vec::new()
}
