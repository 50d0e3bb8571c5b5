//! The append-only log file: open (lock + replay), append one fsync'd action, undo and redo.

use super::{Change, CoderState, Entry, Op};
use crate::error::{Error, IoContext, Result};
use crate::project::atomic::{append_line, open_append};
use crate::project::lock::WriteLock;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The version written in a log's first line.
pub const LOG_FORMAT: u32 = 1;
/// How many actions undo reaches back (across restarts too).
const UNDO_DEPTH: usize = 1000;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    coder: String,
}

/// A user action: the entries it wrote, in order.
#[derive(Clone)]
struct Group {
    id: u64,
    entries: Vec<Entry>,
}

/// A group found while replaying: its id and where its lines are in the file, so only the
/// groups undo and redo can still reach are parsed into owned entries.
#[derive(Clone, Copy)]
struct GroupAt {
    id: u64,
    undo: Option<u64>,
    redo: Option<u64>,
    bytes: (usize, usize),
}

/// A log line parsed without copying its strings (the timestamp is not read at all).
#[derive(Deserialize)]
struct LineRef<'a> {
    seq: u64,
    op: Op,
    #[serde(borrow)]
    unit: Cow<'a, str>,
    #[serde(borrow, default)]
    code: Option<Cow<'a, str>>,
    #[serde(default, with = "super::entry::span_serde")]
    span: super::Span,
    #[serde(borrow, default)]
    memo: Option<Cow<'a, str>>,
    group: u64,
    #[serde(default)]
    undo: Option<u64>,
    #[serde(default)]
    redo: Option<u64>,
}

/// Replayed content of a log file.
struct Replay {
    state: CoderState,
    undo: VecDeque<Group>,
    redo: Vec<Group>,
    next_seq: u64,
    /// Byte length of the complete lines; anything after is a torn write.
    valid_len: u64,
}

fn check_header(path: &Path, line: &str, coder: &str) -> Result<()> {
    let h: Header = serde_json::from_str(line)
        .map_err(|e| Error::input(path, Some(1), format!("not a coding log header: {e}")))?;
    if h.format > LOG_FORMAT {
        return Err(Error::input(
            path,
            Some(1),
            format!(
                "log format {} is newer than this thematic ({LOG_FORMAT}); upgrade thematic",
                h.format
            ),
        ));
    }
    if h.coder != coder {
        return Err(Error::field(
            path,
            Some(1),
            "coder",
            format!("log belongs to '{}', not '{coder}'", h.coder),
        ));
    }
    Ok(())
}

/// Replay a log. With `history`, also rebuild the undo and redo stacks (for writing).
fn replay(path: &Path, bytes: &[u8], coder: &str, history: bool) -> Result<Replay> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let text = std::str::from_utf8(&bytes[..complete])
        .map_err(|e| Error::input(path, None, format!("log is not UTF-8: {e}")))?;
    let mut state = CoderState::default();
    let mut next_seq = 1;
    let mut undo: VecDeque<GroupAt> = VecDeque::new();
    let mut redo: Vec<GroupAt> = Vec::new();
    let mut current: Option<GroupAt> = None;
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.is_empty() {
            continue;
        }
        if i == 0 {
            check_header(path, line, coder)?;
            continue;
        }
        let e: LineRef = serde_json::from_str(line)
            .map_err(|err| Error::input(path, Some(i + 1), err.to_string()))?;
        state.apply_op(e.op, &e.unit, e.code.as_deref(), e.span, e.memo.as_deref());
        next_seq = next_seq.max(e.seq + 1);
        if !history {
            continue;
        }
        match &mut current {
            Some(g) if g.id == e.group => g.bytes.1 = offset,
            _ => {
                if let Some(done) = current.take() {
                    finish_group(&mut undo, &mut redo, done);
                }
                current = Some(GroupAt {
                    id: e.group,
                    undo: e.undo,
                    redo: e.redo,
                    bytes: (start, offset),
                });
            }
        }
    }
    if let Some(done) = current {
        finish_group(&mut undo, &mut redo, done);
    }
    let materialize = |g: &GroupAt| -> Result<Group> {
        let entries = text[g.bytes.0..g.bytes.1]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).map_err(|err| Error::input(path, None, err.to_string()))
            })
            .collect::<Result<Vec<Entry>>>()?;
        Ok(Group { id: g.id, entries })
    };
    Ok(Replay {
        state,
        undo: undo.iter().map(materialize).collect::<Result<_>>()?,
        redo: redo.iter().map(materialize).collect::<Result<_>>()?,
        next_seq,
        valid_len: complete as u64,
    })
}

/// Keep the undo and redo stacks as the user left them.
fn finish_group(undo: &mut VecDeque<GroupAt>, redo: &mut Vec<GroupAt>, g: GroupAt) {
    if let Some(target) = g.undo {
        if undo.back().is_some_and(|t| t.id == target) {
            redo.extend(undo.pop_back());
        }
    } else if let Some(target) = g.redo {
        if redo.last().is_some_and(|t| t.id == target) {
            if let Some(again) = redo.pop() {
                push_undo(undo, again);
            }
        }
    } else {
        redo.clear();
        push_undo(undo, g);
    }
}

fn push_undo<T>(undo: &mut VecDeque<T>, g: T) {
    undo.push_back(g);
    if undo.len() > UNDO_DEPTH {
        undo.pop_front();
    }
}

/// A coder's log, open for writing (holding the coder's lock).
#[derive(Debug)]
pub struct CodingLog {
    path: PathBuf,
    coder: String,
    file: Option<File>,
    _lock: WriteLock,
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
        match std::fs::read(path) {
            Ok(bytes) => Ok(replay(path, &bytes, coder, false)?.state),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CoderState::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Open for writing: take the lock, drop a torn last line left by a crash (it was never
    /// acknowledged), replay.
    pub fn open(path: &Path, lock_path: &Path, coder: &str) -> Result<CodingLog> {
        let lock = WriteLock::acquire(lock_path, &format!("coder {coder}'s coding log"))?;
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        let r = replay(path, &bytes, coder, true)?;
        // A new coder's file is created on the first action, so a command that fails writes nothing.
        let file = if bytes.is_empty() {
            None
        } else {
            let file = open_append(path)?;
            if r.valid_len < bytes.len() as u64 {
                file.set_len(r.valid_len).at(path)?;
                file.sync_all().at(path)?;
            }
            Some(file)
        };
        Ok(CodingLog {
            path: path.to_path_buf(),
            coder: coder.to_string(),
            file,
            _lock: lock,
            state: r.state,
            undo: r.undo,
            redo: r.redo,
            next_seq: r.next_seq,
        })
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
        let id = self.next_seq;
        let at = crate::project::manifest::now();
        let entries: Vec<Entry> = g
            .entries
            .iter()
            .rev()
            .enumerate()
            .map(|(i, e)| Entry {
                seq: id + i as u64,
                at: at.clone(),
                group: id,
                undo: Some(g.id),
                redo: None,
                ..e.inverse()
            })
            .collect();
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
        let id = self.next_seq;
        let at = crate::project::manifest::now();
        let entries: Vec<Entry> = g
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| Entry {
                seq: id + i as u64,
                at: at.clone(),
                group: id,
                undo: None,
                redo: Some(g.id),
                ..e.clone()
            })
            .collect();
        self.write(&entries)?;
        self.redo.pop();
        push_undo(&mut self.undo, g);
        Ok(entries)
    }

    /// Append and fsync, then (only then) update the in-memory state.
    fn write(&mut self, entries: &[Entry]) -> Result<()> {
        let mut buf = Vec::new();
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let f = open_append(&self.path)?;
                if f.metadata().at(&self.path)?.len() == 0 {
                    serde_json::to_writer(
                        &mut buf,
                        &Header {
                            format: LOG_FORMAT,
                            coder: self.coder.clone(),
                        },
                    )
                    .map_err(|e| Error::user(e.to_string()))?;
                    buf.push(b'\n');
                }
                self.file.insert(f)
            }
        };
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                buf.push(b'\n');
            }
            serde_json::to_writer(&mut buf, e).map_err(|err| Error::user(err.to_string()))?;
        }
        append_line(file, &self.path, &buf)?;
        for e in entries {
            self.state.apply(e);
        }
        self.next_seq += entries.len() as u64;
        Ok(())
    }

    fn entry_for(&self, state: &CoderState, ch: &Change, seq: u64, group: u64) -> Option<Entry> {
        let base = |op: Op, unit: &str| Entry {
            seq,
            at: crate::project::manifest::now(),
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
