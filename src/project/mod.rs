//! A project folder: manifest, verbatim sources with their units, codebook, attribute overlay,
//! and one coding log per coder.

mod ahead;
mod check;
mod import;
mod index;
mod logs;
pub mod manifest;
mod refresh;
mod shared;
mod sources;

/// Kept here too: the file helpers lived in this module before [`crate::files`].
pub use crate::files::{atomic, lock};

use crate::codebook::Codebook;
use crate::corpus::attributes::AttributeOverlay;
use crate::corpus::{Case, Parsed, SourceKind, Unit};
use crate::error::{Error, IoContext, Result};
use manifest::{FORMAT, Manifest};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use import::{AttributesPlan, ImportPlan, ImportReport};
pub use refresh::Changed;
pub use shared::{LOCK_FILE, update_shared};
pub use sources::{Reimport, SourceRemoval};

pub const MANIFEST: &str = "thematic.json";
pub const CODEBOOK: &str = "codebook.json";
pub const ATTRIBUTES: &str = "attributes.json";

/// What a new project's `.gitignore` keeps out of git: lock files (they mark a running
/// process) and temp files of a write in progress.
pub const GITIGNORE: &str = ".*.lock\n.*.tmp\n";

/// `sources/<id>.units.json`: the units a source was split into, frozen at import so that unit
/// ids and texts never shift under the coding logs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "StoredUnits")]
pub struct SourceUnits {
    pub format: u32,
    pub source: String,
    #[serde(flatten)]
    pub parsed: Parsed,
    /// Units a re-import dropped (their text changed or is gone): kept so that the codings and
    /// review marks naming them stay readable; they are not part of the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<Unit>,
}

/// The same file read field by field: serde reads a flattened struct through an owned copy of
/// the whole document first, which doubled the memory and time of opening a large project.
#[derive(Deserialize)]
struct StoredUnits {
    format: u32,
    source: String,
    cases: Vec<Case>,
    units: Vec<Unit>,
    #[serde(default)]
    labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    retired: Vec<Unit>,
}

impl From<StoredUnits> for SourceUnits {
    fn from(s: StoredUnits) -> SourceUnits {
        SourceUnits {
            format: s.format,
            source: s.source,
            parsed: Parsed {
                cases: s.cases,
                units: s.units,
                labels: s.labels,
            },
            retired: s.retired,
        }
    }
}

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub manifest: Manifest,
    pub codebook: Codebook,
    /// All units, source by source in import order.
    pub units: Vec<Unit>,
    /// Cases merged over sources, with the attribute overlay applied, in first-seen order.
    pub cases: Vec<Case>,
    pub overlay: AttributeOverlay,
    /// Attribute key → the header it was imported under (the overlay's labels win).
    pub attribute_labels: std::collections::BTreeMap<String, String>,
    /// Ids of units no longer in the project (dropped by a re-import, or of a source removed
    /// with --force): codings naming them are kept in the logs and hidden.
    retired: FxHashSet<String>,
    /// Positions in `units`, found by id (hashed with [`unit_hash`]); the ids are the units' own.
    unit_index: hashbrown::HashTable<u32>,
    /// The units' text, or only their lengths ([`open_index`](Self::open_index)).
    texts: index::Texts,
    /// The shared files as loaded, to notice another process changing them.
    loaded: refresh::Loaded,
    /// Coders' logs read while the project was opened ([`open_index_reading_logs`](Self::open_index_reading_logs),
    /// [`open_opening_log`](Self::open_opening_log)).
    ahead: ahead::Ahead,
}

/// The hash of a unit id in the project's unit index.
fn unit_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).at(path)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::input(path, Some(e.line()), format!("malformed JSON: {e}")))
}

pub(crate) fn check_format(path: &Path, format: u32) -> Result<()> {
    if format > FORMAT {
        return Err(Error::field(
            path,
            None,
            "format",
            format!("format {format} is newer than this thematic ({FORMAT}); upgrade thematic"),
        ));
    }
    Ok(())
}

impl Project {
    /// Create a project in `dir` (which may exist but must not hold a project or other files).
    pub fn init(dir: &Path, name: Option<&str>, codebook: Option<Codebook>) -> Result<Project> {
        if dir.join(MANIFEST).exists() {
            return Err(Error::input(
                dir.join(MANIFEST),
                None,
                "a project already exists here",
            ));
        }
        if dir.exists() {
            let mut entries = std::fs::read_dir(dir).at(dir)?;
            if entries.next().is_some() {
                return Err(Error::input(
                    dir,
                    None,
                    "folder is not empty; choose a new or empty folder",
                ));
            }
        }
        std::fs::create_dir_all(dir.join("sources")).at(dir)?;
        std::fs::create_dir_all(dir.join("codings")).at(dir)?;
        let name = name.map(str::to_string).unwrap_or_else(|| {
            dir.canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "study".into())
        });
        let manifest = Manifest {
            format: FORMAT,
            id: manifest::new_project_id(&dir.display().to_string()),
            name,
            created: manifest::now(),
            sources: Vec::new(),
            removed_sources: Vec::new(),
        };
        let codebook = codebook.unwrap_or_default();
        // Lock files mark a running process; they are not project data to share through git.
        atomic::write_atomic(&dir.join(".gitignore"), GITIGNORE.as_bytes())?;
        atomic::write_json(&dir.join(CODEBOOK), &codebook)?;
        atomic::write_json(
            &dir.join(ATTRIBUTES),
            &AttributeOverlay {
                format: FORMAT,
                ..Default::default()
            },
        )?;
        // The manifest last: a folder without it is not a project, so a crash leaves no half-project.
        atomic::write_json(&dir.join(MANIFEST), &manifest)?;
        Project::open(dir)
    }

    /// The project `dir` is in: `dir` itself or the nearest folder above it holding one.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(dir).ok()?;
        start
            .ancestors()
            .find(|d| d.join(MANIFEST).is_file())
            .map(Path::to_path_buf)
    }

    /// Create a project in `dir` starting from the codebook file `codebook` (none: empty), as
    /// `thematic init` and the workbench's first screen do.
    pub fn create(dir: &Path, name: Option<&str>, codebook: Option<&Path>) -> Result<Project> {
        let cb = codebook.map(Codebook::load).transpose()?;
        Project::init(dir, name, cb)
    }

    /// Open the project in `dir`. Temp files left by a killed write are removed on the way.
    pub fn open(dir: &Path) -> Result<Project> {
        Project::open_reading(dir, true)
    }

    /// Open the project in `dir` without reading its units' text, for what only counts and
    /// compares codings (status, agreement, codings, crosstabs): every [`Unit::text`] is empty,
    /// [`unit_chars`](Self::unit_chars) gives each unit's length, and [`has_text`](Self::has_text)
    /// is false. What quotes or searches text needs [`open`](Self::open).
    pub fn open_index(dir: &Path) -> Result<Project> {
        Project::open_reading(dir, false)
    }

    /// [`open_index`](Self::open_index), every coder's log replayed meanwhile on other threads:
    /// for the commands that read them all (`status`, `agreement`). Each replay is taken once by
    /// [`coder_state`](Self::coder_state), which checks it as it checks any other.
    pub fn open_index_reading_logs(dir: &Path) -> Result<Project> {
        ahead::reading_logs(dir, None, || Project::open_reading(dir, false))
    }

    /// [`open_index`](Self::open_index), `coder`'s log replayed meanwhile on another thread.
    pub fn open_index_reading_log(dir: &Path, coder: &str) -> Result<Project> {
        ahead::reading_logs(dir, Some(coder), || Project::open_reading(dir, false))
    }

    /// [`open`](Self::open), `coder`'s log opened for writing meanwhile on another thread (the
    /// workbench): [`open_log`](Self::open_log) takes it.
    pub fn open_opening_log(dir: &Path, coder: &str) -> Result<Project> {
        ahead::opening_log(dir, coder, || Project::open_reading(dir, true))
    }

    fn open_reading(dir: &Path, with_text: bool) -> Result<Project> {
        let mpath = dir.join(MANIFEST);
        if !mpath.exists() {
            return Err(Error::input(
                dir,
                None,
                format!(
                    "not a thematic project (no {MANIFEST}); create one with `thematic init {}`",
                    dir.display()
                ),
            ));
        }
        atomic::clean_stale_temps(dir);
        atomic::clean_stale_temps(&dir.join("sources"));
        // Stamped before reading: a change made meanwhile shows as a change next time.
        let loaded = refresh::Loaded::of(dir);
        let manifest: Manifest = read_json(&mpath)?;
        check_format(&mpath, manifest.format)?;
        let codebook = read_codebook(&dir.join(CODEBOOK))?;
        let apath = dir.join(ATTRIBUTES);
        let overlay: AttributeOverlay = if apath.exists() {
            read_json(&apath)?
        } else {
            AttributeOverlay::default()
        };
        check_format(&apath, overlay.format)?;
        let mut parsed = Vec::new();
        let mut retired = FxHashSet::default();
        let mut lengths = Vec::new();
        for s in &manifest.sources {
            let upath = dir.join(units_file(&s.id));
            let part = if with_text {
                let su: index::OpenedUnits<Unit> = index::read_units(&upath)?;
                check_format(&upath, su.format)?;
                retired.extend(su.retired.iter().map(|u| u.id.clone()));
                su.into_parsed(|u| u)
            } else {
                let su: index::OpenedUnits<index::UnitWithoutText> = index::read_units(&upath)?;
                check_format(&upath, su.format)?;
                retired.extend(su.retired.iter().map(|u| u.id.clone()));
                su.into_parsed(|u| {
                    let (unit, chars) = u.split();
                    lengths.push(chars);
                    unit
                })
            };
            parsed.push(part);
        }
        for s in &manifest.removed_sources {
            let upath = dir.join(units_file(&s.id));
            let su: index::OpenedUnits<index::UnitId> = read_json(&upath)?;
            retired.extend(su.retired.into_iter().map(|u| u.id));
            retired.extend(su.units.into_iter().map(|u| u.id));
        }
        let mut p = Project {
            root: dir.to_path_buf(),
            manifest,
            codebook,
            units: Vec::new(),
            cases: Vec::new(),
            overlay,
            attribute_labels: Default::default(),
            retired,
            unit_index: hashbrown::HashTable::new(),
            texts: index::Texts::Read,
            loaded,
            ahead: Default::default(),
        };
        p.rebuild(parsed);
        if !with_text {
            p.texts = index::Texts::Lengths(lengths);
        }
        Ok(p)
    }

    /// Whether the units' text was read (false after [`open_index`](Self::open_index)).
    pub fn has_text(&self) -> bool {
        matches!(self.texts, index::Texts::Read)
    }

    /// An error unless the units' text was read: what quotes, exports or indexes text calls it
    /// first, so that a project opened with [`open_index`](Self::open_index) never passes for
    /// one whose units are empty.
    pub fn require_text(&self) -> Result<()> {
        if self.has_text() {
            return Ok(());
        }
        Err(Error::user(
            "this needs the units' text, and the project was opened without it",
        ))
    }

    /// The length in characters of `unit`'s text, also when the text was not read.
    pub fn unit_chars(&self, unit: &Unit) -> usize {
        match &self.texts {
            index::Texts::Lengths(lengths) => self
                .unit_position(&unit.id)
                .and_then(|i| lengths.get(i).copied())
                .unwrap_or(0),
            index::Texts::Read => unit.text.chars().count(),
        }
    }

    fn rebuild(&mut self, parsed: Vec<Parsed>) {
        for mut part in parsed {
            for (k, v) in std::mem::take(&mut part.labels) {
                self.attribute_labels.entry(k).or_insert(v);
            }
            self.add_parsed(part);
        }
        self.attribute_labels.extend(self.overlay.labels.clone());
        for (id, attrs) in &self.overlay.cases {
            if !self.cases.iter().any(|c| &c.id == id) {
                self.cases.push(Case {
                    id: id.clone(),
                    attributes: attrs.clone(),
                    moderator: false,
                });
            }
        }
    }

    /// Add one source's cases and units. Attributes set by hand (the overlay) win over the
    /// source's own.
    fn add_parsed(&mut self, part: Parsed) {
        let mut case_index: HashMap<String, usize> = self
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        for c in part.cases {
            let i = match case_index.get(&c.id) {
                Some(&i) => {
                    self.cases[i].attributes.extend(c.attributes);
                    i
                }
                None => {
                    case_index.insert(c.id.clone(), self.cases.len());
                    self.cases.push(c);
                    self.cases.len() - 1
                }
            };
            if let Some(attrs) = self.overlay.cases.get(&self.cases[i].id) {
                self.cases[i].attributes.extend(attrs.clone());
            }
        }
        let start = self.units.len();
        self.units.extend(part.units);
        let units = &self.units;
        for (i, u) in units.iter().enumerate().skip(start) {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            self.unit_index
                .insert_unique(unit_hash(&u.id), i, |&j| unit_hash(&units[j as usize].id));
        }
    }

    /// Whether `id` names a unit that is no longer in the project but whose codings are kept.
    pub fn is_retired(&self, id: &str) -> bool {
        self.retired.contains(id)
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_position(id).map(|i| &self.units[i])
    }

    /// Position of a unit in `units`.
    pub fn unit_position(&self, id: &str) -> Option<usize> {
        self.unit_index
            .find(unit_hash(id), |&i| self.units[i as usize].id == id)
            .map(|&i| i as usize)
    }

    /// The unit, or an error naming it.
    pub fn require_unit(&self, id: &str) -> Result<&Unit> {
        self.unit(id).ok_or_else(|| {
            Error::user(format!(
                "unknown unit '{id}'; see `thematic units` for unit ids"
            ))
        })
    }

    /// How an attribute is shown: the header it was imported under, or its key.
    pub fn attribute_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.attribute_labels.get(key).map_or(key, String::as_str)
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn source_kind(&self, source: &str) -> Option<SourceKind> {
        self.manifest
            .sources
            .iter()
            .find(|s| s.id == source)
            .map(|s| s.kind)
    }

    /// Write the loaded codebook as it is. The caller holds [`lock_shared`](Self::lock_shared)
    /// and read the codebook under it; edits should use [`update_codebook`](Self::update_codebook).
    pub fn save_codebook(&self) -> Result<()> {
        atomic::write_json(&self.root.join(CODEBOOK), &self.codebook)
    }

    /// Take the lock on the shared project files (manifest, codebook, attributes) for a write,
    /// waiting a few seconds for another writer. Prefer the `update_*` methods, which take it.
    pub fn lock_shared(&self) -> Result<lock::WriteLock> {
        shared::lock(&self.root)
    }
}

pub(crate) fn read_codebook(path: &Path) -> Result<Codebook> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::input(
                path,
                None,
                "the codebook is missing; restore it (e.g. `git checkout codebook.json`), or write {\"format\":1,\"codes\":[]} for an empty one",
            ));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let codebook = Codebook::from_json(path, &bytes)?;
    codebook.validate(path)?;
    Ok(codebook)
}

pub fn units_file(source_id: &str) -> String {
    format!("sources/{source_id}.units.json")
}

pub use crate::coding::{check_coder, valid_coder};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_index;
