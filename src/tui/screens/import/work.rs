//! The import on the worker: the file read and planned again and written (as `thematic import`
//! or `thematic attributes` would do it now), progress reported for the gauge; then the project
//! reloaded, the folder remembered, the new units shown on the Sources screen.

use super::state::{ImportState, Running};
use super::{Msg, Target, files};
use crate::project::Project;
use crate::tui::action::{Action, Effect, Job, Screen};
use crate::tui::state::State;
use std::path::PathBuf;

/// A finished import: what to say, and the source to show.
pub struct Done {
    pub said: Vec<String>,
    pub source: Option<String>,
    pub file: PathBuf,
}

/// Enter: import on the worker, reading the file again (as `thematic import` would now).
pub fn run(st: &mut State) -> Vec<Effect> {
    let (Some(file), Some(target)) = (st.import.file.clone(), st.import.target) else {
        return Vec::new();
    };
    if let Some(Err(p)) = &st.import.preview {
        let msg = format!("Nothing was imported: {}", p.message);
        st.error(msg);
        return Vec::new();
    }
    st.import.jobs += 1;
    let job = st.import.jobs;
    let root = st.project.root.clone();
    let opts = st.import.opts.clone();
    let id = st.import.id.clone();
    let new_cases = st.import.new_cases;
    let steps = 3;
    st.import.running = Some(Running {
        step: 0,
        steps,
        what: format!("Reading {}", file.display()),
    });
    vec![Effect::Spawn(Job::new("import", move |report| {
        let mut step = |n: usize, what: String| {
            report(Action::to(
                Screen::Import,
                Msg::Progress {
                    job,
                    running: Running {
                        step: n,
                        steps,
                        what,
                    },
                },
            ))
        };
        let result = (|| -> crate::Result<Done> {
            step(1, format!("Reading {}", file.display()));
            let mut p = Project::open(&root)?;
            match target {
                Target::Attributes => {
                    let plan = p.plan_attributes(&file)?;
                    step(2, "Merging the attributes".into());
                    let n = p.apply_attributes(plan, new_cases)?;
                    step(3, "Done".into());
                    Ok(Done {
                        said: vec![format!(
                            "Set attributes of {n} cases from {}",
                            file.display()
                        )],
                        source: None,
                        file: file.clone(),
                    })
                }
                Target::Source(kind) => {
                    let plan = p.plan_import(&file, kind, id.as_deref(), &opts)?;
                    step(2, format!("Writing {} units", plan.parsed.units.len()));
                    let r = p.apply_import(plan)?;
                    step(3, "Done".into());
                    let mut said = vec![format!(
                        "Imported {} as source '{}' ({}, {}): {} units, {} cases",
                        file.display(),
                        r.source,
                        r.kind,
                        r.format,
                        r.units,
                        r.cases
                    )];
                    said.extend(r.warnings.iter().map(|w| format!("warning: {w}")));
                    Ok(Done {
                        said,
                        source: Some(r.source),
                        file: file.clone(),
                    })
                }
            }
        })()
        .map_err(|e| e.to_string());
        Action::to(Screen::Import, Msg::Done { job, result })
    }))]
}

/// The import is written: load it, remember the folder, show the new units on the Sources screen.
pub fn finished(st: &mut State, result: Result<Done, String>) -> Vec<Effect> {
    let done = match result {
        Ok(d) => d,
        Err(e) => {
            st.error(e);
            return Vec::new();
        }
    };
    let mut fx = crate::tui::reload::notice_changes(st);
    files::remember(&mut st.config.recent_folders, &done.file);
    if let Err(e) = st.save_config() {
        st.error(format!("The folder could not be remembered: {e}"));
    }
    let folder = done
        .file
        .parent()
        .map(|d| format!("{}/", d.display()))
        .unwrap_or_default();
    st.import = ImportState {
        path: crate::tui::widgets::input::LineInput::new(&folder),
        jobs: st.import.jobs,
        ..Default::default()
    };
    if let Some(source) = done.source {
        st.sources.filter = Default::default();
        st.sources.filter.source = Some(source);
        crate::tui::screens::sources::apply_filters(st);
        st.sources.focus_right = true;
    }
    // What was imported, then its warnings (the message log keeps them all).
    for (i, line) in done.said.into_iter().enumerate() {
        if i > 0 {
            st.error(line);
        } else {
            st.info(line);
        }
    }
    fx.push(Effect::Then(Action::Show(Screen::Sources)));
    fx
}
