//! Krippendorff's alpha with the MASI distance over many units of set-valued data (the codes
//! each coder applied to a unit), accumulated unit by unit without a units × coders matrix:
//! distinct sets are interned as bitsets, observed coincidences are kept sparse, and the
//! expected disagreement is summed over pairs of distinct sets.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::bootstrap::{BootCell, BootInput, bootstrap_cells};
use super::data::finite;

/// Accumulator for [`super::krippendorff_alpha_masi`] on large data.
///
/// Sets are bitsets over a universe of `universe` categories: category `i` is bit `i % 64` of
/// word `i / 64`, and every set passed in has [`MasiAlpha::words`] words. Units may be
/// weighted (a weight w counts as w identical units, e.g. a run of w characters that carry the
/// same codes).
///
/// Cost: O(m²) per unit plus a hash lookup per value. The expected disagreement needs, over
/// the d distinct sets, Σ n_c n_k δ_ck; since MASI depends only on |A|, |B| and |A ∩ B|, it is
/// computed either over pairs of distinct sets (O(d²)) or, when cheaper, from the counts of
/// shared subsets (Σ_c 2^|c| hash updates; see [`MasiAlpha::expected_by_subsets`]), so it
/// stays linear in the number of units.
#[derive(Debug, Clone)]
pub struct MasiAlpha {
    words: usize,
    index: HashMap<Box<[u64]>, u32>,
    /// Distinct sets, `words` words each, in first-seen order.
    sets: Vec<u64>,
    /// n_c: pairable values equal to set c (weighted).
    marginals: Vec<u64>,
    /// o_ck for c ≤ k (o_ck + o_kc off the diagonal).
    observed: HashMap<(u32, u32), f64>,
    /// Σ w·m_u(m_u − 1)/2 over pairable units.
    pairs: f64,
    max_coders: usize,
    scratch: Vec<u32>,
    /// (D_o, D_e, n), computed once after the last unit was added.
    cache: OnceLock<Option<(f64, f64, f64)>>,
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
            cache: OnceLock::new(),
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

    /// Non-empty cells {c, k} of the observed coincidence matrix.
    pub fn observed_cells(&self) -> usize {
        self.observed.len()
    }

    /// Pairs the bootstrap would draw in all: samples × min(25·Q, (m − 1)·n/2), Q the non-zero
    /// entries of the coincidence matrix (as in [`super::krippendorff_alpha_bootstrap_ci_with`]).
    pub fn bootstrap_draws(&self, samples: usize) -> usize {
        let q: usize = self
            .observed
            .keys()
            .map(|(c, k)| if c == k { 1 } else { 2 })
            .sum();
        let n: u64 = self.marginals.iter().sum();
        let cap = (self.max_coders.saturating_sub(1) as u64).saturating_mul(n) / 2;
        let m = (25usize.saturating_mul(q) as u64).min(cap).max(1);
        samples.saturating_mul(m as usize)
    }

    fn intern(&mut self, set: &[u64]) -> u32 {
        if let Some(&i) = self.index.get(set) {
            return i;
        }
        let i = self.marginals.len() as u32;
        self.index.insert(set.into(), i);
        self.sets.extend_from_slice(set);
        self.marginals.push(0);
        i
    }

    /// Adds a unit: `sets` holds the values of the coders who rated it (missing coders left
    /// out), concatenated, [`MasiAlpha::words`] words each, with weight w ≥ 1. Units with fewer
    /// than two values are not pairable and are ignored, as are a zero weight and a length that
    /// is not a multiple of the set width.
    pub fn add_unit(&mut self, sets: &[u64], weight: u64) {
        let w = self.words;
        if !sets.len().is_multiple_of(w) || weight == 0 {
            return;
        }
        let m = sets.len() / w;
        if m < 2 {
            return;
        }
        self.cache = OnceLock::new();
        let mut ids = std::mem::take(&mut self.scratch);
        ids.clear();
        for set in sets.chunks_exact(w) {
            ids.push(self.intern(set));
        }
        let per_pair = weight as f64 / (m as f64 - 1.0);
        for (i, &c) in ids.iter().enumerate() {
            self.marginals[c as usize] += weight;
            for &k in &ids[i + 1..] {
                // The two ordered pairs (c, k) and (k, c) each add w/(m − 1).
                *self.observed.entry((c.min(k), c.max(k))).or_insert(0.0) += 2.0 * per_pair;
            }
        }
        self.pairs += weight as f64 * (m * (m - 1)) as f64 / 2.0;
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

    fn size(&self, c: u32) -> u32 {
        self.set(c).iter().map(|w| w.count_ones()).sum()
    }

    /// Σ over ordered pairs of distinct sets of n_c n_k δ_ck, pair by pair (O(d²)).
    pub(super) fn expected_pairwise(&self) -> f64 {
        let d = self.marginals.len() as u32;
        let mut expected = 0.0;
        for c in 0..d {
            let mut row = 0.0;
            for k in c + 1..d {
                row += self.marginals[k as usize] as f64 * self.distance(c, k);
            }
            expected += 2.0 * self.marginals[c as usize] as f64 * row;
        }
        expected
    }

    /// The same sum from shared subsets. MASI depends only on a = |A|, b = |B| and
    /// i = |A ∩ B|, so Σ n_A n_B δ = Σ_{a,b,i} W(a, b, i) δ(a, b, i) with W the total weight of
    /// ordered pairs of sets of sizes a, b sharing i members. With F_a(T) = Σ_{A ⊇ T, |A| = a}
    /// n_A, the moments M_t(a, b) = Σ_{|T| = t} F_a(T) F_b(T) = Σ n_A n_B C(|A ∩ B|, t) give W
    /// by binomial inversion, W(a, b, i) = Σ_{t ≥ i} (−1)^(t − i) C(t, i) M_t(a, b), in exact
    /// integer arithmetic. Pairs of equal sets have δ = 0 and drop out.
    // The loop indices are set sizes a, b, i and t, used across several arrays.
    #[allow(clippy::needless_range_loop)]
    pub(super) fn expected_by_subsets(&self) -> f64 {
        let d = self.marginals.len() as u32;
        let max = (0..d).map(|c| self.size(c)).max().unwrap_or(0) as usize;
        let k = max + 1;
        // F[T] = per set size a, Σ n_A over sets A ⊇ T of size a.
        let mut f: HashMap<Box<[u64]>, Vec<u64>> = HashMap::new();
        let mut members: Vec<usize> = Vec::new();
        let mut key = vec![0u64; self.words];
        for c in 0..d {
            members.clear();
            for (w, &word) in self.set(c).iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    members.push(w * 64 + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                }
            }
            let a = members.len();
            let n = self.marginals[c as usize];
            for mask in 0u64..(1u64 << a) {
                key.fill(0);
                let mut rest = mask;
                while rest != 0 {
                    let m = members[rest.trailing_zeros() as usize];
                    key[m / 64] |= 1 << (m % 64);
                    rest &= rest - 1;
                }
                match f.get_mut(&key[..]) {
                    Some(per_size) => per_size[a] += n,
                    None => {
                        let mut per_size = vec![0u64; k];
                        per_size[a] = n;
                        f.insert(key.clone().into_boxed_slice(), per_size);
                    }
                }
            }
        }
        // moments[t][a][b] = M_t(a, b).
        let mut moments = vec![vec![vec![0i128; k]; k]; k];
        for (t_key, per_size) in &f {
            let t = t_key.iter().map(|w| w.count_ones() as usize).sum::<usize>();
            for a in t..k {
                if per_size[a] == 0 {
                    continue;
                }
                for b in t..k {
                    moments[t][a][b] += i128::from(per_size[a]) * i128::from(per_size[b]);
                }
            }
        }
        let choose = |t: usize, i: usize| -> i128 {
            (0..i).fold(1i128, |acc, j| acc * (t - j) as i128 / (j + 1) as i128)
        };
        let mut expected = 0.0;
        for a in 0..k {
            for b in 0..k {
                for i in 0..=a.min(b) {
                    let w: i128 = (i..=a.min(b))
                        .map(|t| {
                            let sign = if (t - i) % 2 == 0 { 1 } else { -1 };
                            sign * choose(t, i) * moments[t][a][b]
                        })
                        .sum();
                    if w != 0 {
                        expected += w as f64 * masi_sizes(a, b, i);
                    }
                }
            }
        }
        expected
    }

    /// (D_o, D_e, n).
    fn disagreements(&self) -> Option<(f64, f64, f64)> {
        *self.cache.get_or_init(|| {
            let n = self.marginals.iter().sum::<u64>() as f64;
            if n < 2.0 {
                return None;
            }
            // Summed in the order of the cells, not of the hash map: the same figure every run
            // (the map's order changed from run to run, and the sum with it in the last digit).
            let mut cells: Vec<(&(u32, u32), &f64)> = self.observed.iter().collect();
            cells.sort_unstable_by_key(|(key, _)| **key);
            let observed: f64 = cells
                .into_iter()
                .map(|(&(c, k), o)| if c == k { 0.0 } else { o * self.distance(c, k) })
                .sum();
            let largest = (0..self.marginals.len() as u32)
                .map(|c| self.size(c))
                .max()
                .unwrap_or(0);
            let subsets: u64 = (0..self.marginals.len() as u32)
                .map(|c| 1u64 << self.size(c).min(40))
                .fold(0, u64::saturating_add);
            let pairs = (self.marginals.len() as u64).pow(2) / 2;
            let expected = if largest <= 24 && subsets.saturating_mul(8) < pairs {
                self.expected_by_subsets()
            } else {
                self.expected_pairwise()
            };
            Some((observed / n, expected / (n * (n - 1.0)), n))
        })
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

/// MASI distance from the sizes of two sets and of their intersection (as [`masi_bits`]).
fn masi_sizes(a: usize, b: usize, i: usize) -> f64 {
    if a == i && b == i {
        return 0.0;
    }
    if i == 0 {
        return 1.0;
    }
    let jaccard = i as f64 / (a + b - i) as f64;
    let monotonicity = if i == a || i == b {
        2.0 / 3.0
    } else {
        1.0 / 3.0
    };
    1.0 - jaccard * monotonicity
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

    /// The same units give the same alpha to the last bit, however the cells are hashed.
    #[test]
    fn masi_alpha_is_the_same_every_time() {
        let units: Vec<[u64; 2]> = (0..300u64)
            .map(|u| [(u * 7 + 3) % 37 + 1, (u * 11 + 5) % 41 + 1])
            .collect();
        let alpha = || {
            let mut m = MasiAlpha::new(6);
            for sets in &units {
                m.add_unit(sets, 1);
            }
            m.alpha().unwrap().to_bits()
        };
        let first = alpha();
        assert!((0..30).all(|_| alpha() == first));
    }

    use super::*;

    /// The hand-computed example of `masi::tests::alpha_masi_by_hand`: units ({1},{1}),
    /// ({1},{1,2}), ({2},{2}) → α = 9/14.
    #[test]
    fn reproduces_hand_computed_masi_alpha() {
        let mut a = MasiAlpha::new(3);
        a.add_unit(&[0b010, 0b010], 1);
        a.add_unit(&[0b010, 0b110], 1);
        a.add_unit(&[0b100, 0b100], 1);
        assert!((a.alpha().unwrap() - 9.0 / 14.0).abs() < 1e-12);
        assert_eq!(a.distinct_sets(), 3);
        // A weight of 2 is the same as adding the unit twice.
        let mut twice = a.clone();
        twice.add_unit(&[0b010, 0b110], 1);
        a.add_unit(&[0b010, 0b110], 1);
        assert_eq!(a.alpha(), twice.alpha());
        let mut weighted = MasiAlpha::new(3);
        weighted.add_unit(&[0b010, 0b010], 1);
        weighted.add_unit(&[0b010, 0b110], 2);
        weighted.add_unit(&[0b100, 0b100], 1);
        assert!((weighted.alpha().unwrap() - a.alpha().unwrap()).abs() < 1e-12);
    }

    #[test]
    fn wide_universe_and_degenerate_input() {
        let mut a = MasiAlpha::new(130);
        assert_eq!(a.words(), 3);
        a.add_unit(&[0, 0, 1, 0, 0, 1], 1);
        assert_eq!(a.alpha(), None); // one value only
        a.add_unit(&[1, 0, 0], 1); // a single coder: not pairable
        a.add_unit(&[1, 0], 1); // not a whole number of sets: ignored
        assert_eq!(a.distinct_sets(), 1);
        a.add_unit(&[0, 1, 0, 0, 1, 0], 1);
        assert_eq!(a.alpha(), Some(1.0));
        assert_eq!(MasiAlpha::new(3).alpha(), None);
        assert_eq!(
            masi_bits(&[0b11], &[0b110]),
            1.0 - (1.0 / 3.0) * (1.0 / 3.0)
        );
    }
}
