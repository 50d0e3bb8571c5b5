//! The user's cache folder: rebuildable things kept outside the project (search indexes,
//! which source files were already checked).

use crate::error::{Error, Result};
use std::path::PathBuf;

/// Overrides the cache dir (tests, shared machines, encrypted volumes).
pub const CACHE_ENV: &str = "THEMATIC_CACHE_DIR";

/// The cache dir: `$THEMATIC_CACHE_DIR`, else the platform's (e.g. `~/.cache/thematic`).
pub fn cache_root() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "thematic")
        .map(|d| d.cache_dir().to_path_buf())
        .ok_or_else(|| {
            Error::user(format!(
                "no cache folder is known for this user; set {CACHE_ENV} to a folder"
            ))
        })
}
