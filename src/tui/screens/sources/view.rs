//! Drawing the Sources screen: sources by kind and cases on the left, the filtered units with
//! this coder's marks on the right. Only the visible rows are built, whatever the corpus size.

use super::{LeftRow, left_rows};
use crate::tui::action::Command;
use crate::tui::keymap::Context;
use crate::tui::mouse::Hits;
use crate::tui::state::{State, UnitMark};
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let lw = if area.width >= 110 { 40 } else { 32 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(lw), Constraint::Min(0)]).areas(area);

    let block = panel(&st.theme, !st.sources.focus_right).title(" Sources & cases ");
    let inner = block.inner(left);
    f.render_widget(block, left);
    let rows = left_rows(st);
    let h = usize::from(inner.height);
    let first = window(st.sources.left, rows.len(), h);
    hits.left_list = Some((inner, first));
    let w = usize::from(inner.width);
    let filt = &st.sources.filter;
    // The count columns are as wide as the largest count: the rest is the source's name.
    let nw = st
        .progress
        .units_per_source
        .values()
        .max()
        .map_or(1, |n| n.to_string().len());
    let label_w = w.saturating_sub(2 * nw + 6);
    for (i, row) in rows.iter().enumerate().skip(first).take(h) {
        let (text, mut style, active) = match row {
            LeftRow::All => {
                let n = st.project.units.len();
                (
                    format!("All sources: {n} units, {} ✓", st.reviewed_total()),
                    Style::new().bold(),
                    filt.kind.is_none() && filt.source.is_none(),
                )
            }
            LeftRow::Kind(k) => (
                k.as_str().to_string(),
                Style::new().fg(Color::LightBlue).bold(),
                filt.kind == Some(*k),
            ),
            LeftRow::Source(s) => {
                let n = st.progress.units_per_source.get(s).copied().unwrap_or(0);
                let r = st.progress.reviewed_per_source.get(s).copied().unwrap_or(0);
                let label = fit(s, label_w);
                (
                    format!("  {label:<label_w$} {n:>nw$} {r:>nw$}✓"),
                    Style::new(),
                    filt.source.as_deref() == Some(s),
                )
            }
            LeftRow::CasesHeading => (
                format!("Cases ({})", st.project.cases.len()),
                Style::new().fg(Color::LightBlue).bold(),
                false,
            ),
            LeftRow::Case(ci) => {
                let c = &st.project.cases[*ci];
                // Shortest first, as in the unit header: role, degree… before long survey items.
                let mut attrs: Vec<String> = c
                    .attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                attrs.sort_by_key(|a| a.chars().count());
                (
                    format!("  {} {}", c.id, attrs.join(" ")),
                    Style::new(),
                    filt.case.as_deref() == Some(c.id.as_str()),
                )
            }
        };
        if active {
            style = style.fg(st.theme.accent);
        }
        if i == st.sources.left && !st.sources.focus_right {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let y = inner.y + (i - first) as u16;
        let mark = if active { "▸" } else { " " };
        f.render_widget(
            Line::from(vec![
                Span::raw(mark),
                Span::styled(fit(&text, w.saturating_sub(1)), style),
            ]),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }

    let title = format!(
        " Units: {} — {} ",
        st.sources.filter.describe(),
        st.nav_len()
    );
    let title = fit(&title, usize::from(right.width.saturating_sub(2)));
    let block = panel(&st.theme, st.sources.focus_right).title(title);
    let inner = block.inner(right);
    f.render_widget(block, right);
    let total = st.project.units.len();
    let n = st.nav_len();
    let h = usize::from(inner.height);
    let first = window(st.nav.pos, n, h);
    hits.right_list = Some((inner, first));
    let w = usize::from(inner.width);
    // Ids and names stay whole: their columns are as wide as the longest on screen; when that
    // leaves the text too little room, the speaker or case goes in front of the text instead.
    let visible: Vec<&crate::corpus::Unit> = (first..(first + h).min(n))
        .filter_map(|p| st.nav.unit_at(p, total))
        .map(|ui| &st.project.units[ui])
        .collect();
    let who_of = |u: &crate::corpus::Unit| -> String {
        u.case
            .as_deref()
            .or(u.speaker.as_deref())
            .unwrap_or("-")
            .to_string()
    };
    let id_w = visible.iter().map(|u| u.id.width()).max().unwrap_or(0);
    let who_w = visible.iter().map(|u| who_of(u).width()).max().unwrap_or(0);
    let who_column = w.saturating_sub(id_w + who_w + 4) >= 16;
    if n == 0 && total == 0 {
        let import = st.keymap.keys_for(Context::Sources, Command::ShowImport);
        let msg = format!(
            "No sources yet. Press {import} to import a survey CSV, interview or meeting notes \
             (.md .txt .docx) or a transcript (.vtt .srt): you see what it will give before \
             anything is written."
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), inner);
    } else if n == 0 {
        f.render_widget(
            Line::from("No unit matches these filters (x clears them)"),
            inner,
        );
    }
    for p in first..(first + h).min(n) {
        let Some(ui) = st.nav.unit_at(p, total) else {
            continue;
        };
        let u = &st.project.units[ui];
        let mark = st.unit_mark(u);
        let mark_style = match mark {
            UnitMark::Reviewed => Style::new().fg(st.theme.reviewed),
            UnitMark::Coded => Style::new().fg(Color::Yellow),
            UnitMark::Uncoded => Style::new().fg(st.theme.dim),
        };
        let who = who_of(u);
        let one_line = u.text.replace(['\n', '\t'], " ");
        let mut style = Style::new();
        if p == st.nav.pos {
            style = if st.sources.focus_right {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style.add_modifier(Modifier::BOLD)
            };
        }
        if u.moderator {
            // A moderator's question: context, in italics.
            style = style.add_modifier(Modifier::ITALIC);
        }
        let mut spans = vec![
            Span::styled(format!("{} ", mark.symbol()), mark_style),
            Span::styled(format!("{:<id_w$} ", u.id), style),
        ];
        if who_column {
            let text_w = w.saturating_sub(id_w + who_w + 4);
            spans.push(Span::styled(
                format!("{who:<who_w$} "),
                style.fg(Color::Gray),
            ));
            spans.push(Span::styled(fit(&one_line, text_w), style));
        } else {
            let text_w = w.saturating_sub(id_w + 3);
            spans.push(Span::styled(
                fit(&format!("{who}: {one_line}"), text_w),
                style,
            ));
        }
        let line = Line::from(spans);
        f.render_widget(
            line,
            Rect {
                y: inner.y + (p - first) as u16,
                height: 1,
                ..inner
            },
        );
    }
}
