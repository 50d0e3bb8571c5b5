//! Where things are on screen, as the last render left them: mouse events become actions here.

use super::action::{Action, Command};
use super::state::{Screen, State};
use super::widgets::wrap::Wrapped;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// The unit text as drawn: its area, the first wrapped line shown, and the wrapping.
#[derive(Debug, Clone, Default)]
pub struct TextHit {
    pub area: Rect,
    pub scroll: usize,
    pub wrapped: Wrapped,
}

#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub tabs: Vec<(Rect, Screen)>,
    /// A list's area and the index of its first visible row.
    pub left_list: Option<(Rect, usize)>,
    pub right_list: Option<(Rect, usize)>,
    pub palette: Vec<(Rect, String)>,
    pub text: Option<TextHit>,
}

fn inside(r: Rect, col: u16, row: u16) -> bool {
    r.contains(Position { x: col, y: row })
}

impl Hits {
    fn text_offset(&self, col: u16, row: u16, clamp: bool) -> Option<usize> {
        let t = self.text.as_ref()?;
        if !clamp && !inside(t.area, col, row) {
            return None;
        }
        let row = row.clamp(t.area.y, t.area.bottom().saturating_sub(1));
        let col = col.clamp(t.area.x, t.area.right().saturating_sub(1));
        let line = t.scroll + usize::from(row - t.area.y);
        let line = line.min(t.wrapped.lines.len().saturating_sub(1));
        t.wrapped.offset_at(line, col - t.area.x)
    }

    /// The action for a mouse event, if it lands on something.
    pub fn mouse(&self, st: &State, ev: MouseEvent) -> Option<Action> {
        let (col, row) = (ev.column, ev.row);
        if st.popup.is_some() {
            return None;
        }
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some((_, s)) = self.tabs.iter().find(|(r, _)| inside(*r, col, row)) {
                    return Some(Action::Cmd(match s {
                        Screen::Sources => Command::ShowSources,
                        Screen::Coding => Command::ShowCoding,
                        Screen::Codebook => Command::ShowCodebook,
                        Screen::Agreement => Command::ShowAgreement,
                        Screen::Search => Command::ShowSearch,
                        Screen::Reconcile => Command::ShowReconcile,
                        Screen::Themes => Command::ShowThemes,
                        Screen::Likert => Command::ShowLikert,
                        Screen::Crosstab => Command::ShowCrosstab,
                        Screen::Import => Command::ShowImport,
                    }));
                }
                if let Some((_, id)) = self.palette.iter().find(|(r, _)| inside(*r, col, row)) {
                    return Some(Action::ToggleCode(id.clone()));
                }
                if let Some(at) = self.text_offset(col, row, false) {
                    return Some(Action::TextPress(at));
                }
                for (right, list) in [(false, self.left_list), (true, self.right_list)] {
                    if let Some((r, first)) = list.filter(|(r, _)| inside(*r, col, row)) {
                        return Some(Action::ClickRow {
                            right,
                            row: first + usize::from(row - r.y),
                        });
                    }
                }
                None
            }
            MouseEventKind::Drag(MouseButton::Left) if st.coding.dragging => {
                self.text_offset(col, row, true).map(Action::TextDrag)
            }
            MouseEventKind::Up(_) if st.coding.dragging => Some(Action::TextRelease),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = ev.kind == MouseEventKind::ScrollDown;
                if self.text.as_ref().is_some_and(|t| inside(t.area, col, row)) {
                    return Some(Action::Cmd(if down {
                        Command::ScrollDown
                    } else {
                        Command::ScrollUp
                    }));
                }
                let on_list = [self.left_list, self.right_list]
                    .iter()
                    .flatten()
                    .any(|(r, _)| inside(*r, col, row));
                match st.screen {
                    Screen::Coding
                        if !self.palette.is_empty()
                            && self.palette.iter().any(|(r, _)| r.y <= row) =>
                    {
                        Some(Action::Cmd(if down {
                            Command::PaletteDown
                        } else {
                            Command::PaletteUp
                        }))
                    }
                    _ if on_list => {
                        Some(Action::Cmd(if down { Command::Down } else { Command::Up }))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
