//! Drawing the Agreement screen: the header on top, then the per-code table or, for a code,
//! the units where the coders differ (each in its own file).

use crate::tui::mouse::Hits;
use crate::tui::state::State;
use crate::tui::widgets::panel::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::header_view::header;
use super::table_view::table;
pub fn render(st: &State, f: &mut Frame, area: Rect, hits: &mut Hits) {
    let [top, rest] = Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(area);
    header(st, f, top);
    let ag = &st.agreement;
    match (&ag.result, ag.list.as_ref()) {
        (Some(Ok(c)), Some(list)) => super::list_view::render(st, c, list, f, rest, hits),
        (Some(Ok(c)), None) => table(st, c, f, rest, hits),
        (Some(Err(e)), _) => {
            let block = panel(&st.theme, false).title(" No agreement to show ");
            let lines = vec![
                Line::from(Span::styled(e.clone(), Style::new().fg(st.theme.error))),
                Line::default(),
                Line::from(
                    "Agreement counts the units both coders marked reviewed (Space on the Coding \
                     screen). c chooses other coders, R computes again.",
                ),
            ];
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
                rest,
            );
        }
        (None, _) => {
            let block = panel(&st.theme, false);
            f.render_widget(
                Paragraph::new("Computing agreement from the coding logs…").block(block),
                rest,
            );
        }
    }
}
