//! Which units new lines of a log are about (to re-index only those).

use crate::files::jsonl::Lines;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The units that JSON lines (new lines of a coding log, or of the consensus log, which also
/// names its unit in `unit`) are about; lines without a unit (a header) count for none.
pub fn units_in(bytes: &[u8]) -> BTreeSet<String> {
    #[derive(serde::Deserialize)]
    struct About<'a> {
        #[serde(borrow)]
        unit: Cow<'a, str>,
    }
    Lines::of(bytes)
        .iter()
        .filter_map(|line| serde_json::from_slice::<About<'_>>(line.bytes).ok())
        .map(|a| a.unit.into_owned())
        .collect()
}
