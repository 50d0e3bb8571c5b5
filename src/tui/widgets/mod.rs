//! Building blocks shared by the screens: text input, wrapping, fitting text, bars, panels,
//! popups, colours.

pub mod bar;
pub mod colour;
pub mod fit;
pub mod flow;
pub mod hang;
pub mod input;
pub mod panel;
pub mod popup;
pub mod wrap;
