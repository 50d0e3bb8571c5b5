//! The import on the worker: the previewed plan written (what `thematic import` or `thematic
//! attributes` does after planning), progress reported for the gauge; then the project reloaded,
//! the folder remembered, the new units shown on the Sources screen.

use super::state::{ImportState, Preview, Running};
use super::{Msg, files};
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

/// Enter: write the plan the preview shows, on the worker. A source is written exactly as
/// previewed (the file as it was read then); case attributes are checked again against the
/// project's cases as they are now.
pub fn run(st: &mut State) -> Vec<Effect> {
    let Some(file) = st.import.file.clone() else {
        return Vec::new();
    };
    let preview = match &st.import.preview {
        Some(Ok(p)) => p.clone(),
        Some(Err(p)) => {
            let msg = format!("Nothing was imported: {}", p.message);
            st.error(msg);
            return Vec::new();
        }
        None => return Vec::new(),
    };
    st.import.jobs += 1;
    let job = st.import.jobs;
    let root = st.project.root.clone();
    let new_cases = st.import.new_cases;
    let steps = 3;
    st.import.running = Some(Running {
        step: 0,
        steps,
        what: "Opening the project".into(),
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
            step(1, "Opening the project".into());
            let mut p = Project::open(&root)?;
            match preview {
                Preview::Attributes(_) => {
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
                Preview::Source(plan) => {
                    step(2, format!("Writing {} units", plan.parsed.units.len()));
                    let r = p.apply_import(*plan)?;
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
        st.say_for(Screen::Sources, line, i > 0);
    }
    fx.push(Effect::Then(Action::Show(Screen::Sources)));
    fx
}
