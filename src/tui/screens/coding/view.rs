//! Drawing the Coding screen: context lines, the wrapped text with coded spans in their code's
//! colour and the selection, the coder's codings or a code's definition, and the palette.

use super::Mode;
use crate::corpus::text::slice_chars;
use crate::tui::mouse::{Hits, TextHit};
use crate::tui::state::State;
use crate::tui::widgets::colour::colour;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::flow::flow;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let pw = if area.width >= 110 { 36 } else { 32 };
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(pw)]).areas(area);
    text_pane(st, f, left, hits);
    super::palette_view::render(st, f, right, hits);
}

fn text_pane(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let focused = matches!(st.coding.mode, Mode::Code | Mode::Select);
    let Some(unit) = st.current_unit() else {
        let block = panel(&st.theme, focused).title(" No unit ");
        let msg = if st.project.units.is_empty() {
            "No units yet: import a file from the Sources screen (F2, then i) or with :import FILE."
        } else {
            "No units match the filters. Tab to the Sources screen and press x to clear them."
        };
        f.render_widget(
            Paragraph::new(msg).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    };
    let state = st.coder_state();
    let reviewed = state.is_reviewed(&unit.id);
    let title = Line::from(vec![
        Span::styled(format!(" {} ", unit.id), Style::new().bold()),
        Span::raw(format!("· {}/{} ", st.nav.pos + 1, st.nav_len())),
        if reviewed {
            Span::styled("✓ reviewed ", Style::new().fg(st.theme.reviewed))
        } else {
            Span::styled("not reviewed ", Style::new().fg(st.theme.dim))
        },
    ]);
    let block = panel(&st.theme, focused).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width;

    let wrapped = wrap(&unit.text, w);
    // Context: source, case and attributes, speaker, prompt.
    let mut head: Vec<Line> = Vec::new();
    let kind = st
        .project
        .source_kind(&unit.source)
        .map(|k| k.as_str())
        .unwrap_or("");
    let mut ctx = vec![Span::styled(
        format!("{} ({kind})", unit.source),
        Style::new().fg(st.theme.accent),
    )];
    if let Some(c) = &unit.case {
        ctx.push(Span::raw(c.clone()));
        if let Some(case) = st.case_of(unit) {
            // Under the survey's own headers ("Year of training: First-year"); shortest first:
            // the respondent's role, degree, year… before long survey items, and as many as the
            // lines hold.
            let mut attrs: Vec<String> = case
                .attributes
                .iter()
                .map(|(k, v)| format!("{}: {v}", st.project.attribute_label(k)))
                .collect();
            attrs.sort_by_key(|a| a.chars().count());
            ctx.extend(
                attrs
                    .into_iter()
                    .map(|a| Span::styled(a, Style::new().fg(Color::Gray))),
            );
        }
    }
    // As many lines as a short text leaves free (at least two): an attribute moves whole to
    // the next line, and those that find no line are counted ("+2 more"), never cut.
    let codings = state.codings_of(&unit.id).len() + 2;
    let spare = usize::from(inner.height).saturating_sub(wrapped.lines.len() + codings + 6);
    let ctx_lines = flow(ctx, " · ", usize::from(w), spare.clamp(2, 12));
    let ctx_rows = ctx_lines.len().max(1) as u16;
    let ctx_para = Paragraph::new(ctx_lines);
    if unit.speaker.is_some() || unit.time.is_some() {
        let who = unit.speaker.as_deref().unwrap_or("");
        let at = unit
            .time
            .as_deref()
            .map(|t| format!(" [{t}]"))
            .unwrap_or_default();
        head.push(Line::from(Span::styled(
            fit(&format!("Speaker: {who}{at}"), usize::from(w)),
            Style::new().fg(Color::Gray),
        )));
    }
    if unit.moderator {
        // A moderator's question: context for the answers, not compared or counted.
        head.push(Line::from(Span::styled(
            fit("Moderator's turn: context, not compared", usize::from(w)),
            Style::new().fg(st.theme.dim).add_modifier(Modifier::ITALIC),
        )));
    }
    let mut head_rows = head.len() as u16 + ctx_rows;
    if let Some(p) = &unit.prompt {
        // Three lines at most; a longer question ends in "…".
        let mut q = format!("Q: {p}");
        let pw = wrap(&q, w);
        if let Some(&end) = pw.starts.get(3) {
            let cut: String = q.chars().take(end.saturating_sub(2)).collect();
            q = format!("{}…", cut.trim_end());
        }
        let pw = wrap(&q, w);
        let n = pw.lines.len().min(3);
        head_rows += n as u16;
        head.extend(pw.render(&q, 0, n, |_| {
            Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::ITALIC)
        }));
    }
    head_rows += 1;
    head.push(Line::default());

    // Bottom: the definition when asked for, else this coder's codings and memo.
    let bottom = if st.coding.show_definition || st.coding.mode == Mode::Palette {
        definition_lines(st)
    } else {
        codings_lines(st, unit)
    };
    // The codings get what the text leaves, and at least half when both need more.
    let avail = inner.height.saturating_sub(head_rows);
    let text_need = wrapped.lines.len() as u16;
    let bottom_need: u16 = bottom
        .iter()
        .map(|l| (l.width() as u16).div_ceil(w.max(1)).max(1))
        .sum();
    let bottom_rows = bottom_need.min(avail.saturating_sub(text_need.min(avail / 2)).max(2));
    let [head_area, text_area, bottom_area] = Layout::vertical([
        Constraint::Length(head_rows.min(inner.height)),
        Constraint::Min(1),
        Constraint::Length(bottom_rows),
    ])
    .areas(inner);
    let [ctx_area, rest_area] = Layout::vertical([
        Constraint::Length(ctx_rows.min(head_area.height)),
        Constraint::Min(0),
    ])
    .areas(head_area);
    f.render_widget(ctx_para, ctx_area);
    f.render_widget(Paragraph::new(head), rest_area);

    let rows = usize::from(text_area.height);
    let max_scroll = wrapped.lines.len().saturating_sub(rows);
    let mut scroll = st.coding.scroll.min(max_scroll);
    if st.coding.selecting {
        let line = wrapped.line_of(st.coding.head);
        if line < scroll {
            scroll = line;
        } else if line >= scroll + rows {
            scroll = line + 1 - rows;
        }
    }
    let mut spans: Vec<(usize, usize, Color)> = state
        .codings_of(&unit.id)
        .iter()
        .filter_map(|c| {
            let (a, b) = c.span?;
            let code = st
                .project
                .codebook
                .canonical(&c.code)
                .and_then(|id| st.project.codebook.get(id))?;
            Some((a, b, colour(code)))
        })
        .collect();
    spans.sort_by_key(|(a, b, _)| std::cmp::Reverse(b - a));
    let sel = st.coding.selection(&unit.text);
    let head_at = st.coding.selecting.then_some(st.coding.head);
    let style = |o: usize| {
        let mut s = Style::new();
        if let Some((_, _, c)) = spans.iter().rev().find(|(a, b, _)| o >= *a && o < *b) {
            s = s.bg(*c).fg(Color::Black);
        }
        if sel.is_some_and(|(a, b)| o >= a && o < b) {
            s = s
                .bg(st.theme.selection)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD);
        }
        if head_at == Some(o) && st.coding.mode == Mode::Select {
            s = s.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED);
        }
        s
    };
    // More below: the last row says so instead of covering the end of a line of text.
    let more_below = scroll + rows < wrapped.lines.len() && text_area.width > 8 && rows > 1;
    let shown = if more_below { rows - 1 } else { rows };
    let lines = wrapped.render(&unit.text, scroll, shown, style);
    f.render_widget(Paragraph::new(lines), text_area);
    if more_below {
        let more = Rect {
            x: text_area.right() - 8,
            y: text_area.bottom() - 1,
            width: 8,
            height: 1,
        };
        f.render_widget(
            Span::styled(" ↓ more ", Style::new().fg(Color::Black).bg(st.theme.dim)),
            more,
        );
    }
    hits.text = Some(TextHit {
        area: text_area,
        scroll,
        wrapped,
    });
    f.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: false }),
        bottom_area,
    );
}

fn codings_lines(st: &State, unit: &crate::corpus::Unit) -> Vec<Line<'static>> {
    let state = st.coder_state();
    let cb = &st.project.codebook;
    let list = state.codings_of(&unit.id);
    let mut out = vec![Line::from(Span::styled(
        if list.is_empty() && unit.moderator {
            "Nothing to code: Space goes on".to_string()
        } else if list.is_empty() {
            "No codes yet — press a code's key".to_string()
        } else {
            format!("Your codes ({})", list.len())
        },
        Style::new().fg(st.theme.dim).bold(),
    ))];
    for c in list {
        let code = cb.canonical(&c.code).and_then(|id| cb.get(id));
        let (name, col) = code.map_or((format!("{} (removed)", c.code), Color::DarkGray), |x| {
            (x.name.clone(), colour(x))
        });
        let where_ = match c.span {
            Some((a, b)) => {
                let s = slice_chars(&unit.text, a, b);
                let short: String = s.chars().take(40).collect();
                format!(
                    " “{short}{}”",
                    if s.chars().count() > 40 { "…" } else { "" }
                )
            }
            None => " whole unit".into(),
        };
        let mut spans = vec![
            Span::styled("■ ", Style::new().fg(col)),
            Span::raw(name),
            Span::styled(where_, Style::new().fg(Color::Gray)),
        ];
        let memo = c.memo.as_deref().map(str::lines);
        let mut memo = memo.into_iter().flatten();
        if let Some(first) = memo.next() {
            spans.push(Span::styled(
                format!("  memo: {first}"),
                Style::new().fg(Color::LightMagenta),
            ));
        }
        out.push(Line::from(spans));
        // A memo's own line breaks stay line breaks.
        out.extend(memo.map(|l| {
            Line::from(Span::styled(
                format!("    {l}"),
                Style::new().fg(Color::LightMagenta),
            ))
        }));
    }
    if let Some(m) = state.unit_memos.get(&unit.id) {
        let mut lines = m.lines();
        out.push(Line::from(vec![
            Span::styled("Memo: ", Style::new().fg(Color::LightMagenta).bold()),
            Span::raw(lines.next().unwrap_or_default().to_string()),
        ]));
        out.extend(lines.map(|l| Line::from(format!("      {l}"))));
    }
    out
}

fn definition_lines(st: &State) -> Vec<Line<'static>> {
    let cb = &st.project.codebook;
    let Some(code) = st.coding.highlight.as_deref().and_then(|id| cb.get(id)) else {
        return vec![Line::from(Span::styled(
            "No code highlighted: [ ] or / choose one",
            Style::new().fg(st.theme.dim),
        ))];
    };
    let label = |l: &str| Span::styled(format!("{l}: "), Style::new().bold());
    let mut out = vec![Line::from(vec![
        Span::styled("■ ", Style::new().fg(colour(code))),
        Span::styled(code.name.clone(), Style::new().bold().underlined()),
        Span::raw(
            code.key
                .as_deref()
                .map(|k| format!("  key {k}"))
                .unwrap_or_default(),
        ),
    ])];
    for (l, v) in [
        ("What", &code.description),
        ("Include", &code.inclusion),
        ("Exclude", &code.exclusion),
        ("Example", &code.example),
    ] {
        if !v.is_empty() {
            out.push(Line::from(vec![label(l), Span::raw(v.clone())]));
        }
    }
    out
}
