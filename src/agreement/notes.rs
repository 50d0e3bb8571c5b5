//! The report's account of itself in words: what the unit was, what was counted and left out
//! and why, which codes were compared, what each figure means, and the thresholds.

use super::collect::CodeScope;
use super::patterns::AlphaInterval;
use super::report::{AgreementReport, Granularity};

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Sentences for the report (Markdown bullets; `notes` in JSON).
pub(super) fn notes(r: &AgreementReport, masi_ci_skipped: bool) -> Vec<String> {
    let mut out = Vec::new();
    let m = r.coders.len();
    let ex = &r.excluded;
    let who = if m == 2 {
        format!("both {} and {}", r.coders[0], r.coders[1])
    } else {
        format!("all {m} coders ({})", r.coders.join(", "))
    };
    out.push(match r.level {
        Granularity::Unit => {
            "Unit of analysis: the coded unit (a survey answer, a speaker turn or a notes \
             paragraph). A code counts as present in a unit when the coder applied it anywhere in \
             it, to the whole unit or to a span."
                .to_string()
        }
        Granularity::Span => format!(
            "Unit of analysis: the character (Unicode scalar value) inside the counted units, \
             {} in all; a coding without a span covers its whole unit. Per-code counts are \
             characters. Uncoded characters count as \"neither\", so percent agreement and PABAK \
             are inflated by uncoded text: report kappa, alpha, unitized alpha or positive \
             agreement.",
            r.characters.unwrap_or(0)
        ),
    });
    let filtered = if r.filters.is_empty() {
        String::new()
    } else {
        " and pass the filters".to_string()
    };
    out.push(format!(
        "Counted: {} of the project's {}: those reviewed by {who}{filtered}. A unit a coder has \
         not marked reviewed is missing for that coder, not \"no code applies\".",
        r.units,
        plural(ex.project_units as u64, "unit", "units"),
    ));
    let mut parts = Vec::new();
    if ex.filtered_by_kind > 0 {
        parts.push(format!("{} by the source-kind filter", ex.filtered_by_kind));
    }
    if ex.filtered_by_attribute > 0 {
        parts.push(format!(
            "{} by the case-attribute filter",
            ex.filtered_by_attribute
        ));
    }
    if ex.moderator_turns > 0 {
        parts.push(format!(
            "{} (context; --moderators compares them)",
            plural(
                ex.moderator_turns as u64,
                "moderator turn",
                "moderator turns"
            )
        ));
    }
    if ex.not_reviewed_by_all > 0 {
        let detail = if m == 2 {
            let none = ex.reviewed_by_none;
            let only = |other: &str| {
                ex.not_reviewed_by
                    .get(other)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(none)
            };
            format!(
                "reviewed by {} only: {}, {} only: {}, neither: {none}",
                r.coders[0],
                only(&r.coders[1]),
                r.coders[1],
                only(&r.coders[0])
            )
        } else {
            let per: Vec<String> = r
                .coders
                .iter()
                .map(|c| format!("{c}: {}", ex.not_reviewed_by.get(c).copied().unwrap_or(0)))
                .collect();
            format!(
                "review marks missing from {}; from all: {}",
                per.join(", "),
                ex.reviewed_by_none
            )
        };
        parts.push(format!(
            "{} not reviewed by {who} ({detail})",
            ex.not_reviewed_by_all
        ));
    }
    out.push(if parts.is_empty() {
        "Excluded: none.".to_string()
    } else {
        format!("Excluded: {}.", parts.join("; "))
    });
    if ex.unreviewed_with_codings > 0 {
        out.push(format!(
            "{} left out for a missing review mark carry codings that were not counted; \
             mark them reviewed (`thematic review`) to count them.",
            plural(ex.unreviewed_with_codings as u64, "unit", "units")
        ));
    }
    out.push(format!("Filters: {}.", r.filters.describe()));
    let k = r.codes.len();
    out.push(match r.code_scope {
        CodeScope::Leaves => {
            let mut s = format!("Codes compared: {k} (every active code without sub-codes).");
            if !r.codes_not_counted.is_empty() {
                s.push_str(&format!(
                    " Parent codes not compared on their own: {}.",
                    r.codes_not_counted.join(", ")
                ));
            }
            s
        }
        CodeScope::LeavesAndParents => format!(
            "Codes compared: {k} (every active code; a parent code counts as present where the \
             coder applied it or any of its sub-codes)."
        ),
        CodeScope::Applied => format!("Codes compared: {k} (every active code, as applied)."),
    });
    if ex.parent_codings_not_counted > 0 {
        out.push(format!(
            "{} of parent codes on counted units were not counted (use --parents to roll them up).",
            plural(ex.parent_codings_not_counted as u64, "coding", "codings")
        ));
    }
    if ex.removed_code_codings > 0 {
        out.push(format!(
            "{} of removed codes are hidden (kept in the logs, restorable).",
            plural(ex.removed_code_codings as u64, "coding", "codings")
        ));
    }
    if ex.unknown_unit_entries > 0 {
        out.push(format!(
            "{} in the coding logs name units that are not in the project and were ignored.",
            plural(ex.unknown_unit_entries as u64, "entry", "entries")
        ));
    }
    if ex.spans_clamped > 0 {
        out.push(format!(
            "{} ran past the end of their unit's text and were cut at its end.",
            plural(ex.spans_clamped, "span", "spans")
        ));
    }
    let what = match r.level {
        Granularity::Unit => "units",
        Granularity::Span => "characters",
    };
    out.push(format!(
        "Overall percent agreement is the share of counted {what} on which the coders' sets of \
         compared codes are identical ({} of {}).",
        r.overall.identical,
        match r.level {
            Granularity::Unit => r.units,
            Granularity::Span => r.characters.unwrap_or(0),
        }
    ));
    out.push(format!(
        "Per code: presence/absence; Cohen's kappa (Cohen 1960), Krippendorff's alpha, nominal \
         (Krippendorff 2011), Gwet's AC1 (Gwet 2008), PABAK (Byrt, Bishop & Carlin 1993) and \
         positive agreement (Cicchetti & Feinstein 1990). Overall: pooled kappa over the {k} \
         per-code tables (de Vries et al. 2008), {mean}, and Krippendorff's alpha over each \
         coder's set of codes with the MASI distance (Passonneau 2006).",
        mean = match (m, r.overall.codes_with_kappa) {
            (2, 0) => "no mean kappa (no per-code kappa is defined)".to_string(),
            (2, n) => format!("the mean of the {n} defined per-code kappas"),
            _ => "the mean of the defined per-code Fleiss' kappas".to_string(),
        }
    ));
    if r.level == Granularity::Span {
        out.push(
            "Unitized alpha (Krippendorff 2004) compares each code's spans over one continuum: \
             the counted units laid end to end in project order."
                .into(),
        );
    }
    if m > 2 {
        out.push(format!(
            "With {m} coders, Cohen's kappa, PABAK, Scott's pi, pooled and mean kappa and the \
             both / A only / B only / neither counts (two-coder measures) are null; per code \
             see Fleiss' kappa (Fleiss 1971), alpha and AC1, and `present_by` (units by number \
             of coders applying the code)."
        ));
    }
    if r.bootstrap.samples > 0 {
        let (b, seed) = (r.bootstrap.samples, r.bootstrap.seed);
        let method = match r.alpha_interval {
            AlphaInterval::Bootstrap => format!(
                "Alpha intervals: 95% percentile bootstrap over units (whole units drawn with \
                 replacement, as many as were counted; Hughes 2022), {b} samples, seed {seed}; \
                 samples with no variation are left out. The MASI alpha interval is \
                 Krippendorff's coincidence bootstrap (KALPHA)."
            ),
            AlphaInterval::Kalpha => format!(
                "Alpha intervals: 95% bootstrap as in KALPHA (Hayes & Krippendorff 2007), {b} \
                 samples, seed {seed}; each sample draws min(25·Q, (m − 1)·n/2) pairs from the \
                 observed coincidences (Q non-empty cells, n pairable values), as \
                 Krippendorff's algorithm does, so the interval of large or rarely applied \
                 codes is wide and its coverage poor (Hughes 2022)."
            ),
        };
        out.push(format!(
            "{method}{}",
            if r.level == Granularity::Span {
                " Characters are not independent observations: treat span-level intervals as \
                 indicative only."
            } else {
                ""
            }
        ));
    }
    if r.level == Granularity::Unit {
        let population = r.codes.first().and_then(|c| c.inference.population).map_or(
            "the population of units taken as infinite".to_string(),
            |n| format!("corrected for sampling {} of {n} units", r.units),
        );
        out.push(format!(
            "Standard errors (per code, in `inference`): Gwet (2014) as irrCAC, {population}; \
             95% intervals coefficient ± t(n − 1)·SE (upper end at most 1); p-values two-sided \
             t tests of the coefficient being 0. Cohen's kappa and Scott's pi by the \
             two-coder contingency-table formulas; Conger's kappa needs each coder's rating of \
             each unit and is given by the ratings calculator only."
        ));
    } else {
        out.push(
            "No standard errors at span level: characters are not independent observations.".into(),
        );
    }
    if masi_ci_skipped {
        out.push(
            "The MASI alpha interval was not computed: its bootstrap draws up to n/2 pairs per \
             sample, which for this many units would take more than 20 million draws."
                .into(),
        );
    }
    out.push(
        "A measure shown as — (null in JSON) is undefined for the data, e.g. kappa and alpha of \
         a code nobody applied (no variation); it is not 1."
            .into(),
    );
    out.push(format!(
        "Flags (Krippendorff 2004, p. 241) on {}: below .667 the code is not reliable; from \
         .667 to .800 only tentative conclusions are warranted. Flagged codes' definitions need \
         work.",
        match r.level {
            Granularity::Unit => "alpha",
            Granularity::Span => "unitized alpha",
        }
    ));
    match r.level {
        Granularity::Unit if !r.exclusive_groups.is_empty() => out.push(
            "Exclusive groups: a group whose sub-codes are mutually exclusive is also compared \
             as one nominal variable (its codes plus \"(none)\"), on the units where some coder \
             applied one of its codes; a coder who applied two of them is missing there."
                .into(),
        ),
        Granularity::Span => {
            out.push("Exclusive groups are compared at unit level only (--level unit).".into())
        }
        _ => {}
    }
    out
}
