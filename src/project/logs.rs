//! A project's coding logs: where they are, who the coders are, each coder's state replayed
//! (checked against the project, several side by side), opened for writing, and the state as
//! it counts after codebook merges.

use super::Project;
use crate::codebook::Codebook;
use crate::coding::{Code, CoderState, CodingLog, check_coder};
use crate::error::{IoContext, Result};
use std::path::{Path, PathBuf};

/// Open `coder`'s log in the project folder `root` for writing (creating `codings/`).
pub(super) fn open_log_in(root: &Path, coder: &str) -> Result<CodingLog> {
    let dir = crate::coding::codings_dir(root);
    std::fs::create_dir_all(&dir).at(&dir)?;
    CodingLog::open(
        &crate::coding::log_path(root, coder),
        &dir.join(format!(".{coder}.lock")),
        coder,
    )
}

impl Project {
    pub fn codings_dir(&self) -> PathBuf {
        crate::coding::codings_dir(&self.root)
    }

    pub fn log_path(&self, coder: &str) -> PathBuf {
        crate::coding::log_path(&self.root, coder)
    }

    /// Coders are the logs present in `codings/`, sorted by name.
    pub fn coders(&self) -> Result<Vec<String>> {
        crate::coding::coders(&self.root)
    }

    /// A coder's state, read without locking; checked against the project (every code and
    /// unit it names exists).
    pub fn coder_state(&self, coder: &str) -> Result<CoderState> {
        check_coder(coder)?;
        let read = self.ahead.take_state(coder);
        let mut st = match read {
            Some(st) => st?,
            None => CodingLog::read(&self.log_path(coder), coder)?,
        };
        self.check_state(coder, &st)?;
        if !self.retired.is_empty() {
            st.codings.retain(|u, _| !self.retired.contains(u));
            st.reviewed.retain(|u| !self.retired.contains(u));
            st.unit_memos.retain(|u, _| !self.retired.contains(u));
        }
        Ok(st)
    }

    /// [`coder_state`](Self::coder_state) of several coders, their logs replayed side by side
    /// (one thread each, as many at a time as there are processors), in the order given.
    pub fn coder_states(&self, coders: &[String]) -> Result<Vec<CoderState>> {
        crate::threads::side_by_side(coders, |c| self.coder_state(c))
    }

    /// Open a coder's log for writing (one process per coder at a time).
    pub fn open_log(&self, coder: &str) -> Result<CodingLog> {
        check_coder(coder)?;
        if let Some(log) = self.ahead.take_log(coder) {
            return log;
        }
        open_log_in(&self.root, coder)
    }

    /// How many codings (over all coders) count as code `id`: those whose code is `id` or a
    /// code merged into it (after `codebook merge`, the merged code's codings count as the
    /// target's).
    pub fn code_usage(&self, id: &str) -> Result<usize> {
        self.code_usage_in(&self.codebook, id)
    }

    /// [`code_usage`](Self::code_usage) by the merges of codebook `cb` (one being edited).
    pub fn code_usage_in(&self, cb: &Codebook, id: &str) -> Result<usize> {
        let mut n = 0;
        for coder in self.coders()? {
            let st = self.coder_state(&coder)?;
            n += st
                .codings
                .values()
                .flatten()
                .filter(|c| cb.counts_as(&c.code, id))
                .count();
        }
        Ok(n)
    }
}

impl Project {
    /// A coder's state as it counts now: code ids followed through merges, codings of removed
    /// or unknown codes left out, duplicates that a merge created folded into one.
    pub fn effective(&self, mut st: CoderState) -> CoderState {
        // Interned code → what it counts as now (`None`: removed or unknown), each distinct
        // code looked up in the codebook once.
        let mut canonical: rustc_hash::FxHashMap<*const u8, Option<Code>> = Default::default();
        let mut counts_as = |code: Code| {
            *canonical
                .entry(code.as_str().as_ptr())
                .or_insert_with(|| self.codebook.canonical(&code).map(Code::new))
        };
        let merges = self.codebook.codes.iter().any(|c| c.merged_into.is_some());
        st.codings.retain(|_, list| {
            list.retain_mut(|c| match counts_as(c.code) {
                Some(id) => {
                    c.code = id;
                    true
                }
                None => false,
            });
            if merges {
                let mut seen: Vec<(Code, crate::coding::Span)> = Vec::with_capacity(list.len());
                list.retain(|c| {
                    let key = (c.code, c.span);
                    let fresh = !seen.contains(&key);
                    seen.push(key);
                    fresh
                });
            }
            !list.is_empty()
        });
        st
    }

    /// `effective(coder_state(coder))`.
    pub fn coder_view(&self, coder: &str) -> Result<CoderState> {
        Ok(self.effective(self.coder_state(coder)?))
    }
}
