//! Drawing the Likert view: a legend, then per item its label on a line of its own and one
//! diverging bar per group, each share printed inside its piece only where it fits, the share
//! agreeing at the end of the line. Nothing is drawn over anything else.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::bars::{cells, fill};
use crate::describe::ItemGroup;
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, fit_spans};
use crate::tui::widgets::panel::panel;

const AGREE_W: usize = 13;

/// Lines below the legend: a label per item and a bar per item and group.
pub fn line_count(rows: &[ItemGroup]) -> usize {
    let mut items: Vec<&str> = rows.iter().map(|r| r.item.as_str()).collect();
    items.dedup();
    items.len() + rows.len()
}

pub fn render(st: &State, f: &mut Frame, area: Rect, _hits: &mut Hits) {
    let l = &st.likert;
    let mut title = " Likert items".to_string();
    if let Some(b) = &l.by {
        title.push_str(&format!(" · by {b}"));
    }
    if let Some((k, v)) = &l.only {
        title.push_str(&format!(" · only {k}={v}"));
    }
    if l.collapse {
        title.push_str(" · top 2");
    }
    title.push(' ');
    let block =
        panel(&st.theme, true).title(fit(&title, usize::from(area.width.saturating_sub(4))));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(p) = &l.problem {
        lines.push(Line::from(Span::styled(
            fit(p, width),
            Style::new().fg(st.theme.error),
        )));
        f.render_widget(Paragraph::new(lines), inner);
        return;
    }
    lines.push(legend(&l.rows, width));
    let gw = l
        .rows
        .iter()
        .map(|r| r.group.width())
        .max()
        .unwrap_or(3)
        .clamp(3, 14);
    let half = (width.saturating_sub(2 + gw + 2 + AGREE_W) / 2).clamp(4, 40);
    let mut body: Vec<Line> = Vec::new();
    let mut last = "";
    for r in &l.rows {
        if r.item != last {
            body.push(Line::from(Span::styled(
                fit(&r.label, width),
                Style::new().add_modifier(Modifier::BOLD),
            )));
            last = &r.item;
        }
        body.push(bar_line(st, r, gw, half, width));
    }
    let room = usize::from(inner.height).saturating_sub(1);
    // Nothing is cut silently: the last row says how much more there is below.
    let below = body.len().saturating_sub(l.scroll + room);
    let take = if below > 0 {
        room.saturating_sub(1)
    } else {
        room
    };
    let hidden = body.len().saturating_sub(l.scroll + take);
    lines.extend(body.into_iter().skip(l.scroll).take(take));
    if below > 0 && room > 0 {
        lines.push(Line::from(Span::styled(
            fit(&format!("↓ {hidden} more lines (j scrolls)"), width),
            Style::new().fg(st.theme.dim),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// "█ Strongly disagree █ Disagree …" in the scale's colours, cut to the width.
fn legend(rows: &[ItemGroup], width: usize) -> Line<'static> {
    let Some(r) = rows.first() else {
        return Line::default();
    };
    let mut spans = Vec::new();
    for (i, level) in r.levels.iter().enumerate() {
        spans.push(Span::styled("██", Style::new().fg(fill(i, r.levels.len()))));
        spans.push(Span::raw(format!(" {level}  ")));
    }
    Line::from(fit_spans(spans, width))
}

fn bar_line(st: &State, r: &ItemGroup, gw: usize, half: usize, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(format!("  {:<gw$} ", fit(&r.group, gw)))];
    let n = r.n().max(1) as f64;
    let mut x = 0;
    for (level, start, w) in cells(r, half) {
        if start > x {
            spans.extend(gap(st, x, start, half));
        }
        let colour = fill(level, r.levels.len());
        let pct = format!("{}%", (100.0 * r.counts[level] as f64 / n).round());
        let text = if pct.len() < w {
            format!("{pct:^w$}")
        } else {
            " ".repeat(w)
        };
        spans.push(Span::styled(
            text,
            Style::new().bg(colour).fg(text_on(colour)),
        ));
        x = start + w;
    }
    if x < 2 * half {
        spans.extend(gap(st, x, 2 * half, half));
    }
    spans.push(Span::raw(format!(" {}", r.agree_text())));
    Line::from(fit_spans(spans, width))
}

/// Empty cells from `from` to `to`, with the zero line where it falls among them.
fn gap(st: &State, from: usize, to: usize, half: usize) -> Vec<Span<'static>> {
    if (from..to).contains(&half) {
        vec![
            Span::raw(" ".repeat(half - from)),
            Span::styled("│", Style::new().fg(st.theme.dim)),
            Span::raw(" ".repeat(to - half - 1)),
        ]
    } else {
        vec![Span::raw(" ".repeat(to - from))]
    }
}

/// Black on light fills, white on dark ones.
fn text_on(c: Color) -> Color {
    match c {
        Color::Rgb(r, g, b) if u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b) < 1200 => {
            Color::White
        }
        _ => Color::Black,
    }
}
