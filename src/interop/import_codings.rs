//! Codings, memos and sets of an imported project, per coder: selections clipped to the units
//! they cover, users named as coders, notes as memos.

use super::import_units::UnitPlace;
use super::model::Exchange;
use crate::coding::{Change, Span};
use crate::corpus::Unit;
use crate::themes::{Category, Section, Theme, ThemeMap};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The key under which the consensus user's codings are gathered (they become
/// `consensus.jsonl`, not a coder's log).
pub const CONSENSUS: &str = "consensus";

/// The coder a user who is *named* consensus, but is not the project's consensus, becomes.
pub const CONSENSUS_CODER: &str = "reconciled";

#[derive(Default)]
pub struct CoderChanges {
    pub changes: BTreeMap<String, Vec<Change>>,
    /// Coder → the sources they coded in.
    pub sources: HashMap<String, HashSet<usize>>,
    pub memos: usize,
}

/// Whose codings these are: [`CONSENSUS`] for the consensus user (by GUID), else a coder name:
/// the sidecar's, else the user's name made a plain word.
fn coder_name(
    x: &Exchange,
    users: Option<&BTreeMap<String, String>>,
    consensus: Option<&str>,
    user: Option<&String>,
) -> String {
    let Some(u) = user else {
        return "imported".into();
    };
    if consensus == Some(u.as_str()) {
        return CONSENSUS.into();
    }
    let name = match users
        .and_then(|m| m.get(u))
        .filter(|n| crate::project::valid_coder(n))
    {
        Some(n) => n.clone(),
        None => plain_name(x.users.get(u).map_or("", String::as_str)),
    };
    if name == CONSENSUS {
        CONSENSUS_CODER.into()
    } else {
        name
    }
}

/// A user's name as a coder name: `María García` → `maría-garcía`.
pub fn plain_name(raw: &str) -> String {
    let mut name: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches(|c| c == '-' || c == '.').to_lowercase();
    // Coder names hold at most 64 bytes; cut on a character boundary.
    while name.len() > 64 {
        name.pop();
    }
    if name.is_empty() {
        "imported".into()
    } else {
        name
    }
}

pub fn codings(
    x: &Exchange,
    units: &[(Unit, UnitPlace)],
    users: Option<&BTreeMap<String, String>>,
    consensus: Option<&str>,
    warnings: &mut Vec<String>,
) -> CoderChanges {
    let mut out = CoderChanges::default();
    let mut unknown_codes = 0;
    let note = |refs: &[String]| -> Option<String> {
        let texts: Vec<&str> = refs
            .iter()
            .filter_map(|r| x.notes.get(r))
            .map(|n| n.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        (!texts.is_empty()).then(|| texts.join("\n\n"))
    };
    for (si, s) in x.sources.iter().enumerate() {
        let in_source: Vec<&(Unit, UnitPlace)> =
            units.iter().filter(|(_, p)| p.source == si).collect();
        let whole = s.codings.iter().map(|c| (c, 0, usize::MAX, None));
        let parts = s.selections.iter().flat_map(|sel| {
            sel.codings
                .iter()
                .map(move |c| (c, sel.start, sel.end, sel.user.as_ref()))
        });
        for (c, start, end, sel_user) in whole.chain(parts) {
            let Some(code) = x.code_ids.get(&c.code) else {
                unknown_codes += 1;
                continue;
            };
            let coder = coder_name(x, users, consensus, c.user.as_ref().or(sel_user));
            for (u, place) in &in_source {
                if let Some(span) = clip(start, end, place) {
                    out.changes
                        .entry(coder.clone())
                        .or_default()
                        .push(Change::Apply {
                            unit: u.id.clone(),
                            code: code.clone(),
                            span,
                            memo: note(&c.notes),
                        });
                    out.sources.entry(coder.clone()).or_default().insert(si);
                }
            }
        }
        // A selection's own note (ours: a unit memo) goes to the first unit it touches.
        for sel in &s.selections {
            let Some(text) = note(&sel.notes) else {
                continue;
            };
            let coder = coder_name(x, users, consensus, sel.user.as_ref());
            if let Some((u, _)) = in_source
                .iter()
                .find(|(_, p)| clip(sel.start, sel.end, p).is_some())
            {
                out.changes.entry(coder).or_default().push(Change::Memo {
                    unit: u.id.clone(),
                    code: None,
                    span: None,
                    text: Some(text),
                });
                out.memos += 1;
            }
        }
    }
    let attached: HashSet<&String> = x
        .sources
        .iter()
        .flat_map(|s| {
            s.selections
                .iter()
                .flat_map(|sel| {
                    sel.notes
                        .iter()
                        .chain(sel.codings.iter().flat_map(|c| &c.notes))
                })
                .chain(s.codings.iter().flat_map(|c| &c.notes))
        })
        .collect();
    let loose = x.notes.keys().filter(|g| !attached.contains(g)).count();
    if loose > 0 {
        warnings.push(format!(
            "{loose} note(s) not attached to a coding or a selection (project, source or code notes) were not imported"
        ));
    }
    if unknown_codes > 0 {
        warnings.push(format!(
            "{unknown_codes} coding(s) name a code that is not in the codebook; skipped"
        ));
    }
    out
}

/// The part of `[start, end)` (positions in the source) inside a unit, as a span of the unit;
/// the whole unit is `None`. `None` outer: they do not overlap.
fn clip(start: usize, end: usize, place: &UnitPlace) -> Option<Span> {
    let a = start.max(place.start);
    let b = end.min(place.end);
    if a >= b {
        return None;
    }
    if a == place.start && b == place.end {
        return Some(None);
    }
    Some(Some((a - place.start, b - place.start)))
}

/// Sets of codes from another tool, as themes of one category.
pub fn sets_as_themes(x: &Exchange) -> ThemeMap {
    let themes = x
        .sets
        .iter()
        .map(|s| Theme {
            name: s.name.clone(),
            description: s.description.clone(),
            codes: s
                .codes
                .iter()
                .filter_map(|g| x.code_ids.get(g).cloned())
                .collect(),
            quotes: Vec::new(),
        })
        .collect();
    ThemeMap {
        title: x.name.clone(),
        sections: vec![Section {
            title: None,
            filter: None,
            categories: vec![Category {
                title: "Sets".into(),
                themes,
            }],
        }],
        ..Default::default()
    }
}
