//! Building blocks shared by the screens: text input, wrapping, popups.

pub mod input;
pub mod popup;
pub mod wrap;
