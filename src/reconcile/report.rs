//! The reconciliation report (`thematic export reconciliation`): per code, every disagreement,
//! how it was decided and why, and the codebook changes made along the way — the audit trail a
//! methods section cites. Markdown, CSV or JSON.

use super::consensus::Consensus;
use super::decide::Progress;
use super::decision::{Choice, Decision, coverage};
use super::refinement::Refinement;
use crate::agreement::{Pairwise, UnitComparison};
use crate::project::Project;
use serde::Serialize;
use std::collections::BTreeMap;

/// One disagreement on one code.
#[derive(Debug, Clone, Serialize)]
pub struct CodeDisagreement {
    pub unit: String,
    pub case: Option<String>,
    pub source: String,
    /// `a_only`, `b_only` or `spans`.
    pub difference: &'static str,
    /// Each coder's spans of the code (`null` = the whole unit; empty = not applied).
    pub a: Vec<Option<[usize; 2]>>,
    pub b: Vec<Option<[usize; 2]>>,
    /// The decision on the unit (`null`: still open).
    pub decision: Option<Choice>,
    /// Whether the consensus applies this code to the unit (`null`: open).
    pub kept: Option<bool>,
    pub note: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
}

/// One code's part of the report.
#[derive(Debug, Clone, Serialize)]
pub struct CodeReport {
    pub code: String,
    pub name: String,
    pub disagreements: usize,
    pub a_only: usize,
    pub b_only: usize,
    pub spans: usize,
    pub resolved: usize,
    pub kept: usize,
    pub left_out: usize,
    pub units: Vec<CodeDisagreement>,
    pub refinements: Vec<Refinement>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct ReconciliationReport {
    pub project: String,
    pub coders: Vec<String>,
    pub progress: Progress,
    /// Decisions by option, over every unit in the consensus.
    pub decisions: BTreeMap<&'static str, usize>,
    pub codes: Vec<CodeReport>,
}

fn spans_of(u: &UnitComparison, a: bool, code: &str) -> Vec<Option<[usize; 2]>> {
    let list = if a { &u.a_spans } else { &u.b_spans };
    list.iter()
        .filter(|c| c.code == code)
        .map(|c| c.span.map(|(s, e)| [s, e]))
        .collect()
}

impl ReconciliationReport {
    pub fn build(p: &Project, pair: &Pairwise, consensus: &Consensus) -> ReconciliationReport {
        let mut decisions: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in consensus.decisions() {
            *decisions.entry(d.choice.as_str()).or_default() += 1;
        }
        let mut codes = Vec::new();
        for code in &p.codebook.codes {
            let refinements: Vec<Refinement> = consensus
                .refinements
                .iter()
                .filter(|r| r.code == code.id)
                .cloned()
                .collect();
            let units: Vec<CodeDisagreement> = pair
                .disagreements
                .iter()
                .filter_map(|u| entry(p, u, &code.id, consensus.get(&u.unit)))
                .collect();
            if units.is_empty() && refinements.is_empty() {
                continue;
            }
            let count = |k: &str| units.iter().filter(|u| u.difference == k).count();
            codes.push(CodeReport {
                code: code.id.clone(),
                name: code.name.clone(),
                disagreements: units.len(),
                a_only: count("a_only"),
                b_only: count("b_only"),
                spans: count("spans"),
                resolved: units.iter().filter(|u| u.decision.is_some()).count(),
                kept: units.iter().filter(|u| u.kept == Some(true)).count(),
                left_out: units.iter().filter(|u| u.kept == Some(false)).count(),
                units,
                refinements,
            });
        }
        ReconciliationReport {
            project: p.manifest.name.clone(),
            coders: pair.coders.to_vec(),
            progress: Progress::of(pair, consensus),
            decisions,
            codes,
        }
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "code_id",
            "code",
            "unit",
            "case",
            "source",
            "difference",
            "a_spans",
            "b_spans",
            "decision",
            "kept",
            "note",
            "by",
            "at",
        ]);
        for c in &self.codes {
            for u in &c.units {
                let _ = w.write_record([
                    c.code.as_str(),
                    &c.name,
                    &u.unit,
                    u.case.as_deref().unwrap_or(""),
                    &u.source,
                    u.difference,
                    &spans_text(&u.a),
                    &spans_text(&u.b),
                    u.decision.map_or("", Choice::as_str),
                    u.kept.map_or("", |k| if k { "yes" } else { "no" }),
                    u.note.as_deref().unwrap_or(""),
                    u.by.as_deref().unwrap_or(""),
                    u.at.as_deref().unwrap_or(""),
                ]);
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    pub fn markdown(&self) -> String {
        let coder = |i: usize| self.coders.get(i).map_or("?", String::as_str);
        let (a, b) = (coder(0), coder(1));
        let pr = &self.progress;
        let mut s = format!("# Reconciliation report: {}\n\n", self.project);
        s += &format!(
            "Coders compared: {a} (A) and {b} (B). Of the {} units both coders reviewed, {} were \
             coded identically and {} differed (a code only one coder applied, or the same code \
             on different text). {} of the {} disagreements have been resolved by discussion, \
             {} are open; {} of the {} agreed units were accepted into the consensus as agreed.\n\n",
            pr.disagreements + pr.agreed,
            pr.agreed,
            pr.disagreements,
            pr.resolved,
            pr.disagreements,
            pr.disagreements - pr.resolved,
            pr.agreed_accepted,
            pr.agreed,
        );
        if pr.one_sided > 0 {
            s += &format!(
                "{} further unit(s) were reviewed by one coder only and are not counted here.\n\n",
                pr.one_sided
            );
        }
        if !self.decisions.is_empty() {
            s += "Decisions in the consensus: ";
            s += &self
                .decisions
                .iter()
                .map(|(k, n)| format!("{} {n}", option_words(k, a, b)))
                .collect::<Vec<_>>()
                .join("; ");
            s += ".\n\n";
        }
        s += "## Summary by code\n\n| Code | Disagreements | A only | B only | Different text | Resolved | Code kept | Code left out | Open |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        for c in &self.codes {
            s += &format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                cell(&c.name),
                c.disagreements,
                c.a_only,
                c.b_only,
                c.spans,
                c.resolved,
                c.kept,
                c.left_out,
                c.disagreements - c.resolved
            );
        }
        for c in &self.codes {
            s += &format!("\n## {}\n\n", c.name);
            for r in &c.refinements {
                let fields = r.before.changed(&r.after);
                s += &format!(
                    "- Definition changed ({}) on {}{}: {}{}\n",
                    if fields.is_empty() {
                        "no field".into()
                    } else {
                        fields.join(", ")
                    },
                    r.at,
                    r.by.as_deref()
                        .map_or(String::new(), |b| format!(" by {b}")),
                    r.reason,
                    r.disagreements.map_or(String::new(), |n| format!(
                        " ({n} disagreements at the time)"
                    ))
                );
            }
            if c.units.is_empty() {
                continue;
            }
            if !c.refinements.is_empty() {
                s += "\n";
            }
            s += "| Unit | Case | Difference | Decision | Code | Note | By | At |\n|---|---|---|---|---|---|---|---|\n";
            for u in &c.units {
                let diff = match u.difference {
                    "a_only" => format!("only {a}"),
                    "b_only" => format!("only {b}"),
                    _ => format!("{a} {}, {b} {}", spans_text(&u.a), spans_text(&u.b)),
                };
                s += &format!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                    u.unit,
                    u.case.as_deref().unwrap_or("—"),
                    cell(&diff),
                    u.decision.map_or("open".into(), |d| d.describe(a, b)),
                    match u.kept {
                        Some(true) => "kept",
                        Some(false) => "left out",
                        None => "—",
                    },
                    cell(u.note.as_deref().unwrap_or("")),
                    u.by.as_deref().unwrap_or(""),
                    u.at.as_deref().unwrap_or(""),
                );
            }
        }
        s
    }
}

fn entry(
    p: &Project,
    u: &UnitComparison,
    code: &str,
    d: Option<&Decision>,
) -> Option<CodeDisagreement> {
    let difference = if u.only_a.iter().any(|c| c == code) {
        "a_only"
    } else if u.only_b.iter().any(|c| c == code) {
        "b_only"
    } else if u.span_differences.iter().any(|s| s.code == code) {
        "spans"
    } else {
        return None;
    };
    let len = p.unit(&u.unit).map_or(0, |x| x.text.chars().count());
    let kept = d.map(|d| {
        coverage(&d.codings, len)
            .iter()
            .any(|(c, _)| c == code || p.codebook.canonical(c) == Some(code))
    });
    Some(CodeDisagreement {
        unit: u.unit.clone(),
        case: u.case.clone(),
        source: u.source.clone(),
        difference,
        a: spans_of(u, true, code),
        b: spans_of(u, false, code),
        decision: d.map(|d| d.choice),
        kept,
        note: d.and_then(|d| d.note.clone()),
        by: d.map(|d| d.by.clone()),
        at: d.map(|d| d.at.clone()),
    })
}

fn spans_text(list: &[Option<[usize; 2]>]) -> String {
    if list.is_empty() {
        return "—".into();
    }
    list.iter()
        .map(|s| s.map_or("whole unit".into(), |[a, b]| format!("{a}..{b}")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn option_words(k: &str, a: &str, b: &str) -> String {
    Choice::parse(k).map_or(k.to_string(), |c| c.describe(a, b))
}

/// A Markdown table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}
