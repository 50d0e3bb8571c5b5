//! A horizontal bar of a value in [0, 1] in eighths of a cell, with optional tick marks (e.g.
//! reliability thresholds) where the bar does not reach.

use ratatui::style::Style;
use ratatui::text::Span;

const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// `value` (clamped to [0, 1]) as `width` cells; `ticks` are values drawn as `┊` in empty cells.
pub fn bar(
    value: f64,
    width: usize,
    ticks: &[f64],
    style: Style,
    tick_style: Style,
) -> Vec<Span<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let v = if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (v * (width * 8) as f64).round() as usize;
    let full = eighths / 8;
    let part = eighths % 8;
    let mut filled = "█".repeat(full);
    let mut used = full;
    if part > 0 && used < width {
        filled.push(EIGHTHS[part]);
        used += 1;
    }
    let mut spans = vec![Span::styled(filled, style)];
    let tick_cells: Vec<usize> = ticks
        .iter()
        .map(|t| ((t * width as f64).floor() as usize).min(width - 1))
        .collect();
    let mut rest = String::new();
    for cell in used..width {
        if tick_cells.contains(&cell) {
            if !rest.is_empty() {
                spans.push(Span::raw(std::mem::take(&mut rest)));
            }
            spans.push(Span::styled("┊", tick_style));
        } else {
            rest.push(' ');
        }
    }
    if !rest.is_empty() {
        spans.push(Span::raw(rest));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: f64, w: usize, ticks: &[f64]) -> String {
        bar(v, w, ticks, Style::new(), Style::new())
            .iter()
            .map(|s| s.content.to_string())
            .collect()
    }

    #[test]
    fn bars_fill_in_eighths_and_keep_their_width() {
        assert_eq!(text(1.0, 4, &[]), "████");
        assert_eq!(text(0.5, 4, &[]), "██  ");
        assert_eq!(text(0.0, 3, &[]), "   ");
        assert_eq!(text(-0.4, 3, &[]), "   ");
        assert_eq!(text(f64::NAN, 2, &[]), "  ");
        assert_eq!(text(0.5625, 2, &[]), "█▏");
        for v in [0.0, 0.1, 0.33, 0.5, 0.99, 1.0] {
            assert_eq!(text(v, 10, &[0.667, 0.8]).chars().count(), 10);
        }
    }

    #[test]
    fn ticks_show_where_the_bar_does_not_reach() {
        assert_eq!(text(0.2, 10, &[0.667, 0.8]), "██    ┊ ┊ ");
        assert_eq!(text(0.9, 10, &[0.667, 0.8]), "█████████ ");
    }
}
