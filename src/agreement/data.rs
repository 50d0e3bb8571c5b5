//! Reliability data (units × coders with missing cells), the level-of-measurement
//! enum, and small internal helpers shared by the agreement measures.

/// Level of measurement of the values being compared; selects the difference
/// function δ² used by Krippendorff's alpha (Krippendorff 2011, "Computing
/// Krippendorff's alpha-reliability", section E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// δ² = 0 if equal, 1 otherwise.
    Nominal,
    /// δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², computed from the marginal
    /// frequencies n_g of the ranked values.
    Ordinal,
    /// δ² = (c − k)².
    Interval,
    /// δ² = ((c − k)/(c + k))²; values must be ≥ 0.
    Ratio,
}

/// Reliability data: a rectangular units × coders matrix in which every cell is
/// either a value or missing (`None`).
///
/// `units()[u][c]` is the value coder `c` gave to unit `u`. Rows shorter than the
/// widest row are padded with `None` on construction, so the matrix is always
/// rectangular. The value type is generic: nominal measures only need
/// `PartialEq` (category codes such as `u32`, `usize` or `String`), Krippendorff's
/// alpha by [`Level`] takes `f64`, and set-valued data (`BTreeSet<T>`) can be used
/// with a caller-supplied distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings<V> {
    coders: usize,
    units: Vec<Vec<Option<V>>>,
}

impl<V> Ratings<V> {
    /// Builds reliability data from rows (one row per unit, one column per coder).
    pub fn from_units(units: Vec<Vec<Option<V>>>) -> Self {
        let coders = units.iter().map(Vec::len).max().unwrap_or(0);
        Self::with_coders(coders, units)
    }

    /// Like [`Ratings::from_units`] but with at least `coders` columns (useful when
    /// trailing coders rated nothing).
    pub fn with_coders(coders: usize, mut units: Vec<Vec<Option<V>>>) -> Self {
        let coders = units.iter().map(Vec::len).fold(coders, usize::max);
        for row in &mut units {
            row.resize_with(coders, || None);
        }
        Self { coders, units }
    }

    /// Builds reliability data from columns (one vector per coder, indexed by unit),
    /// the layout used in Krippendorff's papers. Shorter columns are padded with
    /// `None`.
    pub fn from_coders(columns: Vec<Vec<Option<V>>>) -> Self {
        let coders = columns.len();
        let n_units = columns.iter().map(Vec::len).max().unwrap_or(0);
        let mut units: Vec<Vec<Option<V>>> = (0..n_units)
            .map(|_| (0..coders).map(|_| None).collect())
            .collect();
        for (c, column) in columns.into_iter().enumerate() {
            for (u, value) in column.into_iter().enumerate() {
                units[u][c] = value;
            }
        }
        Self { coders, units }
    }

    /// Number of coder columns.
    pub fn n_coders(&self) -> usize {
        self.coders
    }

    /// Number of units (rows), including units nobody rated.
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// The rows of the matrix (`units()[unit][coder]`).
    pub fn units(&self) -> &[Vec<Option<V>>] {
        &self.units
    }

    /// The value coder `coder` gave to unit `unit`, if any.
    pub fn get(&self, unit: usize, coder: usize) -> Option<&V> {
        self.units.get(unit)?.get(coder)?.as_ref()
    }

    /// Consumes the data and returns the rows.
    pub fn into_units(self) -> Vec<Vec<Option<V>>> {
        self.units
    }
}

/// Dense indexing of distinct values by first appearance, using only `PartialEq`
/// (linear search; the number of distinct codes is small in practice).
pub(super) struct Interner<'a, V> {
    values: Vec<&'a V>,
    fixed: bool,
}

impl<'a, V: PartialEq> Interner<'a, V> {
    /// An interner that grows as new values are seen.
    pub(super) fn open() -> Self {
        Self {
            values: Vec::new(),
            fixed: false,
        }
    }

    /// An interner over a fixed category set (duplicates are ignored); values outside
    /// the set are rejected by [`Interner::index`].
    pub(super) fn fixed(categories: &'a [V]) -> Self {
        let mut values: Vec<&'a V> = Vec::with_capacity(categories.len());
        for c in categories {
            if !values.contains(&c) {
                values.push(c);
            }
        }
        Self {
            values,
            fixed: true,
        }
    }

    /// Index of `v`, adding it if the interner is open; `None` if it is fixed and
    /// `v` is not one of its categories.
    pub(super) fn index(&mut self, v: &'a V) -> Option<usize> {
        if let Some(i) = self.values.iter().position(|x| *x == v) {
            return Some(i);
        }
        if self.fixed {
            return None;
        }
        self.values.push(v);
        Some(self.values.len() - 1)
    }

    pub(super) fn len(&self) -> usize {
        self.values.len()
    }

    pub(super) fn values(&self) -> &[&'a V] {
        &self.values
    }
}

/// Tolerance below which a chance-correction denominator is treated as zero.
pub(super) const EPS: f64 = 1e-12;

/// `(observed − expected) / (1 − expected)`, or `None` when the denominator is
/// (numerically) zero or the result is not finite.
pub(super) fn chance_corrected(observed: f64, expected: f64) -> Option<f64> {
    let denom = 1.0 - expected;
    if denom.is_nan() || denom.abs() <= EPS {
        return None;
    }
    finite((observed - expected) / denom)
}

/// `Some(x)` if `x` is finite.
pub(super) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_coders_transposes_and_pads() {
        let r = Ratings::from_coders(vec![vec![Some(1), None, Some(3)], vec![Some(2)]]);
        assert_eq!(r.n_coders(), 2);
        assert_eq!(r.n_units(), 3);
        assert_eq!(r.get(0, 1), Some(&2));
        assert_eq!(r.get(2, 0), Some(&3));
        assert_eq!(r.get(2, 1), None);
        assert_eq!(r.get(9, 9), None);
    }

    #[test]
    fn from_units_pads_ragged_rows() {
        let r = Ratings::from_units(vec![vec![Some(1)], vec![Some(1), Some(2), None]]);
        assert_eq!(r.n_coders(), 3);
        assert!(r.units().iter().all(|row| row.len() == 3));
        let r = Ratings::<u8>::with_coders(4, vec![vec![Some(1)]]);
        assert_eq!(r.n_coders(), 4);
    }

    #[test]
    fn fixed_interner_rejects_unknown_and_dedups() {
        let cats = [1, 2, 2, 3];
        let mut i = Interner::fixed(&cats);
        assert_eq!(i.len(), 3);
        assert_eq!(i.index(&3), Some(2));
        assert_eq!(i.index(&4), None);
    }

    #[test]
    fn chance_corrected_rejects_zero_denominator() {
        assert_eq!(chance_corrected(1.0, 1.0), None);
        assert_eq!(chance_corrected(0.5, f64::NAN), None);
        assert_eq!(chance_corrected(0.75, 0.5), Some(0.5));
    }
}
