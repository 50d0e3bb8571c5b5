//! Drawing the Themes screen: the tree with counts on the left, the highlighted theme (its
//! quotes and the suggestions) on the right, or the table as it will be exported.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::state::Focus;
use crate::export::Row;
use crate::themes::ThemePath;
use crate::themes::quote::curly;
use crate::themes::tree::Node;
use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;

/// Words wrapped to `width` columns.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let need = line.width() + usize::from(!line.is_empty()) + word.width();
        if need > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.width() > width {
            let cut: String = fit(&line, width);
            let kept = cut.trim_end_matches('…').to_string();
            let rest = line[kept.len()..].to_string();
            lines.push(kept);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn render(st: &State, f: &mut Frame, area: Rect, _hits: &mut Hits) {
    let th = &st.themes;
    if th.map.sections.is_empty() {
        let block = panel(&st.theme, true).title(" Themes ");
        let text = vec![
            Line::from("No theme map yet."),
            Line::default(),
            Line::from("a adds a theme (and its section and category); c assigns its codes."),
            Line::from("Or load a map: thematic themes import FILE (see the README)."),
        ];
        f.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    if th.preview {
        preview(st, f, area);
        return;
    }
    let left_w = (area.width * 2 / 5).clamp(24.min(area.width), 48);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    tree(st, f, left);
    detail(st, f, right);
}

fn counts(st: &State, p: ThemePath) -> Option<String> {
    let c = st.themes.computed()?;
    let t = c
        .report
        .sections
        .get(p.section)?
        .categories
        .get(p.category)?
        .themes
        .get(p.theme)?;
    Some(format!("{}/{}", t.counts.cases, t.counts.cases_total))
}

fn tree(st: &State, f: &mut Frame, area: Rect) {
    let th = &st.themes;
    let whose = th
        .computed()
        .map_or("counting…".to_string(), |c| c.whose.clone());
    let block = panel(&st.theme, th.focus == Focus::Tree).title(format!(" Themes · {whose} "));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = th.rows();
    let h = usize::from(inner.height);
    let top = window(th.cursor, rows.len(), h);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, node) in rows.iter().enumerate().skip(top).take(h) {
        let (text, right, style) = match *node {
            Node::Section(s) => (
                th.map.section_label(s),
                String::new(),
                Style::new()
                    .add_modifier(Modifier::BOLD)
                    .fg(st.theme.accent),
            ),
            Node::Category(s, c) => (
                format!(" {}", th.map.sections[s].categories[c].title),
                String::new(),
                Style::new().add_modifier(Modifier::ITALIC),
            ),
            Node::Theme(p) => {
                let t = th.map.theme(p);
                let quotes = t.map_or(0, |t| t.quotes.len());
                let warn = th
                    .computed()
                    .and_then(|c| {
                        c.report
                            .sections
                            .get(p.section)?
                            .categories
                            .get(p.category)?
                            .themes
                            .get(p.theme)
                    })
                    .is_some_and(|r| !r.warnings.is_empty());
                (
                    format!("   {}", t.map_or("", |t| t.name.as_str())),
                    format!(
                        "{}{} {}q",
                        if warn { "! " } else { "" },
                        counts(st, p).unwrap_or_default(),
                        quotes
                    ),
                    Style::new(),
                )
            }
        };
        let room = w.saturating_sub(right.width() + 1);
        let mut spans = vec![Span::styled(format!("{:<room$}", fit(&text, room)), style)];
        if !right.is_empty() {
            spans.push(Span::styled(
                format!(" {right}"),
                Style::new().fg(st.theme.dim),
            ));
        }
        let mut line = Line::from(spans);
        if i == th.cursor {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn detail(st: &State, f: &mut Frame, area: Rect) {
    let th = &st.themes;
    let focused = th.focus == Focus::Quotes;
    let Some(p) = th.theme_path() else {
        let block = panel(&st.theme, false).title(" Theme ");
        let text = "Highlight a theme to read its quotes and suggestions. a adds a theme here, \
                    n renames, J/K move, d deletes, v previews the table, E exports it.";
        let lines: Vec<Line> = wrap_words(text, usize::from(area.width.saturating_sub(2)))
            .into_iter()
            .map(Line::from)
            .collect();
        f.render_widget(Paragraph::new(lines).block(block), area);
        return;
    };
    let Some(theme) = th.map.theme(p) else {
        return;
    };
    let block = panel(&st.theme, focused).title(format!(" {} ", theme.name));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let dim = Style::new().fg(st.theme.dim);
    let mut lines: Vec<Line> = Vec::new();
    let report = th.computed().and_then(|c| {
        c.report
            .sections
            .get(p.section)?
            .categories
            .get(p.category)?
            .themes
            .get(p.theme)
    });
    if !theme.description.is_empty() {
        for l in wrap_words(&theme.description, w) {
            lines.push(Line::from(l));
        }
    }
    let codes = if theme.codes.is_empty() {
        "none yet (c assigns them)".to_string()
    } else {
        theme.codes.join(", ")
    };
    lines.push(Line::from(vec![
        Span::styled("Codes: ", dim),
        Span::raw(codes),
    ]));
    if let Some(r) = report {
        lines.push(Line::from(Span::styled(
            format!(
                "{} of {} respondents · {} units · {}",
                r.counts.cases,
                r.counts.cases_total,
                r.counts.units,
                th.computed().map_or("", |c| c.whose.as_str())
            ),
            dim,
        )));
    }
    let mut item_line = Vec::new();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("Pinned quotes ({})", theme.quotes.len()),
        Style::new().add_modifier(Modifier::BOLD),
    )));
    for (i, q) in theme.quotes.iter().enumerate() {
        let qr = report.and_then(|r| r.quotes.get(i));
        let text = qr.map_or(q.text.clone().unwrap_or_default(), |r| r.printed.clone());
        item_line.push(lines.len());
        push_item(&mut lines, &curly(&text), w, focused && th.item == i);
        let place = qr.map_or(q.unit.clone(), |r| {
            format!(
                "{} · {} · {}",
                q.unit,
                r.case.as_deref().unwrap_or("no case"),
                r.source_kind.as_deref().unwrap_or("")
            )
        });
        lines.push(Line::from(Span::styled(format!("  {place}"), dim)));
        for warn in qr.map(|r| r.warnings.as_slice()).unwrap_or_default() {
            for l in wrap_words(&format!("! {warn}"), w.saturating_sub(2)) {
                lines.push(Line::from(Span::styled(
                    format!("  {l}"),
                    Style::new().fg(st.theme.error),
                )));
            }
        }
    }
    let sugg = th.suggestions(p);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        if th.computing.is_some() && sugg.is_empty() {
            "Suggestions: computing…".to_string()
        } else {
            format!("Suggestions ({}; Enter pins)", sugg.len())
        },
        Style::new().add_modifier(Modifier::BOLD),
    )));
    let nq = theme.quotes.len();
    for (k, s) in sugg.iter().enumerate() {
        item_line.push(lines.len());
        push_item(
            &mut lines,
            &format!("{}. “{}”", k + 1, s.text.trim()),
            w,
            focused && th.item == nq + k,
        );
        let why = format!(
            "{} · {} — {}",
            s.unit,
            s.case.as_deref().unwrap_or("no case"),
            s.reasons.join("; ")
        );
        for l in wrap_words(&why, w.saturating_sub(2)) {
            lines.push(Line::from(Span::styled(format!("  {l}"), dim)));
        }
    }
    let h = usize::from(inner.height);
    let at = if focused {
        item_line.get(th.item).copied().unwrap_or(0)
    } else {
        0
    };
    let top = at.saturating_sub(h / 3).min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

fn push_item(lines: &mut Vec<Line<'static>>, text: &str, w: usize, selected: bool) {
    for (i, l) in wrap_words(text, w).into_iter().enumerate() {
        let style = if selected && i == 0 {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(l, style)));
    }
}

/// The table as it will be exported, wrapped to the screen, from the highlighted theme on.
fn preview(st: &State, f: &mut Frame, area: Rect) {
    let block = panel(&st.theme, true).title(" Table preview (v returns, E exports) ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let table = match crate::themes::table::theme_table(&st.project, &st.themes.map, None) {
        Ok(t) => t.table,
        Err(e) => {
            f.render_widget(Paragraph::new(e.to_string()), inner);
            return;
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    if !table.caption().is_empty() {
        for l in wrap_words(&table.caption(), w) {
            let bold = Style::new().add_modifier(Modifier::BOLD);
            lines.push(Line::from(Span::styled(l, bold)));
        }
    }
    lines.push(Line::from("─".repeat(w)));
    let mut theme_lines = Vec::new();
    for row in &table.rows {
        match row {
            Row::Section(s) => {
                lines.push(Line::from(Span::styled(
                    s.clone(),
                    Style::new()
                        .add_modifier(Modifier::BOLD)
                        .fg(st.theme.accent),
                )));
            }
            Row::Category(c) => {
                for l in wrap_words(c, w) {
                    lines.push(Line::from(Span::styled(
                        l,
                        Style::new().add_modifier(Modifier::ITALIC),
                    )));
                }
            }
            Row::Body(cells) => {
                theme_lines.push(lines.len());
                let texts: Vec<Vec<String>> = cells.iter().map(|c| c.texts()).collect();
                let name = texts
                    .first()
                    .and_then(|t| t.first())
                    .cloned()
                    .unwrap_or_default();
                lines.push(Line::from(Span::styled(
                    format!("  {name}"),
                    Style::new().add_modifier(Modifier::BOLD),
                )));
                for d in texts.get(1).into_iter().flatten() {
                    for l in wrap_words(d, w.saturating_sub(4)) {
                        lines.push(Line::from(Span::styled(
                            format!("    {l}"),
                            Style::new().fg(st.theme.dim),
                        )));
                    }
                }
                for q in texts.get(2).into_iter().flatten() {
                    for (i, l) in wrap_words(q, w.saturating_sub(6)).into_iter().enumerate() {
                        lines.push(Line::from(format!(
                            "{}{l}",
                            if i == 0 { "    • " } else { "      " }
                        )));
                    }
                }
            }
        }
    }
    lines.push(Line::from("─".repeat(w)));
    for n in &table.footnotes {
        for l in wrap_words(&n.text(), w) {
            lines.push(Line::from(Span::styled(l, Style::new().fg(st.theme.dim))));
        }
    }
    let themes_before = st
        .themes
        .rows()
        .iter()
        .take(st.themes.cursor + 1)
        .filter(|n| matches!(n, Node::Theme(_)))
        .count();
    let at = themes_before
        .checked_sub(1)
        .and_then(|i| theme_lines.get(i).copied())
        .unwrap_or(0);
    let h = usize::from(inner.height);
    let top = at.saturating_sub(2).min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
