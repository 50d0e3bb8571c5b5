//! The hidden folder `import-project` builds a project in (`.DIR.importing-PID`, next to DIR),
//! and clearing the ones a crashed or killed import left behind.

use std::path::{Path, PathBuf};

const MARK: &str = ".importing-";

/// Where this process builds the project `leaf` in `parent`.
pub fn staging_dir(parent: &Path, leaf: &str) -> PathBuf {
    parent.join(format!(".{leaf}{MARK}{}", std::process::id()))
}

/// The process id a staging folder's name carries (`.NAME.importing-PID`).
fn pid_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (leaf, pid) = rest.rsplit_once(MARK)?;
    if leaf.is_empty() || pid.is_empty() || !pid.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Is the process gone? On Linux through `/proc`; elsewhere a folder an hour old counts as
/// left behind (no import takes that long).
fn gone(pid: u32, folder: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    std::fs::symlink_metadata(folder)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

/// Remove the staging folders in `parent` whose import process is gone (never one of a live
/// process, nor this one's). Returns the names removed.
pub fn clear_stale(parent: &Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = pid_of(&name) else { continue };
        // A real folder only: a symbolic link by that name is not ours to follow.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || pid == std::process::id() || !gone(pid, &e.path()) {
            continue;
        }
        if std::fs::remove_dir_all(e.path()).is_ok() {
            removed.push(name);
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::pid_of;

    #[test]
    fn staging_names_carry_their_process_id() {
        assert_eq!(pid_of(".study.importing-4242"), Some(4242));
        assert_eq!(pid_of(".my.study.importing-7"), Some(7));
        assert_eq!(pid_of(".study.importing-"), None);
        assert_eq!(pid_of(".study.importing-12x"), None);
        assert_eq!(pid_of("study.importing-12"), None);
        assert_eq!(pid_of("..importing-12"), None);
        assert_eq!(pid_of(".study"), None);
    }
}
