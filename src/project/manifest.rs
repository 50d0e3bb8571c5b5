//! `thematic.json`: the project's id, name, format version and imported sources.

use crate::corpus::SourceKind;
use crate::corpus::import::ImportSettings;
use serde::{Deserialize, Serialize};

/// The project format this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub id: String,
    pub name: String,
    pub created: String,
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    /// Sources removed with `source remove --force` while codings pointed at their units: their
    /// files stay, their ids stay taken, `source restore` brings them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_sources: Vec<SourceEntry>,
}

/// One imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    pub id: String,
    pub kind: SourceKind,
    /// The verbatim copy, relative to the project folder.
    pub file: String,
    /// The name the file had when it was imported.
    pub original_name: String,
    pub sha256: String,
    pub imported: String,
    pub settings: ImportSettings,
}

pub use crate::files::clock::now;

/// The id of the project in `dir`, read from its manifest alone (`None` if there is none).
pub fn id_in(dir: &std::path::Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let bytes = std::fs::read(dir.join(super::MANIFEST)).ok()?;
    Some(serde_json::from_slice::<Id>(&bytes).ok()?.id)
}

/// A project id that is unique enough to key a cache folder: hash of time, pid and path.
pub fn new_project_id(seed: &str) -> String {
    use sha2::Digest;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let digest = sha2::Sha256::digest(format!("{nanos}:{}:{seed}", std::process::id()).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Hex SHA-256 of a file's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// [`sha256_hex`] of a file's content, read a block at a time rather than whole.
pub fn sha256_file_hex(path: &std::path::Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut hasher = sha2::Sha256::new();
    let mut file = std::fs::File::open(path)?;
    let mut block = vec![0; 1 << 16];
    loop {
        match file.read(&mut block)? {
            0 => return Ok(hex(&hasher.finalize())),
            n => hasher.update(&block[..n]),
        }
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
