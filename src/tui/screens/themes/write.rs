//! The Themes screen's changes to the map: each written under the project lock (re-read
//! first), remembered for undo, and followed by a new count on the worker.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Msg, compute, items};
use crate::corpus::attribute_key;
use crate::error::Result;
use crate::project::Project;
use crate::themes::tree::{self, Node};
use crate::themes::{ThemeMap, edit};
use crate::tui::action::{Action, Effect, Job, Screen};
use crate::tui::state::State;

pub(super) fn gone() -> crate::Error {
    crate::Error::user("that theme no longer exists")
}

/// Writes a change under the lock (the map is re-read first), remembering the map before it
/// for undo. On an error nothing is written and the status line says why.
pub(super) fn write<T>(
    st: &mut State,
    done: &str,
    change: impl FnOnce(&mut ThemeMap) -> Result<T>,
) -> Option<T> {
    let before = st.themes.map.clone();
    match edit::update(&st.project, change) {
        Ok((map, out)) => {
            st.themes.undo.push(before);
            st.themes.redo.clear();
            st.themes.map = map;
            st.themes.revision += 1;
            st.info(format!("{done} (u undoes)"));
            Some(out)
        }
        Err(e) => {
            st.error(e.to_string());
            None
        }
    }
}

/// Undo or redo the last change to the map.
pub fn undo_redo(st: &mut State, undo: bool) -> Vec<Effect> {
    let (from, to) = if undo {
        (&mut st.themes.undo, "Undid")
    } else {
        (&mut st.themes.redo, "Redid")
    };
    let Some(target) = from.pop() else {
        st.info(if undo {
            "Nothing to undo on the theme map"
        } else {
            "Nothing to redo"
        });
        return Vec::new();
    };
    let current = st.themes.map.clone();
    match edit::update(&st.project, |m| {
        *m = target.clone();
        Ok(())
    }) {
        Ok((map, ())) => {
            if undo {
                st.themes.redo.push(current);
            } else {
                st.themes.undo.push(current);
            }
            st.themes.map = map;
            st.themes.revision += 1;
            let n = st.themes.rows().len();
            st.themes.cursor = st.themes.cursor.min(n.saturating_sub(1));
            st.info(format!("{to} the last change to the theme map"));
            compute(st)
        }
        Err(e) => {
            if undo {
                st.themes.undo.push(target);
            } else {
                st.themes.redo.push(target);
            }
            st.error(e.to_string());
            Vec::new()
        }
    }
}

/// Where a new theme goes: the category under the cursor (made when there is none).
pub(super) fn add_theme(st: &mut State, name: &str) -> Vec<Effect> {
    let node = st.themes.node();
    let added = write(st, "Theme added", |m| {
        let (s, c) = match node {
            Some(Node::Theme(p)) => (p.section, Some(p.category)),
            Some(Node::Category(s, c)) => (s, Some(c)),
            Some(Node::Section(s)) => (s, None),
            None => (tree::add_section(m, None, None)?, None),
        };
        let c = match c.or_else(|| (!m.sections[s].categories.is_empty()).then_some(0)) {
            Some(c) => c,
            None => tree::add_category(m, s, "Themes")?,
        };
        tree::add_theme(m, s, c, name, "", Vec::new())
    });
    if let Some(p) = added {
        st.themes.select(Node::Theme(p));
    }
    compute(st)
}

pub(super) fn rename(st: &mut State, name: &str) -> Vec<Effect> {
    let Some(node) = st.themes.node() else {
        return Vec::new();
    };
    let new = if matches!(node, Node::Section(_)) && name.trim().is_empty() {
        None
    } else {
        Some(name)
    };
    write(st, "Renamed", |m| tree::rename(m, node, new));
    compute(st)
}

pub(super) fn export(st: &mut State, file: &str) -> Vec<Effect> {
    let path = PathBuf::from(file.trim());
    let path = if path.is_absolute() {
        path
    } else {
        st.project.root.join(path)
    };
    let Some(format) = crate::export::Format::from_path(&path) else {
        st.error("End the file name in .docx, .html, .tex, .md or .csv");
        return Vec::new();
    };
    let root = st.project.root.clone();
    let map = st.themes.map.clone();
    st.info(format!("Writing {}…", path.display()));
    vec![Effect::Spawn(Job::new("export themes", move |_| {
        let result = (|| -> Result<String> {
            let p = Project::open(&root)?;
            let bytes = if format == crate::export::Format::Csv {
                crate::themes::table::quotes_csv(&p, &map, None)?
            } else {
                let t = crate::themes::table::theme_table(&p, &map, None)?;
                crate::export::render(&t.table, format)?
            };
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
            }
            crate::project::atomic::write_atomic(&path, &bytes)?;
            let shown = path.strip_prefix(&root).unwrap_or(&path);
            Ok(shown.display().to_string())
        })()
        .map_err(|e| e.to_string());
        Action::to(Screen::Themes, Msg::Exported(result))
    }))]
}

/// Enter in the right pane: a suggestion is pinned, a pinned quote opens on the Coding screen.
pub(super) fn pin_or_open(st: &mut State) -> Vec<Effect> {
    let Some(p) = st.themes.theme_path() else {
        return Vec::new();
    };
    let (quotes, _) = items(st, p);
    let i = st.themes.item;
    if i < quotes {
        let unit = st
            .themes
            .map
            .theme(p)
            .map(|t| t.quotes[i].unit.clone())
            .unwrap_or_default();
        return vec![Effect::Then(Action::OpenUnit {
            unit,
            switch: true,
            note: None,
        })];
    }
    let Some(s) = st.themes.suggestions(p).get(i - quotes).cloned() else {
        return Vec::new();
    };
    let Some(c) = st
        .themes
        .computed()
        .map(|c| (c.view.clone(), c.whose.clone()))
    else {
        return Vec::new();
    };
    let before = st.themes.map.clone();
    match edit::pin(
        &st.project,
        &c.0,
        &c.1,
        p,
        &s.unit,
        s.span.map(|[a, b]| (a, b)),
        None,
    ) {
        Ok(map) => {
            st.themes.undo.push(before);
            st.themes.redo.clear();
            st.themes.map = map;
            st.themes.revision += 1;
            st.themes.item = quotes;
            st.info(format!("Pinned {} (x unpins, u undoes)", s.unit));
            compute(st)
        }
        Err(e) => {
            st.error(e.to_string());
            Vec::new()
        }
    }
}

pub(super) fn unpin(st: &mut State) -> Vec<Effect> {
    let Some(p) = st.themes.theme_path() else {
        return Vec::new();
    };
    let i = st.themes.item;
    let Some(q) = st
        .themes
        .map
        .theme(p)
        .and_then(|t| t.quotes.get(i))
        .cloned()
    else {
        st.info("Highlight a pinned quote to unpin it");
        return Vec::new();
    };
    let before = st.themes.map.clone();
    match edit::unpin(&st.project, p, &q.unit, q.span_tuple()) {
        Ok((map, _)) => {
            st.themes.undo.push(before);
            st.themes.redo.clear();
            st.themes.map = map;
            st.themes.revision += 1;
            st.info(format!("Unpinned {} (u undoes)", q.unit));
            compute(st)
        }
        Err(e) => {
            st.error(e.to_string());
            Vec::new()
        }
    }
}

/// "Mentee response where role=mentee, fellowship=Adult": a title and the cases it is limited to.
pub(super) fn parse_section(text: &str) -> Result<(String, BTreeMap<String, String>)> {
    let (title, conditions) = match text.split_once(" where ") {
        Some((t, c)) => (t, c),
        None => (text, ""),
    };
    let mut filter = BTreeMap::new();
    for c in conditions
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let (k, v) = c
            .split_once('=')
            .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
            .ok_or_else(|| {
                crate::Error::user(format!("'{c}' is not KEY=VALUE (e.g. where role=mentee)"))
            })?;
        filter.insert(attribute_key(k), v.trim().to_string());
    }
    Ok((title.trim().to_string(), filter))
}

pub(super) fn add_section(st: &mut State, text: &str) -> Vec<Effect> {
    let (title, filter) = match parse_section(text) {
        Ok(x) => x,
        Err(e) => {
            st.error(e.to_string());
            return Vec::new();
        }
    };
    let title = (!title.is_empty()).then_some(title);
    if let Some(s) = write(st, "Section added", |m| {
        tree::add_section(m, title.as_deref(), Some(filter))
    }) {
        st.themes.select(Node::Section(s));
    }
    compute(st)
}

pub(super) fn add_category(st: &mut State, title: &str) -> Vec<Effect> {
    let section = match st.themes.node() {
        Some(Node::Section(s) | Node::Category(s, _)) => Some(s),
        Some(Node::Theme(p)) => Some(p.section),
        None => None,
    };
    let added = write(st, "Category added", |m| {
        let s = match section {
            Some(s) => s,
            None => tree::add_section(m, None, None)?,
        };
        Ok((s, tree::add_category(m, s, title)?))
    });
    if let Some((s, c)) = added {
        st.themes.select(Node::Category(s, c));
    }
    compute(st)
}
