//! disagreements, reconcile, consensus, undo/redo --consensus, status's progress line: two
//! coders' differences and the decisions that resolve them.

use super::args::{DisagreementsArgs, ReconcileArgs};
use super::output::{json, short};
use crate::agreement::{Filters, Pairwise, UnitComparison};
use crate::coding::parse_span;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::report::ReconciliationReport;
use crate::reconcile::{
    Choice, Consensus, ConsensusLog, Decision, Definition, Progress, Refinement, Request,
    accept_agreed, decide,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A code's name for people (its id when it is not in the codebook).
pub(super) fn name(p: &Project, id: &str) -> String {
    p.codebook
        .get(id)
        .map_or(id.to_string(), |c| c.name.clone())
}

fn names(p: &Project, ids: &[String]) -> String {
    if ids.is_empty() {
        "(no code)".into()
    } else {
        ids.iter()
            .map(|i| name(p, i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn spans(list: &[[usize; 2]]) -> String {
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
        code.is_none_or(|c| u.involves(&c.id))
            && a.source.as_ref().is_none_or(|s| &u.source == s)
            && !(a.open && consensus.get(&u.unit).is_some())
    };
    let rows: Vec<&UnitComparison> = pair.disagreements.iter().filter(keep).collect();
    let one_sided: Vec<&UnitComparison> = pair.one_sided.iter().filter(keep).collect();
    let listed: Vec<&UnitComparison> = if a.one_sided {
        rows.iter().chain(&one_sided).copied().collect()
    } else {
        rows.clone()
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
    println!(
        "{ca} vs {cb}: {} of {} units compared differ{} ({in_codes} in their codes, {} only in their spans); {resolved} resolved, {} open",
        rows.len(),
        pair.disagreements.len() + pair.agreed.len(),
        code.map_or(String::new(), |c| format!(" on '{}'", c.name)),
        rows.len() - in_codes,
        rows.len() - resolved,
    );
    if !one_sided.is_empty() {
        println!(
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
        println!("\n{}{case}{status}", u.unit);
        println!("  \"{}\"", short(&u.text, 200));
        println!("  {ca:<width$}  {}", names(p, &u.a));
        println!("  {cb:<width$}  {}", names(p, &u.b));
        if !u.only_a.is_empty() {
            println!("  only {ca}: {}", names(p, &u.only_a));
        }
        if !u.only_b.is_empty() {
            println!("  only {cb}: {}", names(p, &u.only_b));
        }
        for s in &u.span_differences {
            println!(
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
            println!("  memo ({}{on}): {}", m.coder, short(&m.text, 200));
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
        println!("\nDisagreements by code:");
        for (c, n) in by {
            println!("  {n:>4}  {}", name(p, &c));
        }
    }
    Ok(())
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
        println!(
            "Accepted {n} agreed unit(s) into the consensus as one action ({} of {} agreed units in it; `thematic undo --consensus` takes the action back)",
            progress.agreed_accepted, progress.agreed
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
        println!(
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
        println!("Already decided so: nothing recorded");
    }
    println!("{}", Progress::of(&pair, log.consensus()).line());
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
        println!("No consensus yet: `thematic disagreements` lists what to reconcile");
        return Ok(());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &list {
        *counts.entry(d.choice.as_str()).or_default() += 1;
    }
    println!(
        "{} unit(s) in the consensus: {}",
        list.len(),
        counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for d in list {
        println!(
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
        [(unit, now)] => println!(
            "{verb} the decision on {unit}: {}",
            match now {
                Some(d) => format!("back to '{}' by {}", d.choice.as_str(), d.by),
                None => "no decision now".into(),
            }
        ),
        many => println!("{verb} one action on {} units", many.len()),
    }
    Ok(())
}

/// The `reconciliation` key of `thematic status --json`: progress, or `null` when the project
/// has fewer than two coders.
pub fn status_key(p: &Project) -> Result<serde_json::Value> {
    if p.coders()?.len() < 2 {
        return Ok(serde_json::Value::Null);
    }
    let pair = Pairwise::compute(p, &[], &Filters::default())?;
    let progress = Progress::of(&pair, &Consensus::read(p)?);
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
            eprintln!("Wrote the reconciliation report to {}", path.display());
        }
        None => print!("{text}"),
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
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::user("--reason is empty; say why the code changed"));
    }
    cb.validate(&p.root.join(crate::project::CODEBOOK))?;
    let after = cb
        .get(code)
        .map(Definition::of)
        .ok_or_else(|| Error::user(format!("unknown code '{code}'")))?;
    let disagreements = if p.coders()?.len() >= 2 {
        let pair = Pairwise::compute(p, &[], &Filters::default())?;
        Some(
            pair.disagreements
                .iter()
                .filter(|u| u.involves(code))
                .count(),
        )
    } else {
        None
    };
    let mut log = ConsensusLog::open(p)?;
    log.refine(Refinement {
        code: code.to_string(),
        reason: reason.to_string(),
        by: who(p, None).ok(),
        at: crate::project::manifest::now(),
        disagreements,
        before: before.clone(),
        after,
    })
}
