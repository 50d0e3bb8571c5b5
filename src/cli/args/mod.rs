//! The command-line grammar (see the contract in the design notes).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod analysis;
mod corpus;
mod reports;
mod themes;

pub use analysis::*;
pub use corpus::*;
pub use reports::*;
pub use themes::*;

#[derive(Debug, Parser)]
#[command(
    name = "thematic",
    version,
    about = "Qualitative thematic analysis for a team of coders"
)]
pub struct Cli {
    /// The project folder.
    #[arg(short = 'p', long = "project", global = true, default_value = ".")]
    pub project: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project.
    Init {
        dir: PathBuf,
        #[arg(long)]
        name: Option<String>,
        /// Start from this codebook (.json or .csv), e.g. codebooks/mentorship.json.
        #[arg(long)]
        codebook: Option<PathBuf>,
    },
    /// Import a survey CSV, notes, interview or focus-group transcript.
    Import(ImportArgs),
    /// Remove, restore or re-import a source.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Make a new project in DIR from a REFI-QDA project (.qdpx) written by NVivo, ATLAS.ti,
    /// MAXQDA, QualCoder, Taguette or thematic.
    ImportProject {
        file: PathBuf,
        dir: PathBuf,
        /// The user whose codings are the consensus (for files from other tools; a file
        /// exported here marks its own consensus).
        #[arg(long, value_name = "NAME")]
        consensus_user: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Merge a CSV of case attributes (first column: case id); `attributes alias` gives a
    /// short name, `attributes scale` orders answers.
    Attributes(AttributesArgs),
    /// Sources, cases, units, codes and coders at a glance.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// List units (the passages that are coded).
    Units {
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List cases with their attributes.
    Cases {
        #[arg(long)]
        json: bool,
    },
    /// Show and edit the shared codebook.
    #[command(subcommand)]
    Codebook(CodebookCommand),
    /// Apply a code to a unit or a span of it.
    Code(CodeArgs),
    /// Remove a code from a unit or a span.
    Uncode(UncodeArgs),
    /// Mark units as reviewed (coded, or consciously left uncoded).
    Review {
        #[arg(long)]
        coder: String,
        #[arg(required = true)]
        units: Vec<String>,
        /// Take the reviewed mark off instead.
        #[arg(long)]
        undo: bool,
    },
    /// A coder's codings.
    Codings {
        #[arg(long)]
        coder: String,
        #[arg(long)]
        json: bool,
    },
    /// Set (or with no TEXT, clear) the memo on a unit or on one of its codings.
    Memo {
        #[arg(long)]
        coder: String,
        unit: String,
        /// The memo's text; leave out to clear the memo.
        text: Option<String>,
        /// Put the memo on this coding instead of on the unit.
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        span: Option<String>,
    },
    /// Undo the coder's last coding action (or with --consensus, the last reconciliation action).
    Undo(UndoArgs),
    /// Redo the coder's last undone action (or with --consensus, the last undone decision).
    Redo(UndoArgs),
    /// Full-text search over the units; with --code, code every result in one action.
    #[command(after_help = SEARCH_SYNTAX)]
    Search(SearchArgs),
    /// Inter-rater agreement between coders (per code and overall), or on a CSV of ratings.
    Agreement(AgreementArgs),
    /// Units on which two coders' codings differ: codes, spans, memos, the text.
    Disagreements(DisagreementsArgs),
    /// Decide disagreements for the consensus (take a coder's codings, the union, the
    /// intersection, none, or a set of codes), with a note; --all-agreed accepts agreed units.
    Reconcile(ReconcileArgs),
    /// The consensus: every decision so far.
    Consensus {
        #[arg(long)]
        json: bool,
    },
    /// The theme map: import, export, show with counts.
    #[command(subcommand)]
    Themes(ThemesCommand),
    /// Representative quotes of a theme: pin, unpin, suggest.
    #[command(subcommand)]
    Quote(QuoteCommand),
    /// Publication tables, reports and data files: themes, segments, codebook, agreement,
    /// reconciliation; the project as REFI-QDA (qdpx).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Cases crosstabulated by two variables (attributes, codes), with Fisher's exact or χ² test.
    Crosstab(CrosstabArgs),
    /// Table 1: the respondents' characteristics, n (%) and median (IQR), by group.
    Describe(DescribeArgs),
    /// Likert items: counts per level and % agreeing, per item and group.
    Likert(LikertArgs),
    /// Open the terminal workbench on a project.
    Open {
        dir: Option<PathBuf>,
        #[arg(long)]
        coder: Option<String>,
    },
}

/// Which coders to compare and on which units: shared by `agreement` and `disagreements`.
#[derive(Debug, Args)]
pub struct Comparison {
    /// The coders to compare (default: the first two by name); three or more for Fleiss' kappa
    /// and alpha.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub coders: Vec<String>,
    /// Only units from sources of this kind (repeat or comma-separate for several).
    #[arg(long = "kind", value_delimiter = ',', value_parser = ["survey", "interview", "focus-group", "notes"])]
    pub kinds: Vec<String>,
    /// Only units whose case has this attribute value (repeat; same key = either value).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
    /// Also compare moderators' and interviewers' turns (context by default).
    #[arg(long)]
    pub moderators: bool,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    #[command(flatten)]
    pub compare: Comparison,
    /// Project: unit (default) or span. With --ratings: nominal (default), ordinal, interval
    /// or ratio.
    #[arg(long, value_parser = ["unit", "span", "nominal", "ordinal", "interval", "ratio"])]
    pub level: Option<String>,
    #[arg(long, value_parser = ["md", "csv", "json"])]
    pub format: Option<String>,
    /// Same as --format json.
    #[arg(long)]
    pub json: bool,
    /// Also compare parent codes, present where the coder applied them or any sub-code.
    #[arg(long)]
    pub parents: bool,
    /// Ratings-calculator mode: a CSV where each row is a unit, each column a coder, an empty
    /// cell a missing rating.
    #[arg(long, value_name = "FILE.csv")]
    pub ratings: Option<PathBuf>,
    /// --ratings: the first row is coder names (default: detected).
    #[arg(long, conflicts_with = "no_header")]
    pub header: bool,
    /// --ratings: the first row is data.
    #[arg(long)]
    pub no_header: bool,
    /// --ratings: the full category set, for AC1 and Brennan–Prediger (default: the values
    /// that occur).
    #[arg(long, value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Bootstrap samples for the alpha intervals (0: none).
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the report to FILE instead of printing it.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub stats: StatsArgs,
}

#[derive(Debug, Args)]
pub struct DisagreementsArgs {
    #[command(flatten)]
    pub compare: Comparison,
    #[arg(long)]
    pub json: bool,
    /// Only units where the coders differ on this code (name or id).
    #[arg(long)]
    pub code: Option<String>,
    /// Only units of this source.
    #[arg(long)]
    pub source: Option<String>,
    /// Also list units only one of the two coders reviewed.
    #[arg(long)]
    pub one_sided: bool,
    /// Only disagreements the consensus has not decided yet.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    #[arg(
        long,
        required_unless_present = "consensus",
        conflicts_with = "consensus"
    )]
    pub coder: Option<String>,
    /// Undo (redo) the last reconciliation action instead.
    #[arg(long)]
    pub consensus: bool,
    /// With --consensus: who undoes (default: the coder this machine remembers).
    #[arg(long = "as", value_name = "NAME", requires = "consensus")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The unit(s) to decide (one action).
    #[arg(required_unless_present = "all_agreed")]
    pub units: Vec<String>,
    /// Take A's codings, B's, the union, the intersection (text both coded) or none.
    #[arg(long, value_parser = ["a", "b", "union", "intersection", "none"])]
    pub take: Option<String>,
    /// A custom decision: these codes (names or ids, comma-separated).
    #[arg(long, value_delimiter = ',', conflicts_with = "take")]
    pub codes: Vec<String>,
    /// With --codes: on START..END of the unit (default: the whole unit).
    #[arg(long, requires = "codes")]
    pub span: Option<String>,
    /// Why: kept with the decision and in the reconciliation report.
    #[arg(long)]
    pub note: Option<String>,
    /// Who decides (default: the coder this machine remembers for the project).
    #[arg(long = "as", value_name = "NAME")]
    pub by: Option<String>,
    /// Decide a unit that is not a disagreement (the coders agree, or neither reviewed it).
    #[arg(long)]
    pub force: bool,
    /// Accept every unit both coders coded the same into the consensus, as one action.
    #[arg(long, conflicts_with_all = ["units", "take", "codes", "force"])]
    pub all_agreed: bool,
    /// The two coders reconciled (default: the first two by name).
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub coders: Vec<String>,
}

/// Which coding: the coder, the unit, the code, and optionally a span.
#[derive(Debug, Args)]
pub struct UncodeArgs {
    #[arg(long)]
    pub coder: String,
    pub unit: String,
    pub code: String,
    /// START..END in characters (the whole unit when left out).
    #[arg(long)]
    pub span: Option<String>,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub target: UncodeArgs,
    #[arg(long)]
    pub memo: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// List the codes.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a code.
    Add {
        name: String,
        #[command(flatten)]
        fields: CodeFields,
    },
    /// Change fields of a code (those given).
    Edit {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: CodeFields,
        /// Why it changed, e.g. "clarified after 6 disagreements" (kept in the reconciliation
        /// report with the definition before and after).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Rename a code (its id and codings stay).
    Rename { old: String, new: String },
    /// Merge a code into another: its codings count as the other's.
    Merge { from: String, into: String },
    /// Remove a code (refused while codings use it, unless --force, which keeps them restorable).
    Remove {
        code: String,
        #[arg(long)]
        force: bool,
    },
    /// Bring back a code removed with --force.
    Restore { code: String },
    /// Merge codes from a .json or .csv codebook.
    Import { file: PathBuf },
    /// Write the codebook as .json, .csv or .md.
    Export { file: PathBuf },
}

#[derive(Debug, Args, Default)]
pub struct CodeFields {
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub inclusion: Option<String>,
    #[arg(long)]
    pub exclusion: Option<String>,
    #[arg(long)]
    pub example: Option<String>,
    #[arg(long)]
    pub key: Option<String>,
    #[arg(long)]
    pub colour: Option<String>,
    #[arg(long)]
    pub parent: Option<String>,
    /// Sub-codes of this code are mutually exclusive.
    #[arg(long)]
    pub exclusive: Option<bool>,
    /// `false`: a parent that only groups its sub-codes and is not applied itself.
    #[arg(long)]
    pub codable: Option<bool>,
}

const SEARCH_SYNTAX: &str = "\
Query syntax:
  communication        the word or any word with its stem (communicate, communicating…)
  \"felt like a burden\"  these exact words in this order (case and accents ignored)
  sched*  \"busy sched\"*  words starting with…; a phrase whose last word starts with…
  zoom busy            both (AND is implied); also zoom AND busy
  zoom OR email        either;  NOT email  or  -email: without;  (zoom OR email) busy
  source:mentee-survey  kind:focus-group  case:ME16  speaker:\"Moderator Lee\"  prompt:change
  role:mentor  fellowship:pediatric  year_of_training:second*   any case attribute
  code:NAME            the --coder's codes (a name in quotes if it has spaces, or the id);
  code:bob/NAME  code:consensus/NAME  code:*  code:bob/*   another coder's, the consensus', any
A filter matches the words of the value in order (code: matches whole codes; a parent code
matches its sub-codes). Filters do not change the ranking; a query of filters only lists units
in corpus order. The index lives in the user's cache folder (THEMATIC_CACHE_DIR overrides it),
is built on first use and kept up to date; deleting it is always safe.";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see below); quote it for the shell.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Show this many hits, best first.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
    /// Whose codes a bare code:NAME means; with --code, whose log gets the codes.
    #[arg(long)]
    pub coder: Option<String>,
    /// Apply this code to every unit the query matches (all of them, whatever --limit says) as
    /// one action in --coder's log; `thematic undo --coder NAME` takes it back.
    #[arg(long, requires = "coder")]
    pub code: Option<String>,
    /// With --code: only these units (comma-separated ids), which must be among the matches.
    #[arg(long, value_delimiter = ',', requires = "code")]
    pub only: Vec<String>,
    /// With --code: list what would be coded, change nothing.
    #[arg(long, requires = "code")]
    pub dry_run: bool,
    /// Rebuild the index from scratch first.
    #[arg(long)]
    pub reindex: bool,
}
