//! A CSV whose quote never closes: the CSV reader takes the rest of the file as one field, so
//! every later row would vanish into one answer. Found before the file is read as CSV.

use crate::error::{Error, Result};
use std::path::Path;

/// Refuse CSV text (comma-separated, `""` escaping a quote inside quotes) in which a quoted
/// field is still open at the end, naming the line where its quote opened.
pub fn check_closed(path: &Path, content: &str) -> Result<()> {
    let mut line = 1;
    let mut open_line = None;
    let mut field_start = true;
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if open_line.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open_line = None;
                }
            }
            continue;
        }
        match c {
            '"' if field_start => {
                open_line = Some(line);
                field_start = false;
            }
            ',' | '\n' | '\r' => field_start = true,
            _ => field_start = false,
        }
    }
    match open_line {
        Some(l) => Err(Error::input(
            path,
            Some(l),
            "a quoted field that opens on this line is never closed (a missing '\"'); every later row would be read into it",
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_named_by_its_line() {
        let p = Path::new("s.csv");
        check_closed(p, "id,answer\nR1,\"two\nlines\"\nR2,\"say \"\"hi\"\"\"\n").unwrap();
        check_closed(p, "id,answer\nR1,5\" tall\n").unwrap();
        let err = check_closed(p, "id,answer\nR0,fine\nR1,\"never closes\nR2,b\nR3,c\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s.csv:3: a quoted field"), "{err}");
    }
}
