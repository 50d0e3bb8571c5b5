//! `consensus.jsonl`: the reconciliation decisions, append-only and fsync'd, with its own lock.
//! Every line after the header states a unit's consensus as it now is (a decision, or `null`
//! for none), so the last line about a unit wins; undo and redo append the state they restore.

use super::decision::{Choice, CodedSpan, Decision};
use crate::error::{Error, IoContext, Result};
use crate::project::Project;
use crate::project::atomic::{append_line, open_append};
use crate::project::lock::WriteLock;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The version written in the log's header.
pub const CONSENSUS_FORMAT: u32 = 1;
const UNDO_DEPTH: usize = 1000;

pub fn consensus_path(root: &Path) -> PathBuf {
    root.join("consensus.jsonl")
}

fn lock_path(root: &Path) -> PathBuf {
    root.join(".consensus.lock")
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    log: String,
}

/// One line of the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    seq: u64,
    unit: String,
    /// `null`: the unit has no decision (an undo back to before its first one).
    decision: Option<Choice>,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    spans: Vec<CodedSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    coders: Vec<String>,
    /// The seq of the first line of the action this line belongs to: undo takes a group.
    group: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undo: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redo: Option<u64>,
    /// Undo and redo lines: who undid or redid, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    changed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    changed_at: Option<String>,
}

impl Line {
    fn new(seq: u64, group: u64, unit: &str, d: Option<&Decision>) -> Line {
        Line {
            seq,
            unit: unit.to_string(),
            decision: d.map(|d| d.choice),
            codes: d.map(Decision::codes).unwrap_or_default(),
            spans: d.map(|d| d.codings.clone()).unwrap_or_default(),
            note: d.and_then(|d| d.note.clone()),
            by: d.map(|d| d.by.clone()),
            at: d.map(|d| d.at.clone()),
            coders: d.map(|d| d.coders.clone()).unwrap_or_default(),
            group,
            undo: None,
            redo: None,
            changed_by: None,
            changed_at: None,
        }
    }

    fn decision(&self, path: &Path, n: usize) -> Result<Option<Decision>> {
        let Some(choice) = self.decision else {
            return Ok(None);
        };
        let need = |v: &Option<String>, field: &str| {
            v.clone()
                .ok_or_else(|| Error::field(path, Some(n), field, "missing in a decision"))
        };
        Ok(Some(Decision {
            unit: self.unit.clone(),
            choice,
            codings: self.spans.clone(),
            note: self.note.clone(),
            by: need(&self.by, "by")?,
            at: need(&self.at, "at")?,
            coders: self.coders.clone(),
        }))
    }
}

/// One step of an action: a unit's consensus before and after.
#[derive(Debug, Clone)]
struct Step {
    unit: String,
    before: Option<Decision>,
    after: Option<Decision>,
}

#[derive(Debug, Clone)]
struct Group {
    id: u64,
    steps: Vec<Step>,
}

/// The consensus as the log's replay gives it: the current decision per unit.
#[derive(Debug, Clone, Default)]
pub struct Consensus {
    decisions: HashMap<String, Decision>,
    /// Whether `consensus.jsonl` exists at all.
    pub exists: bool,
}

impl Consensus {
    /// Read the project's consensus without locking it. No file: an empty consensus.
    pub fn read(p: &Project) -> Result<Consensus> {
        let path = consensus_path(&p.root);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(replay(&path, &bytes)?.consensus),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Consensus::default()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    pub fn get(&self, unit: &str) -> Option<&Decision> {
        self.decisions.get(unit)
    }

    /// Every decision, in no particular order.
    pub fn decisions(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.values()
    }

    pub fn len(&self) -> usize {
        self.decisions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// The decisions in the project's unit order (decisions on units no longer in the project
    /// last, by unit id).
    pub fn in_order<'a>(&'a self, p: &Project) -> Vec<&'a Decision> {
        let mut out: Vec<&Decision> = self.decisions.values().collect();
        out.sort_by(|x, y| {
            let pos = |d: &Decision| p.unit_position(&d.unit).unwrap_or(usize::MAX);
            pos(x).cmp(&pos(y)).then_with(|| x.unit.cmp(&y.unit))
        });
        out
    }

    fn set(&mut self, unit: &str, d: Option<Decision>) {
        match d {
            Some(d) => {
                self.decisions.insert(unit.to_string(), d);
            }
            None => {
                self.decisions.remove(unit);
            }
        }
    }
}

struct Replay {
    consensus: Consensus,
    undo: VecDeque<Group>,
    redo: Vec<Group>,
    next_seq: u64,
    /// Bytes of complete lines after a complete header; anything after is a torn write.
    valid_len: u64,
}

fn replay(path: &Path, bytes: &[u8]) -> Result<Replay> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let text = std::str::from_utf8(&bytes[..complete])
        .map_err(|e| Error::input(path, None, format!("not UTF-8: {e}")))?;
    let mut consensus = Consensus {
        exists: true,
        ..Default::default()
    };
    let mut undo: VecDeque<Group> = VecDeque::new();
    let mut redo: Vec<Group> = Vec::new();
    let mut current: Option<(Line, Group)> = None;
    let mut next_seq = 1;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if i == 0 {
            let h: Header = serde_json::from_str(raw).map_err(|e| {
                Error::input(path, Some(1), format!("not a consensus log header: {e}"))
            })?;
            if h.log != "consensus" {
                return Err(Error::field(path, Some(1), "log", "not a consensus log"));
            }
            if h.format > CONSENSUS_FORMAT {
                return Err(Error::field(
                    path,
                    Some(1),
                    "format",
                    format!(
                        "format {} is newer than this thematic ({CONSENSUS_FORMAT}); upgrade thematic",
                        h.format
                    ),
                ));
            }
            continue;
        }
        let line: Line =
            serde_json::from_str(raw).map_err(|e| Error::input(path, Some(n), e.to_string()))?;
        let after = line.decision(path, n)?;
        let before = consensus.get(&line.unit).cloned();
        consensus.set(&line.unit, after.clone());
        next_seq = next_seq.max(line.seq + 1);
        let step = Step {
            unit: line.unit.clone(),
            before,
            after,
        };
        match &mut current {
            Some((_, g)) if g.id == line.group => g.steps.push(step),
            _ => {
                if let Some((first, g)) = current.take() {
                    finish(&mut undo, &mut redo, &first, g);
                }
                current = Some((
                    line.clone(),
                    Group {
                        id: line.group,
                        steps: vec![step],
                    },
                ));
            }
        }
    }
    if let Some((first, g)) = current {
        finish(&mut undo, &mut redo, &first, g);
    }
    // A header cut short by a crash: the file holds nothing yet.
    let valid_len = if text.is_empty() { 0 } else { complete as u64 };
    Ok(Replay {
        consensus,
        undo,
        redo,
        next_seq,
        valid_len,
    })
}

/// Keep the undo and redo stacks as the user left them.
fn finish(undo: &mut VecDeque<Group>, redo: &mut Vec<Group>, first: &Line, g: Group) {
    if let Some(target) = first.undo {
        if undo.back().is_some_and(|t| t.id == target) {
            redo.extend(undo.pop_back());
        }
    } else if let Some(target) = first.redo {
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

fn push_undo(undo: &mut VecDeque<Group>, g: Group) {
    undo.push_back(g);
    if undo.len() > UNDO_DEPTH {
        undo.pop_front();
    }
}

/// The consensus log open for writing: one reconciler at a time.
#[derive(Debug)]
pub struct ConsensusLog {
    path: PathBuf,
    file: Option<File>,
    _lock: WriteLock,
    consensus: Consensus,
    undo: VecDeque<Group>,
    redo: Vec<Group>,
    next_seq: u64,
}

impl ConsensusLog {
    /// Take the consensus lock, cut off a torn last line left by a crash (it was never
    /// acknowledged), replay.
    pub fn open(p: &Project) -> Result<ConsensusLog> {
        let path = consensus_path(&p.root);
        let lock = WriteLock::acquire(&lock_path(&p.root), "the consensus log")?;
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let r = replay(&path, &bytes)?;
        let file = if bytes.is_empty() {
            None
        } else {
            let file = open_append(&path)?;
            if r.valid_len < bytes.len() as u64 {
                file.set_len(r.valid_len).at(&path)?;
                file.sync_all().at(&path)?;
            }
            // Emptied (a torn header): the first action writes the header again.
            (r.valid_len > 0).then_some(file)
        };
        Ok(ConsensusLog {
            path,
            file,
            _lock: lock,
            consensus: r.consensus,
            undo: r.undo,
            redo: r.redo,
            next_seq: r.next_seq,
        })
    }

    pub fn consensus(&self) -> &Consensus {
        &self.consensus
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Record decisions as one undoable action; durable on return. Returns how many were new
    /// (a decision identical to the unit's current one is skipped).
    pub fn record(&mut self, decisions: Vec<Decision>) -> Result<usize> {
        let group = self.next_seq;
        let mut steps = Vec::new();
        let mut lines = Vec::new();
        for d in decisions {
            let before = self.consensus.get(&d.unit).cloned();
            if before.as_ref().is_some_and(|b| same_outcome(b, &d))
                || steps.iter().any(|s: &Step| s.unit == d.unit)
            {
                continue;
            }
            lines.push(Line::new(
                group + lines.len() as u64,
                group,
                &d.unit,
                Some(&d),
            ));
            steps.push(Step {
                unit: d.unit.clone(),
                before,
                after: Some(d),
            });
        }
        if steps.is_empty() {
            return Ok(0);
        }
        self.write(&lines, &steps)?;
        self.redo.clear();
        let n = steps.len();
        push_undo(&mut self.undo, Group { id: group, steps });
        Ok(n)
    }

    /// Undo the last action; returns each unit's consensus as restored (empty: nothing to undo).
    pub fn undo(&mut self, by: Option<&str>) -> Result<Vec<(String, Option<Decision>)>> {
        let Some(g) = self.undo.back().cloned() else {
            return Ok(Vec::new());
        };
        let steps: Vec<Step> = g
            .steps
            .iter()
            .rev()
            .map(|s| Step {
                unit: s.unit.clone(),
                before: s.after.clone(),
                after: s.before.clone(),
            })
            .collect();
        self.again(g.id, true, by, &steps)?;
        self.undo.pop_back();
        self.redo.push(g);
        Ok(steps.into_iter().map(|s| (s.unit, s.after)).collect())
    }

    /// Redo the last undone action.
    pub fn redo(&mut self, by: Option<&str>) -> Result<Vec<(String, Option<Decision>)>> {
        let Some(g) = self.redo.last().cloned() else {
            return Ok(Vec::new());
        };
        self.again(g.id, false, by, &g.steps)?;
        self.redo.pop();
        let out = g
            .steps
            .iter()
            .map(|s| (s.unit.clone(), s.after.clone()))
            .collect();
        push_undo(&mut self.undo, g);
        Ok(out)
    }

    fn again(&mut self, target: u64, undo: bool, by: Option<&str>, steps: &[Step]) -> Result<()> {
        let group = self.next_seq;
        let at = crate::project::manifest::now();
        let lines: Vec<Line> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                undo: undo.then_some(target),
                redo: (!undo).then_some(target),
                changed_by: by.map(str::to_string),
                changed_at: Some(at.clone()),
                ..Line::new(group + i as u64, group, &s.unit, s.after.as_ref())
            })
            .collect();
        self.write(&lines, steps)
    }

    /// Append and fsync (cutting the file back if that fails), then update the state.
    fn write(&mut self, lines: &[Line], steps: &[Step]) -> Result<()> {
        let mut buf = Vec::new();
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let f = open_append(&self.path)?;
                if f.metadata().at(&self.path)?.len() == 0 {
                    to_json(
                        &mut buf,
                        &Header {
                            format: CONSENSUS_FORMAT,
                            log: "consensus".into(),
                        },
                    )?;
                    buf.push(b'\n');
                }
                self.file.insert(f)
            }
        };
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                buf.push(b'\n');
            }
            to_json(&mut buf, l)?;
        }
        let len = file.metadata().at(&self.path)?.len();
        if let Err(e) = append_line(file, &self.path, &buf) {
            // Leave no part of an unacknowledged action behind.
            let _ = file.set_len(len).and_then(|()| file.sync_all());
            return Err(e);
        }
        for s in steps {
            self.consensus.set(&s.unit, s.after.clone());
        }
        self.consensus.exists = true;
        self.next_seq += lines.len() as u64;
        Ok(())
    }
}

/// Same result, option and note: recording it again would change nothing.
fn same_outcome(a: &Decision, b: &Decision) -> bool {
    a.choice == b.choice && a.codings == b.codings && a.note == b.note
}

fn to_json<T: Serialize>(buf: &mut Vec<u8>, value: &T) -> Result<()> {
    serde_json::to_writer(buf, value).map_err(|e| Error::user(e.to_string()))
}
