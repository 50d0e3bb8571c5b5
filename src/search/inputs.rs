//! What an index's freshness depends on, without the units: the project id, the sources' hashes,
//! the codebook, the attribute overlay and where the logs are. Taken from a loaded project, or
//! read straight from the project folder, so that `thematic search` on a fresh index never parses
//! a million units.

use crate::codebook::Codebook;
use crate::corpus::attributes::AttributeOverlay;
use crate::error::{Error, Result};
use crate::project::manifest::{FORMAT, Manifest, sha256_hex};
use crate::project::{ATTRIBUTES, CODEBOOK, MANIFEST, Project};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What an index's freshness depends on (everything but the units).
pub struct Inputs {
    pub root: PathBuf,
    pub id: String,
    /// Source ids with the SHA-256 of their files, in manifest order (they fix the units).
    pub sources: Vec<(String, String)>,
    pub codebook: Codebook,
    /// SHA-256 of the codebook's and the attribute overlay's JSON.
    pub codebook_sha: String,
    pub overlay_sha: String,
}

impl Inputs {
    pub fn of(project: &Project) -> Result<Inputs> {
        Ok(Inputs {
            root: project.root.clone(),
            id: project.manifest.id.clone(),
            sources: project
                .manifest
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.sha256.clone()))
                .collect(),
            codebook: project.codebook.clone(),
            codebook_sha: sha(&project.codebook)?,
            overlay_sha: sha(&project.overlay)?,
        })
    }

    /// Read as `Project::open` would, or `None` when anything is unusual (a missing or newer
    /// file…): then the caller opens the project in full, which says what is wrong.
    pub fn read(dir: &Path) -> Option<Inputs> {
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).ok()?).ok()?;
        let cpath = dir.join(CODEBOOK);
        let codebook = Codebook::from_json(&cpath, &std::fs::read(&cpath).ok()?).ok()?;
        codebook.validate(&cpath).ok()?;
        let overlay: AttributeOverlay = match std::fs::read(dir.join(ATTRIBUTES)) {
            Ok(bytes) => serde_json::from_slice(&bytes).ok()?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => AttributeOverlay::default(),
            Err(_) => return None,
        };
        if manifest.format > FORMAT || overlay.format > FORMAT {
            return None;
        }
        Some(Inputs {
            root: dir.to_path_buf(),
            id: manifest.id,
            sources: manifest
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.sha256.clone()))
                .collect(),
            codebook_sha: sha(&codebook).ok()?,
            codebook,
            overlay_sha: sha(&overlay).ok()?,
        })
    }

    /// The coders with a log, sorted (the one list: [`crate::coding::coders`]).
    pub fn coders(&self) -> Result<Vec<String>> {
        crate::coding::coders(&self.root)
    }

    pub fn log_path(&self, coder: &str) -> PathBuf {
        crate::coding::log_path(&self.root, coder)
    }
}

/// SHA-256 of a value's JSON form.
fn sha<T: Serialize>(value: &T) -> Result<String> {
    let bytes = serde_json::to_vec(value).map_err(|e| Error::user(e.to_string()))?;
    Ok(sha256_hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read from the folder, a head equals the one of the opened project (so the stamp agrees).
    #[test]
    fn read_agrees_with_the_opened_project() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship");
        let p = Project::open(&sample).unwrap();
        let (a, b) = (Inputs::of(&p).unwrap(), Inputs::read(&sample).unwrap());
        assert_eq!(a.codebook, b.codebook);
        assert_eq!(p.coders().unwrap(), b.coders().unwrap());
        assert_eq!(
            (a.id, a.sources, a.codebook_sha, a.overlay_sha),
            (
                b.id.clone(),
                b.sources.clone(),
                b.codebook_sha.clone(),
                b.overlay_sha.clone()
            )
        );
        assert_eq!(p.log_path("alice"), b.log_path("alice"));
        assert!(Inputs::read(&sample.join("nope")).is_none());
    }
}
