//! Reliability data whose values are already category indices 0..q, in one flat
//! units × coders array: the coefficients of `nominal.rs` and `krippendorff.rs` in one pass
//! without per-unit allocation, and Krippendorff's alpha with closed-form expected
//! disagreement, so large data (100,000s of units, many distinct values) stays linear.

use std::collections::HashMap;

use super::bootstrap::{BootCell, BootInput, bootstrap_cells};
use super::data::{Level, chance_corrected, finite};
use super::patterns::{AlphaInterval, Patterns};

/// Units × coders category indices (`None` = missing), q categories.
///
/// Each coefficient equals its counterpart on [`super::Ratings`] (checked by a property
/// test): [`super::percent_agreement`], [`super::cohen_kappa`], [`super::scott_pi`],
/// [`super::fleiss_kappa`], [`super::gwet_ac1`], [`super::brennan_prediger`] with the q
/// categories as the category set, and [`super::krippendorff_alpha`] where category c has the
/// numeric value `values[c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedRatings {
    coders: usize,
    categories: usize,
    cells: Vec<u32>,
}

const MISSING: u32 = u32::MAX;

/// Per-unit view: the category indices of the coders who rated it.
fn present(row: &[u32]) -> impl Iterator<Item = usize> + '_ {
    row.iter().filter(|&&v| v != MISSING).map(|&v| v as usize)
}

impl IndexedRatings {
    /// Empty data for `coders` coders over `categories` categories.
    pub fn new(coders: usize, categories: usize) -> Self {
        Self {
            coders,
            categories,
            cells: Vec::new(),
        }
    }

    /// Adds a unit: one entry per coder (`None` = missing). Returns `false` and adds nothing
    /// if the row has the wrong length or a category ≥ q.
    pub fn push_unit(&mut self, row: &[Option<u32>]) -> bool {
        let valid = row.len() == self.coders
            && row
                .iter()
                .flatten()
                .all(|&v| (v as usize) < self.categories && v != MISSING);
        if valid {
            self.cells.extend(row.iter().map(|v| v.unwrap_or(MISSING)));
        }
        valid
    }

    /// Data from a flat units × coders array of category indices (`u32::MAX` = missing);
    /// `None` if the length is not a multiple of `coders` or an index is ≥ `categories`.
    pub fn from_cells(coders: usize, categories: usize, cells: Vec<u32>) -> Option<Self> {
        let valid = coders > 0
            && cells.len().is_multiple_of(coders)
            && cells
                .iter()
                .all(|&v| v == MISSING || (v as usize) < categories);
        valid.then_some(Self {
            coders,
            categories,
            cells,
        })
    }

    pub fn n_coders(&self) -> usize {
        self.coders
    }

    pub fn n_categories(&self) -> usize {
        self.categories
    }

    /// The category coder `coder` gave unit `unit` (`None`: missing or out of range).
    pub fn value(&self, unit: usize, coder: usize) -> Option<u32> {
        (coder < self.coders)
            .then(|| self.cells.get(unit * self.coders + coder))
            .flatten()
            .copied()
            .filter(|&v| v != MISSING)
    }

    pub fn n_units(&self) -> usize {
        self.cells.len().checked_div(self.coders).unwrap_or(0)
    }

    fn rows(&self) -> impl Iterator<Item = &[u32]> {
        self.cells.chunks_exact(self.coders.max(1))
    }

    /// Units with at least two values.
    pub fn pairable_units(&self) -> usize {
        self.rows().filter(|r| present(r).count() >= 2).count()
    }

    /// Number of agreeing coder pairs in a unit and its number of values.
    fn unit_agreement(row: &[u32]) -> (usize, usize) {
        let mut agreeing = 0;
        let mut r = 0;
        for (i, &a) in row.iter().enumerate() {
            if a == MISSING {
                continue;
            }
            r += 1;
            agreeing += row[i + 1..].iter().filter(|&&b| b == a).count();
        }
        (agreeing, r)
    }

    /// Pairwise percent agreement over units with ≥ 2 values (as [`super::percent_agreement`]).
    pub fn percent_agreement(&self) -> Option<f64> {
        let mut sum = 0.0;
        let mut units = 0usize;
        for row in self.rows() {
            let (agreeing, r) = Self::unit_agreement(row);
            if r >= 2 {
                sum += agreeing as f64 / (r * (r - 1) / 2) as f64;
                units += 1;
            }
        }
        (units > 0).then(|| sum / units as f64)
    }

    /// Two-coder listwise table: (N, agreeing, marginals of A, marginals of B).
    fn pair_table(&self) -> Option<(f64, f64, Vec<f64>, Vec<f64>)> {
        if self.coders != 2 {
            return None;
        }
        let (mut n, mut agreeing) = (0.0, 0.0);
        let mut a = vec![0.0; self.categories];
        let mut b = vec![0.0; self.categories];
        for row in self.rows() {
            if row[0] != MISSING && row[1] != MISSING {
                n += 1.0;
                a[row[0] as usize] += 1.0;
                b[row[1] as usize] += 1.0;
                if row[0] == row[1] {
                    agreeing += 1.0;
                }
            }
        }
        (n > 0.0).then_some((n, agreeing, a, b))
    }

    /// Cohen's (1960) kappa, two coders, listwise; `None` for other numbers of coders.
    pub fn cohen_kappa(&self) -> Option<f64> {
        let (n, agreeing, a, b) = self.pair_table()?;
        let pe: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum::<f64>() / (n * n);
        chance_corrected(agreeing / n, pe)
    }

    /// Scott's (1955) pi, two coders, listwise.
    pub fn scott_pi(&self) -> Option<f64> {
        let (n, agreeing, a, b) = self.pair_table()?;
        let pe: f64 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| ((x + y) / (2.0 * n)).powi(2))
            .sum();
        chance_corrected(agreeing / n, pe)
    }

    /// 2×2 PABAK = 2p_o − 1 for binary data (q ≤ 2 categories used), two coders.
    pub fn pabak(&self) -> Option<f64> {
        let (n, agreeing, a, b) = self.pair_table()?;
        let used = a.iter().zip(&b).filter(|(x, y)| **x + **y > 0.0).count();
        (used <= 2).then(|| 2.0 * agreeing / n - 1.0)
    }

    /// (p_a over units with ≥ 2 values, π_k over units with ≥ 1 value), as irrCAC.
    fn multi(&self) -> Option<(f64, Vec<f64>)> {
        let mut pi = vec![0.0; self.categories];
        let (mut sum, mut n2, mut n1) = (0.0, 0usize, 0usize);
        for row in self.rows() {
            let (agreeing, r) = Self::unit_agreement(row);
            if r == 0 {
                continue;
            }
            n1 += 1;
            for v in present(row) {
                pi[v] += 1.0 / r as f64;
            }
            if r >= 2 {
                sum += agreeing as f64 / (r * (r - 1) / 2) as f64;
                n2 += 1;
            }
        }
        if n2 == 0 {
            return None;
        }
        pi.iter_mut().for_each(|p| *p /= n1 as f64);
        Some((sum / n2 as f64, pi))
    }

    /// Fleiss' (1971) kappa with missing data as irrCAC `fleiss.kappa.raw`.
    pub fn fleiss_kappa(&self) -> Option<f64> {
        let (pa, pi) = self.multi()?;
        chance_corrected(pa, pi.iter().map(|p| p * p).sum())
    }

    /// Gwet's (2008) AC1 over the q categories; `None` if q < 2.
    pub fn gwet_ac1(&self) -> Option<f64> {
        if self.categories < 2 {
            return None;
        }
        let (pa, pi) = self.multi()?;
        let pe = pi.iter().map(|p| p * (1.0 - p)).sum::<f64>() / (self.categories as f64 - 1.0);
        chance_corrected(pa, pe)
    }

    /// Brennan & Prediger (1981), p_e = 1/q; `None` if q < 2.
    pub fn brennan_prediger(&self) -> Option<f64> {
        if self.categories < 2 {
            return None;
        }
        chance_corrected(self.multi()?.0, 1.0 / self.categories as f64)
    }

    /// Krippendorff's nominal alpha (values compared by category only).
    pub fn krippendorff_alpha_nominal(&self) -> Option<f64> {
        self.alpha_parts(Level::Nominal, &[])
            .and_then(|p| p.alpha())
    }

    /// Krippendorff's alpha at `level`, category c having the value `values[c]`; `values` must
    /// have q finite, strictly increasing entries (≥ 0 for ratio) unless the level is nominal.
    ///
    /// D_o sums δ² over the pairs within units (O(m²) per unit). D_e uses closed forms: nominal
    /// (n² − Σ n_c²)/(n(n − 1)); interval 2n Σ n_c (v_c − v̄)²/(n(n − 1)); ordinal the same over
    /// mid-ranks (δ_ck = mid_k − mid_c, Krippendorff 2011 E); ratio sums over pairs of
    /// categories with pairable values (O(d²)).
    pub fn krippendorff_alpha(&self, level: Level, values: &[f64]) -> Option<f64> {
        self.alpha_parts(level, values)?.alpha()
    }

    /// 95% bootstrap interval for [`IndexedRatings::krippendorff_alpha`] (Hayes &
    /// Krippendorff 2007, coincidence-based). Deterministic for a seed.
    pub fn krippendorff_alpha_bootstrap_ci(
        &self,
        level: Level,
        values: &[f64],
        samples: usize,
        seed: u64,
    ) -> Option<(f64, f64)> {
        let parts = self.alpha_parts(level, values)?;
        parts.alpha()?;
        let mut keys: Vec<(u32, u32)> = parts.observed.keys().copied().collect();
        keys.sort_unstable();
        let cells = keys
            .into_iter()
            .map(|(c, k)| BootCell {
                weight: parts.observed[&(c, k)],
                delta: parts.delta(c as usize, k as usize),
                diagonal: c == k,
            })
            .filter(|c| c.weight > 0.0)
            .collect();
        let input = BootInput {
            cells,
            n: parts.n,
            pairs: parts.pairs,
            d_e: parts.d_e,
            coders: self.coders,
        };
        bootstrap_cells(&input, samples, seed)
    }

    /// The data as distinct rating patterns with their numbers of units.
    pub fn patterns(&self) -> Patterns {
        Patterns::from_cells(self.coders, self.categories, &self.cells)
    }

    /// The 95% interval of [`IndexedRatings::krippendorff_alpha`] by `method`: the bootstrap
    /// over units (resampling distinct patterns, so O(K) per sample) or KALPHA's.
    pub fn krippendorff_alpha_ci(
        &self,
        method: AlphaInterval,
        level: Level,
        values: &[f64],
        samples: usize,
        seed: u64,
    ) -> Option<(f64, f64)> {
        match method {
            AlphaInterval::Bootstrap => self
                .patterns()
                .alpha_bootstrap_ci(level, values, samples, seed),
            AlphaInterval::Kalpha => {
                self.krippendorff_alpha_bootstrap_ci(level, values, samples, seed)
            }
            AlphaInterval::Jackknife => self
                .patterns()
                .alpha_jackknife(level, values, 0.95)
                .map(|j| (j.ci[0], j.ci[1])),
        }
    }

    fn alpha_parts(&self, level: Level, values: &[f64]) -> Option<AlphaParts> {
        let q = self.categories;
        if level != Level::Nominal {
            let ok = values.len() == q
                && values.iter().all(|v| v.is_finite())
                && values.windows(2).all(|w| w[0] < w[1])
                && (level != Level::Ratio || values.iter().all(|&v| v >= 0.0));
            if !ok {
                return None;
            }
        }
        let mut marginals = vec![0.0; q];
        let mut observed: HashMap<(u32, u32), f64> = HashMap::new();
        let mut pairs = 0.0;
        let mut unit: Vec<u32> = Vec::with_capacity(self.coders);
        for row in self.rows() {
            unit.clear();
            unit.extend(row.iter().copied().filter(|&v| v != MISSING));
            let m = unit.len();
            if m < 2 {
                continue;
            }
            let w = 2.0 / (m as f64 - 1.0);
            for (i, &c) in unit.iter().enumerate() {
                marginals[c as usize] += 1.0;
                for &k in &unit[i + 1..] {
                    *observed.entry((c.min(k), c.max(k))).or_insert(0.0) += w;
                }
            }
            pairs += (m * (m - 1)) as f64 / 2.0;
        }
        let n: f64 = marginals.iter().sum();
        if n < 2.0 {
            return None;
        }
        let coords: Vec<f64> = match level {
            Level::Nominal | Level::Interval | Level::Ratio => values.to_vec(),
            Level::Ordinal => {
                let mut below = 0.0;
                marginals
                    .iter()
                    .map(|&ng| {
                        let mid = below + ng / 2.0;
                        below += ng;
                        mid
                    })
                    .collect()
            }
        };
        let mut parts = AlphaParts {
            level,
            used: marginals.iter().filter(|&&x| x > 0.0).count(),
            coords,
            observed,
            n,
            pairs,
            d_o: 0.0,
            d_e: 0.0,
        };
        parts.d_o = parts
            .observed
            .iter()
            .map(|(&(c, k), o)| o * parts.delta(c as usize, k as usize))
            .sum::<f64>()
            / n;
        let expected_sum = match level {
            Level::Nominal => n * n - marginals.iter().map(|x| x * x).sum::<f64>(),
            Level::Interval | Level::Ordinal => {
                let mean = marginals
                    .iter()
                    .zip(&parts.coords)
                    .map(|(nc, v)| nc * v)
                    .sum::<f64>()
                    / n;
                let ss: f64 = marginals
                    .iter()
                    .zip(&parts.coords)
                    .map(|(nc, v)| nc * (v - mean) * (v - mean))
                    .sum();
                2.0 * n * ss
            }
            Level::Ratio => {
                let used: Vec<usize> = (0..q).filter(|&c| marginals[c] > 0.0).collect();
                let mut sum = 0.0;
                for (i, &c) in used.iter().enumerate() {
                    for &k in &used[i + 1..] {
                        sum += 2.0 * marginals[c] * marginals[k] * parts.delta(c, k);
                    }
                }
                sum
            }
        };
        parts.d_e = expected_sum / (n * (n - 1.0));
        Some(parts)
    }
}

/// Observed coincidences (sparse, c ≤ k, o_ck + o_kc off the diagonal) and D_o, D_e.
struct AlphaParts {
    level: Level,
    /// Distinct values among the pairable ones; D_e = 0 exactly when fewer than two.
    used: usize,
    coords: Vec<f64>,
    observed: HashMap<(u32, u32), f64>,
    n: f64,
    pairs: f64,
    d_o: f64,
    d_e: f64,
}

impl AlphaParts {
    fn delta(&self, c: usize, k: usize) -> f64 {
        if c == k {
            return 0.0;
        }
        match self.level {
            Level::Nominal => 1.0,
            Level::Interval | Level::Ordinal => (self.coords[c] - self.coords[k]).powi(2),
            Level::Ratio => {
                let (a, b) = (self.coords[c], self.coords[k]);
                ((a - b) / (a + b)).powi(2)
            }
        }
    }

    fn alpha(&self) -> Option<f64> {
        if self.used < 2 || !self.d_o.is_finite() || !self.d_e.is_finite() || self.d_e <= 0.0 {
            return None;
        }
        finite(1.0 - self.d_o / self.d_e)
    }
}
