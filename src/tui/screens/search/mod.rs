//! The Search screen: results as you type (hits highlighted), a unit opens on the Coding screen,
//! and "code all results" applies a code to every hit (or the ones kept) as one undoable action
//! in the coder's own log. The index lives on the worker (see `engine`); `code:` filters mean the
//! current coder's codes only, as coding is blind.

pub mod code_all;
pub mod engine;
pub mod view;

use crate::search::Hit;
use crate::search::query::{self, Node};
use crate::tui::action::{Action, Command, Effect};
use crate::tui::jobs::Job;
use crate::tui::key::Key;
use crate::tui::state::{Screen, State};
use crate::tui::widgets::input::LineInput;
use engine::{Progress, Shared};

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Typing edits the query; arrows move through the results.
    #[default]
    Query,
    /// Keys act on the results (j/k, u undoes, q quits…).
    Results,
}

/// The index, as far as the UI knows.
#[derive(Debug, Clone, Default)]
pub enum IndexState {
    #[default]
    NotOpened,
    /// Being loaded or built on the worker.
    Opening,
    Ready(Shared),
    Failed(String),
}

/// The hits of one query.
#[derive(Debug, Clone)]
pub struct Results {
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: LineInput,
    pub focus: Focus,
    pub index: IndexState,
    /// `State::revision` the index has caught up with.
    pub indexed: u64,
    /// An update of the index is running.
    pub refreshing: bool,
    /// Number of the latest query sent; older answers are dropped.
    pub seq: u64,
    pub searching: bool,
    pub results: Option<Results>,
    /// What is wrong with the query as typed (shown in the screen).
    pub error: Option<String>,
    pub cursor: usize,
    /// What the index did last (built, updated), for the screen.
    pub notice: String,
    /// How far building the index got (opening, or a rebuild while updating).
    pub progress: Option<Progress>,
}

impl SearchState {
    pub fn engine(&self) -> Option<&Shared> {
        match &self.index {
            IndexState::Ready(e) => Some(e),
            _ => None,
        }
    }

    pub fn hit(&self) -> Option<&Hit> {
        self.results.as_ref()?.hits.get(self.cursor)
    }
}

/// A `code:` filter naming someone else's codes (another coder, or the consensus).
pub fn names_other_coders(node: &Node, me: Option<&str>) -> Option<String> {
    match node {
        Node::And(parts) | Node::Or(parts) => parts.iter().find_map(|p| names_other_coders(p, me)),
        Node::Not(inner) => names_other_coders(inner, me),
        Node::Field { field, value, .. } if field == "code" => {
            let (who, _) = value.split_once('/')?;
            (!me.is_some_and(|m| who.trim().eq_ignore_ascii_case(m)))
                .then(|| format!("code:{value}"))
        }
        _ => None,
    }
}

/// The screen is opened: open the index the first time, bring it up to date after coding.
pub fn on_show(st: &mut State) -> Vec<Effect> {
    st.search.focus = Focus::Query;
    match &st.search.index {
        IndexState::NotOpened | IndexState::Failed(_) => open(st),
        IndexState::Ready(_) if st.search.indexed != st.revision => refresh(st),
        _ => Vec::new(),
    }
}

fn open(st: &mut State) -> Vec<Effect> {
    let Some(cache) = st.cache_dir.clone() else {
        st.search.index = IndexState::Failed(format!(
            "no cache folder is known for this user; set {} to a folder",
            crate::search::CACHE_ENV
        ));
        return Vec::new();
    };
    st.search.index = IndexState::Opening;
    st.search.progress = None;
    vec![Effect::Spawn(Box::new(Job::OpenSearch {
        root: st.project.root.clone(),
        cache,
        revision: st.revision,
    }))]
}

/// Catch the index up with the coding logs (after coding, undo, a codebook edit).
pub fn refresh(st: &mut State) -> Vec<Effect> {
    let Some(engine) = st.search.engine().cloned() else {
        return Vec::new();
    };
    if st.search.refreshing {
        return Vec::new();
    }
    st.search.refreshing = true;
    vec![Effect::Spawn(Box::new(Job::RefreshSearch {
        engine,
        codebook: st.project.codebook.clone(),
        revision: st.revision,
    }))]
}

/// Run the query as typed (when the index is ready); a bad query is a message, not a search.
pub fn run_query(st: &mut State) -> Vec<Effect> {
    let q = st.search.input.value().trim().to_string();
    st.search.error = None;
    if q.is_empty() {
        st.search.results = None;
        st.search.searching = false;
        st.search.cursor = 0;
        return Vec::new();
    }
    let node = match query::parse(&q) {
        Ok(n) => n,
        Err(e) => {
            st.search.error = Some(e.to_string());
            return Vec::new();
        }
    };
    if let Some(f) = names_other_coders(&node, st.coder.as_deref()) {
        st.search.error = Some(format!(
            "{f} names someone else's codes: here code: filters use your own codes only \
             (coding is blind); `thematic search` can compare coders"
        ));
        return Vec::new();
    }
    let Some(engine) = st.search.engine().cloned() else {
        // Searched as soon as the index is ready.
        return Vec::new();
    };
    st.search.seq += 1;
    st.search.searching = true;
    vec![Effect::Spawn(Box::new(Job::Search {
        engine,
        query: q,
        coder: st.coder.clone(),
        seq: st.search.seq,
    }))]
}

pub fn on_progress(st: &mut State, p: Progress) {
    st.search.progress = Some(p);
}

pub fn on_opened(
    st: &mut State,
    revision: u64,
    result: Result<(Shared, String), String>,
) -> Vec<Effect> {
    st.search.progress = None;
    match result {
        Ok((engine, said)) => {
            st.search.index = IndexState::Ready(engine);
            st.search.indexed = revision;
            st.search.notice = said;
            let mut fx = if revision != st.revision {
                refresh(st)
            } else {
                Vec::new()
            };
            fx.extend(run_query(st));
            fx
        }
        Err(e) => {
            st.search.index = IndexState::Failed(e);
            Vec::new()
        }
    }
}

pub fn on_refreshed(st: &mut State, revision: u64, result: Result<String, String>) -> Vec<Effect> {
    st.search.refreshing = false;
    st.search.progress = None;
    match result {
        Ok(said) => {
            st.search.indexed = revision;
            st.search.notice = said;
        }
        Err(e) => {
            st.search.notice = format!("The search index could not be updated: {e}");
            return Vec::new();
        }
    }
    let mut fx = if revision != st.revision {
        refresh(st)
    } else {
        Vec::new()
    };
    fx.extend(run_query(st));
    fx
}

pub fn on_results(
    st: &mut State,
    seq: u64,
    query: String,
    result: Result<crate::search::SearchResults, String>,
) {
    if seq != st.search.seq {
        return;
    }
    st.search.searching = false;
    match result {
        Ok(r) => {
            let same = st
                .search
                .results
                .as_ref()
                .is_some_and(|old| old.query == query);
            if !same {
                st.search.cursor = 0;
            }
            st.search.cursor = st.search.cursor.min(r.hits.len().saturating_sub(1));
            st.search.results = Some(Results {
                query,
                total: r.total,
                hits: r.hits,
            });
            st.search.error = None;
        }
        Err(e) => {
            st.search.results = None;
            st.search.error = Some(e);
        }
    }
}

pub fn update(st: &mut State, action: Action) -> Vec<Effect> {
    let n = st.search.results.as_ref().map_or(0, |r| r.hits.len());
    let last = n.saturating_sub(1);
    let cur = st.search.cursor;
    let cmd = match action {
        Action::Type(key) => return type_key(st, key),
        Action::ClickRow { row, .. } if row < n => {
            if row == cur {
                Command::Confirm
            } else {
                st.search.cursor = row;
                return Vec::new();
            }
        }
        Action::Cmd(c) => c,
        _ => return Vec::new(),
    };
    use Command::*;
    match cmd {
        Up => st.search.cursor = cur.saturating_sub(1),
        Down => st.search.cursor = (cur + 1).min(last),
        PageUp => st.search.cursor = cur.saturating_sub(10),
        PageDown => st.search.cursor = (cur + 10).min(last),
        Top => st.search.cursor = 0,
        Bottom => st.search.cursor = last,
        EditQuery => st.search.focus = Focus::Query,
        Cancel if st.search.focus == Focus::Query => st.search.focus = Focus::Results,
        Confirm => open_hit(st),
        CodeAll => return code_all::start(st),
        _ => {}
    }
    Vec::new()
}

fn type_key(st: &mut State, key: Key) -> Vec<Effect> {
    if st.search.focus != Focus::Query {
        return Vec::new();
    }
    let before = st.search.input.value().to_string();
    st.search.input.handle(&key);
    if st.search.input.value() == before {
        return Vec::new();
    }
    run_query(st)
}

/// Put the highlighted hit's unit on the Coding screen.
fn open_hit(st: &mut State) {
    let Some(unit) = st.search.hit().map(|h| h.unit.clone()) else {
        return;
    };
    crate::tui::screens::sources::goto(st, &unit);
    if st.screen == Screen::Coding {
        st.info(format!("Unit {unit} · F6 goes back to the search"));
    }
}
