//! The coding workbench: a terminal UI over the core, one way round. A key goes through the
//! keymap (`key`, `keymap`) to an `Action` (`action`); `update` is the one router, handing it to
//! the popup or the screen (`screens/*`), which writes to the coder's log first (`record`) and
//! may hand back a job (`jobs` runs it; its result comes back as an action); `frame` draws the
//! state without changing it. Start-up is in `startup`.

pub mod action;
pub mod app;
pub mod coder;
pub mod command_line;
pub mod config;
pub mod context;
pub mod frame;
mod hints;
pub mod jobs;
pub mod key;
pub mod keymap;
pub mod memo;
pub mod mouse;
pub mod new_project;
pub mod popups;
pub mod record;
pub mod reload;
pub mod screen;
pub mod screens;
pub mod startup;
pub mod state;
pub mod terminal;
pub mod update;
pub mod widgets;

pub use state::State;
pub use update::{handle_key, press, update};

use crate::error::Result;
use std::path::Path;

/// `thematic open DIR [--coder NAME]`: open the project and run the workbench until quit. A
/// folder without a project first offers to create one (leaving writes nothing).
pub fn run(dir: &Path, coder: Option<&str>) -> Result<()> {
    if !dir.join(crate::project::MANIFEST).exists() && !new_project::run(dir)? {
        return Ok(());
    }
    app::run(startup::open(dir, coder)?)
}
