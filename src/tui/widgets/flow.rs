//! Laying out short pieces of text (a case's attributes, `key=value`) over a few lines without
//! ever cutting one silently: a piece moves whole to the next line; one wider than a line goes
//! on over the next lines when it can end there (else it is counted with the rest; only the
//! first or the last piece is ever cut, with "…"); pieces that find no line are counted at the
//! end ("+3 more").

use super::fit::fit;
use ratatui::text::{Line, Span};

/// Flow `pieces` into at most `max_lines` lines of `width` cells, `sep` between pieces on a line.
pub fn flow(
    pieces: Vec<Span<'static>>,
    sep: &str,
    width: usize,
    max_lines: usize,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    let total = pieces.len();
    let mut placed = 0;
    // The last line starts with the end of a piece that began on a line above.
    let mut tail_on_last = false;
    for piece in pieces {
        let w = piece.width();
        if w > width && width > 0 {
            // Too wide for any line: it starts a line of its own and goes on over the next ones.
            let parts = chunks(&piece.content, width);
            let fresh = lines.last().is_none_or(|l| !l.is_empty());
            let free = (max_lines + usize::from(!fresh)).saturating_sub(lines.len());
            let after = total - placed - 1;
            let count = format!(" +{after} more").chars().count();
            let last_w = parts.last().map_or(0, |p| Span::raw(p.as_str()).width());
            let whole = parts.len() < free
                || (parts.len() == free && (after == 0 || last_w + count <= width));
            if free == 0 || (!whole && after > 0 && !lines.is_empty()) {
                // It would end cut with its value unseen: it is counted with the rest instead.
                break;
            }
            if fresh {
                lines.push(Vec::new());
            }
            let shown = parts.len().min(free);
            for (i, part) in parts.iter().take(shown).enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                }
                let text = if i + 1 == shown && !whole {
                    // Longer than the lines left (the last piece, or the first with nothing
                    // before it): cut with "…", and what follows is counted.
                    let rest = parts[i..].concat();
                    if after > 0 {
                        let cut = fit(&rest, width.saturating_sub(count));
                        if let Some(line) = lines.last_mut() {
                            line.push(Span::styled(cut, piece.style));
                            line.push(Span::raw(format!(" +{after} more")));
                        }
                        return lines.into_iter().map(Line::from).collect();
                    }
                    fit(&rest, width)
                } else {
                    part.clone()
                };
                used = Span::raw(text.as_str()).width();
                if let Some(line) = lines.last_mut() {
                    line.push(Span::styled(text, piece.style));
                }
            }
            tail_on_last = shown > 1;
            placed += 1;
            continue;
        }
        let line_full = lines
            .last()
            .is_none_or(|l| !l.is_empty() && used + sep.chars().count() + w > width);
        if line_full {
            if lines.len() == max_lines {
                break;
            }
            lines.push(Vec::new());
            used = 0;
            tail_on_last = false;
        }
        let Some(line) = lines.last_mut() else { break };
        if !line.is_empty() {
            line.push(Span::styled(sep.to_string(), piece.style));
            used += sep.chars().count();
        }
        let room = width.saturating_sub(used);
        used += w.min(room);
        line.push(Span::styled(fit(&piece.content, room), piece.style));
        placed += 1;
    }
    let first_line_only = lines.len() == 1;
    if placed < total
        && let Some(line) = lines.last_mut()
    {
        // Make room for the count by moving whole pieces off the last line.
        loop {
            let more = format!(" +{} more", total - placed);
            let w: usize = line.iter().map(Span::width).sum();
            let room = width.saturating_sub(more.chars().count());
            if w <= room {
                line.push(Span::raw(more));
                break;
            }
            if line.len() <= 1 && !first_line_only && !tail_on_last {
                // One whole piece alone on the last line: it is counted, the count takes its place.
                line.clear();
                placed -= 1;
                line.push(Span::raw(format!("+{} more", total - placed)));
                break;
            }
            if line.len() <= 1 {
                // The first piece, or the end of a long one: it makes room, cut with "…".
                if let Some(only) = line.last_mut() {
                    *only = Span::styled(fit(&only.content, room), only.style);
                }
                line.push(Span::raw(more));
                break;
            }
            line.pop();
            if line.len() > 1 {
                line.pop();
            }
            placed -= 1;
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// `s` in pieces of at most `width` cells (at least one grapheme each), in order.
fn chunks(s: &str, width: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = vec![String::new()];
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = Span::raw(g).width();
        if used + gw > width && used > 0 {
            out.push(String::new());
            used = 0;
        }
        used += gw;
        if let Some(last) = out.last_mut() {
            last.push_str(g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn pieces_move_whole_to_the_next_line_and_the_rest_are_counted() {
        let pieces = [
            "survey · ME16",
            "fellowship=Pediatric",
            "department=Strongly agree",
            "role=mentee",
            "x=y",
        ]
        .map(|s| Span::raw(s.to_string()))
        .to_vec();
        let out = text(&flow(pieces.clone(), ", ", 30, 5));
        assert_eq!(
            out,
            [
                "survey · ME16",
                "fellowship=Pediatric",
                "department=Strongly agree",
                "role=mentee, x=y"
            ]
        );
        let out = text(&flow(pieces, ", ", 30, 2));
        assert_eq!(out, ["survey · ME16", "fellowship=Pediatric +3 more"]);
        let long = vec![Span::raw("a=".to_string() + &"v".repeat(20))];
        assert_eq!(
            text(&flow(long.clone(), ", ", 10, 2)),
            ["a=vvvvvvvv", "vvvvvvvvv…"]
        );
        assert_eq!(
            text(&flow(long.clone(), ", ", 10, 3)),
            ["a=vvvvvvvv", "vvvvvvvvvv", "vv"]
        );
        let two = vec![long[0].clone(), Span::raw("b=1")];
        assert_eq!(text(&flow(two, ", ", 10, 2)), ["a=vvvvvvvv", "v… +1 more"]);
    }

    #[test]
    fn a_long_piece_that_cannot_end_is_counted_not_shown_cut() {
        let pieces = |long: usize| {
            let long = "a=".to_string() + &"v".repeat(long);
            ["src", &long, "b=1", "c=2"]
                .map(|s| Span::raw(s.to_string()))
                .to_vec()
        };
        // Too few lines for the long piece and a count after it: it is counted with the rest,
        // not shown cut with its value unseen.
        assert_eq!(text(&flow(pieces(20), ", ", 12, 2)), ["src +3 more"]);
        assert_eq!(text(&flow(pieces(20), ", ", 12, 3)), ["src +3 more"]);
        assert_eq!(
            text(&flow(pieces(20), ", ", 12, 4)),
            ["src", "a=vvvvvvvvvv", "vvvvvvvvvv", "b=1, c=2"]
        );
        // A piece alone on the last line with no room for the count beside it is counted.
        let cramped = ["src", "abcdefghij", "x=1"]
            .map(|s| Span::raw(s.to_string()))
            .to_vec();
        assert_eq!(text(&flow(cramped, ", ", 12, 2)), ["src", "+2 more"]);
        // It ends on the last line with room for the count: shown whole.
        assert_eq!(
            text(&flow(pieces(14), ", ", 12, 3)),
            ["src", "a=vvvvvvvvvv", "vvvv +2 more"]
        );
    }
}
