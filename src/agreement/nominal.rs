//! Nominal agreement coefficients on reliability data: percent agreement, Cohen's
//! kappa, Scott's pi, PABAK (two coders) and Fleiss' kappa, Gwet's AC1 and
//! Brennan–Prediger (any number of coders, missing data as in irrCAC).

use super::data::{Interner, Ratings, chance_corrected};

/// Pairwise percent agreement (Gwet 2014, Handbook of Inter-Rater Reliability;
/// irrCAC `pa.coeff.raw`, unweighted).
///
/// Only units with at least two ratings count. Each such unit contributes the share
/// of its rating pairs that agree, `Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))`, and the
/// result is the mean over those units. For two coders this is the share of units
/// (rated by both) on which they agree. `None` if no unit has two ratings.
pub fn percent_agreement<V: PartialEq>(data: &Ratings<V>) -> Option<f64> {
    let mut sum = 0.0;
    let mut units = 0usize;
    for row in data.units() {
        let values: Vec<&V> = row.iter().flatten().collect();
        let r = values.len();
        if r < 2 {
            continue;
        }
        let mut agreeing = 0usize;
        for (i, a) in values.iter().enumerate() {
            agreeing += values[i + 1..].iter().filter(|b| *a == **b).count();
        }
        sum += agreeing as f64 / (r * (r - 1) / 2) as f64;
        units += 1;
    }
    (units > 0).then(|| sum / units as f64)
}

/// Listwise two-coder table: counts of agreement and per-coder marginals.
struct PairTable {
    n: f64,
    agreeing: f64,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl PairTable {
    /// Units rated by both coders; `None` if the data has more than two coder
    /// columns or no unit was rated by both.
    fn build<V: PartialEq>(data: &Ratings<V>) -> Option<Self> {
        if data.n_coders() > 2 {
            return None;
        }
        let mut interner = Interner::open();
        let mut pairs = Vec::new();
        for row in data.units() {
            if let (Some(Some(x)), Some(Some(y))) = (row.first(), row.get(1)) {
                let i = interner.index(x)?;
                let j = interner.index(y)?;
                pairs.push((i, j));
            }
        }
        if pairs.is_empty() {
            return None;
        }
        let q = interner.len();
        let mut t = Self {
            n: pairs.len() as f64,
            agreeing: 0.0,
            a: vec![0.0; q],
            b: vec![0.0; q],
        };
        for (i, j) in pairs {
            t.a[i] += 1.0;
            t.b[j] += 1.0;
            if i == j {
                t.agreeing += 1.0;
            }
        }
        Some(t)
    }

    fn observed(&self) -> f64 {
        self.agreeing / self.n
    }
}

/// Cohen's (1960) kappa for two coders, listwise (units rated by both).
///
/// κ = (p_o − p_e)/(1 − p_e) with p_e = Σ_k p_{A,k} p_{B,k} (each coder's own
/// marginal proportions). `None` if the data has more than two coder columns, no
/// unit was rated by both, or p_e = 1 (e.g. both used a single category).
pub fn cohen_kappa<V: PartialEq>(data: &Ratings<V>) -> Option<f64> {
    let t = PairTable::build(data)?;
    let pe: f64 = t.a.iter().zip(&t.b).map(|(a, b)| a * b).sum::<f64>() / (t.n * t.n);
    chance_corrected(t.observed(), pe)
}

/// Scott's (1955) pi for two coders, listwise (units rated by both).
///
/// π = (p_o − p_e)/(1 − p_e) with p_e = Σ_k ((n_{A,k} + n_{B,k}) / 2N)² (pooled
/// marginals). `None` under the same conditions as [`cohen_kappa`].
pub fn scott_pi<V: PartialEq>(data: &Ratings<V>) -> Option<f64> {
    let t = PairTable::build(data)?;
    let pe: f64 =
        t.a.iter()
            .zip(&t.b)
            .map(|(a, b)| ((a + b) / (2.0 * t.n)).powi(2))
            .sum();
    chance_corrected(t.observed(), pe)
}

/// Prevalence- and bias-adjusted kappa for binary data, PABAK = 2·p_o − 1
/// (Byrt, Bishop & Carlin 1993), two coders, listwise.
///
/// `None` if the data has more than two coder columns, no unit was rated by both,
/// or more than two distinct values occur (not binary data).
pub fn pabak<V: PartialEq>(data: &Ratings<V>) -> Option<f64> {
    let t = PairTable::build(data)?;
    (t.a.len() <= 2).then(|| 2.0 * t.observed() - 1.0)
}

/// Per-unit category counts `r_ik` for the units rated at least once, over a fixed
/// category set of size q (irrCAC's "agree.mat").
struct UnitCounts {
    q: usize,
    rows: Vec<Vec<f64>>,
}

impl UnitCounts {
    fn build<V: PartialEq>(data: &Ratings<V>, categories: &[V]) -> Option<Self> {
        let mut interner = Interner::fixed(categories);
        let q = interner.len();
        let mut rows = Vec::new();
        for row in data.units() {
            let mut counts = vec![0.0; q];
            let mut any = false;
            for v in row.iter().flatten() {
                counts[interner.index(v)?] += 1.0;
                any = true;
            }
            if any {
                rows.push(counts);
            }
        }
        Some(Self { q, rows })
    }

    /// Percent agreement over units with r_i ≥ 2 (irrCAC `pa`); `None` if none.
    fn observed(&self) -> Option<f64> {
        let mut sum = 0.0;
        let mut n2 = 0usize;
        for row in &self.rows {
            let r: f64 = row.iter().sum();
            if r >= 2.0 {
                sum += row.iter().map(|x| x * (x - 1.0)).sum::<f64>() / (r * (r - 1.0));
                n2 += 1;
            }
        }
        (n2 > 0).then(|| sum / n2 as f64)
    }

    /// π_k = (1/n) Σ_i r_ik / r_i over all n units rated at least once
    /// (irrCAC `pi.vec`; singly-rated units take part here).
    fn classification_probabilities(&self) -> Vec<f64> {
        let n = self.rows.len() as f64;
        let mut pi = vec![0.0; self.q];
        for row in &self.rows {
            let r: f64 = row.iter().sum();
            for (p, x) in pi.iter_mut().zip(row) {
                *p += x / r;
            }
        }
        pi.iter_mut().for_each(|p| *p /= n);
        pi
    }
}

/// Fleiss' (1971) kappa for any number of coders, with missing data handled as in
/// Gwet (2014) / irrCAC `fleiss.kappa.raw` (unweighted).
///
/// p_a = mean over units with r_i ≥ 2 of Σ_k r_ik(r_ik − 1)/(r_i(r_i − 1));
/// p_e = Σ_k π_k² with π_k = (1/n) Σ_i r_ik/r_i over all n units rated at least once
/// (so singly-rated units enter chance agreement); κ = (p_a − p_e)/(1 − p_e).
/// Unrated units are dropped (irrCAC requires the caller to drop them).
///
/// `categories` is the full category set (e.g. the codebook); unused categories do
/// not change Fleiss' kappa. `None` if a rating is not in `categories`, no unit has
/// two ratings, or p_e = 1.
pub fn fleiss_kappa<V: PartialEq>(data: &Ratings<V>, categories: &[V]) -> Option<f64> {
    let counts = UnitCounts::build(data, categories)?;
    let pa = counts.observed()?;
    let pe: f64 = counts
        .classification_probabilities()
        .iter()
        .map(|p| p * p)
        .sum();
    chance_corrected(pa, pe)
}

/// Gwet's (2008) AC1 for any number of coders, as irrCAC `gwet.ac1.raw`
/// (unweighted).
///
/// p_a as in [`fleiss_kappa`]; p_e = Σ_k π_k(1 − π_k)/(q − 1) with q the number of
/// categories in `categories` (used or not) and π_k as in [`fleiss_kappa`];
/// AC1 = (p_a − p_e)/(1 − p_e).
///
/// `None` if a rating is not in `categories`, no unit has two ratings, or q < 2
/// (irrCAC substitutes p_e = 1e-15 for q = 1 and reports ≈ p_a; here that case is
/// undefined).
pub fn gwet_ac1<V: PartialEq>(data: &Ratings<V>, categories: &[V]) -> Option<f64> {
    let counts = UnitCounts::build(data, categories)?;
    if counts.q < 2 {
        return None;
    }
    let pa = counts.observed()?;
    let q = counts.q as f64;
    let pe: f64 = counts
        .classification_probabilities()
        .iter()
        .map(|p| p * (1.0 - p))
        .sum::<f64>()
        / (q - 1.0);
    chance_corrected(pa, pe)
}

/// Brennan & Prediger's (1981) coefficient for any number of coders, as irrCAC
/// `bp.coeff.raw` (unweighted): p_a as in [`fleiss_kappa`], p_e = 1/q with q the
/// number of categories in `categories` (used or not).
///
/// `None` if a rating is not in `categories`, no unit has two ratings, or q < 2.
pub fn brennan_prediger<V: PartialEq>(data: &Ratings<V>, categories: &[V]) -> Option<f64> {
    let counts = UnitCounts::build(data, categories)?;
    if counts.q < 2 {
        return None;
    }
    let pa = counts.observed()?;
    chance_corrected(pa, 1.0 / counts.q as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two(pairs: &[(u32, u32)]) -> Ratings<u32> {
        Ratings::from_units(pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect())
    }

    #[test]
    fn percent_agreement_pairs_within_units() {
        // Unit 1: 3 ratings a,a,b -> 1 of 3 pairs agree; unit 2: a,a -> 1; unit 3
        // has a single rating and is ignored. Mean = (1/3 + 1)/2 = 2/3.
        let r = Ratings::from_units(vec![
            vec![Some('a'), Some('a'), Some('b')],
            vec![Some('a'), None, Some('a')],
            vec![None, Some('c'), None],
        ]);
        assert!((percent_agreement(&r).unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn two_coder_measures_need_two_columns_and_common_units() {
        let three = Ratings::from_units(vec![vec![Some(1), Some(1), Some(2)]]);
        assert_eq!(cohen_kappa(&three), None);
        assert_eq!(scott_pi(&three), None);
        assert_eq!(pabak(&three), None);
        let disjoint = Ratings::from_units(vec![vec![Some(1), None], vec![None, Some(2)]]);
        assert_eq!(cohen_kappa(&disjoint), None);
        assert_eq!(percent_agreement(&disjoint), None);
    }

    #[test]
    fn pabak_rejects_non_binary() {
        assert_eq!(pabak(&two(&[(1, 1), (2, 3)])), None);
        // po = 3/4 -> 0.5
        assert_eq!(pabak(&two(&[(1, 1), (1, 1), (0, 0), (0, 1)])), Some(0.5));
    }

    #[test]
    fn categories_matter_for_ac1_and_bp_but_not_fleiss() {
        let r = two(&[(0, 0), (0, 0), (1, 1), (0, 1)]);
        let fk2 = fleiss_kappa(&r, &[0, 1]).unwrap();
        let fk5 = fleiss_kappa(&r, &[0, 1, 2, 3, 4]).unwrap();
        assert!((fk2 - fk5).abs() < 1e-12);
        // BP: pa = 0.75; q = 2 -> 0.5; q = 5 -> (0.75 - 0.2)/0.8 = 0.6875.
        assert!((brennan_prediger(&r, &[0, 1]).unwrap() - 0.5).abs() < 1e-12);
        assert!((brennan_prediger(&r, &[0, 1, 2, 3, 4]).unwrap() - 0.6875).abs() < 1e-12);
        let ac2 = gwet_ac1(&r, &[0, 1]).unwrap();
        let ac5 = gwet_ac1(&r, &[0, 1, 2, 3, 4]).unwrap();
        assert!(ac5 > ac2);
        // Values outside the category set are invalid input.
        assert_eq!(fleiss_kappa(&r, &[0]), None);
        assert_eq!(gwet_ac1(&r, &[1, 2]), None);
        // q < 2 is undefined for AC1 and BP.
        let one = two(&[(0, 0), (0, 0)]);
        assert_eq!(gwet_ac1(&one, &[0]), None);
        assert_eq!(brennan_prediger(&one, &[0]), None);
    }

    #[test]
    fn singly_rated_units_enter_chance_agreement_only() {
        // Two-rater units: (0,0), (1,1), (0,1): pa = 2/3. Single ratings 1, 1 add to
        // pi: n = 5 units, pi_1 = (0 + 1 + 0.5 + 1 + 1)/5 = 0.7, pi_0 = 0.3.
        let r = Ratings::from_units(vec![
            vec![Some(0), Some(0)],
            vec![Some(1), Some(1)],
            vec![Some(0), Some(1)],
            vec![Some(1), None],
            vec![None, Some(1)],
            vec![None, None],
        ]);
        let pa = 2.0 / 3.0;
        let fk_pe = 0.7f64 * 0.7 + 0.3 * 0.3;
        let ac_pe = 2.0 * 0.7 * 0.3; // Σ π(1−π)/(q−1), q = 2
        let fk = fleiss_kappa(&r, &[0, 1]).unwrap();
        let ac = gwet_ac1(&r, &[0, 1]).unwrap();
        assert!((fk - (pa - fk_pe) / (1.0 - fk_pe)).abs() < 1e-12);
        assert!((ac - (pa - ac_pe) / (1.0 - ac_pe)).abs() < 1e-12);
        assert!((percent_agreement(&r).unwrap() - pa).abs() < 1e-12);
    }
}
