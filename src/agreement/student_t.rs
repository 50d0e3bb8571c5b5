//! Student's t distribution: the distribution function (by the regularized incomplete beta
//! function) and its quantiles, for the t-based intervals and p-values of Gwet (2014).

pub(super) use crate::stats::gamma::ln_gamma;

/// Continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The regularized incomplete beta function I_x(a, b).
fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

/// P(T ≤ t) for Student's t with `df` > 0 degrees of freedom.
pub(super) fn cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let tail = 0.5 * inc_beta(df / 2.0, 0.5, df / (df + t * t));
    if t > 0.0 { 1.0 - tail } else { tail }
}

/// The p-quantile of Student's t with `df` > 0 degrees of freedom (0 < p < 1), by bisection on
/// the distribution function to full double precision.
pub(super) fn quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || p <= 0.0 || p >= 1.0 || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let (mut lo, mut hi) = (-1.0, 1.0);
    while cdf(lo, df) > p {
        lo *= 2.0;
    }
    while cdf(hi, df) < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_printed_tables() {
        // qt(0.975, df) from any t table (and R).
        for (df, q) in [
            (1.0, 12.706_204_736),
            (5.0, 2.570_581_836),
            (10.0, 2.228_138_852),
            (11.0, 2.200_985_160),
            (99.0, 1.984_216_952),
        ] {
            assert!((quantile(0.975, df) - q).abs() < 1e-6, "df {df}");
        }
        assert!((quantile(0.5, 7.0)).abs() < 1e-6);
    }

    #[test]
    fn cdf_matches_closed_forms() {
        // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/π; df = 2: F(t) = 1/2 + t/(2√(2 + t²)).
        for t in [-3.0, -0.4, 0.0, 0.7, 5.0] {
            let cauchy = 0.5 + f64::atan(t) / std::f64::consts::PI;
            assert!((cdf(t, 1.0) - cauchy).abs() < 1e-13);
            let two = 0.5 + t / (2.0 * (2.0 + t * t).sqrt());
            assert!((cdf(t, 2.0) - two).abs() < 1e-13);
        }
    }
}
