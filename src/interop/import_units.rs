//! The units of an imported source: exactly as our sidecar describes them, or one per
//! non-blank line of another tool's text, each with its place in the source's plain text.

use super::model::{SidecarSource, SidecarUnit, SourceIn};
use crate::corpus::Unit;

/// Where a unit's text lies in its source's plain text (Unicode scalars, end exclusive).
pub struct UnitPlace {
    pub source: usize,
    pub start: usize,
    pub end: usize,
}

/// The units the sidecar describes, when they fit the source's text.
pub fn exact_units(side: &SidecarSource, s: &SourceIn, id: &str) -> Option<Vec<(Unit, UnitPlace)>> {
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for u in &side.units {
        if u.start > u.end || u.end > chars.len() || !ids.insert(u.id.as_str()) {
            return None;
        }
        let SidecarUnit {
            id: uid,
            start,
            end,
            case,
            prompt,
            speaker,
            time,
            line,
            moderator,
        } = u.clone();
        out.push((
            Unit {
                id: uid,
                source: id.to_string(),
                case,
                prompt,
                speaker,
                time,
                line,
                text: chars[start..end].iter().collect(),
                moderator,
            },
            UnitPlace {
                source: 0,
                start,
                end,
            },
        ));
    }
    Some(out)
}

/// Units of a text from another tool: one per non-blank line (a paragraph in NVivo, MAXQDA,
/// ATLAS.ti and QualCoder plain text), trimmed, with its position in the text.
pub fn paragraph_units(s: &SourceIn, id: &str) -> Vec<(Unit, UnitPlace)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for (i, line) in s.text.split('\n').enumerate() {
        let n = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let text = line.trim();
        if !text.is_empty() {
            let len = text.chars().count();
            out.push((
                Unit {
                    id: format!("{id}:{}", i + 1),
                    source: id.to_string(),
                    case: None,
                    prompt: None,
                    speaker: None,
                    time: None,
                    line: i + 1,
                    text: text.to_string(),
                    moderator: false,
                },
                UnitPlace {
                    source: 0,
                    start: pos + lead,
                    end: pos + lead + len,
                },
            ));
        }
        pos += n + 1;
    }
    out
}
