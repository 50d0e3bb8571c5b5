//! Code groups declared mutually exclusive (a parent with `exclusive`): one nominal variable
//! per group whose categories are the group's codes plus "(none)", compared by nominal alpha
//! and kappa instead of code by code.

use std::collections::HashMap;

use super::collect::CodedUnits;
use super::conger::conger_kappa;
use super::gwet::{Sampling, identity};
use super::indexed::IndexedRatings;
use super::patterns::AlphaInterval;
use super::report::{Bootstrap, Flag, GroupAgreement};
use crate::codebook::Codebook;
use crate::project::Project;

/// The category label used when a coder applied none of the group's codes.
pub const NONE_CATEGORY: &str = "(none)";

/// Every active exclusive group with at least one active sub-code, over the counted units.
///
/// A coder's value on a unit is the sub-code applied (a deeper descendant counts as its
/// sub-code of the group), `(none)` if the coder applied none of them, and missing if the
/// coder applied two or more (counted in `ambiguous`). Units on which no coder applied any
/// code of the group are left out (counted in `units_without_group`): agreement on whether the
/// group applies at all is in the per-code rows.
pub(super) fn groups(
    p: &Project,
    data: &CodedUnits,
    bootstrap: Bootstrap,
    interval: AlphaInterval,
) -> Vec<GroupAgreement> {
    let cb = &p.codebook;
    cb.active()
        .filter(|g| g.exclusive)
        .filter_map(|g| group(p, data, &g.id, &g.name, bootstrap, interval))
        .collect()
}

/// The direct sub-code of `group` that `code` is, or descends from.
fn category_of<'a>(cb: &'a Codebook, group: &str, code: &'a str) -> Option<&'a str> {
    let mut cur = code;
    for _ in 0..=cb.codes.len() {
        let parent = cb.get(cur)?.parent.as_deref()?;
        if parent == group {
            return Some(cur);
        }
        cur = parent;
    }
    None
}

fn group(
    p: &Project,
    data: &CodedUnits,
    id: &str,
    name: &str,
    bootstrap: Bootstrap,
    interval: AlphaInterval,
) -> Option<GroupAgreement> {
    let cb = &p.codebook;
    let children: Vec<_> = cb.children(Some(id)).collect();
    if children.is_empty() {
        return None;
    }
    let k = children.len();
    let position: HashMap<&str, usize> = children
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let category: HashMap<&str, usize> = cb
        .active()
        .filter_map(|c| {
            let cat = category_of(cb, id, &c.id)?;
            Some((c.id.as_str(), *position.get(cat)?))
        })
        .collect();
    let m = data.m();
    let mut ratings = IndexedRatings::new(m, k + 1);
    let mut confusion = vec![vec![0u64; k + 1]; k + 1];
    let (mut units, mut without, mut ambiguous) = (0u64, 0u64, 0u64);
    let mut row: Vec<Option<u32>> = vec![None; m];
    let mut chosen: Vec<usize> = Vec::new();
    for &pos in &data.units {
        let unit_id = &p.units[pos].id;
        let mut used = false;
        for (c, value) in row.iter_mut().enumerate() {
            chosen.clear();
            for coding in data.state(c).codings_of(unit_id) {
                if let Some(&cat) = data.canonical(&coding.code).and_then(|id| category.get(id))
                    && !chosen.contains(&cat)
                {
                    chosen.push(cat);
                }
            }
            *value = match chosen.as_slice() {
                [] => Some(k as u32),
                [one] => Some(*one as u32),
                _ => {
                    ambiguous += 1;
                    None
                }
            };
            used |= !chosen.is_empty();
        }
        if !used {
            without += 1;
            continue;
        }
        units += 1;
        ratings.push_unit(&row);
        if let [Some(a), Some(b)] = row.as_slice() {
            confusion[*a as usize][*b as usize] += 1;
        }
    }
    let alpha = ratings.krippendorff_alpha_nominal();
    let ci = if bootstrap.samples > 0 {
        ratings
            .krippendorff_alpha_ci(
                interval,
                super::Level::Nominal,
                &[],
                bootstrap.samples,
                bootstrap.seed,
            )
            .map(|(a, b)| [a, b])
    } else {
        None
    };
    let mut categories: Vec<String> = children.iter().map(|c| c.id.clone()).collect();
    categories.push(NONE_CATEGORY.into());
    let mut category_names: Vec<String> = children.iter().map(|c| c.name.clone()).collect();
    category_names.push(NONE_CATEGORY.into());
    Some(GroupAgreement {
        group: id.to_string(),
        name: name.to_string(),
        categories,
        category_names,
        units,
        units_without_group: without,
        ambiguous,
        pairable_units: ratings.pairable_units() as u64,
        percent_agreement: ratings.percent_agreement(),
        cohen_kappa: ratings.cohen_kappa(),
        scott_pi: ratings.scott_pi(),
        krippendorff_alpha: alpha,
        krippendorff_alpha_ci: ci,
        fleiss_kappa: ratings.fleiss_kappa(),
        conger_kappa: if m >= 3 {
            conger_kappa(&ratings.patterns(), &identity(k + 1), &Sampling::default())
                .map(|e| e.value)
        } else {
            None
        },
        gwet_ac1: ratings.gwet_ac1(),
        confusion: (m == 2).then_some(confusion),
        flag: Flag::of(alpha),
    })
}
