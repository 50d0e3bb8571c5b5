//! Where a key is pressed: the contexts of the keymap, with their names in the config file and
//! their headings in the help screen.

/// Where a key is pressed; a context's own bindings win over the global ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Sources,
    Coding,
    Select,
    Pick,
    Palette,
    Codebook,
    Agreement,
    Reconcile,
    Search,
    SearchResults,
    Themes,
    Likert,
    Crosstab,
    Import,
    ImportPath,
    Preview,
    Help,
    Confirm,
    Input,
    List,
}

impl Context {
    pub const ALL: [Context; 21] = [
        Context::Global,
        Context::Sources,
        Context::Coding,
        Context::Select,
        Context::Pick,
        Context::Palette,
        Context::Codebook,
        Context::Agreement,
        Context::Reconcile,
        Context::Search,
        Context::SearchResults,
        Context::Themes,
        Context::Likert,
        Context::Crosstab,
        Context::Import,
        Context::ImportPath,
        Context::Preview,
        Context::Help,
        Context::Confirm,
        Context::Input,
        Context::List,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Sources => "sources",
            Context::Coding => "coding",
            Context::Select => "select",
            Context::Pick => "pick",
            Context::Palette => "palette",
            Context::Codebook => "codebook",
            Context::Agreement => "agreement",
            Context::Reconcile => "reconcile",
            Context::Search => "search",
            Context::SearchResults => "search_results",
            Context::Themes => "themes",
            Context::Likert => "likert",
            Context::Crosstab => "crosstab",
            Context::Import => "import",
            Context::ImportPath => "import_path",
            Context::Preview => "preview",
            Context::Help => "help",
            Context::Confirm => "confirm",
            Context::Input => "input",
            Context::List => "list",
        }
    }

    /// Heading in the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Sources => "Sources screen",
            Context::Coding => "Coding screen (letters and digits that are code keys apply codes)",
            Context::Select => "Selecting text (after Enter on the Coding screen, or a mouse drag)",
            Context::Pick => {
                "Coding the selection (after Enter while selecting): press a code's key"
            }
            Context::Palette => "Finding a code (after /): type to filter",
            Context::Codebook => "Codebook screen (changes are shared with every coder)",
            Context::Agreement => {
                "Agreement screen (not blind: other coders' results). Enter: a code's disagreements, then a unit"
            }
            Context::Reconcile => {
                "Reconcile screen (not blind: both coders' codings). One key per decision, then the next open one"
            }
            Context::Search => "Search screen, typing the query (other keys type into it)",
            Context::SearchResults => "Search screen, in the results (after Esc)",
            Context::Themes => "Themes screen (changes are shared; u undoes them)",
            Context::Likert => "Likert view (L on the Sources screen; Esc goes back)",
            Context::Crosstab => {
                "Crosstab screen: r rows, c columns, then counts and the test (t switches it)"
            }
            Context::Import => {
                "Import screen, the preview (nothing is written until Enter; Esc: the path again)"
            }
            Context::ImportPath => "Import screen, typing the path (other keys type into it)",
            Context::Preview => "Coding all results: the preview of the units",
            Context::Help => "This help",
            Context::Confirm => "Questions",
            Context::Input => "Text boxes",
            Context::List => "Choosing from a list",
        }
    }

    pub fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}
