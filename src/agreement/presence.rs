//! Presence/absence of one code by any number of coders, tallied as "how many of the m coders
//! marked it" per unit: the sufficient statistic for the multi-coder binary coefficients, so a
//! million units cost m + 1 counters instead of a units × coders matrix.

use super::binary::Binary2x2;
use super::bootstrap::{BootCell, BootInput, bootstrap_cells};
use super::data::{Level, chance_corrected, finite};
use super::patterns::{AlphaInterval, Patterns};

/// Units rated by all m coders for one binary code: `counts()[j]` is the number of units on
/// which exactly j coders marked the code present (j = 0..=m).
///
/// The coefficients equal those of the general functions ([`super::fleiss_kappa`],
/// [`super::gwet_ac1`], [`super::brennan_prediger`], [`super::percent_agreement`],
/// [`super::krippendorff_alpha_nominal`]) on the expanded data with categories {absent,
/// present}; a property test checks this.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PresenceTally {
    counts: Vec<u64>,
}

impl PresenceTally {
    /// An empty tally for `coders` coders.
    pub fn new(coders: usize) -> Self {
        Self {
            counts: vec![0; coders + 1],
        }
    }

    /// A tally from its counts (`counts.len()` = m + 1).
    pub fn from_counts(counts: Vec<u64>) -> Self {
        Self { counts }
    }

    /// Adds one unit on which `present` coders marked the code (ignored if `present` > m).
    pub fn add(&mut self, present: usize) {
        self.add_n(present, 1);
    }

    /// Adds `n` units on which `present` coders marked the code.
    pub fn add_n(&mut self, present: usize, n: u64) {
        if let Some(c) = self.counts.get_mut(present) {
            *c = c.saturating_add(n);
        }
    }

    /// Adds another tally over the same number of coders.
    pub fn merge(&mut self, other: &PresenceTally) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a = a.saturating_add(*b);
        }
    }

    /// Number of coders m.
    pub fn coders(&self) -> usize {
        self.counts.len().saturating_sub(1)
    }

    /// `counts()[j]`: units on which exactly j coders marked the code.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Number of units N.
    pub fn units(&self) -> u64 {
        self.counts.iter().fold(0u64, |a, b| a.saturating_add(*b))
    }

    /// Units on which all coders made the same decision (j = 0 or j = m).
    pub fn unanimous(&self) -> u64 {
        let m = self.coders();
        if m == 0 {
            return self.units();
        }
        self.counts[0].saturating_add(self.counts[m])
    }

    /// (m, N, Σ_j count_j·f(j)) helper over the histogram.
    fn sum(&self, f: impl Fn(f64, f64) -> f64) -> f64 {
        let m = self.coders() as f64;
        self.counts
            .iter()
            .enumerate()
            .map(|(j, &n)| n as f64 * f(j as f64, m))
            .sum()
    }

    /// m ≥ 2 and N > 0.
    fn valid(&self) -> Option<(f64, f64)> {
        let m = self.coders();
        let n = self.units();
        (m >= 2 && n > 0).then_some((m as f64, n as f64))
    }

    /// Pairwise percent agreement: the mean over units of the share of agreeing coder pairs,
    /// (j(j − 1) + (m − j)(m − j − 1)) / (m(m − 1)). `None` if m < 2 or N = 0.
    pub fn percent_agreement(&self) -> Option<f64> {
        let (m, n) = self.valid()?;
        let agree = self.sum(|j, m| j * (j - 1.0) + (m - j) * (m - j - 1.0));
        finite(agree / (m * (m - 1.0)) / n)
    }

    /// π = share of all ratings that are "present", Σ_j count_j · j / (N m).
    fn prevalence(&self) -> Option<f64> {
        let (m, n) = self.valid()?;
        finite(self.sum(|j, _| j) / (n * m))
    }

    /// Fleiss' (1971) kappa with categories {absent, present}: p_e = π² + (1 − π)².
    /// `None` if m < 2, N = 0 or nobody ever (or everybody always) marked the code.
    pub fn fleiss_kappa(&self) -> Option<f64> {
        let p = self.prevalence()?;
        chance_corrected(self.percent_agreement()?, p * p + (1.0 - p) * (1.0 - p))
    }

    /// Gwet's (2008) AC1 with q = 2: p_e = 2π(1 − π). `None` if m < 2 or N = 0.
    pub fn gwet_ac1(&self) -> Option<f64> {
        let p = self.prevalence()?;
        chance_corrected(self.percent_agreement()?, 2.0 * p * (1.0 - p))
    }

    /// Brennan & Prediger (1981) with q = 2: p_e = 1/2. `None` if m < 2 or N = 0.
    pub fn brennan_prediger(&self) -> Option<f64> {
        chance_corrected(self.percent_agreement()?, 0.5)
    }

    /// Proportion of specific positive agreement: of the coder pairs in which at least the first
    /// coder applied the code, the share in which the second did too,
    /// Σ_u j(j − 1) / Σ_u j(m − 1); for two coders 2·both/(2·both + a_only + b_only)
    /// (Cicchetti & Feinstein 1990; Uebersax's form for many raters). Uncoded units do not
    /// enter it. `None` if m < 2 or nobody applied the code.
    pub fn positive_agreement(&self) -> Option<f64> {
        self.valid()?;
        let applied = self.sum(|j, m| j * (m - 1.0));
        (applied > 0.0).then(|| self.sum(|j, _| j * (j - 1.0)) / applied)
    }

    /// Coincidences (o_00, o_01 = o_10, o_11) and pairable values n = N·m.
    fn coincidences(&self) -> Option<(f64, f64, f64, f64)> {
        let (m, n) = self.valid()?;
        let o00 = self.sum(|j, m| (m - j) * (m - j - 1.0)) / (m - 1.0);
        let o01 = self.sum(|j, m| j * (m - j)) / (m - 1.0);
        let o11 = self.sum(|j, _| j * (j - 1.0)) / (m - 1.0);
        Some((o00, o01, o11, n * m))
    }

    /// Krippendorff's nominal alpha (Krippendorff 2011): with o_01 = Σ_u j(m − j)/(m − 1),
    /// n_1 = Σ_u j, n_0 = Σ_u (m − j) and n = N m, D_o = 2 o_01/n and
    /// D_e = 2 n_0 n_1/(n(n − 1)), α = 1 − D_o/D_e. `None` if m < 2, N = 0 or one value only.
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        let (o00, o01, o11, n) = self.coincidences()?;
        let n1 = o11 + o01;
        let n0 = o00 + o01;
        if n0 * n1 <= 0.0 {
            return None;
        }
        let d_o = 2.0 * o01 / n;
        let d_e = 2.0 * n0 * n1 / (n * (n - 1.0));
        finite(1.0 - d_o / d_e)
    }

    /// 95% bootstrap interval for [`PresenceTally::krippendorff_alpha`] by the
    /// coincidence-based algorithm of Hayes & Krippendorff (2007) (see
    /// [`super::krippendorff_alpha_bootstrap_ci_with`]). Deterministic for a seed.
    pub fn krippendorff_alpha_bootstrap_ci(&self, samples: usize, seed: u64) -> Option<(f64, f64)> {
        self.krippendorff_alpha()?;
        let (o00, o01, o11, n) = self.coincidences()?;
        let (m, units) = self.valid()?;
        let n1 = o11 + o01;
        let n0 = o00 + o01;
        let d_e = 2.0 * n0 * n1 / (n * (n - 1.0));
        let cells = [(o00, 0.0, true), (2.0 * o01, 1.0, false), (o11, 0.0, true)]
            .into_iter()
            .filter(|(w, _, _)| *w > 0.0)
            .map(|(weight, delta, diagonal)| BootCell {
                weight,
                delta,
                diagonal,
            })
            .collect();
        let input = BootInput {
            cells,
            n,
            pairs: units * m * (m - 1.0) / 2.0,
            d_e,
            coders: m as usize,
        };
        bootstrap_cells(&input, samples, seed)
    }
}

impl PresenceTally {
    /// The 95% interval of [`PresenceTally::krippendorff_alpha`] by `method` (the bootstrap
    /// over units resamples the m + 1 cells of the histogram).
    pub fn krippendorff_alpha_ci(
        &self,
        method: AlphaInterval,
        samples: usize,
        seed: u64,
    ) -> Option<(f64, f64)> {
        match method {
            AlphaInterval::Bootstrap => Patterns::from_presence(self.counts()).alpha_bootstrap_ci(
                Level::Nominal,
                &[],
                samples,
                seed,
            ),
            AlphaInterval::Kalpha => self.krippendorff_alpha_bootstrap_ci(samples, seed),
            AlphaInterval::Jackknife => Patterns::from_presence(self.counts())
                .alpha_jackknife(Level::Nominal, &[], 0.95)
                .map(|j| (j.ci[0], j.ci[1])),
        }
    }
}

impl From<Binary2x2> for PresenceTally {
    /// Two coders: j = 0 for `neither`, 1 for `a_only` + `b_only`, 2 for `both`.
    fn from(t: Binary2x2) -> Self {
        Self::from_counts(vec![t.neither, t.a_only.saturating_add(t.b_only), t.both])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// Three coders, five units with j = 3, 3, 2, 0, 0 coders marking the code.
    /// Pairwise agreement per unit: 1, 1, 1/3, 1, 1 → p_a = 4.333/5 = 13/15.
    /// π = (3 + 3 + 2)/15 = 8/15; Fleiss p_e = (64 + 49)/225 = 113/225 →
    /// κ = (13/15 − 113/225)/(112/225) = (195 − 113)/112 = 82/112.
    /// AC1 p_e = 2·(8/15)(7/15) = 112/225 → (195 − 112)/113 = 83/113.
    /// BP: (13/15 − 1/2)/(1/2) = 11/15.
    /// α: n = 15, n_1 = 8, n_0 = 7; o_01 = 2·1/2 = 1 → D_o = 2/15,
    /// D_e = 2·56/(15·14) = 8/15 → α = 1 − 1/4 = 0.75.
    #[test]
    fn three_coders_by_hand() {
        let t = PresenceTally::from_counts(vec![2, 0, 1, 2]);
        assert_eq!(t.coders(), 3);
        assert_eq!(t.units(), 5);
        assert_eq!(t.unanimous(), 4);
        assert!(close(t.percent_agreement(), 13.0 / 15.0));
        assert!(close(t.fleiss_kappa(), 82.0 / 112.0));
        assert!(close(t.gwet_ac1(), 83.0 / 113.0));
        assert!(close(t.brennan_prediger(), 11.0 / 15.0));
        // Positive agreement: Σ j(j − 1) = 6 + 6 + 2 = 14; Σ j(m − 1) = 2·8 = 16.
        assert!(close(t.positive_agreement(), 14.0 / 16.0));
        assert!(close(t.krippendorff_alpha(), 0.75));
        let ci = t.krippendorff_alpha_bootstrap_ci(500, 3).unwrap();
        assert!(ci.0 <= ci.1 && ci.1 <= 1.0);
    }

    #[test]
    fn two_coders_match_the_2x2_table() {
        let table = Binary2x2::new(20, 5, 10, 15);
        let t = PresenceTally::from(table);
        assert!(close(t.percent_agreement(), 0.7));
        assert!(close(t.krippendorff_alpha(), 0.4));
        // 2·20/(40 + 5 + 10) = 40/55.
        assert!(close(t.positive_agreement(), 40.0 / 55.0));
        assert_eq!(t.gwet_ac1(), table.gwet_ac1());
        assert!(close(t.fleiss_kappa(), table.scott_pi().unwrap()));
    }

    #[test]
    fn degenerate_tallies() {
        assert_eq!(PresenceTally::new(2).percent_agreement(), None);
        assert_eq!(PresenceTally::new(1).krippendorff_alpha(), None);
        let never = PresenceTally::from_counts(vec![9, 0, 0]);
        assert_eq!(never.percent_agreement(), Some(1.0));
        assert_eq!(never.fleiss_kappa(), None);
        assert_eq!(never.krippendorff_alpha(), None);
        assert_eq!(never.krippendorff_alpha_bootstrap_ci(100, 1), None);
        assert_eq!(never.gwet_ac1(), Some(1.0));
        assert_eq!(never.positive_agreement(), None);
        let mut t = PresenceTally::new(2);
        t.add(7); // more coders than there are: ignored
        assert_eq!(t.units(), 0);
    }
}
