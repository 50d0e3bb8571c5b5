//! Natural logarithms of factorials, tabulated once per test: ln n! = Σ ln k.

/// `ln k!` for k = 0..=n.
pub(crate) struct LogFactorials(Vec<f64>);

impl LogFactorials {
    pub(crate) fn up_to(n: u64) -> LogFactorials {
        let mut v = Vec::with_capacity(n as usize + 1);
        let mut acc = 0.0f64;
        v.push(0.0);
        for k in 1..=n {
            acc += (k as f64).ln();
            v.push(acc);
        }
        LogFactorials(v)
    }

    #[inline]
    pub(crate) fn get(&self, k: u64) -> f64 {
        self.0[k as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_factorials() {
        let lf = LogFactorials::up_to(10);
        assert_eq!(lf.get(0), 0.0);
        assert_eq!(lf.get(1), 0.0);
        assert!((lf.get(5) - 120f64.ln()).abs() < 1e-12);
        assert!((lf.get(10) - 3_628_800f64.ln()).abs() < 1e-12);
    }
}
