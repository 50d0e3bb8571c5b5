//! A coder's log open for writing: record one fsync'd action, undo and redo.

use super::replay::{Group, Header, LOG_FORMAT, Replay, push_undo, replay};
use super::{Change, CoderState, Entry, Op};
use crate::error::{Error, Result};
use crate::files::jsonl::Appender;
use std::collections::VecDeque;
use std::path::Path;

/// A coder's log, open for writing (holding the coder's lock).
#[derive(Debug)]
pub struct CodingLog {
    file: Appender,
    state: CoderState,
    undo: VecDeque<Group>,
    redo: Vec<Group>,
    next_seq: u64,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Group({}, {} entries)", self.id, self.entries.len())
    }
}

impl CodingLog {
    /// Read a log without locking it (for agreement, exports…). A missing file is an empty state.
    pub fn read(path: &Path, coder: &str) -> Result<CoderState> {
        super::replay::replay_file(path, coder)
    }

    /// Open for writing: take the lock and replay. A bad line refuses the open; a torn last
    /// line left by a crash (never acknowledged) is cut off before the first new action.
    pub fn open(path: &Path, lock_path: &Path, coder: &str) -> Result<CodingLog> {
        let header = serde_json::to_vec(&Header {
            format: LOG_FORMAT,
            coder: coder.to_string(),
        })
        .map_err(|e| Error::user(e.to_string()))?;
        let (file, r): (Appender, Replay) = Appender::open(
            path,
            lock_path,
            &format!("coder {coder}'s coding log"),
            header,
            |lines| replay(path, lines, coder, true),
        )?;
        Ok(CodingLog {
            file,
            state: r.state,
            undo: r.undo,
            redo: r.redo,
            next_seq: r.next_seq,
        })
    }

    /// For tests: writes fail as on a full disk once `bytes` more bytes were written.
    #[doc(hidden)]
    pub fn fail_writes_after(&mut self, bytes: u64) {
        self.file.fail_writes_after(bytes);
    }

    pub fn state(&self) -> &CoderState {
        &self.state
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Record `changes` as one undoable action. Changes that would change nothing are skipped;
    /// returns how many entries were written (0: nothing to do, nothing written). Durable on return.
    pub fn record(&mut self, changes: &[Change]) -> Result<usize> {
        let group = self.next_seq;
        let mut scratch = self.state.clone_for(changes);
        let mut entries = Vec::new();
        for ch in changes {
            if let Some(e) = self.entry_for(&scratch, ch, group + entries.len() as u64, group) {
                scratch.apply(&e);
                entries.push(e);
            }
        }
        if entries.is_empty() {
            return Ok(0);
        }
        self.write(&entries)?;
        self.redo.clear();
        push_undo(
            &mut self.undo,
            Group {
                id: group,
                entries: entries.clone(),
            },
        );
        Ok(entries.len())
    }

    /// Undo the last action; returns the entries written (empty when there is nothing to undo).
    pub fn undo(&mut self) -> Result<Vec<Entry>> {
        let Some(g) = self.undo.back().cloned() else {
            return Ok(Vec::new());
        };
        let entries = self.again(&g, true);
        self.write(&entries)?;
        self.undo.pop_back();
        self.redo.push(g);
        Ok(entries)
    }

    /// Redo the last undone action.
    pub fn redo(&mut self) -> Result<Vec<Entry>> {
        let Some(g) = self.redo.last().cloned() else {
            return Ok(Vec::new());
        };
        let entries = self.again(&g, false);
        self.write(&entries)?;
        self.redo.pop();
        push_undo(&mut self.undo, g);
        Ok(entries)
    }

    /// The entries that undo (inverses, last first) or redo (copies) group `g`, as a new group.
    fn again(&self, g: &Group, undo: bool) -> Vec<Entry> {
        let id = self.next_seq;
        let at = crate::files::clock::now();
        let steps: Vec<Entry> = if undo {
            g.entries.iter().rev().map(Entry::inverse).collect()
        } else {
            g.entries.clone()
        };
        steps
            .into_iter()
            .enumerate()
            .map(|(i, e)| Entry {
                seq: id + i as u64,
                at: at.clone(),
                group: id,
                undo: undo.then_some(g.id),
                redo: (!undo).then_some(g.id),
                ..e
            })
            .collect()
    }

    /// Append and fsync, then (only then) update the in-memory state.
    fn write(&mut self, entries: &[Entry]) -> Result<()> {
        self.file.append_json(entries)?;
        for e in entries {
            self.state.apply(e);
        }
        self.next_seq += entries.len() as u64;
        Ok(())
    }

    fn entry_for(&self, state: &CoderState, ch: &Change, seq: u64, group: u64) -> Option<Entry> {
        let base = |op: Op, unit: &str| Entry {
            seq,
            at: crate::files::clock::now(),
            op,
            unit: unit.to_string(),
            code: None,
            span: None,
            memo: None,
            prev: None,
            group,
            undo: None,
            redo: None,
        };
        match ch {
            Change::Apply {
                unit,
                code,
                span,
                memo,
            } => (!state.has(unit, code, *span)).then(|| Entry {
                code: Some(code.clone()),
                span: *span,
                memo: memo.clone(),
                ..base(Op::Apply, unit)
            }),
            Change::Remove { unit, code, span } => state.coding(unit, code, *span).map(|c| Entry {
                code: Some(code.clone()),
                span: *span,
                memo: c.memo.clone(),
                ..base(Op::Remove, unit)
            }),
            Change::Review { unit } => (!state.is_reviewed(unit)).then(|| base(Op::Review, unit)),
            Change::Unreview { unit } => state.is_reviewed(unit).then(|| base(Op::Unreview, unit)),
            Change::Memo {
                unit,
                code,
                span,
                text,
            } => {
                let prev = match code {
                    Some(c) => state.coding(unit, c, *span)?.memo.clone(),
                    None => state.unit_memos.get(unit).cloned(),
                };
                (prev != *text).then(|| Entry {
                    code: code.clone(),
                    span: *span,
                    memo: text.clone(),
                    prev,
                    ..base(Op::Memo, unit)
                })
            }
        }
    }
}

impl CoderState {
    /// A copy of the part of the state `changes` touch, to check later changes in a batch
    /// against earlier ones without cloning the whole state.
    fn clone_for(&self, changes: &[Change]) -> CoderState {
        let mut s = CoderState::default();
        for ch in changes {
            let u = ch.unit();
            if let Some(c) = self.codings.get(u) {
                s.codings.insert(u.to_string(), c.clone());
            }
            if self.reviewed.contains(u) {
                s.reviewed.insert(u.to_string());
            }
            if let Some(m) = self.unit_memos.get(u) {
                s.unit_memos.insert(u.to_string(), m.clone());
            }
        }
        s
    }
}
