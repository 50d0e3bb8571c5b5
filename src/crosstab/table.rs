//! One crosstab: two case variables (collapsed as asked), cases missing either left out and
//! counted, the counts, and the test (Fisher exact by default, its Monte Carlo estimate when the
//! exact enumeration would be too large, χ² on request).

use super::collapse::{CollapseRule, collapse};
use super::variables::{CaseVariable, Resolver, VariableSpec};
use crate::error::{Error, Result};
use crate::stats::fisher::DEFAULT_BUDGET;
use crate::stats::{Exact, REPLICATES, SEED, fisher_exact_within, fisher_simulated, pearson_chi2};
use serde::Serialize;
use std::collections::HashMap;

/// Which test the researcher asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TestChoice {
    #[default]
    Fisher,
    Chi2 {
        yates: bool,
    },
}

/// A finished crosstab, as `--format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Crosstab {
    pub row_variable: String,
    pub col_variable: String,
    /// Whose coding code and theme variables read: a coder or "consensus".
    pub coding: String,
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub counts: Vec<Vec<u64>>,
    /// "fisher", "fisher-simulated" (Monte Carlo, for tables too large to enumerate) or "chi2".
    pub test: &'static str,
    pub p_value: Option<f64>,
    /// For "fisher-simulated": the 99% interval of the exact P the estimate stands for.
    pub p_interval: Option<[f64; 2]>,
    /// For "fisher-simulated": how many random tables, and the seed they were drawn from.
    pub replicates: Option<u64>,
    pub seed: Option<u64>,
    /// χ² statistic (null for Fisher's test).
    pub statistic: Option<f64>,
    pub df: Option<u64>,
    pub yates: bool,
    /// Cases left out because one or both answers were missing.
    pub excluded: usize,
    pub missing: Missing,
    /// Why the test is not the one asked for, or a caution about it.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub row: usize,
    pub col: usize,
}

impl Crosstab {
    pub fn n(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    pub fn row_total(&self, i: usize) -> u64 {
        self.counts[i].iter().sum()
    }

    pub fn col_total(&self, j: usize) -> u64 {
        self.counts.iter().map(|r| r[j]).sum()
    }

    /// How the test is named under a table.
    pub fn test_name(&self) -> String {
        let (r, c) = (self.rows.len(), self.cols.len());
        match self.test {
            "fisher" if r == 2 && c == 2 => "Fisher's exact test, two-sided".into(),
            "fisher" => format!("Fisher–Freeman–Halton exact test ({r}×{c}), two-sided"),
            "fisher-simulated" => format!(
                "Fisher–Freeman–Halton test ({r}×{c}), two-sided, P estimated from {} random tables",
                thousands(self.replicates.unwrap_or(0))
            ),
            _ if self.yates => "Pearson's χ² test with Yates' continuity correction".into(),
            _ => "Pearson's χ² test".into(),
        }
    }
}

impl TestChoice {
    /// How the choice is named before a table is computed.
    pub fn name(self) -> &'static str {
        match self {
            TestChoice::Fisher => "exact (Fisher)",
            TestChoice::Chi2 { yates: false } => "Pearson's χ²",
            TestChoice::Chi2 { yates: true } => "χ² with Yates' correction",
        }
    }
}

/// 100000 → "100,000".
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// "94% (15/16)": a count as a whole percentage of its total.
pub fn percent_cell(n: u64, total: u64) -> String {
    if total == 0 {
        return "— (0/0)".into();
    }
    format!("{:.0}% ({n}/{total})", 100.0 * n as f64 / total as f64)
}

/// Resolve and collapse both variables, tabulate the cases that have both, and test.
pub fn crosstab(
    resolver: &mut Resolver,
    row: &VariableSpec,
    col: &VariableSpec,
    rules: &[CollapseRule],
    test: TestChoice,
) -> Result<Crosstab> {
    let row_var = prepared(resolver, row, rules)?;
    let col_var = prepared(resolver, col, rules)?;
    if row_var.name == col_var.name {
        return Err(Error::user(format!(
            "rows and columns are both {}; choose two different variables",
            row_var.name
        )));
    }
    let unused: Vec<&CollapseRule> = rules
        .iter()
        .filter(|r| !same_variable(resolver, &r.variable, &[&row_var, &col_var]))
        .collect();
    if let Some(r) = unused.first() {
        return Err(Error::user(format!(
            "--collapse names {:?}, which is neither the rows ({}) nor the columns ({})",
            r.variable, row_var.name, col_var.name
        )));
    }
    let col_values: HashMap<&str, Option<&str>> = col_var
        .values
        .iter()
        .map(|(c, v)| (c.as_str(), v.as_deref()))
        .collect();
    let (mut excluded, mut missing_row, mut missing_col) = (0, 0, 0);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (case, rv) in &row_var.values {
        let cv = col_values.get(case.as_str()).copied().flatten();
        missing_row += usize::from(rv.is_none());
        missing_col += usize::from(cv.is_none());
        match (rv.as_deref(), cv) {
            (Some(r), Some(c)) => pairs.push((r, c)),
            _ => excluded += 1,
        }
    }
    if pairs.is_empty() {
        return Err(Error::user(format!(
            "no case has both {} and {}: the table is empty ({excluded} cases excluded as missing)",
            row_var.name, col_var.name
        )));
    }
    let rows = observed_levels(&row_var, pairs.iter().map(|p| p.0))?;
    let cols = observed_levels(&col_var, pairs.iter().map(|p| p.1))?;
    let mut counts = vec![vec![0u64; cols.len()]; rows.len()];
    for (r, c) in pairs {
        let (Some(i), Some(j)) = (
            rows.iter().position(|x| x == r),
            cols.iter().position(|x| x == c),
        ) else {
            continue;
        };
        counts[i][j] += 1;
    }
    let mut out = Crosstab {
        row_variable: row_var.name,
        col_variable: col_var.name,
        coding: resolver.perspective().label().to_string(),
        rows,
        cols,
        counts,
        test: "fisher",
        p_value: None,
        p_interval: None,
        replicates: None,
        seed: None,
        statistic: None,
        df: None,
        yates: false,
        excluded,
        missing: Missing {
            row: missing_row,
            col: missing_col,
        },
        note: None,
    };
    run_test(&mut out, test, DEFAULT_BUDGET);
    Ok(out)
}

fn run_test(t: &mut Crosstab, test: TestChoice, budget: u64) {
    let yates = match test {
        TestChoice::Fisher => match fisher_exact_within(&t.counts, budget) {
            Exact::P(p) => {
                t.p_value = Some(p);
                return;
            }
            Exact::Undefined => return,
            Exact::TooLarge => {
                // Too many tables to enumerate: estimate the same P from random tables with
                // these margins (as R's simulate.p.value does), and say how precise it is.
                if let Some(s) = fisher_simulated(&t.counts, REPLICATES, SEED) {
                    t.test = "fisher-simulated";
                    t.p_value = Some(s.p);
                    t.p_interval = Some(s.interval);
                    t.replicates = Some(s.replicates);
                    t.seed = Some(s.seed);
                    t.note = Some(format!(
                        "the exact test would enumerate too many tables; P is a Monte Carlo estimate from {} random tables with these margins (seed {}; 99% interval for the exact P {:.4}–{:.4})",
                        thousands(s.replicates),
                        s.seed,
                        s.interval[0],
                        s.interval[1]
                    ));
                }
                return;
            }
        },
        TestChoice::Chi2 { yates } => yates,
    };
    t.test = "chi2";
    if let Some(c) = pearson_chi2(&t.counts, yates) {
        t.p_value = Some(c.p_value);
        t.statistic = Some(c.statistic);
        t.df = Some(c.df);
        t.yates = c.yates;
        if c.min_expected < 5.0 {
            let caution = format!(
                "some expected counts are under 5 (smallest {:.1}); the χ² approximation may be poor",
                c.min_expected
            );
            t.note = Some(match t.note.take() {
                Some(n) => format!("{n}; {caution}"),
                None => caution,
            });
        }
    }
}

fn prepared(
    resolver: &mut Resolver,
    spec: &VariableSpec,
    rules: &[CollapseRule],
) -> Result<CaseVariable> {
    let var = resolver.resolve(spec)?;
    let mine: Vec<&CollapseRule> = rules
        .iter()
        .filter(|r| same_variable(resolver, &r.variable, &[&var]))
        .collect();
    collapse(&var, &mine)
}

/// Whether a rule's variable is one of `vars` (attributes by key, so aliases and headers match).
fn same_variable(resolver: &Resolver, spec: &VariableSpec, vars: &[&CaseVariable]) -> bool {
    let name = canonical_name(resolver, spec);
    vars.iter().any(|v| v.name == name)
}

/// The name a variable goes by once resolved (an attribute's key, `code:` + the code's name).
pub fn canonical_name(resolver: &Resolver, spec: &VariableSpec) -> String {
    match spec {
        VariableSpec::Attribute(a) => resolver
            .project()
            .resolve_attribute(a)
            .unwrap_or_else(|| a.clone()),
        VariableSpec::Code(c) => resolver
            .project()
            .codebook
            .find(c)
            .map_or_else(|| format!("code:{c}"), |code| format!("code:{}", code.name)),
        VariableSpec::Theme(t) => format!("theme:{t}"),
    }
}

/// The levels that occur among the counted cases, in the variable's order; at least two.
fn observed_levels<'a>(
    var: &CaseVariable,
    values: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>> {
    let seen: std::collections::HashSet<&str> = values.collect();
    let levels: Vec<String> = var
        .levels
        .iter()
        .filter(|l| seen.contains(l.as_str()))
        .cloned()
        .collect();
    if levels.len() < 2 {
        return Err(Error::user(format!(
            "{} has only one value ({}) among the cases counted; a crosstab needs at least two",
            var.name,
            levels.first().map_or("none", String::as_str)
        )));
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(counts: Vec<Vec<u64>>) -> Crosstab {
        Crosstab {
            row_variable: "a".into(),
            col_variable: "b".into(),
            coding: "consensus".into(),
            rows: (0..counts.len()).map(|i| i.to_string()).collect(),
            cols: (0..counts[0].len()).map(|j| j.to_string()).collect(),
            counts,
            test: "fisher",
            p_value: None,
            p_interval: None,
            replicates: None,
            seed: None,
            statistic: None,
            df: None,
            yates: false,
            excluded: 0,
            missing: Missing { row: 0, col: 0 },
            note: None,
        }
    }

    #[test]
    fn too_large_for_the_exact_test_falls_back_to_a_monte_carlo_estimate_and_says_so() {
        let mut t = table(vec![vec![9, 6, 7, 8], vec![8, 7, 6, 9], vec![6, 9, 8, 7]]);
        run_test(&mut t, TestChoice::Fisher, 10);
        assert_eq!(t.test, "fisher-simulated");
        let note = t.note.clone().unwrap_or_default();
        assert!(note.contains("too many tables") && note.contains("100,000 random tables"));
        assert_eq!(t.replicates, Some(REPLICATES));
        assert!(t.statistic.is_none() && t.df.is_none());
        assert_eq!(
            t.test_name(),
            "Fisher–Freeman–Halton test (3×4), two-sided, P estimated from 100,000 random tables"
        );
        let mut exact = table(t.counts.clone());
        run_test(&mut exact, TestChoice::Fisher, DEFAULT_BUDGET);
        assert_eq!(exact.test, "fisher");
        assert!(exact.statistic.is_none() && exact.p_interval.is_none());
        assert_eq!(
            exact.test_name(),
            "Fisher–Freeman–Halton exact test (3×4), two-sided"
        );
        // The estimate stands for the exact P: within its interval.
        let (p, [lo, hi]) = (exact.p_value.unwrap(), t.p_interval.unwrap());
        assert!(lo <= p && p <= hi, "{p} outside {lo}–{hi}");
        // χ² only when asked for.
        let mut chi = table(t.counts.clone());
        run_test(&mut chi, TestChoice::Chi2 { yates: false }, 10);
        assert_eq!((chi.test, chi.df), ("chi2", Some(6)));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }

    #[test]
    fn percent_cells() {
        assert_eq!(percent_cell(15, 16), "94% (15/16)");
        assert_eq!(percent_cell(0, 2), "0% (0/2)");
        assert_eq!(percent_cell(0, 0), "— (0/0)");
    }
}
