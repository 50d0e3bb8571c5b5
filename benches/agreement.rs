//! Agreement benchmarks: project-level unit agreement on 2 coders × N units × 40 codes (end to
//! end from the files, and the parts: reading the logs into code sets, and the computation
//! alone), at two sizes to show the growth is linear; and the ratings-calculator mode on
//! 2 × 100,000 ratings. `cargo bench --bench agreement` — prints medians of several runs.
//! `BENCH_UNITS` (default 1,000,000) and `BENCH_RATINGS` (default 100,000) change the sizes.

mod synth;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use thematic::agreement::ratings_csv::ReadOptions;
use thematic::agreement::{
    AgreementOptions, AgreementReport, Bootstrap, CodeScope, CodedUnits, Disagreements, Filters,
    Granularity, Level, project_agreement, ratings_agreement,
};
use thematic::project::Project;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    synth::median_p99(times).0
}

fn coders() -> Vec<String> {
    vec!["coder1".into(), "coder2".into()]
}

fn project_bench(root: &Path, units: usize, runs: usize) -> f64 {
    let opts = synth::Options {
        units,
        codes: 40,
        coders: 2,
        out: root.join(format!("study-{units}")),
        ..Default::default()
    };
    let t = Instant::now();
    synth::generate(&opts).expect("synth");
    eprintln!(
        "  (generated {units} units in {:.1}s)",
        t.elapsed().as_secs_f64()
    );
    let agreement = AgreementOptions::default();
    let end_to_end = time(runs, || {
        let p = Project::open(&opts.out).expect("open");
        project_agreement(&p, &agreement).expect("agreement")
    });
    let p = Project::open(&opts.out).expect("open");
    let open = time(runs, || Project::open(&opts.out).expect("open").units.len());
    let replay = time(runs, || {
        coders()
            .iter()
            .map(|c| p.coder_state(c).expect("replay").count())
            .sum::<usize>()
    });
    let collect = time(runs, || {
        CodedUnits::collect(&p, &coders(), &Filters::default(), CodeScope::Leaves).expect("collect")
    });
    let data = CodedUnits::collect(&p, &coders(), &Filters::default(), CodeScope::Leaves)
        .expect("collect");
    let compute = time(runs, || {
        AgreementReport::from_units(&p, &data, Granularity::Unit, agreement.bootstrap)
    });
    let no_ci = Bootstrap {
        samples: 0,
        seed: 1,
    };
    let compute_no_ci = time(runs, || {
        AgreementReport::from_units(&p, &data, Granularity::Unit, no_ci)
    });
    let disagreements = time(runs, || Disagreements::from_units(&p, &data).units.len());
    let r = AgreementReport::from_units(&p, &data, Granularity::Unit, agreement.bootstrap);
    println!(
        "project, 2 coders × {} units × 40 codes (pooled κ {:.3}, MASI α {:.3}, {} distinct code sets):",
        r.units,
        r.overall.cohen_kappa_pooled.unwrap_or(f64::NAN),
        r.overall.krippendorff_alpha_masi.unwrap_or(f64::NAN),
        r.overall.distinct_code_sets
    );
    println!(
        "  end to end (open project, read logs, compute, 1000 bootstrap samples): median {end_to_end:.3}s"
    );
    println!("    open project (manifest, units):             median {open:.3}s");
    println!("    read + replay logs, build code sets:        median {collect:.3}s");
    println!("      of which reading + replaying the logs:    median {replay:.3}s");
    println!("    compute (all measures, 1000 bootstrap):     median {compute:.3}s");
    println!("    compute without bootstrap intervals:        median {compute_no_ci:.3}s");
    println!("    disagreements from the code sets:           median {disagreements:.3}s");
    compute_no_ci
}

fn ratings_bench(root: &Path, rows: usize, runs: usize) {
    let path = root.join("ratings.csv");
    let mut rng = synth::Rng::new(5);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(w, "coder1,coder2").expect("write");
    for _ in 0..rows {
        let a = 1 + rng.below(5);
        let b = if rng.chance(0.8) { a } else { 1 + rng.below(5) };
        let b = if rng.chance(0.02) {
            String::new()
        } else {
            b.to_string()
        };
        writeln!(w, "{a},{b}").expect("write");
    }
    w.flush().expect("flush");
    drop(w);
    println!("ratings calculator, 2 coders × {rows} units (values 1–5, 2% missing):");
    for level in [Level::Nominal, Level::Interval] {
        let opts = ReadOptions {
            level: Some(level),
            ..Default::default()
        };
        let boot = Bootstrap {
            samples: 1000,
            seed: 1,
        };
        let with_ci = time(runs, || {
            ratings_agreement(&path, &opts, boot).expect("ratings")
        });
        let no = Bootstrap {
            samples: 0,
            seed: 1,
        };
        let without = time(runs, || {
            ratings_agreement(&path, &opts, no).expect("ratings")
        });
        let r = ratings_agreement(&path, &opts, no).expect("ratings");
        println!(
            "  {:<8} read + all coefficients: median {without:.3}s; with 1000 bootstrap samples: median {with_ci:.3}s (α {:.3}, κ {:.3})",
            r.level,
            r.krippendorff_alpha.unwrap_or(f64::NAN),
            r.cohen_kappa.unwrap_or(f64::NAN)
        );
    }
    // Continuous values: every rating distinct, the worst case for category counts.
    let path = root.join("continuous.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    for i in 0..rows {
        let a = i as f64 / 7.0;
        let b = a + (rng.below(1000) as f64) / 1000.0;
        writeln!(w, "{a},{b}").expect("write");
    }
    w.flush().expect("flush");
    drop(w);
    let opts = ReadOptions {
        level: Some(Level::Interval),
        ..Default::default()
    };
    let no = Bootstrap {
        samples: 0,
        seed: 1,
    };
    let t = time(runs, || {
        ratings_agreement(&path, &opts, no).expect("ratings")
    });
    println!("  interval, {} distinct values: median {t:.3}s", 2 * rows);
}

fn main() {
    let units = env("BENCH_UNITS", 1_000_000);
    let rows = env("BENCH_RATINGS", 100_000);
    let runs = env("BENCH_RUNS", 5);
    let tmp = tempfile::tempdir().expect("temp dir");
    ratings_bench(tmp.path(), rows, runs);
    let small = project_bench(tmp.path(), units / 10, runs);
    let large = project_bench(tmp.path(), units, runs.min(3));
    println!(
        "scaling: compute on {units} units takes {:.1}× the time of {} units (linear: 10×)",
        large / small,
        units / 10
    );
    if let Some(m) = synth::peak_rss_mib() {
        println!("peak memory: {m:.0} MiB");
    }
}
