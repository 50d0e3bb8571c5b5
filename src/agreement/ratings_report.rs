//! The ratings-calculator mode (`thematic agreement --ratings FILE.csv`): every coefficient
//! of the measures module on any reliability data, like the well-known online calculators,
//! with a statement of how the file was read.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::conger::Weights;
use super::data::Level;
use super::gwet::{Estimate, Sampling};
use super::inference::{Inference, MAX_CATEGORIES, for_ratings};
use super::jackknife::{AlphaJackknife, jackknife_note};
use super::patterns::{AlphaInterval, MISSING, Patterns};
use super::ratings_csv::{ReadOptions, level_str, read};
use super::report::Bootstrap;
use crate::error::Result;

/// Coefficients for a ratings file. The first keys are the contract's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingsReport {
    /// Units (data rows).
    pub units: usize,
    /// Coder names (the header row, or coder1, coder2, …).
    pub coders: Vec<String>,
    pub percent_agreement: Option<f64>,
    /// At `level`.
    pub krippendorff_alpha: Option<f64>,
    /// Two coders only.
    pub cohen_kappa: Option<f64>,
    /// Two coders only.
    pub scott_pi: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    pub gwet_ac1: Option<f64>,
    pub brennan_prediger: Option<f64>,
    pub level: &'static str,
    pub krippendorff_alpha_ci: Option<[f64; 2]>,
    /// Two coders, binary data only.
    pub pabak: Option<f64>,
    pub file: String,
    pub header: bool,
    /// Units with at least two ratings.
    pub pairable_units: usize,
    pub ratings: usize,
    pub missing: usize,
    /// Number of categories q (AC1 and Brennan–Prediger depend on it).
    pub categories: usize,
    pub categories_declared: bool,
    pub bootstrap: Bootstrap,
    /// Which interval `krippendorff_alpha_ci` is.
    pub alpha_interval: AlphaInterval,
    pub alpha_interval_label: &'static str,
    /// With `--interval jackknife`: Hughes' (2022) estimate, ln(MSA/MSE) with its jackknife SE,
    /// and the interval (the one in `krippendorff_alpha_ci`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub krippendorff_alpha_jackknife: Option<AlphaJackknife>,
    /// Standard errors, 95% t intervals and p-values (Gwet 2014, as irrCAC); weighted
    /// coefficients when `--weights` was given (then Cohen's kappa is Cohen's 1968 weighted kappa
    /// and AC1 is AC2).
    pub inference: Inference,
    pub notes: Vec<String>,
}

/// How the calculator computes intervals and standard errors.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CalcOptions {
    pub interval: AlphaInterval,
    /// Weights for ordered categories (the Gwet-family coefficients and kappa).
    pub weights: Weights,
    /// The population of units for the finite-population correction (None: infinite).
    pub population: Option<u64>,
}

/// Read the file and compute every coefficient, with the default intervals.
pub fn ratings_agreement(
    path: &Path,
    opts: &ReadOptions,
    bootstrap: Bootstrap,
) -> Result<RatingsReport> {
    ratings_agreement_with(path, opts, bootstrap, CalcOptions::default())
}

/// Read the file and compute every coefficient.
pub fn ratings_agreement_with(
    path: &Path,
    opts: &ReadOptions,
    bootstrap: Bootstrap,
    calc: CalcOptions,
) -> Result<RatingsReport> {
    let level = opts.level.unwrap_or(Level::Nominal);
    let d = read(path, opts)?;
    let r = &d.ratings;
    let m = r.n_coders();
    let values: &[f64] = d.values.as_deref().unwrap_or(&[]);
    let patterns = r.patterns();
    let alpha = patterns.krippendorff_alpha(level, values);
    let jackknife = (calc.interval == AlphaInterval::Jackknife && bootstrap.samples > 0)
        .then(|| patterns.alpha_jackknife(level, values, 0.95))
        .flatten();
    let ci = match calc.interval {
        _ if bootstrap.samples == 0 => None,
        AlphaInterval::Jackknife => jackknife.map(|j| (j.ci[0], j.ci[1])),
        AlphaInterval::Bootstrap => {
            patterns.alpha_bootstrap_ci(level, values, bootstrap.samples, bootstrap.seed)
        }
        AlphaInterval::Kalpha => {
            r.krippendorff_alpha_bootstrap_ci(level, values, bootstrap.samples, bootstrap.seed)
        }
    }
    .map(|(a, b)| [a, b]);
    let sampling = Sampling {
        population: calc.population,
        ..Sampling::default()
    };
    let inference = for_ratings(&patterns, calc.weights, level, values, sampling);
    // The unweighted estimates of `inference` are these coefficients, computed once over the
    // distinct patterns; the direct computation covers what it leaves out.
    let same = |e: Option<Estimate>, direct: &dyn Fn() -> Option<f64>| match e {
        Some(e) if calc.weights == Weights::Unweighted => Some(e.value),
        _ => direct(),
    };
    let i = &inference;
    let mut report = RatingsReport {
        units: r.n_units(),
        coders: d.coders.clone(),
        percent_agreement: same(i.percent_agreement, &|| r.percent_agreement()),
        krippendorff_alpha: alpha,
        cohen_kappa: same(i.cohen_kappa, &|| r.cohen_kappa()),
        scott_pi: same(i.scott_pi, &|| r.scott_pi()),
        fleiss_kappa: same(i.fleiss_kappa, &|| r.fleiss_kappa()),
        gwet_ac1: same(i.gwet_ac1, &|| r.gwet_ac1()),
        brennan_prediger: same(i.brennan_prediger, &|| r.brennan_prediger()),
        level: level_str(level),
        krippendorff_alpha_ci: ci,
        pabak: pabak(&patterns),
        file: path.display().to_string(),
        header: d.header,
        pairable_units: patterns.pairable_units(),
        ratings: d.rated,
        missing: d.missing,
        categories: d.categories.len(),
        categories_declared: d.declared,
        bootstrap,
        alpha_interval: calc.interval,
        alpha_interval_label: calc.interval.label(),
        krippendorff_alpha_jackknife: jackknife,
        inference,
        notes: Vec::new(),
    };
    let mut notes = vec![
        format!(
            "Read {}: each row is a unit, each column a coder, an empty cell a missing rating. {}",
            report.file,
            if d.header {
                "The first row was read as coder names."
            } else {
                "There is no header row (coders are named coder1, coder2, …)."
            }
        ),
        format!(
            "{} units × {m} coders: {} ratings, {} missing; {} units have two or more ratings \
             (pairable).",
            report.units, report.ratings, report.missing, report.pairable_units
        ),
        format!(
            "Level of measurement: {}. Only Krippendorff's alpha uses it (Krippendorff 2011); \
             the other coefficients treat values as nominal categories (exact matches).",
            report.level
        ),
        format!(
            "Categories: q = {} ({}). Gwet's AC1 and Brennan–Prediger depend on q.",
            report.categories,
            if d.declared {
                "declared with --categories"
            } else {
                "the distinct values that occur"
            }
        ),
        "Missing data: percent agreement, Fleiss' kappa, AC1 and Brennan–Prediger as in Gwet \
         (2014) / irrCAC (observed agreement over units with two or more ratings, chance \
         agreement over all rated units); Cohen's kappa and Scott's pi over units rated by both \
         coders; alpha over all pairable values."
            .to_string(),
    ];
    if m != 2 {
        notes.push(format!(
            "Cohen's kappa, Scott's pi and PABAK are defined for two coders only; with {m} coders \
             they are null."
        ));
    }
    if bootstrap.samples > 0 {
        let (b, seed) = (bootstrap.samples, bootstrap.seed);
        notes.push(match calc.interval {
            AlphaInterval::Bootstrap => format!(
                "Alpha interval: 95% percentile bootstrap over units (units drawn with \
                 replacement; Hughes 2022), {b} samples, seed {seed}."
            ),
            AlphaInterval::Kalpha => format!(
                "Alpha interval: 95% bootstrap as in KALPHA (Hayes & Krippendorff 2007; at most \
                 25·Q pairs per sample), {b} samples, seed {seed}."
            ),
            AlphaInterval::Jackknife => jackknife_note(jackknife.as_ref()),
        });
    }
    notes.push(format!(
        "Standard errors, 95% intervals and p-values as Gwet (2014) derives them and irrCAC \
         reports them: the SE from each unit's linearized contribution, the interval \
         coefficient ± t(n − 1)·SE with its upper end at most 1, the p-value the two-sided t test \
         of the coefficient being 0. {} Cohen's kappa and Scott's pi use the contingency-table \
         formulas over the units both coders rated; Conger's kappa (three or more coders) and \
         the others use all ratings.",
        match calc.population {
            None => "The population of units is taken as infinite.".to_string(),
            Some(n) => format!(
                "The SEs are corrected for sampling {} of a population of {n} units.",
                report.units
            ),
        }
    ));
    if calc.weights != Weights::Unweighted {
        notes.push(format!(
            "Weights: {} (irrCAC's), over the categories' {} — 1 − |x_k − x_l|/(max − min) \
             linear, 1 − (x_k − x_l)²/(max − min)² quadratic. The precision table gives the \
             weighted coefficients (Cohen's 1968 weighted kappa, AC2, …); the table above is \
             unweighted. Alpha's weighting is its level of measurement.",
            calc.weights.key(),
            if d.values.is_some() {
                "values"
            } else {
                "ranks"
            }
        ));
    }
    if d.categories.len() > MAX_CATEGORIES {
        notes.push(format!(
            "With {} distinct values (more than {MAX_CATEGORIES}) the standard errors are not \
             computed.",
            d.categories.len()
        ));
    }
    notes.push(
        "A coefficient shown as — (null in JSON) is undefined for the data (e.g. no variation), \
         not 1."
            .into(),
    );
    report.notes = notes;
    Ok(report)
}

/// 2×2 PABAK = 2p_o − 1 for two coders' binary data (q ≤ 2 categories used).
fn pabak(p: &Patterns) -> Option<f64> {
    if p.coders != 2 {
        return None;
    }
    let (mut n, mut agreeing) = (0.0, 0.0);
    let mut used: Vec<u32> = Vec::new();
    for j in 0..p.len() {
        let &[a, b] = p.row(j) else { continue };
        if a == MISSING || b == MISSING {
            continue;
        }
        let count = p.counts[j] as f64;
        n += count;
        if a == b {
            agreeing += count;
        }
        for v in [a, b] {
            if !used.contains(&v) && used.len() <= 2 {
                used.push(v);
            }
        }
    }
    (n > 0.0 && used.len() <= 2).then(|| 2.0 * agreeing / n - 1.0)
}

fn num(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{v:.4}"))
}

impl RatingsReport {
    fn rows(&self) -> Vec<(&'static str, &'static str, Option<f64>)> {
        vec![
            (
                "percent_agreement",
                "Percent agreement",
                self.percent_agreement,
            ),
            (
                "krippendorff_alpha",
                "Krippendorff's alpha",
                self.krippendorff_alpha,
            ),
            (
                "cohen_kappa",
                "Cohen's kappa (Cohen 1960)",
                self.cohen_kappa,
            ),
            ("scott_pi", "Scott's pi (Scott 1955)", self.scott_pi),
            (
                "fleiss_kappa",
                "Fleiss' kappa (Fleiss 1971)",
                self.fleiss_kappa,
            ),
            ("gwet_ac1", "Gwet's AC1 (Gwet 2008)", self.gwet_ac1),
            (
                "brennan_prediger",
                "Brennan–Prediger (1981)",
                self.brennan_prediger,
            ),
            ("pabak", "PABAK (Byrt et al. 1993)", self.pabak),
        ]
    }

    /// The Markdown report.
    pub fn markdown(&self) -> String {
        let mut s = format!(
            "# Agreement on {}\n\n{} units · {} coders ({}) · level {}\n\n| Coefficient | Value |\n|---|---|\n",
            self.file,
            self.units,
            self.coders.len(),
            self.coders.join(", "),
            self.level
        );
        for (key, label, v) in self.rows() {
            let extra = match (key, self.krippendorff_alpha_ci) {
                ("krippendorff_alpha", Some([a, b])) => {
                    format!(" [{a:.4}, {b:.4}] ({})", self.alpha_interval_label)
                }
                _ => String::new(),
            };
            let label = if key == "krippendorff_alpha" {
                format!("{label}, {}", self.level)
            } else {
                label.to_string()
            };
            let _ = writeln!(s, "| {label} | {}{extra} |", num(v));
        }
        s.push_str(&format!(
            "\n## Standard errors and 95% intervals ({})\n\n",
            self.inference.weights.key()
        ));
        s.push_str(&self.inference.markdown());
        s.push_str("\n## How the data was read\n\n");
        for n in &self.notes {
            let _ = writeln!(s, "- {n}");
        }
        s
    }

    /// `measure,value` rows (empty value when undefined).
    pub fn csv(&self) -> String {
        let mut s = String::from("measure,value\n");
        for (key, _, v) in self.rows() {
            let _ = writeln!(s, "{key},{}", v.map_or(String::new(), |x| x.to_string()));
        }
        let [lo, hi] = self
            .krippendorff_alpha_ci
            .map_or([None, None], |[a, b]| [Some(a), Some(b)]);
        for (key, v) in [
            ("krippendorff_alpha_ci_low", lo),
            ("krippendorff_alpha_ci_high", hi),
        ] {
            let _ = writeln!(s, "{key},{}", v.map_or(String::new(), |x| x.to_string()));
        }
        let _ = writeln!(
            s,
            "krippendorff_alpha_interval,{}",
            self.alpha_interval.key()
        );
        s.push_str(&self.inference.csv_rows());
        let _ = writeln!(s, "weights,{}", self.inference.weights.key());
        let _ = writeln!(s, "units,{}", self.units);
        let _ = writeln!(s, "coders,{}", self.coders.len());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::IndexedRatings;

    #[test]
    fn many_distinct_values_never_build_a_q_by_q_table() {
        // Five million categories: a q × q table would need 200 TB.
        let q = 5_000_000;
        let cells = vec![0, 0, 1, 4_999_999, 7, 7, 2, MISSING];
        let r = IndexedRatings::from_cells(2, q, cells).unwrap();
        let p = r.patterns();
        assert_eq!(pabak(&p), None, "more than two categories used");
        let values: Vec<f64> = (0..q).map(|v| v as f64).collect();
        let i = for_ratings(
            &p,
            Weights::Quadratic,
            Level::Interval,
            &values,
            Sampling::default(),
        );
        assert_eq!(i.krippendorff_alpha, None);
        assert!(p.krippendorff_alpha(Level::Interval, &values).is_some());
        let two = IndexedRatings::from_cells(2, q, vec![0, 0, 3, 3, 0, 3]).unwrap();
        assert_eq!(pabak(&two.patterns()), Some(2.0 * 2.0 / 3.0 - 1.0));
    }
}
