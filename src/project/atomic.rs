//! Durable file writes: atomic whole-file replacement and fsync'd appends.

use crate::error::{IoContext, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Replace `path` with `bytes` atomically: write a temp file in the same folder, fsync it,
/// rename it over the target, fsync the folder. A crash leaves the old or the new file, never half.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content streamed by `fill` into a buffered temp file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, File::create(&tmp).at(&tmp)?);
        fill(&mut w).at(&tmp)?;
        let f = w
            .into_inner()
            .map_err(|e| crate::Error::io(&tmp, e.into_error()))?;
        f.sync_all().at(&tmp)?;
        drop(f);
        fs::rename(&tmp, path).at(path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Serialize `value` as pretty JSON (with a trailing newline) and write it atomically.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    write_atomic_with(path, |w| {
        serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
}

/// fsync a directory so a rename or a new file in it survives a crash.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir).and_then(|d| d.sync_all()).at(dir)?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Append one line to an open file and fsync it before returning.
pub fn append_line(file: &mut File, path: &Path, line: &[u8]) -> Result<()> {
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line);
    buf.push(b'\n');
    file.write_all(&buf).at(path)?;
    file.sync_data().at(path)
}

/// Open a file for appending, creating it (and fsyncing its folder) if new.
pub fn open_append(path: &Path) -> Result<File> {
    let existed = path.exists();
    let f = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
        .at(path)?;
    if !existed && let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
