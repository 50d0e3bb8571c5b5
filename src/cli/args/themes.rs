//! Arguments of `thematic themes …` and `thematic quote …`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ThemesCommand {
    /// Replace the theme map with FILE (checked first: unknown codes, units or spans change nothing).
    Import { file: PathBuf },
    /// Write the theme map to FILE (JSON).
    Export { file: PathBuf },
    /// Add a section (a respondent group); without TITLE it prints no section row.
    AddSection {
        title: Option<String>,
        /// Limit the section to cases with this attribute value (repeat for several).
        #[arg(long = "where", value_name = "KEY=VALUE")]
        wheres: Vec<String>,
    },
    /// Add a category to a section.
    AddCategory {
        title: String,
        #[arg(long)]
        section: Option<String>,
    },
    /// Add a theme to a category (the category is created when new).
    Add {
        name: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
        /// Code names or ids, comma-separated.
        #[arg(long, value_delimiter = ',')]
        codes: Vec<String>,
    },
    /// Change a theme's name, description or codes.
    Edit {
        #[command(flatten)]
        which: ThemeArg,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// The theme's codes from now on, comma-separated.
        #[arg(long, value_delimiter = ',')]
        codes: Option<Vec<String>>,
    },
    /// Move a theme among its category's themes (--by -1: one up).
    Move {
        #[command(flatten)]
        which: ThemeArg,
        #[arg(long, allow_hyphen_values = true)]
        by: isize,
    },
    /// Remove a theme with its pinned quotes.
    Remove {
        #[command(flatten)]
        which: ThemeArg,
    },
    /// The map with counts per theme and section, its quotes, and what needs attention.
    Show {
        /// Count this coder's coding instead of the consensus.
        #[arg(long)]
        coder: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuoteCommand {
    /// Pin a coded unit (or a span of it) as a representative quote of a theme.
    Pin {
        #[command(flatten)]
        which: ThemeArg,
        unit: String,
        /// START..END in characters (the whole unit when left out).
        #[arg(long)]
        span: Option<String>,
        /// The printed text: the original cut (… inside) and with [bracketed] replacements.
        #[arg(long)]
        text: Option<String>,
        /// Check the coding in this coder's log instead of the consensus.
        #[arg(long)]
        coder: Option<String>,
    },
    /// Take a quote off a theme.
    Unpin {
        #[command(flatten)]
        which: ThemeArg,
        unit: String,
        #[arg(long)]
        span: Option<String>,
    },
    /// Candidate quotes for a theme, best first, each with why it ranks there.
    Suggest {
        #[command(flatten)]
        which: ThemeArg,
        /// Read this coder's coding instead of the consensus.
        #[arg(long)]
        coder: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

/// Which theme: its name, narrowed by section and category when the name is used twice.
#[derive(Debug, Args)]
pub struct ThemeArg {
    /// The theme's name (case-insensitive).
    pub theme: String,
    /// The section title, when the theme name appears in several sections.
    #[arg(long)]
    pub section: Option<String>,
    /// The category title, when the theme name appears in several categories.
    #[arg(long)]
    pub category: Option<String>,
}
