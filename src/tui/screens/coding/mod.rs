//! The Coding screen: one unit's text with its context, the codebook palette beside it, span
//! selection, and the coder's own codings.

pub mod palette_view;
pub mod select;
pub mod update;
pub mod view;

use crate::codebook::{Code, Codebook};
use crate::tui::state::State;
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

/// One row of the palette: a group heading or an applicable code.
#[derive(Debug, Clone, Copy)]
pub enum PaletteRow<'a> {
    Group(&'a Code),
    Code(&'a Code, usize),
}

/// Does `code` match the palette filter (name, key or id, case-insensitive)?
pub fn matches(code: &Code, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || code.name.to_lowercase().contains(&f)
        || code.id.contains(&f)
        || code.key.as_deref().is_some_and(|k| k.to_lowercase() == f)
}

/// The palette in codebook tree order. Codes with children are headings (coders apply the
/// children); depth is the nesting under headings.
pub fn palette<'a>(cb: &'a Codebook, filter: &str) -> Vec<PaletteRow<'a>> {
    let mut out = Vec::new();
    fn walk<'a>(
        cb: &'a Codebook,
        parent: Option<&'a str>,
        depth: usize,
        filter: &str,
        out: &mut Vec<PaletteRow<'a>>,
    ) {
        for c in cb.children(parent) {
            let has_children = cb.children(Some(&c.id)).next().is_some();
            if has_children {
                let at = out.len();
                out.push(PaletteRow::Group(c));
                walk(cb, Some(&c.id), depth + 1, filter, out);
                if out.len() == at + 1 && !matches(c, filter) {
                    out.pop();
                }
            } else if matches(c, filter) {
                out.push(PaletteRow::Code(c, depth));
            }
        }
    }
    walk(cb, None, 0, filter, &mut out);
    out
}

/// The codes of the palette (headings left out), in order.
pub fn palette_codes<'a>(cb: &'a Codebook, filter: &str) -> Vec<&'a Code> {
    palette(cb, filter)
        .into_iter()
        .filter_map(|r| match r {
            PaletteRow::Code(c, _) => Some(c),
            PaletteRow::Group(_) => None,
        })
        .collect()
}

/// The active code whose shortcut is `c`.
pub fn code_for_key(cb: &Codebook, c: char) -> Option<&Code> {
    let mut buf = [0u8; 4];
    let k: &str = c.encode_utf8(&mut buf);
    cb.active().find(|code| code.key.as_deref() == Some(k))
}

/// Codebook keys that a command key on the Coding screen hides, as "k (Name)".
pub fn shadowed_code_keys(st: &State) -> Vec<String> {
    st.project
        .codebook
        .active()
        .filter_map(|c| {
            let k = c.key.as_deref()?;
            let mut chars = k.chars();
            let ch = chars.next()?;
            (chars.next().is_none() && st.keymap.shadows_code_key(&crate::tui::key::Key::ch(ch)))
                .then(|| format!("{k} ({})", c.name))
        })
        .collect()
}
