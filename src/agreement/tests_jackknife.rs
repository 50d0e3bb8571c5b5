//! Hughes' (2022) jackknife interval for alpha: the R package krippendorffsalpha's published
//! example, a delete-one computation written out here straight from the definitions (literal
//! deletion of each unit, all pairs of values summed), and a seeded coverage simulation.

use super::bootstrap::SplitMix64;
use super::data::Level;
use super::indexed::IndexedRatings;
use super::patterns::AlphaInterval;
use super::presence::PresenceTally;
use super::student_t;
use super::tests_intervals::{simulated_alpha, simulated_sample};

/// Krippendorff's (2013) 12 units × 4 coders nominal example, as krippendorffsalpha's example
/// and test file give it (rows units, columns coders; values 1..5 as categories 0..4).
fn krippendorff_2013() -> Vec<Vec<Option<u32>>> {
    let coders: [[Option<u32>; 12]; 4] = [
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(1),
            Some(4),
            Some(1),
            Some(2),
            None,
            None,
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(2),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            None,
            Some(3),
        ],
        [
            None,
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
    ];
    (0..12)
        .map(|u| (0..4).map(|g| coders[g][u].map(|v| v - 1)).collect())
        .collect()
}

fn indexed(rows: &[Vec<Option<u32>>], q: usize) -> IndexedRatings {
    let mut r = IndexedRatings::new(rows[0].len(), q);
    for row in rows {
        r.push_unit(row);
    }
    r
}

/// η = ln(MSA/MSE) and n̄ of units × coders data, summing δ over the pairs of values directly.
fn eta_by_hand(rows: &[Vec<Option<f64>>], delta: &dyn Fn(f64, f64) -> f64) -> (f64, f64) {
    let a = rows.len() as f64;
    let m: Vec<f64> = rows
        .iter()
        .map(|r| r.iter().flatten().count() as f64)
        .collect();
    let n: f64 = m.iter().sum();
    let (mut within, mut pairable) = (0.0, 0.0);
    for (row, &mu) in rows.iter().zip(&m) {
        if mu > 1.0 {
            let v: Vec<f64> = row.iter().flatten().copied().collect();
            let mut s = 0.0;
            for i in 0..v.len() {
                for k in i + 1..v.len() {
                    s += delta(v[i], v[k]);
                }
            }
            within += s / (mu - 1.0);
            pairable += mu;
        }
    }
    let mse = within / pairable;
    let all: Vec<f64> = rows
        .iter()
        .flat_map(|r| r.iter().flatten().copied())
        .collect();
    let mut sst = 0.0;
    for i in 0..all.len() {
        for k in i + 1..all.len() {
            sst += delta(all[i], all[k]);
        }
    }
    sst /= n;
    let msa = (sst - (n - a) * mse) / (a - 1.0);
    let n_bar = (n - m.iter().map(|x| x * x).sum::<f64>() / n) / (a - 1.0);
    ((msa / mse).ln(), n_bar)
}

/// The whole procedure by hand: pseudo-values from literally deleting each unit.
fn jackknife_by_hand(
    rows: &[Vec<Option<f64>>],
    delta: &dyn Fn(f64, f64) -> f64,
    confidence: f64,
) -> (f64, f64, [f64; 2]) {
    let a = rows.len() as f64;
    let (eta, n_bar) = eta_by_hand(rows, delta);
    let pseudo: Vec<f64> = (0..rows.len())
        .map(|i| {
            let mut rest = rows.to_vec();
            rest.remove(i);
            a * eta - (a - 1.0) * eta_by_hand(&rest, delta).0
        })
        .collect();
    let mean = pseudo.iter().sum::<f64>() / a;
    let var = pseudo.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (a - 1.0);
    let se = (var / a).sqrt();
    let t = student_t::quantile(0.5 + confidence / 2.0, a - 1.0);
    let back = |e: f64| (e.exp() - 1.0) / (e.exp() - 1.0 + n_bar);
    (back(eta), se, [back(eta - t * se), back(eta + t * se)])
}

fn as_values(rows: &[Vec<Option<u32>>]) -> Vec<Vec<Option<f64>>> {
    rows.iter()
        .map(|r| r.iter().map(|v| v.map(f64::from)).collect())
        .collect()
}

#[test]
fn krippendorffsalpha_published_example() {
    // krippendorffsalpha 2.0, tests/testthat: method "analytical" on these data gives
    // alpha.hat 0.756, confint [0.228, 0.951] and at 99% [-0.008, 0.975] (rounded to 3 places).
    let rows = krippendorff_2013();
    let p = indexed(&rows, 5).patterns();
    let j = p.alpha_jackknife(Level::Nominal, &[], 0.95).unwrap();
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    assert_eq!(r3(j.estimate), 0.756, "{j:?}");
    assert_eq!([r3(j.ci[0]), r3(j.ci[1])], [0.228, 0.951], "{j:?}");
    let j99 = p.alpha_jackknife(Level::Nominal, &[], 0.99).unwrap();
    assert_eq!([r3(j99.ci[0]), r3(j99.ci[1])], [-0.008, 0.975], "{j99:?}");
    assert_eq!(j.units, 12);
    // Krippendorff's own alpha for the data stays what it was.
    let alpha = p.krippendorff_alpha(Level::Nominal, &[]).unwrap();
    assert_eq!(r3(alpha), 0.743);
}

#[test]
fn pattern_jackknife_equals_deleting_each_unit_by_hand() {
    let nominal = |x: f64, y: f64| f64::from(u8::from(x != y));
    let rows = krippendorff_2013();
    let p = indexed(&rows, 5).patterns();
    let j = p.alpha_jackknife(Level::Nominal, &[], 0.95).unwrap();
    let (est, se, ci) = jackknife_by_hand(&as_values(&rows), &nominal, 0.95);
    assert!((j.estimate - est).abs() < 1e-12);
    assert!((j.log_ratio_se - se).abs() < 1e-12);
    assert!((j.ci[0] - ci[0]).abs() < 1e-12 && (j.ci[1] - ci[1]).abs() < 1e-12);

    // Random data with missing ratings and repeated patterns, at the interval level with
    // uneven category values.
    let mut rng = SplitMix64::new(15);
    let values = [0.0, 1.0, 2.5, 4.0, 7.0];
    let rows: Vec<Vec<Option<u32>>> = (0..40)
        .map(|_| {
            let truth = (rng.next_u64() % 5) as u32;
            (0..3)
                .map(|_| match rng.next_u64() % 10 {
                    0 => None,
                    1..=6 => Some(truth),
                    _ => Some((rng.next_u64() % 5) as u32),
                })
                .collect()
        })
        .filter(|r: &Vec<Option<u32>>| r.iter().any(Option::is_some))
        .collect();
    let p = indexed(&rows, 5).patterns();
    assert!(p.len() < rows.len(), "some patterns repeat");
    let j = p.alpha_jackknife(Level::Interval, &values, 0.95).unwrap();
    let by_value: Vec<Vec<Option<f64>>> = rows
        .iter()
        .map(|r| r.iter().map(|v| v.map(|c| values[c as usize])).collect())
        .collect();
    let (est, se, ci) = jackknife_by_hand(&by_value, &|x, y| (x - y) * (x - y), 0.95);
    assert!((j.estimate - est).abs() < 1e-10, "{} vs {est}", j.estimate);
    assert!((j.log_ratio_se - se).abs() < 1e-10);
    assert!((j.ci[0] - ci[0]).abs() < 1e-10 && (j.ci[1] - ci[1]).abs() < 1e-10);
    assert!(j.ci[0] < j.estimate && j.estimate < j.ci[1] && j.ci[1] < 1.0);
}

#[test]
fn undefined_without_disagreement_or_units() {
    // Perfect agreement: MSE = 0, η undefined — null, not 1.
    let rows: Vec<Vec<Option<u32>>> = (0..10).map(|u| vec![Some(u % 3); 2]).collect();
    let p = indexed(&rows, 3).patterns();
    assert_eq!(p.alpha_jackknife(Level::Nominal, &[], 0.95), None);
    // One disagreement only: leaving that unit out leaves none.
    let mut rows = rows;
    rows[0] = vec![Some(0), Some(1)];
    let p = indexed(&rows, 3).patterns();
    assert_eq!(p.alpha_jackknife(Level::Nominal, &[], 0.95), None);
    // Two units are too few.
    let p = indexed(&[vec![Some(0), Some(1)], vec![Some(1), Some(1)]], 2).patterns();
    assert_eq!(p.alpha_jackknife(Level::Nominal, &[], 0.95), None);
    let never = PresenceTally::from_counts(vec![9, 0, 0]);
    assert_eq!(
        never.krippendorff_alpha_ci(AlphaInterval::Jackknife, 100, 1),
        None
    );
}

/// The model of `tests_intervals`' bootstrap simulation, in small samples (40 units), where
/// Hughes shows the jackknife keeps its coverage.
#[test]
fn seeded_simulation_jackknife_covers_near_95_percent() {
    let alpha = simulated_alpha();
    let mut rng = SplitMix64::new(2210);
    let (trials, units) = (400, 40);
    let (mut covered, mut defined) = (0, 0);
    for _ in 0..trials {
        let t = simulated_sample(&mut rng, units);
        if let Some((lo, hi)) = t.krippendorff_alpha_ci(AlphaInterval::Jackknife, 1, 0) {
            defined += 1;
            if lo <= alpha && alpha <= hi {
                covered += 1;
            }
        }
    }
    assert!(defined >= trials * 9 / 10, "defined {defined}");
    let coverage = covered as f64 / defined as f64;
    assert!((0.88..=0.99).contains(&coverage), "coverage {coverage}");
}
