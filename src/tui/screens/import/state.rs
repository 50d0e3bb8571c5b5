//! What the Import screen keeps: the path being typed and the files beside it, what the file is
//! taken for, the flags chosen, and the preview (the core's plan of the import, or the problem).

use crate::corpus::SourceKind;
use crate::corpus::import::{ImportOptions, SurveyColumn};
use crate::project::{AttributesPlan, ImportPlan};
use crate::tui::widgets::input::LineInput;
use std::path::PathBuf;

/// Which part has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Typing the path; the list below offers recent folders and the folder's files.
    #[default]
    Path,
    /// Looking at the preview: change the kind, the columns, the flags; Enter imports.
    Preview,
}

/// What the file is read as: a source of some kind, or a CSV of case attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Source(SourceKind),
    Attributes,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Source(SourceKind::Survey),
        Target::Source(SourceKind::Interview),
        Target::Source(SourceKind::FocusGroup),
        Target::Source(SourceKind::Notes),
        Target::Attributes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Target::Source(k) => k.as_str(),
            Target::Attributes => "case attributes",
        }
    }

    pub fn next(self) -> Target {
        let i = Target::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Target::ALL[(i + 1) % Target::ALL.len()]
    }
}

/// A row of the list under the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub dir: bool,
    /// A folder imported from before (kept in the user's config).
    pub recent: bool,
}

/// Why there is no preview: the import's own error, and the line of the file it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// The file's line the error is on, with its number.
    pub at: Option<(usize, String)>,
}

/// The preview: the plan the import will carry out.
#[derive(Debug, Clone)]
pub enum Preview {
    Source(Box<ImportPlan>),
    Attributes(Box<AttributesPlan>),
}

/// Where a running import is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub step: usize,
    pub steps: usize,
    pub what: String,
}

#[derive(Debug, Clone, Default)]
pub struct ImportState {
    pub focus: Focus,
    pub path: LineInput,
    pub entries: Vec<Entry>,
    /// The highlighted entry (`None`: the path as typed).
    pub cursor: Option<usize>,
    /// The file the preview is of.
    pub file: Option<PathBuf>,
    pub target: Option<Target>,
    /// Why the kind is what it is ("guessed from .vtt", "chosen").
    pub target_note: String,
    /// The flags, as `thematic import` takes them.
    pub opts: ImportOptions,
    pub id: Option<String>,
    /// Attributes: add case ids the project does not have as new cases.
    pub new_cases: bool,
    pub preview: Option<Result<Preview, Problem>>,
    /// Surveys whose plan failed: the columns as the flags ask for them, to change them back.
    pub columns: Vec<SurveyColumn>,
    /// Cursor in the preview: the survey column, the unit, the attribute row.
    pub row: usize,
    pub running: Option<Running>,
    pub jobs: u64,
}

impl ImportState {
    /// The survey columns shown: the plan's, or those asked for when the plan failed.
    pub fn survey_columns(&self) -> &[SurveyColumn] {
        match &self.preview {
            Some(Ok(Preview::Source(p))) => &p.columns,
            _ => &self.columns,
        }
    }

    /// How many rows the preview's cursor moves over.
    pub fn rows(&self) -> usize {
        match &self.preview {
            Some(Ok(Preview::Source(p))) if p.kind == SourceKind::Survey => p.columns.len(),
            Some(Ok(Preview::Source(p))) => p.parsed.units.len(),
            Some(Ok(Preview::Attributes(a))) => a.rows.cases.len(),
            _ => self.columns.len(),
        }
    }
}
