//! Writing indexes: every unit into a new generation, or a few units re-indexed in place.

use super::codes;
use super::schema::{FacetWords, Fields, UnitContext, register, schema, unit_doc};
use super::stamp::Stamp;
use super::store;
use crate::corpus::{Case, SourceKind};
use crate::error::{Error, Result};
use crate::project::Project;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

/// Memory for each indexing thread of a full build.
const BUILD_BUDGET: usize = 96 << 20;
/// Memory for re-indexing a few units.
const UPDATE_BUDGET: usize = 20 << 20;
/// How long to wait for another process's index update before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(20);
/// Report progress every this many units.
const PROGRESS_EVERY: usize = 2048;

/// A tantivy error on the index in `dir`, as one of ours.
pub fn index_error(dir: &Path, e: TantivyError) -> Error {
    Error::input(
        dir,
        None,
        format!("search index: {e} (the index is a cache: deleting this folder is safe)"),
    )
}

/// Build an index of every unit in a new folder under `home` and make it the one in use.
pub fn build(
    home: &Path,
    project: &Project,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PathBuf> {
    // The stamp first: the codes read after it can only be newer, and catching up is idempotent.
    let stamp = Stamp::now(project)?;
    let codes = codes::code_terms(project, None)?;
    let dir = store::new_build(home)?;
    match fill(&dir, project, &stamp, &codes, progress) {
        Ok(()) => store::publish(home, &dir),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            Err(e)
        }
    }
}

fn fill(
    dir: &Path,
    project: &Project,
    stamp: &Stamp,
    codes: &FxHashMap<String, Vec<crate::coding::Code>>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<()> {
    let tv = |e| index_error(dir, e);
    let index = Index::create_in_dir(dir, schema()).map_err(tv)?;
    register(&index);
    let f = fields(&index, dir)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads, threads * BUILD_BUDGET)
        .map_err(tv)?;
    let kinds: FxHashMap<&str, SourceKind> = project
        .manifest
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.kind))
        .collect();
    let cases: FxHashMap<&str, &Case> = project.cases.iter().map(|c| (c.id.as_str(), c)).collect();
    let total = project.units.len();
    let mut words = FacetWords::new();
    progress(0, total);
    for (pos, unit) in project.units.iter().enumerate() {
        let cx = UnitContext {
            pos: pos as u64,
            kind: kinds.get(unit.source.as_str()).copied(),
            case: unit.case.as_deref().and_then(|c| cases.get(c).copied()),
            codes: codes.get(&unit.id).map_or(&[], Vec::as_slice),
        };
        writer
            .add_document(unit_doc(&f, &mut words, unit, &cx))
            .map_err(tv)?;
        if (pos + 1) % PROGRESS_EVERY == 0 {
            progress(pos + 1, total);
        }
    }
    writer.commit().map_err(tv)?;
    writer.wait_merging_threads().map_err(tv)?;
    progress(total, total);
    stamp.write(dir)
}

pub fn fields(index: &Index, dir: &Path) -> Result<Fields> {
    Fields::of(&index.schema())
        .ok_or_else(|| Error::input(dir, None, "search index: not a thematic index"))
}

/// The index's writer, waiting while another process holds it.
pub fn writer(index: &Index, dir: &Path) -> Result<IndexWriter<TantivyDocument>> {
    let started = std::time::Instant::now();
    loop {
        match index.writer_with_num_threads(1, UPDATE_BUDGET) {
            Ok(w) => return Ok(w),
            Err(TantivyError::LockFailure(LockError::LockBusy, _))
                if started.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(Error::input(
                    dir,
                    None,
                    "search index is being updated by another thematic process; try again in a moment",
                ));
            }
            Err(e) => return Err(index_error(dir, e)),
        }
    }
}

/// Re-index `units` (their codes, as the logs say now) with `writer`, and commit.
pub fn reindex(
    mut writer: IndexWriter<TantivyDocument>,
    f: &Fields,
    dir: &Path,
    project: &Project,
    units: &BTreeSet<String>,
) -> Result<()> {
    let tv = |e| index_error(dir, e);
    let codes = codes::code_terms(project, Some(units))?;
    let mut words = FacetWords::new();
    for id in units {
        writer.delete_term(Term::from_field_text(f.unit, id));
        let (Some(pos), Some(unit)) = (project.unit_position(id), project.unit(id)) else {
            continue;
        };
        let cx = UnitContext {
            pos: pos as u64,
            kind: project.source_kind(&unit.source),
            case: unit.case.as_deref().and_then(|c| project.case(c)),
            codes: codes.get(id).map_or(&[], Vec::as_slice),
        };
        writer
            .add_document(unit_doc(f, &mut words, unit, &cx))
            .map_err(tv)?;
    }
    writer.commit().map_err(tv)?;
    writer.wait_merging_threads().map_err(tv)
}
