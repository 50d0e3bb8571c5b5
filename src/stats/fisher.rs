//! Two-sided Fisher's exact test: the hypergeometric sum for 2×2 tables and the Freeman–Halton
//! extension for r×c, both summing the probabilities of every table with the observed margins
//! that is as or less probable than the observed one (relative tolerance 1e-7, as R does).

use super::logfact::LogFactorials;
use super::network::{RELATIVE_TOLERANCE, freeman_halton};
use super::without_empty;

/// The outcome of an exact test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Exact {
    /// The two-sided P value.
    P(f64),
    /// Fewer than two non-empty rows or columns: there is nothing to test.
    Undefined,
    /// The enumeration would take more than the allowed number of steps (use χ²).
    TooLarge,
}

impl Exact {
    pub fn p_value(self) -> Option<f64> {
        match self {
            Exact::P(p) => Some(p),
            _ => None,
        }
    }
}

/// Steps of the network enumeration allowed by [`fisher_exact`] (a step: one filling of a
/// column listed, or one path extended by one): about half a second on a 2-core machine.
pub const DEFAULT_BUDGET: u64 = 4_000_000;

/// Fisher's exact test with the default budget.
pub fn fisher_exact(table: &[Vec<u64>]) -> Exact {
    fisher_exact_within(table, DEFAULT_BUDGET)
}

/// Fisher's exact test, giving up (`TooLarge`) past `budget` enumeration steps.
pub fn fisher_exact_within(table: &[Vec<u64>], budget: u64) -> Exact {
    let Some(t) = without_empty(table) else {
        return Exact::Undefined;
    };
    if t.len() < 2 || t[0].len() < 2 {
        return Exact::Undefined;
    }
    if t.len() == 2 && t[0].len() == 2 {
        return Exact::P(two_by_two(t[0][0], t[0][1], t[1][0], t[1][1]));
    }
    match freeman_halton(&t, budget) {
        Some(p) => Exact::P(p),
        None => Exact::TooLarge,
    }
}

/// [[a, b], [c, d]]: sum the hypergeometric probabilities of the tables with these margins that
/// are no more probable than the observed one.
fn two_by_two(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (r1, r2, c1) = (a + b, c + d, a + c);
    let n = r1 + r2;
    let lf = LogFactorials::up_to(n);
    let log_p = |x: u64| {
        lf.get(r1) + lf.get(r2) + lf.get(c1) + lf.get(n - c1)
            - lf.get(n)
            - lf.get(x)
            - lf.get(r1 - x)
            - lf.get(c1 - x)
            - lf.get(r2 + x - c1)
    };
    let observed = log_p(a) + RELATIVE_TOLERANCE.ln_1p();
    let lo = c1.saturating_sub(r2);
    let hi = r1.min(c1);
    let p: f64 = (lo..=hi)
        .map(log_p)
        .filter(|&lp| lp <= observed)
        .map(f64::exp)
        .sum();
    p.clamp(0.0, 1.0)
}
