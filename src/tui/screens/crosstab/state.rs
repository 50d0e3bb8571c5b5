//! What the Crosstab screen keeps: the variables to choose from, the chosen row and column,
//! whose coding code and theme variables read, the test, how far the table is scrolled, and
//! the last table computed.

use crate::crosstab::{Crosstab, TestChoice};

/// One variable of the list: how `thematic crosstab` would name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// "attr:fellowship", "code:Good communication", "theme:Communication".
    pub spec: String,
    /// The heading it is listed under.
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Attribute,
    Code,
    Theme,
}

impl Kind {
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Attribute => "Attributes",
            Kind::Code => "Codes",
            Kind::Theme => "Themes",
        }
    }
}

#[derive(Debug, Default)]
pub struct CrosstabState {
    pub variables: Vec<Variable>,
    pub cursor: usize,
    pub row: Option<String>,
    pub col: Option<String>,
    /// The collapse rules, as `--collapse` takes them ("role:interviewer,moderator=-").
    pub collapse: Vec<String>,
    /// Codes and themes read from this coder's log instead of the consensus.
    pub coder: Option<String>,
    /// The test asked for (exact by default).
    pub test: TestChoice,
    /// The first column of counts shown (a wide table scrolls sideways).
    pub scroll: usize,
    /// The job whose answer is awaited.
    pub computing: Option<u64>,
    pub jobs: u64,
    /// The table, or why there is none (one clear line).
    pub result: Option<Result<Box<Crosstab>, String>>,
    /// The codebook revision the list was built from.
    pub built_at: Option<u64>,
}
