//! Building blocks shared by the screens: text input, wrapping, bars, popups.

pub mod bar;
pub mod input;
pub mod popup;
pub mod wrap;
