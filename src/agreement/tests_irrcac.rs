//! Standard errors, intervals and p-values against irrCAC's published example outputs (the
//! package README and its "weighting" vignette, Gwet 2014) and against an independent,
//! unit-by-unit computation of Gwet's formulas written here.

use super::bootstrap::SplitMix64;
use super::conger::{Weights, conger_kappa, pair_table, two_coder};
use super::gwet::{Estimate, Prepared, Sampling, identity};
use super::indexed::IndexedRatings;

/// irrCAC's cac.raw4raters (Gwet 2014, p. 120): 12 subjects × 4 raters, categories 1–5.
fn raw4raters() -> IndexedRatings {
    let rows: [[Option<u32>; 4]; 12] = [
        [Some(1), Some(1), None, Some(1)],
        [Some(2), Some(2), Some(3), Some(2)],
        [Some(3), Some(3), Some(3), Some(3)],
        [Some(3), Some(3), Some(3), Some(3)],
        [Some(2), Some(2), Some(2), Some(2)],
        [Some(1), Some(2), Some(3), Some(4)],
        [Some(4), Some(4), Some(4), Some(4)],
        [Some(1), Some(1), Some(2), Some(1)],
        [Some(2), Some(2), Some(2), Some(2)],
        [None, Some(5), Some(5), Some(5)],
        [None, None, Some(1), Some(1)],
        [None, None, Some(3), None],
    ];
    let mut r = IndexedRatings::new(4, 5);
    for row in rows {
        let row: Vec<Option<u32>> = row.iter().map(|v| v.map(|x| x - 1)).collect();
        assert!(r.push_unit(&row));
    }
    r
}

/// Value, SE, interval and p-value as irrCAC prints them (value and SE to 5 decimals, the
/// interval to 3).
fn check(e: Option<Estimate>, value: f64, se: f64, ci: [f64; 2], p: f64) {
    check_within(e, (value, se, 5e-6), ci, (p, 1e-3));
}

/// As [`check`] with a tolerance for the SE and a relative one for the p-value.
fn check_within(e: Option<Estimate>, v: (f64, f64, f64), ci: [f64; 2], p: (f64, f64)) {
    let ((value, se, se_tolerance), (p, p_tolerance)) = (v, p);
    let e = e.expect("defined");
    assert!(
        (e.value - value).abs() < 5e-6,
        "value {} vs {value}",
        e.value
    );
    let s = e.se.expect("se");
    assert!((s - se).abs() < se_tolerance, "se {s} vs {se}");
    let [lo, hi] = e.ci.expect("ci");
    assert!(
        // Printed to 3 decimals, and t times any SE difference.
        (lo - ci[0]).abs() < 5e-4 + 3.0 * se_tolerance && (hi - ci[1]).abs() < 5e-4,
        "ci [{lo}, {hi}] vs {ci:?}"
    );
    let pv = e.p_value.expect("p");
    assert!((pv / p - 1.0).abs() < p_tolerance, "p {pv} vs {p}");
}

#[test]
fn unweighted_raw_ratings_match_the_irrcac_readme() {
    let p = raw4raters().patterns();
    let w = identity(5);
    let s = Sampling::default();
    let g = Prepared::new(&p, &w).unwrap();
    check(
        g.percent_agreement(&s),
        0.8181818,
        0.12561,
        [0.542, 1.0],
        4.345373e-05,
    );
    check(g.gwet_ac1(&s), 0.77544, 0.14295, [0.461, 1.0], 0.000208721);
    check(
        g.fleiss_kappa(&s),
        0.76117,
        0.15302,
        [0.424, 1.0],
        0.000419173,
    );
    // The README's SE of alpha (irrCAC 1.0) is 0.06% above what the formula in the package's
    // current source gives (0.14548); value, interval and p-value agree as printed.
    check_within(
        g.krippendorff_alpha(&s),
        (0.74342, 0.14557, 1e-4),
        [0.419, 1.0],
        (0.0004594257, 1e-2),
    );
    check(
        g.brennan_prediger(&s),
        0.77273,
        0.14472,
        [0.454, 1.0],
        0.0002375609,
    );
    check(
        conger_kappa(&p, &w, &s),
        0.76282,
        0.14917,
        [0.435, 1.0],
        0.0003367066,
    );
    // Gwet's formulation of alpha is Krippendorff's alpha.
    let alpha = raw4raters().krippendorff_alpha_nominal().unwrap();
    assert!((alpha - g.krippendorff_alpha(&s).unwrap().value).abs() < 1e-12);
}

#[test]
fn quadratic_weights_on_raw_ratings_match_the_irrcac_weighting_vignette() {
    let p = raw4raters().patterns();
    let w = Weights::Quadratic.matrix(&[1.0, 2.0, 3.0, 4.0, 5.0]);
    let s = Sampling::default();
    let g = Prepared::new(&p, &w).unwrap();
    check(
        g.percent_agreement(&s),
        0.9753788,
        0.09062,
        [0.776, 1.0],
        3.526377e-07,
    );
    check(g.gwet_ac1(&s), 0.914, 0.10396, [0.685, 1.0], 2.634438e-06);
    check(
        g.fleiss_kappa(&s),
        0.86494,
        0.14603,
        [0.544, 1.0],
        9.976081e-05,
    );
    check_within(
        g.krippendorff_alpha(&s),
        (0.84911, 0.12913, 1e-4),
        [0.561, 1.0],
        (6.267448e-05, 1e-2),
    );
    check(
        g.brennan_prediger(&s),
        0.90152,
        0.11089,
        [0.657, 1.0],
        5.60548e-06,
    );
    check(
        conger_kappa(&p, &w, &s),
        0.85771,
        0.14367,
        [0.541, 1.0],
        9.319979e-05,
    );
}

/// irrCAC's cont3x3abstractors: two abstractors, 100 charts, three categories.
fn abstractors() -> Vec<Vec<f64>> {
    vec![
        vec![13.0, 0.0, 0.0],
        vec![0.0, 20.0, 7.0],
        vec![0.0, 4.0, 56.0],
    ]
}

#[test]
fn cohen_and_scott_from_a_table_match_the_irrcac_readme_and_vignette() {
    let s = Sampling::default();
    let t = abstractors();
    let e = two_coder(&t, &identity(3), false, &s).unwrap();
    assert!((e.value - 0.7964094).abs() < 1e-7);
    assert!((e.se.unwrap() - 0.05891072).abs() < 1e-8);
    let [lo, hi] = e.ci.unwrap();
    assert!((lo - 0.68).abs() < 5e-4 && (hi - 0.913).abs() < 5e-4);
    let e = two_coder(&t, &identity(3), true, &s).unwrap();
    assert!((e.value - 0.7962397).abs() < 1e-7);
    assert!((e.se.unwrap() - 0.05905473).abs() < 1e-8);
    // Quadratic weights (Cohen's 1968 weighted kappa).
    let wq = Weights::Quadratic.matrix(&[1.0, 2.0, 3.0]);
    let e = two_coder(&t, &wq, false, &s).unwrap();
    assert!((e.value - 0.8921569).abs() < 1e-7);
    assert!((e.se.unwrap() - 0.03535151).abs() < 1e-8);
    let [lo, hi] = e.ci.unwrap();
    assert!((lo - 0.822).abs() < 5e-4 && (hi - 0.962).abs() < 5e-4);
    let e = two_coder(&t, &wq, true, &s).unwrap();
    assert!((e.value - 0.8921093).abs() < 1e-7);
    assert!((e.se.unwrap() - 0.03539506).abs() < 1e-8);
}

#[test]
fn weights_are_irrcacs() {
    // linear.weights(1:3) and quadratic.weights(1:3) as printed in the vignette.
    assert_eq!(
        Weights::Linear.matrix(&[1.0, 2.0, 3.0]),
        vec![1.0, 0.5, 0.0, 0.5, 1.0, 0.5, 0.0, 0.5, 1.0]
    );
    assert_eq!(
        Weights::Quadratic.matrix(&[1.0, 2.0, 3.0]),
        vec![1.0, 0.75, 0.0, 0.75, 1.0, 0.75, 0.0, 0.75, 1.0]
    );
}

#[test]
fn linear_weighted_kappa_by_hand() {
    // 2×… table [[10, 5, 0], [2, 20, 3], [1, 4, 15]], linear weights 1, .5, 0 (Cohen 1968).
    let t = vec![
        vec![10.0, 5.0, 0.0],
        vec![2.0, 20.0, 3.0],
        vec![1.0, 4.0, 15.0],
    ];
    let w = Weights::Linear.matrix(&[1.0, 2.0, 3.0]);
    let n = 60.0;
    let row = [15.0 / n, 25.0 / n, 20.0 / n];
    let col = [13.0 / n, 29.0 / n, 18.0 / n];
    let (mut po, mut pe) = (0.0, 0.0);
    for k in 0..3 {
        for l in 0..3 {
            po += w[k * 3 + l] * t[k][l] / n;
            pe += w[k * 3 + l] * row[k] * col[l];
        }
    }
    let e = two_coder(&t, &w, false, &Sampling::default()).unwrap();
    assert!((e.value - (po - pe) / (1.0 - pe)).abs() < 1e-12);
}

/// Gwet's (2014) Fleiss-kappa and AC1 variances written unit by unit over a dense
/// units × categories matrix, independently of the pattern code.
fn by_hand(rows: &[Vec<Option<u32>>], q: usize) -> (f64, f64, f64, f64) {
    let n = rows.len() as f64;
    let agree: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut a = vec![0.0; q];
            for v in r.iter().flatten() {
                a[*v as usize] += 1.0;
            }
            a
        })
        .collect();
    let ri: Vec<f64> = agree.iter().map(|a| a.iter().sum()).collect();
    let n2 = ri.iter().filter(|&&r| r >= 2.0).count() as f64;
    let pai: Vec<f64> = agree
        .iter()
        .zip(&ri)
        .map(|(a, &r)| {
            if r >= 2.0 {
                a.iter().map(|x| x * (x - 1.0)).sum::<f64>() / (r * (r - 1.0))
            } else {
                0.0
            }
        })
        .collect();
    let pa = pai.iter().sum::<f64>() / n2;
    let pi: Vec<f64> = (0..q)
        .map(|k| agree.iter().zip(&ri).map(|(a, r)| a[k] / r).sum::<f64>() / n)
        .collect();
    let var = |pe: f64, pe_i: &dyn Fn(usize) -> f64| {
        let kappa = (pa - pe) / (1.0 - pe);
        let ss: f64 = (0..rows.len())
            .map(|i| {
                let r2 = if ri[i] >= 2.0 { pe } else { 0.0 };
                let x = (n / n2) * (pai[i] - r2) / (1.0 - pe)
                    - 2.0 * (1.0 - kappa) * (pe_i(i) - pe) / (1.0 - pe);
                (x - kappa).powi(2)
            })
            .sum();
        (kappa, (ss / (n * (n - 1.0))).sqrt())
    };
    let pe_f: f64 = pi.iter().map(|p| p * p).sum();
    let (kf, sf) = var(pe_f, &|i| {
        (0..q).map(|k| agree[i][k] * pi[k]).sum::<f64>() / ri[i]
    });
    let qf = q as f64;
    let pe_g = pi.iter().map(|p| p * (1.0 - p)).sum::<f64>() / (qf - 1.0);
    let (kg, sg) = var(pe_g, &|i| {
        (0..q).map(|k| agree[i][k] * (1.0 - pi[k])).sum::<f64>() / (ri[i] * (qf - 1.0))
    });
    (kf, sf, kg, sg)
}

#[test]
fn pattern_formulas_equal_a_unit_by_unit_computation() {
    let mut rng = SplitMix64::new(77);
    for (coders, q, units) in [(2, 2, 200), (3, 4, 150), (5, 3, 90)] {
        let mut data = IndexedRatings::new(coders, q);
        let mut rows = Vec::new();
        for _ in 0..units {
            let truth = (rng.next_u64() % q as u64) as u32;
            let row: Vec<Option<u32>> = (0..coders)
                .map(|_| match rng.next_f64() {
                    u if u < 0.15 => None,
                    u if u < 0.8 => Some(truth),
                    _ => Some((rng.next_u64() % q as u64) as u32),
                })
                .collect();
            if row.iter().any(Option::is_some) {
                data.push_unit(&row);
                rows.push(row);
            }
        }
        let (kf, sf, kg, sg) = by_hand(&rows, q);
        let w = identity(q);
        let p = data.patterns();
        let g = Prepared::new(&p, &w).unwrap();
        let s = Sampling::default();
        let f = g.fleiss_kappa(&s).unwrap();
        let a = g.gwet_ac1(&s).unwrap();
        assert!((f.value - kf).abs() < 1e-12 && (f.se.unwrap() - sf).abs() < 1e-12);
        assert!((a.value - kg).abs() < 1e-12 && (a.se.unwrap() - sg).abs() < 1e-12);
        assert!((f.value - data.fleiss_kappa().unwrap()).abs() < 1e-12);
        assert!((a.value - data.gwet_ac1().unwrap()).abs() < 1e-12);
    }
}

#[test]
fn complete_two_coder_percent_agreement_se_is_binomial() {
    // pa_i is 0 or 1 on every unit: Var = p(1 − p)/(n − 1).
    let mut r = IndexedRatings::new(2, 2);
    for i in 0..50u32 {
        r.push_unit(&[Some(i % 2), Some(u32::from(i % 5 == 0) ^ (i % 2))]);
    }
    let p = r.patterns();
    let w = identity(2);
    let e = Prepared::new(&p, &w)
        .unwrap()
        .percent_agreement(&Sampling::default())
        .unwrap();
    let pa = e.value;
    assert!((e.se.unwrap() - (pa * (1.0 - pa) / 49.0).sqrt()).abs() < 1e-12);
}

#[test]
fn finite_population_shrinks_the_se_and_a_census_has_none_left() {
    let p = raw4raters().patterns();
    let w = identity(5);
    let g = Prepared::new(&p, &w).unwrap();
    let inf = g.gwet_ac1(&Sampling::default()).unwrap().se.unwrap();
    let s = Sampling {
        population: Some(24),
        ..Sampling::default()
    };
    let half = g.gwet_ac1(&s).unwrap().se.unwrap();
    assert!((half - inf * 0.5f64.sqrt()).abs() < 1e-12);
    let census = Sampling {
        population: Some(12),
        ..Sampling::default()
    };
    assert_eq!(g.gwet_ac1(&census).unwrap().se, Some(0.0));
    assert_eq!(g.gwet_ac1(&census).unwrap().p_value, None);
}

#[test]
fn two_coder_conger_is_cohen_on_complete_data() {
    let mut rng = SplitMix64::new(4);
    let mut r = IndexedRatings::new(2, 3);
    for _ in 0..80 {
        let a = (rng.next_u64() % 3) as u32;
        let b = if rng.next_f64() < 0.7 {
            a
        } else {
            (rng.next_u64() % 3) as u32
        };
        r.push_unit(&[Some(a), Some(b)]);
    }
    let p = r.patterns();
    let w = identity(3);
    let conger = conger_kappa(&p, &w, &Sampling::default()).unwrap();
    let cohen = two_coder(&pair_table(&p).unwrap(), &w, false, &Sampling::default()).unwrap();
    assert!((conger.value - cohen.value).abs() < 1e-12);
    assert!((conger.value - r.cohen_kappa().unwrap()).abs() < 1e-12);
}
