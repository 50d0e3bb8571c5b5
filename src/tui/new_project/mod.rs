//! The first screen of `thematic open DIR` on a folder that holds no project: name the project,
//! choose a starter codebook (from the `codebooks/` folder that comes with thematic, or none),
//! Enter creates it through the same core call as `thematic init`, Esc leaves writing nothing.

pub mod view;

use crate::codebook::{Codebook, starters};
use crate::error::Result;
use crate::project::Project;
use crate::tui::key::{Code, Key};
use crate::tui::widgets::input::LineInput;
use std::path::{Path, PathBuf};

/// The field that has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Codebook,
}

/// What a key leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// The project is created.
    Created,
    /// Leave; nothing was written.
    Quit,
}

/// A starter codebook on offer: its file and how many codes it has.
#[derive(Debug, Clone)]
pub struct Starter {
    pub path: PathBuf,
    pub codes: usize,
}

#[derive(Debug, Clone)]
pub struct NewProject {
    pub dir: PathBuf,
    pub name: LineInput,
    pub starters: Vec<Starter>,
    /// 0: no codebook; i: `starters[i - 1]`.
    pub choice: usize,
    pub field: Field,
    /// Why the project could not be created (the core's refusal, as `thematic init` says it).
    pub error: Option<String>,
}

impl NewProject {
    /// The screen for `dir`, offering the codebook files `files` (those that do not load are
    /// left out). The first one is chosen.
    pub fn new(dir: &Path, files: &[PathBuf]) -> NewProject {
        let starters: Vec<Starter> = files
            .iter()
            .filter_map(|p| {
                Codebook::load(p).ok().map(|cb| Starter {
                    path: p.clone(),
                    codes: cb.active().count(),
                })
            })
            .collect();
        let name = std::path::absolute(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "study".into());
        NewProject {
            dir: dir.to_path_buf(),
            name: LineInput::new(&name),
            choice: usize::from(!starters.is_empty()),
            starters,
            field: Field::Name,
            error: None,
        }
    }

    /// The codebooks that come with thematic.
    pub fn with_starters(dir: &Path) -> NewProject {
        NewProject::new(dir, &starters::files(&starters::folders()))
    }

    pub fn codebook(&self) -> Option<&Starter> {
        self.choice
            .checked_sub(1)
            .and_then(|i| self.starters.get(i))
    }

    /// Handle a key; Enter creates the project (an error stays on the screen).
    pub fn key(&mut self, key: Key) -> Outcome {
        if key == Key::ctrl('c') {
            return Outcome::Quit;
        }
        let n = self.starters.len() + 1;
        match (key.code, self.field) {
            (Code::Esc, _) => return Outcome::Quit,
            (Code::Enter, _) => return self.create(),
            (Code::Tab | Code::BackTab | Code::Down | Code::Up, _) => {
                self.field = match self.field {
                    Field::Name => Field::Codebook,
                    Field::Codebook => Field::Name,
                }
            }
            (Code::Right | Code::Char(' ' | 'l' | 'j'), Field::Codebook) => {
                self.choice = (self.choice + 1) % n
            }
            (Code::Left | Code::Char('h' | 'k'), Field::Codebook) => {
                self.choice = (self.choice + n - 1) % n
            }
            (_, Field::Name) => {
                self.name.handle(&key);
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn create(&mut self) -> Outcome {
        let name = self.name.value().trim().to_string();
        let name = (!name.is_empty()).then_some(name);
        let codebook = self.codebook().map(|s| s.path.clone());
        match Project::create(&self.dir, name.as_deref(), codebook.as_deref()) {
            Ok(_) => Outcome::Created,
            Err(e) => {
                self.error = Some(e.to_string());
                Outcome::Stay
            }
        }
    }
}

/// Run the first screen in the terminal until the project is created (true) or the user leaves
/// (false).
pub fn run(dir: &Path) -> Result<bool> {
    use ratatui::crossterm::event::{self, Event};
    let io = |e: std::io::Error| crate::error::Error::user(format!("terminal: {e}"));
    let mut screen = NewProject::with_starters(dir);
    let (mut term, _guard) = crate::tui::terminal::enter().map_err(io)?;
    loop {
        term.draw(|f| view::render(&screen, f)).map_err(io)?;
        if let Event::Key(k) = event::read().map_err(io)?
            && let Some(key) = Key::from_event(k)
        {
            match screen.key(key) {
                Outcome::Stay => {}
                Outcome::Created => return Ok(true),
                Outcome::Quit => return Ok(false),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::key::parse_keys;

    fn press(s: &mut NewProject, keys: &str) -> Outcome {
        let mut out = Outcome::Stay;
        for k in parse_keys(keys) {
            out = s.key(k);
        }
        out
    }

    #[test]
    fn enter_creates_with_the_chosen_codebook_and_esc_writes_nothing() {
        let t = tempfile::tempdir().unwrap();
        let books = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/mentorship.json")];
        let dir = t.path().join("new-study");
        let mut s = NewProject::new(&dir, &books);
        assert_eq!(s.name.value(), "new-study");
        assert_eq!(s.choice, 1, "the first starter codebook is offered");
        assert_eq!(press(&mut s, "x<esc>"), Outcome::Quit);
        assert!(!dir.exists(), "Esc writes nothing");

        let mut s = NewProject::new(&dir, &books);
        press(&mut s, "<c-u>Mentorship");
        assert_eq!(press(&mut s, "<enter>"), Outcome::Created);
        let p = Project::open(&dir).unwrap();
        assert_eq!(p.manifest.name, "Mentorship");
        assert_eq!(p.codebook.active().count(), 22);

        // A second time the core refuses, and says so on the screen.
        let mut s = NewProject::new(&dir, &books);
        assert_eq!(press(&mut s, "<enter>"), Outcome::Stay);
        assert!(
            s.error
                .as_deref()
                .unwrap()
                .contains("a project already exists here")
        );

        // No codebook: Tab to the codebook, → cycles to "none".
        let other = t.path().join("bare");
        let mut s = NewProject::new(&other, &books);
        press(&mut s, "<tab><right>");
        assert!(s.codebook().is_none());
        assert_eq!(press(&mut s, "<enter>"), Outcome::Created);
        assert_eq!(Project::open(&other).unwrap().codebook.active().count(), 0);
    }
}
