//! Atomic whole-file writes: a crash leaves the old file or the new one, never half of either.

use crate::error::{IoContext, Result};
use std::fs::{self, File};
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
    let tmp = dir.join(temp_name(&name));
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

/// `.<name>.<pid>.<n>.tmp`: unique per process and per write, so that threads never share one,
/// and a left-over one names the process that wrote it (see [`is_stale_temp`]).
fn temp_name(name: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(".{name}.{}.{n}.tmp", std::process::id())
}

/// Is `file_name` a temp file [`write_atomic`] left behind when its process died (killed
/// mid-write)? Only when the process that wrote it is gone (checked on Linux through `/proc`;
/// elsewhere the file must be an hour old).
pub fn is_stale_temp(dir: &Path, file_name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_suffix(".tmp"))
    else {
        return false;
    };
    let mut parts = rest.rsplitn(3, '.');
    let (Some(n), Some(pid), Some(_name)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    // Older builds wrote `.<name>.<pid>.tmp`.
    let pid = if pid.chars().all(|c| c.is_ascii_digit()) && n.chars().all(|c| c.is_ascii_digit()) {
        pid
    } else if n.chars().all(|c| c.is_ascii_digit()) {
        n
    } else {
        return false;
    };
    if pid == std::process::id().to_string() {
        return false;
    }
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid).exists();
    }
    fs::metadata(dir.join(file_name))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

/// Remove the stale temp files (see [`is_stale_temp`]) in `dir`; returns how many went.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    let mut n = 0;
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_stale_temp(dir, &name) && fs::remove_file(e.path()).is_ok() {
            n += 1;
        }
    }
    n
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

    #[test]
    fn only_temps_of_dead_processes_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let me = std::process::id();
        for name in [
            format!(".codebook.json.{me}.0.tmp"),
            ".codebook.json.999999999.3.tmp".to_string(),
            ".codebook.json.999999998.tmp".to_string(),
            "codebook.json".to_string(),
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(clean_stale_temps(dir.path()), 2);
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                format!(".codebook.json.{me}.0.tmp"),
                "codebook.json".to_string()
            ]
        );
    }
}
