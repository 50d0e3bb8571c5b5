//! Slow work off the UI thread: a job runs on a worker and its result comes back as an action.
//! `run` is a plain function, so tests can run jobs in line.

use super::popups::Popup;
use super::screens::agreement::{self, Computed, Request};
use super::screens::codebook::{Edit, question};
use super::screens::search::{self, code_all, engine};
use super::state::State;
use crate::codebook::Codebook;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

// Jobs and results travel boxed (`Effect::Spawn`, `Action::Job`): variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Job {
    /// Count, over every coder's log, the codings that count as `code`; then ask about `edit`.
    CountUsage {
        root: PathBuf,
        codebook: Codebook,
        code: String,
        edit: Edit,
    },
    /// Agreement between two coders, and the units where they differ, from the logs on disk.
    Agreement {
        root: PathBuf,
        request: Request,
        /// Which request this is (only the latest one's result is shown).
        job: u64,
        /// `State::revision` when asked.
        revision: u64,
    },
    /// Load the project on the worker and open (or build, reporting progress) its search index.
    OpenSearch {
        root: PathBuf,
        cache: PathBuf,
        revision: u64,
    },
    /// Catch the search index up with the coding logs and the codebook.
    RefreshSearch {
        engine: engine::Shared,
        codebook: Codebook,
        revision: u64,
    },
    Search {
        engine: engine::Shared,
        query: String,
        coder: Option<String>,
        seq: u64,
    },
    /// Every unit a query matches, and which lack the code in the coder's own state.
    PreviewCodeAll {
        engine: engine::Shared,
        state: Box<crate::coding::CoderState>,
        coder: String,
        query: String,
        code: String,
    },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum JobResult {
    UsageCounted {
        edit: Edit,
        count: Result<usize, String>,
    },
    Agreement {
        job: u64,
        result: Result<Box<Computed>, String>,
    },
    /// Building the search index got this far.
    SearchProgress(engine::Progress),
    SearchOpened {
        revision: u64,
        result: Result<(engine::Shared, String), String>,
    },
    SearchRefreshed {
        revision: u64,
        result: Result<String, String>,
    },
    SearchDone {
        seq: u64,
        query: String,
        result: Result<crate::search::SearchResults, String>,
    },
    CodeAllPreview {
        query: String,
        result: Result<crate::search::CodeResults, String>,
    },
}

/// Open the project again on this thread (the UI keeps its own) and compare the coders.
fn agreement(root: &std::path::Path, request: Request, revision: u64) -> crate::Result<Computed> {
    use crate::agreement::{
        AgreementReport, Bootstrap, CodeScope, CodedUnits, Disagreements, Filters, select_coders,
    };
    let p = crate::project::Project::open(root)?;
    let coders = select_coders(&p, &request.coders)?;
    let data = CodedUnits::collect(&p, &coders, &Filters::default(), CodeScope::Leaves)?;
    let bootstrap = Bootstrap {
        samples: 1000,
        seed: 1,
    };
    Ok(Computed {
        report: AgreementReport::from_units(&p, &data, request.level, bootstrap),
        disagreements: Disagreements::from_units(&p, &data),
        request,
        revision,
    })
}

/// Do the work of a job (on whatever thread calls it), dropping interim reports.
pub fn run(job: Box<Job>) -> JobResult {
    run_reporting(job, &mut |_| {})
}

/// Do the work of a job; long jobs pass interim results (progress) to `report` on the way.
pub fn run_reporting(job: Box<Job>, report: &mut dyn FnMut(JobResult)) -> JobResult {
    let mut progress = |p| report(JobResult::SearchProgress(p));
    match *job {
        Job::CountUsage {
            root,
            codebook,
            code,
            edit,
        } => {
            let count = (|| -> crate::Result<usize> {
                // Read the logs directly: opening the whole project again would cost a corpus load.
                let dir = root.join("codings");
                let mut n = 0;
                let names: Vec<String> = std::fs::read_dir(&dir)
                    .map(|rd| {
                        rd.flatten()
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                for coder in names
                    .iter()
                    .filter_map(|f| f.strip_suffix(".jsonl"))
                    .filter(|c| crate::project::valid_coder(c))
                {
                    let st =
                        crate::coding::CodingLog::read(&dir.join(format!("{coder}.jsonl")), coder)?;
                    n += st
                        .codings
                        .values()
                        .flatten()
                        .filter(|c| {
                            c.code == code || codebook.canonical(&c.code) == Some(code.as_str())
                        })
                        .count();
                }
                Ok(n)
            })()
            .map_err(|e| e.to_string());
            JobResult::UsageCounted { edit, count }
        }
        Job::Agreement {
            root,
            request,
            job,
            revision,
        } => JobResult::Agreement {
            job,
            result: agreement(&root, request, revision)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        Job::OpenSearch {
            root,
            cache,
            revision,
        } => JobResult::SearchOpened {
            revision,
            result: engine::open(&root, &cache, &mut progress).map_err(|e| e.to_string()),
        },
        Job::RefreshSearch {
            engine: e,
            codebook,
            revision,
        } => JobResult::SearchRefreshed {
            revision,
            result: engine::refresh(&e, codebook, &mut progress).map_err(|e| e.to_string()),
        },
        Job::Search {
            engine: e,
            query,
            coder,
            seq,
        } => JobResult::SearchDone {
            seq,
            result: engine::search(&e, &query, coder.as_deref()).map_err(|e| e.to_string()),
            query,
        },
        Job::PreviewCodeAll {
            engine: e,
            state,
            coder,
            query,
            code,
        } => JobResult::CodeAllPreview {
            result: engine::preview(&e, &state, &coder, &query, &code).map_err(|e| e.to_string()),
            query,
        },
    }
}

/// Run `job` on a new worker thread; its reports and result are sent to `tx` (the app loop's
/// queue).
pub fn spawn<T: From<JobResult> + Send + 'static>(job: Box<Job>, tx: Sender<T>) {
    std::thread::spawn(move || {
        let progress = tx.clone();
        let r = run_reporting(job, &mut |p| {
            let _ = progress.send(T::from(p));
        });
        let _ = tx.send(T::from(r));
    });
}

/// A job's result (or report) arrives; it may start more work.
pub fn on_result(st: &mut State, r: JobResult) -> Vec<super::action::Effect> {
    match r {
        JobResult::UsageCounted {
            edit,
            count: Err(e),
        } => {
            let _ = edit;
            st.error(format!("Could not count the codings: {e}"));
        }
        JobResult::UsageCounted {
            mut edit,
            count: Ok(n),
        } => {
            if let Edit::Remove { codings, .. } = &mut edit {
                *codings = n;
            }
            let q = question(&st.project.codebook, &edit, n);
            st.info("");
            st.popup = Some(Popup::Confirm { question: q, edit });
        }
        JobResult::Agreement { job, result } => agreement::on_result(st, job, result),
        JobResult::SearchProgress(p) => search::on_progress(st, p),
        JobResult::SearchOpened { revision, result } => {
            return search::on_opened(st, revision, result);
        }
        JobResult::SearchRefreshed { revision, result } => {
            return search::on_refreshed(st, revision, result);
        }
        JobResult::SearchDone { seq, query, result } => search::on_results(st, seq, query, result),
        JobResult::CodeAllPreview { query, result } => code_all::on_preview(st, query, result),
    }
    Vec::new()
}
