//! Drawing the message log: every message of the session in full, wrapped, errors marked with
//! ✗, the newest at the bottom (the status line shows only the last one, and may cut it).

use crate::tui::state::State;
use crate::tui::widgets::popup::{centered, frame_box};
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// `bottom`: the message shown last (`None`: the newest).
pub fn render(st: &State, bottom: Option<usize>, f: &mut Frame, body: Rect) {
    let area = centered(body, body.width.saturating_sub(4), body.height);
    let title = "Messages — j/k scroll, Esc closes";
    let inner = frame_box(f, area, title, Style::new().fg(st.theme.accent));
    let log = &st.status.log;
    if log.is_empty() {
        f.render_widget(Line::from("No messages yet."), inner);
        return;
    }
    let last = bottom.unwrap_or(log.len() - 1).min(log.len() - 1);
    let text = |(m, err): &(String, bool)| format!("{} {m}", if *err { "✗" } else { "·" });
    // Take messages upwards from `last` until the box is full.
    let height = usize::from(inner.height);
    let mut rows = 0;
    let mut first = last + 1;
    while first > 0 && rows < height {
        first -= 1;
        rows += wrap(&text(&log[first]), inner.width).lines.len().max(1);
    }
    let lines: Vec<Line> = log[first..=last]
        .iter()
        .flat_map(|entry| {
            let style = if entry.1 {
                Style::new().fg(st.theme.error)
            } else {
                Style::new()
            };
            text(entry)
                .split('\n')
                .map(|l| Line::from(Span::styled(l.to_string(), style)))
                .collect::<Vec<_>>()
        })
        .collect();
    let skip = rows.saturating_sub(height) as u16;
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        inner,
    );
}
