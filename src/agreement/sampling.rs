//! Exact random variates for resampling units: normal, gamma, beta, binomial and multinomial
//! draws from the seeded SplitMix64 generator, so that a bootstrap over N units with K distinct
//! rating patterns costs O(K log N) per sample instead of O(N).

use super::bootstrap::SplitMix64;

impl SplitMix64 {
    /// Uniform in (0, 1]: safe to take the logarithm of.
    fn open01(&mut self) -> f64 {
        1.0 - self.next_f64()
    }

    /// Standard normal (Box–Muller; one of the pair is used).
    pub(super) fn normal(&mut self) -> f64 {
        let u = self.open01();
        let v = self.next_f64();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia & Tsang 2000).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.open01();
            if u < 1.0 - 0.0331 * x * x * x * x || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return d * v;
            }
        }
    }

    /// Beta(a, b) for a, b ≥ 1, as G_a / (G_a + G_b).
    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        let y = self.gamma(b);
        x / (x + y)
    }

    /// Binomial(n, p), exactly: small n·p by geometric waiting times, large by Knuth's
    /// (TAOCP 3.4.1) splitting on the a-th order statistic of n uniforms, a Beta(a, n + 1 − a)
    /// variate, which halves n at each step.
    pub(super) fn binomial(&mut self, mut n: u64, mut p: f64) -> u64 {
        let mut base = 0u64;
        loop {
            if n == 0 || p <= 0.0 {
                return base;
            }
            if p >= 1.0 {
                return base + n;
            }
            if p > 0.5 {
                // Count failures instead; the successes are n − failures of this sub-problem.
                let failures = self.binomial(n, 1.0 - p);
                return base + (n - failures);
            }
            if (n as f64) * p < 16.0 {
                return base + self.waiting_time(n, p);
            }
            let a = 1 + n / 2;
            let b = n + 1 - a;
            let x = self.beta(a as f64, b as f64);
            if x >= p {
                n = a - 1;
                p /= x;
            } else {
                base += a;
                n = b - 1;
                p = (p - x) / (1.0 - x);
            }
        }
    }

    /// Binomial(n, p) for small n·p: successes among n trials counted by geometric gaps.
    fn waiting_time(&mut self, n: u64, p: f64) -> u64 {
        let log_q = (-p).ln_1p();
        let mut trials = 0.0;
        let mut successes = 0;
        loop {
            trials += (self.open01().ln() / log_q).floor() + 1.0;
            if trials > n as f64 {
                return successes;
            }
            successes += 1;
        }
    }

    /// Multinomial(n; weights / Σ weights) into `out` (same length as `weights`), by
    /// conditional binomials.
    pub(super) fn multinomial(&mut self, n: u64, weights: &[f64], out: &mut [u64]) {
        let mut left = n;
        let mut mass: f64 = weights.iter().sum();
        for (w, o) in weights.iter().zip(out.iter_mut()) {
            if left == 0 || mass <= 0.0 {
                *o = 0;
                continue;
            }
            let p = (w / mass).min(1.0);
            let x = self.binomial(left, p);
            *o = x;
            left -= x;
            mass -= w;
        }
        if left > 0
            && let Some(i) = weights.iter().rposition(|&w| w > 0.0)
        {
            out[i] += left;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_var(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        (
            m,
            xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0),
        )
    }

    #[test]
    fn binomial_moments_small_and_large() {
        let mut rng = SplitMix64::new(11);
        for &(n, p) in &[(10u64, 0.3), (1000, 0.01), (100_000, 0.23), (50_000, 0.9)] {
            let xs: Vec<f64> = (0..4000).map(|_| rng.binomial(n, p) as f64).collect();
            let (m, v) = mean_var(&xs);
            let (em, ev) = (n as f64 * p, n as f64 * p * (1.0 - p));
            // Mean within 5 standard errors, variance within 15%.
            assert!(
                (m - em).abs() < 5.0 * (ev / 4000.0).sqrt(),
                "{n} {p}: {m} vs {em}"
            );
            assert!((v / ev - 1.0).abs() < 0.15, "{n} {p}: {v} vs {ev}");
            assert!(xs.iter().all(|&x| x <= n as f64));
        }
    }

    #[test]
    fn multinomial_sums_to_n_and_follows_weights() {
        let mut rng = SplitMix64::new(5);
        let w = [1.0, 0.0, 3.0, 6.0];
        let mut out = [0u64; 4];
        let mut total = [0u64; 4];
        for _ in 0..500 {
            rng.multinomial(10_000, &w, &mut out);
            assert_eq!(out.iter().sum::<u64>(), 10_000);
            assert_eq!(out[1], 0);
            for (t, o) in total.iter_mut().zip(&out) {
                *t += o;
            }
        }
        let share = total[3] as f64 / 5_000_000.0;
        assert!((share - 0.6).abs() < 0.002, "{share}");
    }
}
