//! Fitting text into cells: cut a string or styled spans to a width with "…", and the first
//! row of a list to show so that its cursor stays in view.

use ratatui::text::Span;

/// First row to show so that `cursor` stays visible, without jumping on every move.
pub fn window(cursor: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    cursor.saturating_sub(height / 2).min(len - height)
}

/// `s` cut to `w` display cells, with "…" when cut.
pub fn fit(s: &str, w: usize) -> String {
    use ratatui::buffer::CellWidth;
    use unicode_segmentation::UnicodeSegmentation;
    let width = |g: &str| {
        if g.contains(char::is_control) {
            0
        } else {
            usize::from(g.cell_width())
        }
    };
    if s.graphemes(true).map(width).sum::<usize>() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = width(g);
        if used + gw + 1 > w {
            break;
        }
        used += gw;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// Cut spans to `w` cells, ending in "…" when cut.
pub fn fit_spans(spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let sw = s.width();
        if used + sw <= w {
            used += sw;
            out.push(s);
            continue;
        }
        let room = w.saturating_sub(used);
        if room > 0 {
            out.push(Span::styled(fit(&s.content, room), s.style));
        }
        break;
    }
    out
}
