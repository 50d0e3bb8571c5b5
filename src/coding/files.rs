//! Where coding logs live, and who has one: the one list of coders.

use crate::error::{Error, IoContext, Result};
use std::path::{Path, PathBuf};

/// The folder of the coding logs in a project folder.
pub fn codings_dir(root: &Path) -> PathBuf {
    root.join("codings")
}

/// `codings/<coder>.jsonl` in the project folder `root`.
pub fn log_path(root: &Path, coder: &str) -> PathBuf {
    codings_dir(root).join(format!("{coder}.jsonl"))
}

/// The coders of the project in folder `root`: every `codings/<coder>.jsonl` with a valid
/// coder name, sorted. No `codings/` folder: no coders.
pub fn coders(root: &Path) -> Result<Vec<String>> {
    let dir = codings_dir(root);
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out = Vec::new();
    for e in rd {
        let name = e.at(&dir)?.file_name().to_string_lossy().into_owned();
        if let Some(c) = name.strip_suffix(".jsonl").filter(|c| valid_coder(c)) {
            out.push(c.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// Coder names are plain words: letters, digits, `-`, `_`, `.`.
pub fn valid_coder(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// [`valid_coder`], or an error saying what a coder name may hold.
pub fn check_coder(name: &str) -> Result<()> {
    if valid_coder(name) {
        Ok(())
    } else {
        Err(Error::user(format!(
            "coder name '{name}' must be a plain word (letters, digits, - _ .)"
        )))
    }
}
