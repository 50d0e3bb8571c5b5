//! Low-level file helpers that everything above builds on: atomic whole-file writes, advisory
//! locks, the clock, and append-only JSON-lines files.

pub mod atomic;
pub mod clock;
pub mod jsonl;
pub mod lock;
