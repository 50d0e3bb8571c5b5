//! What the Search screen keeps: the query, where the keys go, the index as far as the UI
//! knows, the latest results, and the preview of a "code all".

use super::engine::{Progress, Shared};
use crate::search::Hit;
use crate::tui::widgets::input::LineInput;

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

/// The units a code would go on, before anything is written.
#[derive(Debug, Clone)]
pub struct Preview {
    pub query: String,
    /// The code's id.
    pub code: String,
    /// Every unit the query matches, in corpus order.
    pub units: Vec<String>,
    /// The unit has the code already (from this coder).
    pub has: Vec<bool>,
    /// The unit is to be coded.
    pub keep: Vec<bool>,
    pub cursor: usize,
}

impl Preview {
    /// Units the code would be applied to now.
    pub fn to_code(&self) -> usize {
        (0..self.units.len())
            .filter(|&i| self.keep[i] && !self.has[i])
            .count()
    }
}
