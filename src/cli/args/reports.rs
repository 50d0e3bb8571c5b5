//! Arguments of the `export` subcommands: theme table, segments, codebook, agreement, Table 2,
//! Likert chart.

use super::{Comparison, LikertArgs, StatsArgs};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The theme table: section and category rows, Theme | Description | Representative quotes.
#[derive(Debug, Args)]
pub struct ExportThemesArgs {
    /// md, csv, html, tex or docx (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this section.
    #[arg(long)]
    pub section: Option<String>,
    /// tex: a whole document that compiles on its own, not a fragment to \input.
    #[arg(long)]
    pub standalone: bool,
}

/// Every coded segment with its unit, case, attributes, code, span and text.
#[derive(Debug, Args)]
pub struct ExportSegmentsArgs {
    /// csv or json (default: from -o's extension, else csv).
    #[arg(long, value_parser = ["csv", "json"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Whose coding: coder names, or `consensus` (default); comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub coder: Vec<String>,
}

/// The codebook as a table: code, description, inclusion, exclusion, example.
#[derive(Debug, Args)]
pub struct ExportCodebookArgs {
    /// md, csv, docx, html or tex (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The inter-rater agreement report.
#[derive(Debug, Args)]
pub struct ExportAgreementArgs {
    #[command(flatten)]
    pub compare: Comparison,
    /// unit (default) or span.
    #[arg(long, value_parser = ["unit", "span"])]
    pub level: Option<String>,
    /// md, csv, json or html (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "json", "html"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also compare parent codes.
    #[arg(long)]
    pub parents: bool,
    /// Bootstrap samples for the alpha intervals (0: none).
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub stats: StatsArgs,
}

#[derive(Debug, Args)]
pub struct ExportCrosstabsArgs {
    /// The table's spec (see the README): outcomes, factors, collapse rules, test.
    pub spec: PathBuf,
    /// md, csv, html, tex, docx or json (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx", "json"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// tex: a whole document that compiles on its own, not a fragment to \input.
    #[arg(long)]
    pub standalone: bool,
}

#[derive(Debug, Args)]
pub struct ExportLikertArgs {
    #[command(flatten)]
    pub likert: LikertArgs,
    /// svg or html (default: from -o's extension, else svg).
    #[arg(long, value_parser = ["svg", "html"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The chart's title.
    #[arg(long, default_value = "Responses to the Likert items")]
    pub title: String,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A "Table 2": outcome items by respondent groups, % (n/N) and P values, from SPEC.json.
    Crosstabs(ExportCrosstabsArgs),
    /// The reconciliation report: per code, the disagreements, how each was decided, the
    /// notes, and the codebook changes they led to.
    Reconciliation {
        #[arg(long, value_parser = ["md", "csv", "json"], default_value = "md")]
        format: String,
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The two coders reconciled (default: the first two by name).
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        coders: Vec<String>,
    },
    /// The theme table: section and category rows, Theme | Description | Representative quotes.
    Themes(ExportThemesArgs),
    /// Every coded segment with its unit, case, attributes, code, span and text.
    Segments(ExportSegmentsArgs),
    /// The codebook as a table: code, description, inclusion, exclusion, example.
    Codebook(ExportCodebookArgs),
    /// The inter-rater agreement report.
    Agreement(ExportAgreementArgs),
    /// The whole project as REFI-QDA (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder: sources,
    /// cases and attributes, codes, every coder's and the consensus's codings, memos, themes.
    Qdpx {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// The Likert items as diverging stacked bars (svg, or an html page with the numbers).
    Likert(ExportLikertArgs),
}
