//! Reading a `.qdpx` zip without trusting it: every entry's name is checked (no absolute
//! paths, no `..`, no symlinks) before anything is read, sizes are capped (declared and as
//! actually inflated), and nothing is ever extracted to disk: entries are read into memory.

use crate::error::{Error, IoContext, Result};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path};

/// Most entries an archive may list.
pub const MAX_ENTRIES: usize = 100_000;
/// Largest single entry, inflated.
pub const MAX_ENTRY: u64 = 512 << 20;
/// Most bytes read from one archive, inflated, over all entries.
pub const MAX_TOTAL: u64 = 1 << 30;

/// Size caps; the defaults are the constants above (tests use small ones).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub entry: u64,
    pub total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            entry: MAX_ENTRY,
            total: MAX_TOTAL,
        }
    }
}

pub struct Archive {
    limits: Limits,
    path: std::path::PathBuf,
    zip: zip::ZipArchive<std::fs::File>,
    /// Lowercased entry name → index (tools differ on `Sources/` vs `sources/`).
    index: HashMap<String, usize>,
    read_so_far: u64,
}

impl Archive {
    /// Open and check every entry's name and kind; any unsafe entry refuses the whole file.
    pub fn open(path: &Path, limits: Limits) -> Result<Archive> {
        let file = std::fs::File::open(path).at(path)?;
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| Error::input(path, None, format!("not a .qdpx (zip) file: {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Error::input(
                path,
                None,
                format!(
                    "the archive lists {} files; more than {MAX_ENTRIES} is refused",
                    zip.len()
                ),
            ));
        }
        let mut index = HashMap::new();
        for i in 0..zip.len() {
            let f = zip
                .by_index(i)
                .map_err(|e| Error::input(path, None, format!("damaged archive: {e}")))?;
            let name = f
                .name()
                .map_err(|e| Error::input(path, None, format!("damaged archive: {e}")))?
                .into_owned();
            check_name(path, &name)?;
            if f.is_symlink() {
                return Err(Error::input(
                    path,
                    None,
                    format!("archive entry '{name}' is a symbolic link; refused"),
                ));
            }
            if f.size() > limits.entry {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "archive entry '{name}' inflates to {} bytes, more than the {} allowed (a zip bomb?); refused",
                        f.size(),
                        limits.entry
                    ),
                ));
            }
            if !f.is_dir() {
                index.insert(name.replace('\\', "/").to_lowercase(), i);
            }
        }
        Ok(Archive {
            limits,
            path: path.to_path_buf(),
            zip,
            index,
            read_so_far: 0,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(&name.to_lowercase())
    }

    /// Entry names, as listed.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.index.keys()
    }

    /// Read one entry (by name, case-insensitively), never more than the size limits allow
    /// whatever its header claims. `None` when the archive has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&i) = self.index.get(&name.replace('\\', "/").to_lowercase()) else {
            return Ok(None);
        };
        let path = self.path.clone();
        let f = self
            .zip
            .by_index(i)
            .map_err(|e| Error::input(&path, None, format!("damaged archive: {e}")))?;
        let left = self.limits.total.saturating_sub(self.read_so_far);
        let cap = self.limits.entry.min(left);
        let mut buf = Vec::new();
        f.take(cap + 1).read_to_end(&mut buf).map_err(|e| {
            Error::input(
                &path,
                None,
                format!("archive entry '{name}' cannot be read: {e}"),
            )
        })?;
        if buf.len() as u64 > cap {
            return Err(Error::input(
                &path,
                None,
                format!(
                    "archive entry '{name}' inflates past the {cap}-byte limit (a zip bomb?); refused"
                ),
            ));
        }
        self.read_so_far += buf.len() as u64;
        Ok(Some(buf))
    }
}

/// An entry name must stay inside the archive: relative, no `..`, no drive, no NUL.
fn check_name(path: &Path, name: &str) -> Result<()> {
    let unix = name.replace('\\', "/");
    let bad = unix.starts_with('/')
        || unix.contains('\0')
        || unix.as_bytes().get(1) == Some(&b':')
        || Path::new(&unix)
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if bad {
        return Err(Error::input(
            path,
            None,
            format!(
                "archive entry '{name}' points outside the archive (absolute path or ..); refused"
            ),
        ));
    }
    Ok(())
}
