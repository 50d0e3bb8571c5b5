//! Writing an append-only JSON-lines file: under its lock, fsync'd appends that leave nothing
//! half-written behind them.

use super::Lines;
use crate::error::{Error, IoContext, Result};
use crate::files::{atomic::sync_dir, lock::WriteLock};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An append-only JSON-lines file open for writing. It holds the file's lock for as long as it
/// lives (one writer per file), and keeps the file's last good length: what every append
/// returned from successfully. A failed append is cut back to that length before anything else
/// is written, so a later acknowledged line never follows a fragment.
#[derive(Debug)]
pub struct Appender {
    path: PathBuf,
    /// Opened on the first append, so that opening to write and then failing leaves no file.
    file: Option<File>,
    good_len: u64,
    /// The file may hold bytes past `good_len` (a torn tail, or a failed append that could not
    /// be cut back yet): cut them before the next append.
    needs_cut: bool,
    /// The data ends with a complete line without its newline.
    unterminated: bool,
    header: Vec<u8>,
    fail_after: Option<u64>,
    _lock: WriteLock,
}

/// The lock file of a JSON-lines file: `.<stem>.lock` in the same folder
/// (`codings/alice.jsonl` → `codings/.alice.lock`).
pub fn lock_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{stem}.lock"))
}

/// Read a JSON-lines file whole; a missing file reads as empty.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

impl Appender {
    /// Open `path` for appending: take the lock at `lock_path` (`what` names the file in the
    /// "open in another process" error), read the file, and hand its [`Lines`] to `check`, which
    /// validates (and typically replays) them; its error refuses the open before anything is
    /// written. `header` (one JSON object, no newline) is written as the first line whenever the
    /// file has no data yet: a new file, or one that held only a torn header.
    pub fn open<T>(
        path: &Path,
        lock_path: &Path,
        what: &str,
        header: Vec<u8>,
        check: impl FnOnce(&Lines<'_>) -> Result<T>,
    ) -> Result<(Appender, T)> {
        let lock = WriteLock::acquire(lock_path, what)?;
        let bytes = read(path)?;
        let lines = Lines::of(&bytes);
        let value = check(&lines)?;
        let mut appender = Appender {
            path: path.to_path_buf(),
            file: None,
            good_len: lines.data_len() as u64,
            needs_cut: false,
            unterminated: lines.unterminated(),
            header,
            fail_after: None,
            _lock: lock,
        };
        if !lines.torn().is_empty() {
            // The torn tail was never acknowledged: cut it now, so readers stop seeing it.
            let good_len = appender.good_len;
            let file = appender.open_file()?;
            file.set_len(good_len).at(path)?;
            file.sync_all().at(path)?;
        }
        Ok((appender, value))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's last good length in bytes.
    pub fn len(&self) -> u64 {
        self.good_len
    }

    /// No data yet (the next append writes the header first).
    pub fn is_empty(&self) -> bool {
        self.good_len == 0
    }

    /// Append `lines` (each one JSON object without newline) in one write and fsync it. On
    /// return they are durable. On error nothing of them counts: the file is cut back to its
    /// last good length (or, when even that fails, cut before the next append is tried).
    pub fn append(&mut self, lines: &[Vec<u8>]) -> Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum::<usize>() + 64);
        if self.good_len == 0 {
            buf.extend_from_slice(&self.header);
            buf.push(b'\n');
        } else if self.unterminated {
            buf.push(b'\n');
        }
        for l in lines {
            buf.extend_from_slice(l);
            buf.push(b'\n');
        }
        let path = self.path.clone();
        let good_len = self.good_len;
        let needs_cut = self.needs_cut;
        let mut fail_after = self.fail_after.take();
        let file = self.open_file()?;
        let result = write_at_end(file, &buf, good_len, needs_cut, &mut fail_after);
        self.fail_after = fail_after;
        match result {
            Ok(()) => {
                self.good_len += buf.len() as u64;
                self.unterminated = false;
                self.needs_cut = false;
                Ok(())
            }
            Err((e, cut)) => {
                self.needs_cut = !cut;
                Err(Error::io(&path, e))
            }
        }
    }

    /// The file, opened (and created, its folder fsync'd) on first use.
    fn open_file(&mut self) -> Result<&mut File> {
        if self.file.is_none() {
            let existed = self.path.exists();
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .at(&self.path)?;
            if !existed && let Some(dir) = self.path.parent() {
                sync_dir(dir)?;
            }
            self.file = Some(f);
        }
        self.file
            .as_mut()
            .ok_or_else(|| Error::user("internal: log file not open"))
    }

    /// Serialize each value as one line and [`append`](Self::append) them.
    pub fn append_json<T: serde::Serialize>(&mut self, values: &[T]) -> Result<()> {
        let lines = values
            .iter()
            .map(|v| serde_json::to_vec(v).map_err(|e| Error::user(e.to_string())))
            .collect::<Result<Vec<_>>>()?;
        self.append(&lines)
    }

    /// For tests: from now on, writes fail as on a full disk once `bytes` more bytes were
    /// written (the failing write leaves its first bytes in the file, as a real one does).
    #[doc(hidden)]
    pub fn fail_writes_after(&mut self, bytes: u64) {
        self.fail_after = Some(bytes);
    }
}

/// Write `buf` after the good length and fsync. On failure cut the file back to the good
/// length, and say whether that worked.
fn write_at_end(
    file: &mut File,
    buf: &[u8],
    good_len: u64,
    needs_cut: bool,
    fail_after: &mut Option<u64>,
) -> Result<(), (std::io::Error, bool)> {
    if needs_cut {
        file.set_len(good_len)
            .and_then(|()| file.sync_all())
            .map_err(|e| (e, false))?;
    }
    let written = write_limited(file, buf, fail_after).and_then(|()| file.sync_data());
    if let Err(e) = written {
        // Nothing after the good length may stay: the next line would follow a fragment.
        let cut = file.set_len(good_len).and_then(|()| file.sync_all());
        return Err((e, cut.is_ok()));
    }
    Ok(())
}

/// `write_all`, failing (as ENOSPC would) once `budget` is spent.
fn write_limited(file: &mut File, buf: &[u8], budget: &mut Option<u64>) -> std::io::Result<()> {
    let Some(left) = budget else {
        return file.write_all(buf);
    };
    let n = (*left).min(buf.len() as u64) as usize;
    file.write_all(&buf[..n])?;
    *left -= n as u64;
    if n < buf.len() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "No space left on device",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(path: &Path) -> Appender {
        Appender::open(
            path,
            &lock_path(path),
            "the test log",
            b"{\"h\":1}".to_vec(),
            |l| {
                for line in l.iter() {
                    line.parse::<serde_json::Value>(path)?;
                }
                Ok(())
            },
        )
        .unwrap()
        .0
    }

    fn line(n: u32) -> Vec<u8> {
        format!("{{\"n\":{n}}}").into_bytes()
    }

    #[test]
    fn a_failed_append_is_cut_back_before_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.jsonl");
        let mut a = open(&p);
        a.append(&[line(1)]).unwrap();
        a.fail_writes_after(3);
        assert!(a.append(&[line(2), line(3)]).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"h\":1}\n{\"n\":1}\n");
        a.fail_after = None;
        a.append(&[line(4)]).unwrap();
        drop(a);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "{\"h\":1}\n{\"n\":1}\n{\"n\":4}\n"
        );
    }

    #[test]
    fn a_torn_header_is_replaced_and_an_unterminated_line_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.jsonl");
        std::fs::write(&p, b"{\"h\":1,\"co").unwrap();
        let mut a = open(&p);
        a.append(&[line(1)]).unwrap();
        drop(a);
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"h\":1}\n{\"n\":1}\n");
        std::fs::write(&p, b"{\"h\":1}\n{\"n\":1}").unwrap();
        let mut a = open(&p);
        a.append(&[line(2)]).unwrap();
        drop(a);
        assert_eq!(
            std::fs::read(&p).unwrap(),
            b"{\"h\":1}\n{\"n\":1}\n{\"n\":2}\n"
        );
    }

    #[test]
    fn a_bad_line_refuses_the_open_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.jsonl");
        std::fs::write(&p, b"{\"h\":1}\n{\"n\":\n{\"n\":2}\n").unwrap();
        let err = Appender::open(&p, &lock_path(&p), "t", b"{}".to_vec(), |l| {
            l.iter()
                .try_for_each(|line| line.parse::<serde_json::Value>(&p).map(drop))
        })
        .unwrap_err();
        assert!(err.to_string().contains("x.jsonl:2:"), "{err}");
        assert_eq!(
            std::fs::read(&p).unwrap(),
            b"{\"h\":1}\n{\"n\":\n{\"n\":2}\n"
        );
    }
}
