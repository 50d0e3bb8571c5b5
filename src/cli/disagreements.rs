//! `thematic disagreements`: two coders' differences unit by unit (codes, spans, memos, the
//! text, whether decided), or for three coders and more the units whose code sets differ.

use super::args::DisagreementsArgs;
use super::output::{json, short};
use super::reconcile::{name, names, spans};
use crate::agreement::{Filters, Pairwise, UnitComparison};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{Consensus, Decision};
use serde::Serialize;
use std::collections::BTreeMap;

/// A disagreement as `thematic disagreements --json` prints it.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    unit: &'a UnitComparison,
    differing: Vec<String>,
    by_coder: BTreeMap<&'a str, &'a [String]>,
    /// The consensus decision on the unit, if any.
    resolved: Option<&'a Decision>,
}

pub fn disagreements(p: &Project, a: DisagreementsArgs) -> Result<()> {
    if a.compare.coders.len() > 2 {
        if a.source.is_some() || a.one_sided || a.open {
            return Err(Error::user(
                "--source, --one-sided and --open compare two coders; name two with --coders A,B",
            ));
        }
        return super::agreement::disagreements(p, a);
    }
    let filters = Filters::parse(&a.compare.kinds, &a.compare.wheres)?;
    let code = a
        .code
        .as_deref()
        .map(|c| p.codebook.resolve(c))
        .transpose()?;
    if let Some(s) = &a.source
        && p.source_kind(s).is_none()
    {
        return Err(Error::user(format!(
            "unknown source '{s}'; see `thematic status`"
        )));
    }
    let pair = Pairwise::compute(p, &a.compare.coders, &filters)?;
    let consensus = Consensus::read(p)?;
    let [ca, cb] = &pair.coders;
    let keep = |u: &&UnitComparison| {
        code.is_none_or(|c| u.involves(&c.id)) && a.source.as_ref().is_none_or(|s| &u.source == s)
    };
    // Counted before --open leaves out the decided ones.
    let open = |u: &&&UnitComparison| !(a.open && consensus.get(&u.unit).is_some());
    let rows: Vec<&UnitComparison> = pair.disagreements.iter().filter(keep).collect();
    let one_sided: Vec<&UnitComparison> = pair.one_sided.iter().filter(keep).collect();
    let listed: Vec<&UnitComparison> = if a.one_sided {
        rows.iter()
            .chain(&one_sided)
            .filter(open)
            .copied()
            .collect()
    } else {
        rows.iter().filter(open).copied().collect()
    };
    if a.json {
        let out: Vec<Row> = listed
            .iter()
            .map(|u| Row {
                unit: u,
                differing: u.differing(),
                by_coder: [(ca.as_str(), u.a.as_slice()), (cb.as_str(), u.b.as_slice())]
                    .into_iter()
                    .collect(),
                resolved: consensus.get(&u.unit),
            })
            .collect();
        return json(&out);
    }
    let resolved = rows
        .iter()
        .filter(|u| consensus.get(&u.unit).is_some())
        .count();
    let in_codes = rows
        .iter()
        .filter(|u| !u.only_a.is_empty() || !u.only_b.is_empty())
        .count();
    outln!(
        "{ca} vs {cb}: {} of {} units compared differ{} ({in_codes} in their codes, {} only in their spans); {resolved} resolved, {} open",
        rows.len(),
        pair.disagreements.len() + pair.agreed.len(),
        code.map_or(String::new(), |c| format!(" on '{}'", c.name)),
        rows.len() - in_codes,
        rows.len() - resolved,
    );
    if !one_sided.is_empty() {
        outln!(
            "{} more unit(s) reviewed by one coder only{}",
            one_sided.len(),
            if a.one_sided {
                ""
            } else {
                " (--one-sided lists them)"
            }
        );
    }
    let width = ca.chars().count().max(cb.chars().count());
    for u in &listed {
        let status = match consensus.get(&u.unit) {
            Some(d) => format!("  [resolved: {}]", d.choice.describe(ca, cb)),
            None if u.reviewed_by.len() < 2 => format!(
                "  [reviewed by {} only]",
                u.reviewed_by.first().map_or("", String::as_str)
            ),
            None => "  [open]".into(),
        };
        let case = u
            .case
            .as_deref()
            .map_or(String::new(), |c| format!("  (case {c})"));
        outln!("\n{}{case}{status}", u.unit);
        outln!("  \"{}\"", short(&u.text, 200));
        outln!("  {ca:<width$}  {}", names(p, &u.a));
        outln!("  {cb:<width$}  {}", names(p, &u.b));
        if !u.only_a.is_empty() {
            outln!("  only {ca}: {}", names(p, &u.only_a));
        }
        if !u.only_b.is_empty() {
            outln!("  only {cb}: {}", names(p, &u.only_b));
        }
        for s in &u.span_differences {
            outln!(
                "  {} on different text: {ca} {}, {cb} {}, both {}",
                name(p, &s.code),
                spans(&s.a),
                spans(&s.b),
                if s.overlap.is_empty() {
                    "nothing".into()
                } else {
                    spans(&s.overlap)
                }
            );
        }
        for m in &u.memos {
            let on = m
                .code
                .as_deref()
                .map_or(String::new(), |c| format!(" on {}", name(p, c)));
            outln!("  memo ({}{on}): {}", m.coder, short(&m.text, 200));
        }
    }
    let mut counts: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    for u in &rows {
        for c in u.differing() {
            let rank = p
                .codebook
                .codes
                .iter()
                .position(|x| x.id == c)
                .unwrap_or(usize::MAX);
            counts.entry(rank).or_insert((c, 0)).1 += 1;
        }
    }
    if code.is_none() && !counts.is_empty() {
        let mut by: Vec<(String, usize)> = counts.into_values().collect();
        by.sort_by_key(|x| std::cmp::Reverse(x.1));
        outln!("\nDisagreements by code:");
        for (c, n) in by {
            outln!("  {n:>4}  {}", name(p, &c));
        }
    }
    Ok(())
}
