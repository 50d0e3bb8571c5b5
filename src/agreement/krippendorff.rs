//! Krippendorff's alpha by the coincidence-matrix method (Krippendorff 2011,
//! "Computing Krippendorff's alpha-reliability"): nominal, ordinal, interval and
//! ratio metrics, plus alpha with a caller-supplied distance over arbitrary values.

use super::data::{Interner, Level, Ratings, finite};

/// Coincidence matrix over `d` distinct values, built from pairable units only
/// (units with at least two values).
pub(super) struct Coincidences {
    pub(super) d: usize,
    /// Row-major `d × d` matrix o_ck: each ordered pair of values (from different
    /// coders) in a unit with m_u values adds 1/(m_u − 1).
    pub(super) o: Vec<f64>,
    /// n_c: number of pairable values equal to c (row sums of o).
    pub(super) marginals: Vec<f64>,
    /// n: total number of pairable values.
    pub(super) n: f64,
    /// Σ_u m_u(m_u − 1)/2 over pairable units (the "Pairs" count of KALPHA).
    pub(super) pairs: f64,
}

impl Coincidences {
    /// `units` holds, per unit, the value indices (< d) of its non-missing values.
    pub(super) fn from_units(d: usize, units: &[Vec<usize>]) -> Self {
        let mut o = vec![0.0; d * d];
        let mut marginals = vec![0.0; d];
        let mut pairs = 0.0;
        let mut counts: Vec<(usize, f64)> = Vec::new();
        for unit in units.iter().filter(|u| u.len() >= 2) {
            let m = unit.len() as f64;
            counts.clear();
            for &v in unit {
                match counts.iter_mut().find(|(c, _)| *c == v) {
                    Some(entry) => entry.1 += 1.0,
                    None => counts.push((v, 1.0)),
                }
                marginals[v] += 1.0;
            }
            for &(c, nc) in &counts {
                for &(k, nk) in &counts {
                    let ordered_pairs = if c == k { nc * (nc - 1.0) } else { nc * nk };
                    o[c * d + k] += ordered_pairs / (m - 1.0);
                }
            }
            pairs += m * (m - 1.0) / 2.0;
        }
        let n = marginals.iter().sum();
        Self {
            d,
            o,
            marginals,
            n,
            pairs,
        }
    }

    /// Observed and expected disagreement (D_o, D_e) for the `d × d` difference
    /// matrix `delta` (δ² in Krippendorff's notation):
    /// D_o = (1/n) Σ_ck o_ck δ_ck, D_e = 1/(n(n − 1)) Σ_ck n_c (n_k − [c = k]) δ_ck.
    pub(super) fn disagreements(&self, delta: &[f64]) -> Option<(f64, f64)> {
        if self.n < 2.0 || delta.len() != self.d * self.d {
            return None;
        }
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..self.d {
            for k in 0..self.d {
                let dl = delta[c * self.d + k];
                let same = if c == k { 1.0 } else { 0.0 };
                observed += self.o[c * self.d + k] * dl;
                expected += self.marginals[c] * (self.marginals[k] - same) * dl;
            }
        }
        Some((observed / self.n, expected / (self.n * (self.n - 1.0))))
    }
}

/// α = 1 − D_o/D_e, `None` when D_e = 0 (no variation among pairable values) or
/// anything is non-finite.
pub(super) fn alpha_from(c: &Coincidences, delta: &[f64]) -> Option<f64> {
    let (d_o, d_e) = c.disagreements(delta)?;
    if !d_o.is_finite() || !d_e.is_finite() || d_e <= 0.0 {
        return None;
    }
    finite(1.0 - d_o / d_e)
}

/// Coincidences plus the matching difference matrix, ready for alpha or bootstrap.
pub(super) struct Prepared {
    pub(super) coincidences: Coincidences,
    pub(super) delta: Vec<f64>,
}

/// Prepares numeric data at a level of measurement. `None` for non-finite values,
/// or negative values at the ratio level.
pub(super) fn prepare_level(data: &Ratings<f64>, level: Level) -> Option<Prepared> {
    let all = data.units().iter().flatten().flatten();
    for &v in all {
        if !v.is_finite() || (level == Level::Ratio && v < 0.0) {
            return None;
        }
    }
    // + 0.0 turns −0.0 into 0.0 so that equal values share an index.
    let pairable = || {
        data.units()
            .iter()
            .filter(|row| row.iter().flatten().count() >= 2)
            .map(|row| row.iter().flatten().map(|v| v + 0.0))
    };
    let mut values: Vec<f64> = pairable().flatten().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let units: Vec<Vec<usize>> = pairable()
        .map(|row| {
            row.filter_map(|v| values.binary_search_by(|x| x.total_cmp(&v)).ok())
                .collect()
        })
        .collect();
    let coincidences = Coincidences::from_units(values.len(), &units);
    let delta = level_delta(&values, &coincidences.marginals, level);
    Some(Prepared {
        coincidences,
        delta,
    })
}

/// Difference matrix δ²_ck for sorted distinct `values` (Krippendorff 2011, E).
fn level_delta(values: &[f64], marginals: &[f64], level: Level) -> Vec<f64> {
    let d = values.len();
    // Ordinal: δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2 = mid(k) − mid(c) where
    // mid(c) = Σ_{g<c} n_g + n_c/2 is the mid-rank of value c.
    let mut mid = Vec::with_capacity(d);
    let mut below = 0.0;
    for &n_g in marginals {
        mid.push(below + n_g / 2.0);
        below += n_g;
    }
    let mut delta = vec![0.0; d * d];
    for c in 0..d {
        for k in 0..d {
            if c == k {
                continue;
            }
            let (a, b) = (values[c], values[k]);
            delta[c * d + k] = match level {
                Level::Nominal => 1.0,
                Level::Ordinal => (mid[k] - mid[c]).powi(2),
                Level::Interval => (a - b).powi(2),
                // a ≠ b and both ≥ 0, so a + b > 0.
                Level::Ratio => ((a - b) / (a + b)).powi(2),
            };
        }
    }
    delta
}

/// Prepares arbitrary values with a caller-supplied difference function. `None`
/// if the function returns a negative or non-finite value for any pair of
/// observed values.
pub(super) fn prepare_with<V, F>(data: &Ratings<V>, distance: F) -> Option<Prepared>
where
    V: PartialEq,
    F: Fn(&V, &V) -> f64,
{
    let mut interner = Interner::open();
    let mut units = Vec::new();
    for row in data.units() {
        if row.iter().flatten().count() >= 2 {
            let unit: Option<Vec<usize>> =
                row.iter().flatten().map(|v| interner.index(v)).collect();
            units.push(unit?);
        }
    }
    let values = interner.values();
    let d = values.len();
    let mut delta = vec![0.0; d * d];
    for c in 0..d {
        for k in 0..d {
            let dl = distance(values[c], values[k]);
            if !dl.is_finite() || dl < 0.0 {
                return None;
            }
            delta[c * d + k] = dl;
        }
    }
    let coincidences = Coincidences::from_units(d, &units);
    Some(Prepared {
        coincidences,
        delta,
    })
}

/// Krippendorff's alpha for numeric values at the given level of measurement,
/// by the coincidence-matrix method of Krippendorff (2011).
///
/// Units with fewer than two values are not pairable and are dropped. Works with
/// any number of coders and missing data. Values must be finite (and ≥ 0 for
/// [`Level::Ratio`]); nominal and ordinal values are compared by equality and
/// order of the numbers. `None` if the data is invalid or D_e = 0 (fewer than two
/// pairable values, or all pairable values equal).
pub fn krippendorff_alpha(data: &Ratings<f64>, level: Level) -> Option<f64> {
    let p = prepare_level(data, level)?;
    alpha_from(&p.coincidences, &p.delta)
}

/// Nominal Krippendorff's alpha for any value type compared by equality (category
/// codes, strings, …); identical to [`krippendorff_alpha`] with
/// [`Level::Nominal`] on numeric codes.
pub fn krippendorff_alpha_nominal<V: PartialEq>(data: &Ratings<V>) -> Option<f64> {
    krippendorff_alpha_with(data, |a, b| if a == b { 0.0 } else { 1.0 })
}

/// Krippendorff's alpha with a caller-supplied difference function, e.g. for
/// set-valued data (see [`super::masi_distance`]; Passonneau 2006).
///
/// `distance(a, b)` plays the role of δ²_ab in Krippendorff (2011): it must be
/// ≥ 0, finite, symmetric and 0 for equal values (for interval data pass the
/// *squared* difference). α = 1 − D_o/D_e with
/// D_o = (1/n) Σ_ck o_ck δ_ck and D_e = 1/(n(n−1)) Σ_ck n_c (n_k − [c=k]) δ_ck,
/// computed over the distinct values that occur. `None` if `distance` returns a
/// negative or non-finite value, or D_e = 0.
pub fn krippendorff_alpha_with<V, F>(data: &Ratings<V>, distance: F) -> Option<f64>
where
    V: PartialEq,
    F: Fn(&V, &V) -> f64,
{
    let p = prepare_with(data, distance)?;
    alpha_from(&p.coincidences, &p.delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coincidences_weight_pairs_by_one_over_m_minus_one() {
        // Unit with values 0,0,1 (m = 3): ordered pairs (0,0)x2, (0,1)x2, (1,0)x2,
        // each weighted 1/2 -> o00 = 1, o01 = 1, o10 = 1; single-valued unit dropped.
        let c = Coincidences::from_units(2, &[vec![0, 0, 1], vec![1]]);
        assert_eq!(c.o, vec![1.0, 1.0, 1.0, 0.0]);
        assert_eq!(c.marginals, vec![2.0, 1.0]);
        assert_eq!(c.n, 3.0);
        assert_eq!(c.pairs, 3.0);
    }

    #[test]
    fn invalid_values_are_rejected() {
        let r = Ratings::from_units(vec![
            vec![Some(1.0), Some(f64::NAN)],
            vec![Some(1.0), Some(2.0)],
        ]);
        assert_eq!(krippendorff_alpha(&r, Level::Interval), None);
        let r = Ratings::from_units(vec![
            vec![Some(-1.0), Some(1.0)],
            vec![Some(1.0), Some(2.0)],
        ]);
        assert_eq!(krippendorff_alpha(&r, Level::Ratio), None);
        assert!(krippendorff_alpha(&r, Level::Interval).is_some());
        let r = Ratings::from_units(vec![vec![Some(1), Some(2)], vec![Some(2), Some(2)]]);
        assert_eq!(krippendorff_alpha_with(&r, |_, _| -1.0), None);
        assert_eq!(krippendorff_alpha_with(&r, |_, _| f64::INFINITY), None);
    }

    #[test]
    fn negative_zero_equals_zero() {
        let r = Ratings::from_units(vec![
            vec![Some(-0.0), Some(0.0)],
            vec![Some(1.0), Some(1.0)],
        ]);
        assert_eq!(krippendorff_alpha(&r, Level::Nominal), Some(1.0));
        assert_eq!(krippendorff_alpha(&r, Level::Ratio), Some(1.0));
    }

    #[test]
    fn ratio_metric_by_hand() {
        // Units (1,3) and (1,1): n = 4, n_1 = 3, n_3 = 1, δ²(1,3) = (2/4)² = 1/4.
        // D_o = (1/4)(2 · 1/4) = 1/8; D_e = (2 · 3 · 1 · 1/4)/(4 · 3) = 1/8 -> α = 0.
        let r = Ratings::from_units(vec![vec![Some(1.0), Some(3.0)], vec![Some(1.0), Some(1.0)]]);
        assert!(krippendorff_alpha(&r, Level::Ratio).unwrap().abs() < 1e-12);
    }
}
