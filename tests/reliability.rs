//! Nothing acknowledged is ever lost: concurrent writers, failed writes, broken and hostile
//! files. One regression test (or a few) per reliability promise; see the files below.

mod common;

#[path = "reliability/concurrent.rs"]
mod concurrent;
