//! Removing a mistaken source (kept recoverable when codings point at it) and re-importing a
//! source with new settings, keeping the ids of units whose text did not change.

use super::{Project, SourceUnits, atomic, manifest, units_file};
use crate::corpus::import::{ImportOptions, expectation_warnings, parse};
use crate::corpus::{SourceKind, Unit};
use crate::error::{Error, IoContext, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// What `source remove` did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceRemoval {
    pub source: String,
    pub units: usize,
    /// Coder → codings on the source's units (kept in the logs).
    pub codings: BTreeMap<String, usize>,
    /// Where the source's files went when nothing pointed at them (`sources/removed/…`).
    pub archived: Vec<String>,
}

/// What `source reimport` did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reimport {
    pub source: String,
    pub kind: SourceKind,
    pub format: String,
    pub units: usize,
    /// Units whose text did not change and kept their id.
    pub kept: usize,
    /// Units with a new id (new or changed text).
    pub new: usize,
    /// Ids of the old units no longer in the source.
    pub dropped: Vec<String>,
    /// Coder → codings on dropped units (kept in the logs, hidden).
    pub dropped_codings: BTreeMap<String, usize>,
    pub moderators: Vec<String>,
    pub warnings: Vec<String>,
}

fn describe_codings(codings: &BTreeMap<String, usize>) -> String {
    let total: usize = codings.values().sum();
    let who: Vec<String> = codings.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!("{total} coding(s) or review mark(s) ({})", who.join(", "))
}

impl Project {
    fn require_source(&self, id: &str) -> Result<manifest::SourceEntry> {
        if let Some(s) = self.manifest.sources.iter().find(|s| s.id == id) {
            return Ok(s.clone());
        }
        let hint = if self.manifest.removed_sources.iter().any(|s| s.id == id) {
            format!("; it was removed (`thematic source restore {id}` brings it back)")
        } else {
            "; see `thematic status`".to_string()
        };
        Err(Error::user(format!("unknown source '{id}'{hint}")))
    }

    /// Codings, review marks and unit memos per coder on the given units (coders without any
    /// are left out).
    fn codings_on(&self, units: &HashSet<String>) -> Result<BTreeMap<String, usize>> {
        let mut out = BTreeMap::new();
        for coder in self.coders()? {
            let st = self.coder_state(&coder)?;
            let n: usize = units
                .iter()
                .map(|u| {
                    st.codings_of(u).len()
                        + usize::from(st.is_reviewed(u))
                        + usize::from(st.unit_memos.contains_key(u))
                })
                .sum();
            if n > 0 {
                out.insert(coder, n);
            }
        }
        Ok(out)
    }

    /// Remove source `id`. Refused while codings point at its units unless `force`; then the
    /// source is kept (files and id) among the removed sources, and `restore_source` brings it
    /// back with its codings. A source nothing points at is taken out and its files archived
    /// under `sources/removed/`, so its id can be used again.
    pub fn remove_source(&mut self, id: &str, force: bool) -> Result<SourceRemoval> {
        let entry = self.require_source(id)?;
        let units: HashSet<String> = self
            .units
            .iter()
            .filter(|u| u.source == id)
            .map(|u| u.id.clone())
            .collect();
        let codings = self.codings_on(&units)?;
        if !codings.is_empty() && !force {
            return Err(Error::user(format!(
                "source '{id}' has {} on its units; `thematic source remove {id} --force` removes it \
                 anyway and keeps them (`thematic source restore {id}` brings them back)",
                describe_codings(&codings)
            )));
        }
        let keep = !codings.is_empty();
        let root = self.root.clone();
        let mut moves = Vec::new();
        if !keep {
            let stamp: String = manifest::now()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            let dir = root.join("sources/removed");
            std::fs::create_dir_all(&dir).at(&dir)?;
            for f in [entry.file.clone(), units_file(id)] {
                let from = root.join(&f);
                let name = Path::new(&f)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let to = format!("sources/removed/{stamp}-{name}");
                let bytes = std::fs::read(&from).at(&from)?;
                atomic::write_atomic(&root.join(&to), &bytes)?;
                moves.push((from, to));
            }
        }
        self.update_manifest(|m| {
            let Some(pos) = m.sources.iter().position(|s| s.id == id) else {
                return Err(Error::user(format!("unknown source '{id}'")));
            };
            let e = m.sources.remove(pos);
            if keep {
                m.removed_sources.push(e);
            }
            Ok(())
        })?;
        for (from, _) in &moves {
            // The archived copy is written; a leftover original only wastes space.
            let _ = std::fs::remove_file(from);
        }
        Ok(SourceRemoval {
            source: id.to_string(),
            units: units.len(),
            codings,
            archived: moves.into_iter().map(|(_, to)| to).collect(),
        })
    }

    /// Bring back a source removed with `--force`, with the codings on its units.
    pub fn restore_source(&mut self, id: &str) -> Result<()> {
        self.update_manifest(|m| {
            let Some(pos) = m.removed_sources.iter().position(|s| s.id == id) else {
                return Err(Error::user(format!(
                    "'{id}' is not a removed source kept for its codings"
                )));
            };
            if let Some(same) = m
                .sources
                .iter()
                .find(|s| s.sha256 == m.removed_sources[pos].sha256)
            {
                return Err(Error::user(format!(
                    "the file of '{id}' is imported again as source '{}'; remove that one first",
                    same.id
                )));
            }
            let e = m.removed_sources.remove(pos);
            m.sources.push(e);
            Ok(())
        })
    }

    /// Parse source `id`'s kept copy again as `kind` (default: as before) with `opts`. Units
    /// whose text did not change keep their ids; changed or new units get ids no coding has
    /// used. Refused while codings point at units that would be dropped, unless `force` (they
    /// stay in the logs, hidden).
    pub fn reimport_source(
        &mut self,
        id: &str,
        kind: Option<SourceKind>,
        opts: &ImportOptions,
        force: bool,
    ) -> Result<Reimport> {
        let entry = self.require_source(id)?;
        let kind = kind.unwrap_or(entry.kind);
        let copy = self.root.join(&entry.file);
        let bytes = std::fs::read(&copy).at(&copy)?;
        let (mut parsed, settings) = parse(&copy, &bytes, kind, id, opts)?;
        let upath = self.root.join(units_file(id));
        let before: SourceUnits = super::read_json(&upath)?;
        let reserved: HashSet<String> = before.retired.iter().map(|u| u.id.clone()).collect();
        let old: Vec<Unit> = self
            .units
            .iter()
            .filter(|u| u.source == id)
            .cloned()
            .collect();
        let mut kept = keep_ids(&old, &reserved, &mut parsed.units);
        // A unit whose text is back as it was before an earlier re-import gets its id back
        // (and the codings on it).
        let mut revived = HashSet::new();
        for u in parsed.units.iter_mut() {
            if old.iter().any(|o| o.id == u.id && o.text == u.text) {
                continue;
            }
            if let Some(r) = before
                .retired
                .iter()
                .find(|r| r.text == u.text && !revived.contains(&r.id))
                && !parsed_ids_contains(&old, &r.id)
            {
                u.id = r.id.clone();
                revived.insert(r.id.clone());
                kept += 1;
            }
        }
        let dropped: Vec<String> = old
            .iter()
            .filter(|u| !parsed.units.iter().any(|n| n.id == u.id))
            .map(|u| u.id.clone())
            .collect();
        let dropped_codings = self.codings_on(&dropped.iter().cloned().collect())?;
        if !dropped_codings.is_empty() && !force {
            return Err(Error::user(format!(
                "{} point at units of '{id}' whose text changed or is gone ({}); \
                 give --force to re-import anyway (those codings stay in the logs, hidden)",
                describe_codings(&dropped_codings),
                short_list(&dropped)
            )));
        }
        let report = Reimport {
            source: id.to_string(),
            kind,
            format: settings.format.clone(),
            units: parsed.units.len(),
            kept,
            new: parsed.units.len() - kept,
            dropped,
            dropped_codings,
            moderators: parsed
                .cases
                .iter()
                .filter(|c| c.moderator)
                .map(|c| c.id.clone())
                .collect(),
            warnings: expectation_warnings(kind, &parsed, opts),
        };
        let root = self.root.clone();
        let mut retired: Vec<Unit> = old
            .into_iter()
            .filter(|u| report.dropped.contains(&u.id))
            .collect();
        retired.splice(
            0..0,
            before
                .retired
                .into_iter()
                .filter(|r| !revived.contains(&r.id)),
        );
        let su = SourceUnits {
            format: manifest::FORMAT,
            source: id.to_string(),
            parsed,
            retired,
        };
        self.update_manifest(|m| {
            let Some(e) = m.sources.iter_mut().find(|s| s.id == id) else {
                return Err(Error::user(format!("unknown source '{id}'")));
            };
            atomic::write_json(&root.join(units_file(id)), &su)?;
            e.kind = kind;
            e.settings = settings;
            Ok(())
        })?;
        Ok(report)
    }
}

fn parsed_ids_contains(units: &[Unit], id: &str) -> bool {
    units.iter().any(|u| u.id == id)
}

fn short_list(ids: &[String]) -> String {
    let mut s: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    if ids.len() > 5 {
        s.push("…");
    }
    s.join(", ")
}

/// Give re-parsed units the ids of old units with the same text (the same position first);
/// other units keep their natural id when no old or `reserved` (retired) unit had it, else get
/// `ID.2`, `ID.3`… Returns how many units kept an old id.
fn keep_ids(old: &[Unit], reserved: &HashSet<String>, new: &mut [Unit]) -> usize {
    let old_ids: HashMap<&str, &Unit> = old.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut fixed = vec![false; new.len()];
    for (i, u) in new.iter().enumerate() {
        if old_ids.get(u.id.as_str()).is_some_and(|o| o.text == u.text) {
            taken.insert(u.id.clone());
            fixed[i] = true;
        }
    }
    for (i, u) in new.iter_mut().enumerate() {
        if fixed[i] {
            continue;
        }
        if let Some(o) = old
            .iter()
            .find(|o| !taken.contains(&o.id) && o.text == u.text)
        {
            u.id = o.id.clone();
            taken.insert(o.id.clone());
            fixed[i] = true;
        }
    }
    let kept = fixed.iter().filter(|f| **f).count();
    for (i, u) in new.iter_mut().enumerate() {
        if fixed[i] {
            continue;
        }
        let natural = u.id.clone();
        let mut k = 2;
        while old_ids.contains_key(u.id.as_str())
            || taken.contains(&u.id)
            || reserved.contains(&u.id)
        {
            u.id = format!("{natural}.{k}");
            k += 1;
        }
        taken.insert(u.id.clone());
    }
    kept
}
