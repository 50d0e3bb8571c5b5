//! Reading an append-only JSON-lines file: which of its bytes are data, line by line.

use crate::error::{Error, Result};
use std::path::Path;

/// The data of a JSON-lines file, by the one rule every reader and writer of such a file follows
/// ("a line that parses is data"):
/// - every line ended by a newline is data; a bad one is an error naming its line;
/// - the last line, when no newline ends it, is data if it parses as a JSON object (a write that
///   completed except for its newline), and otherwise a torn write: never acknowledged, skipped
///   by readers and cut off by [`super::Appender`] before its next append.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    bytes: &'a [u8],
    data_len: usize,
}

/// One data line: its number (from 1, as an editor counts, blank lines included), where it
/// starts and ends in the file, and its bytes without the newline and trailing whitespace.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub number: usize,
    /// Byte offset of the line's start in the file.
    pub start: usize,
    /// Byte offset just past the line (past its newline when it has one).
    pub end: usize,
    pub bytes: &'a [u8],
}

impl<'a> Lines<'a> {
    /// Apply the rule to a file's bytes.
    pub fn of(bytes: &'a [u8]) -> Lines<'a> {
        let complete = memchr::memrchr(b'\n', bytes).map_or(0, |p| p + 1);
        let tail = &bytes[complete..];
        let data_len = if is_whole_object(tail) {
            bytes.len()
        } else {
            complete
        };
        Lines { bytes, data_len }
    }

    /// The data: every byte but a torn tail.
    pub fn data(&self) -> &'a [u8] {
        &self.bytes[..self.data_len]
    }

    /// Length of the data in bytes (the file's last good length).
    pub fn data_len(&self) -> usize {
        self.data_len
    }

    /// The torn tail after the data (empty when there is none).
    pub fn torn(&self) -> &'a [u8] {
        &self.bytes[self.data_len..]
    }

    /// The data ends with a complete line that has no newline: the next append adds it first.
    pub fn unterminated(&self) -> bool {
        self.data_len > 0 && self.bytes[self.data_len - 1] != b'\n'
    }

    /// The data lines in order, blank lines skipped.
    pub fn iter(&self) -> impl Iterator<Item = Line<'a>> + 'a {
        let data = self.data();
        let mut start = 0;
        let mut number = 0;
        std::iter::from_fn(move || {
            while start < data.len() {
                number += 1;
                let (end, next) = match memchr::memchr(b'\n', &data[start..]) {
                    Some(p) => (start + p, start + p + 1),
                    None => (data.len(), data.len()),
                };
                let line = Line {
                    number,
                    start,
                    end: next,
                    bytes: data[start..end].trim_ascii_end(),
                };
                start = next;
                if !line.bytes.trim_ascii().is_empty() {
                    return Some(line);
                }
            }
            None
        })
    }
}

impl<'a> Line<'a> {
    /// The line as text; not UTF-8 is an error naming `path` and the line.
    pub fn text(&self, path: &Path) -> Result<&'a str> {
        std::str::from_utf8(self.bytes).map_err(|e| {
            Error::input(
                path,
                Some(self.number),
                format!("not UTF-8 text (at column {})", e.valid_up_to() + 1),
            )
        })
    }

    /// Parse the line as `T`; an error names `path`, the line and what is wrong with it.
    pub fn parse<T: serde::Deserialize<'a>>(&self, path: &Path) -> Result<T> {
        let text = self.text(path)?;
        serde_json::from_str(text).map_err(|e| Error::input(path, Some(self.number), e.to_string()))
    }
}

/// Does `tail` hold one whole JSON object (and nothing else but whitespace)?
fn is_whole_object(tail: &[u8]) -> bool {
    let t = tail.trim_ascii();
    t.first() == Some(&b'{')
        && t.last() == Some(&b'}')
        && serde_json::from_slice::<serde::de::IgnoredAny>(t).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(bytes: &[u8]) -> Vec<(usize, String)> {
        Lines::of(bytes)
            .iter()
            .map(|l| (l.number, String::from_utf8_lossy(l.bytes).into_owned()))
            .collect()
    }

    #[test]
    fn a_complete_last_line_without_newline_is_data() {
        let b = b"{\"h\":1}\n{\"a\":2}";
        let l = Lines::of(b);
        assert_eq!(l.data_len(), b.len());
        assert!(l.unterminated());
        assert_eq!(
            numbers(b),
            [(1, "{\"h\":1}".into()), (2, "{\"a\":2}".into())]
        );
    }

    #[test]
    fn a_torn_last_line_is_not_data() {
        let b = b"{\"h\":1}\n\n{\"a\":2}\n{\"a\":3,\"b";
        let l = Lines::of(b);
        assert_eq!(l.data_len(), 17);
        assert_eq!(l.torn(), b"{\"a\":3,\"b");
        assert!(!l.unterminated());
        assert_eq!(
            numbers(b),
            [(1, "{\"h\":1}".into()), (3, "{\"a\":2}".into())]
        );
        assert_eq!(Lines::of(b"{\"format\":1,\"co").data_len(), 0);
        assert_eq!(Lines::of(b"").data_len(), 0);
    }

    #[test]
    fn bad_utf8_names_the_line() {
        let b = b"{\"h\":1}\n{\"a\":\"\xff\"}\n";
        let line = Lines::of(b).iter().nth(1).unwrap();
        let err = line.text(Path::new("x.jsonl")).unwrap_err().to_string();
        assert!(err.starts_with("x.jsonl:2: not UTF-8"), "{err}");
    }
}
