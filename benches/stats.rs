//! Exact-test benchmark: time of the r×c Fisher (Freeman–Halton) test against table size and
//! sample size, on reproducible tables drawn from independent (null) and from associated
//! margins. `cargo bench --bench stats` — prints the median of several runs per table and the P
//! value; where the table is too large for the default budget, the time spent finding that out
//! plus the Monte Carlo estimate the crosstab then gives (100,000 random tables).

use std::hint::black_box;
use std::time::Instant;
use thematic::stats::rng::SplitMix64;
use thematic::stats::{Exact, REPLICATES, SEED, fisher_exact, fisher_simulated};

/// n cases spread over r×c cells; `tilt` > 0 makes the diagonal more likely (association).
fn table(r: usize, c: usize, n: u64, tilt: f64, seed: u64) -> Vec<Vec<u64>> {
    let mut rng = SplitMix64::new(seed);
    let mut weights = vec![vec![1.0; c]; r];
    for (i, row) in weights.iter_mut().enumerate() {
        for (j, w) in row.iter_mut().enumerate() {
            if i * c / r == j {
                *w += tilt;
            }
        }
    }
    let total: f64 = weights.iter().flatten().sum();
    let mut t = vec![vec![0u64; c]; r];
    for _ in 0..n {
        let mut u = rng.next_f64() * total;
        'pick: for i in 0..r {
            for j in 0..c {
                u -= weights[i][j];
                if u <= 0.0 {
                    t[i][j] += 1;
                    break 'pick;
                }
            }
        }
    }
    t
}

fn main() {
    println!(
        "{:>5} {:>5} {:>6} {:>12} {:>10}",
        "size", "N", "tilt", "median", "P"
    );
    let sizes = [
        (2, 2),
        (2, 3),
        (2, 5),
        (3, 3),
        (3, 4),
        (4, 4),
        (4, 5),
        (5, 5),
    ];
    for (r, c) in sizes {
        for n in [50u64, 100, 200, 300] {
            for tilt in [0.0, 1.0] {
                let t = table(r, c, n, tilt, 0x9e37_79b9 + n + (r * 10 + c) as u64);
                let runs = 3;
                let mut times = Vec::new();
                let mut outcome = Exact::Undefined;
                let mut simulated = None;
                for _ in 0..runs {
                    let start = Instant::now();
                    outcome = black_box(fisher_exact(black_box(&t)));
                    let mut p_mc = None;
                    if outcome == Exact::TooLarge {
                        p_mc = fisher_simulated(black_box(&t), REPLICATES, SEED).map(|s| s.p);
                    }
                    simulated = p_mc;
                    times.push(start.elapsed().as_secs_f64());
                    if start.elapsed().as_secs_f64() > 2.0 {
                        break;
                    }
                }
                times.sort_by(f64::total_cmp);
                let median = times[times.len() / 2];
                let p = match outcome {
                    Exact::P(p) => format!("{p:.4}"),
                    Exact::TooLarge => {
                        simulated.map_or("too large".into(), |p| format!("≈{p:.4} MC"))
                    }
                    Exact::Undefined => "—".into(),
                };
                println!(
                    "{:>5} {n:>5} {tilt:>6} {:>10.3}ms {p:>10}",
                    format!("{r}×{c}"),
                    median * 1e3
                );
            }
        }
    }
}
