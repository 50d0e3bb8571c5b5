//! Property tests: P values lie in [0, 1], do not depend on how the table is turned or its rows
//! and columns ordered, and agree with direct enumeration and with the 2×2 formula.

use super::chi2::pearson_chi2;
use super::fisher::fisher_exact;
use super::network::freeman_halton;
use super::tests_fisher::brute_force;
use proptest::prelude::*;

fn table(max_rows: usize, max_cols: usize, max_cell: u64) -> impl Strategy<Value = Vec<Vec<u64>>> {
    (2..=max_rows, 2..=max_cols).prop_flat_map(move |(r, c)| {
        prop::collection::vec(prop::collection::vec(0..=max_cell, c), r)
    })
}

fn transpose(t: &[Vec<u64>]) -> Vec<Vec<u64>> {
    (0..t[0].len())
        .map(|j| t.iter().map(|r| r[j]).collect())
        .collect()
}

fn p(t: &[Vec<u64>]) -> Option<f64> {
    fisher_exact(t).p_value()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn p_is_a_probability(t in table(4, 4, 5)) {
        if let Some(p) = p(&t) {
            prop_assert!((0.0..=1.0).contains(&p));
        }
        if let Some(c) = pearson_chi2(&t, false) {
            prop_assert!((0.0..=1.0).contains(&c.p_value) && c.statistic >= 0.0);
        }
    }

    #[test]
    fn symmetric_under_transposition_and_permutation(t in table(3, 4, 5), rot in 0usize..4) {
        let Some(base) = p(&t) else { return Ok(()) };
        let tp = p(&transpose(&t)).unwrap();
        prop_assert!((base - tp).abs() < 1e-9, "{base} vs {tp}");
        let mut rows = t.clone();
        rows.rotate_left(rot % t.len());
        rows.reverse();
        let rp = p(&rows).unwrap();
        prop_assert!((base - rp).abs() < 1e-9);
        let mut cols = transpose(&t);
        let width = cols.len();
        cols.rotate_left(rot % width);
        let cp = p(&transpose(&cols)).unwrap();
        prop_assert!((base - cp).abs() < 1e-9);
    }

    #[test]
    fn equals_direct_enumeration(t in table(3, 3, 4)) {
        if let Some(got) = p(&t) {
            let nonempty = super::without_empty(&t).unwrap();
            let want = brute_force(&nonempty);
            prop_assert!((got - want).abs() < 1e-9, "{t:?}: {got} vs {want}");
        }
    }

    #[test]
    fn two_by_two_formula_equals_the_network(t in table(2, 2, 20)) {
        let nonempty = super::without_empty(&t).unwrap();
        if nonempty.len() == 2 && nonempty[0].len() == 2 {
            let net = freeman_halton(&nonempty, u64::MAX).unwrap();
            prop_assert!((net - p(&t).unwrap()).abs() < 1e-10);
        }
    }
}
