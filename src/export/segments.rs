//! Every coded segment as data for R, SAS or a spreadsheet: unit, case, the case's attributes
//! (one column each), whose coding, code, span and text — one row per coding.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::coding::CoderState;
use crate::corpus::Attributes;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::themes::quote::source_text;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentRow {
    pub unit: String,
    pub source: String,
    pub source_kind: Option<String>,
    pub case: Option<String>,
    pub attributes: Attributes,
    /// A coder's name, or "consensus".
    pub coding: String,
    pub code: String,
    pub code_id: String,
    pub parent: Option<String>,
    /// Char offsets, end exclusive; `null` = the whole unit.
    pub span: Option<[usize; 2]>,
    pub text: String,
    pub memo: Option<String>,
}

/// The rows of each (name, view), in corpus order, codings in the order they were applied.
pub fn rows(project: &Project, views: &[(String, CoderState)]) -> Vec<SegmentRow> {
    let mut out = Vec::new();
    for unit in &project.units {
        let case = unit.case.as_deref().and_then(|c| project.case(c));
        for (who, view) in views {
            for c in view.codings_of(&unit.id) {
                let code = project.codebook.get(&c.code);
                out.push(SegmentRow {
                    unit: unit.id.clone(),
                    source: unit.source.clone(),
                    source_kind: project.source_kind(&unit.source).map(|k| k.as_str().into()),
                    case: unit.case.clone(),
                    attributes: case.map(|c| c.attributes.clone()).unwrap_or_default(),
                    coding: who.clone(),
                    code: code.map_or(c.code.to_string(), |k| k.name.clone()),
                    code_id: c.code.to_string(),
                    parent: code
                        .and_then(|k| k.parent.as_deref())
                        .and_then(|p| project.codebook.get(p))
                        .map(|p| p.name.clone()),
                    span: c.span.map(|(s, e)| [s, e]),
                    text: source_text(unit, c.span),
                    memo: c.memo.clone(),
                });
            }
        }
    }
    out
}

/// CSV with one column per attribute key (sorted), empty where a case lacks it.
pub fn csv(rows: &[SegmentRow]) -> Result<Vec<u8>> {
    let keys: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.attributes.keys().map(String::as_str))
        .collect();
    let fail = |e: csv::Error| Error::user(format!("writing CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["unit", "source", "source_kind", "case"];
    header.extend(keys.iter().copied());
    header.extend([
        "coding",
        "code",
        "code_id",
        "parent",
        "span_start",
        "span_end",
        "text",
        "memo",
    ]);
    w.write_record(&header).map_err(fail)?;
    for r in rows {
        let mut rec: Vec<String> = vec![
            r.unit.clone(),
            r.source.clone(),
            r.source_kind.clone().unwrap_or_default(),
            r.case.clone().unwrap_or_default(),
        ];
        rec.extend(
            keys.iter()
                .map(|k| r.attributes.get(*k).cloned().unwrap_or_default()),
        );
        rec.extend([
            r.coding.clone(),
            r.code.clone(),
            r.code_id.clone(),
            r.parent.clone().unwrap_or_default(),
            r.span.map_or(String::new(), |s| s[0].to_string()),
            r.span.map_or(String::new(), |s| s[1].to_string()),
            r.text.clone(),
            r.memo.clone().unwrap_or_default(),
        ]);
        w.write_record(&rec).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::user(format!("writing CSV: {}", e.error())))
}
