//! The Freeman–Halton (r×c Fisher) exact P value by a network algorithm in the spirit of
//! Mehta & Patel (1983): the table is filled one column at a time; a node is the multiset of
//! row totals still to fill, and paths reaching a node with equal probability so far are
//! merged. At each node, bounds on the most and least probable completion decide whether all
//! its completions count (as or less probable than the observed table), none do, or the
//! columns must be enumerated further. The bound is checked again on every edge, before a path
//! is stored at the next node; with two columns left the most probable completion is exact
//! (see [`min_two_columns`]). With two columns left, the completions are listed once per
//! node, sorted, and every path into the node is answered by a binary search.

use super::logfact::LogFactorials;
use std::collections::HashMap;

/// Relative tolerance for "as or less probable than observed", as in R's `fisher.test`.
pub(crate) const RELATIVE_TOLERANCE: f64 = 1e-7;

/// Paths whose log probability so far agrees to this many decimals are merged.
const KEY_SCALE: f64 = 1e9;

type Node = Vec<u32>;

/// Paths into one node: key of the log probability so far → (that log probability, number of
/// paths).
type Pasts = HashMap<i64, (f64, f64)>;

/// Two-sided P for a table with no empty rows or columns and at least 2×2, or `None` when the
/// enumeration needs more than `budget` steps.
pub(crate) fn freeman_halton(table: &[Vec<u64>], budget: u64) -> Option<f64> {
    let (rows, cols) = (table.len(), table[0].len());
    // Fewer parts per column means fewer ways to fill it: let the shorter side be the rows.
    let t: Vec<Vec<u64>> = if rows <= cols {
        table.to_vec()
    } else {
        (0..cols)
            .map(|j| table.iter().map(|r| r[j]).collect())
            .collect()
    };
    let row_sums: Vec<u64> = t.iter().map(|r| r.iter().sum()).collect();
    let mut col_sums: Vec<u64> = (0..t[0].len())
        .map(|j| t.iter().map(|r| r[j]).sum())
        .collect();
    let n: u64 = row_sums.iter().sum();
    let lf = LogFactorials::up_to(n);
    let observed = row_sums.iter().map(|&r| lf.get(r)).sum::<f64>()
        + col_sums.iter().map(|&c| lf.get(c)).sum::<f64>()
        - lf.get(n)
        - t.iter().flatten().map(|&x| lf.get(x)).sum::<f64>();
    let threshold = observed + RELATIVE_TOLERANCE.ln_1p();
    // Small columns first: the two largest are left for the sorted-list step.
    col_sums.sort_unstable();
    let cols: Vec<u32> = col_sums.iter().map(|&c| c as u32).collect();

    let root = node_of(row_sums.iter().map(|&r| r as u32));
    let start = row_sums.iter().map(|&r| lf.get(r)).sum::<f64>() - lf.get(n);
    let mut stage: HashMap<Node, Pasts> = HashMap::new();
    stage
        .entry(root)
        .or_default()
        .insert(key(start), (start, 1.0));
    let mut p = 0.0f64;
    let mut work: u64 = 0;
    for k in 0..cols.len() - 1 {
        let remaining = &cols[k..];
        let mut next: HashMap<Node, Pasts> = HashMap::new();
        // Bounds of the next stage's nodes, met again on many edges.
        let mut ahead: HashMap<Node, (f64, f64)> = HashMap::new();
        for (node, pasts) in stage {
            if remaining.len() == 2 {
                let limit = budget.saturating_sub(work);
                let (sum, steps) = last_two(&node, remaining, &pasts, threshold, &lf, limit);
                if steps >= limit {
                    return None;
                }
                p += sum;
                work += steps;
            } else {
                let b = bounds(&node, remaining, &lf);
                let mut open = Vec::new();
                for (lp, count) in pasts.into_values() {
                    if lp + b.most <= threshold {
                        p += count * (lp + b.total).exp();
                    } else if lp + b.least <= threshold {
                        open.push((lp, count));
                    }
                }
                if open.is_empty() {
                    continue;
                }
                let (edges, listed) = edges(&node, remaining[0], &lf, budget.saturating_sub(work));
                work += listed + (open.len() * edges.len()) as u64;
                if work > budget {
                    return None;
                }
                for (child, w, mult) in &edges {
                    let (most, total) = match ahead.get(child) {
                        Some(&known) => known,
                        None => {
                            let b = bounds(child, &remaining[1..], &lf);
                            ahead.insert(child.clone(), (b.most, b.total));
                            (b.most, b.total)
                        }
                    };
                    let mut pasts: Option<&mut Pasts> = None;
                    for &(lp, count) in &open {
                        let lp = lp + w;
                        // Every completion counts: no need to store the path.
                        if lp + most <= threshold {
                            p += count * mult * (lp + total).exp();
                            continue;
                        }
                        if pasts.is_none() {
                            pasts = Some(next.entry(child.clone()).or_default());
                        }
                        if let Some(pasts) = pasts.as_mut() {
                            pasts.entry(key(lp)).or_insert((lp, 0.0)).1 += count * mult;
                        }
                    }
                }
            }
            if work > budget {
                return None;
            }
        }
        stage = next;
    }
    Some(p.clamp(0.0, 1.0))
}

fn key(lp: f64) -> i64 {
    (lp * KEY_SCALE).round() as i64
}

/// Row totals still to fill, largest first, empty rows dropped.
fn node_of(totals: impl Iterator<Item = u32>) -> Node {
    let mut v: Node = totals.filter(|&x| x > 0).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v
}

/// Every way to split `total` over parts capped by `caps`, calling `f` with each until it
/// returns false.
fn splits(caps: &[u32], total: u32, f: &mut impl FnMut(&[u32]) -> bool) {
    fn go(
        caps: &[u32],
        room: &[u32],
        i: usize,
        left: u32,
        x: &mut Vec<u32>,
        f: &mut impl FnMut(&[u32]) -> bool,
    ) -> bool {
        if i == caps.len() - 1 {
            let mut more = true;
            if left <= caps[i] {
                x.push(left);
                more = f(x);
                x.pop();
            }
            return more;
        }
        let lo = left.saturating_sub(room[i + 1]);
        for v in lo..=caps[i].min(left) {
            x.push(v);
            let more = go(caps, room, i + 1, left - v, x, f);
            x.pop();
            if !more {
                return false;
            }
        }
        true
    }
    // room[i] = what parts i.. can still take.
    let mut room = vec![0u32; caps.len() + 1];
    for i in (0..caps.len()).rev() {
        room[i] = room[i + 1] + caps[i];
    }
    if total > room[0] {
        return;
    }
    go(
        caps,
        &room,
        0,
        total,
        &mut Vec::with_capacity(caps.len()),
        f,
    );
}

/// The ways to fill the next column from a node, folded by (child node, log weight): each
/// with its log weight ln c! − Σ ln xᵢ! and how many fillings share both; and how many
/// fillings were listed.
fn edges(node: &Node, column: u32, lf: &LogFactorials, limit: u64) -> (Vec<(Node, f64, f64)>, u64) {
    let mut folded: HashMap<(Node, i64), (f64, f64)> = HashMap::new();
    let cf = lf.get(column as u64);
    let mut listed = 0u64;
    splits(node, column, &mut |x| {
        listed += 1;
        if listed > limit {
            return false;
        }
        let w = cf - x.iter().map(|&v| lf.get(v as u64)).sum::<f64>();
        let child = node_of(node.iter().zip(x).map(|(r, v)| r - v));
        folded.entry((child, key(w))).or_insert((w, 0.0)).1 += 1.0;
        true
    });
    let edges = folded
        .into_iter()
        .map(|((child, _), (w, m))| (child, w, m))
        .collect();
    (edges, listed)
}

/// Log weights of a node's completions: the total over all of them, and bounds on the most and
/// least probable one (from the column-wise and row-wise relaxations of the remaining table).
struct Bounds {
    total: f64,
    most: f64,
    least: f64,
}

fn bounds(node: &Node, cols: &[u32], lf: &LogFactorials) -> Bounds {
    let m: u32 = node.iter().sum();
    let col_f: f64 = cols.iter().map(|&c| lf.get(c as u64)).sum();
    let total = lf.get(m as u64) - node.iter().map(|&r| lf.get(r as u64)).sum::<f64>();
    let even = if let [a, _] = cols {
        min_two_columns(node, *a, lf)
    } else {
        f64::max(
            cols.iter().map(|&c| even_min(c, node, lf)).sum(),
            node.iter().map(|&r| even_min(r, cols, lf)).sum(),
        )
    };
    let concentrated = f64::min(
        cols.iter().map(|&c| concentrated_max(c, node, lf)).sum(),
        node.iter().map(|&r| concentrated_max(r, cols, lf)).sum(),
    );
    Bounds {
        total,
        // A bound may be loose by rounding; widen it a hair so it never cuts a counted table.
        most: col_f - even + 1e-9,
        least: col_f - concentrated - 1e-9,
    }
}

/// Two columns left (a and the rest of each row): the exact min Σ ln xᵢ! + ln (rᵢ − xᵢ)! over
/// Σ xᵢ = a. Each row's cost is convex in xᵢ, so taking a times the cheapest next step (ln (x+1)
/// − ln (r − x), rising in x) reaches the minimum.
fn min_two_columns(node: &Node, a: u32, lf: &LogFactorials) -> f64 {
    let mut x = vec![0u32; node.len()];
    for _ in 0..a {
        let step = |i: usize| ((x[i] + 1) as f64).ln() - ((node[i] - x[i]) as f64).ln();
        let cheapest = (0..node.len())
            .filter(|&i| x[i] < node[i])
            .min_by(|&i, &j| step(i).total_cmp(&step(j)));
        match cheapest {
            Some(i) => x[i] += 1,
            None => break,
        }
    }
    node.iter()
        .zip(&x)
        .map(|(&r, &v)| lf.get(v as u64) + lf.get((r - v) as u64))
        .sum()
}

/// min Σ ln xᵢ! over Σ xᵢ = n, 0 ≤ xᵢ ≤ capᵢ: as even as the caps allow (ln x! is convex).
fn even_min(n: u32, caps: &[u32], lf: &LogFactorials) -> f64 {
    let mut sorted = caps.to_vec();
    sorted.sort_unstable();
    let mut left = n;
    let mut sum = 0.0;
    for (i, &cap) in sorted.iter().enumerate() {
        let parts = (sorted.len() - i) as u32;
        if cap <= left / parts {
            sum += lf.get(cap as u64);
            left -= cap;
        } else {
            let (q, extra) = (left / parts, left % parts);
            sum += extra as f64 * lf.get(q as u64 + 1) + (parts - extra) as f64 * lf.get(q as u64);
            return sum;
        }
    }
    sum
}

/// max Σ ln xᵢ! over the same set: the largest caps filled first.
fn concentrated_max(n: u32, caps: &[u32], lf: &LogFactorials) -> f64 {
    let mut sorted = caps.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let mut left = n;
    let mut sum = 0.0;
    for cap in sorted {
        let x = cap.min(left);
        sum += lf.get(x as u64);
        left -= x;
    }
    sum
}

/// Two columns left: list the node's completions once (log weights, sorted, with running sums
/// of their probabilities) and answer each path by a binary search. Returns (P mass, steps).
fn last_two(
    node: &Node,
    cols: &[u32],
    pasts: &Pasts,
    threshold: f64,
    lf: &LogFactorials,
    limit: u64,
) -> (f64, u64) {
    let bound = bounds(node, cols, lf);
    let mut p = 0.0;
    let mut open = Vec::with_capacity(pasts.len());
    for &(lp, count) in pasts.values() {
        if lp + bound.most <= threshold {
            p += count * (lp + bound.total).exp();
        } else if lp + bound.least <= threshold {
            open.push((lp, count));
        }
    }
    if open.is_empty() {
        return (p, pasts.len() as u64);
    }
    let (a, b) = (cols[0], cols[1]);
    let head = lf.get(a as u64) + lf.get(b as u64);
    let mut comps = Vec::new();
    splits(node, a, &mut |x| {
        if comps.len() as u64 >= limit {
            return false;
        }
        comps.push(
            head - node
                .iter()
                .zip(x)
                .map(|(&r, &v)| lf.get(v as u64) + lf.get((r - v) as u64))
                .sum::<f64>(),
        );
        true
    });
    comps.sort_unstable_by(f64::total_cmp);
    let top = comps.last().copied().unwrap_or(0.0);
    let mut running = Vec::with_capacity(comps.len());
    let mut acc = 0.0;
    for c in &comps {
        acc += (c - top).exp();
        running.push(acc);
    }
    for (lp, count) in open {
        let limit = threshold - lp;
        let idx = comps.partition_point(|&c| c <= limit);
        if idx > 0 {
            p += count * (lp + top).exp() * running[idx - 1];
        }
    }
    (p, (comps.len() + pasts.len()) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_greedy_two_column_minimum_is_the_minimum() {
        let lf = LogFactorials::up_to(200);
        for (node, a) in [
            (vec![9u32, 7, 3], 8u32),
            (vec![30, 2, 2, 1], 20),
            (vec![12, 12, 5, 5, 1], 17),
            (vec![4, 4], 8),
            (vec![50, 40, 3], 1),
        ] {
            let mut best = f64::INFINITY;
            splits(&node, a, &mut |x| {
                let cost: f64 = node
                    .iter()
                    .zip(x)
                    .map(|(&r, &v)| lf.get(v as u64) + lf.get((r - v) as u64))
                    .sum();
                best = best.min(cost);
                true
            });
            let greedy = min_two_columns(&node, a, &lf);
            assert!(
                (greedy - best).abs() < 1e-9,
                "{node:?} {a}: {greedy} vs {best}"
            );
        }
    }
}
