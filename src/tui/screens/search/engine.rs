//! The worker's side of search: its own copy of the project and the tantivy index behind a
//! mutex that only worker threads lock (the UI thread never waits on it), and the jobs' work:
//! open or build with progress, bring up to date after coding, query, preview "code all".

use crate::codebook::Codebook;
use crate::coding::CoderState;
use crate::project::Project;
use crate::search::{CodeResults, Opened, SearchIndex, SearchResults, preview_code_results};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// How many hits a query shows (the count says how many match in all).
pub const LIMIT: usize = 200;

pub struct Engine {
    pub project: Project,
    pub index: SearchIndex,
}

/// The engine as jobs carry it.
#[derive(Clone)]
pub struct Shared(pub Arc<Mutex<Engine>>);

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("search engine")
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Engine> {
        // A panic in another job leaves the index as tantivy left it: still usable.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How far building got, for the gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What opening found, in words for the status line.
pub fn describe(opened: &Opened, units: u64) -> String {
    match opened {
        Opened::Fresh => format!("Search index ready: {units} units"),
        Opened::Updated(n) => format!("Search index ready: {n} changed units indexed again"),
        Opened::Rebuilt(why) => format!("Search index built: {units} units ({why})"),
    }
}

/// Progress callbacks come per unit; pass one report per percent.
fn throttled(report: &mut dyn FnMut(Progress)) -> impl FnMut(usize, usize) + '_ {
    let mut last = usize::MAX;
    move |done, total| {
        let pct = done * 100 / total.max(1);
        if pct != last || done == total {
            last = pct;
            report(Progress { done, total });
        }
    }
}

/// Load the project on this thread and open (or build) its index in `cache`.
pub fn open(
    root: &Path,
    cache: &Path,
    report: &mut dyn FnMut(Progress),
) -> crate::Result<(Shared, String)> {
    let project = Project::open(root)?;
    let index = SearchIndex::open_or_build_in(cache, &project, &mut throttled(report))?;
    let said = describe(index.opened(), index.units());
    Ok((
        Shared(Arc::new(Mutex::new(Engine { project, index }))),
        said,
    ))
}

/// Bring the index up to date with the logs on disk (and the codebook as the UI has it).
pub fn refresh(
    engine: &Shared,
    codebook: Codebook,
    report: &mut dyn FnMut(Progress),
) -> crate::Result<String> {
    let mut guard = engine.lock();
    let e = &mut *guard;
    e.project.codebook = codebook;
    let opened = e.index.refresh(&e.project, &mut throttled(report))?.clone();
    Ok(describe(&opened, e.index.units()))
}

pub fn search(engine: &Shared, query: &str, coder: Option<&str>) -> crate::Result<SearchResults> {
    engine.lock().index.search(query, LIMIT, coder)
}

/// Every unit the query matches and which of them lack `code` in the coder's own state.
pub fn preview(
    engine: &Shared,
    state: &CoderState,
    coder: &str,
    query: &str,
    code: &str,
) -> crate::Result<CodeResults> {
    let e = engine.lock();
    preview_code_results(&e.index, &e.project, state, coder, query, code, None)
}
