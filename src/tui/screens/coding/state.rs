//! What the Coding screen keeps: the mode keys are in, the selection, the palette filter.

use super::select;
use crate::tui::widgets::input::LineInput;

/// What keys do on the Coding screen right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Code keys toggle codes on the whole unit.
    #[default]
    Code,
    /// Keys move the selection's head through the text.
    Select,
    /// Code keys toggle codes on the selection.
    Pick,
    /// Typing filters the palette.
    Palette,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Code => "CODE",
            Mode::Select => "SELECT",
            Mode::Pick => "CODE SELECTION",
            Mode::Palette => "FIND CODE",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CodingState {
    pub mode: Mode,
    /// The mode to go back to when the palette filter closes.
    pub palette_return: Mode,
    /// A selection exists (anchor..head, char offsets; either order).
    pub selecting: bool,
    pub anchor: usize,
    pub head: usize,
    pub filter: LineInput,
    /// The palette's highlighted code (its definition shows on demand).
    pub highlight: Option<String>,
    pub show_definition: bool,
    /// First text line shown.
    pub scroll: usize,
    /// A mouse drag is selecting.
    pub dragging: bool,
    /// Code keys that a command key hides (shown as a warning).
    pub warn_shadowed: Vec<String>,
}

impl CodingState {
    /// A new unit is on screen: no selection, back to coding the whole unit.
    pub fn on_unit_change(&mut self) {
        self.mode = Mode::Code;
        self.selecting = false;
        self.dragging = false;
        self.anchor = 0;
        self.head = 0;
        self.scroll = 0;
    }

    /// The selected span of `text`, trimmed of surrounding whitespace.
    pub fn selection(&self, text: &str) -> Option<(usize, usize)> {
        if !self.selecting {
            return None;
        }
        select::trimmed(text, self.anchor, self.head)
    }
}
