//! Property tests (proptest) for relations that theory guarantees: ranges,
//! invariance under coder/unit order, identities between coefficients, and
//! invariances of alpha's metrics. Each property states why it must hold.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs())),
        _ => false,
    }
}

fn in_range(x: Option<f64>, lo: f64, hi: f64) -> bool {
    x.is_none_or(|x| x >= lo - 1e-12 && x <= hi + 1e-12)
}

/// Reliability data with `coders` columns, values in `0..q`, ~25% missing.
fn data(
    max_units: usize,
    coders: std::ops::RangeInclusive<usize>,
    q: u32,
) -> impl Strategy<Value = Ratings<u32>> {
    coders
        .prop_flat_map(move |m| {
            let row = prop::collection::vec(prop::option::weighted(0.75, 0..q), m);
            (Just(m), prop::collection::vec(row, 0..=max_units))
        })
        .prop_map(|(m, rows)| Ratings::with_coders(m, rows))
}

/// Complete data: every coder rates every unit.
fn complete(
    max_units: usize,
    coders: std::ops::RangeInclusive<usize>,
    q: u32,
) -> impl Strategy<Value = Ratings<u32>> {
    coders
        .prop_flat_map(move |m| {
            prop::collection::vec(
                prop::collection::vec((0..q).prop_map(Some), m),
                1..=max_units,
            )
        })
        .prop_map(Ratings::from_units)
}

fn map<V, W>(r: &Ratings<V>, f: impl Fn(&V) -> W) -> Ratings<W> {
    let rows = r
        .units()
        .iter()
        .map(|row| row.iter().map(|v| v.as_ref().map(&f)).collect());
    Ratings::with_coders(r.n_coders(), rows.collect())
}

fn permute_coders<V: Clone>(r: &Ratings<V>, perm: &[usize]) -> Ratings<V> {
    let rows = r
        .units()
        .iter()
        .map(|row| perm.iter().map(|&c| row[c].clone()).collect());
    Ratings::with_coders(r.n_coders(), rows.collect())
}

fn reversed_units<V: Clone>(r: &Ratings<V>) -> Ratings<V> {
    Ratings::with_coders(r.n_coders(), r.units().iter().rev().cloned().collect())
}

/// Every coefficient of the module on one data set, for comparing two data sets.
fn all_measures(r: &Ratings<u32>) -> Vec<Option<f64>> {
    let cats = [0, 1, 2, 3, 4, 5];
    let f = map(r, |&v| f64::from(v));
    let mut out = vec![
        percent_agreement(r),
        cohen_kappa(r),
        scott_pi(r),
        pabak(r),
        fleiss_kappa(r, &cats),
        gwet_ac1(r, &cats),
        brennan_prediger(r, &cats),
        krippendorff_alpha_nominal(r),
    ];
    for level in [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ] {
        out.push(krippendorff_alpha(&f, level));
    }
    out
}

fn spans() -> impl Strategy<Value = (u64, Vec<Vec<(u64, u64)>>)> {
    (1u64..60, 2usize..=4).prop_flat_map(|(l, m)| {
        let span = (0..=l, 0..=l).prop_map(|(a, b)| (a.min(b), a.max(b)));
        (
            Just(l),
            prop::collection::vec(prop::collection::vec(span, 0..4), m),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary floats (NaN, ±∞, negative, huge) never panic and never yield NaN
    /// or an infinite coefficient: invalid input gives `None`.
    #[test]
    fn arbitrary_floats_never_give_nan(rows in prop::collection::vec(prop::collection::vec(prop::option::of(any::<f64>()), 0..4), 0..12)) {
        let r = Ratings::from_units(rows);
        for level in [Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio] {
            prop_assert!(krippendorff_alpha(&r, level).is_none_or(f64::is_finite));
            let ci = krippendorff_alpha_bootstrap_ci(&r, level, 20, 7);
            prop_assert!(ci.is_none_or(|(lo, hi)| lo.is_finite() && hi.is_finite() && lo <= hi));
        }
        prop_assert!(percent_agreement(&r).is_none_or(f64::is_finite));
        prop_assert!(cohen_kappa(&r).is_none_or(f64::is_finite));
        prop_assert!(scott_pi(&r).is_none_or(f64::is_finite));
        prop_assert!(krippendorff_alpha_with(&r, |a, b| (a - b).abs()).is_none_or(f64::is_finite));
    }

    /// Cohen's κ and Scott's π lie in [−1, 1]: p_e ≤ (1 + p_o)/2 because
    /// Σ a_k b_k ≤ Σ ((a_k + b_k)/2)² ≤ max_k (a_k + b_k)/2 ≤ (1 + p_o)/2.
    /// Percent agreement is a mean of proportions; PABAK = 2p_o − 1.
    #[test]
    fn two_coder_ranges(r in data(30, 2..=2, 4)) {
        prop_assert!(in_range(cohen_kappa(&r), -1.0, 1.0));
        prop_assert!(in_range(scott_pi(&r), -1.0, 1.0));
        prop_assert!(in_range(percent_agreement(&r), 0.0, 1.0));
        prop_assert!(in_range(pabak(&r), -1.0, 1.0));
    }

    /// AC1 and BP lie in [−1, 1] for any data: their p_e ≤ 1/q ≤ 1/2
    /// (Σ π_k(1 − π_k) ≤ 1 − 1/q), so (p_a − p_e)/(1 − p_e) ≥ −1.
    /// Alpha with nominal/ordinal/interval metrics lies in (−1, 1]: these δ² are
    /// squared Euclidean distances (one-hot vectors / 2, mid-ranks, values), so
    /// Σ o_ck δ_ck = Σ_u 2m_u/(m_u − 1)·SS_u ≤ 4·SS_total and
    /// Σ n_c n_k δ_ck = 2n·SS_total, hence D_o/D_e ≤ 2(n − 1)/n < 2.
    /// Ratio alpha is only guaranteed ≤ 1 (D_o ≥ 0).
    #[test]
    fn multi_coder_ranges(r in data(25, 2..=5, 4)) {
        let f = map(&r, |&v| f64::from(v));
        for cats in [&[0, 1, 2, 3][..], &[0, 1, 2, 3, 4, 5, 6][..]] {
            prop_assert!(in_range(gwet_ac1(&r, cats), -1.0, 1.0));
            prop_assert!(in_range(brennan_prediger(&r, cats), -1.0, 1.0));
            prop_assert!(in_range(fleiss_kappa(&r, cats), f64::NEG_INFINITY, 1.0));
        }
        prop_assert!(in_range(percent_agreement(&r), 0.0, 1.0));
        for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
            let a = krippendorff_alpha(&f, level);
            prop_assert!(a.is_none_or(|a| a > -1.0 && a <= 1.0 + 1e-12), "{:?} {:?}", level, a);
        }
        prop_assert!(in_range(krippendorff_alpha(&f, Level::Ratio), f64::NEG_INFINITY, 1.0));
    }

    /// With complete data and m raters Fleiss' κ ≥ −1/(m − 1): (m − 1)p_a + 1 ≥ m·p_e
    /// reduces to Σ_k (Σ_i n_ik)² ≤ N Σ_i Σ_k n_ik² (Cauchy–Schwarz).
    #[test]
    fn fleiss_complete_lower_bound(r in complete(25, 2..=6, 4)) {
        let m = r.n_coders() as f64;
        prop_assert!(in_range(fleiss_kappa(&r, &[0, 1, 2, 3]), -1.0 / (m - 1.0), 1.0));
    }

    /// No coefficient depends on the order of coders or of units (all are
    /// functions of per-unit multisets or of symmetric two-coder tables).
    #[test]
    fn coder_and_unit_order_do_not_matter(r in data(20, 2..=4, 5)) {
        let m = r.n_coders();
        let base = all_measures(&r);
        let reversed: Vec<usize> = (0..m).rev().collect();
        let rotated: Vec<usize> = (1..m).chain(0..1).collect();
        for other in [permute_coders(&r, &reversed), permute_coders(&r, &rotated), reversed_units(&r)] {
            let got = all_measures(&other);
            for (a, b) in base.iter().zip(&got) {
                prop_assert!(close(*a, *b), "{:?} vs {:?}", base, got);
            }
        }
    }

    /// Two coders, complete nominal data: Fleiss' κ reduces to Scott's π (same
    /// p_a and pooled p_e), and Krippendorff's α = 1 − (1 − π)(2N − 1)/(2N)
    /// (D_o = 1 − p_o, D_e = 2N(1 − p_e)/(2N − 1)).
    #[test]
    fn two_coder_identities(r in complete(40, 2..=2, 4)) {
        let pi = scott_pi(&r);
        prop_assert!(close(fleiss_kappa(&r, &[0, 1, 2, 3]), pi));
        let n = 2.0 * r.n_units() as f64;
        let expected = pi.map(|pi| 1.0 - (1.0 - pi) * (n - 1.0) / n);
        prop_assert!(close(krippendorff_alpha_nominal(&r), expected));
    }

    /// Two coders, complete binary data: BP with q = 2 is (p_o − 1/2)/(1/2) =
    /// 2p_o − 1 = PABAK.
    #[test]
    fn bp_with_two_categories_is_pabak(r in complete(40, 2..=2, 2)) {
        prop_assert!(close(brennan_prediger(&r, &[0, 1]), pabak(&r)));
        prop_assert!(close(pabak(&r), percent_agreement(&r).map(|p| 2.0 * p - 1.0)));
    }

    /// The 2×2 helper computes the same coefficients as the general functions on
    /// the expanded two-coder data.
    #[test]
    fn binary_table_matches_general(pairs in prop::collection::vec((any::<bool>(), any::<bool>()), 1..60)) {
        let t = Binary2x2::from_pairs(pairs.iter().copied());
        let r = Ratings::from_units(pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect());
        prop_assert!(close(t.percent_agreement(), percent_agreement(&r)));
        prop_assert!(close(t.cohen_kappa(), cohen_kappa(&r)));
        prop_assert!(close(t.scott_pi(), scott_pi(&r)));
        prop_assert!(close(t.gwet_ac1(), gwet_ac1(&r, &[false, true])));
        prop_assert!(close(t.pabak(), pabak(&r)));
        prop_assert!(close(t.krippendorff_alpha(), krippendorff_alpha_nominal(&r)));
        // Pooling one table, or several identical ones, gives that table's kappa.
        prop_assert!(close(pooled_kappa(&[t]), t.cohen_kappa()));
        prop_assert!(close(pooled_kappa(&[t, t, t]), t.cohen_kappa()));
        prop_assert!(close(mean_kappa(&[t, t]), t.cohen_kappa()));
    }

    /// Custom-distance alpha with the nominal and squared-difference functions
    /// equals the built-in nominal and interval metrics.
    #[test]
    fn custom_distance_matches_levels(r in data(20, 2..=4, 5)) {
        let f = map(&r, |&v| f64::from(v));
        prop_assert!(close(krippendorff_alpha_nominal(&r), krippendorff_alpha(&f, Level::Nominal)));
        let interval = krippendorff_alpha_with(&f, |a, b| (a - b) * (a - b));
        prop_assert!(close(interval, krippendorff_alpha(&f, Level::Interval)));
    }

    /// Metric invariances: ordinal α depends only on ranks (strictly increasing
    /// transforms), interval α on differences up to scale (affine maps), ratio α on
    /// ratios (positive scaling); nominal α is invariant under any relabelling.
    #[test]
    fn alpha_metric_invariances(r in data(20, 2..=4, 5), a in 0.25f64..4.0, b in -5.0f64..5.0, flip in any::<bool>()) {
        let f = map(&r, |&v| f64::from(v));
        let monotone = map(&r, |&v| f64::from(v).powi(3) + 2f64.powf(f64::from(v)));
        prop_assert!(close(krippendorff_alpha(&f, Level::Ordinal), krippendorff_alpha(&monotone, Level::Ordinal)));
        let slope = if flip { -a } else { a };
        let affine = map(&r, |&v| slope * f64::from(v) + b);
        prop_assert!(close(krippendorff_alpha(&f, Level::Interval), krippendorff_alpha(&affine, Level::Interval)));
        let scaled = map(&r, |&v| a * f64::from(v));
        prop_assert!(close(krippendorff_alpha(&f, Level::Ratio), krippendorff_alpha(&scaled, Level::Ratio)));
        let relabelled = map(&r, |&v| (v * 7 + 3) % 11);
        prop_assert!(close(krippendorff_alpha_nominal(&r), krippendorff_alpha_nominal(&relabelled)));
    }

    /// Categories nobody used have π_k = 0 and do not change Fleiss' κ.
    #[test]
    fn fleiss_ignores_unused_categories(r in data(20, 2..=4, 3)) {
        prop_assert!(close(fleiss_kappa(&r, &[0, 1, 2]), fleiss_kappa(&r, &[0, 1, 2, 3, 4, 5, 6, 7])));
    }

    /// MASI distance is symmetric, in [0, 1], zero exactly for equal sets, and at
    /// least the Jaccard distance (M ≤ 1).
    #[test]
    fn masi_properties(a in prop::collection::btree_set(0u8..6, 0..4), b in prop::collection::btree_set(0u8..6, 0..4)) {
        let d = masi_distance(&a, &b);
        prop_assert_eq!(d, masi_distance(&b, &a));
        prop_assert!((0.0..=1.0).contains(&d));
        prop_assert_eq!(d == 0.0, a == b);
        prop_assert!(d >= jaccard_distance(&a, &b) - 1e-12);
    }

    /// MASI alpha is at most 1 and does not depend on coder order.
    #[test]
    fn masi_alpha_properties(r in data(15, 2..=3, 8)) {
        // Each code 0..8 stands for the subset of {0, 1, 2} given by its bits.
        let sets: Ratings<BTreeSet<u32>> = map(&r, |&v| (0..3).filter(|k| (v >> k) & 1 == 1).collect());
        let a = krippendorff_alpha_masi(&sets);
        prop_assert!(in_range(a, f64::NEG_INFINITY, 1.0));
        let reversed: Vec<usize> = (0..sets.n_coders()).rev().collect();
        prop_assert!(close(a, krippendorff_alpha_masi(&permute_coders(&sets, &reversed))));
    }

    /// Bootstrap interval: ordered, within [−1, 1] (α* ≤ 1 since D_o* ≥ 0; α* < −1
    /// is clamped), defined exactly when alpha is, and reproducible from its seed.
    #[test]
    fn bootstrap_properties(r in data(20, 2..=3, 4), seed in any::<u64>()) {
        let f = map(&r, |&v| f64::from(v));
        let ci = krippendorff_alpha_bootstrap_ci(&f, Level::Interval, 200, seed);
        prop_assert_eq!(ci.is_some(), krippendorff_alpha(&f, Level::Interval).is_some());
        if let Some((lo, hi)) = ci {
            prop_assert!(-1.0 <= lo && lo <= hi && hi <= 1.0, "{} {}", lo, hi);
        }
        prop_assert_eq!(ci, krippendorff_alpha_bootstrap_ci(&f, Level::Interval, 200, seed));
    }

    /// Unitized alpha: at most 1 (D_o ≥ 0), independent of coder order (D_o sums
    /// over all coder pairs, D_e over all sections), and 1 when every coder
    /// produced the same segmentation (D_o = 0) unless undefined.
    #[test]
    fn unitized_properties((l, coders) in spans()) {
        let a = unitized_alpha(l, &coders);
        prop_assert!(in_range(a, f64::NEG_INFINITY, 1.0));
        let mut reversed = coders.clone();
        reversed.reverse();
        prop_assert!(close(a, unitized_alpha(l, &reversed)));
        let same = vec![coders[0].clone(); coders.len()];
        let s = unitized_alpha(l, &same);
        prop_assert!(s.is_none() || s == Some(1.0), "{:?}", s);
    }
}
