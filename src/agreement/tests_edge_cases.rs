//! Degenerate-input tests: perfect agreement, a single category, a single unit,
//! no units and all-missing data, for every public measure.

use super::*;

fn two(pairs: &[(u32, u32)]) -> Ratings<u32> {
    Ratings::from_units(pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect())
}

fn numeric(r: &Ratings<u32>) -> Ratings<f64> {
    Ratings::from_units(
        r.units()
            .iter()
            .map(|row| row.iter().map(|v| v.map(f64::from)).collect())
            .collect(),
    )
}

const LEVELS: [Level; 4] = [
    Level::Nominal,
    Level::Ordinal,
    Level::Interval,
    Level::Ratio,
];

#[test]
fn perfect_agreement_with_variation_is_one() {
    let r = two(&[(1, 1), (2, 2), (3, 3), (1, 1)]);
    let cats = [1, 2, 3];
    assert_eq!(percent_agreement(&r), Some(1.0));
    assert_eq!(cohen_kappa(&r), Some(1.0));
    assert_eq!(scott_pi(&r), Some(1.0));
    assert_eq!(fleiss_kappa(&r, &cats), Some(1.0));
    assert_eq!(gwet_ac1(&r, &cats), Some(1.0));
    assert_eq!(brennan_prediger(&r, &cats), Some(1.0));
    assert_eq!(krippendorff_alpha_nominal(&r), Some(1.0));
    for level in LEVELS {
        assert_eq!(
            krippendorff_alpha(&numeric(&r), level),
            Some(1.0),
            "{level:?}"
        );
    }
    let binary = two(&[(0, 0), (1, 1)]);
    assert_eq!(pabak(&binary), Some(1.0));
    assert_eq!(Binary2x2::new(3, 0, 0, 2).cohen_kappa(), Some(1.0));
    assert_eq!(Binary2x2::new(3, 0, 0, 2).krippendorff_alpha(), Some(1.0));
    assert_eq!(unitized_alpha(10, &[vec![(2, 5)], vec![(2, 5)]]), Some(1.0));
}

#[test]
fn one_category_used_by_everyone() {
    let r = two(&[(7, 7), (7, 7), (7, 7)]);
    assert_eq!(percent_agreement(&r), Some(1.0));
    assert_eq!(cohen_kappa(&r), None);
    assert_eq!(scott_pi(&r), None);
    assert_eq!(fleiss_kappa(&r, &[7, 8]), None);
    assert_eq!(krippendorff_alpha_nominal(&r), None);
    for level in LEVELS {
        assert_eq!(krippendorff_alpha(&numeric(&r), level), None, "{level:?}");
    }
    assert_eq!(
        krippendorff_alpha_bootstrap_ci(&numeric(&r), Level::Nominal, 100, 1),
        None
    );
    // With a one-category codebook AC1 and BP are undefined (q − 1 = 0) ...
    assert_eq!(gwet_ac1(&r, &[7]), None);
    assert_eq!(brennan_prediger(&r, &[7]), None);
    // ... while with a larger codebook their chance agreement is < 1 and their
    // formulas give p_a = 1 (AC1: p_e = 0; BP: p_e = 1/q) — defined, not made up.
    assert_eq!(gwet_ac1(&r, &[7, 8]), Some(1.0));
    assert_eq!(brennan_prediger(&r, &[7, 8]), Some(1.0));
    assert_eq!(pabak(&r), Some(1.0));
    let t = Binary2x2::new(0, 0, 0, 3);
    assert_eq!(t.cohen_kappa(), None);
    assert_eq!(t.krippendorff_alpha(), None);
    assert_eq!(pooled_kappa(&[t]), None);
    assert_eq!(mean_kappa(&[t]), None);
}

#[test]
fn single_unit() {
    let agree = two(&[(1, 1)]);
    assert_eq!(percent_agreement(&agree), Some(1.0));
    assert_eq!(cohen_kappa(&agree), None);
    assert_eq!(krippendorff_alpha_nominal(&agree), None);
    // Disagreement on one unit: Cohen p_e = 0 → κ = 0; Scott p_e = 1/2 → π = −1;
    // alpha: n = 2, D_o = 1, D_e = 2/2 = 1 → 0.
    let disagree = two(&[(1, 2)]);
    assert_eq!(percent_agreement(&disagree), Some(0.0));
    assert_eq!(cohen_kappa(&disagree), Some(0.0));
    assert_eq!(scott_pi(&disagree), Some(-1.0));
    assert_eq!(krippendorff_alpha_nominal(&disagree), Some(0.0));
    assert_eq!(
        krippendorff_alpha(&numeric(&disagree), Level::Interval),
        Some(0.0)
    );
    assert_eq!(fleiss_kappa(&disagree, &[1, 2]), Some(-1.0));
}

#[test]
fn no_units() {
    let r = Ratings::<u32>::from_units(vec![]);
    let f = Ratings::<f64>::from_units(vec![]);
    assert_eq!(r.n_coders(), 0);
    assert_eq!(percent_agreement(&r), None);
    assert_eq!(cohen_kappa(&r), None);
    assert_eq!(scott_pi(&r), None);
    assert_eq!(pabak(&r), None);
    assert_eq!(fleiss_kappa(&r, &[1, 2]), None);
    assert_eq!(gwet_ac1(&r, &[1, 2]), None);
    assert_eq!(brennan_prediger(&r, &[1, 2]), None);
    assert_eq!(krippendorff_alpha_nominal(&r), None);
    for level in LEVELS {
        assert_eq!(krippendorff_alpha(&f, level), None);
        assert_eq!(krippendorff_alpha_bootstrap_ci(&f, level, 10, 0), None);
    }
    assert_eq!(pooled_kappa(&[]), None);
    assert_eq!(mean_kappa(&[]), None);
    let none: [Vec<(u64, u64)>; 0] = [];
    assert_eq!(unitized_alpha(10, &none), None);
}

#[test]
fn all_missing() {
    let r = Ratings::<u32>::from_units(vec![vec![None, None, None]; 4]);
    let f = numeric(&r);
    assert_eq!(r.n_coders(), 3);
    assert_eq!(percent_agreement(&r), None);
    assert_eq!(fleiss_kappa(&r, &[1, 2]), None);
    assert_eq!(gwet_ac1(&r, &[1, 2]), None);
    assert_eq!(brennan_prediger(&r, &[1, 2]), None);
    assert_eq!(krippendorff_alpha_nominal(&r), None);
    for level in LEVELS {
        assert_eq!(krippendorff_alpha(&f, level), None);
    }
    let pair = Ratings::<u32>::from_units(vec![vec![None, None]; 4]);
    assert_eq!(cohen_kappa(&pair), None);
    assert_eq!(scott_pi(&pair), None);
    assert_eq!(pabak(&pair), None);
}

#[test]
fn only_singly_rated_units() {
    // No unit is pairable: every measure that needs pairs is undefined.
    let r = Ratings::from_units(vec![vec![Some(1), None], vec![None, Some(2)]]);
    assert_eq!(percent_agreement(&r), None);
    assert_eq!(fleiss_kappa(&r, &[1, 2]), None);
    assert_eq!(gwet_ac1(&r, &[1, 2]), None);
    assert_eq!(krippendorff_alpha_nominal(&r), None);
    assert_eq!(cohen_kappa(&r), None);
}
