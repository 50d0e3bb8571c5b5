//! Noticing that another process (a teammate's workbench, the CLI) changed the shared project
//! files since they were loaded, and reloading them; telling whether the project can be written.

use super::{ATTRIBUTES, CODEBOOK, MANIFEST, Project};
use crate::error::Result;
use std::path::Path;

/// What identifies one version of a file cheaply: its size, mtime and inode (an atomic write
/// always makes a new inode). `None`: the file is missing.
pub(super) type Stamp = Option<(u64, std::time::SystemTime, u64)>;

/// The stamps of the shared files as last loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Loaded {
    manifest: Stamp,
    codebook: Stamp,
    attributes: Stamp,
}

/// Which shared files changed on disk since they were loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    /// `thematic.json`: sources were imported (new units).
    pub manifest: bool,
    pub codebook: bool,
    /// `attributes.json`: case attributes.
    pub attributes: bool,
}

impl Changed {
    pub fn any(&self) -> bool {
        self.manifest || self.codebook || self.attributes
    }
}

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.len(), m.modified().ok()?, ino))
}

impl Loaded {
    pub(super) fn of(root: &Path) -> Loaded {
        Loaded {
            manifest: stamp(&root.join(MANIFEST)),
            codebook: stamp(&root.join(CODEBOOK)),
            attributes: stamp(&root.join(ATTRIBUTES)),
        }
    }
}

impl Project {
    /// Remember the shared files as they are now as the loaded version.
    pub(super) fn note_loaded(&mut self) {
        self.loaded = Loaded::of(&self.root);
    }

    /// Which shared files changed on disk since this project loaded them: three `stat`s, cheap
    /// enough to call after every action or when a screen gains focus.
    pub fn changed_on_disk(&self) -> Changed {
        let now = Loaded::of(&self.root);
        Changed {
            manifest: now.manifest != self.loaded.manifest,
            codebook: now.codebook != self.loaded.codebook,
            attributes: now.attributes != self.loaded.attributes,
        }
    }

    /// Reload the shared files another process changed; says which (nothing changed: nothing
    /// is read). The codebook alone is reloaded cheaply; new sources or attributes reload the
    /// project. On error (a file is broken) the loaded project stays as it was.
    pub fn refresh(&mut self) -> Result<Changed> {
        let changed = self.changed_on_disk();
        if changed.manifest || changed.attributes {
            self.reload()?;
        } else if changed.codebook {
            let path = self.root.join(CODEBOOK);
            self.codebook = super::read_codebook(&path)?;
            self.loaded.codebook = stamp(&path);
        }
        Ok(changed)
    }

    /// Read the whole project again from its folder.
    pub fn reload(&mut self) -> Result<()> {
        *self = Project::open(&self.root)?;
        Ok(())
    }

    /// Why nothing can be written to this project (a read-only folder or mount), or `None`.
    /// Checked by opening the project lock file for writing (it is never project data).
    pub fn read_only(&self) -> Option<String> {
        let path = self.root.join(super::shared::LOCK_FILE);
        match std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(_) => None,
            Err(e) => Some(format!("{} cannot be written: {e}", self.root.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codebook_changed_by_another_process_is_noticed_and_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let mut mine = Project::init(&root, Some("t"), None).unwrap();
        let mut theirs = Project::open(&root).unwrap();
        assert!(!mine.changed_on_disk().any());
        theirs
            .update_codebook(|cb, _| {
                cb.add(crate::codebook::NewCode {
                    name: "Trust".into(),
                    key: Some("t".into()),
                    ..Default::default()
                })
            })
            .unwrap();
        assert_eq!(
            mine.changed_on_disk(),
            Changed {
                codebook: true,
                ..Default::default()
            }
        );
        assert!(mine.refresh().unwrap().codebook);
        assert!(mine.codebook.find("Trust").is_some());
        assert!(!mine.changed_on_disk().any());
        assert!(mine.read_only().is_none());
    }
}
