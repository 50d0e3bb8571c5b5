//! Statistics for crosstabs: two-sided Fisher's exact test (2×2 and r×c Freeman–Halton),
//! its Monte Carlo estimate for tables too large to enumerate, Pearson's χ² (with Yates'
//! correction on request) and P values formatted like a journal.

pub mod chi2;
pub mod fisher;
pub(crate) mod gamma;
mod logfact;
mod network;
pub mod pvalue;
pub mod rng;
mod simulated;

#[cfg(test)]
mod tests_fisher;
#[cfg(test)]
mod tests_properties;

pub use chi2::{Chi2, chi2_sf, pearson_chi2};
pub use fisher::{Exact, fisher_exact, fisher_exact_within};
pub use pvalue::{format_p, significant};
pub use simulated::{REPLICATES, SEED, Simulated, fisher_simulated};

/// A contingency table of counts: rows × columns.
pub type Counts = Vec<Vec<u64>>;

/// The table with its empty rows and columns left out (they carry no information for a test),
/// or `None` when it is ragged.
pub(crate) fn without_empty(t: &[Vec<u64>]) -> Option<Counts> {
    let width = t.first().map_or(0, Vec::len);
    if t.iter().any(|r| r.len() != width) {
        return None;
    }
    let keep_cols: Vec<usize> = (0..width).filter(|&j| t.iter().any(|r| r[j] > 0)).collect();
    Some(
        t.iter()
            .filter(|r| r.iter().any(|&x| x > 0))
            .map(|r| keep_cols.iter().map(|&j| r[j]).collect())
            .collect(),
    )
}
