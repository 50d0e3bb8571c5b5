//! Why a code's definition changed: a codebook edit recorded with its reason, kept in the
//! consensus log for the reconciliation report.

use serde::{Deserialize, Serialize};

/// A codebook change made because of disagreements, with the reason: the definition before and
/// after, who, when, and how many disagreements the code had then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refinement {
    pub code: String,
    pub reason: String,
    pub by: Option<String>,
    pub at: String,
    pub disagreements: Option<usize>,
    pub before: Definition,
    pub after: Definition,
}

/// The parts of a code that say what it means.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub name: String,
    pub description: String,
    pub inclusion: String,
    pub exclusion: String,
    pub example: String,
}

impl Definition {
    pub fn of(c: &crate::codebook::Code) -> Definition {
        Definition {
            name: c.name.clone(),
            description: c.description.clone(),
            inclusion: c.inclusion.clone(),
            exclusion: c.exclusion.clone(),
            example: c.example.clone(),
        }
    }

    /// The fields that differ from `other`.
    pub fn changed(&self, other: &Definition) -> Vec<&'static str> {
        [
            ("name", self.name != other.name),
            ("description", self.description != other.description),
            ("inclusion", self.inclusion != other.inclusion),
            ("exclusion", self.exclusion != other.exclusion),
            ("example", self.example != other.example),
        ]
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(f, _)| f)
        .collect()
    }
}

/// Record in the consensus log why code `code` changed from `before` to `after`, with how many
/// disagreements it has now (when the project has two coders).
pub fn record_refinement(
    p: &crate::project::Project,
    code: &str,
    reason: &str,
    by: Option<String>,
    before: Definition,
    after: Definition,
) -> crate::Result<()> {
    use crate::agreement::{Filters, Pairwise};
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(crate::Error::user(
            "the reason is empty; say why the code changed",
        ));
    }
    let disagreements = if p.coders()?.len() >= 2 {
        let pair = Pairwise::compute(p, &[], &Filters::default())?;
        Some(
            pair.disagreements
                .iter()
                .filter(|u| u.involves(code))
                .count(),
        )
    } else {
        None
    };
    super::ConsensusLog::open(p)?.refine(Refinement {
        code: code.to_string(),
        reason: reason.to_string(),
        by,
        at: crate::project::manifest::now(),
        disagreements,
        before,
        after,
    })
}
