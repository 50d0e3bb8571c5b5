//! Codebook edits: add, edit, rename (id kept), merge, remove (recoverable), restore.

use super::{Code, Codebook};
use crate::corpus::slug;
use crate::error::{Error, Result};

/// The fields of a code as a user gives them.
#[derive(Debug, Clone, Default)]
pub struct NewCode {
    pub name: String,
    pub description: String,
    pub inclusion: String,
    pub exclusion: String,
    pub example: String,
    pub key: Option<String>,
    pub colour: Option<String>,
    pub parent: Option<String>,
    pub exclusive: bool,
}

impl From<&Code> for NewCode {
    /// The editable fields of an existing code, to change some and give back to
    /// [`Codebook::edit`].
    fn from(c: &Code) -> NewCode {
        NewCode {
            name: c.name.clone(),
            description: c.description.clone(),
            inclusion: c.inclusion.clone(),
            exclusion: c.exclusion.clone(),
            example: c.example.clone(),
            key: c.key.clone(),
            colour: c.colour.clone(),
            parent: c.parent.clone(),
            exclusive: c.exclusive,
        }
    }
}

impl Codebook {
    fn unique_id(&self, name: &str) -> String {
        let base = match slug(name) {
            s if s.is_empty() => "code".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.get(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn check_name_free(&self, name: &str, except: Option<&str>) -> Result<()> {
        if name.trim().is_empty() {
            return Err(Error::user("a code needs a name"));
        }
        if let Some(other) = self
            .active()
            .find(|c| c.name.eq_ignore_ascii_case(name.trim()) && Some(c.id.as_str()) != except)
        {
            return Err(Error::user(format!(
                "there is already a code named '{}'",
                other.name
            )));
        }
        Ok(())
    }

    fn check_key_free(&self, key: Option<&str>, except: Option<&str>) -> Result<()> {
        let Some(k) = key else { return Ok(()) };
        if k.chars().count() != 1 {
            return Err(Error::user(format!(
                "shortcut key '{k}' must be a single character"
            )));
        }
        if let Some(other) = self
            .active()
            .find(|c| c.key.as_deref() == Some(k) && Some(c.id.as_str()) != except)
        {
            return Err(Error::user(format!(
                "shortcut key '{k}' already belongs to '{}'",
                other.name
            )));
        }
        Ok(())
    }

    fn resolve_parent(&self, parent: Option<&str>) -> Result<Option<String>> {
        parent
            .map(|p| self.resolve(p).map(|c| c.id.clone()))
            .transpose()
    }

    /// Add a code; returns its new id.
    pub fn add(&mut self, new: NewCode) -> Result<String> {
        self.check_name_free(&new.name, None)?;
        self.check_key_free(new.key.as_deref(), None)?;
        let parent = self.resolve_parent(new.parent.as_deref())?;
        let id = self.unique_id(&new.name);
        self.codes.push(Code {
            id: id.clone(),
            name: new.name.trim().to_string(),
            description: new.description,
            inclusion: new.inclusion,
            exclusion: new.exclusion,
            example: new.example,
            key: new.key,
            colour: new.colour,
            parent,
            exclusive: new.exclusive,
            merged_into: None,
            removed: false,
        });
        Ok(id)
    }

    /// Replace every editable field of the code `id` (rename included; the id stays).
    pub fn edit(&mut self, id: &str, new: NewCode) -> Result<()> {
        self.check_name_free(&new.name, Some(id))?;
        self.check_key_free(new.key.as_deref(), Some(id))?;
        let parent = self.resolve_parent(new.parent.as_deref())?;
        if let Some(p) = &parent
            && (p == id || self.is_descendant(p, id))
        {
            return Err(Error::user("a code cannot be its own parent or descendant"));
        }
        let code = self
            .codes
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::user(format!("no code '{id}'")))?;
        code.name = new.name.trim().to_string();
        code.description = new.description;
        code.inclusion = new.inclusion;
        code.exclusion = new.exclusion;
        code.example = new.example;
        code.key = new.key;
        code.colour = new.colour;
        code.parent = parent;
        code.exclusive = new.exclusive;
        Ok(())
    }

    fn is_descendant(&self, id: &str, ancestor: &str) -> bool {
        let mut cur = self.get(id).and_then(|c| c.parent.as_deref());
        let mut steps = 0;
        while let Some(p) = cur {
            if p == ancestor || steps > self.codes.len() {
                return true;
            }
            steps += 1;
            cur = self.get(p).and_then(|c| c.parent.as_deref());
        }
        false
    }

    /// Rename a code; its id (and so every coding) stays.
    pub fn rename(&mut self, old: &str, new: &str) -> Result<String> {
        let id = self.resolve(old)?.id.clone();
        self.check_name_free(new, Some(&id))?;
        if let Some(c) = self.codes.iter_mut().find(|c| c.id == id) {
            c.name = new.trim().to_string();
        }
        Ok(id)
    }

    /// Merge `from` into `into`: from now on `from`'s codings count as `into`'s; its children
    /// move to `into`. Returns (from id, into id).
    pub fn merge(&mut self, from: &str, into: &str) -> Result<(String, String)> {
        let from_id = self.resolve(from)?.id.clone();
        let into_id = self.resolve(into)?.id.clone();
        if from_id == into_id {
            return Err(Error::user("cannot merge a code into itself"));
        }
        if self.is_descendant(&into_id, &from_id) {
            return Err(Error::user(
                "cannot merge a code into one of its own sub-codes",
            ));
        }
        for c in &mut self.codes {
            if c.parent.as_deref() == Some(from_id.as_str()) {
                c.parent = Some(into_id.clone());
            }
            if c.id == from_id {
                c.merged_into = Some(into_id.clone());
                c.key = None;
            }
        }
        Ok((from_id, into_id))
    }

    /// Remove a code. `codings` is how many codings point at it; with any, only `force` removes,
    /// and the code stays in the file (hidden) so it can be restored.
    pub fn remove(&mut self, name: &str, codings: usize, force: bool) -> Result<String> {
        let id = self.resolve(name)?.id.clone();
        if self.children(Some(&id)).next().is_some() {
            return Err(Error::user(format!(
                "'{name}' has sub-codes; move or remove them first"
            )));
        }
        if codings > 0 && !force {
            return Err(Error::user(format!(
                "'{name}' is used by {codings} coding(s); merge it into another code, or remove it with --force (the codings are kept and come back with `codebook restore`)"
            )));
        }
        if codings == 0
            && !self
                .codes
                .iter()
                .any(|c| c.merged_into.as_deref() == Some(id.as_str()))
        {
            self.codes.retain(|c| c.id != id);
        } else if let Some(c) = self.codes.iter_mut().find(|c| c.id == id) {
            c.removed = true;
            c.key = None;
        }
        Ok(id)
    }

    /// Bring back a code removed with --force.
    pub fn restore(&mut self, name: &str) -> Result<String> {
        let code = self
            .find(name)
            .ok_or_else(|| Error::user(format!("unknown code '{name}'")))?;
        if !code.removed {
            return Err(Error::user(format!("code '{}' is not removed", code.name)));
        }
        let (id, cname) = (code.id.clone(), code.name.clone());
        self.check_name_free(&cname, Some(&id))?;
        if let Some(c) = self.codes.iter_mut().find(|c| c.id == id) {
            c.removed = false;
        }
        Ok(id)
    }
}
