//! Reading a file the user hands in (a source to import, a CSV, a codebook): only a regular
//! file, and no bigger than the import limit, so a FIFO, a device or a huge file cannot hang
//! or flood the process.

use crate::error::{Error, IoContext, Result};
use std::io::Read;
use std::path::Path;

/// A limit on what an import may hold, read from an environment variable when set.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// What is limited, for messages ("imported file size").
    pub what: &'static str,
    /// The variable that raises (or lowers) it.
    pub env: &'static str,
    pub default: u64,
    /// How the value is counted: "MB" (of 1,000,000 bytes) or "characters".
    pub unit: &'static str,
}

/// The largest file `import`, `attributes` or `codebook import` reads, and the most text a
/// `.docx` may inflate to: 256 MB (`THEMATIC_MAX_IMPORT_MB`).
pub const IMPORT_MB: Limit = Limit {
    what: "import size",
    env: "THEMATIC_MAX_IMPORT_MB",
    default: 256,
    unit: "MB",
};

/// The longest unit (one answer, paragraph or turn): 100,000 characters
/// (`THEMATIC_MAX_UNIT_CHARS`).
pub const UNIT_CHARS: Limit = Limit {
    what: "unit length",
    env: "THEMATIC_MAX_UNIT_CHARS",
    default: 100_000,
    unit: "characters",
};

impl Limit {
    /// The limit in force: the environment variable when it holds a number, else the default.
    pub fn value(&self) -> u64 {
        std::env::var(self.env)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(self.default)
    }

    /// The limit in bytes (for MB limits) or characters.
    pub fn amount(&self) -> u64 {
        if self.unit == "MB" {
            self.value().saturating_mul(1_000_000)
        } else {
            self.value()
        }
    }

    /// The error for `subject` (naming `path`) going past this limit.
    pub fn exceeded(&self, path: &Path, line: Option<usize>, subject: &str) -> Error {
        Error::input(
            path,
            line,
            format!(
                "{subject} is over the {} limit of {} {}; if the file is genuine, raise it with {}=N",
                self.what,
                self.value(),
                self.unit,
                self.env
            ),
        )
    }
}

/// Read a file the user gave. Refused, with a message, before anything is read: a folder, a
/// FIFO, a socket or a device (they block forever or never end), a symlink unless
/// `follow_symlinks` (it could pull in any file of the machine), a file over [`IMPORT_MB`].
pub fn read_input(path: &Path, follow_symlinks: bool) -> Result<Vec<u8>> {
    let link = std::fs::symlink_metadata(path).at(path)?;
    if link.file_type().is_symlink() && !follow_symlinks {
        return Err(Error::input(
            path,
            None,
            "is a symbolic link; give the file it points to, or --follow-symlinks",
        ));
    }
    let meta = std::fs::metadata(path).at(path)?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(Error::input(path, None, format!("is {kind}; give a file")));
    }
    let limit = IMPORT_MB.amount();
    if meta.len() > limit {
        return Err(IMPORT_MB.exceeded(path, None, "the file"));
    }
    // The file may grow while it is read: never read past the limit.
    let file = std::fs::File::open(path).at(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).at(path)?;
    if bytes.len() as u64 > limit {
        return Err(IMPORT_MB.exceeded(path, None, "the file"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_symlinks_are_refused_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"hello").unwrap();
        assert_eq!(read_input(&file, false).unwrap(), b"hello");
        let err = read_input(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            let err = read_input(&link, false).unwrap_err().to_string();
            assert!(err.contains("symbolic link"), "{err}");
            assert_eq!(read_input(&link, true).unwrap(), b"hello");
        }
    }
}
