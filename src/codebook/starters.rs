//! Starter codebooks a new project can begin from: the `codebooks/` folder that comes with
//! thematic — found beside where it is run, or above the program itself — or the folders named
//! in `THEMATIC_CODEBOOKS` (separated like PATH).

use std::path::{Path, PathBuf};

/// The folders searched for starter codebooks, those that exist, each once.
pub fn folders() -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(list) = std::env::var_os("THEMATIC_CODEBOOKS") {
        candidates.extend(std::env::split_paths(&list));
    }
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join("codebooks"));
    }
    // A build run from its repository (target/debug/thematic) or installed beside it.
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).take(4).map(|d| d.join("codebooks")));
    }
    let mut seen = Vec::new();
    for c in candidates {
        if let Ok(real) = c.canonicalize()
            && real.is_dir()
            && !seen.contains(&real)
        {
            seen.push(real);
        }
    }
    seen
}

/// The codebook files (.json, .csv) in `folders`, by name within each folder.
pub fn files(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in folders {
        let Ok(read) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut here: Vec<PathBuf> = read
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_codebook(p))
            .collect();
        here.sort();
        out.extend(here);
    }
    out
}

fn is_codebook(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_codebooks_that_come_with_thematic() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks");
        let found = files(std::slice::from_ref(&repo));
        assert!(found.contains(&repo.join("mentorship.json")), "{found:?}");
    }
}
