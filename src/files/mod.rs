//! Low-level file helpers that everything above builds on: atomic whole-file writes, advisory
//! locks, the clock, append-only JSON-lines files, and reading the files a user hands in.

pub mod atomic;
pub mod cache;
pub mod clock;
pub mod input;
pub mod jsonl;
pub mod lock;
