//! The screens that plug into the frame; each keeps its own state, update and view.

pub mod agreement;
pub mod codebook;
pub mod coding;
pub mod crosstab;
pub mod import;
pub mod likert;
pub mod reconcile;
pub mod search;
pub mod sources;
pub mod themes;
