//! Tests reproducing published worked examples (Krippendorff 2011, Fleiss 1971,
//! Cohen 1960, Hayes & Krippendorff 2007, irrCAC's documented outputs) plus
//! hand-computed Gwet AC1 examples.

use super::*;

/// Expands a contingency table `table[a][b]` (coder A category a, coder B
/// category b) into two-coder reliability data.
fn from_table(table: &[&[u32]]) -> Ratings<u32> {
    let mut rows = Vec::new();
    for (a, row) in table.iter().enumerate() {
        for (b, &count) in row.iter().enumerate() {
            for _ in 0..count {
                rows.push(vec![Some(a as u32), Some(b as u32)]);
            }
        }
    }
    Ratings::from_units(rows)
}

fn round(x: Option<f64>, places: usize) -> String {
    format!("{:.*}", places, x.expect("coefficient should be defined"))
}

/// Krippendorff (2011), section C: 4 observers × 12 units, '.' = missing.
/// A: 1 2 3 3 2 1 4 1 2 . . .
/// B: 1 2 3 3 2 2 4 1 2 5 . 3
/// C: . 3 3 3 2 3 4 2 2 5 1 .
/// D: 1 2 3 3 2 4 4 1 2 5 1 .
/// (Identical to irrCAC's `cac.raw4raters` data set.)
fn krippendorff_2011_c() -> Ratings<f64> {
    let parse = |s: &str| -> Vec<Option<f64>> { s.split(' ').map(|t| t.parse().ok()).collect() };
    Ratings::from_coders(vec![
        parse("1 2 3 3 2 1 4 1 2 . . ."),
        parse("1 2 3 3 2 2 4 1 2 5 . 3"),
        parse(". 3 3 3 2 3 4 2 2 5 1 ."),
        parse("1 2 3 3 2 4 4 1 2 5 1 ."),
    ])
}

fn as_codes(r: &Ratings<f64>) -> Ratings<u32> {
    Ratings::from_units(
        r.units()
            .iter()
            .map(|row| row.iter().map(|v| v.map(|x| x as u32)).collect())
            .collect(),
    )
}

#[test]
fn krippendorff_2011_four_observers_all_levels() {
    let r = krippendorff_2011_c();
    assert_eq!(r.n_units(), 12);
    assert_eq!(round(krippendorff_alpha(&r, Level::Nominal), 3), "0.743");
    assert_eq!(round(krippendorff_alpha(&r, Level::Ordinal), 3), "0.815");
    assert_eq!(round(krippendorff_alpha(&r, Level::Interval), 3), "0.849");
    assert_eq!(round(krippendorff_alpha(&r, Level::Ratio), 3), "0.797");
    assert_eq!(round(krippendorff_alpha_nominal(&as_codes(&r)), 3), "0.743");
}

/// irrCAC README output for `cac.raw4raters` (the same data, categories 1..5):
/// percent agreement 0.8181818, AC1 0.77544, Fleiss 0.76117, Brennan–Prediger
/// 0.77273, Krippendorff 0.74342.
#[test]
fn irrcac_cac_raw4raters() {
    let r = as_codes(&krippendorff_2011_c());
    let cats = [1, 2, 3, 4, 5];
    assert_eq!(round(percent_agreement(&r), 7), "0.8181818");
    assert_eq!(round(gwet_ac1(&r, &cats), 5), "0.77544");
    assert_eq!(round(fleiss_kappa(&r, &cats), 5), "0.76117");
    assert_eq!(round(brennan_prediger(&r, &cats), 5), "0.77273");
    assert_eq!(round(krippendorff_alpha_nominal(&r), 5), "0.74342");
}

/// Krippendorff (2011), section A: binary data, two observers, no missing data.
/// Mary: 0 1 0 0 0 0 0 0 1 0; Dave: 1 1 1 0 0 1 0 0 0 0 → α = 0.095
/// (o_00 = 10, o_01 = o_10 = 4, o_11 = 2, n_0 = 14, n_1 = 6: 1 − 19·4/84).
#[test]
fn krippendorff_2011_binary_two_observers() {
    let mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    let dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    let r = Ratings::from_coders(vec![
        mary.iter().map(|&x| Some(f64::from(x))).collect(),
        dave.iter().map(|&x| Some(f64::from(x))).collect(),
    ]);
    assert_eq!(round(krippendorff_alpha(&r, Level::Nominal), 3), "0.095");
    let t = Binary2x2::from_pairs(mary.iter().zip(&dave).map(|(&m, &d)| (m == 1, d == 1)));
    assert_eq!(t, Binary2x2::new(1, 1, 3, 5));
    assert_eq!(round(t.krippendorff_alpha(), 3), "0.095");
}

/// Krippendorff (2011), section B: nominal data, two observers, no missing data.
/// Ben:   a a b b d c c c e d d a
/// Gerry: b a b b b c c c e d d d  → α = 0.692
/// (n = 24, 3 disagreeing units, Σ n_c² = 128: 1 − 23·6/(576 − 128)).
#[test]
fn krippendorff_2011_nominal_two_observers() {
    let ben = "aabbdcccedda";
    let gerry = "babbbccceddd";
    let r = Ratings::from_coders(vec![
        ben.chars().map(Some).collect(),
        gerry.chars().map(Some).collect(),
    ]);
    assert_eq!(round(krippendorff_alpha_nominal(&r), 3), "0.692");
}

/// Hayes & Krippendorff (2007, p. 84) example, 5 observers × 40 units, ordinal
/// α = 0.7598 (data as encoded in DKPro Statistics' `HayesKrippendorff2007Test`).
#[test]
fn hayes_krippendorff_2007_ordinal() {
    #[rustfmt::skip]
    let rows: [[i8; 5]; 40] = [
        [1, 1, 2, -1, 2], [1, 1, 0, 1, -1], [2, 3, 3, 3, -1], [-1, 0, 0, -1, 0],
        [0, 0, 0, -1, 0], [0, 0, 0, -1, 0], [1, 0, 2, -1, 1], [1, -1, 2, 0, -1],
        [2, 2, 2, -1, 2], [2, 1, 1, 1, -1], [-1, 1, 0, 0, -1], [0, 0, 0, 0, -1],
        [1, 2, 2, 2, -1], [3, 3, 2, 2, 3], [1, 1, 1, -1, 1], [1, 1, 1, -1, 1],
        [2, 1, 2, -1, 2], [1, 2, 3, 3, -1], [1, 1, 0, 1, -1], [0, 0, 0, -1, 0],
        [0, 0, 1, 1, -1], [0, 0, -1, 0, 0], [2, 3, 3, 3, -1], [0, 0, 0, 0, -1],
        [1, 2, -1, 2, 2], [0, 1, 1, 1, -1], [0, 0, 0, 1, 0], [1, 2, 1, 2, -1],
        [1, 1, 2, 2, -1], [1, 1, 2, -1, 2], [1, 1, 0, -1, 0], [2, 1, 2, 1, -1],
        [2, 2, -1, 2, 2], [3, 2, 2, 2, -1], [2, 2, 2, -1, 2], [2, 2, 3, -1, 2],
        [2, 2, 2, -1, 2], [2, 2, -1, 1, 2], [2, 2, 2, 2, -1], [1, 1, 1, -1, 1],
    ];
    let r = Ratings::from_units(
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|&v| (v >= 0).then_some(f64::from(v)))
                    .collect()
            })
            .collect(),
    );
    assert_eq!(round(krippendorff_alpha(&r, Level::Ordinal), 4), "0.7598");
}

/// Fleiss (1971, p. 379): 30 subjects, 6 raters, 5 diagnostic categories;
/// κ = 0.430 with p̄ = 0.5556 and p̄_e = 0.2201 (subject rows as encoded in DKPro
/// Statistics' `Fleiss1971Test`; each row lists the six raters' categories).
fn fleiss_1971() -> Ratings<u32> {
    #[rustfmt::skip]
    let rows: [[u32; 6]; 30] = [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
        [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
        [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
        [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];
    Ratings::from_units(
        rows.iter()
            .map(|row| row.iter().copied().map(Some).collect())
            .collect(),
    )
}

#[test]
fn fleiss_1971_six_raters() {
    let r = fleiss_1971();
    let cats = [1, 2, 3, 4, 5];
    assert_eq!(round(fleiss_kappa(&r, &cats), 3), "0.430");
    assert_eq!(round(percent_agreement(&r), 4), "0.5556");
}

/// irrCAC README, `distrib.6raters` = the first 15 subjects of Fleiss (1971):
/// pa 0.5511111, AC1 0.4448007, Fleiss 0.4139265, Brennan–Prediger 0.4388889.
#[test]
fn irrcac_distrib_6raters() {
    let first15 = Ratings::from_units(fleiss_1971().into_units().into_iter().take(15).collect());
    let cats = [1, 2, 3, 4, 5];
    assert_eq!(round(percent_agreement(&first15), 7), "0.5511111");
    assert_eq!(round(gwet_ac1(&first15, &cats), 7), "0.4448007");
    assert_eq!(round(fleiss_kappa(&first15, &cats), 7), "0.4139265");
    assert_eq!(round(brennan_prediger(&first15, &cats), 7), "0.4388889");
}

/// Cohen (1960, p. 45): 200 cases, 3 categories, counts
/// [[88, 14, 18], [10, 40, 10], [2, 6, 12]]: p_o = .70, p_c = .60·.50 + .30·.30 +
/// .10·.20 = .41, κ = .29/.59 = .492.
#[test]
fn cohen_1960_example() {
    let r = from_table(&[&[88, 14, 18], &[10, 40, 10], &[2, 6, 12]]);
    assert_eq!(round(percent_agreement(&r), 2), "0.70");
    assert_eq!(round(cohen_kappa(&r), 3), "0.492");
}

/// Cohen (1960, p. 37) table [[25, 12, 3], [13, 2, 15], [12, 16, 2]] (N = 100):
/// p_o = .29, p_c = .40·.50 + .30·.30 + .30·.20 = .35 → κ = −.06/.65 = −0.0923.
/// AC1 (q = 3): π = (.45, .30, .25), p_e = (.2475 + .21 + .1875)/2 = .3225,
/// AC1 = −.0325/.6775 = −0.0480.
#[test]
fn cohen_1960_negative_example() {
    let r = from_table(&[&[25, 12, 3], &[13, 2, 15], &[12, 16, 2]]);
    assert_eq!(round(cohen_kappa(&r), 4), "-0.0923");
    assert_eq!(round(gwet_ac1(&r, &[0, 1, 2]), 4), "-0.0480");
}

/// irrCAC README, `cont3x3abstractors` [[13, 0, 0], [0, 20, 7], [0, 4, 56]]:
/// Cohen 0.7964094, Scott 0.7962397, AC1 0.8493305, BP 0.835, alpha 0.7972585,
/// percent agreement 0.89.
#[test]
fn irrcac_cont3x3abstractors() {
    let r = from_table(&[&[13, 0, 0], &[0, 20, 7], &[0, 4, 56]]);
    let cats = [0, 1, 2];
    assert_eq!(round(cohen_kappa(&r), 7), "0.7964094");
    assert_eq!(round(scott_pi(&r), 7), "0.7962397");
    assert_eq!(round(gwet_ac1(&r, &cats), 7), "0.8493305");
    assert_eq!(round(brennan_prediger(&r, &cats), 3), "0.835");
    assert_eq!(round(krippendorff_alpha_nominal(&r), 7), "0.7972585");
    assert_eq!(round(percent_agreement(&r), 2), "0.89");
}

/// Hand-computed AC1 example (the one in DKPro's `Gwet2008Test`): 8 yes/yes,
/// 1 no/no, 1 yes/no. p_o = .9; π_yes = (.9 + .8)/2 = .85;
/// AC1 p_e = 2·.85·.15 = .255 → AC1 = .645/.745 = 0.8658;
/// Scott p_e = .85² + .15² = .745 → π = .155/.255 = 0.6078.
#[test]
fn gwet_ac1_hand_example() {
    let r = from_table(&[&[8, 1], &[0, 1]]);
    assert_eq!(round(gwet_ac1(&r, &[0, 1]), 4), "0.8658");
    assert_eq!(round(scott_pi(&r), 4), "0.6078");
    let t = Binary2x2::new(8, 1, 0, 1);
    assert_eq!(round(t.gwet_ac1(), 4), "0.8658");
}

/// Kappa paradox (hand computation, not a published table): 118 both-present,
/// 5 A-only, 2 B-only, 0 neither (N = 125). p_o = 118/125 = .944; p_A = .984,
/// p_B = .96; Cohen p_e = .984·.96 + .016·.04 = .94528 → κ = −.00128/.05472 =
/// −0.0234, although the coders agree on 94.4% of units. AC1: π = .972,
/// p_e = 2·.972·.028 = .054432 → AC1 = .889568/.945568 = 0.9408.
#[test]
fn kappa_paradox_ac1_differs_sharply() {
    let t = Binary2x2::new(118, 5, 2, 0);
    assert_eq!(round(t.cohen_kappa(), 4), "-0.0234");
    assert_eq!(round(t.gwet_ac1(), 4), "0.9408");
    assert_eq!(round(t.pabak(), 3), "0.888");
    let r = from_table(&[&[118, 5], &[2, 0]]);
    assert_eq!(round(cohen_kappa(&r), 4), "-0.0234");
    assert_eq!(round(gwet_ac1(&r, &[0, 1]), 4), "0.9408");
}
