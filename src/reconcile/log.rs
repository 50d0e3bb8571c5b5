//! `consensus.jsonl`: the reconciliation decisions, append-only and fsync'd, with its own lock.
//! Every line after the header states a unit's consensus as it now is (a decision, or `null`
//! for none), so the last line about a unit wins; undo and redo append the state they restore.

use super::consensus::Consensus;
use super::decision::{Choice, CodedSpan, Decision};
use super::refinement::Refinement;
use crate::error::{Error, Result};
use crate::files::jsonl::{self, Appender, Lines};
use crate::project::Project;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// The version written in the log's header.
pub const CONSENSUS_FORMAT: u32 = 1;
const UNDO_DEPTH: usize = 1000;

pub fn consensus_path(root: &Path) -> PathBuf {
    root.join("consensus.jsonl")
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    log: String,
}

/// One line of the log: a unit's consensus, or (with `refinement`) a codebook change's reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    seq: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refinement: Option<Refinement>,
    /// `null`: the unit has no decision (an undo back to before its first one).
    #[serde(default)]
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
    #[serde(default)]
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
            refinement: None,
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

pub(super) struct Replay {
    pub(super) consensus: Consensus,
    undo: VecDeque<Group>,
    redo: Vec<Group>,
    next_seq: u64,
}

pub(super) fn replay(path: &Path, lines: &Lines<'_>) -> Result<Replay> {
    let mut consensus = Consensus {
        exists: true,
        ..Default::default()
    };
    let mut undo: VecDeque<Group> = VecDeque::new();
    let mut redo: Vec<Group> = Vec::new();
    let mut current: Option<(Line, Group)> = None;
    let mut next_seq = 1;
    let mut last_seq = 0;
    for (i, raw) in lines.iter().enumerate() {
        let n = raw.number;
        if i == 0 {
            let h: Header = raw.parse(path).map_err(|e| {
                Error::input(path, Some(n), format!("not a consensus log header: {e}"))
            })?;
            if h.log != "consensus" {
                return Err(Error::field(path, Some(n), "log", "not a consensus log"));
            }
            if h.format > CONSENSUS_FORMAT {
                return Err(Error::field(
                    path,
                    Some(n),
                    "format",
                    format!(
                        "format {} is newer than this thematic ({CONSENSUS_FORMAT}); upgrade thematic",
                        h.format
                    ),
                ));
            }
            continue;
        }
        // Git's union merge of two logs begun apart can repeat the header: skip it.
        if raw.bytes.starts_with(b"{\"format\"") && raw.parse::<Header>(path).is_ok() {
            continue;
        }
        let line: Line = raw.parse(path)?;
        next_seq = next_seq.max(line.seq + 1);
        if let Some(r) = line.refinement {
            consensus.refinements.push(r);
            continue;
        }
        if line.unit.is_empty() {
            return Err(Error::field(path, Some(n), "unit", "missing"));
        }
        let after = line.decision(path, n)?;
        let before = consensus.get(&line.unit).cloned();
        consensus.set(&line.unit, after.clone());
        let step = Step {
            unit: line.unit.clone(),
            before,
            after,
        };
        // Seqs rise within an action; two actions of one id from two machines (after a git
        // merge) stay two.
        let continues = line.seq > last_seq;
        last_seq = line.seq;
        match &mut current {
            Some((_, g)) if g.id == line.group && continues => g.steps.push(step),
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
    Ok(Replay {
        consensus,
        undo,
        redo,
        next_seq,
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
    file: Appender,
    root: PathBuf,
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
        let header = serde_json::to_vec(&Header {
            format: CONSENSUS_FORMAT,
            log: "consensus".into(),
        })
        .map_err(|e| Error::user(e.to_string()))?;
        let (file, r) = Appender::open(
            &path,
            &jsonl::lock_path(&path),
            "the consensus log",
            header,
            |lines| replay(&path, lines),
        )?;
        Ok(ConsensusLog {
            file,
            root: p.root.clone(),
            consensus: r.consensus,
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
        let first = self.file.is_empty();
        self.write(&lines, &steps)?;
        if first {
            // A convenience for projects shared through git; the decisions are recorded
            // whether or not it can be written (the README gives the line to add by hand).
            let _ = super::git::ensure_union_merge(&self.root);
        }
        self.redo.clear();
        let n = steps.len();
        push_undo(&mut self.undo, Group { id: group, steps });
        Ok(n)
    }

    /// Record why a code's definition changed (not undoable here: it records a codebook
    /// change, which is changed back with `codebook edit`).
    pub fn refine(&mut self, r: Refinement) -> Result<()> {
        #[derive(Serialize)]
        struct RefinementLine<'a> {
            seq: u64,
            refinement: &'a Refinement,
        }
        let line = RefinementLine {
            seq: self.next_seq,
            refinement: &r,
        };
        self.write(&[line], &[])?;
        self.consensus.refinements.push(r);
        Ok(())
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

    /// Append and fsync (a failed append is cut back), then update the state.
    fn write<L: Serialize>(&mut self, lines: &[L], steps: &[Step]) -> Result<()> {
        self.file.append_json(lines)?;
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
