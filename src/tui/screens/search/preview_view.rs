//! Drawing the "code all results" preview: every unit the query matches, kept or left out.

use super::results_view::snippet_spans;
use super::state::Preview;
use crate::search::Hit;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, fit_spans, window};
use crate::tui::widgets::popup::{centered, frame_box};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The "code all results" preview over the screen.
pub fn preview(st: &State, p: &Preview, f: &mut Frame, body: Rect) {
    let accent = Style::new().fg(st.theme.accent);
    let dim = Style::new().fg(st.theme.dim);
    let name = st
        .project
        .codebook
        .get(&p.code)
        .map_or(p.code.as_str(), |c| c.name.as_str());
    let area = centered(
        body,
        body.width.saturating_sub(4).min(110),
        (p.units.len() as u16 + 5).min(body.height),
    );
    let n = p.to_code();
    let title = format!(
        "Code {n} unit{} with {name}?",
        if n == 1 { "" } else { "s" }
    );
    let inner = frame_box(f, area, &title, accent);
    let [list, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    let h = usize::from(list.height);
    let w = usize::from(list.width);
    let first = window(p.cursor, p.units.len(), h);
    let snippets: std::collections::HashMap<&str, &Hit> = st
        .search
        .results
        .iter()
        .flat_map(|r| &r.hits)
        .map(|h| (h.unit.as_str(), h))
        .collect();
    let idw = p
        .units
        .iter()
        .map(|u| u.chars().count())
        .max()
        .unwrap_or(0)
        .min(w / 2);
    for (i, u) in p.units.iter().enumerate().skip(first).take(h) {
        let base = if i == p.cursor {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let (mark, style) = match (p.has[i], p.keep[i]) {
            (true, _) => ("[=]", base.fg(st.theme.dim)),
            (false, true) => ("[x]", base.fg(st.theme.reviewed).bold()),
            (false, false) => ("[ ]", base),
        };
        let note = if p.has[i] { "(has it) " } else { "" };
        let mut spans = vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(format!("{:<idw$} ", fit(u, idw)), base.bold()),
            Span::styled(note.to_string(), base.fg(st.theme.dim)),
        ];
        // The hit's snippet when the unit is among the hits shown, else its text.
        match snippets.get(u.as_str()) {
            Some(hit) => {
                let used: usize = spans.iter().map(Span::width).sum();
                spans.extend(snippet_spans(st, hit, base, w.saturating_sub(used + 1)));
            }
            None => spans.push(Span::styled(
                st.project
                    .unit(u)
                    .map(|x| x.text.replace(['\n', '\t'], " "))
                    .unwrap_or_default(),
                base,
            )),
        }
        f.render_widget(
            Line::from(fit_spans(spans, w)),
            Rect {
                y: list.y + (i - first) as u16,
                height: 1,
                ..list
            },
        );
    }
    let lines = vec![
        Line::from(Span::styled(
            fit(
                &format!(
                    "{} units match '{}'; one action in your own log (u undoes it all).",
                    p.units.len(),
                    p.query
                ),
                w,
            ),
            dim,
        )),
        Line::from(vec![
            Span::styled("Space", accent.bold()),
            Span::raw(" keep/leave out  "),
            Span::styled("a", accent.bold()),
            Span::raw(" all/none  "),
            Span::styled("Enter", accent.bold()),
            Span::raw(" code them  "),
            Span::styled("Esc", accent.bold()),
            Span::raw(" cancel"),
        ]),
    ];
    f.render_widget(Paragraph::new(lines), foot);
}
