//! The framed panel every screen draws its parts in: rounded, its border in the accent colour
//! when the panel has the keys (or stands out), dim otherwise.

use crate::tui::config::Theme;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};

/// A rounded panel; `focused` draws its border in the accent colour.
pub fn panel<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    let colour = if focused { theme.accent } else { theme.dim };
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(colour))
}
