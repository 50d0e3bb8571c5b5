//! Printing: one JSON document, or text.

use crate::error::{Error, Result};

pub fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::user(e.to_string()))?;
    println!("{s}");
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
