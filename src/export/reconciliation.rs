//! The reconciliation as an audit table: per decided unit, what each coder coded, the decision,
//! the consensus codes, the note, who decided — grouped by source.

use std::collections::HashMap;

use crate::coding::CoderState;
use crate::error::Result;
use crate::project::Project;
use crate::reconcile::{Choice, Consensus, Decision};

use super::table::{Align, Cell, Paragraph, Table};

fn names(p: &Project, codes: impl IntoIterator<Item = String>) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in codes {
        let n = p.codebook.get(&c).map_or(c.clone(), |k| k.name.clone());
        if !out.contains(&n) {
            out.push(n);
        }
    }
    if out.is_empty() {
        "—".into()
    } else {
        out.join(", ")
    }
}

/// The decisions in corpus order (those where the coders agreed only with `all`).
pub fn decisions<'a>(p: &Project, c: &'a Consensus, all: bool) -> Vec<&'a Decision> {
    c.in_order(p)
        .into_iter()
        .filter(|d| all || d.choice != Choice::Agreed)
        .collect()
}

/// The audit table; the coders' columns are named after the coders of the first decision.
pub fn table(p: &Project, decided: &[&Decision]) -> Result<Table> {
    let coders: Vec<String> = decided
        .first()
        .map(|d| d.coders.clone())
        .unwrap_or_else(|| vec!["A".into(), "B".into()]);
    let mut views: HashMap<String, CoderState> = HashMap::new();
    for d in decided {
        for c in &d.coders {
            if !views.contains_key(c) {
                views.insert(c.clone(), p.coder_view(c)?);
            }
        }
    }
    let mut t = Table::new(format!("Reconciliation: {}", p.manifest.name))
        .column("Unit", 2.0, Align::Left)
        .column("Case", 1.0, Align::Left)
        .column(
            coders.first().cloned().unwrap_or_default(),
            2.0,
            Align::Left,
        )
        .column(coders.get(1).cloned().unwrap_or_default(), 2.0, Align::Left)
        .column("Decision", 1.5, Align::Left)
        .column("Consensus", 2.0, Align::Left)
        .column("Note", 2.5, Align::Left)
        .column("By", 1.0, Align::Left);
    let mut source = String::new();
    for d in decided {
        let unit = p.unit(&d.unit);
        let src = unit.map_or(String::new(), |u| u.source.clone());
        if src != source {
            t.category(src.clone());
            source = src;
        }
        let coded = |i: usize| {
            d.coders
                .get(i)
                .and_then(|c| views.get(c))
                .map_or("—".to_string(), |v| {
                    names(p, v.codings_of(&d.unit).iter().map(|c| c.code.clone()))
                })
        };
        let (a, b) = (
            d.coders.first().map_or("A", String::as_str),
            d.coders.get(1).map_or("B", String::as_str),
        );
        t.row(vec![
            Cell::text(d.unit.clone()),
            Cell::text(unit.and_then(|u| u.case.clone()).unwrap_or_default()),
            Cell::text(coded(0)),
            Cell::text(coded(1)),
            Cell::text(d.choice.describe(a, b)),
            Cell::text(names(p, d.codes())),
            Cell::text(d.note.clone().unwrap_or_default()),
            Cell::text(format!("{} ({})", d.by, d.at)),
        ]);
    }
    t.footnote(Paragraph::plain(format!(
        "{} decision{} from consensus.jsonl.",
        decided.len(),
        if decided.len() == 1 { "" } else { "s" }
    )));
    Ok(t)
}
