//! Decoding input files: UTF-8 with a clear message for anything else, and grapheme offsets.

use crate::error::{Error, Result};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// Decode a text file's bytes: refuse empty, binary, UTF-16 and invalid UTF-8 (saying where);
/// strip a UTF-8 byte-order mark.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::input(
            path,
            None,
            "file is UTF-16; save it as UTF-8 and import again",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(path, None, "file is empty"));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::input(
            path,
            Some(line_of(bytes, pos)),
            "binary file (NUL byte); expected text",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let pos = e.valid_up_to();
            let line = line_of(bytes, pos);
            let col = pos
                - bytes[..pos]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            Err(Error::input(
                path,
                Some(line),
                format!(
                    "invalid UTF-8 at byte {} (column {col}); save the file as UTF-8",
                    pos + 1
                ),
            ))
        }
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Char offsets of every grapheme-cluster boundary in `text`, including 0 and the end.
pub fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut chars = 0;
    out.push(0);
    for g in text.graphemes(true) {
        chars += g.chars().count();
        out.push(chars);
    }
    out
}

/// Check that `start..end` is a non-empty span on grapheme boundaries inside `text`.
pub fn check_span(text: &str, start: usize, end: usize) -> std::result::Result<(), String> {
    let len = text.chars().count();
    if start >= end {
        return Err(format!("span {start}..{end} is empty or reversed"));
    }
    if end > len {
        return Err(format!(
            "span {start}..{end} runs past the unit's end ({len} characters)"
        ));
    }
    let b = grapheme_boundaries(text);
    for at in [start, end] {
        if b.binary_search(&at).is_err() {
            return Err(format!(
                "span {start}..{end}: offset {at} splits a character cluster"
            ));
        }
    }
    Ok(())
}

/// The text of a char-offset span.
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Turns byte offsets into 1-based line numbers, for offsets visited in increasing order (the
/// csv crate's own line count is off after CRLF line ends).
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a line end (the csv
    /// crate puts a record's start before the `\n` of a CRLF).
    pub fn line_at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.bytes.len());
        while byte < self.bytes.len() && matches!(self.bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.at..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = byte;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let err = decode(Path::new("x.txt"), b"ok\nbad \xff here")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x.txt:2: invalid UTF-8 at byte 8 (column 5); save the file as UTF-8"
        );
    }

    #[test]
    fn bom_empty_binary_utf16() {
        assert_eq!(decode(Path::new("a"), b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert!(
            decode(Path::new("a"), b" \n\r\n")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        assert!(
            decode(Path::new("a"), b"PK\x03\x04\x00")
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert!(
            decode(Path::new("a"), b"\xFF\xFEh\x00")
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
    }

    #[test]
    fn spans_must_sit_on_grapheme_boundaries() {
        let t = "e\u{301}té 👩‍🔬 ok"; // e + combining acute, then a ZWJ emoji sequence
        let b = grapheme_boundaries(t);
        assert_eq!(&b[..3], &[0, 2, 3]);
        assert!(check_span(t, 0, 2).is_ok());
        assert!(check_span(t, 0, 1).unwrap_err().contains("splits"));
        let emoji_start = 5;
        assert!(check_span(t, emoji_start, emoji_start + 3).is_ok());
        assert!(check_span(t, emoji_start, emoji_start + 1).is_err());
        assert!(check_span(t, 3, 3).is_err());
        assert!(check_span(t, 0, 99).is_err());
    }
}
