//! Start-up, in one place: open the project, load the config (keys, colours, the remembered
//! coder), build the state, and choose the coder (their own log) or ask for one.

use super::coder::set_coder;
use super::config::{self, Config, Theme};
use super::keymap::Keymap;
use super::popups::coder_prompt;
use super::screens::agreement::state::AgreementState;
use super::screens::codebook::state::CodebookState;
use super::screens::coding::state::CodingState;
use super::screens::search::state::SearchState;
use super::screens::sources::state::SourcesState;
use super::state::{Nav, Progress, Screen, State, Status};
use crate::coding::CoderState;
use crate::error::Result;
use crate::project::Project;
use std::path::{Path, PathBuf};

/// `thematic open DIR [--coder NAME]`: the state the workbench starts with.
pub fn open(dir: &Path, coder: Option<&str>) -> Result<State> {
    let config_dir = config::config_dir();
    let cfg = match &config_dir {
        Some(d) => Config::load(d)?,
        None => Config::default(),
    };
    // When the coder is known already, their log is opened while the units are read.
    let who = coder.map(str::to_string).or_else(|| {
        let id = crate::project::manifest::id_in(dir)?;
        cfg.remembered_coder(&id).map(str::to_string)
    });
    let project = match who {
        Some(c) if crate::project::valid_coder(&c) => Project::open_opening_log(dir, &c)?,
        _ => Project::open(dir)?,
    };
    let mut st = State::new(project, coder.map(str::to_string), cfg, config_dir);
    st.cache_dir = crate::search::cache_root().ok();
    Ok(st)
}

impl State {
    /// A state on `project`; with a coder it opens their log, without one it asks for a name.
    pub fn new(
        project: Project,
        coder: Option<String>,
        config: Config,
        config_dir: Option<PathBuf>,
    ) -> State {
        let (keymap, mut problems) = Keymap::with_overrides(&config.keys);
        let (theme, more) = Theme::from_config(&config.colours);
        problems.extend(more);
        let mut s = State {
            project,
            coder: None,
            log: None,
            read_only: None,
            fallback: CoderState::default(),
            screen: Screen::Coding,
            popup: None,
            status: Status::default(),
            keymap,
            theme,
            config,
            config_dir,
            nav: Nav::default(),
            progress: Progress::default(),
            sources: SourcesState::default(),
            coding: CodingState::default(),
            codebook: CodebookState::default(),
            agreement: AgreementState::default(),
            search: SearchState::default(),
            reconcile: Default::default(),
            themes: Default::default(),
            likert: Default::default(),
            crosstab: Default::default(),
            import: Default::default(),
            cache_dir: None,
            revision: 0,
            quit: false,
        };
        // A new project starts where its files are imported.
        if s.project.units.is_empty() {
            s.screen = Screen::Sources;
        }
        let remembered = coder.or_else(|| {
            s.config
                .remembered_coder(&s.project.manifest.id)
                .map(str::to_string)
        });
        match remembered {
            Some(c) => set_coder(&mut s, &c),
            None => s.popup = Some(coder_prompt(&s.project)),
        }
        // Choosing a coder counts their progress; until one is chosen, nobody's.
        if s.coder.is_none() {
            s.progress = Progress::build(&s.project, &s.fallback);
        }
        if let Some(p) = problems.into_iter().next() {
            s.error(p);
        }
        s
    }
}
