//! Slow work off the UI thread: a job runs on a worker and its result comes back as an action.
//! `run` is a plain function, so tests can run jobs in line.

use super::popups::Popup;
use super::screens::codebook::{Edit, question};
use super::state::State;
use crate::codebook::Codebook;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

#[derive(Debug, Clone)]
pub enum Job {
    /// Count, over every coder's log, the codings that count as `code`; then ask about `edit`.
    CountUsage {
        root: PathBuf,
        codebook: Codebook,
        code: String,
        edit: Edit,
    },
}

#[derive(Debug, Clone)]
pub enum JobResult {
    UsageCounted {
        edit: Edit,
        count: Result<usize, String>,
    },
}

/// Do the work of a job (on whatever thread calls it).
pub fn run(job: Box<Job>) -> JobResult {
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
    }
}

/// Run `job` on a new worker thread; the result is sent to `tx` (the app loop's queue).
pub fn spawn<T: From<JobResult> + Send + 'static>(job: Box<Job>, tx: Sender<T>) {
    std::thread::spawn(move || {
        let _ = tx.send(T::from(run(job)));
    });
}

/// A job's result arrives.
pub fn on_result(st: &mut State, r: JobResult) {
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
    }
}
