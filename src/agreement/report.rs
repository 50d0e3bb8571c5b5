//! The agreement report of a project: what the CLI prints as JSON (the contract's keys first,
//! extras after) and what an Agreement screen shows — per-code rows that sort by any measure,
//! threshold flags, and an account of what was counted.

use serde::Serialize;

use super::collect::{CodeScope, Exclusions};
use super::filters::Filters;
use super::inference::Inference;
use super::patterns::AlphaInterval;

/// What one compared observation is: a whole unit, or a character inside a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Presence/absence of each code per unit.
    #[default]
    Unit,
    /// Presence/absence of each code per character (spans), plus unitized alpha.
    Span,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Unit => "unit",
            Granularity::Span => "span",
        }
    }
}

/// Krippendorff's (2004, Content Analysis 2nd ed., p. 241) reliability thresholds: rely on
/// variables with α ≥ .800, draw only tentative conclusions from .667 ≤ α < .800, and do not
/// rely on α < .667.
pub const ALPHA_GOOD: f64 = 0.800;
/// See [`ALPHA_GOOD`].
pub const ALPHA_TENTATIVE: f64 = 0.667;

/// Where a code's alpha stands against Krippendorff's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// α ≥ .800.
    Ok,
    /// .667 ≤ α < .800: tentative conclusions only; the definition needs work.
    Tentative,
    /// α < .667: not reliable; the definition needs work.
    Unreliable,
    /// α undefined (no variation: e.g. nobody applied the code).
    Undefined,
}

impl Flag {
    pub fn of(alpha: Option<f64>) -> Flag {
        match alpha {
            None => Flag::Undefined,
            Some(a) if a >= ALPHA_GOOD => Flag::Ok,
            Some(a) if a >= ALPHA_TENTATIVE => Flag::Tentative,
            Some(_) => Flag::Unreliable,
        }
    }
}

/// The measures a per-code table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    PercentAgreement,
    CohenKappa,
    KrippendorffAlpha,
    GwetAc1,
    Pabak,
    ScottPi,
    FleissKappa,
    PositiveAgreement,
    UnitizedAlpha,
}

impl Measure {
    pub const ALL: [Measure; 9] = [
        Measure::PercentAgreement,
        Measure::CohenKappa,
        Measure::KrippendorffAlpha,
        Measure::GwetAc1,
        Measure::Pabak,
        Measure::ScottPi,
        Measure::FleissKappa,
        Measure::PositiveAgreement,
        Measure::UnitizedAlpha,
    ];

    /// The JSON key of the measure.
    pub fn key(self) -> &'static str {
        match self {
            Measure::PercentAgreement => "percent_agreement",
            Measure::CohenKappa => "cohen_kappa",
            Measure::KrippendorffAlpha => "krippendorff_alpha",
            Measure::GwetAc1 => "gwet_ac1",
            Measure::Pabak => "pabak",
            Measure::ScottPi => "scott_pi",
            Measure::FleissKappa => "fleiss_kappa",
            Measure::PositiveAgreement => "positive_agreement",
            Measure::UnitizedAlpha => "unitized_alpha",
        }
    }
}

/// Agreement on one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    /// The code's id.
    pub code: String,
    /// Units counted.
    pub units: u64,
    /// Two coders: units (characters at span level) where both / only A / only B / neither
    /// applied the code. `null` for three or more coders (see `present_by`).
    pub both: Option<u64>,
    pub a_only: Option<u64>,
    pub b_only: Option<u64>,
    pub neither: Option<u64>,
    pub percent_agreement: Option<f64>,
    /// Cohen's kappa: two coders only.
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    pub gwet_ac1: Option<f64>,
    /// PABAK: two coders only.
    pub pabak: Option<f64>,
    pub name: String,
    pub parent: Option<String>,
    /// A parent code counted by roll-up of its sub-codes.
    pub rollup: bool,
    pub scott_pi: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    /// Conger's (1980) kappa: three or more coders only.
    pub conger_kappa: Option<f64>,
    /// Proportion of specific positive agreement.
    pub positive_agreement: Option<f64>,
    /// 95% interval of `krippendorff_alpha` (which one: the report's `alpha_interval`).
    pub krippendorff_alpha_ci: Option<[f64; 2]>,
    /// Per coder, in `coders` order: units (characters) where the coder applied the code.
    pub applied: Vec<u64>,
    /// `present_by[j]`: units (characters) on which exactly j coders applied the code.
    pub present_by: Vec<u64>,
    /// Span level: Krippendorff's unitized alpha over the continuum of counted units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unitized_alpha: Option<Option<f64>>,
    /// Krippendorff's thresholds applied to `krippendorff_alpha` (unit level) or
    /// `unitized_alpha` (span level).
    pub flag: Flag,
    /// Standard errors, 95% t intervals and p-values (Gwet 2014, as irrCAC).
    pub inference: Inference,
}

impl CodeAgreement {
    /// The value of a measure (`None` when undefined or not computed).
    pub fn measure(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::PercentAgreement => self.percent_agreement,
            Measure::CohenKappa => self.cohen_kappa,
            Measure::KrippendorffAlpha => self.krippendorff_alpha,
            Measure::GwetAc1 => self.gwet_ac1,
            Measure::Pabak => self.pabak,
            Measure::ScottPi => self.scott_pi,
            Measure::FleissKappa => self.fleiss_kappa,
            Measure::PositiveAgreement => self.positive_agreement,
            Measure::UnitizedAlpha => self.unitized_alpha.flatten(),
        }
    }

    /// The alpha the flag is based on.
    pub fn flagged_alpha(&self) -> Option<f64> {
        match self.unitized_alpha {
            Some(u) => u,
            None => self.krippendorff_alpha,
        }
    }
}

/// Summary over all compared codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    /// Share of counted units (characters) on which the coders' code sets are identical.
    pub percent_agreement: Option<f64>,
    /// Pooled kappa (de Vries et al. 2008) over the per-code tables; two coders only.
    pub cohen_kappa_pooled: Option<f64>,
    /// Krippendorff's alpha over the code sets with the MASI distance (Passonneau 2006).
    pub krippendorff_alpha_masi: Option<f64>,
    /// Mean of the defined per-code Cohen's kappas; two coders only.
    pub mean_cohen_kappa: Option<f64>,
    pub krippendorff_alpha_masi_ci: Option<[f64; 2]>,
    /// Units (characters) with identical code sets.
    pub identical: u64,
    /// Codes whose kappa is defined (entered `mean_cohen_kappa`).
    pub codes_with_kappa: usize,
    /// Mean of the defined per-code Fleiss' kappas (any number of coders).
    pub mean_fleiss_kappa: Option<f64>,
    /// Distinct code sets among the values compared by the MASI alpha.
    pub distinct_code_sets: usize,
    /// Mean of the defined per-code Conger's kappas; three or more coders only.
    pub mean_conger_kappa: Option<f64>,
    /// Conger's kappa from the mean observed and mean chance agreement over the codes with a
    /// defined chance agreement (pooled as de Vries et al. 2008 pool Cohen's); three or more
    /// coders only.
    pub conger_kappa_pooled: Option<f64>,
}

/// Nominal agreement on a group of mutually exclusive codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAgreement {
    /// The parent code's id.
    pub group: String,
    pub name: String,
    /// Category ids: the group's codes, then `(none)`.
    pub categories: Vec<String>,
    pub category_names: Vec<String>,
    /// Counted units on which at least one coder applied a code of the group.
    pub units: u64,
    /// Counted units on which no coder applied a code of the group (left out).
    pub units_without_group: u64,
    /// Coder-unit values with two or more codes of the group (treated as missing).
    pub ambiguous: u64,
    /// Units with at least two usable values.
    pub pairable_units: u64,
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
    pub scott_pi: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    pub krippendorff_alpha_ci: Option<[f64; 2]>,
    pub fleiss_kappa: Option<f64>,
    pub gwet_ac1: Option<f64>,
    /// Conger's (1980) kappa: three or more coders only.
    pub conger_kappa: Option<f64>,
    /// Two coders: `confusion[a][b]` = units where A chose category a and B category b.
    pub confusion: Option<Vec<Vec<u64>>>,
    pub flag: Flag,
}

/// Bootstrap settings used for the intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bootstrap {
    pub samples: usize,
    pub seed: u64,
}

/// Agreement between coders on a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    pub coders: Vec<String>,
    pub level: Granularity,
    /// Units counted (reviewed by every selected coder, passing the filters).
    pub units: u64,
    pub overall: Overall,
    pub codes: Vec<CodeAgreement>,
    pub project: String,
    /// Span level: characters (Unicode scalar values) in the counted units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub characters: Option<u64>,
    pub code_scope: CodeScope,
    /// Active parent codes not compared on their own.
    pub codes_not_counted: Vec<String>,
    pub filters: Filters,
    pub excluded: Exclusions,
    pub exclusive_groups: Vec<GroupAgreement>,
    pub thresholds: Thresholds,
    pub bootstrap: Bootstrap,
    /// Which interval `krippendorff_alpha_ci` is (the MASI interval is always KALPHA's).
    pub alpha_interval: AlphaInterval,
    /// `alpha_interval` in words, for tables and screens.
    pub alpha_interval_label: &'static str,
    /// What was counted, in words, and caveats (also in the Markdown report).
    pub notes: Vec<String>,
}

/// The thresholds behind the flags.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub good: f64,
    pub tentative: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            good: ALPHA_GOOD,
            tentative: ALPHA_TENTATIVE,
        }
    }
}

impl AgreementReport {
    /// Per-code rows sorted by a measure (undefined values last; ties keep codebook order).
    pub fn codes_sorted_by(&self, m: Measure, descending: bool) -> Vec<&CodeAgreement> {
        let mut rows: Vec<&CodeAgreement> = self.codes.iter().collect();
        rows.sort_by(|a, b| match (a.measure(m), b.measure(m)) {
            (Some(x), Some(y)) if descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        rows
    }

    /// Codes flagged below a threshold, worst first: the definitions that need work.
    pub fn codes_needing_work(&self) -> Vec<&CodeAgreement> {
        let mut rows: Vec<&CodeAgreement> = self
            .codes
            .iter()
            .filter(|c| matches!(c.flag, Flag::Tentative | Flag::Unreliable))
            .collect();
        rows.sort_by(|a, b| {
            let (x, y) = (a.flagged_alpha(), b.flagged_alpha());
            x.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&y.unwrap_or(f64::NEG_INFINITY))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_krippendorffs_thresholds() {
        assert_eq!(Flag::of(None), Flag::Undefined);
        assert_eq!(Flag::of(Some(0.8)), Flag::Ok);
        assert_eq!(Flag::of(Some(0.7999)), Flag::Tentative);
        assert_eq!(Flag::of(Some(0.667)), Flag::Tentative);
        assert_eq!(Flag::of(Some(0.6669)), Flag::Unreliable);
        assert_eq!(Flag::of(Some(-0.2)), Flag::Unreliable);
    }
}
