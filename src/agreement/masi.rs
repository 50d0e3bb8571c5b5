//! Set-valued distances (Jaccard, MASI) and Krippendorff's alpha over sets of
//! codes, for units where each coder may apply several codes.

use std::collections::BTreeSet;

use super::data::Ratings;
use super::krippendorff::krippendorff_alpha_with;

/// Jaccard distance 1 − |A ∩ B| / |A ∪ B|; two empty sets are at distance 0.
pub fn jaccard_distance<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    1.0 - a.intersection(b).count() as f64 / union as f64
}

/// MASI distance (Passonneau 2006, "Measuring agreement on set-valued items
/// (MASI) for semantic and pragmatic annotation"): 1 − J·M where J is the Jaccard
/// similarity and M the monotonicity weight: 1 if A = B, 2/3 if one is a subset
/// of the other, 1/3 if they intersect otherwise, 0 if disjoint. Two empty sets
/// are at distance 0 (by definition here). Result is in [0, 1].
pub fn masi_distance<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a == b {
        return 0.0;
    }
    let intersection = a.intersection(b).count();
    if intersection == 0 {
        return 1.0;
    }
    let union = a.len() + b.len() - intersection;
    let jaccard = intersection as f64 / union as f64;
    let monotonicity = if a.is_subset(b) || b.is_subset(a) {
        2.0 / 3.0
    } else {
        1.0 / 3.0
    };
    1.0 - jaccard * monotonicity
}

/// Krippendorff's alpha over set-valued data with the MASI distance used directly
/// as the difference function δ (Passonneau 2006 uses MASI, not its square).
/// See [`krippendorff_alpha_with`].
pub fn krippendorff_alpha_masi<T: Ord>(data: &Ratings<BTreeSet<T>>) -> Option<f64> {
    krippendorff_alpha_with(data, masi_distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(xs: &[u32]) -> BTreeSet<u32> {
        xs.iter().copied().collect()
    }

    #[test]
    fn masi_cases() {
        assert_eq!(masi_distance(&set(&[]), &set(&[])), 0.0);
        assert_eq!(masi_distance(&set(&[1, 2]), &set(&[1, 2])), 0.0);
        assert_eq!(masi_distance(&set(&[1]), &set(&[2])), 1.0);
        assert_eq!(masi_distance(&set(&[]), &set(&[2])), 1.0);
        // Subset: J = 1/2, M = 2/3 -> 1 − 1/3 = 2/3.
        assert!((masi_distance(&set(&[1]), &set(&[1, 2])) - 2.0 / 3.0).abs() < 1e-12);
        // Overlap: {1,2} vs {2,3}: J = 1/3, M = 1/3 -> 1 − 1/9 = 8/9.
        assert!((masi_distance(&set(&[1, 2]), &set(&[2, 3])) - 8.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn jaccard_cases() {
        assert_eq!(jaccard_distance(&set(&[]), &set(&[])), 0.0);
        assert!((jaccard_distance(&set(&[1, 2]), &set(&[2, 3])) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn alpha_masi_by_hand() {
        // Units: ({1},{1}), ({1},{1,2}), ({2},{2}). Distinct values {1},{1,2},{2}
        // with n = 3, 1, 2 (n = 6). Only disagreement: δ({1},{1,2}) = 2/3, with
        // o = 1 in each direction -> D_o = (2 · 2/3)/6 = 2/9.
        // δ({1},{2}) = 1 (disjoint), δ({1,2},{2}) = 2/3 (subset), so
        // D_e = [2·(3·1·2/3) + 2·(3·2·1) + 2·(1·2·2/3)] / (6·5) = (4 + 12 + 8/3)/30
        //     = 56/90, and α = 1 − (2/9)/(56/90) = 1 − 5/14 = 9/14.
        let r = Ratings::from_units(vec![
            vec![Some(set(&[1])), Some(set(&[1]))],
            vec![Some(set(&[1])), Some(set(&[1, 2]))],
            vec![Some(set(&[2])), Some(set(&[2]))],
        ]);
        let a = krippendorff_alpha_masi(&r).unwrap();
        assert!((a - 9.0 / 14.0).abs() < 1e-12, "{a}");
    }
}
