//! Drawing the Import screen: the path and the kind on top; under them the folder's files (while
//! typing) or the preview — a survey's columns with their roles, a transcript's first turns, an
//! attributes CSV's case ids — with the problem where it is and the equivalent command.

use super::preview_view;
use super::state::{Focus, Preview};
use crate::corpus::SourceKind;
use crate::tui::mouse::Hits;
use crate::tui::screens::themes::view::wrap_words;
use crate::tui::state::State;
use crate::tui::widgets::fit::{fit, window};
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let [top, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(area);
    header(st, f, top);
    match st.import.focus {
        Focus::Path => entries(st, f, rest, hits),
        Focus::Preview => preview(st, f, rest),
    }
}

fn header(st: &State, f: &mut Frame, area: Rect) {
    let im = &st.import;
    let typing = im.focus == Focus::Path;
    let block = panel(&st.theme, typing).title(" Import a file into the project ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let bold = Style::new().bold();
    let dim = Style::new().fg(st.theme.dim);
    let w = inner.width.saturating_sub(6);
    let mut file = vec![Span::styled("File  ", bold)];
    file.extend(im.path.line(w, Style::new(), typing).spans);
    let kind = match (typing, im.target) {
        (false, Some(t)) => Line::from(vec![
            Span::styled("Kind  ", bold),
            Span::styled(t.label(), Style::new().fg(st.theme.accent).bold()),
            Span::styled(format!(" ({})", im.target_note), dim),
        ]),
        _ => Line::styled(
            "Tab completes · ↓/↑ choose below · Enter: a folder lists, a file previews",
            dim,
        ),
    };
    f.render_widget(Paragraph::new(vec![Line::from(file), kind]), inner);
}

fn entries(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let im = &st.import;
    let block = panel(&st.theme, false).title(" Folders and the files thematic reads ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (w, h) = (usize::from(inner.width), usize::from(inner.height));
    let cur = im.cursor.unwrap_or(0);
    let first = window(cur, im.entries.len(), h);
    hits.left_list = Some((inner, first));
    let mut lines = Vec::new();
    for (i, e) in im.entries.iter().enumerate().skip(first).take(h) {
        let mut name = e.path.display().to_string();
        if e.dir && !name.ends_with('/') {
            name.push('/');
        }
        let tag = if e.recent {
            "recent "
        } else if e.dir {
            "folder "
        } else {
            "       "
        };
        let text = fit(&format!("{tag}{name}"), w);
        let style = if im.cursor == Some(i) {
            Style::new().add_modifier(Modifier::REVERSED)
        } else if e.dir {
            Style::new().fg(st.theme.accent)
        } else {
            Style::new()
        };
        lines.push(Line::styled(format!("{text:<w$}"), style));
    }
    if im.entries.is_empty() {
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        for l in wrap_words(
            &format!(
                "Nothing to list. Type a folder (relative to {here}, or ~/…) and press Tab; \
                 thematic reads survey CSVs, notes (.md .txt .docx) and transcripts (.vtt .srt .txt)."
            ),
            w,
        ) {
            lines.push(Line::styled(l, Style::new().fg(st.theme.dim)));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn preview(st: &State, f: &mut Frame, area: Rect) {
    let im = &st.import;
    let block = panel(&st.theme, true).title(" Preview: nothing is written until Enter ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let cmd = super::equivalent(&st.import);
    let cmd_lines = wrap_words(&format!("$ {cmd}"), w);
    let cmd_h = cmd_lines.len().min(3) as u16;
    let [body, foot] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(cmd_h)]).areas(inner);
    let foot_lines: Vec<Line> = cmd_lines
        .into_iter()
        .take(3)
        .map(|l| Line::styled(l, Style::new().fg(st.theme.dim)))
        .collect();
    f.render_widget(Paragraph::new(foot_lines), foot);
    if let Some(r) = &im.running {
        let [g, _] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        let ratio = r.step as f64 / r.steps.max(1) as f64;
        f.render_widget(
            Gauge::default()
                .gauge_style(Style::new().fg(st.theme.accent))
                .ratio(ratio.clamp(0.0, 1.0))
                .label(r.what.clone()),
            g,
        );
        return;
    }
    let h = usize::from(body.height);
    let lines = match &im.preview {
        None => vec![Line::from("Choose a file")],
        Some(Ok(Preview::Source(p))) if p.kind == SourceKind::Survey => {
            preview_view::survey(st, p, w, h)
        }
        Some(Ok(Preview::Source(p))) => preview_view::turns(st, p, w, h),
        Some(Ok(Preview::Attributes(a))) => preview_view::attributes(st, a, w, h),
        Some(Err(problem)) => preview_view::refused(st, problem, w, h),
    };
    f.render_widget(Paragraph::new(lines), body);
}
