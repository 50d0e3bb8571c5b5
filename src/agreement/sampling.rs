//! Exact random variates for resampling units: binomial and multinomial draws from the seeded
//! SplitMix64 generator, so that a bootstrap over N units with K distinct
//! rating patterns costs O(K) per sample instead of O(N).

use super::bootstrap::SplitMix64;
use super::student_t::ln_gamma;

impl SplitMix64 {
    /// Uniform in (0, 1]: safe to take the logarithm of.
    fn open01(&mut self) -> f64 {
        1.0 - self.next_f64()
    }

    /// Binomial(n, p), exactly: by geometric waiting times when n·min(p, 1 − p) < 10, else by
    /// Hörmann's (1993) transformed rejection with squeeze (BTRS), O(1) expected per draw.
    pub(super) fn binomial(&mut self, n: u64, p: f64) -> u64 {
        if n == 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if p > 0.5 {
            return n - self.binomial(n, 1.0 - p);
        }
        if (n as f64) * p < 10.0 {
            return self.waiting_time(n, p);
        }
        self.btrs(n, p)
    }

    /// BTRS (Hörmann 1993, "The generation of binomial random variates") for n·p ≥ 10,
    /// p ≤ 1/2.
    fn btrs(&mut self, n: u64, p: f64) -> u64 {
        let nf = n as f64;
        let q = 1.0 - p;
        let spq = (nf * p * q).sqrt();
        let b = 1.15 + 2.53 * spq;
        let a = -0.0873 + 0.0248 * b + 0.01 * p;
        let c = nf * p + 0.5;
        let v_r = 0.92 - 4.2 / b;
        let alpha = (2.83 + 5.1 / b) * spq;
        let lpq = (p / q).ln();
        let m = ((nf + 1.0) * p).floor();
        let h = ln_gamma(m + 1.0) + ln_gamma(nf - m + 1.0);
        loop {
            let u = self.next_f64() - 0.5;
            let v = self.open01();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + c).floor();
            if k < 0.0 || k > nf {
                continue;
            }
            if us >= 0.07 && v <= v_r {
                return k as u64;
            }
            let v = (v * alpha / (a / (us * us) + b)).ln();
            if v <= h - ln_gamma(k + 1.0) - ln_gamma(nf - k + 1.0) + (k - m) * lpq {
                return k as u64;
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
    fn btrs_follows_the_binomial_probabilities() {
        // n = 40, p = 0.3 (n·p = 12: the rejection sampler): the empirical frequencies of
        // k = 6..=18 against the exact probabilities C(n, k) p^k q^(n − k).
        let (n, p) = (40u64, 0.3f64);
        let mut rng = SplitMix64::new(99);
        let draws = 200_000;
        let mut freq = vec![0usize; 41];
        for _ in 0..draws {
            freq[rng.binomial(n, p) as usize] += 1;
        }
        for k in 6..=18u64 {
            let (nf, kf) = (n as f64, k as f64);
            let ln_pmf = ln_gamma(nf + 1.0) - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0)
                + kf * p.ln()
                + (nf - kf) * (1.0 - p).ln();
            let got = freq[k as usize] as f64 / draws as f64;
            assert!(
                (got - ln_pmf.exp()).abs() < 0.003,
                "k {k}: {got} vs {}",
                ln_pmf.exp()
            );
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
