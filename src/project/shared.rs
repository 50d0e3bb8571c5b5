//! Read-modify-write of the shared project files (`thematic.json`, `codebook.json`,
//! `attributes.json`, and any JSON file beside them): under the project lock, on the file as it
//! is on disk now, written back atomically. Two commands run at once take turns; neither edit
//! is lost.

use super::{ATTRIBUTES, CODEBOOK, MANIFEST, Project, read_json};
use crate::codebook::Codebook;
use crate::corpus::attributes::AttributeOverlay;
use crate::error::{Error, Result};
use crate::files::{atomic, lock::WriteLock};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;
use std::time::Duration;

/// The lock every writer of a shared project file takes, in the project folder.
pub const LOCK_FILE: &str = ".thematic.lock";

/// How long a writer waits for another one to finish its read-modify-write.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Take the project lock on the shared files, waiting up to [`LOCK_WAIT`] for another writer.
pub fn lock(root: &Path) -> Result<WriteLock> {
    WriteLock::acquire_within(
        &root.join(LOCK_FILE),
        "the project's shared files",
        LOCK_WAIT,
    )
}

/// Update the JSON file `name` in the project folder `root`: take the project lock, read the
/// file as it is now (`missing` gives the value when there is no file; its error refuses),
/// let `change` edit it, and write it back atomically. Nothing is written when `change` fails.
/// Returns the value as written and what `change` returned.
///
/// For a project's own files use [`Project::update_codebook`], [`Project::update_manifest`]
/// and [`Project::update_attributes`], which also refresh the loaded project; this is the one
/// mechanism beneath them, for other shared files (`themes.json`…).
pub fn update_shared<V, T>(
    root: &Path,
    name: &str,
    missing: impl FnOnce() -> Result<V>,
    change: impl FnOnce(&mut V) -> Result<T>,
) -> Result<(V, T)>
where
    V: Serialize + DeserializeOwned,
{
    let _lock = lock(root)?;
    let path = root.join(name);
    let mut value = if path.exists() {
        read_json(&path)?
    } else {
        missing()?
    };
    let out = change(&mut value)?;
    atomic::write_json(&path, &value)?;
    Ok((value, out))
}

impl Project {
    /// Edit the shared codebook: re-read under the project lock, `change` it, check it, save
    /// it atomically; the loaded codebook becomes the saved one. `change` also gets the project
    /// (its logs, for usage counts; its codebook is the one loaded before).
    pub fn update_codebook<T>(
        &mut self,
        change: impl FnOnce(&mut Codebook, &Project) -> Result<T>,
    ) -> Result<T> {
        let path = self.root.join(CODEBOOK);
        let missing = || Err(missing_file(&path, "the codebook"));
        let (cb, out) = update_shared(&self.root, CODEBOOK, missing, |cb: &mut Codebook| {
            cb.validate(&path)?;
            let out = change(cb, self)?;
            cb.validate(&path)?;
            Ok(out)
        })?;
        self.codebook = cb;
        self.note_loaded();
        Ok(out)
    }

    /// Edit the manifest (`thematic.json`) as [`update_codebook`](Self::update_codebook) does;
    /// then reload what changed (new sources' units).
    pub fn update_manifest<T>(
        &mut self,
        change: impl FnOnce(&mut super::Manifest) -> Result<T>,
    ) -> Result<T> {
        let path = self.root.join(MANIFEST);
        let missing = || Err(missing_file(&path, "the project manifest"));
        let (_, out) = update_shared(&self.root, MANIFEST, missing, |m: &mut super::Manifest| {
            super::check_format(&path, m.format)?;
            change(m)
        })?;
        self.reload()?;
        Ok(out)
    }

    /// Edit the case attribute overlay (`attributes.json`) the same way; then reload the cases.
    pub fn update_attributes<T>(
        &mut self,
        change: impl FnOnce(&mut AttributeOverlay) -> Result<T>,
    ) -> Result<T> {
        let path = self.root.join(ATTRIBUTES);
        let missing = || {
            Ok(AttributeOverlay {
                format: super::manifest::FORMAT,
                ..Default::default()
            })
        };
        let (_, out) = update_shared(
            &self.root,
            ATTRIBUTES,
            missing,
            |o: &mut AttributeOverlay| {
                super::check_format(&path, o.format)?;
                o.format = super::manifest::FORMAT;
                change(o)
            },
        )?;
        self.reload()?;
        Ok(out)
    }
}

fn missing_file(path: &Path, what: &str) -> Error {
    Error::input(
        path,
        None,
        format!("{what} is missing; restore it (e.g. from git) before editing"),
    )
}
