//! Reading a project's coding logs while its units are read: the two are independent, and on a
//! large project each takes about as long as the other.

use super::Project;
use crate::coding::{CoderState, CodingLog};
use crate::error::Result;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Mutex;

/// What was read ahead, each taken once: coders' states (not yet checked against the project),
/// and one coder's log opened for writing.
#[derive(Default)]
pub(super) struct Ahead {
    states: Mutex<FxHashMap<String, Result<CoderState>>>,
    log: Mutex<Option<(String, Result<CodingLog>)>>,
}

impl std::fmt::Debug for Ahead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ahead")
    }
}

impl Ahead {
    /// The state of `coder` replayed ahead, if there is one (then no more).
    pub fn take_state(&self, coder: &str) -> Option<Result<CoderState>> {
        self.states.lock().ok()?.remove(coder)
    }

    /// `coder`'s log opened ahead, if it was theirs. A log opened for someone else is closed
    /// (its lock released).
    pub fn take_log(&self, coder: &str) -> Option<Result<CodingLog>> {
        let (who, log) = self.log.lock().ok()?.take()?;
        (who == coder).then_some(log)
    }
}

/// Run `open` while the logs of `only` (default: every coder) in `dir` are replayed, each on a
/// thread of its own; the project it returns holds the replays for [`Project::coder_state`].
pub(super) fn reading_logs(
    dir: &Path,
    only: Option<&str>,
    open: impl FnOnce() -> Result<Project>,
) -> Result<Project> {
    let coders = crate::coding::coders(dir).unwrap_or_default();
    let coders: Vec<&String> = coders
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.as_str()))
        .collect();
    std::thread::scope(|s| {
        let running: Vec<_> = coders
            .iter()
            .map(|&c| {
                let path = crate::coding::log_path(dir, c);
                (c, s.spawn(move || CodingLog::read(&path, c)))
            })
            .collect();
        let mut p = open()?;
        let replayed = running
            .into_iter()
            .filter_map(|(c, h)| Some((c.clone(), h.join().ok()?)))
            .collect();
        p.ahead.states = Mutex::new(replayed);
        Ok(p)
    })
}

/// Run `open` while `coder`'s log is opened for writing (locked and replayed with its history)
/// on another thread; [`Project::open_log`] takes it.
pub(super) fn opening_log(
    dir: &Path,
    coder: &str,
    open: impl FnOnce() -> Result<Project>,
) -> Result<Project> {
    crate::coding::check_coder(coder)?;
    std::thread::scope(|s| {
        let opening = s.spawn(|| super::logs::open_log_in(dir, coder));
        let mut p = open()?;
        if let Ok(log) = opening.join() {
            p.ahead.log = Mutex::new(Some((coder.to_string(), log)));
        }
        Ok(p)
    })
}
