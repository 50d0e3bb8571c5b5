//! The large-data forms ([`PresenceTally`], [`IndexedRatings`], [`MasiAlpha`]): published
//! values, degenerate input, and property tests that they give the same coefficients as the
//! general functions on [`Ratings`].

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

/// Krippendorff (2011) section C, categories 1..5 as indices 0..4.
fn krippendorff_2011_c() -> IndexedRatings {
    let coders = [
        "1 2 3 3 2 1 4 1 2 . . .",
        "1 2 3 3 2 2 4 1 2 5 . 3",
        ". 3 3 3 2 3 4 2 2 5 1 .",
        "1 2 3 3 2 4 4 1 2 5 1 .",
    ];
    let cols: Vec<Vec<Option<u32>>> = coders
        .iter()
        .map(|s| {
            s.split(' ')
                .map(|t| t.parse::<u32>().ok().map(|v| v - 1))
                .collect()
        })
        .collect();
    let mut r = IndexedRatings::new(4, 5);
    for u in 0..12 {
        let row: Vec<Option<u32>> = cols.iter().map(|c| c[u]).collect();
        assert!(r.push_unit(&row));
    }
    r
}

fn round3(x: Option<f64>) -> String {
    format!("{:.3}", x.unwrap())
}

#[test]
fn reproduces_krippendorff_2011_and_irrcac() {
    let r = krippendorff_2011_c();
    let values = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(r.pairable_units(), 11);
    assert_eq!(round3(r.krippendorff_alpha_nominal()), "0.743");
    assert_eq!(
        round3(r.krippendorff_alpha(Level::Ordinal, &values)),
        "0.815"
    );
    assert_eq!(
        round3(r.krippendorff_alpha(Level::Interval, &values)),
        "0.849"
    );
    assert_eq!(round3(r.krippendorff_alpha(Level::Ratio, &values)), "0.797");
    assert_eq!(format!("{:.5}", r.gwet_ac1().unwrap()), "0.77544");
    assert_eq!(format!("{:.5}", r.fleiss_kappa().unwrap()), "0.76117");
    assert_eq!(format!("{:.5}", r.brennan_prediger().unwrap()), "0.77273");
    assert_eq!(
        format!("{:.7}", r.percent_agreement().unwrap()),
        "0.8181818"
    );
    assert_eq!(r.cohen_kappa(), None);
    let ci = r
        .krippendorff_alpha_bootstrap_ci(Level::Interval, &values, 1000, 1)
        .unwrap();
    assert!(ci.0 < 0.849 && 0.849 < ci.1 + 1e-9, "{ci:?}");
}

#[test]
fn rejects_bad_rows_and_values() {
    let mut r = IndexedRatings::new(2, 2);
    assert!(!r.push_unit(&[Some(0)]));
    assert!(!r.push_unit(&[Some(0), Some(2)]));
    assert!(r.push_unit(&[Some(0), Some(1)]));
    assert!(r.push_unit(&[Some(1), Some(1)]));
    assert_eq!(r.n_units(), 2);
    assert_eq!(r.krippendorff_alpha(Level::Interval, &[1.0]), None);
    assert_eq!(r.krippendorff_alpha(Level::Interval, &[2.0, 1.0]), None);
    assert_eq!(r.krippendorff_alpha(Level::Ratio, &[-1.0, 1.0]), None);
    assert!(
        r.krippendorff_alpha(Level::Interval, &[-1.0, 1.0])
            .is_some()
    );
    let constant = {
        let mut c = IndexedRatings::new(2, 3);
        c.push_unit(&[Some(2), Some(2)]);
        c.push_unit(&[Some(2), Some(2)]);
        c
    };
    assert_eq!(constant.krippendorff_alpha_nominal(), None);
    assert_eq!(constant.cohen_kappa(), None);
    assert_eq!(constant.percent_agreement(), Some(1.0));
    assert_eq!(IndexedRatings::new(2, 2).percent_agreement(), None);
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs())),
        _ => false,
    }
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

fn indexed(r: &Ratings<u32>, q: usize) -> IndexedRatings {
    let mut out = IndexedRatings::new(r.n_coders(), q);
    for row in r.units() {
        assert!(out.push_unit(row));
    }
    out
}

fn numeric(r: &Ratings<u32>, values: &[f64]) -> Ratings<f64> {
    let rows = r
        .units()
        .iter()
        .map(|row| row.iter().map(|v| v.map(|v| values[v as usize])).collect());
    Ratings::with_coders(r.n_coders(), rows.collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every coefficient of `IndexedRatings` equals the general function, at every level,
    /// for arbitrary increasing category values.
    #[test]
    fn indexed_matches_general(r in data(25, 2..=4, 5), steps in prop::collection::vec(0.1f64..10.0, 5), start in 0.0f64..3.0) {
        let cats: Vec<u32> = (0..5).collect();
        let ix = indexed(&r, 5);
        prop_assert!(close(ix.percent_agreement(), percent_agreement(&r)));
        prop_assert!(close(ix.cohen_kappa(), cohen_kappa(&r)));
        prop_assert!(close(ix.scott_pi(), scott_pi(&r)));
        prop_assert!(close(ix.pabak(), pabak(&r)));
        prop_assert!(close(ix.fleiss_kappa(), fleiss_kappa(&r, &cats)));
        prop_assert!(close(ix.gwet_ac1(), gwet_ac1(&r, &cats)));
        prop_assert!(close(ix.brennan_prediger(), brennan_prediger(&r, &cats)));
        prop_assert!(close(ix.krippendorff_alpha_nominal(), krippendorff_alpha_nominal(&r)));
        let values: Vec<f64> = steps.iter().scan(start, |acc, s| { *acc += s; Some(*acc) }).collect();
        let f = numeric(&r, &values);
        for level in [Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio] {
            prop_assert!(close(ix.krippendorff_alpha(level, &values), krippendorff_alpha(&f, level)), "{:?}", level);
            let ci = ix.krippendorff_alpha_bootstrap_ci(level, &values, 100, 5);
            prop_assert_eq!(ci.is_some(), krippendorff_alpha(&f, level).is_some());
        }
    }

    /// A presence tally over complete binary data equals the general functions with
    /// categories {0, 1}.
    #[test]
    fn presence_tally_matches_general(m in 2usize..=5, rows in prop::collection::vec(prop::collection::vec(any::<bool>(), 5), 0..30)) {
        let rows: Vec<Vec<Option<u8>>> = rows.iter().map(|r| r[..m].iter().map(|&b| Some(u8::from(b))).collect()).collect();
        let mut t = PresenceTally::new(m);
        for row in &rows {
            t.add(row.iter().flatten().filter(|&&v| v == 1).count());
        }
        let r = Ratings::with_coders(m, rows);
        let cats = [0u8, 1];
        prop_assert!(close(t.percent_agreement(), percent_agreement(&r)));
        prop_assert!(close(t.fleiss_kappa(), fleiss_kappa(&r, &cats)));
        prop_assert!(close(t.gwet_ac1(), gwet_ac1(&r, &cats)));
        prop_assert!(close(t.brennan_prediger(), brennan_prediger(&r, &cats)));
        prop_assert!(close(t.krippendorff_alpha(), krippendorff_alpha_nominal(&r)));
        let ci = t.krippendorff_alpha_bootstrap_ci(100, 1);
        prop_assert_eq!(ci.is_some(), t.krippendorff_alpha().is_some());
        if let Some((lo, hi)) = ci {
            prop_assert!(-1.0 <= lo && lo <= hi && hi <= 1.0);
        }
    }

    /// MASI alpha accumulated over bitsets equals the general set-valued alpha; each code
    /// 0..16 stands for the subset of {0, 1, 2, 3} given by its bits.
    #[test]
    fn masi_accumulator_matches_general(r in data(20, 2..=4, 16)) {
        let sets: Ratings<BTreeSet<u32>> = {
            let rows = r.units().iter().map(|row| row.iter().map(|v| v.map(|v| (0..4).filter(|k| (v >> k) & 1 == 1).collect())).collect());
            Ratings::with_coders(r.n_coders(), rows.collect())
        };
        let mut acc = MasiAlpha::new(4);
        for row in r.units() {
            let words: Vec<u64> = row.iter().flatten().map(|&v| u64::from(v)).collect();
            acc.add_unit(&words, 1);
        }
        prop_assert!(close(acc.alpha(), krippendorff_alpha_masi(&sets)));
        let ci = acc.bootstrap_ci(100, 2);
        prop_assert_eq!(ci.is_some(), acc.alpha().is_some());
    }
}
