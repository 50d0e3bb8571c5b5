//! Krippendorff's alpha with the MASI distance over many units of set-valued data (the codes
//! each coder applied to a unit), accumulated unit by unit without a units × coders matrix:
//! distinct sets are interned as bitsets, observed coincidences are kept sparse, and the
//! expected disagreement is summed over pairs of distinct sets.

use std::collections::HashMap;

use super::bootstrap::{BootCell, BootInput, bootstrap_cells};
use super::data::finite;

/// Accumulator for [`super::krippendorff_alpha_masi`] on large data.
///
/// Sets are bitsets over a universe of `universe` categories: category `i` is bit `i % 64` of
/// word `i / 64`, and every set passed in has [`MasiAlpha::words`] words. Units may be
/// weighted (a weight w counts as w identical units, e.g. a run of w characters that carry the
/// same codes).
///
/// Cost: O(m²) per unit plus a hash lookup per value, and O(d²) for the expected disagreement
/// over the d distinct sets seen.
#[derive(Debug, Clone)]
pub struct MasiAlpha {
    words: usize,
    index: HashMap<Box<[u64]>, u32>,
    /// Distinct sets, `words` words each, in first-seen order.
    sets: Vec<u64>,
    /// n_c: pairable values equal to set c (weighted).
    marginals: Vec<f64>,
    /// o_ck for c ≤ k (o_ck + o_kc off the diagonal).
    observed: HashMap<(u32, u32), f64>,
    /// Σ w·m_u(m_u − 1)/2 over pairable units.
    pairs: f64,
    max_coders: usize,
    scratch: Vec<u32>,
}

impl MasiAlpha {
    /// An empty accumulator over `universe` categories.
    pub fn new(universe: usize) -> Self {
        Self {
            words: universe.div_ceil(64).max(1),
            index: HashMap::new(),
            sets: Vec::new(),
            marginals: Vec::new(),
            observed: HashMap::new(),
            pairs: 0.0,
            max_coders: 0,
            scratch: Vec::new(),
        }
    }

    /// Words per bitset.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Number of distinct sets among the pairable values.
    pub fn distinct_sets(&self) -> usize {
        self.marginals.len()
    }

    /// Non-empty cells {c, k} of the observed coincidence matrix (the bootstrap draws up to 50
    /// pairs per cell and sample).
    pub fn observed_cells(&self) -> usize {
        self.observed.len()
    }

    fn intern(&mut self, set: &[u64]) -> u32 {
        if let Some(&i) = self.index.get(set) {
            return i;
        }
        let i = self.marginals.len() as u32;
        self.index.insert(set.into(), i);
        self.sets.extend_from_slice(set);
        self.marginals.push(0.0);
        i
    }

    /// Adds a unit: `sets` holds the values of the coders who rated it (missing coders left
    /// out), concatenated, [`MasiAlpha::words`] words each. Units with fewer than two values are
    /// not pairable and are ignored, as are a non-positive weight and a length that is not a
    /// multiple of the set width.
    pub fn add_unit(&mut self, sets: &[u64], weight: f64) {
        let w = self.words;
        if !sets.len().is_multiple_of(w) || !weight.is_finite() || weight <= 0.0 {
            return;
        }
        let m = sets.len() / w;
        if m < 2 {
            return;
        }
        let mut ids = std::mem::take(&mut self.scratch);
        ids.clear();
        for set in sets.chunks_exact(w) {
            ids.push(self.intern(set));
        }
        let per_pair = weight / (m as f64 - 1.0);
        for (i, &c) in ids.iter().enumerate() {
            self.marginals[c as usize] += weight;
            for &k in &ids[i + 1..] {
                // The two ordered pairs (c, k) and (k, c) each add w/(m − 1).
                *self.observed.entry((c.min(k), c.max(k))).or_insert(0.0) += 2.0 * per_pair;
            }
        }
        self.pairs += weight * (m * (m - 1)) as f64 / 2.0;
        self.max_coders = self.max_coders.max(m);
        self.scratch = ids;
    }

    fn set(&self, c: u32) -> &[u64] {
        let start = c as usize * self.words;
        &self.sets[start..start + self.words]
    }

    /// MASI distance between two interned sets (Passonneau 2006), computed exactly as
    /// [`super::masi_distance`] does.
    fn distance(&self, c: u32, k: u32) -> f64 {
        masi_bits(self.set(c), self.set(k))
    }

    /// (D_o, D_e, n).
    fn disagreements(&self) -> Option<(f64, f64, f64)> {
        let n: f64 = self.marginals.iter().sum();
        if n < 2.0 {
            return None;
        }
        let observed: f64 = self
            .observed
            .iter()
            .map(|(&(c, k), o)| if c == k { 0.0 } else { o * self.distance(c, k) })
            .sum();
        let d = self.marginals.len() as u32;
        let mut expected = 0.0;
        for c in 0..d {
            let nc = self.marginals[c as usize];
            let mut row = 0.0;
            for k in c + 1..d {
                row += self.marginals[k as usize] * self.distance(c, k);
            }
            expected += 2.0 * nc * row;
        }
        Some((observed / n, expected / (n * (n - 1.0)), n))
    }

    /// Krippendorff's alpha with the MASI distance, α = 1 − D_o/D_e; `None` if D_e = 0
    /// (fewer than two pairable values, or all pairable sets equal).
    pub fn alpha(&self) -> Option<f64> {
        let (d_o, d_e, _) = self.disagreements()?;
        if d_e.is_nan() || d_e <= 0.0 {
            return None;
        }
        finite(1.0 - d_o / d_e)
    }

    /// 95% bootstrap interval for [`MasiAlpha::alpha`] (coincidence-based, Hayes &
    /// Krippendorff 2007; see [`super::krippendorff_alpha_bootstrap_ci_with`]). Deterministic
    /// for a seed.
    pub fn bootstrap_ci(&self, samples: usize, seed: u64) -> Option<(f64, f64)> {
        self.alpha()?;
        let (_, d_e, n) = self.disagreements()?;
        let mut keys: Vec<(u32, u32)> = self.observed.keys().copied().collect();
        keys.sort_unstable();
        let cells = keys
            .into_iter()
            .filter_map(|(c, k)| {
                let weight = self.observed[&(c, k)];
                (weight > 0.0).then(|| BootCell {
                    weight,
                    delta: if c == k { 0.0 } else { self.distance(c, k) },
                    diagonal: c == k,
                })
            })
            .collect();
        let input = BootInput {
            cells,
            n,
            pairs: self.pairs,
            d_e,
            coders: self.max_coders,
        };
        bootstrap_cells(&input, samples, seed)
    }
}

/// MASI distance between two bitsets of equal width.
pub(super) fn masi_bits(a: &[u64], b: &[u64]) -> f64 {
    if a == b {
        return 0.0;
    }
    let count = |x: &[u64]| x.iter().map(|w| w.count_ones() as usize).sum::<usize>();
    let intersection: usize = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x & y).count_ones() as usize)
        .sum();
    if intersection == 0 {
        return 1.0;
    }
    let (na, nb) = (count(a), count(b));
    let union = na + nb - intersection;
    let jaccard = intersection as f64 / union as f64;
    let monotonicity = if intersection == na || intersection == nb {
        2.0 / 3.0
    } else {
        1.0 / 3.0
    };
    1.0 - jaccard * monotonicity
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-computed example of `masi::tests::alpha_masi_by_hand`: units ({1},{1}),
    /// ({1},{1,2}), ({2},{2}) → α = 9/14.
    #[test]
    fn reproduces_hand_computed_masi_alpha() {
        let mut a = MasiAlpha::new(3);
        a.add_unit(&[0b010, 0b010], 1.0);
        a.add_unit(&[0b010, 0b110], 1.0);
        a.add_unit(&[0b100, 0b100], 1.0);
        assert!((a.alpha().unwrap() - 9.0 / 14.0).abs() < 1e-12);
        assert_eq!(a.distinct_sets(), 3);
        // A weight of 2 is the same as adding the unit twice.
        let mut twice = a.clone();
        twice.add_unit(&[0b010, 0b110], 1.0);
        a.add_unit(&[0b010, 0b110], 1.0);
        assert_eq!(a.alpha(), twice.alpha());
        let mut weighted = MasiAlpha::new(3);
        weighted.add_unit(&[0b010, 0b010], 1.0);
        weighted.add_unit(&[0b010, 0b110], 2.0);
        weighted.add_unit(&[0b100, 0b100], 1.0);
        assert!((weighted.alpha().unwrap() - a.alpha().unwrap()).abs() < 1e-12);
    }

    #[test]
    fn wide_universe_and_degenerate_input() {
        let mut a = MasiAlpha::new(130);
        assert_eq!(a.words(), 3);
        a.add_unit(&[0, 0, 1, 0, 0, 1], 1.0);
        assert_eq!(a.alpha(), None); // one value only
        a.add_unit(&[1, 0, 0], 1.0); // a single coder: not pairable
        a.add_unit(&[1, 0], 1.0); // not a whole number of sets: ignored
        assert_eq!(a.distinct_sets(), 1);
        a.add_unit(&[0, 1, 0, 0, 1, 0], 1.0);
        assert_eq!(a.alpha(), Some(1.0));
        assert_eq!(MasiAlpha::new(3).alpha(), None);
        assert_eq!(
            masi_bits(&[0b11], &[0b110]),
            1.0 - (1.0 / 3.0) * (1.0 / 3.0)
        );
    }
}
