//! Drawing the Search screen: the query box with what the index is doing or what is wrong with
//! the query, the hits with their snippets highlighted, and the highlighted hit's unit in full;
//! and the "code all results" preview.

use super::state::{Focus, IndexState, Preview};
use crate::search::Hit;
use crate::tui::hits::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, fit_spans, window};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::popup::{centered, frame_box};
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
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

fn highlight(st: &State) -> Style {
    Style::new()
        .bg(st.theme.selection)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// A snippet as spans, its hits highlighted, starting late enough that the first hit shows in
/// `room` cells.
fn snippet_spans(st: &State, hit: &Hit, base: Style, room: usize) -> Vec<Span<'static>> {
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

fn results(st: &State, r: &super::Results, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let focused = st.search.focus == Focus::Results;
    let block = panel(&st.theme, focused).title(format!(" Results for {} ", fit(&r.query, 40)));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let cur = st.search.cursor;
    let first = window(cur, r.hits.len(), h);
    hits.left_list = Some((inner, first));
    let idw = r
        .hits
        .iter()
        .map(|h| h.unit.chars().count())
        .max()
        .unwrap_or(0)
        .min(w / 4);
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

fn unit_detail(st: &State, hit: &Hit, f: &mut Frame, area: Rect) {
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
        .min(w / 3);
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
