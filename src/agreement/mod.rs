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
//!
//! On a project (reading logs, no printing): [`project_agreement`] → [`AgreementReport`]
//! (per-code rows sortable by [`Measure`], overall figures, exclusive groups, and an account of
//! what was counted), [`Disagreements`] (units whose code sets differ, per-code lists), both
//! over [`CodedUnits`] (the units every selected coder reviewed, after [`Filters`]). For any
//! reliability data in a CSV file: [`ratings_agreement`] ([`ratings_csv`] reads it). Rendering: [`render`] (Markdown, CSV).

mod between_coders;
mod binary;
mod bootstrap;
mod coder_presence;
mod collect;
mod conger;
mod data;
mod disagreements;
mod exclusive;
mod filters;
mod gwet;
mod indexed;
mod inference;
mod jackknife;
mod krippendorff;
mod masi;
mod nominal;
mod notes;
mod pair;
mod patterns;
mod presence;
pub mod ratings_csv;
mod ratings_report;
mod ratings_table;
pub mod render;
mod report;
mod sampling;
mod set_alpha;
mod span;
mod student_t;
mod unitized;

#[cfg(test)]
mod tests_edge_cases;
#[cfg(test)]
mod tests_fast_paths;
#[cfg(test)]
mod tests_intervals;
#[cfg(test)]
mod tests_irrcac;
#[cfg(test)]
mod tests_jackknife;
#[cfg(test)]
mod tests_properties;
#[cfg(test)]
mod tests_published;

pub use between_coders::{AgreementOptions, project_agreement};
pub use binary::{Binary2x2, mean_kappa, pooled_kappa};
pub use bootstrap::{krippendorff_alpha_bootstrap_ci, krippendorff_alpha_bootstrap_ci_with};
pub use coder_presence::CoderPresence;
pub use collect::{CodeScope, CodedUnits, CountedCode, Exclusions, select_coders};
pub use conger::Weights;
pub use data::{Level, Ratings};
pub use disagreements::{
    CoderMemo, Disagreements, Pairwise, SpanDifference, Standing, UnitComparison, UnitDisagreement,
    classify,
};
pub use exclusive::NONE_CATEGORY;
pub use filters::Filters;
pub use gwet::{Estimate, Sampling};
pub use indexed::IndexedRatings;
pub use inference::Inference;
pub use jackknife::AlphaJackknife;
pub use krippendorff::{krippendorff_alpha, krippendorff_alpha_nominal, krippendorff_alpha_with};
pub use masi::{jaccard_distance, krippendorff_alpha_masi, masi_distance};
pub use nominal::{
    brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1, pabak, percent_agreement, scott_pi,
};
pub use pair::{Comparison, compare};
pub use patterns::{AlphaInterval, Patterns};
pub use presence::PresenceTally;
pub use ratings_report::{CalcOptions, RatingsReport, ratings_agreement, ratings_agreement_with};
pub use report::{
    ALPHA_GOOD, ALPHA_TENTATIVE, AgreementReport, Bootstrap, CodeAgreement, Flag, Granularity,
    GroupAgreement, Measure, Overall, Thresholds,
};
pub use set_alpha::MasiAlpha;
pub use unitized::unitized_alpha;
