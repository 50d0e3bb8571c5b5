//! Full-text search over the units: a tantivy index kept in the user's cache dir as a rebuildable
//! cache (never the source of truth), the query language, hits with snippets, and coding all the
//! results of a query in one undoable action.
//!
//! ```text
//! SearchIndex::open_or_build(&project, &mut progress)   fresh → open; new log lines → re-index
//!     │                                                  those units; anything else → rebuild
//!     ├─ search(query, limit, coder) → SearchResults { total, hits: [Hit { unit, score, snippet, highlights }] }
//!     ├─ matching_units(query, coder) → every matching unit id, in corpus order
//!     └─ refresh(&project, …) after a coding action (or update_units for known units)
//! code_results(&mut index, &project, &mut log, coder, query, code, only) → one undoable group
//! ```

mod build;
mod code_all;
mod codes;
mod compile;
mod head;
pub mod query;
mod schema;
pub mod snippet;
mod stamp;
mod store;

pub use code_all::{CodeResults, code_results, preview_code_results};
pub use codes::consensus_codes;
pub use compile::FILTERS;
pub use schema::SCHEMA_VERSION;
pub use snippet::Snippet;
pub use store::{CACHE_ENV, cache_root};

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::project::Project;
use head::Head;
use schema::Fields;
use serde::Serialize;
use stamp::{Plan, Stamp};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument};

/// One matching unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub unit: String,
    pub case: Option<String>,
    pub speaker: Option<String>,
    /// Relevance (BM25); 0 for queries that only filter, which list units in corpus order.
    pub score: f32,
    pub snippet: Snippet,
    /// Where the query's words are in the unit's whole text: char offsets, end exclusive, on
    /// grapheme boundaries (usable as coding spans).
    pub highlights: Vec<(usize, usize)>,
}

/// The best hits and how many units match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

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
            Some(dir) => Self::open_dir(&home, &dir, &Head::of(project)?),
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
        let head = Head::read(dir)?;
        let home = store::home(cache, &head.id);
        let idx = Self::open_dir(&home, &store::current(&home)?, &head).ok()?;
        let fresh = Stamp::read(&idx.dir)?.plan(&head).ok()?;
        matches!(fresh, Plan::Fresh).then_some(idx)
    }

    /// Open a generation; any failure (missing files, truncation, other schema) is a reason to rebuild.
    fn open_dir(home: &Path, dir: &Path, head: &Head) -> std::result::Result<SearchIndex, String> {
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
        let dir = build::build(home, project, progress)?;
        let mut idx = Self::open_dir(home, &dir, &Head::of(project)?).map_err(|e| {
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
    fn capture(&mut self, head: &Head, stamp: &Stamp) -> Result<()> {
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
        let head = Head::of(project)?;
        // Another process may have rebuilt the index meanwhile: move over to its generation.
        if let Some(now) = store::current(&self.home).filter(|d| *d != self.dir) {
            if let Ok(other) = Self::open_dir(&self.home, &now, &head) {
                *self = other;
            }
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

    fn compile(
        &self,
        node: &query::Node,
        text: &str,
        coder: Option<&str>,
    ) -> Result<Box<dyn Query>> {
        let cx = compile::Context {
            query: text,
            fields: &self.fields,
            codebook: &self.codebook,
            coders: &self.coders,
            attributes: &self.attributes,
            coder,
        };
        compile::compile(node, &cx)
    }

    /// The best `limit` hits for `query`, ranked by relevance (or in corpus order when the query
    /// only filters). `coder` is whose codes a bare `code:X` means.
    pub fn search(&self, query: &str, limit: usize, coder: Option<&str>) -> Result<SearchResults> {
        let node = query::parse(query)?;
        let q = self.compile(&node, query, coder)?;
        let searcher = self.reader.searcher();
        let tv = |e| build::index_error(&self.dir, e);
        let (total, docs): (usize, Vec<(f32, DocAddress)>) = if limit == 0 {
            (searcher.search(&q, &Count).map_err(tv)?, Vec::new())
        } else if node.ranks() {
            searcher
                .search(&q, &(Count, TopDocs::with_limit(limit).order_by_score()))
                .map_err(tv)?
        } else {
            let by_pos = TopDocs::with_limit(limit).order_by_fast_field::<u64>("pos", Order::Asc);
            let (n, docs) = searcher.search(&q, &(Count, by_pos)).map_err(tv)?;
            (n, docs.into_iter().map(|(_, d)| (0.0, d)).collect())
        };
        let mut hl = snippet::Highlighter::new(&node);
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(tv)?;
            let text = doc
                .get_first(self.fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let unit = doc
                .get_first(self.fields.unit)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let stored = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let (case, speaker) = (stored(self.fields.case), stored(self.fields.speaker));
            let highlights = hl.highlights(text);
            let snippet = snippet::snippet(text, &highlights, snippet::SNIPPET_CHARS);
            hits.push((
                position(&searcher, addr),
                Hit {
                    unit,
                    case,
                    speaker,
                    score,
                    snippet,
                    highlights,
                },
            ));
        }
        hits.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        Ok(SearchResults {
            total,
            hits: hits.into_iter().map(|(_, h)| h).collect(),
        })
    }

    /// Every unit `query` matches, in corpus order (for "code all results").
    pub fn matching_units(&self, query: &str, coder: Option<&str>) -> Result<Vec<String>> {
        let node = query::parse(query)?;
        let q = self.compile(&node, query, coder)?;
        let searcher = self.reader.searcher();
        let tv = |e| build::index_error(&self.dir, e);
        let docs = searcher.search(&q, &DocSetCollector).map_err(tv)?;
        let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
        for d in docs {
            by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
        }
        let mut found: Vec<(u64, String)> = Vec::new();
        for (seg, ids) in by_segment {
            let ff = searcher.segment_reader(seg).fast_fields();
            let pos = ff.u64("pos").map_err(tv)?;
            let unit = ff.str("unit").map_err(tv)?.ok_or_else(|| {
                Error::input(&self.dir, None, "search index: unit ids are missing")
            })?;
            // (unit id's ordinal, position); ids are read in ordinal order, block by block
            let mut rows: Vec<(u64, u64)> = ids
                .iter()
                .filter_map(|&d| {
                    Some((unit.term_ords(d).next()?, pos.first(d).unwrap_or(u64::MAX)))
                })
                .collect();
            rows.sort_unstable();
            let ords: Vec<u64> = rows.iter().map(|r| r.0).collect();
            let mut names = Vec::with_capacity(ords.len());
            unit.dictionary()
                .sorted_ords_to_term_cb(&ords, |t| {
                    names.push(String::from_utf8_lossy(t).into_owned())
                })
                .map_err(|e| Error::io(&self.dir, e))?;
            found.extend(rows.iter().map(|r| r.1).zip(names));
        }
        found.sort();
        Ok(found.into_iter().map(|(_, u)| u).collect())
    }
}

fn position(searcher: &Searcher, addr: DocAddress) -> u64 {
    searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64("pos")
        .ok()
        .and_then(|c| c.first(addr.doc_id))
        .unwrap_or(u64::MAX)
}
