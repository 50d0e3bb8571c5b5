//! Arguments of the analysis commands: agreement statistics, crosstabs, attributes (alias,
//! scale), describe and likert.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// How intervals and standard errors are computed.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Alpha interval: bootstrap (over units, the default), kalpha (Krippendorff's
    /// coincidence bootstrap, as the KALPHA macro) or jackknife (Hughes 2022: delete-one-unit
    /// jackknife, as the R package krippendorffsalpha).
    #[arg(long, value_parser = ["bootstrap", "kalpha", "jackknife"], default_value = "bootstrap")]
    pub interval: String,
    /// --ratings: weights for ordinal (Likert-like) categories: unweighted (default), linear or
    /// quadratic (weighted kappa, AC2 and the other Gwet-family coefficients).
    #[arg(long, value_parser = ["unweighted", "linear", "quadratic"])]
    pub weights: Option<String>,
    /// Size of the population of units, for the finite-population correction of the standard
    /// errors (default: infinite, as irrCAC).
    #[arg(long, value_name = "N")]
    pub population: Option<u64>,
}

#[derive(Debug, Args)]
pub struct CrosstabArgs {
    /// The rows: attr:NAME (normalised name, alias or original header), code:NAME or theme:NAME
    /// (theme:SECTION/NAME for one of several themes of that name).
    pub row: String,
    /// The columns, written the same way.
    pub col: String,
    /// Gather values under one label: VAR:VALUE,VALUE=LABEL; VAR:*=LABEL for the rest (repeat).
    #[arg(long = "collapse", value_name = "VAR:VALUE,VALUE=LABEL")]
    pub collapse: Vec<String>,
    /// fisher (exact, default; χ² when the exact enumeration is too large) or chi2.
    #[arg(long, value_parser = ["fisher", "chi2"], default_value = "fisher")]
    pub test: String,
    /// χ² with Yates' continuity correction (2×2 tables).
    #[arg(long)]
    pub yates: bool,
    /// Read codes from this coder's log instead of the consensus.
    #[arg(long)]
    pub coder: Option<String>,
    /// Also count moderators' and interviewers' turns and cases in code: and theme: variables
    /// (context by default, as in themes and agreement).
    #[arg(long)]
    pub moderators: bool,
    #[arg(long, value_parser = ["md", "json"], default_value = "md")]
    pub format: String,
    /// Same as --format json.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AttributesArgs {
    /// A CSV of case attributes (first column: case id).
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    /// Add the CSV's case ids the project does not have as new cases (refused otherwise).
    #[arg(long)]
    pub new_cases: bool,
    #[command(subcommand)]
    pub command: Option<AttributesCommand>,
}

#[derive(Debug, Subcommand)]
pub enum AttributesCommand {
    /// Give a long attribute (a survey question) a short name; with no arguments, list aliases.
    Alias {
        /// The attribute: its normalised name, original header or another alias.
        long: Option<String>,
        /// The short name.
        #[arg(requires = "long")]
        short: Option<String>,
        /// Take this alias away.
        #[arg(long, value_name = "SHORT", conflicts_with_all = ["long", "short"])]
        remove: Option<String>,
    },
    /// Set the order of an attribute's answers, lowest first; with no levels, show its scale.
    Scale {
        /// The attribute (normalised name, column header or alias).
        attribute: String,
        /// "Strongly disagree,Disagree,Neutral,Agree,Strongly agree"
        levels: Option<String>,
        /// Forget the scale set by hand (the recognised one applies again).
        #[arg(long, conflicts_with = "levels")]
        clear: bool,
    },
}

#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// Attributes (normalised name or column header); none: every attribute that is not an
    /// id, a timestamp or free text.
    pub attributes: Vec<String>,
    /// One column per answer to this attribute, and a total.
    #[arg(long)]
    pub by: Option<String>,
    /// Read these attributes as numbers: median (IQR) and range (comma-separate several).
    #[arg(long, value_delimiter = ',')]
    pub numeric: Vec<String>,
    /// md, csv, html, tex, docx or json (default: from -o's extension, else md).
    #[arg(long, value_parser = ["md", "csv", "html", "tex", "docx", "json"])]
    pub format: Option<String>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LikertArgs {
    /// Items (normalised name or column header); none: every attribute on a scale.
    pub items: Vec<String>,
    /// One group per answer to this attribute.
    #[arg(long)]
    pub by: Option<String>,
    /// top2: count the bottom two and the top two levels as one each.
    #[arg(long, value_parser = ["top2"])]
    pub collapse: Option<String>,
    #[arg(long)]
    pub json: bool,
}
