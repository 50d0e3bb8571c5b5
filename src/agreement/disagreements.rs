//! Units on which the coders' code sets differ, with per-code lists: what a reconciliation
//! queue works through, and where an Agreement screen jumps from a code. [`Pairwise`] compares
//! two coders completely (codes only one applied, the same code on different text, one-sided
//! reviews, memos) for reconciliation.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::collect::{CodeScope, CodedUnits, select_coders};
use super::filters::Filters;
use crate::coding::{CoderState, Span};
use crate::corpus::Unit;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::reconcile::{CodedSpan, coverage, overlap};

/// One unit the coders coded differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitDisagreement {
    pub unit: String,
    /// The first coder's codes (ids, codebook order).
    pub a: Vec<String>,
    /// The second coder's codes.
    pub b: Vec<String>,
    /// Codes some but not all coders applied.
    pub differing: Vec<String>,
    /// Every selected coder's codes, by name.
    pub by_coder: BTreeMap<String, Vec<String>>,
    pub source: String,
    pub case: Option<String>,
}

/// The disagreements among the counted units, in project order.
#[derive(Debug, Clone, Default)]
pub struct Disagreements {
    pub coders: Vec<String>,
    pub units: Vec<UnitDisagreement>,
    /// Units compared (reviewed by every selected coder, passing the filters).
    pub compared: usize,
    /// Code id → indices into `units` where that code is among the differing ones.
    by_code: HashMap<String, Vec<usize>>,
}

impl Disagreements {
    /// The `thematic disagreements` list: every active code exactly as applied, over the
    /// units all selected coders reviewed that pass the filters.
    pub fn compute(p: &Project, coders: &[String], filters: &Filters) -> Result<Disagreements> {
        let coders = select_coders(p, coders)?;
        let data = CodedUnits::collect(p, &coders, filters, CodeScope::Applied)?;
        Ok(Self::from_units(p, &data))
    }

    /// Disagreements in already collected data (e.g. the data behind an agreement report, so
    /// that a code's row leads to exactly the units it was counted on).
    pub fn from_units(p: &Project, data: &CodedUnits) -> Disagreements {
        let m = data.m();
        let mut out = Disagreements {
            coders: data.coders.clone(),
            compared: data.units.len(),
            ..Default::default()
        };
        for (i, &pos) in data.units.iter().enumerate() {
            let sets = data.unit_sets(i);
            let w = data.words();
            if sets.chunks_exact(w).all(|s| s == &sets[..w]) {
                continue;
            }
            let codes_of = |c: usize| -> Vec<String> {
                (0..data.codes.len())
                    .filter(|&k| data.has(i, c, k))
                    .map(|k| data.codes[k].id.clone())
                    .collect()
            };
            let per: Vec<Vec<String>> = (0..m).map(codes_of).collect();
            let differing: Vec<String> = (0..data.codes.len())
                .filter(|&k| {
                    let n = (0..m).filter(|&c| data.has(i, c, k)).count();
                    n > 0 && n < m
                })
                .map(|k| data.codes[k].id.clone())
                .collect();
            let index = out.units.len();
            for code in &differing {
                out.by_code.entry(code.clone()).or_default().push(index);
            }
            let unit = &p.units[pos];
            out.units.push(UnitDisagreement {
                unit: unit.id.clone(),
                a: per[0].clone(),
                b: per[1].clone(),
                differing,
                by_coder: data.coders.iter().cloned().zip(per).collect(),
                source: unit.source.clone(),
                case: unit.case.clone(),
            });
        }
        out
    }

    /// The units where coders differ on `code` (an id).
    pub fn for_code(&self, code: &str) -> Vec<&UnitDisagreement> {
        self.by_code
            .get(code)
            .map(|ix| ix.iter().map(|&i| &self.units[i]).collect())
            .unwrap_or_default()
    }

    /// Number of units where coders differ on `code`.
    pub fn count_for_code(&self, code: &str) -> usize {
        self.by_code.get(code).map_or(0, Vec::len)
    }
}

/// A code both coders applied, on different text: each side's spans and the text both coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanDifference {
    pub code: String,
    pub a: Vec<[usize; 2]>,
    pub b: Vec<[usize; 2]>,
    pub overlap: Vec<[usize; 2]>,
}

/// A memo one of the coders wrote on the unit (`code: None`) or on one of its codings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoderMemo {
    pub coder: String,
    pub code: Option<String>,
    #[serde(with = "crate::coding::span_serde")]
    pub span: Span,
    pub text: String,
}

/// One unit as two coders coded it, with everything that differs: what reconciliation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitComparison {
    pub unit: String,
    /// The first coder's codes (ids, codebook order).
    pub a: Vec<String>,
    /// The second coder's codes.
    pub b: Vec<String>,
    pub text: String,
    pub a_spans: Vec<CodedSpan>,
    pub b_spans: Vec<CodedSpan>,
    pub memos: Vec<CoderMemo>,
    /// Codes only the first coder applied.
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    /// Codes both applied on different text.
    pub span_differences: Vec<SpanDifference>,
    /// Which of the two coders marked the unit reviewed.
    pub reviewed_by: Vec<String>,
    pub source: String,
    pub case: Option<String>,
}

impl UnitComparison {
    /// Both reviewed it, and coded the same text with the same codes.
    pub fn agrees(&self) -> bool {
        self.reviewed_by.len() == 2 && !self.differs()
    }

    /// Their codings differ (whether or not both reviewed it).
    pub fn differs(&self) -> bool {
        !(self.only_a.is_empty() && self.only_b.is_empty() && self.span_differences.is_empty())
    }

    /// The codes the coders differ on.
    pub fn differing(&self) -> Vec<String> {
        let mut out: Vec<String> = self.only_a.iter().chain(&self.only_b).cloned().collect();
        out.extend(self.span_differences.iter().map(|s| s.code.clone()));
        out
    }

    pub fn involves(&self, code: &str) -> bool {
        self.differing().iter().any(|c| c == code)
    }

    /// Compare two coders' effective codings of one unit.
    pub fn of(
        p: &Project,
        coders: [&str; 2],
        states: [&CoderState; 2],
        unit: &Unit,
    ) -> UnitComparison {
        Self::ranked(&codebook_order(p), coders, states, unit, p.unit_chars(unit))
    }

    /// [`UnitComparison::of`] with the codebook order worked out once for many units.
    fn ranked(
        order: &HashMap<&str, usize>,
        coders: [&str; 2],
        states: [&CoderState; 2],
        unit: &Unit,
        len: usize,
    ) -> UnitComparison {
        let rank = |c: &str| order.get(c).copied().unwrap_or(usize::MAX);
        let spans = |st: &CoderState| {
            let mut v: Vec<CodedSpan> = st
                .codings_of(&unit.id)
                .iter()
                .map(CodedSpan::from)
                .collect();
            v.sort_by_key(|x| (rank(&x.code), x.span));
            v.dedup();
            v
        };
        let (a_spans, b_spans) = (spans(states[0]), spans(states[1]));
        let (ca, cb) = (coverage(&a_spans, len), coverage(&b_spans, len));
        let codes = |cov: &[(String, Vec<(usize, usize)>)]| -> Vec<String> {
            cov.iter().map(|(c, _)| c.clone()).collect()
        };
        let (a, b) = (codes(&ca), codes(&cb));
        let only = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter().filter(|c| !y.contains(c)).cloned().collect()
        };
        let pairs = |l: &[(usize, usize)]| l.iter().map(|&(s, e)| [s, e]).collect::<Vec<_>>();
        let span_differences = ca
            .iter()
            .filter_map(|(code, ia)| {
                let ib = &cb.iter().find(|(c, _)| c == code)?.1;
                (ia != ib).then(|| SpanDifference {
                    code: code.clone(),
                    a: pairs(ia),
                    b: pairs(ib),
                    overlap: pairs(&overlap(ia, ib)),
                })
            })
            .collect();
        let mut memos = Vec::new();
        for (coder, st) in coders.iter().zip(states) {
            if let Some(t) = st.unit_memos.get(&unit.id) {
                memos.push(CoderMemo {
                    coder: coder.to_string(),
                    code: None,
                    span: None,
                    text: t.clone(),
                });
            }
            for c in st.codings_of(&unit.id) {
                if let Some(t) = &c.memo {
                    memos.push(CoderMemo {
                        coder: coder.to_string(),
                        code: Some(c.code.to_string()),
                        span: c.span,
                        text: t.clone(),
                    });
                }
            }
        }
        UnitComparison {
            unit: unit.id.clone(),
            only_a: only(&a, &b),
            only_b: only(&b, &a),
            a,
            b,
            text: unit.text.clone(),
            a_spans,
            b_spans,
            memos,
            span_differences,
            reviewed_by: coders
                .iter()
                .zip(states)
                .filter(|(_, s)| s.is_reviewed(&unit.id))
                .map(|(c, _)| c.to_string())
                .collect(),
            source: unit.source.clone(),
            case: unit.case.clone(),
        }
    }
}

/// Two coders compared unit by unit, completely (codes and spans): what reconciliation works
/// through.
#[derive(Debug, Clone)]
pub struct Pairwise {
    /// A, B.
    pub coders: [String; 2],
    /// Units both reviewed whose codings differ, in project order.
    pub disagreements: Vec<UnitComparison>,
    /// Units only one of the two reviewed, with their codings compared all the same.
    pub one_sided: Vec<UnitComparison>,
    /// Units both reviewed and coded identically.
    pub agreed: Vec<String>,
}

/// Where a unit one of two coders reviewed stands between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Both reviewed it and coded it identically.
    Agreed,
    /// Both reviewed it and their codings differ.
    Disagreement,
    /// Only one of the two reviewed it.
    OneSided,
}

/// Walk the units passing `filters` that `sa` or `sb` reviewed, in project order, saying where
/// each stands: the one classification behind [`Pairwise`] and the progress counts.
pub fn classify(
    p: &Project,
    [sa, sb]: [&CoderState; 2],
    filters: &Filters,
    mut each: impl FnMut(&Unit, Standing),
) {
    let matcher = filters.matcher(p);
    for unit in &p.units {
        let (ra, rb) = (sa.is_reviewed(&unit.id), sb.is_reviewed(&unit.id));
        if !(ra || rb) || matcher.check(unit).is_err() {
            continue;
        }
        let len = || p.unit_chars(unit);
        let standing = if !(ra && rb) {
            Standing::OneSided
        } else if same_codings(sa.codings_of(&unit.id), sb.codings_of(&unit.id), len) {
            Standing::Agreed
        } else {
            Standing::Disagreement
        };
        each(unit, standing);
    }
}

impl Pairwise {
    /// Compare two coders (default: the project's first two) over the units passing `filters`.
    pub fn compute(p: &Project, coders: &[String], filters: &Filters) -> Result<Pairwise> {
        let coders = select_coders(p, coders)?;
        let [a, b] = coders.as_slice() else {
            return Err(Error::user(format!(
                "reconciliation compares two coders, not {}; name them with --coders A,B",
                coders.len()
            )));
        };
        filters.check(p)?;
        // Each comparison quotes its unit's text.
        p.require_text()?;
        let (sa, sb) = (p.coder_view(a)?, p.coder_view(b)?);
        let order = codebook_order(p);
        let mut out = Pairwise {
            coders: [a.clone(), b.clone()],
            disagreements: Vec::new(),
            one_sided: Vec::new(),
            agreed: Vec::new(),
        };
        classify(p, [&sa, &sb], filters, |unit, standing| {
            let compare =
                || UnitComparison::ranked(&order, [a, b], [&sa, &sb], unit, p.unit_chars(unit));
            match standing {
                Standing::Agreed => out.agreed.push(unit.id.clone()),
                Standing::Disagreement => out.disagreements.push(compare()),
                Standing::OneSided => out.one_sided.push(compare()),
            }
        });
        Ok(out)
    }

    /// The unit among the disagreements or the one-sided units.
    pub fn find(&self, unit: &str) -> Option<&UnitComparison> {
        self.disagreements
            .iter()
            .chain(&self.one_sided)
            .find(|c| c.unit == unit)
    }
}

/// Code id → position in the codebook, for listing codes in codebook order.
fn codebook_order(p: &Project) -> HashMap<&str, usize> {
    p.codebook
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

/// Whether two coders' codings of a unit cover the same text with the same codes (the text's
/// length is only counted when needed: a span may stand for the whole unit).
fn same_codings(
    a: &[crate::coding::Coding],
    b: &[crate::coding::Coding],
    len: impl Fn() -> usize,
) -> bool {
    let exact = |x: &[crate::coding::Coding], y: &[crate::coding::Coding]| {
        x.iter()
            .all(|c| y.iter().any(|d| d.code == c.code && d.span == c.span))
    };
    if exact(a, b) && exact(b, a) {
        return true;
    }
    let n = len();
    let cov = |x: &[crate::coding::Coding]| {
        let mut v: Vec<(String, Vec<(usize, usize)>)> =
            coverage(&x.iter().map(CodedSpan::from).collect::<Vec<_>>(), n);
        v.sort();
        v
    };
    cov(a) == cov(b)
}

#[cfg(test)]
mod tests {
    use super::same_codings;
    use crate::coding::Coding;

    fn c(code: &str, span: Option<(usize, usize)>) -> Coding {
        Coding {
            code: code.into(),
            span,
            memo: None,
        }
    }

    #[test]
    fn same_text_with_the_same_codes_is_the_same_coding() {
        let len = || 10;
        assert!(same_codings(&[c("x", None)], &[c("x", Some((0, 10)))], len));
        assert!(same_codings(
            &[c("x", Some((0, 4))), c("x", Some((4, 8)))],
            &[c("x", Some((0, 8)))],
            len
        ));
        assert!(!same_codings(
            &[c("x", Some((0, 4)))],
            &[c("x", Some((0, 5)))],
            len
        ));
        assert!(!same_codings(&[c("x", None)], &[c("y", None)], len));
        assert!(!same_codings(&[c("x", None)], &[], len));
        assert!(same_codings(&[], &[], len));
    }
}
