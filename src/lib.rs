//! thematic: qualitative thematic analysis for a team of coders.
//!
//! Data flows import → corpus (sources, cases, units) → codebook → one coding log per coder →
//! agreement → reconciliation → themes → exports. This crate's core never touches the terminal:
//! `tui` and `cli` are thin faces over the same functions.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod agreement;
pub mod cli;
pub mod codebook;
pub mod coding;
pub mod corpus;
pub mod crosstab;
pub mod describe;
pub mod error;
pub mod export;
pub mod files;
pub mod interop;
pub mod project;
pub mod reconcile;
pub mod search;
pub mod stats;
pub mod themes;
pub mod threads;
pub mod tui;

pub use error::{Error, Result};
