//! Drawing the codebook palette beside the text: shortcut keys, colours, which codes this unit
//! has (● whole unit, ◐ a span), the filter box, the highlighted code.

use super::{Mode, PaletteRow, palette};
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::colour::colour;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let mode = st.coding.mode;
    let title = match mode {
        Mode::Pick => " Code the selection: press a key ",
        Mode::Palette => " Find a code ",
        _ => " Codes ",
    };
    let block = panel(&st.theme, matches!(mode, Mode::Pick | Mode::Palette)).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut list_area = inner;
    if mode == Mode::Palette {
        let line = Line::from(vec![
            Span::styled("/", Style::new().fg(st.theme.accent)),
            Span::raw(""),
        ]);
        let input = st
            .coding
            .filter
            .line(inner.width.saturating_sub(1), Style::new(), true);
        let mut spans = line.spans;
        spans.extend(input.spans);
        f.render_widget(Line::from(spans), Rect { height: 1, ..inner });
        list_area = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
    }
    let filter = if mode == Mode::Palette {
        st.coding.filter.value()
    } else {
        ""
    };
    let mut rows = palette(&st.project.codebook, filter);
    let height = usize::from(list_area.height);
    if rows.len() > height {
        rows.retain(|r| matches!(r, PaletteRow::Code(..)));
    }
    let unit = st.current_unit();
    let state = st.coder_state();
    let cb = &st.project.codebook;
    let hl_row = rows.iter().position(|r| matches!(r, PaletteRow::Code(c, _) if Some(c.id.as_str()) == st.coding.highlight.as_deref()));
    // More codes than rows: the last row lists the keys of those out of view, so every key can
    // be seen; [ and ] scroll (the highlight stays in view).
    let overflow = rows.len() > height;
    let shown = if overflow {
        height.saturating_sub(1)
    } else {
        height
    };
    let offset = hl_row.map_or(0, |h| (h + 1).saturating_sub(shown));
    if overflow && height > 0 {
        let hidden: Vec<&str> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < offset || *i >= offset + shown)
            .filter_map(|(_, r)| match r {
                PaletteRow::Code(c, _) => Some(c.key.as_deref().unwrap_or("·")),
                PaletteRow::Group(_) => None,
            })
            .collect();
        let key = |cmd| st.keymap.keys_for(crate::tui::keymap::Context::Coding, cmd);
        let text = format!(
            "+{} {} ({} {} scroll)",
            hidden.len(),
            hidden.join(" "),
            key(crate::tui::action::Command::PaletteUp),
            key(crate::tui::action::Command::PaletteDown)
        );
        f.render_widget(
            Line::from(Span::styled(
                fit(&text, usize::from(list_area.width)),
                Style::new().fg(st.theme.dim),
            )),
            Rect {
                y: list_area.y + shown as u16,
                height: 1,
                ..list_area
            },
        );
    }
    for (i, row) in rows.iter().enumerate().skip(offset).take(shown) {
        let y = list_area.y + (i - offset) as u16;
        let r = Rect {
            x: list_area.x,
            y,
            width: list_area.width,
            height: 1,
        };
        let line = match row {
            PaletteRow::Group(g) => Line::from(Span::styled(
                fit(
                    &format!("{}{}", g.name, if g.exclusive { " (pick one)" } else { "" }),
                    usize::from(list_area.width),
                ),
                Style::new().fg(colour(g)).bold(),
            )),
            PaletteRow::Code(c, depth) => {
                let on: Vec<_> = unit
                    .map(|u| {
                        state
                            .codings_of(&u.id)
                            .iter()
                            .filter(|x| cb.canonical(&x.code) == Some(c.id.as_str()))
                            .collect()
                    })
                    .unwrap_or_default();
                let mark = if on.iter().any(|x| x.span.is_none()) {
                    "●"
                } else if !on.is_empty() {
                    "◐"
                } else {
                    " "
                };
                let key = c.key.clone().unwrap_or_else(|| " ".into());
                // Keys in one column: codes of no group line up with those in groups.
                let indent = " ".repeat((*depth).clamp(1, 2));
                let mut style = Style::new();
                if Some(c.id.as_str()) == st.coding.highlight.as_deref() {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                hits.palette.push((r, c.id.clone()));
                let name_w = usize::from(list_area.width).saturating_sub(indent.len() + 6);
                let name = fit(&c.name, name_w);
                Line::from(vec![
                    Span::raw(indent),
                    Span::styled(format!("{key} "), Style::new().fg(st.theme.accent).bold()),
                    Span::styled("■ ", Style::new().fg(colour(c))),
                    Span::styled(name, style),
                    Span::raw(" "),
                    Span::styled(mark, Style::new().fg(colour(c)).bold()),
                ])
            }
        };
        f.render_widget(line, r);
    }
    if rows.is_empty() {
        f.render_widget(
            Line::from(Span::styled(
                "No code matches",
                Style::new().fg(st.theme.dim),
            )),
            list_area,
        );
    }
}
