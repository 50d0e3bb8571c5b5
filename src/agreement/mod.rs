//! Inter-rater agreement measures: pure functions (no I/O, no panics) over
//! reliability data, returning `None` whenever a coefficient is undefined for the
//! data (0/0, no pairable units, invalid input) — never NaN.
//!
//! * Two coders, listwise: [`percent_agreement`], [`cohen_kappa`] (Cohen 1960),
//!   [`scott_pi`] (Scott 1955), [`pabak`] (Byrt, Bishop & Carlin 1993).
//! * Any number of coders with missing data, as in Gwet (2014) / the irrCAC R
//!   package: [`fleiss_kappa`] (Fleiss 1971), [`gwet_ac1`] (Gwet 2008),
//!   [`brennan_prediger`] (Brennan & Prediger 1981). These take the full category
//!   set (the codebook's codes, used or not).
//! * Krippendorff's alpha by the coincidence matrix (Krippendorff 2011):
//!   [`krippendorff_alpha`] at a [`Level`], [`krippendorff_alpha_nominal`] for any
//!   `PartialEq` codes, [`krippendorff_alpha_with`] for a custom difference
//!   function, [`krippendorff_alpha_masi`] for sets of codes with the MASI
//!   distance (Passonneau 2006), and a bootstrap CI (Hayes & Krippendorff 2007):
//!   [`krippendorff_alpha_bootstrap_ci`].
//! * Per-code presence/absence 2×2 tables: [`Binary2x2`], [`pooled_kappa`]
//!   (de Vries et al. 2008) and [`mean_kappa`].
//! * Unitizing: [`unitized_alpha`] (Krippendorff 2004) for spans of one category.
//! * Large data without a units × coders matrix of values: [`PresenceTally`] (one binary
//!   code, any number of coders, as a histogram), [`IndexedRatings`] (category indices in one
//!   flat array, closed-form expected disagreement) and [`MasiAlpha`] (sets as bitsets,
//!   sparse coincidences). Each equals its general counterpart (property tests).
//!
//! Reliability data is a [`Ratings`] matrix: `units()[unit][coder]`, `None` for
//! missing.

mod binary;
mod bootstrap;
mod data;
mod indexed;
mod krippendorff;
mod masi;
mod nominal;
mod presence;
mod set_alpha;
mod unitized;

#[cfg(test)]
mod tests_edge_cases;
#[cfg(test)]
mod tests_fast_paths;
#[cfg(test)]
mod tests_properties;
#[cfg(test)]
mod tests_published;

pub use binary::{Binary2x2, mean_kappa, pooled_kappa};
pub use bootstrap::{krippendorff_alpha_bootstrap_ci, krippendorff_alpha_bootstrap_ci_with};
pub use data::{Level, Ratings};
pub use indexed::IndexedRatings;
pub use krippendorff::{krippendorff_alpha, krippendorff_alpha_nominal, krippendorff_alpha_with};
pub use masi::{jaccard_distance, krippendorff_alpha_masi, masi_distance};
pub use nominal::{
    brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1, pabak, percent_agreement, scott_pi,
};
pub use presence::PresenceTally;
pub use set_alpha::MasiAlpha;
pub use unitized::unitized_alpha;
