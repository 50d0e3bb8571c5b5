//! The Themes screen's state: the map as last read, what the worker computed from it (counts,
//! quote suggestions), where the cursors are, and the undo/redo history of the map.

use std::collections::HashMap;

use crate::coding::CoderState;
use crate::themes::report::MapReport;
use crate::themes::suggest::Suggestion;
use crate::themes::tree::Node;
use crate::themes::{ThemeMap, ThemePath};

/// What the worker computed for one version of the map.
#[derive(Debug, Clone)]
pub struct Computed {
    pub report: MapReport,
    pub suggestions: HashMap<ThemePath, Vec<Suggestion>>,
    /// The coding the counts and suggestions read ("consensus" or a coder's name).
    pub whose: String,
    pub view: CoderState,
    /// The map revision it was computed for.
    pub revision: u64,
}

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Tree,
    /// The theme's pinned quotes, then its suggestions.
    Quotes,
}

#[derive(Debug, Default)]
pub struct ThemesState {
    pub map: ThemeMap,
    /// Counts changes to the map made here (a result for an older one is stale).
    pub revision: u64,
    pub result: Option<Result<Box<Computed>, String>>,
    pub computing: Option<u64>,
    pub jobs: u64,
    pub cursor: usize,
    pub focus: Focus,
    /// Row in the right pane: quotes first, then suggestions.
    pub item: usize,
    /// Show the table as it will be exported instead of the theme.
    pub preview: bool,
    pub undo: Vec<ThemeMap>,
    pub redo: Vec<ThemeMap>,
    pub loaded: bool,
}

impl ThemesState {
    /// The tree's rows in order: sections, their categories, their themes.
    pub fn rows(&self) -> Vec<Node> {
        let mut out = Vec::new();
        for (si, s) in self.map.sections.iter().enumerate() {
            out.push(Node::Section(si));
            for (ci, c) in s.categories.iter().enumerate() {
                out.push(Node::Category(si, ci));
                for ti in 0..c.themes.len() {
                    out.push(Node::Theme(ThemePath {
                        section: si,
                        category: ci,
                        theme: ti,
                    }));
                }
            }
        }
        out
    }

    pub fn node(&self) -> Option<Node> {
        self.rows().get(self.cursor).copied()
    }

    pub fn theme_path(&self) -> Option<ThemePath> {
        match self.node() {
            Some(Node::Theme(p)) => Some(p),
            _ => None,
        }
    }

    pub fn computed(&self) -> Option<&Computed> {
        match &self.result {
            Some(Ok(c)) => Some(c),
            _ => None,
        }
    }

    /// The suggestions for a theme from the last count (kept while a new one runs), without
    /// those pinned since.
    pub fn suggestions(&self, p: ThemePath) -> Vec<Suggestion> {
        let Some(theme) = self.map.theme(p) else {
            return Vec::new();
        };
        let pinned = theme.quotes.as_slice();
        // A count from before a reorder may describe another theme at this place.
        let same_theme = |c: &&Computed| {
            let r = c.report.sections.get(p.section);
            let r = r.and_then(|s| s.categories.get(p.category));
            r.and_then(|k| k.themes.get(p.theme))
                .is_some_and(|t| t.name == theme.name)
        };
        self.computed()
            .filter(same_theme)
            .and_then(|c| c.suggestions.get(&p))
            .map(|list| {
                list.iter()
                    .filter(|s| !pinned.iter().any(|q| q.unit == s.unit && q.span == s.span))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Puts the cursor on `node` if it is in the tree.
    pub fn select(&mut self, node: Node) {
        if let Some(i) = self.rows().iter().position(|n| *n == node) {
            self.cursor = i;
        }
    }
}
