//! Colours that mean something on several screens: a code's own colour.

use crate::codebook::Code;
use ratatui::style::Color;

/// The code's colour from the codebook (grey when it has none or it does not parse).
pub fn colour(code: &Code) -> Color {
    code.colour
        .as_deref()
        .and_then(|c| c.parse().ok())
        .unwrap_or(Color::Gray)
}
