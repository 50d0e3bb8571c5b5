//! Advisory write locks: one process per coder log, one for the shared project files.

use crate::error::{Error, IoContext, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held for as long as the value lives; the OS drops the lock when the process dies.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
    pub path: PathBuf,
}

impl WriteLock {
    /// Take the lock at `path`, waiting at most a moment (200 ms); `what` names the locked thing
    /// in the error. For locks held for a whole session (a coder's log).
    pub fn acquire(path: &Path, what: &str) -> Result<WriteLock> {
        Self::acquire_within(path, what, std::time::Duration::from_millis(200))
    }

    /// Take the lock at `path`, waiting up to `wait` for its holder to let go. For locks held
    /// only across one read-modify-write (the shared project files), so that two commands run
    /// at once take turns instead of one failing.
    pub fn acquire_within(path: &Path, what: &str, wait: std::time::Duration) -> Result<WriteLock> {
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .at(path)?;
        // A lock can also stay held for a moment after its owner let go, while a process that
        // owner's process forked has not yet reached exec.
        let started = std::time::Instant::now();
        let outcome = loop {
            match file.try_lock() {
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other,
            }
        };
        match outcome {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim().to_string();
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                    what: what.to_string(),
                    holder: if holder.is_empty() {
                        "unknown".into()
                    } else {
                        holder
                    },
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
        file.set_len(0).at(path)?;
        file.rewind().at(path)?;
        let _ = write!(file, "{}", std::process::id());
        Ok(WriteLock {
            _file: file,
            path: path.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_in_same_process_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".x.lock");
        let first = WriteLock::acquire(&p, "coder alice's log").unwrap();
        let err = WriteLock::acquire(&p, "coder alice's log").unwrap_err();
        assert!(
            err.to_string().contains("another thematic process"),
            "{err}"
        );
        drop(first);
        WriteLock::acquire(&p, "coder alice's log").unwrap();
    }
}
