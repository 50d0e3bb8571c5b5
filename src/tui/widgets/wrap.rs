//! Wrapping a unit's text by display width: words stay whole where they fit, CJK and long words
//! break between graphemes, emoji and combining marks take the cells the terminal gives them.
//! Every grapheme keeps its char offset so selections, highlights and mouse clicks line up.

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// One grapheme on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub byte: usize,
    pub bytes: usize,
    /// Char offset in the unit's text, and the offset just after it.
    pub start: usize,
    pub end: usize,
    pub col: u16,
    pub width: u16,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub lines: Vec<Vec<Glyph>>,
    /// Char offset where each line starts (for lines that are empty, where they would).
    pub starts: Vec<usize>,
}

fn width_of(g: &str) -> u16 {
    if g.contains(char::is_control) {
        0
    } else {
        g.cell_width()
    }
}

/// Wrap `text` to `width` cells.
pub fn wrap(text: &str, width: u16) -> Wrapped {
    let width = width.max(1);
    let mut out = Wrapped {
        lines: vec![Vec::new()],
        starts: vec![0],
    };
    let mut col: u16 = 0;
    let mut chars = 0usize;
    // The current line began by wrapping (so leading blanks are dropped), not at a hard break.
    let mut soft = false;
    for (byte, seg) in text.split_word_bound_indices() {
        let glyphs: Vec<(usize, &str)> = seg
            .grapheme_indices(true)
            .map(|(i, g)| (byte + i, g))
            .collect();
        let seg_chars = seg.chars().count();
        if seg.contains('\n') {
            // Hard line break(s): "\n", "\r\n".
            for _ in 0..seg.matches('\n').count() {
                out.lines.push(Vec::new());
                out.starts.push(chars + seg_chars);
            }
            col = 0;
            soft = false;
            chars += seg_chars;
            continue;
        }
        let seg_width: u16 = glyphs.iter().map(|(_, g)| width_of(g).max(1)).sum();
        let blank = seg.chars().all(char::is_whitespace);
        if blank {
            if col == 0 && soft {
                chars += seg_chars;
                continue;
            }
            if col + seg_width > width {
                new_line(&mut out, chars + seg_chars);
                col = 0;
                soft = true;
                chars += seg_chars;
                continue;
            }
        } else if col > 0 && col + seg_width > width && seg_width <= width {
            new_line(&mut out, chars);
            col = 0;
            soft = true;
        }
        for (b, g) in glyphs {
            let n = g.chars().count();
            let w = if g.contains(char::is_control) {
                1
            } else {
                width_of(g).max(1)
            };
            if col + w > width && col > 0 {
                new_line(&mut out, chars);
                col = 0;
                soft = true;
            }
            if let Some(line) = out.lines.last_mut() {
                line.push(Glyph {
                    byte: b,
                    bytes: g.len(),
                    start: chars,
                    end: chars + n,
                    col,
                    width: w,
                });
            }
            col += w;
            chars += n;
        }
    }
    out
}

fn new_line(out: &mut Wrapped, start: usize) {
    out.lines.push(Vec::new());
    out.starts.push(start);
}

impl Wrapped {
    /// The line holding char offset `at` (the last line for the end of the text).
    pub fn line_of(&self, at: usize) -> usize {
        match self.starts.binary_search(&at) {
            Ok(mut i) => {
                // An empty line can share its start with the next: prefer the one with glyphs.
                while i + 1 < self.starts.len()
                    && self.starts[i + 1] == at
                    && self.lines[i].is_empty()
                {
                    i += 1;
                }
                i
            }
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The char offset nearest to screen cell (`col`, `line`): the boundary before the glyph
    /// under the cell, or the end of the line past its last glyph.
    pub fn offset_at(&self, line: usize, col: u16) -> Option<usize> {
        let l = self.lines.get(line)?;
        for g in l {
            if col < g.col + g.width {
                return Some(if col >= g.col + g.width.div_ceil(2) && g.width > 1 {
                    g.end
                } else {
                    g.start
                });
            }
        }
        Some(
            l.last()
                .map_or_else(|| self.starts.get(line).copied().unwrap_or(0), |g| g.end),
        )
    }

    /// Lines of styled spans; `style(start)` gives the style of the glyph at that char offset.
    pub fn render(
        &self,
        text: &str,
        from: usize,
        rows: usize,
        style: impl Fn(usize) -> Style,
    ) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(rows);
        for line in self.lines.iter().skip(from).take(rows) {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut run_style: Option<Style> = None;
            for g in line {
                let s = style(g.start);
                let raw = text.get(g.byte..g.byte + g.bytes).unwrap_or("");
                let shown = if raw.contains(char::is_control) {
                    " "
                } else {
                    raw
                };
                if run_style != Some(s) {
                    if let Some(rs) = run_style {
                        spans.push(Span::styled(std::mem::take(&mut run), rs));
                    }
                    run_style = Some(s);
                }
                run.push_str(shown);
            }
            if let Some(rs) = run_style {
                spans.push(Span::styled(run, rs));
            }
            out.push(Line::from(spans));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(w: &Wrapped, text: &str) -> Vec<String> {
        w.lines
            .iter()
            .map(|l| l.iter().map(|g| &text[g.byte..g.byte + g.bytes]).collect())
            .collect()
    }

    #[test]
    fn wraps_words_and_keeps_offsets() {
        let t = "one two three four";
        let w = wrap(t, 9);
        assert_eq!(texts(&w, t), vec!["one two ", "three ", "four"]);
        assert_eq!(w.starts, vec![0, 8, 14]);
        assert_eq!(w.line_of(15), 2);
        assert_eq!(w.offset_at(1, 2), Some(10));
    }

    #[test]
    fn cjk_and_emoji_take_two_cells() {
        let t = "日本語のテキスト👩‍🔬ok";
        let w = wrap(t, 6);
        for line in &w.lines {
            let cells: u16 = line.iter().map(|g| g.width).sum();
            assert!(cells <= 6, "{line:?}");
        }
        assert_eq!(texts(&w, t)[0], "日本語");
        let all: String = texts(&w, t).concat();
        assert_eq!(all, t);
        let e = "e\u{301}x";
        let w = wrap(e, 10);
        assert_eq!(w.lines[0].len(), 2);
        assert_eq!(w.lines[0][1].start, 2);
    }

    #[test]
    fn hard_breaks_and_long_words() {
        let t = "ab\ncdefghij";
        let w = wrap(t, 4);
        assert_eq!(texts(&w, t), vec!["ab", "cdef", "ghij"]);
        assert_eq!(w.starts[1], 3);
    }
}
