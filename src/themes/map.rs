//! The theme map (`themes.json`): sections → categories → themes → codes and pinned quotes,
//! the ordered tree a publication table is printed from.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};

/// The file inside a project folder.
pub const THEMES: &str = "themes.json";
/// The newest format this build reads and the one it writes.
pub const THEMES_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeMap {
    pub format: u32,
    /// Printed bold before the title ("Table 3"); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default)]
    pub title: String,
    /// Printed under the table; `null` builds one from the kinds of source the quotes came from.
    #[serde(default)]
    pub footnote: Option<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl Default for ThemeMap {
    fn default() -> Self {
        ThemeMap {
            format: THEMES_FORMAT,
            label: None,
            title: String::new(),
            footnote: None,
            sections: Vec::new(),
        }
    }
}

/// A respondent group ("Mentee response"); a `null` title prints no section row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub title: Option<String>,
    /// Case attributes (key → value) the section's counts and quote suggestions are limited to.
    #[serde(default, rename = "where")]
    pub filter: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// A grouping of themes ("Benefits", "Themes indicating positive influence…").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub title: String,
    #[serde(default)]
    pub themes: Vec<Theme>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Code names or ids; a theme gathers every segment coded with any of them.
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// A pinned representative quote: where it comes from, and how it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub unit: String,
    /// Char offsets inside the unit, end exclusive; `null` = the whole unit.
    #[serde(default)]
    pub span: Option<[usize; 2]>,
    /// The printed text: the original trimmed with "…" and changed only in [brackets];
    /// `null` prints the original. Never holds the curly quotes an export adds.
    #[serde(default)]
    pub text: Option<String>,
    /// The source text under the quote when it was pinned, to notice a changed source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
}

impl Quote {
    pub fn span_tuple(&self) -> Option<(usize, usize)> {
        self.span.map(|[s, e]| (s, e))
    }
}

/// Where a theme sits in the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThemePath {
    pub section: usize,
    pub category: usize,
    pub theme: usize,
}

impl ThemeMap {
    /// Read `themes.json` from a project folder; a missing file is an empty map.
    pub fn load(root: &Path) -> Result<ThemeMap> {
        let path = root.join(THEMES);
        if !path.exists() {
            return Ok(ThemeMap::default());
        }
        ThemeMap::read(&path)
    }

    /// Read a theme map file (checks syntax and format version, not the codes and units).
    pub fn read(path: &Path) -> Result<ThemeMap> {
        let bytes = std::fs::read(path).at(path)?;
        let map: ThemeMap = serde_json::from_slice(&bytes)
            .map_err(|e| Error::input(path, Some(e.line()), format!("not a theme map: {e}")))?;
        if map.format > THEMES_FORMAT {
            return Err(Error::field(
                path,
                None,
                "format",
                format!(
                    "format {} is newer than this thematic ({THEMES_FORMAT}); upgrade thematic",
                    map.format
                ),
            ));
        }
        if map.format == 0 {
            return Err(Error::field(path, None, "format", "must be 1"));
        }
        Ok(map)
    }

    pub fn theme(&self, p: ThemePath) -> Option<&Theme> {
        self.sections
            .get(p.section)?
            .categories
            .get(p.category)?
            .themes
            .get(p.theme)
    }

    pub fn theme_mut(&mut self, p: ThemePath) -> Option<&mut Theme> {
        self.sections
            .get_mut(p.section)?
            .categories
            .get_mut(p.category)?
            .themes
            .get_mut(p.theme)
    }

    /// Every theme in table order, with its place.
    pub fn themes(&self) -> impl Iterator<Item = (ThemePath, &Theme)> {
        self.sections.iter().enumerate().flat_map(|(si, s)| {
            s.categories.iter().enumerate().flat_map(move |(ci, c)| {
                c.themes.iter().enumerate().map(move |(ti, t)| {
                    (
                        ThemePath {
                            section: si,
                            category: ci,
                            theme: ti,
                        },
                        t,
                    )
                })
            })
        })
    }

    /// A section's title as a reader sees it ("(no section)" for an untitled one).
    pub fn section_label(&self, i: usize) -> String {
        self.sections
            .get(i)
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| "(no section)".into())
    }

    /// Finds a theme by name (case-insensitive), narrowed by section and category titles when
    /// the name is used more than once; an ambiguous or unknown name is an error listing the
    /// places it could mean.
    pub fn find(
        &self,
        name: &str,
        section: Option<&str>,
        category: Option<&str>,
    ) -> Result<ThemePath> {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        let hits: Vec<ThemePath> = self
            .themes()
            .filter(|(p, t)| {
                same(&t.name, name)
                    && section.is_none_or(|s| {
                        self.sections[p.section]
                            .title
                            .as_deref()
                            .is_some_and(|title| same(title, s))
                    })
                    && category.is_none_or(|c| {
                        same(&self.sections[p.section].categories[p.category].title, c)
                    })
            })
            .map(|(p, _)| p)
            .collect();
        match hits.as_slice() {
            [one] => Ok(*one),
            [] => {
                let all: Vec<String> = self.themes().map(|(_, t)| t.name.clone()).collect();
                let mut where_ = String::new();
                if let Some(s) = section {
                    where_.push_str(&format!(" in section '{s}'"));
                }
                if let Some(c) = category {
                    where_.push_str(&format!(" in category '{c}'"));
                }
                Err(Error::user(if all.is_empty() {
                    "the theme map has no themes yet; write one and load it with `thematic themes import FILE`".to_string()
                } else {
                    format!(
                        "no theme '{name}'{where_}; themes: {}",
                        dedup(all).join(", ")
                    )
                }))
            }
            many => {
                let places: Vec<String> = many
                    .iter()
                    .map(|p| {
                        format!(
                            "'{}' / '{}'",
                            self.section_label(p.section),
                            self.sections[p.section].categories[p.category].title
                        )
                    })
                    .collect();
                Err(Error::user(format!(
                    "theme '{name}' is in {} places ({}); say which with --section and/or --category",
                    many.len(),
                    places.join(", ")
                )))
            }
        }
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}
