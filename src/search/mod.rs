//! Full-text search over the units: a tantivy index kept in the user's cache dir as a rebuildable
//! cache (never the source of truth), the query language, hits with snippets, and coding all the
//! results of a query in one undoable action.
//!
//! ```text
//! SearchIndex::open_or_build(&project, &mut progress)   fresh → open; new log lines → re-index
//!     │                                                  those units; anything else → rebuild
//!     ├─ search(query, limit, coder) → SearchResults { total, hits: [Hit { unit, case, speaker,
//!     │                                  score, snippet { text, highlights }, highlights }] }
//!     ├─ matching_units(query, coder) → every matching unit id, in corpus order
//!     └─ refresh(&project, …) after a coding action or undo (update_units for named units)
//! SearchIndex::open_if_fresh(cache, dir)  a fresh index without loading the units (the CLI)
//! preview_code_results / code_results(&mut index, &project, &mut log, coder, query, code, only)
//!     → CodeResults { code, matched, coded }: one undoable group in the coder's log
//! query::parse(text) → Node, or Error::User saying what is wrong (to check while typing)
//! ```

mod build;
mod code_all;
mod codes;
mod compile;
mod facets;
mod inputs;
pub mod query;
mod results;
mod schema;
pub mod snippet;
mod stamp;
mod stems;
mod store;

pub use code_all::{CodeResults, code_results, preview_code_results};
pub use codes::consensus_codes;
pub use compile::FILTERS;
pub use results::{Hit, SearchResults};
pub use schema::SCHEMA_VERSION;
pub use snippet::Snippet;
pub use store::{CACHE_ENV, cache_root};

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::project::Project;
use inputs::Inputs;
use schema::Fields;
use stamp::{Plan, Stamp};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// What opening or refreshing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The index already matched the project.
    Fresh,
    /// New coding-log lines: this many units were re-indexed.
    Updated(usize),
    /// Built from scratch, and why (missing, corrupt, older format, sources or codebook changed…).
    Rebuilt(String),
}

/// The search index of one project.
pub struct SearchIndex {
    home: PathBuf,
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// What queries are resolved against, as of the last refresh.
    codebook: Codebook,
    coders: Vec<String>,
    attributes: BTreeSet<String>,
    opened: Opened,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("opened", &self.opened)
            .finish()
    }
}

impl SearchIndex {
    /// Open the project's index in the user's cache dir (see [`cache_root`]), bringing it up to
    /// date, or build it; `progress(done, total)` is called while building.
    pub fn open_or_build(
        project: &Project,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<SearchIndex> {
        Self::open_or_build_in(&cache_root()?, project, progress)
    }

    /// [`open_or_build`](Self::open_or_build) with the index under `cache` instead.
    pub fn open_or_build_in(
        cache: &Path,
        project: &Project,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<SearchIndex> {
        let home = store::home(cache, &project.manifest.id);
        let opened = match store::current(&home) {
            None => Err("there was no index yet".to_string()),
            Some(dir) => Self::open_dir(&home, &dir, &Inputs::of(project)?),
        };
        match opened {
            Ok(mut idx) => {
                idx.refresh(project, progress)?;
                Ok(idx)
            }
            Err(why) => Self::build_new(&home, project, why, progress),
        }
    }

    /// The index of the project in `dir` if it is up to date, without loading the project's
    /// units (what `thematic search` tries first); `None`: open the project and use
    /// [`open_or_build`](Self::open_or_build).
    pub fn open_if_fresh(cache: &Path, dir: &Path) -> Option<SearchIndex> {
        let head = Inputs::read(dir)?;
        let home = store::home(cache, &head.id);
        let idx = Self::open_dir(&home, &store::current(&home)?, &head).ok()?;
        let fresh = Stamp::read(&idx.dir)?.plan(&head).ok()?;
        matches!(fresh, Plan::Fresh).then_some(idx)
    }

    /// Open a generation; any failure (missing files, truncation, other schema) is a reason to rebuild.
    fn open_dir(
        home: &Path,
        dir: &Path,
        head: &Inputs,
    ) -> std::result::Result<SearchIndex, String> {
        let stamp = Stamp::read(dir).ok_or("the index had no readable stamp")?;
        let attempt = std::panic::catch_unwind(|| -> tantivy::Result<(Index, IndexReader)> {
            let index = Index::open_in_dir(dir)?;
            schema::register(&index);
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            Ok((index, reader))
        });
        let (index, reader) = match attempt {
            Ok(Ok(ok)) => ok,
            Ok(Err(e)) => return Err(format!("the index could not be read ({e})")),
            Err(_) => return Err("the index could not be read (it is damaged)".to_string()),
        };
        let fields = Fields::of(&index.schema()).ok_or("the index has another schema")?;
        let docs = reader.searcher().num_docs();
        if docs != stamp.units {
            return Err(format!(
                "the index holds {docs} units where its stamp says {}",
                stamp.units
            ));
        }
        let mut idx = SearchIndex {
            home: home.to_path_buf(),
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            codebook: Codebook::default(),
            coders: Vec::new(),
            attributes: BTreeSet::new(),
            opened: Opened::Fresh,
        };
        idx.capture(head, &stamp).map_err(|e| e.to_string())?;
        Ok(idx)
    }

    fn build_new(
        home: &Path,
        project: &Project,
        why: String,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<SearchIndex> {
        project.require_text()?;
        let dir = build::build(home, project, progress)?;
        let mut idx = Self::open_dir(home, &dir, &Inputs::of(project)?).map_err(|e| {
            Error::input(
                &dir,
                None,
                format!("search index: a new index cannot be read: {e}"),
            )
        })?;
        idx.opened = Opened::Rebuilt(why);
        Ok(idx)
    }

    /// Remember what queries resolve against: codebook, coders, attribute names.
    fn capture(&mut self, head: &Inputs, stamp: &Stamp) -> Result<()> {
        self.codebook = head.codebook.clone();
        self.coders = head.coders()?;
        self.attributes = stamp.attribute_names.clone();
        Ok(())
    }

    /// Build from scratch now, whatever the state.
    pub fn rebuild(
        &mut self,
        project: &Project,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        *self = Self::build_new(
            &self.home,
            project,
            "a rebuild was asked for".into(),
            progress,
        )?;
        Ok(())
    }

    /// Bring the index up to date with the project: nothing when fresh, re-index the units that
    /// new coding-log lines touch, or rebuild. Call after coding actions (and after undo).
    pub fn refresh(
        &mut self,
        project: &Project,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<&Opened> {
        let head = Inputs::of(project)?;
        // Another process may have rebuilt the index meanwhile: move over to its generation.
        if let Some(now) = store::current(&self.home).filter(|d| *d != self.dir)
            && let Ok(other) = Self::open_dir(&self.home, &now, &head)
        {
            *self = other;
        }
        let plan = match Stamp::read(&self.dir) {
            Some(s) => s.plan(&head)?,
            None => Plan::Rebuild("the index stamp is gone".into()),
        };
        self.opened = match plan {
            Plan::Fresh => Opened::Fresh,
            Plan::Update { units, stamp } if units.is_empty() => {
                // Touched (mtime) but no new complete lines: only the stamp moves.
                stamp.write(&self.dir)?;
                self.capture(&head, &stamp)?;
                Opened::Fresh
            }
            Plan::Update { .. } => {
                // Plan again holding the writer: another process may have caught up meanwhile.
                let writer = build::writer(&self.index, &self.dir)?;
                match Stamp::read(&self.dir).map(|s| s.plan(&head)).transpose()? {
                    Some(Plan::Update { units, stamp }) => {
                        build::reindex(writer, &self.fields, &self.dir, project, &units)?;
                        stamp.write(&self.dir)?;
                        self.reload()?;
                        self.capture(&head, &stamp)?;
                        Opened::Updated(units.len())
                    }
                    Some(Plan::Fresh) => {
                        self.reload()?;
                        Opened::Fresh
                    }
                    Some(Plan::Rebuild(why)) => {
                        drop(writer);
                        *self = Self::build_new(&self.home, project, why, progress)?;
                        return Ok(&self.opened);
                    }
                    None => {
                        drop(writer);
                        *self = Self::build_new(
                            &self.home,
                            project,
                            "the index stamp is gone".into(),
                            progress,
                        )?;
                        return Ok(&self.opened);
                    }
                }
            }
            Plan::Rebuild(why) => {
                *self = Self::build_new(&self.home, project, why, progress)?;
                return Ok(&self.opened);
            }
        };
        Ok(&self.opened)
    }

    /// Re-index these units now (e.g. right after coding them). [`refresh`](Self::refresh) does
    /// this for whatever changed and also records it, so later opens need not redo it.
    pub fn update_units(&mut self, project: &Project, units: &[&str]) -> Result<()> {
        let units: BTreeSet<String> = units.iter().map(|u| u.to_string()).collect();
        let writer = build::writer(&self.index, &self.dir)?;
        build::reindex(writer, &self.fields, &self.dir, project, &units)?;
        self.coders = project.coders()?;
        self.reload()
    }

    fn reload(&self) -> Result<()> {
        self.reader
            .reload()
            .map_err(|e| build::index_error(&self.dir, e))
    }

    /// What the last open or refresh found.
    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    /// The folder of the index in use.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many units the index holds.
    pub fn units(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
