//! Pearson's χ² test of independence for an r×c table (uncorrected; Yates' continuity
//! correction for 2×2 on request), and the χ² survival function.

use super::gamma::gamma_q;
use super::without_empty;

/// The χ² statistic, its degrees of freedom and the upper-tail P value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chi2 {
    pub statistic: f64,
    pub df: u64,
    pub p_value: f64,
    /// Whether Yates' correction was applied (2×2 only).
    pub yates: bool,
    /// The smallest expected count (χ² is doubtful when some fall under 5).
    pub min_expected: f64,
}

/// P(X ≥ x) for X ~ χ²(df), df ≥ 1.
pub fn chi2_sf(x: f64, df: u64) -> f64 {
    if df == 0 || x.is_nan() {
        return f64::NAN;
    }
    gamma_q(df as f64 / 2.0, x / 2.0)
}

/// Pearson's χ² on the table with empty rows and columns left out; `None` when fewer than two
/// rows or columns are left (there is nothing to test). `yates` corrects 2×2 tables only, as
/// R's `chisq.test` does (|O − E| is reduced by at most ½).
pub fn pearson_chi2(table: &[Vec<u64>], yates: bool) -> Option<Chi2> {
    let t = without_empty(table)?;
    let rows = t.len();
    let cols = t.first().map_or(0, Vec::len);
    if rows < 2 || cols < 2 {
        return None;
    }
    let row_sums: Vec<f64> = t.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let col_sums: Vec<f64> = (0..cols)
        .map(|j| t.iter().map(|r| r[j]).sum::<u64>() as f64)
        .collect();
    let n: f64 = row_sums.iter().sum();
    let yates = yates && rows == 2 && cols == 2;
    let mut statistic = 0.0;
    let mut min_expected = f64::INFINITY;
    for (i, row) in t.iter().enumerate() {
        for (j, &o) in row.iter().enumerate() {
            let e = row_sums[i] * col_sums[j] / n;
            min_expected = min_expected.min(e);
            let mut d = (o as f64 - e).abs();
            if yates {
                d -= d.min(0.5);
            }
            statistic += d * d / e;
        }
    }
    let df = ((rows - 1) * (cols - 1)) as u64;
    Some(Chi2 {
        statistic,
        df,
        p_value: chi2_sf(statistic, df),
        yates,
        min_expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_values_give_five_percent() {
        // Tabulated 95th percentiles of χ² (any statistics text, e.g. Agresti 2013, Table C).
        for (x, df) in [
            (3.841_459, 1),
            (5.991_465, 2),
            (7.814_728, 3),
            (9.487_729, 4),
            (16.918_98, 9),
        ] {
            assert!(
                (chi2_sf(x, df) - 0.05).abs() < 1e-6,
                "df {df}: {}",
                chi2_sf(x, df)
            );
        }
        assert!((chi2_sf(6.634_897, 1) - 0.01).abs() < 1e-7);
        assert!((chi2_sf(10.827_566, 1) - 0.001).abs() < 1e-8);
        assert_eq!(chi2_sf(0.0, 3), 1.0);
    }

    #[test]
    fn hand_computed_2x2() {
        // [[10, 20], [30, 40]]: row sums 30, 70; column sums 40, 60; N = 100.
        // E = [[12, 18], [28, 42]]; |O − E| = 2 everywhere.
        // χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793650…; Yates: 1.5² × (1/12 + 1/18 + 1/28 + 1/42) = 0.446428…
        let t = vec![vec![10, 20], vec![30, 40]];
        let c = pearson_chi2(&t, false).unwrap();
        let want = 4.0 / 12.0 + 4.0 / 18.0 + 4.0 / 28.0 + 4.0 / 42.0;
        assert!((c.statistic - want).abs() < 1e-12);
        assert_eq!(c.df, 1);
        // df = 1: P = erfc(√(χ²/2)); for χ² = 0.793651, P = 0.37299 (tables of the normal: 2(1 − Φ(0.89087))).
        assert!((c.p_value - 0.372_998).abs() < 1e-5, "{}", c.p_value);
        let y = pearson_chi2(&t, true).unwrap();
        let want_y = 2.25 * (1.0 / 12.0 + 1.0 / 18.0 + 1.0 / 28.0 + 1.0 / 42.0);
        assert!((y.statistic - want_y).abs() < 1e-12 && y.yates);
    }

    #[test]
    fn hand_computed_2x3_with_2_df_closed_form() {
        // [[20, 10, 10], [10, 20, 10]]: row sums 40, 40; column sums 30, 30, 20; N = 80.
        // E = [[15, 15, 10], [15, 15, 10]]; χ² = 4 × 25/15 + 0 = 6.6667; df 2 → P = e^(−χ²/2).
        let t = vec![vec![20, 10, 10], vec![10, 20, 10]];
        let c = pearson_chi2(&t, true).unwrap();
        assert!((c.statistic - 100.0 / 15.0).abs() < 1e-12);
        assert_eq!(c.df, 2);
        assert!(!c.yates, "Yates applies to 2×2 only");
        assert!((c.p_value - (-(100.0 / 15.0) / 2.0f64).exp()).abs() < 1e-14);
        assert_eq!(c.min_expected, 10.0);
    }

    #[test]
    fn nothing_to_test() {
        assert!(pearson_chi2(&[vec![3, 4]], false).is_none());
        assert!(pearson_chi2(&[vec![3, 0], vec![4, 0]], false).is_none());
    }
}
