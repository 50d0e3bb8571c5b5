//! The screens of the workbench: the tabs in their order, and the views opened from them.

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Sources,
    Coding,
    Codebook,
    Agreement,
    Search,
    Reconcile,
    Themes,
    /// Not a tab: opened from the Sources screen (L) or the `:` line.
    Likert,
    Crosstab,
    /// Not a tab: opened from the Sources screen (i) or the `:` line.
    Import,
}

impl Screen {
    pub const ALL: [Screen; 8] = [
        Screen::Sources,
        Screen::Coding,
        Screen::Codebook,
        Screen::Agreement,
        Screen::Search,
        Screen::Reconcile,
        Screen::Themes,
        Screen::Crosstab,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Screen::Sources => "Sources",
            Screen::Coding => "Coding",
            Screen::Codebook => "Codebook",
            Screen::Agreement => "Agreement",
            Screen::Search => "Search",
            Screen::Reconcile => "Reconcile",
            Screen::Themes => "Themes",
            Screen::Likert => "Likert",
            Screen::Crosstab => "Crosstab",
            Screen::Import => "Import",
        }
    }

    /// The tab bar's label when the full titles do not fit (at 80 columns).
    pub fn short(self) -> &'static str {
        match self {
            Screen::Sources => "Src",
            Screen::Coding => "Code",
            Screen::Codebook => "Book",
            Screen::Agreement => "Agree",
            Screen::Search => "Find",
            Screen::Reconcile => "Recon",
            Screen::Themes => "Themes",
            Screen::Likert => "Likert",
            Screen::Crosstab => "Xtab",
            Screen::Import => "Import",
        }
    }
}
