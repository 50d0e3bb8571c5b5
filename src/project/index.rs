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
        }
        d.deserialize_str(Count)
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
