//! Standard errors, t-based confidence intervals and p-values of the chance-corrected
//! coefficients as Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed.) derives them and
//! the irrCAC R package reports them for raw ratings with missing values: percent agreement,
//! Fleiss' kappa, Gwet's AC1/AC2, Brennan–Prediger, Conger's kappa and Krippendorff's alpha,
//! unweighted or weighted. Every sum over units runs over distinct rating patterns.
//!
//! Each coefficient's variance is (1 − f)/(n(n − 1)) Σ_i (κ*_i − κ)², with κ*_i a unit's
//! linearized contribution and f = n/N the sampling fraction (N infinite by default). The
//! interval is κ ± t_{n−1, .975}·SE with its upper end capped at 1, and the p-value that of
//! the two-sided t test of κ = 0, 2(1 − T_{n−1}(|κ|/SE)), as irrCAC's published outputs.

use serde::Serialize;

use super::data::finite;
use super::patterns::{MISSING, Patterns};
use super::student_t;

/// A coefficient with its precision. `null` parts are undefined for the data (e.g. SE 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub se: Option<f64>,
    /// 95% t-based interval (upper end at most 1).
    pub ci: Option<[f64; 2]>,
    /// Two-sided p-value of the t test of "the coefficient is 0".
    pub p_value: Option<f64>,
}

/// Sampling settings: the population of units (None = infinite) and the confidence level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sampling {
    pub population: Option<u64>,
    pub confidence: f64,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            population: None,
            confidence: 0.95,
        }
    }
}

impl Sampling {
    /// 1 − f for n sampled units.
    fn fpc(&self, n: f64) -> f64 {
        self.population
            .map_or(1.0, |big| (1.0 - n / big as f64).max(0.0))
    }

    /// The estimate from its value, Σ(κ*_i − κ)², the units n and the t degrees of freedom.
    pub(super) fn estimate(&self, value: f64, ss: f64, n: f64, df: f64) -> Option<Estimate> {
        let value = finite(value)?;
        let var = (n >= 2.0).then(|| self.fpc(n) * ss / (n * (n - 1.0)));
        Some(self.with_se(value, var.map(f64::sqrt), df))
    }

    /// The estimate from its value and standard error.
    pub(super) fn with_se(&self, value: f64, se: Option<f64>, df: f64) -> Estimate {
        let se = se.and_then(finite);
        let t = (df >= 1.0).then(|| student_t::quantile(1.0 - (1.0 - self.confidence) / 2.0, df));
        let ci = se
            .zip(t)
            .and_then(|(s, t)| finite(t).map(|t| [value - t * s, (value + t * s).min(1.0)]));
        let p_value = se
            .filter(|&s| s > 0.0 && df >= 1.0)
            .and_then(|s| finite(2.0 * (1.0 - student_t::cdf((value / s).abs(), df))));
        Estimate {
            value,
            se,
            ci,
            p_value,
        }
    }
}

/// Per pattern: its categories with counts r_ik, r_i, and Σ_k r_ik (r*_ik − 1) where
/// r*_ik = Σ_l w_kl r_il.
struct Unit {
    count: f64,
    cats: Vec<(usize, f64)>,
    r: f64,
    sum_q: f64,
}

/// What every Gwet-family coefficient starts from.
pub(super) struct Prepared<'a> {
    weights: &'a [f64],
    q: usize,
    units: Vec<Unit>,
    /// Units with ≥ 1 rating (n) and with ≥ 2 (n₂).
    n: f64,
    n2: f64,
    pa: f64,
    /// π_k = (1/n) Σ_i r_ik / r_i.
    pi: Vec<f64>,
}

impl<'a> Prepared<'a> {
    /// `weights` is q × q, row-major (identity for the unweighted coefficients).
    pub(super) fn new(p: &Patterns, weights: &'a [f64]) -> Option<Prepared<'a>> {
        let q = p.categories;
        if weights.len() != q * q || q == 0 {
            return None;
        }
        let mut units = Vec::with_capacity(p.len());
        let mut pi = vec![0.0; q];
        let (mut n, mut n2, mut pa_sum) = (0.0, 0.0, 0.0);
        for j in 0..p.len() {
            let mut cats: Vec<(usize, f64)> = Vec::new();
            for &v in p.row(j).iter().filter(|&&v| v != MISSING) {
                match cats.iter_mut().find(|(c, _)| *c == v as usize) {
                    Some((_, k)) => *k += 1.0,
                    None => cats.push((v as usize, 1.0)),
                }
            }
            let r: f64 = cats.iter().map(|(_, k)| k).sum();
            let sum_q: f64 = cats
                .iter()
                .map(|&(k, rk)| {
                    let star: f64 = cats.iter().map(|&(l, rl)| weights[k * q + l] * rl).sum();
                    rk * (star - 1.0)
                })
                .sum();
            let count = p.counts[j] as f64;
            n += count;
            for &(k, rk) in &cats {
                pi[k] += count * rk / r;
            }
            if r >= 2.0 {
                n2 += count;
                pa_sum += count * sum_q / (r * (r - 1.0));
            }
            units.push(Unit {
                count,
                cats,
                r,
                sum_q,
            });
        }
        if n2 == 0.0 {
            return None;
        }
        pi.iter_mut().for_each(|x| *x /= n);
        Some(Prepared {
            weights,
            q,
            units,
            n,
            n2,
            pa: pa_sum / n2,
            pi,
        })
    }

    /// A unit's agreement Σ_k r_ik (r*_ik − 1)/(r_i(r_i − 1)) (0 below two ratings).
    fn pa_i(u: &Unit) -> f64 {
        if u.r >= 2.0 {
            u.sum_q / (u.r * (u.r - 1.0))
        } else {
            0.0
        }
    }

    /// (W π + Wᵀ π)/2.
    fn pi_w(&self) -> Vec<f64> {
        let q = self.q;
        (0..q)
            .map(|k| {
                (0..q)
                    .map(|l| (self.weights[k * q + l] + self.weights[l * q + k]) * self.pi[l])
                    .sum::<f64>()
                    / 2.0
            })
            .collect()
    }

    fn total_weight(&self) -> f64 {
        self.weights.iter().sum()
    }

    /// The estimate for chance agreement `pe` and a unit's chance term `pe_i` (None: the
    /// coefficient's p_e is fixed, as Brennan–Prediger's).
    fn chance_corrected(
        &self,
        s: &Sampling,
        pe: f64,
        pe_i: Option<&dyn Fn(&Unit) -> f64>,
    ) -> Option<Estimate> {
        if (1.0 - pe).abs() < 1e-15 {
            return None;
        }
        let kappa = (self.pa - pe) / (1.0 - pe);
        let ss: f64 = self
            .units
            .iter()
            .map(|u| {
                let r2 = if u.r >= 2.0 { pe } else { 0.0 };
                let mut x = (self.n / self.n2) * (Self::pa_i(u) - r2) / (1.0 - pe);
                if let Some(f) = pe_i {
                    x -= 2.0 * (1.0 - kappa) * (f(u) - pe) / (1.0 - pe);
                }
                u.count * (x - kappa).powi(2)
            })
            .sum();
        s.estimate(kappa, ss, self.n, self.n - 1.0)
    }

    /// Percent agreement (pa.coeff.raw); needs q ≥ 2 for its SE, as irrCAC.
    pub(super) fn percent_agreement(&self, s: &Sampling) -> Option<Estimate> {
        if self.q < 2 {
            return finite(self.pa).map(|v| s.with_se(v, None, 0.0));
        }
        let ss: f64 = self
            .units
            .iter()
            .map(|u| u.count * ((self.n / self.n2) * Self::pa_i(u) - self.pa).powi(2))
            .sum();
        s.estimate(self.pa, ss, self.n, self.n - 1.0)
    }

    /// Fleiss' kappa (fleiss.kappa.raw): p_e = Σ w_kl π_k π_l.
    pub(super) fn fleiss_kappa(&self, s: &Sampling) -> Option<Estimate> {
        if self.q < 2 {
            return None;
        }
        let q = self.q;
        let pe: f64 = (0..q)
            .flat_map(|k| (0..q).map(move |l| (k, l)))
            .map(|(k, l)| self.weights[k * q + l] * self.pi[k] * self.pi[l])
            .sum();
        let pw = self.pi_w();
        let pe_i = |u: &Unit| u.cats.iter().map(|&(k, rk)| rk * pw[k]).sum::<f64>() / u.r;
        self.chance_corrected(s, pe, Some(&pe_i))
    }

    /// Gwet's AC1 (AC2 when weighted) (gwet.ac1.raw): p_e = T_w Σ π_k(1 − π_k)/(q(q − 1)).
    pub(super) fn gwet_ac1(&self, s: &Sampling) -> Option<Estimate> {
        if self.q < 2 {
            return None;
        }
        let q = self.q as f64;
        let scale = self.total_weight() / (q * (q - 1.0));
        let pe = scale * self.pi.iter().map(|p| p * (1.0 - p)).sum::<f64>();
        let pi = &self.pi;
        let pe_i = |u: &Unit| {
            scale
                * u.cats
                    .iter()
                    .map(|&(k, rk)| rk * (1.0 - pi[k]))
                    .sum::<f64>()
                / u.r
        };
        self.chance_corrected(s, pe, Some(&pe_i))
    }

    /// Brennan–Prediger (bp.coeff.raw): p_e = T_w / q².
    pub(super) fn brennan_prediger(&self, s: &Sampling) -> Option<Estimate> {
        if self.q < 2 {
            return None;
        }
        let q = self.q as f64;
        self.chance_corrected(s, self.total_weight() / (q * q), None)
    }

    /// Krippendorff's alpha (krippen.alpha.raw) over the units with two or more ratings, in
    /// Gwet's (2014) formulation: with r̄ their mean number of ratings and ε = 1/Σ r_i,
    /// p_a = (1 − ε) p'_a + ε, π_k = (1/n') Σ r_ik / r̄; the SE is that of
    /// α' = (p'_a − p_e)/(1 − p_e), with n' − 1 degrees of freedom for t (as irrCAC's
    /// published outputs).
    pub(super) fn krippendorff_alpha(&self, s: &Sampling) -> Option<Estimate> {
        if self.q < 2 {
            return None;
        }
        let q = self.q;
        let pairable = || self.units.iter().filter(|u| u.r >= 2.0);
        let n: f64 = pairable().map(|u| u.count).sum();
        let total: f64 = pairable().map(|u| u.count * u.r).sum();
        let r_mean = total / n;
        let eps = 1.0 / total;
        let pa_prime = pairable()
            .map(|u| u.count * u.sum_q / (r_mean * (u.r - 1.0)))
            .sum::<f64>()
            / n;
        let pa = (1.0 - eps) * pa_prime + eps;
        let mut pi = vec![0.0; q];
        for u in pairable() {
            for &(k, rk) in &u.cats {
                pi[k] += u.count * rk / r_mean;
            }
        }
        pi.iter_mut().for_each(|x| *x /= n);
        let pe: f64 = (0..q)
            .flat_map(|k| (0..q).map(move |l| (k, l)))
            .map(|(k, l)| self.weights[k * q + l] * pi[k] * pi[l])
            .sum();
        if (1.0 - pe).abs() < 1e-15 {
            return None;
        }
        let alpha = (pa - pe) / (1.0 - pe);
        let alpha_prime = (pa_prime - pe) / (1.0 - pe);
        let pw: Vec<f64> = (0..q)
            .map(|k| {
                (0..q)
                    .map(|l| (self.weights[k * q + l] + self.weights[l * q + k]) * pi[l])
                    .sum::<f64>()
                    / 2.0
            })
            .collect();
        let ss: f64 = pairable()
            .map(|u| {
                let shift = (u.r - r_mean) / r_mean;
                let pa_i = u.sum_q / (r_mean * (u.r - 1.0)) - pa_prime * shift;
                let k_i = (pa_i - pe) / (1.0 - pe);
                let pe_i =
                    u.cats.iter().map(|&(k, rk)| rk * pw[k]).sum::<f64>() / r_mean - pe * shift;
                let x = k_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / (1.0 - pe);
                u.count * (x - alpha_prime).powi(2)
            })
            .sum();
        let var = (n >= 2.0).then(|| s.fpc(self.n) * ss / (n * (n - 1.0)));
        Some(s.with_se(finite(alpha)?, var.map(f64::sqrt), n - 1.0))
    }
}

/// Identity weights (the unweighted coefficients).
pub(super) fn identity(q: usize) -> Vec<f64> {
    (0..q * q)
        .map(|i| if i / q == i % q { 1.0 } else { 0.0 })
        .collect()
}
