//! The one place the TUI changes the shared codebook, through the core's edit API (the same as
//! `thematic codebook …`): under the project lock, on the codebook as it is on disk now (another
//! coder may have changed it), one function per edit, checked, and written atomically before the
//! screen shows it.

use super::form::Edit;
use crate::codebook::{Codebook, NewCode};
use crate::error::{Error, Result};
use crate::project::Project;

/// Carry out `edit`; the project's codebook becomes the one saved. Returns what was done, in a
/// few words.
pub fn write(project: &mut Project, edit: &Edit) -> Result<String> {
    project.update_codebook(|cb, _| match edit {
        Edit::Add(fields) => add(cb, fields),
        Edit::Update { id, fields } => update(cb, id, fields),
        Edit::Merge { from, into } => merge(cb, from, into),
        Edit::Remove { id, codings } => remove(cb, id, *codings),
        Edit::Restore { id } => restore(cb, id),
        Edit::SetKey { id, key } => set_key(cb, id, key.as_deref()),
    })
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
        .ok_or_else(|| Error::user(format!("no code '{id}'")))?;
    let name = code.name.clone();
    let fields = NewCode {
        key: key.map(str::to_string),
        ..NewCode::from(code)
    };
    cb.edit(id, fields)?;
    Ok(match key {
        Some(k) => format!("'{name}' now has the key {k}"),
        None => format!("'{name}' has no key now"),
    })
}
