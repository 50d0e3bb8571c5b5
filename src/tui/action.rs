//! The TUI's vocabulary: every command a key or the `:` line can name (one registry, which also
//! feeds the keymap and the `?` help), the `Action`s `update` routes, the `Effect`s it hands back,
//! and the `Job` a screen gives the worker. Nothing here knows a screen's own types: a screen's
//! messages travel boxed in `ScreenMsg`.

use super::key::Key;
pub use super::screen::Screen;
use std::any::Any;
use std::fmt;

macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident = $id:literal
        $(: [$($word:literal),*] $(($arg:literal))?)?, )*) => {
        /// A bindable command: what a key in the keymap stands for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])+ $name, )*
        }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$name),*];

            /// The name used in config files (`"ctrl-n" = "next_unit"`) and on the `:` line.
            pub fn name(self) -> &'static str {
                match self { $(Command::$name => $id,)* }
            }

            /// One line for the help screen, taken from the variant's doc comment.
            pub fn describe(self) -> &'static str {
                match self { $(Command::$name => concat!($($doc),+).trim_ascii(),)* }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                match name { $($id => Some(Command::$name),)* _ => None }
            }

            /// Listed among the `:` commands of the help screen.
            pub fn on_command_line(self) -> bool {
                match self { $(Command::$name => false $(|| { let _: &[&str] = &[$($word),*]; true })?,)* }
            }

            /// Other words the `:` line accepts for it (`q` for `quit`).
            pub fn words(self) -> &'static [&'static str] {
                match self { $(Command::$name => &[$($($word),*)?],)* }
            }

            /// What the `:` line takes after the command (`UNIT` for `goto`), if anything.
            pub fn argument(self) -> Option<&'static str> {
                match self { $(Command::$name => None $($(.or(Some($arg)))?)?,)* }
            }
        }
    };
}

commands! {
    /// Quit (everything is already saved)
    Quit = "quit" : ["q", "q!", "wq", "x", "exit"],
    /// Show the keys (this help)
    Help = "help" : ["h"],
    /// Show this session's messages in full (the status line cuts long ones)
    Messages = "messages" : ["log"],
    /// Type a command (:q, :goto UNIT, :coder NAME, :memo TEXT…)
    CommandLine = "command_line",
    /// Next screen
    NextScreen = "next_screen",
    /// Previous screen
    PrevScreen = "prev_screen",
    /// Sources screen: sources, cases, units and filters
    ShowSources = "show_sources" : ["sources"],
    /// Coding screen: the unit and the codebook palette
    ShowCoding = "show_coding" : ["coding"],
    /// Codebook screen: browse and edit the shared codebook
    ShowCodebook = "show_codebook" : ["codebook"],
    /// Agreement screen: how far two coders agree, per code (shows other coders' results)
    ShowAgreement = "show_agreement" : ["agreement"],
    /// Search screen: find units by words, phrases and filters; code all the results
    ShowSearch = "show_search" : ["search"] ("QUERY"),
    /// Reconcile screen: decide the two coders' disagreements, side by side (not blind)
    ShowReconcile = "show_reconcile" : ["reconcile"],
    /// Take coder A's codings for the consensus
    TakeA = "take_a",
    /// Take coder B's codings for the consensus
    TakeB = "take_b",
    /// Take the union: every code either applied, on the text either coded
    TakeUnion = "take_union",
    /// Take the intersection: the codes both applied, on the text both coded
    TakeIntersection = "take_intersection",
    /// Decide that no code applies
    TakeNone = "take_none",
    /// Decide a custom set of codes (and span)
    CustomDecision = "custom_decision",
    /// Write the note the next decision takes
    DecisionNote = "decision_note",
    /// Undo the last reconciliation decision
    UndoDecision = "undo_decision",
    /// Go to the next open disagreement
    NextOpen = "next_open",
    /// Order the queue by unit, code or source
    CycleOrder = "cycle_order",
    /// Work through one code's disagreements (or all)
    FilterCode = "filter_code",
    /// Reconcile the highlighted code's disagreements
    ReconcileCode = "reconcile_code",
    /// Edit the definition of the code in question, saying why (kept in the report)
    EditDefinition = "edit_definition",
    /// Themes screen: the theme map, quotes and the table preview
    ShowThemes = "show_themes" : ["themes"],
    /// Likert view: the items on response scales as diverging bars, for the respondents the
    /// attribute filter keeps
    ShowLikert = "show_likert" : ["likert"],
    /// Group the Likert items by the next attribute (role, fellowship…, then everyone)
    CycleGroupBy = "cycle_group_by",
    /// Count the bottom two and the top two levels as one each, or each level again
    ToggleCollapse = "toggle_collapse",
    /// Add a theme under the highlighted category
    AddTheme = "add_theme",
    /// Add a section (a respondent group; "TITLE where role=mentee" limits it to those cases)
    AddSection = "add_section",
    /// Add a category to the highlighted section
    AddCategory = "add_category",
    /// Rename the highlighted section, category or theme
    RenameNode = "rename_node",
    /// Delete the highlighted section, category or theme (undoable)
    DeleteNode = "delete_node",
    /// Move the highlighted section, category or theme up
    MoveNodeUp = "move_node_up",
    /// Move the highlighted section, category or theme down
    MoveNodeDown = "move_node_down",
    /// Set the codes the highlighted theme gathers
    AssignCodes = "assign_codes",
    /// Edit the highlighted quote's printed text (cuts with …, [brackets]) or the theme's description
    EditText = "edit_text",
    /// Unpin the highlighted quote
    UnpinQuote = "unpin_quote",
    /// Show the table as it will be exported, or the theme again
    TogglePreview = "toggle_preview",
    /// Export the theme table to a file (on the worker)
    ExportTable = "export_table",
    /// Crosstab screen: a row and a column variable (attributes, codes, themes), counts and the exact test
    ShowCrosstab = "show_crosstab" : ["crosstab"],
    /// Import screen: a survey, notes, a transcript or case attributes, previewed before
    /// anything is written
    ShowImport = "show_import" : ["import"] ("FILE"),
    /// Complete the path typed (the folder's files and subfolders)
    CompletePath = "complete_path",
    /// Read the file as another kind (survey, interview, focus group, notes, case attributes)
    CycleKind = "cycle_kind",
    /// Give the highlighted survey column the next role (attribute, free text, ignored, case id)
    CycleColumnRole = "cycle_column_role",
    /// Set the role every case of the file gets (--role)
    SetRole = "set_role",
    /// Set attributes every case of the file gets (--attr KEY=VALUE)
    SetAttributes = "set_attributes",
    /// Name the speakers whose turns are moderation (--moderator)
    SetModerators = "set_moderators",
    /// Set the case paragraphs without a speaker belong to (--case)
    SetCase = "set_case",
    /// Set the new source's id (--id)
    SetSourceId = "set_source_id",
    /// Add case ids the project does not have as new cases (--new-cases)
    ToggleNewCases = "toggle_new_cases",
    /// Type the path again
    EditPath = "edit_path",
    /// Take the highlighted variable as the crosstab's rows
    SetRowVariable = "set_row_variable",
    /// Take the highlighted variable as the crosstab's columns
    SetColumnVariable = "set_column_variable",
    /// Swap the crosstab's rows and columns
    SwapVariables = "swap_variables",
    /// Collapse the crosstab's values into labels (VAR:VALUE,VALUE=LABEL; …)
    CollapseValues = "collapse_values",
    /// Read codes and themes from the consensus or from your own coding
    ToggleCoding = "toggle_coding",
    /// Show the crosstab's columns further left
    ScrollLeft = "scroll_left",
    /// Show the crosstab's columns further right (a wide table)
    ScrollRight = "scroll_right",
    /// Switch the crosstab's test: exact (Fisher), Pearson's χ², χ² with Yates' correction (2×2)
    CycleTest = "cycle_test",
    /// Undo the last coding action (works across restarts)
    Undo = "undo" : [],
    /// Redo the last undone coding action
    Redo = "redo" : [],
    /// Close the popup or leave the current mode
    Cancel = "cancel",
    /// Confirm / open / choose
    Confirm = "confirm",
    /// Answer yes
    Yes = "yes",
    /// Answer no
    No = "no",
    /// Move up
    Up = "up",
    /// Move down
    Down = "down",
    /// Move a page up
    PageUp = "page_up",
    /// Move a page down
    PageDown = "page_down",
    /// Go to the first entry
    Top = "top",
    /// Go to the last entry
    Bottom = "bottom",
    /// Focus the left pane
    Left = "left",
    /// Focus the right pane
    Right = "right",
    /// Next unit in the list
    NextUnit = "next_unit",
    /// Previous unit in the list
    PrevUnit = "prev_unit",
    /// Mark the unit reviewed and go to the next unreviewed unit
    ReviewNext = "review_next",
    /// Take the reviewed mark off this unit
    Unreview = "unreview" : [],
    /// Select a span of the text with the keyboard
    StartSelect = "start_select",
    /// Find a code: filter the codebook palette as you type
    FilterPalette = "filter_palette",
    /// Show or hide the highlighted code's definition (description, inclusion, exclusion)
    ToggleDefinition = "toggle_definition",
    /// Highlight the previous code in the palette
    PaletteUp = "palette_up",
    /// Highlight the next code in the palette
    PaletteDown = "palette_down",
    /// Write a memo on the unit or on one of its codings
    Memo = "memo" : [] ("TEXT"),
    /// Scroll the text up
    ScrollUp = "scroll_up",
    /// Scroll the text down
    ScrollDown = "scroll_down",
    /// Extend the selection one character right
    ExtendRight = "extend_right",
    /// Extend the selection one character left
    ExtendLeft = "extend_left",
    /// Extend the selection to the end of the next word
    ExtendWordRight = "extend_word_right",
    /// Extend the selection back to the start of the previous word
    ExtendWordLeft = "extend_word_left",
    /// Extend the selection to the end of the sentence
    ExtendSentenceRight = "extend_sentence_right",
    /// Extend the selection back to the start of the sentence
    ExtendSentenceLeft = "extend_sentence_left",
    /// Extend the selection to the start of the unit
    ExtendHome = "extend_home",
    /// Extend the selection to the end of the unit
    ExtendEnd = "extend_end",
    /// Start the selection again at the cursor
    Anchor = "anchor",
    /// Swap the two ends of the selection
    SwapEnds = "swap_ends",
    /// Select the next coded span
    NextCodedSpan = "next_coded_span",
    /// Code the selection: then press a code's key
    CodeSelection = "code_selection",
    /// Show all units / uncoded / coded, not reviewed / reviewed / not reviewed
    CycleStateFilter = "cycle_state_filter",
    /// Filter units by a case attribute
    FilterAttribute = "filter_attribute",
    /// Clear all unit filters
    ClearFilters = "clear_filters" : ["filter clear"],
    /// Jump to a unit by its id
    GotoUnit = "goto_unit" : ["goto", "g", "go"] ("UNIT"),
    /// Add a code
    AddCode = "add_code" : ["add"] ("NAME"),
    /// Add a sub-code under the highlighted code
    AddSubCode = "add_sub_code",
    /// Edit every field of the code
    EditCode = "edit_code",
    /// Rename the code (its codings keep pointing at it)
    RenameCode = "rename_code",
    /// Merge the code into another one
    MergeCode = "merge_code",
    /// Remove the code (codings are kept and can be restored)
    RemoveCode = "remove_code",
    /// Bring back a removed code
    RestoreCode = "restore_code" : ["restore"] ("NAME"),
    /// Assign the code's shortcut key
    SetKey = "set_key",
    /// Sort the codes by the next measure (codebook order, α, κ, %, AC1, PABAK)
    CycleSort = "cycle_sort",
    /// Sort lowest first / highest first
    ReverseSort = "reverse_sort",
    /// Compare at unit level or at span (character) level
    ToggleLevel = "toggle_level",
    /// Choose the two coders to compare
    ChooseCoders = "choose_coders",
    /// Compute agreement again from the coding logs on disk
    Recompute = "recompute",
    /// Type the search query again
    EditQuery = "edit_query",
    /// Code all the results with one code (preview first; one undoable action)
    CodeAll = "code_all",
    /// Keep or leave out the highlighted unit
    ToggleUnit = "toggle_unit",
    /// Keep all units / none
    ToggleAll = "toggle_all",
    /// Code as another coder (opens their own log; alone, asks for the name)
    SwitchCoder = "coder" : [] ("NAME"),
    /// Mark the unit reviewed (and stay on it)
    MarkReviewed = "review" : [],
    /// Say that everything is saved as you go (there is no separate save)
    Save = "save" : ["w", "write"],
}

/// A message for one screen whose type only that screen knows: a job's result or progress, a
/// popup's answer. `update` hands it to the screen, which takes its own type back out.
pub struct ScreenMsg {
    pub screen: Screen,
    payload: Box<dyn Any + Send>,
}

impl ScreenMsg {
    pub fn new<T: Any + Send>(screen: Screen, payload: T) -> ScreenMsg {
        ScreenMsg {
            screen,
            payload: Box::new(payload),
        }
    }

    /// The payload, if it is a `T`.
    pub fn take<T: Any>(self) -> Option<T> {
        self.payload.downcast::<T>().ok().map(|b| *b)
    }

    pub fn peek<T: Any>(&self) -> Option<&T> {
        self.payload.downcast_ref::<T>()
    }
}

impl fmt::Debug for ScreenMsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScreenMsg({:?})", self.screen)
    }
}

/// What `update` is asked to do: a command from the keymap, or an event that carries data.
#[derive(Debug)]
pub enum Action {
    /// A bound command.
    Cmd(Command),
    /// A command typed on the `:` line, with the words after it (maybe none).
    Line { cmd: Command, arg: String },
    /// Toggle a code (by id) on the unit or on the selection.
    ToggleCode(String),
    /// A key typed into the focused text input.
    Type(Key),
    /// A click on row `row` of a list (`right`: the Sources screen's unit list).
    ClickRow { right: bool, row: usize },
    /// Mouse button pressed on the unit text at this char offset.
    TextPress(usize),
    /// Mouse dragged over the unit text to this char offset.
    TextDrag(usize),
    /// Mouse button released.
    TextRelease,
    /// Switch to a screen.
    Show(Screen),
    /// Put a unit (by id, or by its number in the list) on the Coding screen.
    /// `switch`: go to the Coding screen, clearing filters that hide the unit, and say `note`
    /// (else only move the Coding screen's cursor to it, if the list holds it).
    OpenUnit {
        unit: String,
        switch: bool,
        note: Option<String>,
    },
    /// Code as this coder from now on.
    SetCoder(String),
    /// A message for one screen (a job's result, a popup's answer).
    ToScreen(ScreenMsg),
}

impl Action {
    /// A message of the screen's own type for `screen`.
    pub fn to<T: Any + Send>(screen: Screen, payload: T) -> Action {
        Action::ToScreen(ScreenMsg::new(screen, payload))
    }
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Cmd(c)
    }
}

/// Work for the worker thread, built by the screen that asks for it: the closure does the work
/// (it may report progress on the way) and returns the action that brings its result back.
pub struct Job {
    /// What the job does, for debugging.
    pub what: &'static str,
    work: Box<Work>,
}

/// A job's work: given a way to report progress, return the result.
type Work = dyn FnOnce(&mut dyn FnMut(Action)) -> Action + Send;

impl Job {
    pub fn new(
        what: &'static str,
        work: impl FnOnce(&mut dyn FnMut(Action)) -> Action + Send + 'static,
    ) -> Job {
        Job {
            what,
            work: Box::new(work),
        }
    }

    /// Do the work here, passing interim reports to `report`.
    pub fn run(self, report: &mut dyn FnMut(Action)) -> Action {
        (self.work)(report)
    }
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Job({})", self.what)
    }
}

/// What must happen after a screen's `update`.
#[derive(Debug)]
pub enum Effect {
    Quit,
    /// Run a job on the worker thread; its result comes back as an action.
    Spawn(Job),
    /// Route this action next (`update` does it before returning).
    Then(Action),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_unique_name_and_a_description() {
        let mut seen = std::collections::HashSet::new();
        for c in Command::ALL {
            assert!(seen.insert(c.name()), "{} twice", c.name());
            for w in c.words() {
                assert!(seen.insert(w), "{w} twice");
            }
            assert!(!c.describe().is_empty());
            assert_eq!(Command::from_name(c.name()), Some(*c));
        }
    }
}
