//! Hughes' (2022, "Toward improved inference for Krippendorff's Alpha agreement coefficient",
//! arXiv:2210.13265; R package krippendorffsalpha 2.0, `method = "analytical"`) jackknife
//! interval for Krippendorff's alpha, computed over rating patterns.
//!
//! Alpha read as a one-way ANOVA: over a units with m_u ratings each (N = Σ m_u values, units
//! with at least one rating), MSE = Σ_u [Σ_{pairs in u} δ / (m_u − 1)] / Σ_{m_u ≥ 2} m_u (the
//! within-unit disagreement), SST = Σ_{all pairs of the N values} δ / N, SSA = SST − (N − a)·MSE,
//! MSA = SSA/(a − 1), θ = MSA/MSE and n̄ = (N − Σ m_u²/N)/(a − 1). Hughes' estimate is
//! α̂ = (θ − 1)/(θ + n̄ − 1). The interval: η = ln θ, its delete-one-unit jackknife pseudo-values
//! η*_u = a·η − (a − 1)·η_(−u), SE = √(var(η*)/a), η ± t(a − 1; 0.975)·SE mapped back by
//! α = (e^η − 1)/(e^η − 1 + n̄) with the whole data's n̄ (not clamped: the map keeps it below 1).

use serde::Serialize;

use super::data::{Level, finite};
use super::patterns::{MISSING, Patterns};
use super::student_t;

/// Hughes' (2022) jackknife inference for alpha.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AlphaJackknife {
    /// Hughes' point estimate (θ − 1)/(θ + n̄ − 1).
    pub estimate: f64,
    /// η = ln(MSA/MSE).
    pub log_ratio: f64,
    /// The delete-one-unit jackknife standard error of η.
    pub log_ratio_se: f64,
    /// The interval at the requested confidence.
    pub ci: [f64; 2],
    /// Units a (with at least one rating); the t quantile has a − 1 degrees of freedom.
    pub units: u64,
}

/// What the ANOVA form of alpha sums over units.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    units: f64,
    values: f64,
    /// Σ m_u²
    squares: f64,
    /// Σ_u within-unit disagreement / (m_u − 1)
    within: f64,
    /// Σ_{m_u ≥ 2} m_u
    pairable: f64,
    /// Σ over unordered pairs of all values of δ.
    total: f64,
}

impl Sums {
    /// η = ln(MSA/MSE), `None` when MSE or MSA is not positive.
    fn log_ratio(&self) -> Option<f64> {
        let (a, n) = (self.units, self.values);
        if a < 2.0 || n <= 0.0 || self.pairable <= 0.0 {
            return None;
        }
        let mse = self.within / self.pairable;
        let msa = (self.total / n - (n - a) * mse) / (a - 1.0);
        if !(mse > 0.0 && msa > 0.0) {
            return None;
        }
        finite((msa / mse).ln())
    }
}

impl Patterns {
    /// Hughes' (2022) jackknife for alpha at `level` (category c worth `values[c]` at the
    /// interval and ratio levels; the ordinal level's distances are those of alpha, from the
    /// marginals of the pairable values of the whole data). `confidence` in (0, 1), e.g. 0.95.
    /// `None` if fewer than three units, no within-unit disagreement in the data or in a
    /// delete-one sample, or no between-unit variation (MSA ≤ 0).
    pub fn alpha_jackknife(
        &self,
        level: Level,
        values: &[f64],
        confidence: f64,
    ) -> Option<AlphaJackknife> {
        let q = self.categories;
        if !(confidence > 0.0 && confidence < 1.0) {
            return None;
        }
        if level != Level::Nominal && values.len() != q {
            return None;
        }
        let coords = self.coordinates(level, values);
        let delta = |c: usize, k: usize| -> f64 {
            match level {
                _ if c == k => 0.0,
                Level::Nominal => 1.0,
                Level::Interval | Level::Ordinal => (coords[c] - coords[k]).powi(2),
                Level::Ratio if coords[c] + coords[k] != 0.0 => {
                    ((coords[c] - coords[k]) / (coords[c] + coords[k])).powi(2)
                }
                Level::Ratio => 0.0,
            }
        };
        // Per pattern: m_u, the within-unit sum of δ over unordered pairs, its values.
        let mut marginals = vec![0.0; q];
        let mut per: Vec<(f64, f64)> = Vec::with_capacity(self.len());
        let mut s = Sums::default();
        let mut unit: Vec<usize> = Vec::with_capacity(self.coders);
        for j in 0..self.len() {
            unit.clear();
            unit.extend(
                self.row(j)
                    .iter()
                    .filter(|&&v| v != MISSING)
                    .map(|&v| v as usize),
            );
            let (m, c) = (unit.len() as f64, self.counts[j] as f64);
            let mut pairs = 0.0;
            for (i, &x) in unit.iter().enumerate() {
                marginals[x] += c;
                for &y in &unit[i + 1..] {
                    pairs += delta(x, y);
                }
            }
            s.units += c;
            s.values += c * m;
            s.squares += c * m * m;
            if m >= 2.0 {
                s.within += c * pairs / (m - 1.0);
                s.pairable += c * m;
            }
            per.push((m, pairs));
        }
        // D_c = Σ_k n_k δ_ck, so that removing a unit takes Σ_{c in u} D_c − pairs_u from the total.
        let row_sums = self.row_sums(level, &coords, &marginals, &delta)?;
        s.total = 0.5
            * marginals
                .iter()
                .zip(&row_sums)
                .map(|(n, d)| n * d)
                .sum::<f64>();
        let a = s.units;
        if a < 3.0 {
            return None;
        }
        let eta = s.log_ratio()?;
        let mut pseudo = Vec::with_capacity(self.len());
        for (j, &(m, pairs)) in per.iter().enumerate() {
            let removed: f64 = self
                .row(j)
                .iter()
                .filter(|&&v| v != MISSING)
                .map(|&v| row_sums[v as usize])
                .sum();
            let without = Sums {
                units: a - 1.0,
                values: s.values - m,
                squares: s.squares - m * m,
                within: if m >= 2.0 {
                    s.within - pairs / (m - 1.0)
                } else {
                    s.within
                },
                pairable: if m >= 2.0 { s.pairable - m } else { s.pairable },
                total: s.total - removed + pairs,
            };
            pseudo.push(a * eta - (a - 1.0) * without.log_ratio()?);
        }
        let mean = pseudo
            .iter()
            .zip(&self.counts)
            .map(|(x, &c)| x * c as f64)
            .sum::<f64>()
            / a;
        let var = pseudo
            .iter()
            .zip(&self.counts)
            .map(|(x, &c)| c as f64 * (x - mean).powi(2))
            .sum::<f64>()
            / (a - 1.0);
        let se = (var / a).sqrt();
        let n_bar = (s.values - s.squares / s.values) / (a - 1.0);
        let to_alpha = |e: f64| {
            let x = e.exp() - 1.0;
            finite(x / (x + n_bar))
        };
        let t = student_t::quantile(0.5 + confidence / 2.0, a - 1.0);
        Some(AlphaJackknife {
            estimate: to_alpha(eta)?,
            log_ratio: eta,
            log_ratio_se: finite(se)?,
            ci: [to_alpha(eta - t * se)?, to_alpha(eta + t * se)?],
            units: a as u64,
        })
    }

    /// The categories' coordinates at a level: their values, or at the ordinal level the
    /// mid-ranks of the pairable values' marginals (as alpha's ordinal metric).
    fn coordinates(&self, level: Level, values: &[f64]) -> Vec<f64> {
        match level {
            Level::Nominal => Vec::new(),
            Level::Interval | Level::Ratio => values.to_vec(),
            Level::Ordinal => {
                let mut pairable = vec![0.0; self.categories];
                for j in 0..self.len() {
                    let row = self.row(j);
                    if row.iter().filter(|&&v| v != MISSING).count() >= 2 {
                        for &v in row.iter().filter(|&&v| v != MISSING) {
                            pairable[v as usize] += self.counts[j] as f64;
                        }
                    }
                }
                let mut below = 0.0;
                pairable
                    .iter()
                    .map(|&n| {
                        let mid = below + n / 2.0;
                        below += n;
                        mid
                    })
                    .collect()
            }
        }
    }

    /// D_c = Σ_k n_k δ_ck for every category: closed forms at the nominal, interval and ordinal
    /// levels, a double sum at the ratio level (`None` past 5,000 categories there).
    fn row_sums(
        &self,
        level: Level,
        coords: &[f64],
        n: &[f64],
        delta: &dyn Fn(usize, usize) -> f64,
    ) -> Option<Vec<f64>> {
        let q = self.categories;
        let total: f64 = n.iter().sum();
        Some(match level {
            Level::Nominal => n.iter().map(|x| total - x).collect(),
            Level::Interval | Level::Ordinal => {
                // Σ_k n_k (x_c − x_k)² = N x_c² − 2 x_c S₁ + S₂.
                let s1: f64 = n.iter().zip(coords).map(|(a, x)| a * x).sum();
                let s2: f64 = n.iter().zip(coords).map(|(a, x)| a * x * x).sum();
                coords
                    .iter()
                    .map(|x| (total * x * x - 2.0 * x * s1 + s2).max(0.0))
                    .collect()
            }
            Level::Ratio if q <= 5000 => (0..q)
                .map(|c| {
                    (0..q)
                        .filter(|&k| n[k] > 0.0)
                        .map(|k| n[k] * delta(c, k))
                        .sum()
                })
                .collect(),
            Level::Ratio => return None,
        })
    }
}

/// The note on Hughes' jackknife interval, with its figures when it is defined.
pub(super) fn jackknife_note(j: Option<&AlphaJackknife>) -> String {
    let figures = j.map_or(
        " It is undefined for these data (fewer than three units, no disagreement within \
         units in the data or once a unit is left out, or no variation between units)."
            .to_string(),
        |j| {
            format!(
                " Here a = {} units, η = {:.4}, SE(η) = {:.4}; Hughes' estimate {:.4}.",
                j.units, j.log_ratio, j.log_ratio_se, j.estimate
            )
        },
    );
    format!(
        "Alpha interval: Hughes' (2022) jackknife, as krippendorffsalpha 2.0 (method \
         \"analytical\"): η = ln(MSA/MSE) from alpha's one-way ANOVA form over all a units with a \
         rating, its delete-one-unit jackknife SE, η ± t(a − 1; 0.975)·SE mapped back by \
         (e^η − 1)/(e^η − 1 + n̄) (n̄ = (N − Σm²/N)/(a − 1)); not clamped, it stays below 1. \
         The interval is centred on Hughes' less biased estimate (θ − 1)/(θ + n̄ − 1), which \
         can differ from Krippendorff's alpha in the table.{figures}"
    )
}
