//! The whole TUI state, as data: the project, the coder's log, what is shown, and each
//! screen's own part (`screens::*::state`). Start-up is in `startup.rs`.

pub use super::action::Screen;
pub use super::screens::sources::state::UnitMark;

use super::config::{Config, Theme};
use super::keymap::Keymap;
use super::popups::Popup;
use super::screens::agreement::state::AgreementState;
use super::screens::codebook::state::CodebookState;
use super::screens::coding::state::CodingState;
use super::screens::crosstab::state::CrosstabState;
use super::screens::import::state::ImportState;
use super::screens::likert::state::LikertState;
use super::screens::reconcile::state::ReconcileState;
use super::screens::search::state::SearchState;
use super::screens::sources::state::SourcesState;
use super::screens::themes::state::ThemesState;
use crate::coding::{CoderState, CodingLog};
use crate::corpus::Unit;
use crate::error::Result;
use crate::project::Project;
use std::collections::HashMap;
use std::path::PathBuf;

/// The status line: the last message and whether what is shown is on disk.
#[derive(Debug, Clone, Default)]
pub struct Status {
    pub message: String,
    pub error: bool,
    /// Number of actions written to the log this session (0: nothing yet).
    pub saved: usize,
    /// The last write failed: what is shown is what is on disk, but the action was not done.
    pub save_failed: bool,
    /// Every message of this session, oldest first, in full (`error`: shown as an error); the
    /// status line may have to cut one, the message log never does.
    pub log: Vec<(String, bool)>,
    /// The screen the message was said on: it is about that screen and goes when another opens.
    pub said_on: Option<Screen>,
}

/// How many messages the message log keeps.
const LOG_LIMIT: usize = 500;

impl Status {
    fn say(&mut self, msg: String, error: bool) {
        if !msg.is_empty() && self.log.last() != Some(&(msg.clone(), error)) {
            if self.log.len() >= LOG_LIMIT {
                self.log.remove(0);
            }
            self.log.push((msg.clone(), error));
        }
        self.message = msg;
        self.error = error;
    }
}

/// The units the Coding screen walks through (the Sources screen's filtered list) and where we are.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Indices into `project.units`; `None` means every unit in order (no filter, no copy).
    pub list: Option<Vec<usize>>,
    pub pos: usize,
}

impl Nav {
    pub fn len(&self, total: usize) -> usize {
        self.list.as_ref().map_or(total, Vec::len)
    }
    pub fn is_empty(&self, total: usize) -> bool {
        self.len(total) == 0
    }
    pub fn unit_at(&self, pos: usize, total: usize) -> Option<usize> {
        match &self.list {
            Some(l) => l.get(pos).copied(),
            None => (pos < total).then_some(pos),
        }
    }
    pub fn position_of(&self, unit: usize) -> Option<usize> {
        match &self.list {
            Some(l) => l.iter().position(|&u| u == unit),
            None => Some(unit),
        }
    }
}

/// Counts shown in lists and the status bar, kept up to date action by action so no keystroke
/// has to scan the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub units_per_source: HashMap<String, usize>,
    pub reviewed_per_source: HashMap<String, usize>,
    pub case_index: HashMap<String, usize>,
}

impl Progress {
    pub fn build(p: &Project, st: &CoderState) -> Progress {
        let mut pr = Progress::default();
        // Counted by source position first: a source's units are many, its id one string.
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for u in &p.units {
            let last = counts.len().wrapping_sub(1);
            let same = counts.last().is_some_and(|(s, _, _)| *s == u.source);
            let found = if same {
                Some(last)
            } else {
                counts.iter().position(|(s, _, _)| *s == u.source)
            };
            let i = match found {
                Some(i) => i,
                None => {
                    counts.push((&u.source, 0, 0));
                    counts.len() - 1
                }
            };
            counts[i].1 += 1;
            counts[i].2 += usize::from(st.is_reviewed(&u.id));
        }
        for (source, units, reviewed) in counts {
            pr.units_per_source.insert(source.to_string(), units);
            if reviewed > 0 {
                pr.reviewed_per_source.insert(source.to_string(), reviewed);
            }
        }
        pr.case_index = p
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        pr
    }

    pub fn reviewed_changed(&mut self, unit: &Unit, now_reviewed: bool) {
        let n = self
            .reviewed_per_source
            .entry(unit.source.clone())
            .or_default();
        if now_reviewed {
            *n += 1;
        } else {
            *n = n.saturating_sub(1);
        }
    }
}

pub struct State {
    pub project: Project,
    pub coder: Option<String>,
    /// The coder's log, open for writing; `None` before a coder is known or when read-only.
    pub log: Option<CodingLog>,
    /// Why the log could not be opened for writing (another process holds it…).
    pub read_only: Option<String>,
    /// The state shown when there is no writable log.
    pub fallback: CoderState,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub status: Status,
    pub keymap: Keymap,
    pub theme: Theme,
    pub config: Config,
    pub config_dir: Option<PathBuf>,
    pub nav: Nav,
    pub progress: Progress,
    pub sources: SourcesState,
    pub coding: CodingState,
    pub codebook: CodebookState,
    pub agreement: AgreementState,
    pub search: SearchState,
    pub reconcile: ReconcileState,
    pub themes: ThemesState,
    pub likert: LikertState,
    pub crosstab: CrosstabState,
    pub import: ImportState,
    /// Where the search index is kept (`None`: no cache folder is known).
    pub cache_dir: Option<PathBuf>,
    /// Counts changes to the codings and the codebook made here (views computed from them
    /// compare it to know they are out of date).
    pub revision: u64,
    pub quit: bool,
}

impl State {
    pub fn save_config(&self) -> Result<()> {
        match &self.config_dir {
            Some(d) => self.config.save(d),
            None => Ok(()),
        }
    }

    /// What the current coder has done (their own log only).
    pub fn coder_state(&self) -> &CoderState {
        self.log.as_ref().map_or(&self.fallback, |l| l.state())
    }

    pub fn info(&mut self, msg: impl Into<String>) {
        self.status.say(msg.into(), false);
        self.status.said_on = Some(self.screen);
    }

    pub fn error(&mut self, msg: impl Into<String>) {
        self.status.say(msg.into(), true);
        self.status.said_on = Some(self.screen);
    }

    /// Say something about `screen`, which is about to open (an import's result, said as it
    /// moves to the Sources screen): the switch keeps it on the status line.
    pub fn say_for(&mut self, screen: Screen, msg: impl Into<String>, error: bool) {
        self.status.say(msg.into(), error);
        self.status.said_on = Some(screen);
    }

    /// Take a message about another screen off the status line (it stays in the message log).
    /// The Likert view shows the Sources screen's filtered cases: their messages are shared.
    pub fn clear_other_screens_message(&mut self, screen: Screen) {
        let related = |s: Screen| {
            s == screen
                || matches!(
                    (s, screen),
                    (Screen::Sources, Screen::Likert) | (Screen::Likert, Screen::Sources)
                )
        };
        if self.status.said_on.is_some_and(|s| !related(s)) {
            self.status.message.clear();
            self.status.error = false;
        }
    }

    /// Take an error off the status line (it stays in the message log): it was about what
    /// was on screen before.
    pub fn clear_error(&mut self) {
        if self.status.error {
            self.status.message.clear();
            self.status.error = false;
        }
    }

    /// Index (into `project.units`) of the unit on the Coding screen.
    pub fn current_index(&self) -> Option<usize> {
        self.nav.unit_at(self.nav.pos, self.project.units.len())
    }

    pub fn current_unit(&self) -> Option<&Unit> {
        self.current_index().and_then(|i| self.project.units.get(i))
    }

    pub fn nav_len(&self) -> usize {
        self.nav.len(self.project.units.len())
    }

    /// Put the first unreviewed unit of the list on screen (at start-up).
    pub fn jump_to_first_unreviewed(&mut self) {
        let total = self.project.units.len();
        let st = self.coder_state();
        let found = (0..self.nav.len(total)).find(|&p| {
            self.nav
                .unit_at(p, total)
                .is_some_and(|i| !st.is_reviewed(&self.project.units[i].id))
        });
        if let Some(p) = found {
            self.go_to(p);
        }
    }

    /// Show list position `pos` on the Coding screen.
    pub fn go_to(&mut self, pos: usize) {
        self.nav.pos = pos.min(self.nav_len().saturating_sub(1));
        self.coding.on_unit_change();
    }

    /// The case of a unit, through the index.
    pub fn case_of(&self, unit: &Unit) -> Option<&crate::corpus::Case> {
        unit.case
            .as_ref()
            .and_then(|c| self.progress.case_index.get(c))
            .and_then(|&i| self.project.cases.get(i))
    }

    /// The coding state of a unit for this coder, as the lists show it.
    pub fn unit_mark(&self, unit: &Unit) -> UnitMark {
        let st = self.coder_state();
        if st.is_reviewed(&unit.id) {
            UnitMark::Reviewed
        } else if st.codings_of(&unit.id).is_empty() {
            UnitMark::Uncoded
        } else {
            UnitMark::Coded
        }
    }

    pub fn reviewed_total(&self) -> usize {
        self.progress.reviewed_per_source.values().sum()
    }
}
