//! Arguments of `import` and `source remove|restore|reimport`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// How a file is split into units and cases: the same flags for `import` and `source reimport`.
#[derive(Debug, Args)]
pub struct ParseFlags {
    /// Tag every case with role=ROLE (e.g. mentee, mentor).
    #[arg(long)]
    pub role: Option<String>,
    /// Survey: the column naming the respondent.
    #[arg(long)]
    pub case_column: Option<String>,
    /// Survey: the free-text columns (names or 1-based numbers).
    #[arg(long, value_delimiter = ',')]
    pub text_columns: Vec<String>,
    /// Survey: columns to leave out altogether, neither text nor attribute (names or 1-based
    /// numbers).
    #[arg(long, value_delimiter = ',')]
    pub ignore_columns: Vec<String>,
    /// Set an attribute on every case of this source.
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attrs: Vec<String>,
    /// Notes and interviews: the case that unlabelled paragraphs belong to.
    #[arg(long)]
    pub case: Option<String>,
    /// Transcripts: a speaker whose turns are moderation (repeat for several; default: speakers
    /// named Moderator, Interviewer or Facilitator).
    #[arg(long = "moderator", value_name = "NAME")]
    pub moderators: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long, value_parser = ["survey", "interview", "focus-group", "notes"])]
    pub kind: String,
    /// Source id (default: from the file name).
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub parse: ParseFlags,
    /// Import the file a symbolic link points to (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Remove a source imported by mistake (refused while codings point at its units).
    Remove {
        id: String,
        /// Remove it although codings point at it: they are kept, and come back with
        /// `source restore`.
        #[arg(long)]
        force: bool,
    },
    /// Bring back a source removed with --force, with its codings.
    Restore { id: String },
    /// Parse a source again from its kept copy, with new settings (those not given stay).
    Reimport(ReimportArgs),
}

#[derive(Debug, Args)]
pub struct ReimportArgs {
    pub id: String,
    #[arg(long, value_parser = ["survey", "interview", "focus-group", "notes"])]
    pub kind: Option<String>,
    #[command(flatten)]
    pub parse: ParseFlags,
    /// Re-import although codings point at units whose text changed or is gone (they stay in
    /// the logs, hidden).
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub json: bool,
}
