//! Drawing the Search screen: the query box with what the index is doing or what is wrong with
//! the query, the query language before anything is typed, then the results (`results_view`).

use super::results_view::{results, unit_detail};
use super::state::{Focus, IndexState};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

/// The query language in a few lines, shown before anything is typed.
const SYNTAX: &[(&str, &str)] = &[
    (
        "communication",
        "the word, or words with its stem (communicate…)",
    ),
    ("\"felt like a burden\"", "these words in this order"),
    ("sched*", "words starting with sched"),
    ("zoom OR email, -busy", "either; without (AND is implied)"),
    (
        "role:mentee kind:survey",
        "case attributes, source, kind, case, speaker, prompt",
    ),
    (
        "code:\"Good communication\"",
        "units you coded with it (your codes only)",
    ),
];

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let [top, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(area);
    query_box(st, f, top);
    let s = &st.search;
    let building = matches!(s.index, IndexState::Opening) || s.progress.is_some();
    if building {
        return gauge(st, f, rest);
    }
    if let IndexState::Failed(e) = &s.index {
        let block = panel(&st.theme, false).title(" No search index ");
        let lines = vec![
            Line::from(Span::styled(e.clone(), Style::new().fg(st.theme.error))),
            Line::default(),
            Line::from("The index is a cache: F6 again tries to build it anew."),
        ];
        f.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
            rest,
        );
        return;
    }
    match &s.results {
        Some(r) if !r.hits.is_empty() => {
            let list_h = (r.hits.len() as u16 + 2)
                .clamp(5, (rest.height / 2).max(5))
                .min(rest.height);
            let [list, detail] =
                Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(rest);
            results(st, r, f, list, hits);
            if let Some(h) = s.hit() {
                unit_detail(st, h, f, detail);
            }
        }
        _ => syntax(st, f, rest),
    }
}

fn query_box(st: &State, f: &mut Frame, area: Rect) {
    let s = &st.search;
    let focused = s.focus == Focus::Query;
    let block = panel(&st.theme, focused).title(" Search the units ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut q = vec![Span::styled("> ", Style::new().fg(st.theme.accent).bold())];
    q.extend(
        s.input
            .line(inner.width.saturating_sub(2), Style::new().bold(), focused)
            .spans,
    );
    let dim = Style::new().fg(st.theme.dim);
    let status = if let Some(e) = &s.error {
        Line::from(Span::styled(fit(e, w), Style::new().fg(st.theme.error)))
    } else if let Some(r) = &s.results {
        let shown = r.hits.len();
        let more = if r.total > shown {
            format!(" · the best {shown} shown")
        } else {
            String::new()
        };
        let busy = if s.searching { " · searching…" } else { "" };
        Line::from(vec![
            Span::styled(
                format!(
                    "{} unit{} match{more}{busy}",
                    r.total,
                    if r.total == 1 { "" } else { "s" }
                ),
                Style::new().bold(),
            ),
            Span::styled(fit(&format!(" · {}", s.notice), w.saturating_sub(30)), dim),
        ])
    } else if s.searching {
        Line::from(Span::styled("searching…", dim))
    } else {
        Line::from(Span::styled(
            fit(
                &format!(
                    "Type to search; code: filters use your own codes · {}",
                    s.notice
                ),
                w,
            ),
            dim,
        ))
    };
    f.render_widget(Paragraph::new(vec![Line::from(q), status]), inner);
}

fn gauge(st: &State, f: &mut Frame, area: Rect) {
    let block = panel(&st.theme, false).title(" Building the search index ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [msg, bar, _] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let (label, ratio) = match st.search.progress {
        Some(p) if p.total > 0 => (
            format!("{} of {} units indexed", p.done, p.total),
            (p.done as f64 / p.total as f64).clamp(0.0, 1.0),
        ),
        _ => ("loading the project…".to_string(), 0.0),
    };
    f.render_widget(
        Paragraph::new(
            "The first search of a project builds its index (a cache; keep typing, the \
             results come when it is ready).",
        )
        .wrap(Wrap { trim: true }),
        msg,
    );
    f.render_widget(
        Gauge::default()
            .gauge_style(Style::new().fg(st.theme.accent))
            .ratio(ratio)
            .label(label),
        bar,
    );
}

fn syntax(st: &State, f: &mut Frame, area: Rect) {
    let block = panel(&st.theme, false).title(" How to search ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = Vec::new();
    if st.search.results.is_some() {
        lines.push(Line::from(Span::styled(
            "No unit matches.",
            Style::new().bold(),
        )));
        lines.push(Line::default());
    }
    for (q, what) in SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(format!("  {q:<28}"), Style::new().fg(st.theme.accent)),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Enter opens a result on the Coding screen; Ctrl-A codes all results in one undoable action.",
        Style::new().fg(st.theme.dim),
    )));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
