//! Fisher's exact test estimated by simulation, for r×c tables too large to enumerate: random
//! tables with the observed margins (every assignment of the N cases to the cells equally
//! likely, drawn by shuffling), counting those no more probable than the observed one — what
//! R's `fisher.test(simulate.p.value = TRUE)` does, with P = (1 + hits) / (B + 1) (Hope 1968).
//! The interval says how far the estimate may be from the exact P (99%, Wilson score).

use super::logfact::LogFactorials;
use super::network::RELATIVE_TOLERANCE;
use super::rng::SplitMix64;
use super::without_empty;

/// Random tables drawn by default: the estimate's standard error is at most .0016.
pub const REPLICATES: u64 = 100_000;
/// The default seed: the same table always gives the same estimate.
pub const SEED: u64 = 1;

/// A simulated P value and how precise it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulated {
    /// (1 + tables no more probable than the observed) / (replicates + 1).
    pub p: f64,
    /// 99% interval for the exact P the simulation estimates.
    pub interval: [f64; 2],
    pub replicates: u64,
    pub seed: u64,
}

/// Estimate the two-sided Fisher–Freeman–Halton P of `table` from `replicates` random tables
/// with its margins; `None` when there is nothing to test (fewer than two non-empty rows or
/// columns) or `replicates` is 0.
pub fn fisher_simulated(table: &[Vec<u64>], replicates: u64, seed: u64) -> Option<Simulated> {
    let t = without_empty(table)?;
    if t.len() < 2 || t[0].len() < 2 || replicates == 0 {
        return None;
    }
    let (r, c) = (t.len(), t[0].len());
    let row_totals: Vec<usize> = t
        .iter()
        .map(|row| row.iter().sum::<u64>() as usize)
        .collect();
    let n: usize = row_totals.iter().sum();
    let lf = LogFactorials::up_to(n as u64);
    // A table's probability falls as Σ ln n_ij! rises (the margins' terms are the same for
    // all): "no more probable" is "Σ ln n_ij! at least the observed", within R's tolerance.
    let score = |cells: &[u64]| cells.iter().map(|&x| lf.get(x)).sum::<f64>();
    let observed: Vec<u64> = t.iter().flatten().copied().collect();
    let threshold = score(&observed) - RELATIVE_TOLERANCE.ln_1p();
    // Each case labelled by its column; a shuffle deals them out to the rows in turn.
    let mut cases: Vec<usize> = (0..c)
        .flat_map(|j| std::iter::repeat_n(j, t.iter().map(|row| row[j] as usize).sum()))
        .collect();
    let dealt = n - row_totals[r - 1]; // the last row takes what is left
    let col_totals: Vec<u64> = (0..c).map(|j| t.iter().map(|row| row[j]).sum()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut cells = vec![0u64; r * c];
    let mut hits = 0u64;
    for _ in 0..replicates {
        for i in 0..dealt {
            let k = i + rng.below(n - i);
            cases.swap(i, k);
        }
        cells.fill(0);
        let mut start = 0;
        for (i, &size) in row_totals[..r - 1].iter().enumerate() {
            for &j in &cases[start..start + size] {
                cells[i * c + j] += 1;
            }
            start += size;
        }
        for j in 0..c {
            let above: u64 = (0..r - 1).map(|i| cells[i * c + j]).sum();
            cells[(r - 1) * c + j] = col_totals[j] - above;
        }
        if score(&cells) >= threshold {
            hits += 1;
        }
    }
    Some(Simulated {
        p: (1 + hits) as f64 / (replicates + 1) as f64,
        interval: wilson_99(hits, replicates),
        replicates,
        seed,
    })
}

/// The Wilson score interval (99%) for a proportion of `hits` in `n`.
fn wilson_99(hits: u64, n: u64) -> [f64; 2] {
    const Z: f64 = 2.575_829_303_548_901; // the standard normal's 99.5th percentile
    let (k, n) = (hits as f64, n as f64);
    let p = k / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::fisher_exact;

    /// R's `fisher.test` documentation: job satisfaction by income (Agresti 2002, p. 57),
    /// exact P = 0.7827.
    fn job_satisfaction() -> Vec<Vec<u64>> {
        vec![
            vec![1, 2, 1, 0],
            vec![3, 3, 6, 1],
            vec![10, 10, 14, 9],
            vec![6, 7, 12, 11],
        ]
    }

    #[test]
    fn the_estimate_brackets_the_exact_p() {
        for (t, exact) in [
            (job_satisfaction(), 0.7827),
            // Fisher's tea tasting is 2×2: .4857 exactly.
            (vec![vec![3, 1], vec![1, 3]], 0.4857),
            (vec![vec![15, 1], vec![8, 8]], 0.0155),
        ] {
            let e = fisher_exact(&t).p_value().unwrap();
            assert!((e - exact).abs() < 5e-5, "{t:?}: {e}");
            let s = fisher_simulated(&t, 20_000, SEED).unwrap();
            assert!(
                s.interval[0] <= e && e <= s.interval[1],
                "{t:?}: exact {e} outside {:?}",
                s.interval
            );
            assert!((s.p - e).abs() < 0.015, "{t:?}: {} vs {e}", s.p);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_estimate_and_another_seed_may_not() {
        let t = job_satisfaction();
        let a = fisher_simulated(&t, 5_000, 7).unwrap();
        assert_eq!(a, fisher_simulated(&t, 5_000, 7).unwrap());
        assert_eq!((a.replicates, a.seed), (5_000, 7));
        assert_ne!(a.p, fisher_simulated(&t, 5_000, 8).unwrap().p);
    }

    #[test]
    fn a_table_as_extreme_as_it_gets_has_the_smallest_estimate() {
        // Only the observed arrangement (and none less probable) is this extreme.
        let t = vec![vec![20, 0, 0], vec![0, 20, 0], vec![0, 0, 20]];
        let s = fisher_simulated(&t, 2_000, SEED).unwrap();
        assert_eq!(s.p, 1.0 / 2_001.0);
        assert_eq!(s.interval[0], 0.0);
        // Every table is at least as probable as one with a single non-empty row: undefined.
        assert!(fisher_simulated(&[vec![4, 5, 6], vec![0, 0, 0]], 100, SEED).is_none());
        assert!(fisher_simulated(&job_satisfaction(), 0, SEED).is_none());
    }

    #[test]
    fn wilson_interval_by_hand() {
        // 50 of 100 at 99%: centre .5, half-width z·√(.25/100 + z²/40000)/(1 + z²/100).
        let [lo, hi] = wilson_99(50, 100);
        let z: f64 = 2.575_829_303_548_901;
        let half = z * (0.25 / 100.0 + z * z / 40_000.0).sqrt() / (1.0 + z * z / 100.0);
        assert!((lo - (0.5 - half)).abs() < 1e-12 && (hi - (0.5 + half)).abs() < 1e-12);
        assert!((lo - 0.3753).abs() < 1e-4, "{lo}");
    }
}
