//! Helpers for the theme and export tests: a consensus for a sample copy, and the table a
//! theme map should print, worked out from the map and the units directly.

#![allow(dead_code)]

pub mod latex_readback;
pub mod readback;

use std::path::Path;

use readback::{ReadRow, ReadTable};
use thematic::agreement::{Filters, Pairwise};
use thematic::project::Project;
use thematic::reconcile::{Choice, ConsensusLog, Request, accept_agreed, decide};
use thematic::themes::ThemeMap;

/// Reconciles the sample the simple way: every agreed unit accepted, every disagreement the
/// union of both coders' codings.
pub fn reconcile_by_union(dir: &Path) {
    let p = Project::open(dir).unwrap();
    let pair = Pairwise::compute(&p, &[], &Filters::default()).unwrap();
    let mut log = ConsensusLog::open(&p).unwrap();
    let agreed = accept_agreed(&p, &pair, log.consensus(), "carol", None).unwrap();
    log.record(agreed).unwrap();
    let decisions: Vec<_> = pair
        .disagreements
        .iter()
        .map(|d| {
            let req = Request {
                unit: d.unit.clone(),
                take: Some(Choice::Union),
                by: "carol".into(),
                ..Request::default()
            };
            decide(&p, &pair, &req).unwrap()
        })
        .collect();
    log.record(decisions).unwrap();
}

/// How a quote must print: its display text (or the source text under it) in curly quotes,
/// apostrophes typographic.
pub fn printed(p: &Project, q: &thematic::themes::Quote) -> String {
    let text = match &q.text {
        Some(t) => t.clone(),
        None => {
            let unit = p.unit(&q.unit).unwrap();
            match q.span {
                Some([s, e]) => unit.text.chars().skip(s).take(e - s).collect(),
                None => unit.text.clone(),
            }
        }
    };
    assert!(
        !text.contains('"'),
        "the test expects no inner quotes: {text}"
    );
    format!("“{}”", text.trim().replace('\'', "’"))
}

/// The table `map` should print (all sections, or the one titled `only`).
pub fn expected(p: &Project, map: &ThemeMap, only: Option<&str>) -> ReadTable {
    let mut t = ReadTable {
        caption: match &map.label {
            Some(l) => format!("{l}. {}", map.title),
            None => map.title.clone(),
        },
        header: vec![
            "Theme".into(),
            "Description of theme".into(),
            "Representative quotes".into(),
        ],
        ..ReadTable::default()
    };
    for s in &map.sections {
        if only.is_some_and(|o| s.title.as_deref() != Some(o)) {
            continue;
        }
        if let Some(title) = &s.title {
            t.rows.push(ReadRow::Section(title.clone()));
        }
        for c in &s.categories {
            t.rows.push(ReadRow::Category(c.title.clone()));
            for th in &c.themes {
                t.rows.push(ReadRow::Body(vec![
                    vec![th.name.clone()],
                    vec![th.description.clone()],
                    th.quotes.iter().map(|q| printed(p, q)).collect(),
                ]));
            }
        }
    }
    t
}
