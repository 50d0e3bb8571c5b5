//! The framed panel every screen draws its parts in: the panel that has the keys (or stands out)
//! has a heavy border in the accent colour — heavy so that it shows on a monochrome terminal
//! too — the others a thin rounded one, dim.

use crate::tui::config::Theme;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};

/// A panel; `focused`: heavy border in the accent colour, else thin, rounded and dim.
pub fn panel<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    let (colour, border) = if focused {
        (theme.accent, BorderType::Thick)
    } else {
        (theme.dim, BorderType::Rounded)
    };
    Block::bordered()
        .border_type(border)
        .border_style(Style::new().fg(colour))
}
