//! Replaying a coding log: its lines, checked, into the coder's state and undo/redo history.

use super::{CoderState, Entry, Op};
use crate::error::{Error, Result};
use crate::files::jsonl::{Line, Lines};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::path::Path;

/// The version written in a log's first line (and refused when a line says it is newer).
pub const LOG_FORMAT: u32 = 1;
/// How many actions undo reaches back (across restarts too).
pub(super) const UNDO_DEPTH: usize = 1000;

/// A log's first line.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Header {
    pub format: u32,
    pub coder: String,
}

/// A user action: the entries it wrote, in order.
#[derive(Clone)]
pub(super) struct Group {
    pub id: u64,
    pub entries: Vec<Entry>,
}

/// A group found while replaying: its id and where its lines are in the file, so only the
/// groups undo and redo can still reach are parsed into owned entries.
#[derive(Clone, Copy)]
struct GroupAt {
    id: u64,
    undo: Option<u64>,
    redo: Option<u64>,
    bytes: (usize, usize),
    /// The number of the group's first line.
    first_line: usize,
}

/// A log line parsed without copying its strings (the timestamp is not read at all).
#[derive(Deserialize, Debug, PartialEq)]
pub(super) struct LineRef<'a> {
    #[serde(default)]
    pub format: Option<u32>,
    pub seq: u64,
    pub op: Op,
    #[serde(borrow)]
    pub unit: Cow<'a, str>,
    #[serde(borrow, default)]
    pub code: Option<Cow<'a, str>>,
    #[serde(default, with = "super::entry::span_serde")]
    pub span: super::Span,
    #[serde(borrow, default)]
    pub memo: Option<Cow<'a, str>>,
    pub group: u64,
    #[serde(default)]
    pub undo: Option<u64>,
    #[serde(default)]
    pub redo: Option<u64>,
}

/// Replayed content of a log file.
pub(super) struct Replay {
    pub state: CoderState,
    pub undo: VecDeque<Group>,
    pub redo: Vec<Group>,
    pub next_seq: u64,
}

pub(super) fn check_header(path: &Path, line: &str, number: usize, coder: &str) -> Result<()> {
    let h: Header = serde_json::from_str(line)
        .map_err(|e| Error::input(path, Some(number), format!("not a coding log header: {e}")))?;
    check_format(path, number, h.format)?;
    if h.coder != coder {
        return Err(Error::field(
            path,
            Some(number),
            "coder",
            format!("log belongs to '{}', not '{coder}'", h.coder),
        ));
    }
    Ok(())
}

fn check_format(path: &Path, number: usize, format: u32) -> Result<()> {
    if format > LOG_FORMAT {
        return Err(Error::field(
            path,
            Some(number),
            "format",
            format!(
                "log format {format} is newer than this thematic ({LOG_FORMAT}); upgrade thematic"
            ),
        ));
    }
    Ok(())
}

/// A line's text, from `all` (the UTF-8 of the bytes it is in, checked at once: much faster
/// than line by line) or, where those bytes are not UTF-8, checked alone to name the bad line.
fn line_text<'a>(path: &Path, line: &Line<'a>, all: Option<&'a str>) -> Result<&'a str> {
    match all {
        Some(all) => Ok(&all[line.start..line.start + line.bytes.len()]),
        None => line.text(path),
    }
}

/// Parse one log line (not the header) whose text is `text` (`line.bytes` as UTF-8), refusing
/// a bad one or one of a newer format.
fn read_line<'a>(path: &Path, line: &Line<'a>, text: &'a str) -> Result<LineRef<'a>> {
    let e: LineRef = match super::fast_line::parse(text) {
        Some(e) => e,
        None => line.parse(path)?,
    };
    if let Some(f) = e.format {
        check_format(path, line.number, f)?;
    }
    Ok(e)
}

/// Replay a log's data lines (the first is its header). With `history`, also rebuild the undo
/// and redo stacks (for writing). Any bad line is an error naming it.
pub(super) fn replay(path: &Path, lines: &Lines<'_>, coder: &str, history: bool) -> Result<Replay> {
    let data = lines.data();
    let mut state = CoderState::default();
    let mut next_seq = 1;
    let mut undo: VecDeque<GroupAt> = VecDeque::new();
    let mut redo: Vec<GroupAt> = Vec::new();
    let mut current: Option<GroupAt> = None;
    let mut header = true;
    let valid = std::str::from_utf8(data).ok();
    for line in lines.iter() {
        let text = line_text(path, &line, valid)?;
        if std::mem::take(&mut header) {
            check_header(path, text, line.number, coder)?;
            continue;
        }
        let e = read_line(path, &line, text)?;
        state.apply_op(e.op, &e.unit, e.code.as_deref(), e.span, e.memo.as_deref());
        next_seq = next_seq.max(e.seq + 1);
        if !history {
            continue;
        }
        match &mut current {
            Some(g) if g.id == e.group => g.bytes.1 = line.end,
            _ => {
                if let Some(done) = current.take() {
                    finish_group(&mut undo, &mut redo, done);
                }
                current = Some(GroupAt {
                    id: e.group,
                    undo: e.undo,
                    redo: e.redo,
                    bytes: (line.start, line.end),
                    first_line: line.number,
                });
            }
        }
    }
    if let Some(done) = current {
        finish_group(&mut undo, &mut redo, done);
    }
    let materialize = |g: &GroupAt| -> Result<Group> {
        let entries = Lines::of(&data[g.bytes.0..g.bytes.1])
            .iter()
            .map(|l| {
                let number = g.first_line + l.number - 1;
                serde_json::from_slice(l.bytes)
                    .map_err(|err| Error::input(path, Some(number), err.to_string()))
            })
            .collect::<Result<Vec<Entry>>>()?;
        Ok(Group { id: g.id, entries })
    };
    Ok(Replay {
        state,
        undo: undo.iter().map(materialize).collect::<Result<_>>()?,
        redo: redo.iter().map(materialize).collect::<Result<_>>()?,
        next_seq,
    })
}

/// How much of a log [`replay_file`] reads at a time.
const SLICE: u64 = 1 << 20;

/// Replay a log from disk a slice at a time, without the undo history: the same lines, checks
/// and line numbers as [`replay`] over the whole file, without holding the whole file (a large
/// project's logs are tens of megabytes each). A missing file is an empty state.
pub(super) fn replay_file(path: &Path, coder: &str) -> Result<CoderState> {
    replay_file_by(path, coder, SLICE)
}

fn replay_file_by(path: &Path, coder: &str, slice: u64) -> Result<CoderState> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CoderState::default()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut state = CoderState::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut lines_before = 0;
    let mut header = true;
    loop {
        let n = (&mut file)
            .take(slice)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
        let end = n == 0;
        // Whole lines only, until the end, where the last line follows the torn-tail rule.
        let cut = if end {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(p) => p + 1,
                None => continue,
            }
        };
        let valid = std::str::from_utf8(&buf[..cut]).ok();
        for line in Lines::of(&buf[..cut]).iter() {
            let text = line_text(path, &line, valid)?;
            let line = Line {
                number: lines_before + line.number,
                ..line
            };
            if std::mem::take(&mut header) {
                check_header(path, text, line.number, coder)?;
                continue;
            }
            let e = read_line(path, &line, text)?;
            state.apply_op(e.op, &e.unit, e.code.as_deref(), e.span, e.memo.as_deref());
        }
        if end {
            return Ok(state);
        }
        lines_before += memchr::memchr_iter(b'\n', &buf[..cut]).count();
        buf.drain(..cut);
    }
}

/// Keep the undo and redo stacks as the user left them.
fn finish_group(undo: &mut VecDeque<GroupAt>, redo: &mut Vec<GroupAt>, g: GroupAt) {
    if let Some(target) = g.undo {
        if undo.back().is_some_and(|t| t.id == target) {
            redo.extend(undo.pop_back());
        }
    } else if let Some(target) = g.redo {
        if redo.last().is_some_and(|t| t.id == target)
            && let Some(again) = redo.pop()
        {
            push_undo(undo, again);
        }
    } else {
        redo.clear();
        push_undo(undo, g);
    }
}

pub(super) fn push_undo<T>(undo: &mut VecDeque<T>, g: T) {
    undo.push_back(g);
    if undo.len() > UNDO_DEPTH {
        undo.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(path: &Path, coder: &str) -> Result<CoderState> {
        let bytes = crate::files::jsonl::read(path)?;
        Ok(replay(path, &Lines::of(&bytes), coder, false)?.state)
    }

    fn same(a: &CoderState, b: &CoderState) {
        assert_eq!(a.codings, b.codings);
        assert_eq!(a.reviewed, b.reviewed);
        assert_eq!(a.unit_memos, b.unit_memos);
    }

    /// Read a slice at a time (down to a few bytes, so lines straddle slices), a log gives the
    /// state, and a bad line the error, that reading it whole gives.
    #[test]
    fn slices_replay_as_the_whole_file() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship/codings");
        let alice = std::fs::read(sample.join("alice.jsonl")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alice.jsonl");
        let blank = [&alice[..], b"\n  \n"].concat();
        let torn = [&alice[..], b"{\"seq\":99999,\"op\":\"app"].concat();
        let whole_tail = [
            &alice[..],
            br#"{"seq":99999,"op":"review","unit":"x:1","group":99999}"#,
        ]
        .concat();
        for bytes in [alice.clone(), blank, torn, whole_tail] {
            std::fs::write(&path, &bytes).unwrap();
            let expected = whole(&path, "alice").unwrap();
            for slice in [5, 64, 1000, SLICE] {
                same(&replay_file_by(&path, "alice", slice).unwrap(), &expected);
            }
        }
        let mut lines: Vec<&[u8]> = alice.split(|&b| b == b'\n').collect();
        lines[40] = b"{\"seq\":1,\"op\":\"apply\"";
        std::fs::write(&path, lines.join(&b'\n')).unwrap();
        let expected = whole(&path, "alice").unwrap_err().to_string();
        assert!(expected.contains(":41:"), "{expected}");
        for slice in [5, 300, SLICE] {
            let got = replay_file_by(&path, "alice", slice)
                .unwrap_err()
                .to_string();
            assert_eq!(got, expected);
        }
        let err = replay_file(&path, "bob").unwrap_err().to_string();
        assert!(err.contains("bob"), "{err}");
        let missing = replay_file(&dir.path().join("nobody.jsonl"), "nobody").unwrap();
        assert!(missing.codings.is_empty() && missing.reviewed.is_empty());
    }
}
