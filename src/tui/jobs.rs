//! Slow work off the UI thread: a job (a closure a screen built) runs on a worker and its
//! reports and result come back as actions. `run` runs one in line, as tests do.

use super::action::{Action, Job};
use std::sync::mpsc::Sender;

/// Do the work of a job on this thread, dropping interim reports.
pub fn run(job: Job) -> Action {
    job.run(&mut |_| {})
}

/// Do the work of a job on this thread; interim reports (progress) go to `report`.
pub fn run_reporting(job: Job, report: &mut dyn FnMut(Action)) -> Action {
    job.run(report)
}

/// Run `job` on a new worker thread; its reports and result are sent to `tx` (the app loop's
/// queue).
pub fn spawn<T: From<Action> + Send + 'static>(job: Job, tx: Sender<T>) {
    std::thread::spawn(move || {
        let progress = tx.clone();
        let r = job.run(&mut |p| {
            let _ = progress.send(T::from(p));
        });
        let _ = tx.send(T::from(r));
    });
}
