//! Bootstrap confidence interval for Krippendorff's alpha following the
//! coincidence-based algorithm of Krippendorff ("Algorithm for bootstrapping a
//! distribution of α", 2006, rev. 2011) as used in Hayes & Krippendorff's (2007)
//! KALPHA macro, with the project's seedable generator (SplitMix64, `stats::rng`).

use super::data::{Level, Ratings};
use super::krippendorff::{Prepared, alpha_from, prepare_level, prepare_with};

pub(super) use crate::stats::rng::SplitMix64;

/// 95% bootstrap confidence interval (lower, upper) for Krippendorff's alpha at a
/// level of measurement; see [`krippendorff_alpha_bootstrap_ci_with`] for the
/// algorithm. Deterministic for a given `seed`.
pub fn krippendorff_alpha_bootstrap_ci(
    data: &Ratings<f64>,
    level: Level,
    samples: usize,
    seed: u64,
) -> Option<(f64, f64)> {
    let p = prepare_level(data, level)?;
    bootstrap(&p, data.n_coders(), samples, seed)
}

/// 95% bootstrap confidence interval (lower, upper) for Krippendorff's alpha with
/// a caller-supplied difference function (as in
/// [`super::krippendorff_alpha_with`]).
///
/// This is the *coincidence-based* bootstrap of Hayes & Krippendorff (2007) /
/// KALPHA (not a resampling of units):
/// 1. From the observed coincidences, the unordered value pairs {c, k} get
///    probabilities p_cc = o_cc/n and p_ck = 2·o_ck/n (c < k).
/// 2. Each bootstrap sample draws M pairs with replacement, where
///    M = min(25·Q, (m − 1)·n/2), Q = number of non-zero cells of the coincidence
///    matrix, m = number of coder columns, n = number of pairable values.
/// 3. α* = 1 − (Σ drawn δ_ck)/(M·D_e), with D_e fixed at its observed value;
///    α* < −1 is set to −1.
/// 4. KALPHA's correction for samples that consist of matching values only: if
///    only one value has matches, α* = 1 becomes 0; otherwise
///    round(samples·Σ_c (o_cc/n)^P) of the α* = 1 draws (P = number of pairs
///    Σ m_u(m_u − 1)/2, as in the macro) become 0.
/// 5. The interval is the percentile interval with KALPHA's indices: the
///    ⌊0.025·B⌋-th and (⌊0.975·B⌋ + 1)-th of the B sorted α* (1-based, clamped to
///    the sample).
///
/// `None` if `samples` is 0, the distance is invalid, or alpha is undefined
/// (D_e = 0). Not checked against KALPHA's numerical output (it is random).
pub fn krippendorff_alpha_bootstrap_ci_with<V, F>(
    data: &Ratings<V>,
    distance: F,
    samples: usize,
    seed: u64,
) -> Option<(f64, f64)>
where
    V: PartialEq,
    F: Fn(&V, &V) -> f64,
{
    let p = prepare_with(data, distance)?;
    bootstrap(&p, data.n_coders(), samples, seed)
}

fn bootstrap(p: &Prepared, coders: usize, samples: usize, seed: u64) -> Option<(f64, f64)> {
    let c = &p.coincidences;
    alpha_from(c, &p.delta)?;
    let (_, d_e) = c.disagreements(&p.delta)?;
    let d = c.d;
    let mut cells = Vec::new();
    for i in 0..d {
        for k in i..d {
            let weight = if i == k {
                c.o[i * d + k]
            } else {
                c.o[i * d + k] + c.o[k * d + i]
            };
            if weight > 0.0 {
                cells.push(BootCell {
                    weight,
                    delta: p.delta[i * d + k],
                    diagonal: i == k,
                });
            }
        }
    }
    bootstrap_cells(
        &BootInput {
            cells,
            n: c.n,
            pairs: c.pairs,
            d_e,
            coders,
        },
        samples,
        seed,
    )
}

/// One cell {c, k} (c ≤ k) of a symmetric coincidence matrix, for bootstrapping.
#[derive(Debug, Clone, Copy)]
pub(super) struct BootCell {
    /// o_cc on the diagonal, o_ck + o_kc off it (> 0).
    pub(super) weight: f64,
    /// δ_ck.
    pub(super) delta: f64,
    pub(super) diagonal: bool,
}

/// What the coincidence-based bootstrap needs: the non-zero cells in a fixed order, the number
/// of pairable values n, the number of pairs P, the observed D_e (> 0) and the number of coder
/// columns m.
pub(super) struct BootInput {
    pub(super) cells: Vec<BootCell>,
    pub(super) n: f64,
    pub(super) pairs: f64,
    pub(super) d_e: f64,
    pub(super) coders: usize,
}

/// Walker's alias method (Vose 1991): draws index i with probability w_i / Σw from one uniform
/// number in O(1).
struct AliasTable {
    prob: Vec<f64>,
    alias: Vec<usize>,
}

impl AliasTable {
    fn new(weights: impl Iterator<Item = f64>) -> AliasTable {
        let w: Vec<f64> = weights.collect();
        let k = w.len();
        let total: f64 = w.iter().sum();
        let mut scaled: Vec<f64> = w.iter().map(|x| x * k as f64 / total).collect();
        let mut prob = vec![1.0; k];
        let mut alias: Vec<usize> = (0..k).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..k).partition(|&i| scaled[i] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1.0 - scaled[s];
            if scaled[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        AliasTable { prob, alias }
    }

    /// The index for a uniform number u in [0, 1).
    fn draw(&self, u: f64) -> usize {
        let k = self.prob.len();
        let x = u * k as f64;
        let i = (x as usize).min(k - 1);
        if x - (i as f64) < self.prob[i] {
            i
        } else {
            self.alias[i]
        }
    }
}

/// The algorithm of [`krippendorff_alpha_bootstrap_ci_with`] over sparse cells, so that large
/// data (many distinct values) never needs a dense d × d matrix.
pub(super) fn bootstrap_cells(input: &BootInput, samples: usize, seed: u64) -> Option<(f64, f64)> {
    if samples == 0
        || input.cells.is_empty()
        || input.d_e.is_nan()
        || input.d_e <= 0.0
        || input.n.is_nan()
        || input.n <= 0.0
    {
        return None;
    }
    let n = input.n;
    let d_e = input.d_e;

    // The distribution over unordered cells c <= k, p_ck = weight/n, as an alias table so that
    // each draw costs O(1) whatever the number of cells.
    let table = AliasTable::new(input.cells.iter().map(|c| c.weight));
    let cell_delta: Vec<f64> = input.cells.iter().map(|c| c.delta).collect();
    // Non-zero entries of the (symmetric) dense matrix: off-diagonal cells count twice.
    let nonzero_cells: f64 = input
        .cells
        .iter()
        .map(|c| if c.diagonal { 1.0 } else { 2.0 })
        .sum();
    let cap = (input.coders.saturating_sub(1) as f64) * n / 2.0;
    let m = (25.0 * nonzero_cells).min(cap).floor().max(1.0) as usize;

    let mut rng = SplitMix64::new(seed);
    let mut alphas = Vec::with_capacity(samples.min(1 << 20));
    for _ in 0..samples {
        let mut sum = 0.0;
        for _ in 0..m {
            sum += cell_delta[table.draw(rng.next_f64())];
        }
        let a = 1.0 - sum / (m as f64 * d_e);
        alphas.push(a.max(-1.0));
    }

    // Correction for all-matching samples (step 4).
    let diagonal: Vec<f64> = input
        .cells
        .iter()
        .filter(|c| c.diagonal)
        .map(|c| c.weight)
        .collect();
    let matching_values = diagonal.len();
    if matching_values == 1 {
        alphas
            .iter_mut()
            .filter(|a| **a == 1.0)
            .for_each(|a| *a = 0.0);
    } else if matching_values > 1 {
        let p_all_same: f64 = diagonal.iter().map(|x| (x / n).powf(input.pairs)).sum();
        let limit = (samples as f64 * p_all_same).round() as usize;
        alphas
            .iter_mut()
            .filter(|a| **a == 1.0)
            .take(limit)
            .for_each(|a| *a = 0.0);
    }

    alphas.sort_by(f64::total_cmp);
    let b = samples as f64;
    let lower = ((0.025 * b).floor() as usize).clamp(1, samples) - 1;
    let upper = ((0.975 * b).floor() as usize + 1).clamp(1, samples) - 1;
    Some((alphas[lower], alphas[upper]))
}

#[cfg(test)]
mod tests {
    use super::super::krippendorff::krippendorff_alpha;
    use super::*;

    fn hayes_like() -> Ratings<f64> {
        // 40 units, 2 coders, ordinal values 0..3, coder B off by one on every
        // seventh unit.
        let rows = (0..40u32)
            .map(|u| {
                let a = f64::from(u % 4);
                let b = if u % 7 == 0 {
                    f64::from((u + 1) % 4)
                } else {
                    a
                };
                vec![Some(a), Some(b)]
            })
            .collect();
        Ratings::from_units(rows)
    }

    #[test]
    fn alias_table_draws_in_proportion() {
        // Weights 1, 3, 0, 4: frequencies over a fine grid of u are 1/8, 3/8, 0, 4/8.
        let t = AliasTable::new([1.0, 3.0, 0.0, 4.0].into_iter());
        let mut counts = [0usize; 4];
        let n = 80_000;
        for j in 0..n {
            counts[t.draw((j as f64 + 0.5) / n as f64)] += 1;
        }
        assert_eq!(counts, [10_000, 30_000, 0, 40_000]);
    }

    #[test]
    fn splitmix_reference_values() {
        // First outputs for seed 0 from the SplitMix64 reference implementation.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let x = SplitMix64::new(7).next_f64();
        assert!((0.0..1.0).contains(&x));
    }

    #[test]
    fn deterministic_and_brackets_estimate() {
        let data = hayes_like();
        let alpha = krippendorff_alpha(&data, Level::Ordinal).unwrap();
        let ci = krippendorff_alpha_bootstrap_ci(&data, Level::Ordinal, 2000, 42).unwrap();
        assert_eq!(
            ci,
            krippendorff_alpha_bootstrap_ci(&data, Level::Ordinal, 2000, 42).unwrap()
        );
        assert!(ci.0 <= alpha && alpha <= ci.1, "{ci:?} vs {alpha}");
        assert!(ci.0 >= -1.0 && ci.1 <= 1.0 && ci.0 < ci.1);
        let other = krippendorff_alpha_bootstrap_ci(&data, Level::Ordinal, 2000, 43).unwrap();
        assert_ne!(ci, other);
    }

    #[test]
    fn undefined_cases() {
        let data = hayes_like();
        assert_eq!(
            krippendorff_alpha_bootstrap_ci(&data, Level::Nominal, 0, 1),
            None
        );
        let constant = Ratings::from_units(vec![vec![Some(1.0), Some(1.0)]; 5]);
        assert_eq!(
            krippendorff_alpha_bootstrap_ci(&constant, Level::Nominal, 100, 1),
            None
        );
        let empty = Ratings::<f64>::from_units(vec![]);
        assert_eq!(
            krippendorff_alpha_bootstrap_ci(&empty, Level::Interval, 100, 1),
            None
        );
    }

    #[test]
    fn perfect_agreement_interval_is_degenerate_at_one_or_corrected() {
        // Perfect agreement on 3 values: every draw is a matching pair, α* = 1; the
        // all-matching correction only touches a negligible expected share.
        let rows: Vec<Vec<Option<f64>>> = (0..30)
            .map(|u| vec![Some(f64::from(u % 3)), Some(f64::from(u % 3))])
            .collect();
        let ci =
            krippendorff_alpha_bootstrap_ci(&Ratings::from_units(rows), Level::Nominal, 500, 9);
        assert_eq!(ci, Some((1.0, 1.0)));
    }
}
