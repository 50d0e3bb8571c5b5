//! The precision of every coefficient in one place: standard errors, 95% intervals and
//! p-values (Gwet 2014, as irrCAC) for the ratings calculator and for each code of a project.

use serde::Serialize;

use super::binary::Binary2x2;
use super::conger::{Weights, conger_kappa, pair_table, two_coder};
use super::data::Level;
use super::gwet::{Estimate, Prepared, Sampling, identity};
use super::patterns::Patterns;
use super::presence::PresenceTally;

/// More categories than this and the q × q weight matrices are not built.
pub const MAX_CATEGORIES: usize = 1000;

/// Each coefficient with its SE, 95% interval and p-value; `null` where the coefficient is
/// undefined or not defined for this many coders.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Inference {
    /// The weights of the Gwet-family coefficients (alpha's follow the level of measurement).
    pub weights: Weights,
    /// Size of the population of units (`null`: infinite).
    pub population: Option<u64>,
    pub percent_agreement: Option<Estimate>,
    /// Two coders, over units both rated (Cohen 1960; weighted, Cohen 1968).
    pub cohen_kappa: Option<Estimate>,
    /// Two coders, over units both rated.
    pub scott_pi: Option<Estimate>,
    /// Three or more coders (Conger 1980), with missing ratings.
    pub conger_kappa: Option<Estimate>,
    pub fleiss_kappa: Option<Estimate>,
    /// AC1, or AC2 when weighted.
    pub gwet_ac1: Option<Estimate>,
    pub brennan_prediger: Option<Estimate>,
    pub krippendorff_alpha: Option<Estimate>,
}

impl Inference {
    /// (JSON key, label, estimate) rows in report order.
    pub fn rows(&self) -> Vec<(&'static str, &'static str, Option<Estimate>)> {
        vec![
            (
                "percent_agreement",
                "Percent agreement",
                self.percent_agreement,
            ),
            ("cohen_kappa", "Cohen's kappa", self.cohen_kappa),
            ("scott_pi", "Scott's pi", self.scott_pi),
            ("conger_kappa", "Conger's kappa", self.conger_kappa),
            ("fleiss_kappa", "Fleiss' kappa", self.fleiss_kappa),
            (
                "gwet_ac1",
                if self.weights == Weights::Unweighted {
                    "Gwet's AC1"
                } else {
                    "Gwet's AC2"
                },
                self.gwet_ac1,
            ),
            (
                "brennan_prediger",
                "Brennan–Prediger",
                self.brennan_prediger,
            ),
            (
                "krippendorff_alpha",
                "Krippendorff's alpha",
                self.krippendorff_alpha,
            ),
        ]
    }
}

/// Alpha's agreement weights at a level: 1 − δ_kl/max δ, with the ordinal δ from the
/// marginal frequencies of the pairable values (Krippendorff 2011).
fn alpha_weights(p: &Patterns, level: Level, values: &[f64]) -> Option<Vec<f64>> {
    let q = p.categories;
    if level == Level::Nominal {
        return Some(identity(q));
    }
    if values.len() != q {
        return None;
    }
    let coords: Vec<f64> = if level == Level::Ordinal {
        let mut marginals = vec![0.0; q];
        for j in 0..p.len() {
            let row = p.row(j);
            let present = row.iter().filter(|&&v| v != super::patterns::MISSING);
            if present.clone().count() >= 2 {
                for &v in present {
                    marginals[v as usize] += p.counts[j] as f64;
                }
            }
        }
        let mut below = 0.0;
        marginals
            .iter()
            .map(|&ng| {
                let mid = below + ng / 2.0;
                below += ng;
                mid
            })
            .collect()
    } else {
        values.to_vec()
    };
    let delta = |k: usize, l: usize| match level {
        Level::Ratio if coords[k] + coords[l] > 0.0 => {
            ((coords[k] - coords[l]) / (coords[k] + coords[l])).powi(2)
        }
        Level::Ratio => 0.0,
        _ => (coords[k] - coords[l]).powi(2),
    };
    let mut d: Vec<f64> = (0..q * q).map(|i| delta(i / q, i % q)).collect();
    let max = d.iter().copied().fold(0.0, f64::max);
    if max > 0.0 {
        d.iter_mut().for_each(|x| *x = 1.0 - *x / max);
    } else {
        d = identity(q);
    }
    Some(d)
}

/// The precision of the ratings calculator's coefficients. `values` are the categories'
/// numbers (their ranks when they are not numbers) for the weights and alpha's level.
pub fn for_ratings(
    p: &Patterns,
    weights: Weights,
    level: Level,
    values: &[f64],
    sampling: Sampling,
) -> Inference {
    let mut out = Inference {
        weights,
        population: sampling.population,
        ..Inference::default()
    };
    let q = p.categories;
    if !(2..=MAX_CATEGORIES).contains(&q) {
        return out;
    }
    let ranks: Vec<f64> = (1..=q).map(|i| i as f64).collect();
    let x = if values.len() == q { values } else { &ranks };
    let w = weights.matrix(x);
    if let Some(g) = Prepared::new(p, &w) {
        out.percent_agreement = g.percent_agreement(&sampling);
        out.fleiss_kappa = g.fleiss_kappa(&sampling);
        out.gwet_ac1 = g.gwet_ac1(&sampling);
        out.brennan_prediger = g.brennan_prediger(&sampling);
    }
    if p.coders == 2 {
        if let Some(t) = pair_table(p) {
            out.cohen_kappa = two_coder(&t, &w, false, &sampling);
            out.scott_pi = two_coder(&t, &w, true, &sampling);
        }
    } else {
        out.conger_kappa = conger_kappa(p, &w, &sampling);
    }
    if let Some(wa) = alpha_weights(p, level, values)
        && let Some(g) = Prepared::new(p, &wa)
    {
        out.krippendorff_alpha = g.krippendorff_alpha(&sampling);
    }
    out
}

/// The precision of one code's presence/absence coefficients in a project (all counted units
/// rated by every coder, two categories, unweighted). Conger's kappa needs each coder's rating
/// of each unit, which the tally does not keep: `null`.
pub fn for_presence(t: &PresenceTally, table: Option<Binary2x2>, sampling: Sampling) -> Inference {
    let p = Patterns::from_presence(t.counts());
    let mut out = Inference {
        population: sampling.population,
        ..Inference::default()
    };
    let w = identity(2);
    if let Some(g) = Prepared::new(&p, &w) {
        out.percent_agreement = g.percent_agreement(&sampling);
        out.fleiss_kappa = g.fleiss_kappa(&sampling);
        out.gwet_ac1 = g.gwet_ac1(&sampling);
        out.brennan_prediger = g.brennan_prediger(&sampling);
        out.krippendorff_alpha = g.krippendorff_alpha(&sampling);
    }
    if let Some(b) = table {
        let t = vec![
            vec![b.both as f64, b.a_only as f64],
            vec![b.b_only as f64, b.neither as f64],
        ];
        out.cohen_kappa = two_coder(&t, &w, false, &sampling);
        out.scott_pi = two_coder(&t, &w, true, &sampling);
    }
    out
}

fn fixed(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{v:.4}"))
}

impl Inference {
    /// A Markdown table: coefficient, value, SE, 95% interval, p-value.
    pub fn markdown(&self) -> String {
        let mut s =
            String::from("| Coefficient | Value | SE | 95% CI | p |\n|---|---|---|---|---|\n");
        for (_, label, e) in self.rows() {
            let Some(e) = e else { continue };
            let ci =
                e.ci.map_or("—".into(), |[a, b]| format!("[{a:.4}, {b:.4}]"));
            let p = e.p_value.map_or("—".into(), |p| {
                if p < 1e-4 {
                    "< .0001".to_string()
                } else {
                    format!("{p:.4}")
                }
            });
            s.push_str(&format!(
                "| {label} | {:.4} | {} | {ci} | {p} |\n",
                e.value,
                fixed(e.se)
            ));
        }
        s
    }

    /// `measure,value` CSV rows: `<key>_se`, `<key>_ci_low`, `<key>_ci_high`, `<key>_p`.
    pub fn csv_rows(&self) -> String {
        let f = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
        let mut s = String::new();
        for (key, _, e) in self.rows() {
            let se = e.and_then(|e| e.se);
            let ci = e.and_then(|e| e.ci);
            let p = e.and_then(|e| e.p_value);
            s.push_str(&format!("{key}_se,{}\n", f(se)));
            s.push_str(&format!("{key}_ci_low,{}\n", f(ci.map(|c| c[0]))));
            s.push_str(&format!("{key}_ci_high,{}\n", f(ci.map(|c| c[1]))));
            s.push_str(&format!("{key}_p,{}\n", f(p)));
        }
        s
    }
}
