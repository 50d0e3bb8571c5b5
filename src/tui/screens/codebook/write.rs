//! The one place the TUI changes the shared codebook: under the project lock, on the codebook
//! as it is on disk now (another coder may have changed it), one function per edit, checked,
//! and written atomically before the screen shows it.

use super::form::Edit;
use crate::codebook::{Codebook, NewCode};
use crate::error::{Error, Result};
use crate::project::Project;

/// Carry out `edit`; returns the codebook as saved and what was done, in a few words.
pub fn write(project: &Project, edit: &Edit) -> Result<(Codebook, String)> {
    let _lock = project.lock_shared()?;
    let path = project.root.join(crate::project::CODEBOOK);
    let mut cb = match std::fs::read(&path) {
        Ok(bytes) => Codebook::from_json(&path, &bytes)?,
        Err(_) => project.codebook.clone(),
    };
    let done = match edit {
        Edit::Add(fields) => add(&mut cb, fields)?,
        Edit::Update { id, fields } => update(&mut cb, id, fields)?,
        Edit::Merge { from, into } => merge(&mut cb, from, into)?,
        Edit::Remove { id, codings } => remove(&mut cb, id, *codings)?,
        Edit::Restore { id } => restore(&mut cb, id)?,
        Edit::SetKey { id, key } => set_key(&mut cb, id, key.as_deref())?,
    };
    cb.validate(&path)?;
    crate::project::atomic::write_json(&path, &cb)?;
    Ok((cb, done))
}

fn add(cb: &mut Codebook, fields: &NewCode) -> Result<String> {
    let id = cb.add(fields.clone())?;
    Ok(format!("Added code '{}' ({id})", fields.name.trim()))
}

fn update(cb: &mut Codebook, id: &str, fields: &NewCode) -> Result<String> {
    cb.edit(id, fields.clone())?;
    Ok(format!("Saved '{}'", fields.name.trim()))
}

fn merge(cb: &mut Codebook, from: &str, into: &str) -> Result<String> {
    let (f, i) = cb.merge(from, into)?;
    Ok(format!("Merged '{f}' into '{i}'"))
}

fn remove(cb: &mut Codebook, id: &str, codings: usize) -> Result<String> {
    cb.remove(id, codings, true)?;
    Ok(format!("Removed '{id}'"))
}

fn restore(cb: &mut Codebook, id: &str) -> Result<String> {
    cb.restore(id)?;
    Ok(format!("Restored '{id}'"))
}

fn set_key(cb: &mut Codebook, id: &str, key: Option<&str>) -> Result<String> {
    let code = cb
        .get(id)
        .cloned()
        .ok_or_else(|| Error::user(format!("no code '{id}'")))?;
    let parent = code
        .parent
        .as_deref()
        .and_then(|p| cb.get(p))
        .map(|p| p.id.clone());
    let fields = NewCode {
        name: code.name.clone(),
        description: code.description,
        inclusion: code.inclusion,
        exclusion: code.exclusion,
        example: code.example,
        key: key.map(str::to_string),
        colour: code.colour,
        parent,
        exclusive: code.exclusive,
    };
    cb.edit(id, fields)?;
    Ok(match key {
        Some(k) => format!("'{}' now has the key {k}", code.name),
        None => format!("'{}' has no key now", code.name),
    })
}
