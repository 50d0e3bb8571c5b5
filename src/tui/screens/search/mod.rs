//! The Search screen: results as you type (hits highlighted), a unit opens on the Coding screen,
//! and "code all results" applies a code to every hit (or the ones kept) as one undoable action
//! in the coder's own log. The index lives on the worker (see `engine`); `code:` filters mean the
//! current coder's codes only, as coding is blind.

pub mod code_all;
pub mod engine;
pub mod preview_view;
pub mod results_view;
pub mod state;
pub mod view;

pub use state::{Focus, IndexState, Preview, Results, SearchState};

use crate::search::query::{self, Node};
use crate::search::{CodeResults, SearchResults};
use crate::tui::action::{Action, Command, Effect, Job, Screen, ScreenMsg};
use crate::tui::key::Key;
use crate::tui::state::State;
use crate::tui::widgets::input::LineInput;
use engine::{Progress, Shared};

/// What comes back to the Search screen: the worker's reports and results, a picked code.
pub enum Msg {
    /// Building the index got this far.
    Progress(Progress),
    Opened {
        revision: u64,
        result: Result<(Shared, String), String>,
    },
    Refreshed {
        revision: u64,
        result: Result<String, String>,
    },
    Done {
        seq: u64,
        query: String,
        result: Result<SearchResults, String>,
    },
    /// Every unit the query matches, for "code all".
    Preview {
        query: String,
        result: Result<CodeResults, String>,
    },
    /// The code for every result was picked.
    CodeAll(String),
}

/// Send `msg` to this screen (from the worker).
fn reply(msg: Msg) -> Action {
    Action::to(Screen::Search, msg)
}

/// A message for this screen arrives.
pub fn on_msg(st: &mut State, msg: ScreenMsg) -> Vec<Effect> {
    let Some(msg) = msg.take::<Msg>() else {
        return Vec::new();
    };
    match msg {
        Msg::Progress(p) => st.search.progress = Some(p),
        Msg::Opened { revision, result } => return on_opened(st, revision, result),
        Msg::Refreshed { revision, result } => return on_refreshed(st, revision, result),
        Msg::Done { seq, query, result } => on_results(st, seq, query, result),
        Msg::Preview { query, result } => code_all::on_preview(st, query, result),
        Msg::CodeAll(code) => return code_all::chosen(st, &code),
    }
    Vec::new()
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
    let root = st.project.root.clone();
    let revision = st.revision;
    vec![Effect::Spawn(Job::new(
        "open the search index",
        move |report| {
            let result = engine::open(&root, &cache, &mut |p| report(reply(Msg::Progress(p))))
                .map_err(|e| e.to_string());
            reply(Msg::Opened { revision, result })
        },
    ))]
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
    let codebook = st.project.codebook.clone();
    let revision = st.revision;
    vec![Effect::Spawn(Job::new(
        "update the search index",
        move |report| {
            let result =
                engine::refresh(&engine, codebook, &mut |p| report(reply(Msg::Progress(p))))
                    .map_err(|e| e.to_string());
            reply(Msg::Refreshed { revision, result })
        },
    ))]
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
    let coder = st.coder.clone();
    let seq = st.search.seq;
    vec![Effect::Spawn(Job::new("search", move |_| {
        let result = engine::search(&engine, &q, coder.as_deref()).map_err(|e| e.to_string());
        reply(Msg::Done {
            seq,
            query: q,
            result,
        })
    }))]
}

/// `:search QUERY`: type the query and run it.
pub fn set_query(st: &mut State, q: &str) -> Vec<Effect> {
    st.search.input = LineInput::new(q);
    run_query(st)
}

fn on_opened(
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

fn on_refreshed(st: &mut State, revision: u64, result: Result<String, String>) -> Vec<Effect> {
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

fn on_results(st: &mut State, seq: u64, query: String, result: Result<SearchResults, String>) {
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
        Confirm => return open_hit(st),
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
fn open_hit(st: &mut State) -> Vec<Effect> {
    let Some(unit) = st.search.hit().map(|h| h.unit.clone()) else {
        return Vec::new();
    };
    let note = Some(format!("Unit {unit} · F6 goes back to the search"));
    vec![Effect::Then(Action::OpenUnit {
        unit,
        switch: true,
        note,
    })]
}
