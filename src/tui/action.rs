//! Everything a user can ask for, as named actions. Each variant's `///` line is the text of the
//! `?` help screen; the snake_case name is what the config file binds keys to.

use super::key::Key;

macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident = $id:literal, )*) => {
        /// A bindable command: what a key in the keymap stands for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])+ $name, )*
        }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$name),*];

            /// The name used in config files (`"ctrl-n" = "next_unit"`).
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
        }
    };
}

commands! {
    /// Quit (everything is already saved)
    Quit = "quit",
    /// Show the keys (this help)
    Help = "help",
    /// Type a command (:q, :goto UNIT, :coder NAME, :memo TEXT…)
    CommandLine = "command_line",
    /// Next screen
    NextScreen = "next_screen",
    /// Previous screen
    PrevScreen = "prev_screen",
    /// Sources screen: sources, cases, units and filters
    ShowSources = "show_sources",
    /// Coding screen: the unit and the codebook palette
    ShowCoding = "show_coding",
    /// Codebook screen: browse and edit the shared codebook
    ShowCodebook = "show_codebook",
    /// Agreement screen: how far two coders agree, per code (shows other coders' results)
    ShowAgreement = "show_agreement",
    /// Search screen: find units by words, phrases and filters; code all the results
    ShowSearch = "show_search",
    /// Undo the last coding action (works across restarts)
    Undo = "undo",
    /// Redo the last undone coding action
    Redo = "redo",
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
    Unreview = "unreview",
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
    Memo = "memo",
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
    /// Show all / uncoded / coded / reviewed / not-reviewed units
    CycleStateFilter = "cycle_state_filter",
    /// Filter units by a case attribute
    FilterAttribute = "filter_attribute",
    /// Clear all unit filters
    ClearFilters = "clear_filters",
    /// Jump to a unit by its id
    GotoUnit = "goto_unit",
    /// Add a code
    AddCode = "add_code",
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
    RestoreCode = "restore_code",
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
}

/// What `update` is asked to do: a command from the keymap, or an event that carries data.
#[derive(Debug, Clone)]
pub enum Action {
    /// A bound command.
    Cmd(Command),
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
    /// A background job reports back.
    Job(Box<super::jobs::JobResult>),
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Cmd(c)
    }
}

/// What the outside world must do after `update`: the app loop carries these out.
#[derive(Debug, Clone)]
pub enum Effect {
    Quit,
    /// Run a job on the worker thread; its result comes back as `Action::Job`.
    Spawn(Box<super::jobs::Job>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_unique_name_and_a_description() {
        let mut seen = std::collections::HashSet::new();
        for c in Command::ALL {
            assert!(seen.insert(c.name()), "{} twice", c.name());
            assert!(!c.describe().is_empty());
            assert_eq!(Command::from_name(c.name()), Some(*c));
        }
    }
}
