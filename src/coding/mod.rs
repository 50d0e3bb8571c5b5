//! One coder's coding: an append-only, fsync'd JSONL log whose replay is the coder's state.

mod about;
mod code_id;
mod entry;
pub(crate) use entry::span_serde;
mod fast_line;
mod files;
mod log;
mod replay;
mod state;

pub use about::units_in;
pub use code_id::Code;
pub use entry::{Change, Entry, Op};
pub use files::{check_coder, coders, codings_dir, log_path, valid_coder};
pub use log::CodingLog;
pub use replay::LOG_FORMAT;
pub use state::{CoderState, Coding};

/// A span inside a unit: char offsets, end exclusive. `None` = the whole unit.
pub type Span = Option<(usize, usize)>;

/// Parse `START..END`.
pub fn parse_span(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once("..")?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

#[cfg(test)]
mod tests;
