//! Checks made when a project is read: coding logs name only codes and units the project has,
//! imported source files are still the ones imported, coders asked for exist.

use super::Project;
use crate::coding::CoderState;
use crate::error::{Error, Result};
use crate::files::jsonl::{self, Lines};

impl Project {
    /// Refuse a state whose codings or review marks name a code the codebook does not have or a
    /// unit no source has: hiding them would make counts disagree between commands. The error
    /// names the log line that brought them in.
    pub(super) fn check_state(&self, coder: &str, st: &CoderState) -> Result<()> {
        let unknown_unit = st
            .codings
            .keys()
            .chain(st.reviewed.iter())
            .chain(st.unit_memos.keys())
            .find(|u| self.unit(u).is_none() && !self.is_retired(u));
        // Codes are interned: each distinct one is looked up in the codebook once.
        let mut known: Vec<crate::coding::Code> = Vec::new();
        let unknown_code = st.codings.values().flatten().find(|c| {
            if known.contains(&c.code) {
                return false;
            }
            known.push(c.code);
            self.codebook.get(&c.code).is_none()
        });
        if unknown_unit.is_none() && unknown_code.is_none() {
            return Ok(());
        }
        let path = self.log_path(coder);
        let bytes = jsonl::read(&path)?;
        let (line, field, message) = match (unknown_unit, unknown_code) {
            (Some(u), _) => (
                first_line(&bytes, |l| l.unit == u.as_str()),
                "unit",
                format!(
                    "unit '{u}' is in no source of the project (was a source removed or its units file changed by hand?); restore the project's sources/ (e.g. from git)"
                ),
            ),
            (None, Some(c)) => (
                first_line(&bytes, |l| l.code == Some(c.code.as_str())),
                "code",
                format!(
                    "code '{}' is not in codebook.json (deleted by hand?); restore codebook.json (e.g. from git) or add a code with id '{}' (`thematic codebook import` a codebook that has it)",
                    c.code, c.code
                ),
            ),
            (None, None) => return Ok(()),
        };
        Err(Error::field(path, line, field, message))
    }

    /// A coder who has a log; unknown names are an error listing the coders (nothing is created).
    pub fn require_coder(&self, coder: &str) -> Result<()> {
        super::check_coder(coder)?;
        let coders = self.coders()?;
        if coders.iter().any(|c| c == coder) {
            return Ok(());
        }
        Err(Error::user(if coders.is_empty() {
            format!("unknown coder '{coder}': nobody has coded in this project yet")
        } else {
            format!(
                "unknown coder '{coder}'; the coders are {}",
                coders.join(", ")
            )
        }))
    }

    /// Imported source copies that are missing or differ from what was imported (by SHA-256),
    /// one message each. Costs less than opening the project, which reads the same text again
    /// from the units files.
    pub fn changed_sources(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.manifest.sources {
            let path = self.root.join(&s.file);
            match super::manifest::sha256_file_hex(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(format!(
                    "{}: the imported copy of source '{}' is missing; restore it (e.g. from git)",
                    path.display(),
                    s.id
                )),
                Err(e) => out.push(format!("{}: {e}", path.display())),
                Ok(sha256) if sha256 != s.sha256 => out.push(format!(
                    "{}: source '{}' changed after it was imported (its SHA-256 differs from thematic.json); its units are as imported — restore the original file (e.g. from git)",
                    path.display(),
                    s.id
                )),
                Ok(_) => {}
            }
        }
        out
    }
}

#[derive(serde::Deserialize)]
struct About<'a> {
    #[serde(borrow, default)]
    unit: &'a str,
    #[serde(borrow, default)]
    code: Option<&'a str>,
}

/// The number of the first log line that `hit` picks.
fn first_line(bytes: &[u8], hit: impl Fn(&About<'_>) -> bool) -> Option<usize> {
    Lines::of(bytes)
        .iter()
        .find(|l| serde_json::from_slice::<About<'_>>(l.bytes).is_ok_and(|a| hit(&a)))
        .map(|l| l.number)
}
