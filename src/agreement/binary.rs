//! Two-coder presence/absence agreement for one binary code from a 2×2 table of
//! counts, and pooled / mean kappa across several codes (de Vries et al. 2008).

use super::data::{chance_corrected, finite};

/// 2×2 table of two coders' presence/absence decisions for one code over the same
/// units: `both` = both applied it, `a_only` / `b_only` = only coder A / B did,
/// `neither` = neither did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Binary2x2 {
    /// Units where both coders applied the code.
    pub both: u64,
    /// Units where only coder A applied the code.
    pub a_only: u64,
    /// Units where only coder B applied the code.
    pub b_only: u64,
    /// Units where neither coder applied the code.
    pub neither: u64,
}

impl Binary2x2 {
    /// Table from the four counts.
    pub fn new(both: u64, a_only: u64, b_only: u64, neither: u64) -> Self {
        Self {
            both,
            a_only,
            b_only,
            neither,
        }
    }

    /// Table from per-unit (coder A applied, coder B applied) decisions.
    pub fn from_pairs<I: IntoIterator<Item = (bool, bool)>>(pairs: I) -> Self {
        let mut t = Self::default();
        for (a, b) in pairs {
            let cell = match (a, b) {
                (true, true) => &mut t.both,
                (true, false) => &mut t.a_only,
                (false, true) => &mut t.b_only,
                (false, false) => &mut t.neither,
            };
            *cell = cell.saturating_add(1);
        }
        t
    }

    /// Number of units N (saturating).
    pub fn total(&self) -> u64 {
        self.both
            .saturating_add(self.a_only)
            .saturating_add(self.b_only)
            .saturating_add(self.neither)
    }

    fn n(&self) -> f64 {
        self.both as f64 + self.a_only as f64 + self.b_only as f64 + self.neither as f64
    }

    /// Proportions (p_A, p_B) of units each coder marked present; `None` if N = 0.
    fn presence(&self) -> Option<(f64, f64)> {
        let n = self.n();
        (n > 0.0).then(|| {
            (
                (self.both as f64 + self.a_only as f64) / n,
                (self.both as f64 + self.b_only as f64) / n,
            )
        })
    }

    /// Observed agreement p_o = (both + neither)/N; `None` if N = 0.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.n();
        (n > 0.0).then(|| (self.both as f64 + self.neither as f64) / n)
    }

    /// Cohen's chance agreement p_e = p_A p_B + (1 − p_A)(1 − p_B); `None` if N = 0.
    pub fn expected_agreement(&self) -> Option<f64> {
        let (pa, pb) = self.presence()?;
        Some(pa * pb + (1.0 - pa) * (1.0 - pb))
    }

    /// Cohen's (1960) kappa; `None` if N = 0 or p_e = 1 (both coders constant and
    /// equal).
    pub fn cohen_kappa(&self) -> Option<f64> {
        chance_corrected(self.percent_agreement()?, self.expected_agreement()?)
    }

    /// Scott's (1955) pi with pooled marginal π = (p_A + p_B)/2; `None` if N = 0 or
    /// every decision is the same.
    pub fn scott_pi(&self) -> Option<f64> {
        let (pa, pb) = self.presence()?;
        let p = (pa + pb) / 2.0;
        chance_corrected(self.percent_agreement()?, p * p + (1.0 - p) * (1.0 - p))
    }

    /// Krippendorff's nominal alpha for two coders without missing data
    /// (Krippendorff 2011, section A): with n = 2N pairable values,
    /// n_1 = 2·both + a_only + b_only, n_0 = 2·neither + a_only + b_only and
    /// D = a_only + b_only disagreeing units, α = 1 − (n − 1)·D/(n_0·n_1).
    /// `None` if N = 0 or every decision is the same.
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        let d = self.a_only as f64 + self.b_only as f64;
        let n1 = 2.0 * self.both as f64 + d;
        let n0 = 2.0 * self.neither as f64 + d;
        let n = n0 + n1;
        if n0 * n1 <= 0.0 {
            return None;
        }
        finite(1.0 - (n - 1.0) * d / (n0 * n1))
    }

    /// Gwet's (2008) AC1 for two coders and q = 2 categories:
    /// p_e = 2π(1 − π) with π = (p_A + p_B)/2. `None` if N = 0.
    pub fn gwet_ac1(&self) -> Option<f64> {
        let (pa, pb) = self.presence()?;
        let p = (pa + pb) / 2.0;
        chance_corrected(self.percent_agreement()?, 2.0 * p * (1.0 - p))
    }

    /// Prevalence- and bias-adjusted kappa, PABAK = 2·p_o − 1 (Byrt, Bishop &
    /// Carlin 1993). `None` if N = 0.
    pub fn pabak(&self) -> Option<f64> {
        Some(2.0 * self.percent_agreement()? - 1.0)
    }
}

/// Pooled kappa across several binary codes (de Vries, Elliott, Kanouse &
/// Teleki 2008, "Using pooled kappa to summarize interrater agreement across many
/// items", Field Methods 20(3)): κ_pooled = (p̄_o − p̄_e)/(1 − p̄_e) where p̄_o and
/// p̄_e are the means over codes of each code's observed and Cohen-expected
/// agreement.
///
/// Tables with N = 0 carry no information and are skipped. `None` if no table has
/// units or p̄_e = 1.
pub fn pooled_kappa(tables: &[Binary2x2]) -> Option<f64> {
    pooled(
        tables
            .iter()
            .filter_map(|t| Some((t.percent_agreement()?, t.expected_agreement()?))),
    )
}

/// κ = (p̄_o − p̄_e)/(1 − p̄_e) from each code's (observed, chance) agreement, the pooling of
/// [`pooled_kappa`] for any chance model. `None` without a code or when p̄_e = 1.
pub(super) fn pooled(agreements: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut po, mut pe, mut k) = (0.0, 0.0, 0usize);
    for (o, e) in agreements {
        po += o;
        pe += e;
        k += 1;
    }
    if k == 0 {
        return None;
    }
    chance_corrected(po / k as f64, pe / k as f64)
}

/// Simple mean of the per-code Cohen's kappas, skipping codes whose kappa is
/// undefined; `None` if all are undefined (or `tables` is empty).
pub fn mean_kappa(tables: &[Binary2x2]) -> Option<f64> {
    let kappas: Vec<f64> = tables.iter().filter_map(Binary2x2::cohen_kappa).collect();
    (!kappas.is_empty()).then(|| kappas.iter().sum::<f64>() / kappas.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn two_by_two_by_hand() {
        // 20 yes/yes, 5 A-only, 10 B-only, 15 no/no (N = 50).
        // p_o = 35/50 = 0.7; p_A = 0.5, p_B = 0.6; p_e = 0.3 + 0.2 = 0.5; κ = 0.4.
        // π = 0.55: Scott p_e = 0.3025 + 0.2025 = 0.505, π̂ = 0.195/0.495.
        // AC1 p_e = 2·0.55·0.45 = 0.495, AC1 = 0.205/0.505. PABAK = 0.4.
        // α: n = 100, n1 = 55, n0 = 45, D = 15: 1 − 99·15/2475 = 0.4.
        let t = Binary2x2::new(20, 5, 10, 15);
        assert_eq!(t.total(), 50);
        assert!(close(t.percent_agreement(), 0.7));
        assert!(close(t.cohen_kappa(), 0.4));
        assert!(close(t.scott_pi(), 0.195 / 0.495));
        assert!(close(t.gwet_ac1(), 0.205 / 0.505));
        assert!(close(t.pabak(), 0.4));
        assert!(close(t.krippendorff_alpha(), 0.4));
    }

    #[test]
    fn empty_and_constant_tables() {
        let empty = Binary2x2::default();
        assert_eq!(empty.percent_agreement(), None);
        assert_eq!(empty.cohen_kappa(), None);
        assert_eq!(empty.krippendorff_alpha(), None);
        assert_eq!(empty.gwet_ac1(), None);
        assert_eq!(empty.pabak(), None);
        let all_absent = Binary2x2::new(0, 0, 0, 7);
        assert_eq!(all_absent.percent_agreement(), Some(1.0));
        assert_eq!(all_absent.cohen_kappa(), None);
        assert_eq!(all_absent.scott_pi(), None);
        assert_eq!(all_absent.krippendorff_alpha(), None);
        assert_eq!(all_absent.pabak(), Some(1.0));
        assert_eq!(all_absent.gwet_ac1(), Some(1.0)); // p_e = 0 here, well defined
    }

    #[test]
    fn from_pairs_counts_cells() {
        let t =
            Binary2x2::from_pairs([(true, true), (true, false), (false, false), (false, false)]);
        assert_eq!(t, Binary2x2::new(1, 1, 0, 2));
    }

    #[test]
    fn pooled_and_mean_kappa() {
        // Code 1: (20,5,10,15): p_o = 0.7, p_e = 0.5, κ = 0.4.
        // Code 2: (5,5,0,40): p_o = 0.9, p_A = 0.2, p_B = 0.1, p_e = 0.02 + 0.72 = 0.74,
        //   κ = 0.16/0.26.
        // Pooled: p̄_o = 0.8, p̄_e = 0.62 -> 0.18/0.38. Mean: (0.4 + 0.16/0.26)/2.
        // Code 3 is constant (κ undefined) but pools: p_o = 1, p_e = 1.
        let t1 = Binary2x2::new(20, 5, 10, 15);
        let t2 = Binary2x2::new(5, 5, 0, 40);
        assert!(close(pooled_kappa(&[t1, t2]), 0.18 / 0.38));
        assert!(close(mean_kappa(&[t1, t2]), (0.4 + 0.16 / 0.26) / 2.0));
        let t3 = Binary2x2::new(0, 0, 0, 50);
        // p̄_o = 2.6/3, p̄_e = 2.24/3 -> (0.36/3)/(0.76/3) = 0.36/0.76.
        assert!(close(pooled_kappa(&[t1, t2, t3]), 0.36 / 0.76));
        assert!(close(mean_kappa(&[t1, t2, t3]), (0.4 + 0.16 / 0.26) / 2.0));
        assert_eq!(mean_kappa(&[t3]), None);
        assert_eq!(pooled_kappa(&[t3]), None);
        assert_eq!(pooled_kappa(&[]), None);
        assert_eq!(mean_kappa(&[]), None);
        assert!(close(pooled_kappa(&[Binary2x2::default(), t1]), 0.4));
    }
}
