//! Drawing a search's results: the hits with their snippets highlighted, and the highlighted
//! hit's unit in full.

use super::state::Focus;
use crate::search::Hit;
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, fit_spans, window};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn highlight(st: &State) -> Style {
    Style::new()
        .bg(st.theme.selection)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// A snippet as spans, its hits highlighted, starting late enough that the first hit shows in
/// `room` cells.
pub fn snippet_spans(st: &State, hit: &Hit, base: Style, room: usize) -> Vec<Span<'static>> {
    let chars: Vec<char> = hit.snippet.text.chars().collect();
    // Just enough cut off the front for the first hit and a few words after it to show.
    let skip = hit
        .snippet
        .highlights
        .first()
        .map_or(0, |&(a, b)| (b + room / 3).saturating_sub(room).min(a));
    let mut out = Vec::new();
    if skip > 0 {
        out.push(Span::styled("…", base));
    }
    let mut at = skip;
    for &(a, b) in &hit.snippet.highlights {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a < at {
            continue;
        }
        out.push(Span::styled(chars[at..a].iter().collect::<String>(), base));
        out.push(Span::styled(
            chars[a..b].iter().collect::<String>(),
            highlight(st),
        ));
        at = b;
    }
    out.push(Span::styled(chars[at..].iter().collect::<String>(), base));
    out
}

pub fn results(st: &State, r: &super::Results, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let focused = st.search.focus == Focus::Results;
    let block = panel(&st.theme, focused).title(format!(" Results for {} ", fit(&r.query, 40)));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let cur = st.search.cursor;
    let first = window(cur, r.hits.len(), h);
    hits.left_list = Some((inner, first));
    // Ids stay whole: the column is as wide as the longest id on screen (half the width at most).
    let idw = r
        .hits
        .iter()
        .skip(first)
        .take(h)
        .map(|h| h.unit.chars().count())
        .max()
        .unwrap_or(0)
        .min(w / 2);
    let whow = if w >= 100 { 10 } else { 6 };
    for (i, hit) in r.hits.iter().enumerate().skip(first).take(h) {
        let base = if i == cur {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mark = st
            .project
            .unit(&hit.unit)
            .map_or(" ", |u| st.unit_mark(u).symbol());
        let who = hit.case.as_deref().or(hit.speaker.as_deref()).unwrap_or("");
        let mut spans = vec![
            Span::styled(format!("{mark} "), Style::new().fg(Color::Yellow)),
            Span::styled(format!("{:<idw$} ", fit(&hit.unit, idw)), base.bold()),
            Span::styled(format!("{:<whow$} ", fit(who, whow)), base.fg(Color::Gray)),
        ];
        let used: usize = spans.iter().map(Span::width).sum();
        spans.extend(snippet_spans(st, hit, base, w.saturating_sub(used + 1)));
        f.render_widget(
            Line::from(fit_spans(spans, w)),
            Rect {
                y: inner.y + (i - first) as u16,
                height: 1,
                ..inner
            },
        );
    }
}

pub fn unit_detail(st: &State, hit: &Hit, f: &mut Frame, area: Rect) {
    let dim = Style::new().fg(st.theme.dim);
    let block = panel(&st.theme, false).title(format!(" {} · Enter opens it ", hit.unit));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(unit) = st.project.unit(&hit.unit) else {
        return;
    };
    let w = inner.width;
    let mut head = vec![Span::styled(
        unit.source.clone(),
        Style::new().fg(st.theme.accent),
    )];
    if let Some(case) = st.case_of(unit) {
        let attrs: Vec<String> = case
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        head.push(Span::raw(format!(" · {} {}", case.id, attrs.join(" "))));
    } else if let Some(s) = &unit.speaker {
        head.push(Span::raw(format!(" · {s}")));
    }
    let cb = &st.project.codebook;
    let mine: Vec<String> = st
        .coder_state()
        .codings_of(&unit.id)
        .iter()
        .filter_map(|c| cb.canonical(&c.code).and_then(|id| cb.get(id)))
        .map(|c| c.name.clone())
        .collect();
    let mut lines = vec![Line::from(fit_spans(head, usize::from(w)))];
    lines.push(Line::from(vec![
        Span::styled("Your codes: ", Style::new().fg(Color::Gray).bold()),
        Span::raw(if mine.is_empty() {
            "none".to_string()
        } else {
            mine.join(", ")
        }),
    ]));
    if let Some(p) = unit.prompt.as_deref().filter(|p| !p.is_empty()) {
        lines.push(Line::from(Span::styled(
            fit(&format!("Q: {p}"), usize::from(w)),
            dim.italic(),
        )));
    }
    let head_rows = lines.len() as u16;
    let [head_area, text_area] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Min(0)]).areas(inner);
    f.render_widget(Paragraph::new(lines), head_area);
    let wrapped = wrap(&unit.text, w);
    let rows = usize::from(text_area.height);
    // Start a little above the first hit so it is on screen.
    let first_hit = hit
        .highlights
        .first()
        .map_or(0, |&(a, _)| wrapped.line_of(a));
    let scroll = first_hit
        .saturating_sub(1)
        .min(wrapped.lines.len().saturating_sub(rows));
    let hl = highlight(st);
    let style = |o: usize| {
        if hit.highlights.iter().any(|&(a, b)| o >= a && o < b) {
            hl
        } else {
            Style::new()
        }
    };
    f.render_widget(
        Paragraph::new(wrapped.render(&unit.text, scroll, rows, style)),
        text_area,
    );
}
