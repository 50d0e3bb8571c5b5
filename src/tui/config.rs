//! The user's config file (`config.json` in the config dir): the remembered coder, keymap
//! overrides and colours. `THEMATIC_CONFIG_DIR` moves the folder (tests never touch the real home).

use crate::error::{Error, IoContext, Result};
use ratatui::style::Color;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "config.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// The coder name used last, on any project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
    /// Project id → the coder who worked on it last on this machine.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub projects: BTreeMap<String, String>,
    /// Context → key → action name (or "none"), e.g. `{"coding": {"ctrl-n": "next_unit"}}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// Colour overrides: accent, selection, error, dim, reviewed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub colours: BTreeMap<String, String>,
    /// Folders files were imported from, latest first (paths only, never their content).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recent_folders: Vec<String>,
}

/// The folder holding `config.json`.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("THEMATIC_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "thematic").map(|p| p.config_dir().to_path_buf())
}

impl Config {
    /// Read the config; a missing file is the default config.
    pub fn load(dir: &Path) -> Result<Config> {
        let path = dir.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| Error::input(&path, Some(e.line()), format!("malformed config: {e}"))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).at(dir)?;
        crate::project::atomic::write_json(&dir.join(FILE), self)
    }

    /// The coder to use on project `id` when none is given.
    pub fn remembered_coder(&self, project_id: &str) -> Option<&str> {
        self.projects
            .get(project_id)
            .or(self.coder.as_ref())
            .map(String::as_str)
    }

    pub fn remember(&mut self, project_id: &str, coder: &str) {
        self.coder = Some(coder.to_string());
        self.projects
            .insert(project_id.to_string(), coder.to_string());
    }
}

/// The colours the interface uses, after the config's overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub accent: Color,
    pub selection: Color,
    pub error: Color,
    pub dim: Color,
    pub reviewed: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: Color::Cyan,
            selection: Color::LightYellow,
            error: Color::LightRed,
            dim: Color::DarkGray,
            reviewed: Color::Green,
        }
    }
}

impl Theme {
    pub fn from_config(colours: &BTreeMap<String, String>) -> (Theme, Vec<String>) {
        let mut t = Theme::default();
        let mut problems = Vec::new();
        for (name, value) in colours {
            let Ok(c) = value.parse::<Color>() else {
                problems.push(format!(
                    "config: colour '{value}' for '{name}' is not a colour name or #rrggbb"
                ));
                continue;
            };
            match name.as_str() {
                "accent" => t.accent = c,
                "selection" => t.selection = c,
                "error" => t.error = c,
                "dim" => t.dim = c,
                "reviewed" => t.reviewed = c,
                _ => problems.push(format!("config: unknown colour '{name}'")),
            }
        }
        (t, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_coder_per_project_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Config::load(dir.path()).unwrap();
        assert_eq!(c.remembered_coder("p1"), None);
        c.remember("p1", "alice");
        c.save(dir.path()).unwrap();
        let back = Config::load(dir.path()).unwrap();
        assert_eq!(back.remembered_coder("p1"), Some("alice"));
        assert_eq!(back.remembered_coder("other"), Some("alice"));
        let (_, problems) = Theme::from_config(&BTreeMap::from([("accent".into(), "nope".into())]));
        assert_eq!(problems.len(), 1);
    }
}
