//! Where indexes live: the user's cache dir (or `THEMATIC_CACHE_DIR`), `index/<project id>/`,
//! one folder per built generation and a `current` file naming the one in use. A rebuild fills a
//! new folder and switches `current`, so a process still reading the old one is never disturbed.

use crate::error::{IoContext, Result};
use crate::project::atomic;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use crate::files::cache::{CACHE_ENV, cache_root};
const CURRENT: &str = "current";
/// A build folder left this long is from a crashed process.
const STALE_BUILD: Duration = Duration::from_secs(6 * 3600);

/// `<cache>/index/<project id>`.
pub fn home(cache: &Path, id: &str) -> PathBuf {
    let safe = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let key = if safe {
        id.to_string()
    } else {
        crate::project::manifest::sha256_hex(id.as_bytes())[..16].to_string()
    };
    cache.join("index").join(key)
}

/// The generation in use, if any.
pub fn current(home: &Path) -> Option<PathBuf> {
    let name = std::fs::read_to_string(home.join(CURRENT)).ok()?;
    let name = name.trim();
    let ok = name.starts_with("g-") && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| home.join(name)).filter(|p| p.is_dir())
}

fn unique() -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos}-{}", std::process::id())
}

/// A fresh folder to build a generation in.
pub fn new_build(home: &Path) -> Result<PathBuf> {
    let dir = home.join(format!("build-{}", unique()));
    std::fs::create_dir_all(&dir).at(&dir)?;
    Ok(dir)
}

/// Make a finished build the generation in use, and drop the others.
pub fn publish(home: &Path, build: &Path) -> Result<PathBuf> {
    let name = format!("g-{}", unique());
    let gen_dir = home.join(&name);
    std::fs::rename(build, &gen_dir).at(build)?;
    atomic::write_atomic(&home.join(CURRENT), name.as_bytes())?;
    cleanup(home, &gen_dir);
    Ok(gen_dir)
}

/// Remove old generations and abandoned builds; best effort (another process may hold them).
fn cleanup(home: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(home) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let old_build = name.starts_with("build-")
            && e.metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_BUILD);
        if (name.starts_with("g-") && path != keep) || old_build {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
