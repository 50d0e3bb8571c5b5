//! Agreement between coders on a project: per code presence/absence (units, or characters at
//! span level), overall pooled and mean kappa and MASI alpha over code sets, and exclusive
//! groups — from the reliability data of `collect.rs`.

use super::binary::{Binary2x2, mean_kappa, pooled, pooled_kappa};
use super::coder_presence::CoderPresence;
use super::collect::{CodeScope, CodedUnits, CountedCode, Exclusions, select_coders};
use super::filters::Filters;
use super::gwet::Sampling;
use super::inference;
use super::patterns::AlphaInterval;
use super::presence::PresenceTally;
use super::report::{
    AgreementReport, Bootstrap, CodeAgreement, Flag, Granularity, Overall, Thresholds,
};
use super::set_alpha::MasiAlpha;
use super::{exclusive, notes, span};
use crate::error::Result;
use crate::project::Project;

/// What to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementOptions {
    /// Coder names; empty = the first two coders (by name).
    pub coders: Vec<String>,
    pub level: Granularity,
    pub filters: Filters,
    pub scope: CodeScope,
    /// Bootstrap for the alpha intervals (`samples` = 0: none).
    pub bootstrap: Bootstrap,
    /// Which alpha interval.
    pub interval: AlphaInterval,
    /// The population of units for the standard errors (None: infinite).
    pub population: Option<u64>,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        AgreementOptions {
            coders: Vec::new(),
            level: Granularity::Unit,
            filters: Filters::default(),
            scope: CodeScope::Leaves,
            bootstrap: Bootstrap {
                samples: 1000,
                seed: 1,
            },
            interval: AlphaInterval::default(),
            population: None,
        }
    }
}

/// Counts per compared code and over code sets, at unit or character level.
pub(super) struct Tallies {
    /// Per code: units (characters) by number of coders applying it.
    pub(super) presence: Vec<PresenceTally>,
    /// Per code, three or more coders: units (characters) by the set of coders applying it.
    pub(super) coder_sets: Vec<CoderPresence>,
    /// Per code, per coder: units (characters) where the coder applied it.
    pub(super) applied: Vec<Vec<u64>>,
    pub(super) masi: MasiAlpha,
    /// Units (characters) with identical code sets, and the total compared.
    pub(super) identical: u64,
    pub(super) observations: u64,
    /// Span level: unitized alpha per code, and the continuum length.
    pub(super) unitized: Option<Vec<Option<f64>>>,
    pub(super) characters: Option<u64>,
    /// Span level: spans that ran past their unit's text (cut at its end).
    pub(super) spans_clamped: u64,
}

impl Tallies {
    pub(super) fn new(codes: usize, coders: usize) -> Tallies {
        Tallies {
            presence: vec![PresenceTally::new(coders); codes],
            coder_sets: vec![CoderPresence::new(coders); codes],
            applied: vec![vec![0; coders]; codes],
            masi: MasiAlpha::new(codes),
            identical: 0,
            observations: 0,
            unitized: None,
            characters: None,
            spans_clamped: 0,
        }
    }

    /// Adds an observation (a unit, or a run of `weight` characters) given every coder's code
    /// set (`[coder][word]`, `words` words each).
    pub(super) fn add(&mut self, sets: &[u64], words: usize, weight: u64) {
        let m = self.applied.first().map_or(0, Vec::len);
        if m == 0 || weight == 0 {
            return;
        }
        let first = &sets[..words];
        if sets.chunks_exact(words).all(|s| s == first) {
            self.identical += weight;
        }
        self.observations += weight;
        for w in 0..words {
            let mut union = 0u64;
            for c in 0..m {
                union |= sets[c * words + w];
            }
            while union != 0 {
                let bit = union.trailing_zeros() as usize;
                union &= union - 1;
                let code = w * 64 + bit;
                let mut present = 0;
                let mut who = 0u64;
                for c in 0..m {
                    if (sets[c * words + w] >> bit) & 1 == 1 {
                        present += 1;
                        self.applied[code][c] += weight;
                        who |= 1u64.checked_shl(c as u32).unwrap_or(0);
                    }
                }
                self.presence[code].add_n(present, weight);
                self.coder_sets[code].add(who, weight);
            }
        }
        self.masi.add_unit(sets, weight);
    }

    /// Completes the per-code tallies with the observations on which nobody applied a code.
    pub(super) fn finish(&mut self) {
        for t in &mut self.presence {
            let absent = self.observations.saturating_sub(t.units());
            t.add_n(0, absent);
        }
    }
}

/// Agreement on a project (the `thematic agreement` command without `--ratings`).
pub fn project_agreement(p: &Project, opts: &AgreementOptions) -> Result<AgreementReport> {
    let coders = select_coders(p, &opts.coders)?;
    let data = CodedUnits::collect(p, &coders, &opts.filters, opts.scope)?;
    Ok(report_of(p, &data, opts))
}

/// The agreement report on units already collected, with the options' level, interval and
/// sampling (one place for what `agreement` and the comparison behind `disagreements` share).
pub(super) fn report_of(
    p: &Project,
    data: &CodedUnits,
    opts: &AgreementOptions,
) -> AgreementReport {
    AgreementReport::from_units_with(
        p,
        data,
        opts.level,
        opts.bootstrap,
        Sampling {
            population: opts.population,
            ..Sampling::default()
        },
        opts.interval,
    )
}

/// Unit level: each counted unit is one observation of every coder's code set.
fn unit_tallies(data: &CodedUnits) -> Tallies {
    let mut t = Tallies::new(data.codes.len(), data.m());
    for i in 0..data.units.len() {
        t.add(data.unit_sets(i), data.words(), 1);
    }
    t.finish();
    t
}

/// Skip the MASI interval when the bootstrap would need more than this many draws (about a
/// second; the MASI bootstrap draws up to n/2 pairs per sample).
const MASI_BOOTSTRAP_BUDGET: usize = 20_000_000;

impl AgreementReport {
    /// The report from collected reliability data, with the default alpha interval.
    pub fn from_units(
        p: &Project,
        data: &CodedUnits,
        level: Granularity,
        bootstrap: Bootstrap,
    ) -> AgreementReport {
        Self::from_units_with(
            p,
            data,
            level,
            bootstrap,
            Sampling::default(),
            AlphaInterval::default(),
        )
    }

    /// The report from collected reliability data.
    pub fn from_units_with(
        p: &Project,
        data: &CodedUnits,
        level: Granularity,
        bootstrap: Bootstrap,
        sampling: Sampling,
        interval: AlphaInterval,
    ) -> AgreementReport {
        let tallies = match level {
            Granularity::Unit => unit_tallies(data),
            Granularity::Span => span::span_tallies(p, data),
        };
        let m = data.m();
        let units = data.units.len() as u64;
        let codes: Vec<CodeAgreement> = data
            .codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let unitized = tallies.unitized.as_ref().map(|u| u[i]);
                code_row(
                    code,
                    units,
                    &tallies.presence[i],
                    &tallies.coder_sets[i],
                    &tallies.applied[i],
                    unitized,
                    (bootstrap, interval, sampling),
                )
            })
            .collect();
        let tables: Vec<Binary2x2> = if m == 2 {
            tallies
                .presence
                .iter()
                .zip(&tallies.applied)
                .map(|(t, a)| table(t, a))
                .collect()
        } else {
            Vec::new()
        };
        let fleiss: Vec<f64> = tallies
            .presence
            .iter()
            .filter_map(PresenceTally::fleiss_kappa)
            .collect();
        let masi_ci = if bootstrap.samples > 0
            && tallies.masi.bootstrap_draws(bootstrap.samples) <= MASI_BOOTSTRAP_BUDGET
        {
            tallies
                .masi
                .bootstrap_ci(bootstrap.samples, bootstrap.seed)
                .map(|(a, b)| [a, b])
        } else {
            None
        };
        let conger: Vec<f64> = codes.iter().filter_map(|c| c.conger_kappa).collect();
        let overall = Overall {
            percent_agreement: (tallies.observations > 0)
                .then(|| tallies.identical as f64 / tallies.observations as f64),
            cohen_kappa_pooled: pooled_kappa(&tables),
            krippendorff_alpha_masi: tallies.masi.alpha(),
            mean_cohen_kappa: mean_kappa(&tables),
            krippendorff_alpha_masi_ci: masi_ci,
            identical: tallies.identical,
            codes_with_kappa: tables.iter().filter(|t| t.cohen_kappa().is_some()).count(),
            mean_fleiss_kappa: (!fleiss.is_empty())
                .then(|| fleiss.iter().sum::<f64>() / fleiss.len() as f64),
            distinct_code_sets: tallies.masi.distinct_sets(),
            mean_conger_kappa: (!conger.is_empty())
                .then(|| conger.iter().sum::<f64>() / conger.len() as f64),
            conger_kappa_pooled: pooled(
                tallies
                    .coder_sets
                    .iter()
                    .zip(&tallies.presence)
                    .filter_map(|(s, t)| s.conger_agreement(t.units())),
            ),
        };
        let exclusive_groups = match level {
            Granularity::Unit => exclusive::groups(p, data, bootstrap, interval),
            Granularity::Span => Vec::new(),
        };
        let mut report = AgreementReport {
            coders: data.coders.clone(),
            level,
            units,
            overall,
            codes,
            project: p.manifest.name.clone(),
            characters: tallies.characters,
            code_scope: data.scope,
            codes_not_counted: data.codes_not_counted.clone(),
            filters: data.filters.clone(),
            excluded: Exclusions {
                spans_clamped: tallies.spans_clamped,
                ..data.exclusions.clone()
            },
            exclusive_groups,
            thresholds: Thresholds::default(),
            bootstrap,
            alpha_interval: interval,
            alpha_interval_label: interval.label(),
            notes: Vec::new(),
        };
        let masi_ci_skipped = bootstrap.samples > 0
            && masi_ci.is_none()
            && report.overall.krippendorff_alpha_masi.is_some();
        report.notes = notes::notes(&report, masi_ci_skipped);
        report
    }
}

/// The 2×2 table of a two-coder tally.
fn table(t: &PresenceTally, applied: &[u64]) -> Binary2x2 {
    let c = t.counts();
    let both = c[2];
    Binary2x2::new(
        both,
        applied[0].saturating_sub(both),
        applied[1].saturating_sub(both),
        c[0],
    )
}

fn code_row(
    code: &CountedCode,
    units: u64,
    t: &PresenceTally,
    sets: &CoderPresence,
    applied: &[u64],
    unitized: Option<Option<f64>>,
    (bootstrap, interval, sampling): (Bootstrap, AlphaInterval, Sampling),
) -> CodeAgreement {
    let two = (t.coders() == 2).then(|| table(t, applied));
    let alpha = t.krippendorff_alpha();
    let conger = sets.conger_kappa(t.units(), &sampling);
    let ci = if bootstrap.samples > 0 {
        t.krippendorff_alpha_ci(interval, bootstrap.samples, bootstrap.seed)
            .map(|(a, b)| [a, b])
    } else {
        None
    };
    let flag = Flag::of(match unitized {
        Some(u) => u,
        None => alpha,
    });
    CodeAgreement {
        code: code.id.clone(),
        units,
        both: two.map(|t| t.both),
        a_only: two.map(|t| t.a_only),
        b_only: two.map(|t| t.b_only),
        neither: two.map(|t| t.neither),
        percent_agreement: t.percent_agreement(),
        cohen_kappa: two.and_then(|t| t.cohen_kappa()),
        krippendorff_alpha: alpha,
        gwet_ac1: t.gwet_ac1(),
        pabak: two.and_then(|t| t.pabak()),
        name: code.name.clone(),
        parent: code.parent.clone(),
        rollup: code.rollup,
        scott_pi: two.and_then(|t| t.scott_pi()),
        fleiss_kappa: t.fleiss_kappa(),
        conger_kappa: conger.map(|e| e.value),
        positive_agreement: t.positive_agreement(),
        krippendorff_alpha_ci: ci,
        applied: applied.to_vec(),
        present_by: t.counts().to_vec(),
        unitized_alpha: unitized,
        flag,
        // Characters are not independent draws: no standard errors at span level.
        inference: if unitized.is_some() {
            inference::Inference::default()
        } else {
            inference::Inference {
                conger_kappa: conger,
                ..inference::for_presence(t, two, sampling)
            }
        },
    }
}
