//! Nothing acknowledged is ever lost: concurrent writers, failed writes, broken and hostile
//! files. One regression test (or a few) per reliability promise; see the files below.

mod common;

#[path = "reliability/concurrent.rs"]
mod concurrent;

#[path = "reliability/logs.rs"]
mod logs;

#[path = "reliability/output.rs"]
mod output;

#[path = "reliability/hostile.rs"]
mod hostile;

#[path = "reliability/project.rs"]
mod project;

#[path = "reliability/reload.rs"]
mod reload;

#[path = "reliability/fuzz.rs"]
mod fuzz;
