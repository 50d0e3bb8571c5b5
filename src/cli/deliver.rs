//! Writing a report: the format asked for (or the output file's extension), checked against what
//! the report offers, rendered from a publication table, and written atomically to a file or to
//! stdout.

use crate::error::{Error, IoContext, Result};
use crate::export::{Format, latex};
use crate::project::atomic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The format asked for, else the output file's extension, else `default`.
pub(super) fn format_of(given: Option<&str>, output: Option<&Path>, default: &str) -> String {
    given
        .map(str::to_string)
        .or_else(|| {
            output
                .and_then(|o| o.extension())
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
        })
        .unwrap_or_else(|| default.to_string())
}

pub(super) fn check_format(format: &str, allowed: &[&str], what: &str) -> Result<()> {
    if allowed.contains(&format) {
        Ok(())
    } else {
        Err(Error::user(format!(
            "{what} can be written as {}, not '{format}'; give --format",
            allowed.join(", ")
        )))
    }
}

/// Writes to the file atomically, or to stdout (refusing a binary format on stdout).
pub(super) fn deliver(bytes: &[u8], output: Option<&Path>, binary: bool, what: &str) -> Result<()> {
    match output {
        Some(path) => {
            atomic::write_atomic(&in_folder(path), bytes)?;
            eprintln!("Wrote {what} to {}", path.display());
            Ok(())
        }
        None if binary => Err(Error::user(format!(
            "{what} as .docx needs a file: add -o FILE.docx"
        ))),
        None => std::io::stdout().write_all(bytes).at(Path::new("<stdout>")),
    }
}

/// A bare file name is taken as `./NAME`, so the atomic write has a folder to sync.
pub(super) fn in_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new(".").join(path),
        _ => path.to_path_buf(),
    }
}

pub(super) fn table_bytes(
    t: &crate::export::Table,
    format: &str,
    standalone: bool,
) -> Result<Vec<u8>> {
    let f = Format::from_name(format)
        .ok_or_else(|| Error::user(format!("unknown format '{format}'")))?;
    if f == Format::Latex && standalone {
        return Ok(latex::document(t).into_bytes());
    }
    crate::export::render(t, f)
}
