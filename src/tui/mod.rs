//! The coding workbench: a terminal UI over the core. Elm-like: a key goes through the keymap to
//! an `Action`, `update` changes the `State` (writing to the coder's log first), and `render`
//! draws the state without changing it.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod action;
pub mod app;
pub mod commands;
pub mod config;
pub mod hits;
pub mod jobs;
pub mod key;
pub mod keymap;
pub mod memo;
pub mod ops;
pub mod popups;
pub mod popups_view;
pub mod render;
pub mod screens;
pub mod state;
pub mod terminal;
pub mod update;
pub mod widgets;

pub use state::State;
pub use update::{handle_key, press, update};

use crate::error::Result;
use crate::project::Project;
use std::path::Path;

/// `thematic open DIR [--coder NAME]`: open the project and run the workbench until quit.
pub fn run(dir: &Path, coder: Option<&str>) -> Result<()> {
    let project = Project::open(dir)?;
    let config_dir = config::config_dir();
    let cfg = match &config_dir {
        Some(d) => config::Config::load(d)?,
        None => config::Config::default(),
    };
    let mut st = State::new(project, coder.map(str::to_string), cfg, config_dir);
    st.cache_dir = crate::search::cache_root().ok();
    app::run(st)
}
