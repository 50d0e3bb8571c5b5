//! Presence/absence of one code with who applied it: per unit, the set of coders (a bitmask)
//! that marked the code. What Conger's kappa needs beyond the "how many coders" tally of
//! `presence.rs`, since it weighs each coder's own marginal.

use std::collections::HashMap;

use super::conger::{conger_kappa, conger_parts};
use super::gwet::{Estimate, Sampling, identity};
use super::patterns::Patterns;

/// More coders than this and the sets are not kept (Conger's kappa stays `null`).
pub const MAX_CODERS: usize = 64;

/// Units of one code by the set of coders who applied it (bit i: coder i). Units on which
/// nobody applied the code are not stored: they are the rest of the compared units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoderPresence {
    coders: usize,
    sets: HashMap<u64, u64>,
}

impl CoderPresence {
    /// An empty tally for `coders` coders (kept only for 3..=[`MAX_CODERS`] coders).
    pub fn new(coders: usize) -> CoderPresence {
        CoderPresence {
            coders,
            sets: HashMap::new(),
        }
    }

    /// Whether this tally keeps anything (three or more coders, at most [`MAX_CODERS`]).
    pub fn kept(&self) -> bool {
        (3..=MAX_CODERS).contains(&self.coders)
    }

    /// Adds `weight` units on which the coders in `set` applied the code.
    pub fn add(&mut self, set: u64, weight: u64) {
        if self.kept() && set != 0 {
            *self.sets.entry(set).or_insert(0) += weight;
        }
    }

    /// The rating patterns (category 1 = applied) over `units` compared units.
    fn patterns(&self, units: u64) -> Patterns {
        let mut sets: Vec<(u64, u64)> = self.sets.iter().map(|(&s, &n)| (s, n)).collect();
        sets.sort_unstable();
        let nobody = units.saturating_sub(sets.iter().map(|(_, n)| n).sum());
        if nobody > 0 {
            sets.insert(0, (0, nobody));
        }
        let mut cells = Vec::with_capacity(sets.len() * self.coders);
        let mut counts = Vec::with_capacity(sets.len());
        for (set, n) in sets {
            cells.extend((0..self.coders).map(|i| u32::from((set >> i) & 1 == 1)));
            counts.push(n);
        }
        Patterns::from_parts(self.coders, 2, cells, counts)
    }

    /// Conger's (1980) kappa over `units` compared units with Gwet's (2014) standard error, as
    /// irrCAC's conger.kappa.raw. `None` for fewer than three coders or when undefined (nobody,
    /// or everybody, applied the code everywhere).
    pub fn conger_kappa(&self, units: u64, sampling: &Sampling) -> Option<Estimate> {
        if !self.kept() || units == 0 {
            return None;
        }
        conger_kappa(&self.patterns(units), &identity(2), sampling)
    }

    /// Conger's observed and chance agreement (p_a, p_e), for pooling over codes.
    pub fn conger_agreement(&self, units: u64) -> Option<(f64, f64)> {
        if !self.kept() || units == 0 {
            return None;
        }
        conger_parts(&self.patterns(units), &identity(2)).map(|c| (c.pa, c.pe))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_coders_are_not_kept() {
        let mut t = CoderPresence::new(2);
        t.add(0b11, 3);
        assert!(!t.kept());
        assert_eq!(t.conger_kappa(5, &Sampling::default()), None);
    }

    #[test]
    fn nobody_or_everybody_is_undefined() {
        let t = CoderPresence::new(3);
        assert_eq!(t.conger_kappa(4, &Sampling::default()), None);
        let mut all = CoderPresence::new(3);
        all.add(0b111, 4);
        assert_eq!(all.conger_kappa(4, &Sampling::default()), None);
    }
}
