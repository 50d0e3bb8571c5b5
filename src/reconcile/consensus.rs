//! The consensus as the log's replay gives it: the current decision per unit, and the codebook
//! changes recorded with a reason.

use super::decision::Decision;
use super::log::{consensus_path, replay};
use super::refinement::Refinement;
use crate::error::Result;
use crate::files::jsonl::{self, Lines};
use crate::project::Project;
use std::collections::HashMap;

/// The consensus as the log's replay gives it: the current decision per unit.
#[derive(Debug, Clone, Default)]
pub struct Consensus {
    pub(super) decisions: HashMap<String, Decision>,
    /// Codebook changes recorded with a reason, oldest first.
    pub refinements: Vec<Refinement>,
    /// Whether `consensus.jsonl` exists at all.
    pub exists: bool,
}

impl Consensus {
    /// Read the project's consensus without locking it. No file: an empty consensus.
    pub fn read(p: &Project) -> Result<Consensus> {
        let path = consensus_path(&p.root);
        let bytes = jsonl::read(&path)?;
        if bytes.is_empty() {
            return Ok(Consensus::default());
        }
        Ok(replay(&path, &Lines::of(&bytes))?.consensus)
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

    pub(super) fn set(&mut self, unit: &str, d: Option<Decision>) {
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
