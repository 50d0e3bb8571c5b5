//! A small text box: a string with a cursor on grapheme boundaries, edited key by key.

use crate::tui::key::{Code, Key};
use ratatui::buffer::CellWidth;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    /// Alt-Enter / Ctrl-J insert a line break.
    pub multiline: bool,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
            multiline: false,
        }
    }

    pub fn multiline(text: &str) -> LineInput {
        LineInput {
            multiline: true,
            ..LineInput::new(text)
        }
    }

    pub fn value(&self) -> &str {
        &self.text
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Apply an editing key; returns false for keys that are not editing keys.
    pub fn handle(&mut self, key: &Key) -> bool {
        match (key.code, key.ctrl, key.alt) {
            (Code::Enter, _, true) | (Code::Char('j'), true, false) if self.multiline => {
                self.insert('\n')
            }
            (Code::Char(c), false, false) => self.insert(c),
            (Code::Backspace, ..) => {
                let p = self.prev_boundary();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            (Code::Delete, ..) | (Code::Char('d'), true, false) => {
                let n = self.next_boundary();
                self.text.replace_range(self.cursor..n, "");
            }
            (Code::Left, ..) | (Code::Char('b'), true, false) => self.cursor = self.prev_boundary(),
            (Code::Right, ..) | (Code::Char('f'), true, false) => {
                self.cursor = self.next_boundary()
            }
            (Code::Home, ..) | (Code::Char('a'), true, false) => self.cursor = 0,
            (Code::End, ..) | (Code::Char('e'), true, false) => self.cursor = self.text.len(),
            (Code::Char('u'), true, false) => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            (Code::Char('w'), true, false) => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end();
                let start = trimmed
                    .unicode_word_indices()
                    .next_back()
                    .map_or(0, |(i, _)| i);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }

    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// One line showing the part of the text around the cursor that fits in `width` cells, with
    /// the cursor drawn reversed when `focused`.
    pub fn line(&self, width: u16, style: Style, focused: bool) -> Line<'static> {
        let width = usize::from(width.max(1));
        let cells: Vec<(usize, &str)> = self
            .text
            .grapheme_indices(true)
            .map(|(i, g)| {
                (
                    i,
                    if g.contains(char::is_control) {
                        "↵"
                    } else {
                        g
                    },
                )
            })
            .collect();
        let cur_idx = cells
            .iter()
            .position(|(i, _)| *i >= self.cursor)
            .unwrap_or(cells.len());
        // Start so that the cursor (plus one cell for it) fits.
        let mut start = cur_idx;
        let mut used = 1;
        while start > 0 {
            let w = usize::from(cells[start - 1].1.cell_width());
            if used + w > width {
                break;
            }
            used += w;
            start -= 1;
        }
        let mut spans = Vec::new();
        let mut total = 0;
        for (idx, (_, g)) in cells.iter().enumerate().skip(start) {
            let w = usize::from(g.cell_width());
            if total + w > width {
                break;
            }
            total += w;
            let s = if focused && idx == cur_idx {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            spans.push(Span::styled(g.to_string(), s));
        }
        if focused && cur_idx == cells.len() && total < width {
            spans.push(Span::styled(" ", style.add_modifier(Modifier::REVERSED)));
        }
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut i = LineInput::new("a👩‍🔬");
        i.handle(&Key::new(Code::Backspace));
        assert_eq!(i.value(), "a");
        i.handle(&Key::ch('é'));
        i.handle(&Key::new(Code::Home));
        i.handle(&Key::ch('x'));
        assert_eq!(i.value(), "xaé");
        i.handle(&Key::ctrl('u'));
        assert_eq!(i.value(), "aé");
        assert!(!i.handle(&Key::new(Code::Enter)));
    }
}
