//! The shared codebook: codes with stable ids, definitions, shortcut keys, colours and a tree.

mod change;
mod edit;
mod files;
pub mod starters;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use change::{CodePatch, CodebookEdit};
pub use edit::NewCode;

/// The codebook format this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    pub format: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub codes: Vec<Code>,
}

impl Default for Codebook {
    fn default() -> Self {
        Codebook {
            format: FORMAT,
            name: String::new(),
            description: String::new(),
            codes: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub inclusion: String,
    #[serde(default)]
    pub exclusion: String,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub colour: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// The children of this code are mutually exclusive (one per unit), e.g. a valence group.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
    /// Merged into another code: its codings count as that code's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Removed with --force: hidden, its codings kept, restorable.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// Whether the code can be applied; `false` for a parent that only groups its sub-codes.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub codable: bool,
    /// The code's REFI-QDA GUID: given once, at its first `.qdc`/`.qdpx` export or import, and
    /// kept, so other tools recognise the code in later exchanges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
}

fn yes() -> bool {
    true
}

impl Code {
    pub fn is_active(&self) -> bool {
        !self.removed && self.merged_into.is_none()
    }
}

impl Codebook {
    /// Refuse to apply a code that only groups others (`codable: false`), naming its sub-codes.
    pub fn check_codable(&self, id: &str) -> Result<()> {
        let Some(code) = self.get(id).filter(|c| !c.codable) else {
            return Ok(());
        };
        let subs: Vec<&str> = self
            .children(Some(&code.id))
            .map(|c| c.name.as_str())
            .collect();
        let hint = if subs.is_empty() {
            String::new()
        } else {
            format!("; apply one of its sub-codes: {}", subs.join(", "))
        };
        Err(Error::user(format!(
            "'{}' only groups other codes and is not applied itself (codable: false){hint}",
            code.name
        )))
    }

    /// Codes that can be applied: not removed, not merged away.
    pub fn active(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|c| c.is_active())
    }

    pub fn get(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    /// Find a code by id or by name (case-insensitive), among all codes.
    pub fn find(&self, name_or_id: &str) -> Option<&Code> {
        let want = name_or_id.trim();
        self.codes
            .iter()
            .find(|c| c.id == want)
            .or_else(|| {
                self.codes
                    .iter()
                    .find(|c| c.name.to_lowercase() == want.to_lowercase() && c.is_active())
            })
            .or_else(|| {
                self.codes
                    .iter()
                    .find(|c| c.name.to_lowercase() == want.to_lowercase())
            })
    }

    /// Resolve a code a user names to an active code, or say clearly why not.
    pub fn resolve(&self, name_or_id: &str) -> Result<&Code> {
        let Some(code) = self.find(name_or_id) else {
            return Err(Error::user(format!(
                "unknown code '{name_or_id}'; see `thematic codebook list` for the codes"
            )));
        };
        if let Some(into) = &code.merged_into {
            let target = self
                .canonical(into)
                .and_then(|id| self.get(id))
                .map_or(into.as_str(), |c| &c.name);
            return Err(Error::user(format!(
                "code '{}' was merged into '{target}'; use that",
                code.name
            )));
        }
        if code.removed {
            return Err(Error::user(format!(
                "code '{}' was removed; bring it back with `thematic codebook restore \"{}\"`",
                code.name, code.name
            )));
        }
        Ok(code)
    }

    /// The active code a stored code id now stands for: follows merges; `None` when removed or
    /// unknown (such codings are kept in the logs but not counted).
    pub fn canonical<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        let mut cur = self.get(id)?;
        for _ in 0..self.codes.len() {
            match &cur.merged_into {
                Some(next) => cur = self.get(next)?,
                None => return (!cur.removed).then_some(cur.id.as_str()),
            }
        }
        None
    }

    /// Does a coding stored with code `stored` count as code `id`: is it `id`, or merged
    /// (directly or through other merges) into `id`? Removal does not matter here.
    pub fn counts_as(&self, stored: &str, id: &str) -> bool {
        let mut cur = stored;
        for _ in 0..=self.codes.len() {
            if cur == id {
                return true;
            }
            match self.get(cur).and_then(|c| c.merged_into.as_deref()) {
                Some(next) => cur = next,
                None => return false,
            }
        }
        false
    }

    /// Active children of a code (or the top level for `None`), in codebook order.
    pub fn children<'a>(&'a self, parent: Option<&'a str>) -> impl Iterator<Item = &'a Code> + 'a {
        self.active().filter(move |c| c.parent.as_deref() == parent)
    }

    /// Check ids, names, keys and parents; `path` names the file in messages.
    pub fn validate(&self, path: &Path) -> Result<()> {
        if self.format > FORMAT {
            return Err(Error::field(
                path,
                None,
                "format",
                format!(
                    "codebook format {} is newer than this thematic ({FORMAT}); upgrade thematic",
                    self.format
                ),
            ));
        }
        let mut ids = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        for c in &self.codes {
            let field = format!("codes[{}]", c.id);
            if c.id.trim().is_empty() || c.name.trim().is_empty() {
                return Err(Error::field(
                    path,
                    None,
                    field,
                    "every code needs an id and a name",
                ));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(Error::field(
                    path,
                    None,
                    field,
                    format!("code id '{}' is used twice", c.id),
                ));
            }
            if c.is_active() && !names.insert(c.name.to_lowercase()) {
                return Err(Error::field(
                    path,
                    None,
                    field,
                    format!("code name '{}' is used twice", c.name),
                ));
            }
            if let Some(k) = c.key.as_deref().filter(|_| c.is_active())
                && !keys.insert(k)
            {
                return Err(Error::field(
                    path,
                    None,
                    field,
                    format!("shortcut key '{k}' is used twice"),
                ));
            }
        }
        for c in &self.codes {
            for (what, target) in [("parent", &c.parent), ("merged_into", &c.merged_into)] {
                if let Some(t) = target
                    && !ids.contains(t.as_str())
                {
                    return Err(Error::field(
                        path,
                        None,
                        format!("codes[{}].{what}", c.id),
                        format!("no code with id '{t}'"),
                    ));
                }
            }
            let mut seen = 0;
            let mut cur = c.parent.as_deref();
            while let Some(p) = cur {
                seen += 1;
                if seen > self.codes.len() {
                    return Err(Error::field(
                        path,
                        None,
                        format!("codes[{}].parent", c.id),
                        "the parent chain loops",
                    ));
                }
                cur = self.get(p).and_then(|x| x.parent.as_deref());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
