//! "Table 2" of a mixed-methods paper, built from a spec: a block per outcome item, a row per
//! factor level with "% (n/N)" of the cases giving the outcome's answer, the P value of the
//! factor × outcome test (significant ones marked), and a footnote naming the tests.

use super::collapse::CollapseRule;
use super::table::{Crosstab, TestChoice, canonical_name, crosstab, percent_cell};
use super::variables::{Resolver, VariableSpec};
use crate::error::{Error, IoContext, Result};
use crate::project::Project;
use crate::reconcile::Perspective;
use crate::stats::{format_p, significant};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// `SPEC.json` of `thematic export crosstabs` (documented in the README).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    #[serde(default)]
    pub title: Option<String>,
    /// Whose coding `code:` variables read (default: the consensus).
    #[serde(default)]
    pub coder: Option<String>,
    /// "fisher" (default) or "chi2".
    #[serde(default)]
    pub test: Option<String>,
    #[serde(default)]
    pub yates: bool,
    /// Count moderators' turns and cases in `code:` and `theme:` variables (`--moderators`).
    #[serde(default)]
    pub moderators: bool,
    /// `--collapse` rules, e.g. "attr:q1:Strongly agree,Agree=agree".
    #[serde(default)]
    pub collapse: Vec<String>,
    pub outcomes: Vec<Outcome>,
    pub factors: Vec<Factor>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub variable: String,
    /// The block's heading (default: the variable's name).
    #[serde(default)]
    pub label: Option<String>,
    /// The answer whose share is shown (default: the outcome's first level).
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub variable: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// The finished table.
#[derive(Debug, Clone, Serialize)]
pub struct Table2 {
    pub title: String,
    pub coding: String,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub outcome: String,
    /// The answer counted ("agree").
    pub value: String,
    pub groups: Vec<Group>,
}

/// One factor within an outcome block.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub factor: String,
    pub rows: Vec<LevelRow>,
    pub test: &'static str,
    pub p_value: Option<f64>,
    /// ".0155", "<.001", "—".
    pub p_text: String,
    pub significant: bool,
    pub excluded: usize,
    pub crosstab: Crosstab,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRow {
    pub level: String,
    pub n: u64,
    pub total: u64,
    /// "94% (15/16)".
    pub cell: String,
}

impl Spec {
    pub fn load(path: &Path) -> Result<Spec> {
        let bytes = std::fs::read(path).at(path)?;
        let spec: Spec = serde_json::from_slice(&bytes)
            .map_err(|e| Error::input(path, Some(e.line()), format!("not a crosstab spec: {e}")))?;
        if spec.outcomes.is_empty() || spec.factors.is_empty() {
            return Err(Error::field(
                path,
                None,
                if spec.outcomes.is_empty() {
                    "outcomes"
                } else {
                    "factors"
                },
                "needs at least one entry",
            ));
        }
        Ok(spec)
    }
}

/// Build the table; `path` names the spec in messages.
pub fn build(p: &Project, spec: &Spec, path: &Path) -> Result<Table2> {
    let test = match spec.test.as_deref() {
        None | Some("fisher") => TestChoice::Fisher,
        Some("chi2") => TestChoice::Chi2 { yates: spec.yates },
        Some(other) => {
            return Err(Error::field(
                path,
                None,
                "test",
                format!("'{other}' is not fisher or chi2"),
            ));
        }
    };
    let rules = spec
        .collapse
        .iter()
        .map(|r| CollapseRule::parse(r))
        .collect::<Result<Vec<_>>>()
        .map_err(|e| Error::field(path, None, "collapse", e.to_string()))?;
    let mut resolver = Resolver::new(p, Perspective::from_option(spec.coder.as_deref()))
        .with_moderators(spec.moderators);
    let names: Vec<String> = spec
        .outcomes
        .iter()
        .map(|o| o.variable.as_str())
        .chain(spec.factors.iter().map(|f| f.variable.as_str()))
        .map(|v| VariableSpec::parse(v).map(|v| canonical_name(&resolver, &v)))
        .collect::<Result<_>>()?;
    if let Some(r) = rules
        .iter()
        .find(|r| !names.contains(&canonical_name(&resolver, &r.variable)))
    {
        return Err(Error::field(
            path,
            None,
            "collapse",
            format!(
                "a rule is for {}, which is neither an outcome nor a factor",
                canonical_name(&resolver, &r.variable)
            ),
        ));
    }
    let mut blocks = Vec::new();
    let mut tests_used: Vec<TestKind> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (oi, outcome) in spec.outcomes.iter().enumerate() {
        let ospec = VariableSpec::parse(&outcome.variable)?;
        let mut groups = Vec::new();
        let mut value = None;
        for factor in &spec.factors {
            let fspec = VariableSpec::parse(&factor.variable)?;
            let names = [
                canonical_name(&resolver, &ospec),
                canonical_name(&resolver, &fspec),
            ];
            let mine: Vec<CollapseRule> = rules
                .iter()
                .filter(|r| names.contains(&canonical_name(&resolver, &r.variable)))
                .cloned()
                .collect();
            let t = crosstab(&mut resolver, &fspec, &ospec, &mine, test)
                .map_err(|e| Error::field(path, None, format!("outcomes[{oi}]"), e.to_string()))?;
            let j = match &outcome.value {
                None => 0,
                Some(v) => t
                    .cols
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case(v))
                    .ok_or_else(|| {
                        Error::field(
                            path,
                            None,
                            format!("outcomes[{oi}].value"),
                            format!(
                                "'{v}' is not a value of {} (its values: {})",
                                t.col_variable,
                                t.cols.join(", ")
                            ),
                        )
                    })?,
            };
            value = Some(t.cols[j].clone());
            let rows = (0..t.rows.len())
                .map(|i| {
                    let (n, total) = (t.counts[i][j], t.row_total(i));
                    LevelRow {
                        level: t.rows[i].clone(),
                        n,
                        total,
                        cell: percent_cell(n, total),
                    }
                })
                .collect();
            let kind = match (t.test, t.rows.len() * t.cols.len() == 4, t.yates) {
                ("fisher", true, _) => TestKind::Fisher2x2,
                ("fisher", false, _) => TestKind::FisherRxC,
                ("fisher-simulated", _, _) => TestKind::FisherSimulated,
                (_, _, true) => TestKind::Chi2Yates,
                _ => TestKind::Chi2,
            };
            if !tests_used.contains(&kind) {
                tests_used.push(kind);
            }
            if let Some(n) = &t.note {
                notes.push(format!("{} by {}: {n}.", t.col_variable, t.row_variable));
            }
            groups.push(Group {
                factor: factor.label.clone().unwrap_or_else(|| {
                    super::shown_name(resolver.project(), &t.row_variable).to_string()
                }),
                rows,
                test: t.test,
                p_value: t.p_value,
                p_text: t.p_value.map_or_else(|| "—".into(), format_p),
                significant: t.p_value.is_some_and(significant),
                excluded: t.excluded,
                crosstab: t,
            });
        }
        blocks.push(Block {
            outcome: outcome.label.clone().unwrap_or_else(|| {
                groups.first().map_or_else(String::new, |g| {
                    super::shown_name(resolver.project(), &g.crosstab.col_variable).to_string()
                })
            }),
            value: value.unwrap_or_default(),
            groups,
        });
    }
    let mut footnotes = vec![format!(
        "Cells are % (n/N) of each group giving the answer. P values: {}; bold: P < .05. Cases missing an answer are left out of that comparison.",
        tests_sentence(&tests_used)
    )];
    footnotes.extend(notes);
    Ok(Table2 {
        title: spec
            .title
            .clone()
            .unwrap_or_else(|| "Table 2. Outcomes by respondent group".into()),
        coding: resolver.perspective().label().to_string(),
        blocks,
        footnotes,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestKind {
    Fisher2x2,
    FisherRxC,
    FisherSimulated,
    Chi2,
    Chi2Yates,
}

/// The footnote's naming of the tests used, e.g. "two-sided Fisher's exact test (the
/// Fisher–Freeman–Halton extension for tables larger than 2×2)".
fn tests_sentence(kinds: &[TestKind]) -> String {
    let fisher = match (
        kinds.contains(&TestKind::Fisher2x2),
        kinds.contains(&TestKind::FisherRxC),
    ) {
        (true, true) => Some(
            "two-sided Fisher's exact test (the Fisher–Freeman–Halton extension for tables larger than 2×2)",
        ),
        (true, false) => Some("two-sided Fisher's exact test"),
        (false, true) => Some("two-sided Fisher–Freeman–Halton exact test"),
        (false, false) => None,
    };
    let simulated = kinds.contains(&TestKind::FisherSimulated).then(|| {
        format!(
            "for tables too large to enumerate, the Fisher–Freeman–Halton P estimated from {} random tables with the same margins (Monte Carlo)",
            super::table::thousands(crate::stats::REPLICATES)
        )
    });
    let chi2 = match (
        kinds.contains(&TestKind::Chi2),
        kinds.contains(&TestKind::Chi2Yates),
    ) {
        (true, true) => Some("Pearson's χ² test (with Yates' correction for 2×2 tables)"),
        (false, true) => Some("Pearson's χ² test with Yates' continuity correction"),
        (true, false) => Some("Pearson's χ² test"),
        (false, false) => None,
    };
    [fisher.map(String::from), simulated, chi2.map(String::from)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footnote_names_every_test_used_and_the_simulated_ones() {
        assert_eq!(
            tests_sentence(&[TestKind::Fisher2x2]),
            "two-sided Fisher's exact test"
        );
        let all = tests_sentence(&[
            TestKind::FisherRxC,
            TestKind::FisherSimulated,
            TestKind::Chi2Yates,
        ]);
        assert_eq!(
            all,
            "two-sided Fisher–Freeman–Halton exact test; for tables too large to enumerate, the \
             Fisher–Freeman–Halton P estimated from 100,000 random tables with the same margins \
             (Monte Carlo); Pearson's χ² test with Yates' continuity correction"
        );
    }
}
