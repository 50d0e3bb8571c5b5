//! The cells of a ratings CSV without a string per value: fields are slices of the file's text
//! (split by hand when nothing is quoted, by the csv crate otherwise), and each distinct value
//! gets a small integer id the first time it is seen, by a short linear search over the few
//! distinct values reliability data has (a hash map only once there are many).

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Id of an empty cell.
pub(super) const EMPTY: u32 = u32::MAX;

/// Rows × width cell ids, each row's line number, and the distinct values in order of first
/// appearance.
pub(super) struct Table<'a> {
    pub(super) width: usize,
    pub(super) ids: Vec<u32>,
    pub(super) lines: Vec<usize>,
    pub(super) values: Vec<&'a str>,
    /// Whether each value occurs below the first row.
    pub(super) below_first: Vec<bool>,
}

impl Table<'_> {
    pub(super) fn rows(&self) -> usize {
        self.lines.len()
    }

    pub(super) fn row(&self, i: usize) -> &[u32] {
        &self.ids[i * self.width..(i + 1) * self.width]
    }
}

/// Distinct values → ids.
struct Interner<'a> {
    values: Vec<&'a str>,
    /// Each value's bytes packed in a u64 (with its length) when it has at most 7.
    keys: Vec<u64>,
    map: Option<HashMap<&'a str, u32>>,
}

/// A value of at most 7 bytes as one integer (length in the top byte); `u64::MAX` otherwise.
fn short_key(v: &str) -> u64 {
    let b = v.as_bytes();
    if b.len() > 7 {
        return u64::MAX;
    }
    let mut k = (b.len() as u64) << 56;
    for (i, &x) in b.iter().enumerate() {
        k |= u64::from(x) << (8 * i);
    }
    k
}

impl<'a> Interner<'a> {
    fn id(&mut self, v: &'a str) -> u32 {
        if let Some(map) = &mut self.map {
            let next = self.values.len() as u32;
            let id = *map.entry(v).or_insert(next);
            if id == next {
                self.values.push(v);
            }
            return id;
        }
        let key = short_key(v);
        let found = if key == u64::MAX {
            self.values.iter().position(|&x| x == v)
        } else {
            self.keys.iter().position(|&k| k == key)
        };
        if let Some(i) = found {
            return i as u32;
        }
        self.values.push(v);
        self.keys.push(key);
        if self.values.len() > 32 {
            self.map = Some(
                self.values
                    .iter()
                    .enumerate()
                    .map(|(i, &x)| (x, i as u32))
                    .collect(),
            );
        }
        (self.values.len() - 1) as u32
    }
}

/// The delimiter used in the first line: the most frequent of `,` `;` and tab (`,` by default).
fn delimiter(content: &str) -> u8 {
    let first = content.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .map(|d| (first.bytes().filter(|&b| b == d).count(), d))
        .max_by_key(|&(n, d)| (n, d == b','))
        .map_or(b',', |(n, d)| if n == 0 { b',' } else { d })
}

/// The fields of one unquoted line (split on single ASCII bytes, so slicing stays on
/// character boundaries).
struct Fields<'a> {
    text: &'a str,
    delim: u8,
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.delim == 0 {
            return None;
        }
        match self.text.bytes().position(|b| b == self.delim) {
            Some(i) => {
                let field = &self.text[..i];
                self.text = &self.text[i + 1..];
                Some(field)
            }
            None => {
                // The last field; mark the line done.
                self.delim = 0;
                Some(self.text)
            }
        }
    }
}

/// `str::trim`, skipped when the field plainly needs none.
fn trim(f: &str) -> &str {
    let plain = |b: &u8| !b.is_ascii_whitespace() && *b < 0x80;
    let b = f.as_bytes();
    match (b.first(), b.last()) {
        (Some(x), Some(y)) if plain(x) && plain(y) => f,
        _ => f.trim(),
    }
}

fn ragged(path: &Path, line: usize, got: usize, width: usize) -> Error {
    Error::input(
        path,
        Some(line),
        format!(
            "row has {got} fields but the first row has {width}; give every row one field per \
             coder (an empty field is a missing rating)"
        ),
    )
}

/// Split `content` into cells (trimmed; blank lines skipped) and intern them. Quoted files go
/// through the csv crate, whose owned fields are kept in `arena`.
pub(super) fn read<'a>(
    path: &Path,
    content: &'a str,
    arena: &'a mut Vec<String>,
) -> Result<Table<'a>> {
    let delim = delimiter(content);
    let mut table = Table {
        width: 0,
        ids: Vec::new(),
        lines: Vec::new(),
        values: Vec::new(),
        below_first: Vec::new(),
    };
    let mut interner = Interner {
        values: Vec::new(),
        keys: Vec::new(),
        map: None,
    };
    let mut push_row =
        |table: &mut Table<'a>, line: usize, fields: &mut dyn Iterator<Item = &'a str>| {
            let mut n = 0;
            for f in fields {
                let f = trim(f);
                table
                    .ids
                    .push(if f.is_empty() { EMPTY } else { interner.id(f) });
                n += 1;
            }
            if table.lines.is_empty() {
                table.width = n;
            } else if n != table.width {
                return Err(ragged(path, line, n, table.width));
            }
            table.lines.push(line);
            Ok(())
        };
    if memchr::memchr(b'"', content.as_bytes()).is_none() {
        let bytes = content.as_bytes();
        let (mut start, mut line) = (0, 0);
        while start < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            line += 1;
            let text = &content[start..end];
            let text = text.strip_suffix('\r').unwrap_or(text);
            if !text.is_empty() {
                push_row(&mut table, line, &mut Fields { text, delim })?;
            }
            start = end + 1;
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(content.as_bytes());
        let mut lines = Vec::new();
        let mut widths = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                Error::input(path, e.position().map(|p| p.line() as usize), e.to_string())
            })?;
            lines.push(
                record
                    .position()
                    .map_or(lines.len() + 1, |p| p.line() as usize),
            );
            widths.push(record.len());
            arena.extend(record.iter().map(str::to_string));
        }
        let arena: &'a Vec<String> = arena;
        let mut cells = arena.iter().map(String::as_str);
        for (line, width) in lines.into_iter().zip(widths) {
            push_row(&mut table, line, &mut cells.by_ref().take(width))?;
        }
    }
    table.values = interner.values;
    table.below_first = vec![false; table.values.len()];
    for &id in table.ids.get(table.width..).unwrap_or(&[]) {
        if id != EMPTY {
            table.below_first[id as usize] = true;
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(content: &str) -> (usize, Vec<Vec<Option<String>>>) {
        let mut arena = Vec::new();
        let t = read(Path::new("t.csv"), content, &mut arena).unwrap();
        let rows = (0..t.rows())
            .map(|i| {
                t.row(i)
                    .iter()
                    .map(|&id| (id != EMPTY).then(|| t.values[id as usize].to_string()))
                    .collect()
            })
            .collect();
        (t.width, rows)
    }

    #[test]
    fn quoted_and_unquoted_files_read_alike() {
        let plain = cells("a,b\r\n1, 2\n\n 3,\n");
        let quoted = cells("\"a\",\"b\"\n\"1\",\" 2\"\n\n3,\"\"\n");
        assert_eq!(plain, quoted);
        assert_eq!(plain.0, 2);
        assert_eq!(
            plain.1,
            vec![
                vec![Some("a".into()), Some("b".into())],
                vec![Some("1".into()), Some("2".into())],
                vec![Some("3".into()), None],
            ]
        );
        // Semicolons and tabs are found from the first line.
        assert_eq!(
            cells("x;y\n1;2\n").1[1],
            vec![Some("1".into()), Some("2".into())]
        );
        assert_eq!(
            cells("x\ty\n1\t2\n").1[1],
            vec![Some("1".into()), Some("2".into())]
        );
    }

    #[test]
    fn many_distinct_values_switch_to_a_map_and_keep_their_ids() {
        let text: String = (0..100).map(|i| format!("{i},{}\n", i % 7)).collect();
        let mut arena = Vec::new();
        let t = read(Path::new("t.csv"), &text, &mut arena).unwrap();
        assert_eq!(t.values.len(), 100);
        for i in 0..100 {
            let row = t.row(i);
            assert_eq!(t.values[row[0] as usize], i.to_string());
            assert_eq!(t.values[row[1] as usize], (i % 7).to_string());
        }
    }

    #[test]
    fn a_short_row_names_its_line() {
        let mut arena = Vec::new();
        let err = read(Path::new("t.csv"), "a,b\n1,2\n\n3\n", &mut arena)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("t.csv:4") && err.contains("1 fields"), "{err}");
    }
}
