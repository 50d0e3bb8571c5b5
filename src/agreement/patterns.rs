//! Reliability data reduced to its distinct rating patterns (a row of category indices, with
//! how many units show it), and Krippendorff's alpha with its bootstrap over units computed from
//! them: every coefficient is a sum over units, so a unit's pattern is all it needs, and
//! resampling N units is one multinomial draw over the K patterns.

use super::bootstrap::SplitMix64;
use super::data::{Level, finite};

/// A missing rating in a pattern.
pub(super) const MISSING: u32 = u32::MAX;

/// Distinct units × coders rows of category indices 0..q (`MISSING` for none), each with its
/// number of units. Units without any rating are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Patterns {
    pub(super) coders: usize,
    pub(super) categories: usize,
    pub(super) cells: Vec<u32>,
    pub(super) counts: Vec<u64>,
}

/// Which alpha interval a report gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AlphaInterval {
    /// Percentile interval of the nonparametric bootstrap over units (resampling whole units
    /// with replacement), as recommended by Hughes (2022).
    #[default]
    Bootstrap,
    /// Krippendorff's coincidence bootstrap as in the KALPHA macro (Hayes & Krippendorff 2007).
    Kalpha,
}

impl AlphaInterval {
    /// The `--interval` name.
    pub fn key(self) -> &'static str {
        match self {
            AlphaInterval::Bootstrap => "bootstrap",
            AlphaInterval::Kalpha => "kalpha",
        }
    }

    /// Parse an `--interval` name.
    pub fn parse(s: &str) -> Option<AlphaInterval> {
        match s {
            "bootstrap" | "units" => Some(AlphaInterval::Bootstrap),
            "kalpha" => Some(AlphaInterval::Kalpha),
            _ => None,
        }
    }

    /// A short label for tables and screens.
    pub fn label(self) -> &'static str {
        match self {
            AlphaInterval::Bootstrap => "95% bootstrap over units",
            AlphaInterval::Kalpha => "95% KALPHA coincidence bootstrap",
        }
    }
}

/// Per pattern, what alpha needs: its values (category, multiplicity) and its pairs of unlike
/// values (c, k, weight 2/(m_u − 1)), flattened with offsets.
struct AlphaTerms {
    pairable: Vec<bool>,
    values: Vec<(u32, f64)>,
    value_at: Vec<usize>,
    pairs: Vec<(u32, u32, f64)>,
    pair_at: Vec<usize>,
}

impl Patterns {
    /// Patterns from rows given as one flat units × coders array.
    pub(super) fn from_cells(coders: usize, categories: usize, cells: &[u32]) -> Patterns {
        let mut out = Patterns {
            coders,
            categories,
            cells: Vec::new(),
            counts: Vec::new(),
        };
        if coders == 0 {
            return out;
        }
        let base = categories as u64 + 1;
        let dense = (0..coders).try_fold(1u64, |acc, _| {
            acc.checked_mul(base).filter(|&x| x <= 1 << 20)
        });
        if let Some(size) = dense {
            // Few possible rows: count them in a table indexed by the row read as a number.
            let mut table = vec![0u64; size as usize];
            for row in cells.chunks_exact(coders) {
                let key = row.iter().rev().fold(0u64, |acc, &v| {
                    acc * base + if v == MISSING { 0 } else { u64::from(v) + 1 }
                });
                table[key as usize] += 1;
            }
            for (key, &count) in table.iter().enumerate().skip(1) {
                if count > 0 {
                    let mut k = key as u64;
                    for _ in 0..coders {
                        let d = k % base;
                        k /= base;
                        out.cells
                            .push(if d == 0 { MISSING } else { (d - 1) as u32 });
                    }
                    out.counts.push(count);
                }
            }
        } else {
            let mut rows: Vec<&[u32]> = cells
                .chunks_exact(coders)
                .filter(|r| r.iter().any(|&v| v != MISSING))
                .collect();
            rows.sort_unstable();
            for row in rows {
                let k = out.counts.len();
                if k > 0 && out.cells[(k - 1) * coders..] == *row {
                    out.counts[k - 1] += 1;
                } else {
                    out.cells.extend_from_slice(row);
                    out.counts.push(1);
                }
            }
        }
        out
    }

    /// Patterns of a binary code applied by j of m coders on `counts[j]` units (category 1 =
    /// applied).
    pub(super) fn from_presence(counts: &[u64]) -> Patterns {
        let m = counts.len().saturating_sub(1);
        let mut out = Patterns {
            coders: m,
            categories: 2,
            cells: Vec::new(),
            counts: Vec::new(),
        };
        for (j, &c) in counts.iter().enumerate() {
            if c > 0 && m > 0 {
                out.cells.extend((0..m).map(|i| u32::from(i < j)));
                out.counts.push(c);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Units with two or more ratings.
    pub fn pairable_units(&self) -> usize {
        (0..self.len())
            .filter(|&j| self.row(j).iter().filter(|&&v| v != MISSING).count() >= 2)
            .map(|j| self.counts[j] as usize)
            .sum()
    }

    /// Units (with at least one rating).
    pub fn units(&self) -> u64 {
        self.counts.iter().sum()
    }

    pub(super) fn row(&self, j: usize) -> &[u32] {
        &self.cells[j * self.coders..(j + 1) * self.coders]
    }

    fn alpha_terms(&self) -> AlphaTerms {
        let mut t = AlphaTerms {
            pairable: Vec::with_capacity(self.len()),
            values: Vec::new(),
            value_at: vec![0],
            pairs: Vec::new(),
            pair_at: vec![0],
        };
        let mut unit: Vec<u32> = Vec::with_capacity(self.coders);
        for j in 0..self.len() {
            unit.clear();
            unit.extend(self.row(j).iter().copied().filter(|&v| v != MISSING));
            unit.sort_unstable();
            let m = unit.len();
            t.pairable.push(m >= 2);
            if m >= 2 {
                let w = 2.0 / (m as f64 - 1.0);
                let start = t.value_at[j];
                for (i, &c) in unit.iter().enumerate() {
                    let fresh = t.values.len() == start;
                    match t.values.last_mut() {
                        Some((last, n)) if !fresh && *last == c => *n += 1.0,
                        _ => t.values.push((c, 1.0)),
                    }
                    for &k in &unit[i + 1..] {
                        if k != c {
                            t.pairs.push((c, k, w));
                        }
                    }
                }
            }
            t.value_at.push(t.values.len());
            t.pair_at.push(t.pairs.len());
        }
        t
    }

    /// Krippendorff's alpha of the patterns weighted by `weights` (unit counts), at `level`
    /// with category c worth `values[c]` (unused at the nominal level). Same formulas as
    /// [`super::IndexedRatings::krippendorff_alpha`].
    fn alpha_weighted(
        &self,
        t: &AlphaTerms,
        weights: &[f64],
        level: Level,
        values: &[f64],
        marginals: &mut Vec<f64>,
        coords: &mut Vec<f64>,
    ) -> Option<f64> {
        let q = self.categories;
        marginals.clear();
        marginals.resize(q, 0.0);
        for (j, &w) in weights.iter().enumerate() {
            if w > 0.0 && t.pairable[j] {
                for &(c, k) in &t.values[t.value_at[j]..t.value_at[j + 1]] {
                    marginals[c as usize] += w * k;
                }
            }
        }
        let n: f64 = marginals.iter().sum();
        if n < 2.0 || marginals.iter().filter(|&&x| x > 0.0).count() < 2 {
            return None;
        }
        coords.clear();
        match level {
            Level::Nominal => {}
            Level::Interval | Level::Ratio => coords.extend_from_slice(values),
            Level::Ordinal => {
                let mut below = 0.0;
                for &ng in marginals.iter() {
                    coords.push(below + ng / 2.0);
                    below += ng;
                }
            }
        }
        let delta = |c: usize, k: usize| -> f64 {
            match level {
                Level::Nominal => 1.0,
                Level::Interval | Level::Ordinal => (coords[c] - coords[k]).powi(2),
                Level::Ratio => ((coords[c] - coords[k]) / (coords[c] + coords[k])).powi(2),
            }
        };
        let mut observed = 0.0;
        for (j, &w) in weights.iter().enumerate() {
            if w > 0.0 {
                let s: f64 = t.pairs[t.pair_at[j]..t.pair_at[j + 1]]
                    .iter()
                    .map(|&(c, k, x)| x * delta(c as usize, k as usize))
                    .sum();
                observed += w * s;
            }
        }
        let expected = match level {
            Level::Nominal => n * n - marginals.iter().map(|x| x * x).sum::<f64>(),
            Level::Interval | Level::Ordinal => {
                let mean = marginals
                    .iter()
                    .zip(coords.iter())
                    .map(|(a, v)| a * v)
                    .sum::<f64>()
                    / n;
                2.0 * n
                    * marginals
                        .iter()
                        .zip(coords.iter())
                        .map(|(a, v)| a * (v - mean) * (v - mean))
                        .sum::<f64>()
            }
            Level::Ratio => {
                let used: Vec<usize> = (0..q).filter(|&c| marginals[c] > 0.0).collect();
                let mut sum = 0.0;
                for (i, &c) in used.iter().enumerate() {
                    for &k in &used[i + 1..] {
                        sum += 2.0 * marginals[c] * marginals[k] * delta(c, k);
                    }
                }
                sum
            }
        };
        if expected.is_nan() || expected <= 0.0 {
            return None;
        }
        // D_o = observed/n, D_e = expected/(n(n − 1)).
        finite(1.0 - (n - 1.0) * observed / expected)
    }

    /// Krippendorff's alpha of the data.
    pub fn krippendorff_alpha(&self, level: Level, values: &[f64]) -> Option<f64> {
        if level != Level::Nominal && values.len() != self.categories {
            return None;
        }
        let t = self.alpha_terms();
        let w: Vec<f64> = self.counts.iter().map(|&c| c as f64).collect();
        self.alpha_weighted(&t, &w, level, values, &mut Vec::new(), &mut Vec::new())
    }

    /// 95% percentile interval of alpha over `samples` bootstrap samples of the units (each
    /// sample draws as many units as there are, with replacement). Samples whose alpha is
    /// undefined (no variation) are left out; `None` if alpha is undefined or more than half
    /// of the samples are. Deterministic for a seed.
    pub fn alpha_bootstrap_ci(
        &self,
        level: Level,
        values: &[f64],
        samples: usize,
        seed: u64,
    ) -> Option<(f64, f64)> {
        self.krippendorff_alpha(level, values)?;
        if samples == 0 {
            return None;
        }
        let t = self.alpha_terms();
        let weights: Vec<f64> = self.counts.iter().map(|&c| c as f64).collect();
        let n = self.units();
        let mut rng = SplitMix64::new(seed);
        let mut draw = vec![0u64; self.len()];
        let mut w = vec![0.0; self.len()];
        let (mut marginals, mut coords) = (Vec::new(), Vec::new());
        // Drawing unit by unit is cheaper when nearly every unit has its own pattern.
        let by_unit = (self.len() as u64).saturating_mul(24) > n;
        let units: Vec<u32> = if by_unit {
            (0..self.len() as u32)
                .flat_map(|j| std::iter::repeat_n(j, self.counts[j as usize] as usize))
                .collect()
        } else {
            Vec::new()
        };
        // At the interval level alpha needs only four sums per pattern, whatever q is.
        let interval = (level == Level::Interval).then(|| self.interval_sums(&t, values));
        let mut alphas = Vec::with_capacity(samples);
        for _ in 0..samples {
            if by_unit {
                draw.iter_mut().for_each(|d| *d = 0);
                for _ in 0..n {
                    let i = ((rng.next_f64() * n as f64) as usize).min(units.len() - 1);
                    draw[units[i] as usize] += 1;
                }
            } else {
                rng.multinomial(n, &weights, &mut draw);
            }
            for (x, &d) in w.iter_mut().zip(&draw) {
                *x = d as f64;
            }
            let a = match &interval {
                Some(sums) => interval_alpha(sums, &w),
                None => self.alpha_weighted(&t, &w, level, values, &mut marginals, &mut coords),
            };
            if let Some(a) = a {
                alphas.push(a);
            }
        }
        if alphas.len() * 2 < samples {
            return None;
        }
        alphas.sort_by(f64::total_cmp);
        Some((quantile(&alphas, 0.025), quantile(&alphas, 0.975)))
    }
}

impl Patterns {
    /// Per pattern (pairable values n_j, Σ v, Σ v², Σ over unlike pairs of 2/(m − 1)·(v_c − v_k)²).
    fn interval_sums(&self, t: &AlphaTerms, values: &[f64]) -> Vec<[f64; 4]> {
        (0..self.len())
            .map(|j| {
                let mut s = [0.0; 4];
                if !t.pairable[j] {
                    return s;
                }
                for &(c, k) in &t.values[t.value_at[j]..t.value_at[j + 1]] {
                    let v = values[c as usize];
                    s[0] += k;
                    s[1] += k * v;
                    s[2] += k * v * v;
                }
                for &(c, k, x) in &t.pairs[t.pair_at[j]..t.pair_at[j + 1]] {
                    s[3] += x * (values[c as usize] - values[k as usize]).powi(2);
                }
                s
            })
            .collect()
    }
}

/// Interval alpha from weighted pattern sums: D_e·n(n − 1) = 2n Σ n_c (v_c − v̄)² =
/// 2(n S₂ − S₁²), so α = 1 − (n − 1)·observed / (2(n S₂ − S₁²)).
fn interval_alpha(sums: &[[f64; 4]], weights: &[f64]) -> Option<f64> {
    let mut t = [0.0; 4];
    for (s, &w) in sums.iter().zip(weights) {
        if w > 0.0 {
            for (acc, x) in t.iter_mut().zip(s) {
                *acc += w * x;
            }
        }
    }
    let [n, s1, s2, observed] = t;
    let expected = 2.0 * (n * s2 - s1 * s1);
    // No variation among the values (up to rounding): undefined.
    if n < 2.0 || expected.is_nan() || expected <= 1e-12 * 2.0 * n * s2.abs() {
        return None;
    }
    finite(1.0 - (n - 1.0) * observed / expected)
}

/// The p-quantile of sorted values, interpolating between order statistics (R's type 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_sums_give_the_general_interval_alpha_for_any_weights() {
        let mut rng = SplitMix64::new(12);
        let (coders, q) = (3, 9);
        let cells: Vec<u32> = (0..600)
            .map(|_| match rng.next_u64() % 10 {
                0 => MISSING,
                r => (r as u32 * 7 + (rng.next_u64() % 3) as u32) % q as u32,
            })
            .collect();
        let p = Patterns::from_cells(coders, q, &cells);
        let t = p.alpha_terms();
        let values: Vec<f64> = (0..q).map(|v| (v * v) as f64 / 3.0).collect();
        let sums = p.interval_sums(&t, &values);
        for _ in 0..20 {
            let w: Vec<f64> = (0..p.len()).map(|_| (rng.next_u64() % 5) as f64).collect();
            let general = p.alpha_weighted(
                &t,
                &w,
                Level::Interval,
                &values,
                &mut Vec::new(),
                &mut Vec::new(),
            );
            let fast = interval_alpha(&sums, &w);
            match (general, fast) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-10, "{a} vs {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }
}
