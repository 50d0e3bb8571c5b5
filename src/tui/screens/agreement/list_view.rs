//! Drawing one code's disagreements: a unit per row with A's codes against B's, and below it the
//! highlighted unit in full (context, both coders' codes, the text).

use super::labels::coders_label;
use super::{Computed, DisagreementList};
use crate::agreement::{Granularity, UnitDisagreement};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, fit_spans, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

fn name<'a>(st: &'a State, id: &'a str) -> &'a str {
    st.project.codebook.get(id).map_or(id, |c| c.name.as_str())
}

/// A coder's codes for a list row: the listed code first, then the codes the other coder did not
/// apply, then (dim) the codes both applied.
fn row_codes(
    st: &State,
    mine: &[String],
    theirs: &[String],
    focus: &str,
    base: Style,
) -> Vec<Span<'static>> {
    if mine.is_empty() {
        return vec![Span::styled("(no code)", base.fg(st.theme.dim))];
    }
    let shared = |id: &String| theirs.contains(id);
    let mut order: Vec<&String> = mine.iter().filter(|id| *id == focus).collect();
    order.extend(mine.iter().filter(|id| *id != focus && !shared(id)));
    order.extend(mine.iter().filter(|id| *id != focus && shared(id)));
    let mut out = Vec::new();
    for (i, id) in order.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::styled(", ", base));
        }
        let style = if id == focus {
            base.fg(st.theme.accent).bold()
        } else if shared(id) {
            base.fg(st.theme.dim)
        } else {
            base
        };
        out.push(Span::styled(name(st, id).to_string(), style));
    }
    out
}

/// A coder's codes as spans, the listed code picked out.
fn codes(st: &State, ids: &[String], focus: &str, base: Style) -> Vec<Span<'static>> {
    if ids.is_empty() {
        return vec![Span::styled("(no code)", base.fg(st.theme.dim))];
    }
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(Span::styled(", ", base));
        }
        let style = if id == focus {
            base.fg(st.theme.accent).bold()
        } else {
            base
        };
        out.push(Span::styled(name(st, id).to_string(), style));
    }
    out
}

pub fn render(
    st: &State,
    c: &Computed,
    list: &DisagreementList,
    f: &mut Frame,
    area: Rect,
    hits: &mut Hits,
) {
    let units = c.disagreements.for_code(&list.code);
    let coders = &c.report.coders;
    let title = format!(
        " {}: {} where {} and {} differ · Enter opens one · Esc back ",
        name(st, &list.code),
        super::units(units.len()),
        coders[0],
        coders[1]
    );
    let block =
        panel(&st.theme, true).title(fit(&title, usize::from(area.width.saturating_sub(2))));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let list_h = (units.len() as u16)
        .clamp(3, (inner.height / 2).max(3))
        .min(inner.height);
    let [list_area, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(inner);
    let w = usize::from(list_area.width);
    let idw = units
        .iter()
        .map(|u| u.unit.chars().count())
        .max()
        .unwrap_or(0)
        .min(w / 4);
    let h = usize::from(list_area.height);
    let cur = list.cursor.min(units.len().saturating_sub(1));
    let first = window(cur, units.len(), h);
    hits.left_list = Some((list_area, first));
    let half = w.saturating_sub(idw + 9) / 2;
    for (i, u) in units.iter().enumerate().skip(first).take(h) {
        let base = if i == cur {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let letter = Style::new().fg(Color::Gray).bold();
        let mut spans = vec![Span::styled(
            format!(" {:<idw$} ", fit(&u.unit, idw)),
            base.bold(),
        )];
        spans.push(Span::styled("A ", letter));
        let a = fit_spans(row_codes(st, &u.a, &u.b, &list.code, base), half);
        let aw: usize = a.iter().map(Span::width).sum();
        spans.extend(a);
        spans.push(Span::styled(" ".repeat(half.saturating_sub(aw)), base));
        spans.push(Span::styled(" │ B ", letter));
        spans.extend(fit_spans(row_codes(st, &u.b, &u.a, &list.code, base), half));
        f.render_widget(
            Line::from(spans),
            Rect {
                y: list_area.y + (i - first) as u16,
                height: 1,
                ..list_area
            },
        );
    }
    if let Some(u) = units.get(cur) {
        unit_detail(st, c, u, &list.code, f, detail);
    }
}

fn unit_detail(
    st: &State,
    c: &Computed,
    u: &UnitDisagreement,
    focus: &str,
    f: &mut Frame,
    area: Rect,
) {
    let dim = Style::new().fg(st.theme.dim);
    let block = Block::default()
        .borders(ratatui::widgets::Borders::TOP)
        .border_style(dim)
        .title(format!(" {} ", u.unit));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let unit = st.project.unit(&u.unit);
    let mut ctx = vec![Span::styled(
        u.source.clone(),
        Style::new().fg(st.theme.accent),
    )];
    if let Some(case) = unit.and_then(|x| st.case_of(x)) {
        let attrs: Vec<String> = case
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        ctx.push(Span::raw(format!(
            " · case {} {}",
            case.id,
            attrs.join(" ")
        )));
    } else if let Some(s) = unit.and_then(|x| x.speaker.as_deref()) {
        ctx.push(Span::raw(format!(" · {s}")));
    }
    let label = coders_label(st, &c.report.coders);
    let names: Vec<&str> = label.split(" × ").collect();
    let mut lines = vec![Line::from(fit_spans(ctx, usize::from(inner.width)))];
    for (i, set) in [&u.a, &u.b].into_iter().enumerate() {
        let mut spans = vec![Span::styled(
            format!("{}: ", names.get(i).copied().unwrap_or("")),
            Style::new().fg(Color::Gray).bold(),
        )];
        spans.extend(codes(st, set, focus, Style::new()));
        lines.push(Line::from(spans));
    }
    if c.request.level == Granularity::Span {
        lines.push(Line::from(Span::styled(
            "Listed: units whose code sets differ. At span level the counts also weigh spans \
             that differ inside a unit.",
            dim,
        )));
    }
    if let Some(unit) = unit {
        if let Some(p) = unit.prompt.as_deref().filter(|p| !p.is_empty()) {
            lines.push(Line::from(Span::styled(format!("Q: {p}"), dim.italic())));
        }
        for l in unit.text.lines() {
            lines.push(Line::from(l.to_string()));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
