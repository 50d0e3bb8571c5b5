//! reconcile, consensus, undo/redo --consensus, export reconciliation, the codebook reason and
//! status's progress line: the decisions that resolve two coders' disagreements.

use super::args::ReconcileArgs;
use super::output::{json, short};
use crate::agreement::{Filters, Pairwise};
use crate::coding::parse_span;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::report::ReconciliationReport;
use crate::reconcile::{
    Choice, Consensus, ConsensusLog, Decision, Definition, Progress, Request, accept_agreed, decide,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A code's name for people (its id when it is not in the codebook).
pub(super) fn name(p: &Project, id: &str) -> String {
    p.codebook
        .get(id)
        .map_or(id.to_string(), |c| c.name.clone())
}

pub(super) fn names(p: &Project, ids: &[String]) -> String {
    if ids.is_empty() {
        "(no code)".into()
    } else {
        ids.iter()
            .map(|i| name(p, i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub(super) fn spans(list: &[[usize; 2]]) -> String {
    list.iter()
        .map(|[a, b]| format!("{a}..{b}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who decides: `--as`, else the coder this machine remembers for the project.
fn who(p: &Project, given: Option<String>) -> Result<String> {
    if let Some(n) = given {
        return Ok(n);
    }
    crate::tui::config::config_dir()
        .and_then(|d| crate::tui::config::Config::load(&d).ok())
        .and_then(|c| c.remembered_coder(&p.manifest.id).map(str::to_string))
        .ok_or_else(|| Error::user("say who decides with --as NAME (the person at the keyboard)"))
}

pub fn reconcile(p: &Project, a: ReconcileArgs) -> Result<()> {
    let by = who(p, a.by)?;
    let filters = Filters::default();
    let pair = Pairwise::compute(p, &a.coders, &filters)?;
    if a.all_agreed {
        let mut log = ConsensusLog::open(p)?;
        let decisions = accept_agreed(p, &pair, log.consensus(), &by, a.note.as_deref())?;
        let n = log.record(decisions)?;
        let progress = Progress::of(&pair, log.consensus());
        outln!(
            "Accepted {n} agreed unit(s) into the consensus as one action ({} of {} agreed units in it; `thematic undo --consensus` takes the action back)",
            progress.agreed_accepted,
            progress.agreed
        );
        return Ok(());
    }
    let span = match &a.span {
        Some(s) => Some(
            parse_span(s).ok_or_else(|| Error::user(format!("--span '{s}' is not START..END")))?,
        ),
        None => None,
    };
    let take = a
        .take
        .as_deref()
        .map(|t| {
            Choice::parse(t).ok_or_else(|| {
                Error::user(format!(
                    "--take {t}: use one of {}",
                    Choice::TAKE.join(", ")
                ))
            })
        })
        .transpose()?;
    let mut decisions = Vec::new();
    for unit in &a.units {
        if decisions.iter().any(|d: &Decision| &d.unit == unit) {
            return Err(Error::user(format!("unit {unit} is named twice")));
        }
        decisions.push(decide(
            p,
            &pair,
            &Request {
                unit: unit.clone(),
                take,
                codes: a.codes.clone(),
                span,
                note: a.note.clone(),
                by: by.clone(),
                force: a.force,
            },
        )?);
    }
    let mut log = ConsensusLog::open(p)?;
    let n = log.record(decisions.clone())?;
    let [ca, cb] = &pair.coders;
    for d in &decisions {
        outln!(
            "{}: {} → {}{}",
            d.unit,
            d.choice.describe(ca, cb),
            names(p, &d.codes()),
            d.note
                .as_deref()
                .map_or(String::new(), |n| format!(" (note: {})", short(n, 60)))
        );
    }
    if n == 0 {
        outln!("Already decided so: nothing recorded");
    }
    outln!("{}", Progress::of(&pair, log.consensus()).line());
    Ok(())
}

/// `thematic consensus --json` rows.
#[derive(Serialize)]
struct ConsensusRow<'a> {
    #[serde(flatten)]
    decision: &'a Decision,
    codes: Vec<String>,
}

pub fn consensus(p: &Project, as_json: bool) -> Result<()> {
    let c = Consensus::read(p)?;
    let list = c.in_order(p);
    if as_json {
        let rows: Vec<ConsensusRow> = list
            .iter()
            .map(|d| ConsensusRow {
                decision: d,
                codes: d.codes(),
            })
            .collect();
        return json(&rows);
    }
    if !c.exists {
        outln!("No consensus yet: `thematic disagreements` lists what to reconcile");
        return Ok(());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &list {
        *counts.entry(d.choice.as_str()).or_default() += 1;
    }
    outln!(
        "{} unit(s) in the consensus: {}",
        list.len(),
        counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for d in list {
        outln!(
            "{:<24} {:<12} {:<40} {} {}{}",
            d.unit,
            d.choice.as_str(),
            short(&names(p, &d.codes()), 40),
            d.by,
            d.at,
            d.note
                .as_deref()
                .map_or(String::new(), |n| format!("  — {}", short(n, 60)))
        );
    }
    Ok(())
}

pub fn undo_redo(p: &Project, undo: bool, by: Option<String>) -> Result<()> {
    let by = by.or_else(|| who(p, None).ok());
    let mut log = ConsensusLog::open(p)?;
    let changed = if undo {
        log.undo(by.as_deref())?
    } else {
        log.redo(by.as_deref())?
    };
    if changed.is_empty() {
        return Err(Error::user(format!(
            "nothing to {} in the consensus",
            if undo { "undo" } else { "redo" }
        )));
    }
    let verb = if undo { "Undid" } else { "Redid" };
    match changed.as_slice() {
        [(unit, now)] => outln!(
            "{verb} the decision on {unit}: {}",
            match now {
                Some(d) => format!("back to '{}' by {}", d.choice.as_str(), d.by),
                None => "no decision now".into(),
            }
        ),
        many => outln!("{verb} one action on {} units", many.len()),
    }
    Ok(())
}

/// The `reconciliation` key of `thematic status --json`: progress, or `null` when the project
/// has fewer than two coders.
/// `first_two`: the project's first two coders with their effective states.
pub fn status_key(
    p: &Project,
    first_two: Option<[(&str, &crate::coding::CoderState); 2]>,
) -> Result<serde_json::Value> {
    let Some([(a, sa), (b, sb)]) = first_two else {
        return Ok(serde_json::Value::Null);
    };
    let progress = Progress::count(p, [a, b], [sa, sb], &Consensus::read(p)?);
    serde_json::to_value(progress).map_err(|e| Error::user(e.to_string()))
}

/// The status line of reconciliation, if the project has two coders.
pub fn status_line(v: &serde_json::Value) -> Option<String> {
    let p: Progress = serde_json::from_value(v.clone()).ok()?;
    Some(p.line())
}

pub fn export(
    p: &Project,
    format: &str,
    output: Option<&std::path::Path>,
    coders: &[String],
) -> Result<()> {
    let pair = Pairwise::compute(p, coders, &Filters::default())?;
    let r = ReconciliationReport::build(p, &pair, &Consensus::read(p)?);
    let text = match format {
        "json" => r.json(),
        "csv" => r.csv(),
        _ => r.markdown(),
    };
    match output {
        Some(path) => {
            crate::project::atomic::write_atomic(path, text.as_bytes())?;
            note!("Wrote the reconciliation report to {}", path.display());
        }
        None => out!("{text}"),
    }
    Ok(())
}

/// During `codebook edit … --reason TEXT`, under the codebook's lock: record why the definition
/// changed, before the edited codebook `cb` is saved (a refused record leaves it as it was).
pub fn refinement(
    p: &Project,
    cb: &crate::codebook::Codebook,
    before: &Definition,
    code: &str,
    reason: &str,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::user("--reason is empty; say why the code changed"));
    }
    cb.validate(&p.root.join(crate::project::CODEBOOK))?;
    let after = cb
        .get(code)
        .map(Definition::of)
        .ok_or_else(|| Error::user(format!("unknown code '{code}'")))?;
    crate::reconcile::record_refinement(p, code, reason, who(p, None).ok(), before.clone(), after)
}
