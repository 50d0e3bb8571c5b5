//! Fisher's exact test against published values and against a brute-force enumeration of every
//! table with the observed margins, written here independently of the network algorithm.

use super::fisher::{Exact, fisher_exact, fisher_exact_within};
use super::network::freeman_halton;

/// Every table with these margins, cell by cell; the two-sided P by direct summation.
pub(super) fn brute_force(t: &[Vec<u64>]) -> f64 {
    let rows: Vec<u64> = t.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<u64> = (0..t[0].len())
        .map(|j| t.iter().map(|r| r[j]).sum())
        .collect();
    let n: u64 = rows.iter().sum();
    let ln_fact = |k: u64| (1..=k).map(|i| (i as f64).ln()).sum::<f64>();
    let constant: f64 = rows.iter().chain(&cols).map(|&m| ln_fact(m)).sum::<f64>() - ln_fact(n);
    let log_p = |cells: &[u64]| constant - cells.iter().map(|&x| ln_fact(x)).sum::<f64>();
    let observed = log_p(&t.concat());
    let (r, c) = (rows.len(), cols.len());
    let mut total = 0.0;
    let mut cells = vec![0u64; r * c];
    fn fill(
        i: usize,
        r: usize,
        c: usize,
        row_left: &mut Vec<u64>,
        col_left: &mut Vec<u64>,
        cells: &mut Vec<u64>,
        visit: &mut dyn FnMut(&[u64]),
    ) {
        if i == r * c {
            if row_left.iter().all(|&x| x == 0) && col_left.iter().all(|&x| x == 0) {
                visit(cells);
            }
            return;
        }
        let (ri, cj) = (i / c, i % c);
        let max = row_left[ri].min(col_left[cj]);
        for v in 0..=max {
            cells[i] = v;
            row_left[ri] -= v;
            col_left[cj] -= v;
            fill(i + 1, r, c, row_left, col_left, cells, visit);
            row_left[ri] += v;
            col_left[cj] += v;
        }
        cells[i] = 0;
    }
    fill(
        0,
        r,
        c,
        &mut rows.clone(),
        &mut cols.clone(),
        &mut cells,
        &mut |cells| {
            let lp = log_p(cells);
            if lp <= observed + 1e-7 {
                total += lp.exp();
            }
        },
    );
    total
}

fn p(t: &[Vec<u64>]) -> f64 {
    fisher_exact(t).p_value().expect("a P value")
}

#[test]
fn textbook_two_by_two() {
    // 15 of 16 vs 8 of 16 (the study's Table 2 example): P = .0155.
    assert!((p(&[vec![15, 1], vec![8, 8]]) - 0.015_498_702_261_772).abs() < 1e-12);
    // 25 of 30 vs 0 of 2: P = .0423 (= 21/496, exactly).
    assert!((p(&[vec![25, 5], vec![0, 2]]) - 21.0 / 496.0).abs() < 1e-12);
    // Fisher's tea-tasting lady, 3 of 4 cups right: P = .4857 (= 17/35).
    assert!((p(&[vec![3, 1], vec![1, 3]]) - 17.0 / 35.0).abs() < 1e-12);
    // Perfect association in 2 × 5: P = 2 / C(10, 5) = 1/126.
    assert!((p(&[vec![5, 0], vec![0, 5]]) - 1.0 / 126.0).abs() < 1e-12);
}

#[test]
fn r_documentation_job_satisfaction_4x4() {
    // R's ?fisher.test example (Agresti 2002, p. 57): income × job satisfaction, P = 0.7827;
    // 0.782684938966… by exact rational enumeration of all 4×4 tables with these margins.
    let job = [
        vec![1, 3, 10, 6],
        vec![2, 3, 10, 7],
        vec![1, 6, 14, 12],
        vec![0, 1, 9, 11],
    ];
    assert!(
        (p(&job) - 0.782_684_938_966_394_8).abs() < 1e-9,
        "{}",
        p(&job)
    );
}

#[test]
fn r_by_c_against_brute_force() {
    let tables: Vec<Vec<Vec<u64>>> = vec![
        vec![vec![2, 3, 4], vec![5, 1, 0], vec![0, 4, 6]],
        vec![vec![10, 2, 3], vec![3, 9, 4]],
        vec![vec![1, 0, 4], vec![3, 3, 0], vec![0, 2, 2], vec![4, 1, 1]],
        vec![vec![6, 1], vec![2, 5], vec![3, 3]],
        vec![vec![0, 1, 2, 3, 4], vec![4, 3, 2, 1, 0]],
        vec![vec![3, 3, 3], vec![3, 3, 3], vec![3, 3, 3]],
        // Wider and fuller tables, where most paths are settled by the bounds on an edge.
        vec![vec![4, 1, 0, 2], vec![1, 3, 2, 1], vec![0, 1, 4, 1]],
        vec![vec![5, 1, 2, 0, 1, 3], vec![1, 4, 1, 3, 2, 0]],
        vec![vec![7, 2, 1], vec![1, 6, 2], vec![2, 1, 5]],
    ];
    // Two of them also by exact rational arithmetic, outside this crate.
    assert!((p(&tables[0]) - 0.008_138_438_245_267_747).abs() < 1e-12);
    assert!((p(&tables[1]) - 0.016_763_108_841_398_07).abs() < 1e-12);
    for t in &tables {
        let want = brute_force(t);
        let got = p(t);
        assert!((got - want).abs() < 1e-10, "{t:?}: {got} vs {want}");
    }
}

#[test]
fn two_by_two_through_the_network_agrees() {
    for t in [
        vec![vec![15, 1], vec![8, 8]],
        vec![vec![25, 5], vec![0, 2]],
        vec![vec![7, 12], vec![9, 4]],
    ] {
        let net = freeman_halton(&t, u64::MAX).unwrap();
        assert!((net - p(&t)).abs() < 1e-12, "{t:?}");
    }
}

#[test]
fn empty_rows_and_columns_are_ignored_and_degenerate_tables_undefined() {
    let t = vec![vec![15, 0, 1], vec![0, 0, 0], vec![8, 0, 8]];
    assert!((p(&t) - p(&[vec![15, 1], vec![8, 8]])).abs() < 1e-15);
    assert_eq!(fisher_exact(&[vec![3, 4]]), Exact::Undefined);
    assert_eq!(fisher_exact(&[vec![3, 0], vec![4, 0]]), Exact::Undefined);
    assert_eq!(fisher_exact(&[vec![3, 1], vec![4]]), Exact::Undefined);
}

#[test]
fn a_tiny_budget_says_too_large() {
    let t = vec![vec![5, 6, 7, 8], vec![8, 7, 6, 5], vec![6, 6, 6, 6]];
    assert_eq!(fisher_exact_within(&t, 10), Exact::TooLarge);
    assert!(matches!(fisher_exact(&t), Exact::P(_)));
}
