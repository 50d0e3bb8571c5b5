//! Units on which the coders' code sets differ, with per-code lists: what a reconciliation
//! queue works through, and where an Agreement screen jumps from a code.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::collect::{CodeScope, CodedUnits, select_coders};
use super::filters::Filters;
use crate::error::Result;
use crate::project::Project;

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
