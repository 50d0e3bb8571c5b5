//! Medians and quartiles by R's default definition (Hyndman & Fan type 7): on the sorted
//! values x[0..n], the p-quantile is x[h] interpolated linearly, with h = (n − 1)·p.

/// The p-quantile (0 ≤ p ≤ 1) of `sorted` (ascending) by type 7; `None` when there are no values.
pub fn type7(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Median, first and third quartile, minimum and maximum of some numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// `None` for no values (the caller prints "—").
    pub fn of(values: &[f64]) -> Option<Summary> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        Some(Summary {
            n: v.len(),
            median: type7(&v, 0.5)?,
            q1: type7(&v, 0.25)?,
            q3: type7(&v, 0.75)?,
            min: *v.first()?,
            max: *v.last()?,
        })
    }
}

/// A number as a table prints it: whole numbers bare, others to at most two decimals.
pub fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: &[f64]) -> (f64, f64, f64) {
        let s = Summary::of(v).expect("values");
        (s.q1, s.median, s.q3)
    }

    #[test]
    fn r_quantile_of_one_to_ten() {
        // R: quantile(1:10) → 25%: 3.25, 50%: 5.5, 75%: 7.75
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(q(&v), (3.25, 5.5, 7.75));
    }

    #[test]
    fn wikipedia_quartile_example_method_r7() {
        // Wikipedia "Quartile", example 1 (6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49):
        // R's type 7 gives Q1 = 25.5, median 40, Q3 = 42.5.
        let v = [6., 47., 49., 15., 42., 41., 7., 39., 43., 40., 36.];
        assert_eq!(q(&v), (25.5, 40.0, 42.5));
    }

    #[test]
    fn hyndman_fan_six_values() {
        // R: quantile(c(7, 15, 36, 39, 40, 41)) → 20.25, 37.5, 39.75
        assert_eq!(q(&[7., 15., 36., 39., 40., 41.]), (20.25, 37.5, 39.75));
    }

    #[test]
    fn one_value_and_none() {
        assert_eq!(q(&[4.0]), (4.0, 4.0, 4.0));
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(type7(&[1.0, 2.0], 1.5), None);
    }

    #[test]
    fn numbers_print_short() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(3.25), "3.25");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
    }
}
