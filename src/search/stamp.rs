//! The stamp kept beside an index: what project state it holds, to tell whether it is fresh,
//! can catch up by re-indexing the units that new coding-log lines touch, or must be rebuilt.

use super::codes;
use super::inputs::Inputs;
use super::schema::SCHEMA_VERSION;
use crate::error::{Error, IoContext, Result};
use crate::project::manifest::sha256_hex;
use crate::project::{Project, atomic};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const FILE: &str = "thematic-stamp.json";
/// The key of the consensus log among the coders' (not a valid coder name).
pub const CONSENSUS: &str = ".consensus";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub schema: u32,
    pub project: String,
    /// Source ids with the SHA-256 of their files, in manifest order.
    pub sources: Vec<(String, String)>,
    /// SHA-256 of the codebook and of the attribute overlay, as the project holds them.
    pub codebook: String,
    pub attributes: String,
    /// How many units the index holds (the sources fix them; a check on the index).
    pub units: u64,
    /// The case attribute names, for queries (the sources and the overlay fix them).
    #[serde(default)]
    pub attribute_names: BTreeSet<String>,
    /// How much of each coding log (and of the consensus log) the index holds.
    pub logs: BTreeMap<String, LogMark>,
}

/// How much of an append-only log the index holds: the length of its complete lines, its
/// mtime, and the SHA-256 of the last [`WINDOW`] bytes before that length (when those bytes
/// are still there, the log was only appended to; a rewritten history differs in them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogMark {
    pub len: u64,
    pub mtime_ns: u64,
    pub window_sha256: String,
}

pub const WINDOW: u64 = 4096;

/// How an index relates to the project now.
#[derive(Debug)]
pub enum Plan {
    Fresh,
    /// Re-index these units, then the index matches `stamp`.
    Update {
        units: BTreeSet<String>,
        stamp: Stamp,
    },
    /// Rebuild, and why.
    Rebuild(String),
}

impl Stamp {
    /// What the head fixes: everything but the units, attribute names and logs.
    fn head(head: &Inputs) -> Stamp {
        Stamp {
            schema: SCHEMA_VERSION,
            project: head.id.clone(),
            sources: head.sources.clone(),
            codebook: head.codebook_sha.clone(),
            attributes: head.overlay_sha.clone(),
            units: 0,
            attribute_names: BTreeSet::new(),
            logs: BTreeMap::new(),
        }
    }

    /// The stamp of the project as it is now, logs read in full.
    pub fn now(project: &Project) -> Result<Stamp> {
        let head = Inputs::of(project)?;
        let mut s = Stamp::head(&head);
        s.units = project.units.len() as u64;
        s.attribute_names = project
            .cases
            .iter()
            .flat_map(|c| c.attributes.keys().cloned())
            .collect();
        for (key, path) in logs(&head)? {
            if let Some((bytes, mtime)) = read_from(&path, 0)? {
                s.logs.insert(key, mark(&bytes, 0, mtime));
            }
        }
        Ok(s)
    }

    pub fn read(dir: &Path) -> Option<Stamp> {
        serde_json::from_slice(&std::fs::read(dir.join(FILE)).ok()?).ok()
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        atomic::write_json(&dir.join(FILE), self)
    }

    /// Compare with the project: fresh, catch up on new log lines, or rebuild.
    pub fn plan(&self, project: &Inputs) -> Result<Plan> {
        let head = Stamp::head(project);
        let why = if self.schema != head.schema {
            Some(format!(
                "the index format changed ({} → {})",
                self.schema, head.schema
            ))
        } else if self.project != head.project {
            Some("the index belongs to another project".to_string())
        } else if self.sources != head.sources {
            Some("sources were imported".to_string())
        } else if self.codebook != head.codebook {
            Some("the codebook changed".to_string())
        } else if self.attributes != head.attributes {
            Some("case attributes changed".to_string())
        } else {
            None
        };
        if let Some(why) = why {
            return Ok(Plan::Rebuild(why));
        }
        let now = logs(project)?;
        if let Some(gone) = self.logs.keys().find(|k| !now.iter().any(|(n, _)| n == *k)) {
            return Ok(Plan::Rebuild(format!(
                "the coding log of {} is gone",
                shown(gone)
            )));
        }
        let mut stamp = Stamp {
            units: self.units,
            attribute_names: self.attribute_names.clone(),
            ..head
        };
        let mut units = BTreeSet::new();
        for (key, path) in now {
            let old = self.logs.get(&key);
            if let (Some(old), Some((len, mtime))) = (old, stat(&path))
                && old.len == len
                && old.mtime_ns == mtime
            {
                stamp.logs.insert(key, old.clone());
                continue;
            }
            // Read only what is new, and the window before it.
            let start = old.map_or(0, |o| o.len.saturating_sub(WINDOW));
            let Some((region, mtime)) = read_from(&path, start)? else {
                if old.is_some() {
                    return Ok(Plan::Rebuild(format!(
                        "the coding log of {} is gone",
                        shown(&key)
                    )));
                }
                continue;
            };
            let from = match old {
                Some(o) => {
                    let kept = (o.len - start) as usize;
                    if region.len() < kept || sha256_hex(&region[..kept]) != o.window_sha256 {
                        return Ok(Plan::Rebuild(format!(
                            "the coding log of {} was rewritten",
                            shown(&key)
                        )));
                    }
                    kept
                }
                None => 0,
            };
            let mark = mark(&region, start, mtime);
            units.extend(crate::coding::units_in(
                &region[from..(mark.len - start) as usize],
            ));
            stamp.logs.insert(key, mark);
        }
        if stamp == *self {
            Ok(Plan::Fresh)
        } else {
            Ok(Plan::Update { units, stamp })
        }
    }
}

fn shown(key: &str) -> String {
    if key == CONSENSUS {
        "the consensus".into()
    } else {
        format!("coder {key}")
    }
}

/// Every log the index reads: each coder's, and the consensus when there is one.
fn logs(project: &Inputs) -> Result<Vec<(String, PathBuf)>> {
    let mut out: Vec<(String, PathBuf)> = project
        .coders()?
        .into_iter()
        .map(|c| (c.clone(), project.log_path(&c)))
        .collect();
    let consensus = codes::consensus_path(&project.root);
    if consensus.exists() {
        out.push((CONSENSUS.to_string(), consensus));
    }
    Ok(out)
}

fn stat(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), mtime_ns(&m)))
}

fn mtime_ns(m: &std::fs::Metadata) -> u64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A log's bytes from `start` to its end, and its mtime; `None` when the file is missing.
fn read_from(path: &Path, start: u64) -> Result<Option<(Vec<u8>, u64)>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mtime = mtime_ns(&file.metadata().at(path)?);
    file.seek(SeekFrom::Start(start)).at(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).at(path)?;
    Ok(Some((bytes, mtime)))
}

/// The mark of the complete lines of a log whose bytes from `start` on are `region`.
fn mark(region: &[u8], start: u64, mtime_ns: u64) -> LogMark {
    // The data by the rule of every JSON-lines file (a torn last line is not held yet).
    let complete = crate::files::jsonl::Lines::of(region).data_len();
    let len = start + complete as u64;
    let window = (len.saturating_sub(WINDOW).max(start) - start) as usize;
    LogMark {
        len,
        mtime_ns,
        window_sha256: sha256_hex(&region[window..complete]),
    }
}
