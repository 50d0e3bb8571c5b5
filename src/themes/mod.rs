//! Themes: the theme map (`themes.json`) that groups codes into sections → categories → themes
//! with pinned representative quotes, the rules for a quote's printed text, the counts and
//! quote suggestions read from the consensus (or one coder), and the publication table.
//!
//! - [`map`]: the file's shape, load, find a theme.
//! - [`validate`] / [`edit`]: checks against the project; every change under the project lock.
//! - [`quote`]: cut-with-… and [bracket] rules, provenance, curly quotes on the way out.
//! - [`segments`]: a theme's coded segments in a section, "n of N respondents".
//! - [`suggest`]: ranked quote candidates with reasons.
//! - [`tree`]: add, rename, move and remove sections, categories and themes.
//! - [`report`]: what `themes show` prints; [`table`]: the export table and the quotes CSV.

pub mod edit;
pub mod map;
pub mod quote;
pub mod report;
pub mod segments;
pub mod suggest;
pub mod table;
pub mod tree;
pub mod validate;

pub use map::{Category, Quote, Section, THEMES, Theme, ThemeMap, ThemePath};
