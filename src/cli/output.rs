//! Printing: one JSON document, or text.

use crate::error::{Error, Result};
use std::io::Write;

/// Print a line on stdout; a failed write (a closed pipe, a full disk) returns
/// [`Error::Output`] from the enclosing function instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::write(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// [`outln!`] without the newline.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::write(format_args!($($arg)*))?
    };
}

/// A note on stderr (progress, where a file went); a closed stderr is no reason to fail.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Write to stdout (and flush, so that a failure shows here, not at exit).
pub fn write(args: std::fmt::Arguments<'_>) -> Result<()> {
    let mut o = std::io::stdout().lock();
    o.write_fmt(args)
        .and_then(|()| o.flush())
        .map_err(Error::Output)
}

pub fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::user(e.to_string()))?;
    outln!("{s}");
    Ok(())
}

/// Cut text to `n` characters on one line, for tables.
pub fn short(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        let mut s: String = one.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
