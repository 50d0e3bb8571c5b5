//! Core benchmarks: survey import (rows/s) and project load (replay of two coders' logs).
//! `cargo bench --bench core` — prints medians of several runs and peak memory.

mod synth;

use std::time::Instant;
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;

fn main() {
    let rows: usize = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let runs = 5;
    let tmp = tempfile::tempdir().expect("temp dir");
    let csv = tmp.path().join("survey.csv");
    synth::write_survey_csv(&csv, rows, 7).expect("write csv");
    let mb = std::fs::metadata(&csv)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);

    let mut times = Vec::new();
    for r in 0..runs {
        let dir = tmp.path().join(format!("import{r}"));
        let mut p = Project::init(&dir, None, None).expect("init");
        let t = Instant::now();
        p.import(
            &csv,
            SourceKind::Survey,
            Some("survey"),
            &ImportOptions::default(),
        )
        .expect("import");
        times.push(t.elapsed().as_secs_f64());
    }
    let (med, _) = synth::median_p99(times);
    println!(
        "import: {rows} rows ({mb:.1} MB) median {:.3}s = {:.0} rows/s",
        med,
        rows as f64 / med
    );

    // 100,000 units, two coders: about 100,000 entries per log (codes + review marks).
    let opts = synth::Options {
        units: 34_500,
        codes: 40,
        coders: 2,
        out: tmp.path().join("load"),
        ..Default::default()
    };
    let p = synth::generate(&opts).expect("synth");
    let entries: usize = p
        .coders()
        .expect("coders")
        .iter()
        .map(|c| {
            std::fs::read_to_string(p.log_path(c))
                .map(|s| s.lines().count() - 1)
                .unwrap_or(0)
        })
        .sum();
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let p = Project::open(&opts.out).expect("open");
        for c in p.coders().expect("coders") {
            let st = p.coder_view(&c).expect("replay");
            std::hint::black_box(st.count());
        }
        times.push(t.elapsed().as_secs_f64());
    }
    let (med, _) = synth::median_p99(times);
    println!(
        "load: {} units + {entries} log entries, median {:.3}s",
        p.units.len(),
        med
    );
    if let Some(m) = synth::peak_rss_mib() {
        println!("peak memory: {m:.0} MiB");
    }
}
