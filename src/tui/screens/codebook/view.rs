//! Drawing the Codebook screen: the tree on the left, every field of the highlighted code on
//! the right.

use super::{rows, selected};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::colour::colour;
use crate::tui::widgets::fit::{fit, fit_spans, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let lw = if area.width >= 110 { 46 } else { 36 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(lw), Constraint::Min(0)]).areas(area);
    let cb = &st.project.codebook;
    let name = if cb.name.is_empty() {
        "Codebook"
    } else {
        cb.name.as_str()
    };
    let title = format!(" {} codes · {name} ", cb.active().count());
    let title = fit(&title, usize::from(lw.saturating_sub(2)));
    let block = panel(&st.theme, true).title(title);
    let inner = block.inner(left);
    f.render_widget(block, left);
    let all = rows(cb);
    let h = usize::from(inner.height);
    let first = window(st.codebook.cursor, all.len(), h);
    hits.left_list = Some((inner, first));
    for (i, (c, depth)) in all.iter().enumerate().skip(first).take(h) {
        let mut name_style = Style::new();
        let suffix = if c.removed {
            name_style = name_style
                .fg(st.theme.dim)
                .add_modifier(Modifier::CROSSED_OUT);
            " (removed)".to_string()
        } else if let Some(into) = &c.merged_into {
            name_style = name_style.fg(st.theme.dim);
            format!(
                " → {}",
                cb.get(into).map_or(into.as_str(), |x| x.name.as_str())
            )
        } else {
            String::new()
        };
        if cb.children(Some(&c.id)).next().is_some() {
            name_style = name_style.bold();
        }
        if i == st.codebook.cursor {
            name_style = name_style.add_modifier(Modifier::REVERSED);
        }
        let line = Line::from(fit_spans(
            vec![
                Span::raw("  ".repeat(*depth)),
                Span::styled(
                    format!("{} ", c.key.as_deref().unwrap_or(" ")),
                    Style::new().fg(st.theme.accent).bold(),
                ),
                Span::styled("■ ", Style::new().fg(colour(c))),
                Span::styled(format!("{}{suffix}", c.name), name_style),
            ],
            usize::from(inner.width),
        ));
        f.render_widget(
            line,
            Rect {
                y: inner.y + (i - first) as u16,
                height: 1,
                ..inner
            },
        );
    }

    let block = panel(&st.theme, false).title(" Definition ");
    let Some(c) = selected(st) else {
        f.render_widget(
            Paragraph::new("The codebook is empty: press a to add a code").block(block),
            right,
        );
        return;
    };
    let label = |l: &str| Span::styled(format!("{l}: "), Style::new().fg(Color::LightBlue).bold());
    let parent = c
        .parent
        .as_deref()
        .and_then(|p| cb.get(p))
        .map_or("—".to_string(), |p| p.name.clone());
    let mut lines = vec![
        Line::from(vec![
            Span::styled("■ ", Style::new().fg(colour(c))),
            Span::styled(c.name.clone(), Style::new().bold().underlined()),
        ]),
        Line::from(vec![label("Id"), Span::raw(c.id.clone())]),
        Line::from(vec![
            label("Key"),
            Span::raw(c.key.clone().unwrap_or_else(|| "—".into())),
            Span::raw("   "),
            label("Colour"),
            Span::raw(c.colour.clone().unwrap_or_else(|| "—".into())),
        ]),
        Line::from(vec![
            label("Parent"),
            Span::raw(parent),
            Span::raw(if c.exclusive {
                "   children exclusive (pick one)"
            } else {
                ""
            }),
        ]),
        Line::default(),
    ];
    for (l, v) in [
        ("Description", &c.description),
        ("Inclusion", &c.inclusion),
        ("Exclusion", &c.exclusion),
        ("Example", &c.example),
    ] {
        lines.push(Line::from(label(l)));
        if v.is_empty() {
            lines.push(Line::from("—"));
        }
        lines.extend(v.lines().map(|l| Line::from(l.to_string())));
        lines.push(Line::default());
    }
    // A long definition scrolls (J/K); "↓ more" says there is more below.
    let inner = block.inner(right);
    f.render_widget(block, right);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(usize::from(inner.width.max(1))).max(1))
        .sum();
    let h = usize::from(inner.height);
    let scroll = st.codebook.scroll.min(rows.saturating_sub(h));
    // More below: the last row says so instead of covering the end of a line of text.
    let more_below = scroll + h < rows && inner.width > 12 && h > 1;
    let text_area = Rect {
        height: inner.height - u16::from(more_below),
        ..inner
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        text_area,
    );
    if more_below {
        let keys = st.keymap.keys_for(
            crate::tui::keymap::Context::Codebook,
            crate::tui::action::Command::ScrollDown,
        );
        let more = format!(" ↓ more {keys} ");
        let w = more.chars().count() as u16;
        f.render_widget(
            Span::styled(more, Style::new().fg(Color::Black).bg(st.theme.dim)),
            Rect {
                x: inner.right().saturating_sub(w),
                y: inner.bottom().saturating_sub(1),
                width: w,
                height: 1,
            },
        );
    }
}
