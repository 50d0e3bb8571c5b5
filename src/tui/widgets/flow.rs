//! Laying out short pieces of text (a case's attributes, `key=value`) over a few lines without
//! ever cutting one silently: a piece moves whole to the next line; one wider than a line goes
//! on over the next lines (cut with "…" only at the last line); pieces that find no line are
//! counted at the end ("+3 more").

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
    for piece in pieces {
        let w = piece.width();
        if w > width && width > 0 {
            // Too wide for any line: it starts a line of its own and goes on over the next ones.
            if lines.last().is_some_and(|l| !l.is_empty()) {
                if lines.len() == max_lines {
                    break;
                }
                lines.push(Vec::new());
            }
            if lines.is_empty() {
                lines.push(Vec::new());
            }
            let mut rest = piece.content.to_string();
            let after = total - placed - 1;
            loop {
                let chunk = fit(&rest, width);
                let last = lines.len() == max_lines;
                let Some(line) = lines.last_mut() else { break };
                if last && chunk.ends_with('…') && after > 0 {
                    // The last line: the piece is cut, and what follows is counted.
                    let more = format!(" +{after} more");
                    let room = width.saturating_sub(more.chars().count());
                    line.push(Span::styled(fit(&rest, room), piece.style));
                    line.push(Span::raw(more));
                    return lines.into_iter().map(Line::from).collect();
                }
                if !chunk.ends_with('…') || last {
                    used = Span::raw(chunk.as_str()).width();
                    line.push(Span::styled(chunk, piece.style));
                    break;
                }
                // A whole line's worth, without the "…": the rest goes on the next line.
                let whole: String = chunk.trim_end_matches('…').to_string();
                let taken = whole.chars().count();
                let more: String = rest.chars().skip(taken).collect();
                let take = rest.chars().take(taken + 1).collect::<String>();
                let (this, next) = if Span::raw(take.as_str()).width() <= width {
                    (take, rest.chars().skip(taken + 1).collect())
                } else {
                    (whole, more)
                };
                line.push(Span::styled(this, piece.style));
                rest = next;
                lines.push(Vec::new());
            }
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
            if line.len() <= 1 {
                // One piece alone on the line: it makes room, cut with "…".
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
}
