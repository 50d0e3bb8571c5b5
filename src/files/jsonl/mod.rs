//! Append-only JSON-lines files (the coding logs, the consensus log): one rule for which bytes
//! are data ([`Lines`]), one way to append to them durably ([`Appender`]).
//!
//! Reading: `let bytes = jsonl::read(path)?; for line in Lines::of(&bytes).iter() { line.parse::<T>(path)? }`
//! (the first line is the file's header; the caller checks it).
//! Writing: `let (mut log, state) = Appender::open(path, &jsonl::lock_path(path), "what", header, |lines| replay(lines))?;`
//! then `log.append_json(&[entry])?` — durable on return.

mod appender;
mod lines;

pub use appender::{Appender, lock_path, read};
pub use lines::{Line, Lines};
