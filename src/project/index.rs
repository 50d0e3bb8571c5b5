//! Reading `sources/*.units.json` at open: with the units' text, or (for the commands that only
//! count and compare codings) without it, keeping each unit's length in characters.

use crate::corpus::{Case, Parsed, Unit};
use serde::Deserialize;
use serde::de::{Deserializer, Visitor};
use std::collections::BTreeMap;

/// What the project holds of its units' text.
#[derive(Debug)]
pub(super) enum Texts {
    /// Every unit's text is in [`Unit::text`].
    Read,
    /// Opened by [`super::Project::open_index`]: every `Unit::text` is empty; the length in
    /// characters of the unit at each position of `Project::units` is kept here.
    Lengths(Vec<usize>),
}

/// A units file as opening a project reads it: retired units by id only.
#[derive(Deserialize)]
pub(super) struct OpenedUnits<U> {
    pub format: u32,
    pub cases: Vec<Case>,
    pub units: Vec<U>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub retired: Vec<UnitId>,
}

#[derive(Deserialize)]
pub(super) struct UnitId {
    pub id: String,
}

/// A unit read without its text: the fields of [`Unit`], the text only counted.
#[derive(Deserialize)]
pub(super) struct UnitWithoutText {
    id: String,
    source: String,
    #[serde(default)]
    case: Option<String>,
    #[serde(default)]
    prompt: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    time: Option<String>,
    line: usize,
    text: CharCount,
    #[serde(default)]
    moderator: bool,
}

/// The length in characters of a JSON string, read without keeping the string.
struct CharCount(usize);

impl<'de> Deserialize<'de> for CharCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CharCount, D::Error> {
        struct Count;
        impl Visitor<'_> for Count {
            type Value = CharCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<CharCount, E> {
                Ok(CharCount(s.chars().count()))
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<CharCount, E> {
                Ok(CharCount(b.iter().filter(|&&c| (c & 0xC0) != 0x80).count()))
            }
        }
        // As bytes: serde_json then skips checking the UTF-8 of a text that is only counted
        // (its characters are the bytes that do not continue one); opening with the text checks it.
        d.deserialize_bytes(Count)
    }
}

impl<U> OpenedUnits<U> {
    /// The cases and units, each unit made by `unit`.
    pub fn into_parsed(self, unit: impl FnMut(U) -> Unit) -> Parsed {
        Parsed {
            cases: self.cases,
            units: self.units.into_iter().map(unit).collect(),
            labels: self.labels,
        }
    }
}

impl UnitWithoutText {
    /// The unit with an empty text, and its length in characters.
    pub fn split(self) -> (Unit, usize) {
        let unit = Unit {
            id: self.id,
            source: self.source,
            case: self.case,
            prompt: self.prompt,
            speaker: self.speaker,
            time: self.time,
            line: self.line,
            text: String::new(),
            moderator: self.moderator,
        };
        (unit, self.text.0)
    }
}

/// Files up to this size are read whole, then parsed; larger ones are parsed as they are read.
const READ_WHOLE: u64 = 64 << 20;

/// A units file: read whole and parsed from memory when it is at most [`READ_WHOLE`] (the faster
/// way: 100,000 units open in 0.1 s less), parsed as it is read, a block at a time, when larger —
/// a units file is mostly text, and holding the whole file besides the units took a third of the
/// memory of opening a million units (1.9 → 1.4 GiB).
pub(super) fn read_units<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
) -> crate::error::Result<T> {
    use crate::error::{Error, IoContext};
    let file = std::fs::File::open(path).at(path)?;
    let size = file.metadata().at(path)?.len();
    let parsed = if size <= READ_WHOLE {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        std::io::Read::read_to_end(&mut &file, &mut bytes).at(path)?;
        serde_json::from_slice(&bytes)
    } else {
        serde_json::from_reader(std::io::BufReader::with_capacity(1 << 20, file))
    };
    parsed.map_err(|e| Error::input(path, Some(e.line()), format!("malformed JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::CharCount;

    /// Counted from the raw bytes, escapes included, a text has as many characters as its string.
    #[test]
    fn a_text_is_counted_as_its_characters() {
        for text in [
            "",
            "plain",
            "café — “quoted”",
            "line\nbreak \"q\" \\ \t",
            "é\u{1F600}z",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let escaped = json.replace('é', "\\u00e9");
            for j in [json, escaped] {
                let n: CharCount = serde_json::from_str(&j).unwrap();
                assert_eq!(n.0, text.chars().count(), "{j}");
            }
        }
    }
}
