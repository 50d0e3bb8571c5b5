//! The file picker's ground work: what a typed path means (`~`, relative to where thematic was
//! started), the importable files and subfolders of a folder, Tab completion, recent folders.

use super::state::Entry;
use std::path::{Path, PathBuf};

/// The file endings the importers read.
pub const IMPORTABLE: [&str; 6] = ["csv", "md", "txt", "docx", "vtt", "srt"];

/// How many recent folders the config keeps.
pub const RECENT: usize = 8;

/// The path typed, with a leading `~` for the home folder.
pub fn expand(typed: &str) -> PathBuf {
    let typed = typed.trim();
    if let Some(rest) = typed.strip_prefix('~')
        && (rest.is_empty() || rest.starts_with('/'))
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest.trim_start_matches('/'));
    }
    PathBuf::from(typed)
}

pub fn importable(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| IMPORTABLE.contains(&e.as_str()))
}

/// The folder a typed path lists and the start of the names it keeps: `dir/` lists `dir`,
/// `dir/me` lists `dir`'s entries starting with `me`.
fn split(typed: &str) -> (PathBuf, String) {
    if typed.is_empty() {
        return (PathBuf::from("."), String::new());
    }
    let path = expand(typed);
    if typed.ends_with('/') {
        return (path, String::new());
    }
    let prefix = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (dir, prefix)
}

/// The importable files and the subfolders of the folder `typed` names whose names start with
/// what follows its last `/`; files first, each group by name. Hidden entries are left out.
pub fn list(typed: &str) -> Vec<Entry> {
    let (dir, prefix) = split(typed);
    let Ok(read) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !name.starts_with(&prefix) {
                return None;
            }
            let path = if typed.is_empty() {
                PathBuf::from(&name)
            } else {
                dir.join(&name)
            };
            let is_dir = path.is_dir();
            (is_dir || importable(&path)).then_some(Entry {
                path,
                dir: is_dir,
                recent: false,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.dir, &a.path).cmp(&(b.dir, &b.path)));
    out
}

/// Tab: the typed path completed as far as the folder's entries agree; a single folder gets
/// its `/`. `None` when nothing matches.
pub fn complete(typed: &str) -> Option<String> {
    let entries = list(typed);
    let names: Vec<String> = entries
        .iter()
        .filter_map(|e| e.path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let first = names.first()?;
    let mut common = first.clone();
    for n in &names[1..] {
        let same = common
            .chars()
            .zip(n.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        common.truncate(same);
    }
    let base = match typed.rfind('/') {
        Some(i) => &typed[..=i],
        None => "",
    };
    let mut out = format!("{base}{common}");
    if entries.len() == 1 && entries[0].dir {
        out.push('/');
    }
    Some(out)
}

/// The folder to remember after importing `file`, put first in `recent` (each once, at most
/// [`RECENT`]).
pub fn remember(recent: &mut Vec<String>, file: &Path) {
    let Some(dir) = file
        .canonicalize()
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf))
    else {
        return;
    };
    let dir = format!("{}/", dir.display());
    recent.retain(|d| *d != dir);
    recent.insert(0, dir);
    recent.truncate(RECENT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_completes_and_remembers() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        for f in [
            "mentee-survey.csv",
            "mentor-survey.csv",
            "notes.md",
            "x.pdf",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::create_dir(d.join("more")).unwrap();
        let typed = format!("{}/", d.display());
        let names: Vec<String> = list(&typed)
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["mentee-survey.csv", "mentor-survey.csv", "notes.md", "more"]
        );
        assert_eq!(
            complete(&format!("{typed}men")),
            Some(format!("{typed}ment"))
        );
        assert_eq!(
            complete(&format!("{typed}mentee")),
            Some(format!("{typed}mentee-survey.csv"))
        );
        assert_eq!(
            complete(&format!("{typed}mo")),
            Some(format!("{typed}more/"))
        );
        assert_eq!(complete(&format!("{typed}zz")), None);
        let mut recent = vec!["/a/".to_string()];
        remember(&mut recent, &d.join("notes.md"));
        remember(&mut recent, &d.join("notes.md"));
        assert_eq!(recent.len(), 2);
        assert!(recent[0].ends_with('/'));
    }
}
