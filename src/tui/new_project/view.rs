//! Drawing the new-project screen: where, the name, the starter codebook, the keys, and the
//! reason when the project could not be created.

use super::{Field, NewProject};
use crate::tui::config::Theme;
use crate::tui::screens::themes::view::wrap_words;
use crate::tui::widgets::fit::fit;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(s: &NewProject, f: &mut Frame) {
    let theme = Theme::default();
    let area = f.area();
    let w = area.width.clamp(40, 76);
    let [_, col, _] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(w),
        Constraint::Min(0),
    ])
    .areas(area);
    let h = 14.min(area.height);
    let [_, boxed, _] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(h),
        Constraint::Min(0),
    ])
    .areas(col);
    f.render_widget(Clear, boxed);
    let block = panel(&theme, true).title(" thematic · a new project ");
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let iw = usize::from(inner.width);
    let bold = Style::new().bold();
    let dim = Style::new().fg(theme.dim);
    let mut lines: Vec<Line> = wrap_words(
        &format!(
            "{} holds no thematic project. Create one there?",
            std::path::absolute(&s.dir)
                .unwrap_or_else(|_| s.dir.clone())
                .display()
        ),
        iw,
    )
    .into_iter()
    .map(Line::from)
    .collect();
    lines.push(Line::default());
    let focus = |field: Field| {
        if s.field == field {
            Style::new().fg(theme.accent).bold()
        } else {
            bold
        }
    };
    let mut name = vec![Span::styled("Name      ", focus(Field::Name))];
    name.extend(
        s.name
            .line(
                inner.width.saturating_sub(10),
                Style::new(),
                s.field == Field::Name,
            )
            .spans,
    );
    lines.push(Line::from(name));
    let book = match s.codebook() {
        Some(st) => format!(
            "{} ({} codes)",
            st.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            st.codes
        ),
        None => "none: start with an empty codebook".into(),
    };
    let chosen = if s.field == Field::Codebook {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    lines.push(Line::from(vec![
        Span::styled("Codebook  ", focus(Field::Codebook)),
        Span::styled(format!("◀ {} ▶", fit(&book, iw.saturating_sub(14))), chosen),
    ]));
    let from = match s.codebook() {
        Some(st) => format!(
            "from {}",
            st.path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        None if s.starters.is_empty() => {
            "no codebooks/ folder found (THEMATIC_CODEBOOKS names one)".into()
        }
        None => format!("{} starter codebook(s) on offer", s.starters.len()),
    };
    lines.push(Line::from(vec![
        Span::raw("          "),
        Span::styled(fit(&from, iw.saturating_sub(10)), dim),
    ]));
    lines.push(Line::default());
    for l in wrap_words(
        "Enter creates the project and opens it · Tab: name / codebook · ←/→ another codebook · Esc leaves, writing nothing",
        iw,
    ) {
        lines.push(Line::styled(l, dim));
    }
    if let Some(e) = &s.error {
        lines.push(Line::default());
        for l in wrap_words(e, iw) {
            lines.push(Line::styled(l, Style::new().fg(theme.error).bold()));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}
