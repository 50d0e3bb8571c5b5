//! Search benchmark on a synthetic study (default 1,000,000 units, two coders who coded every
//! unit): index build, query latency (median and p99) for typical queries, catching up after a
//! coding action, `thematic search` as a whole process, and `grep -c` over the same text.
//!
//! `cargo bench --bench search`; `BENCH_UNITS=N` for another size; `BENCH_DIR=DIR` keeps the
//! generated project there and reuses it on the next run.

mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use thematic::coding::Change;
use thematic::project::Project;
use thematic::search::SearchIndex;

/// Typical queries: common and rare words, phrases (the slow tail), prefixes, booleans, filters.
const QUERIES: &[&str] = &[
    "communication",
    "zoom",
    "busy",
    "confidence",
    "\"busy schedule\"",
    "\"the program was\"",
    "mentor*",
    "zoom AND feedback",
    "zoom OR email",
    "busy -zoom",
    "NOT meeting",
    "fellowship:pediatric \"career advice\"",
    "role:mentee conference",
    "code:code-007",
    "code:coder2/code-003 busy",
];
/// The words and phrases `grep -c` is timed on (the same text, one unit per line).
const GREPS: &[(&str, &str)] = &[
    ("communication", "-w"),
    ("zoom", "-w"),
    ("busy", "-w"),
    ("confidence", "-w"),
    ("busy schedule", "-w"),
    ("the program was", "-w"),
];
const RUNS: usize = 30;
const PROCESS_RUNS: usize = 7;

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn ms(x: f64) -> String {
    format!("{:.2} ms", x * 1000.0)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        dir_size(&p)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let units: usize = std::env::var("BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = std::env::var_os("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    let project_dir = root.join(format!("synth-{units}"));
    let cache = tmp.path().join("cache");

    if !project_dir.join("thematic.json").exists() {
        let t = Instant::now();
        let opts = synth::Options {
            units,
            codes: 40,
            coders: 2,
            out: project_dir.clone(),
            ..Default::default()
        };
        synth::generate(&opts).expect("generate");
        println!("generated {units} units in {:.1}s", secs(t));
    }
    let t = Instant::now();
    let p = Project::open(&project_dir).expect("open");
    let load = secs(t);
    let text_mb = p.units.iter().map(|u| u.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "project: {} units, {text_mb:.0} MB of text, opened in {load:.2}s",
        p.units.len()
    );

    // Build from nothing.
    let t = Instant::now();
    let mut idx = SearchIndex::open_or_build_in(&cache, &p, &mut |_, _| {}).expect("build");
    let build = secs(t);
    let size = dir_size(idx.dir()) as f64 / (1 << 20) as f64;
    println!(
        "index build: {build:.1}s ({:.0} units/s), {size:.0} MiB on disk",
        p.units.len() as f64 / build
    );
    let t = Instant::now();
    let again = SearchIndex::open_or_build_in(&cache, &p, &mut |_, _| {}).expect("open");
    println!(
        "open a fresh index with the project loaded (stamp check included): {}",
        ms(secs(t))
    );
    drop(again);
    let t = Instant::now();
    let light = SearchIndex::open_if_fresh(&cache, &project_dir).expect("fresh");
    println!(
        "open a fresh index from the folder, units not loaded: {}",
        ms(secs(t))
    );
    drop(light);

    // Queries in process.
    println!("\nquery latency, {RUNS} runs each, top 20 with snippets:");
    println!(
        "{:<40} {:>9} {:>10} {:>10}",
        "query", "matches", "median", "p99"
    );
    let mut all = Vec::new();
    for q in QUERIES {
        let coder = Some("coder1");
        let total = idx.search(q, 20, coder).expect(q).total;
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            std::hint::black_box(idx.search(q, 20, coder).expect(q));
            times.push(secs(t));
        }
        all.extend(&times);
        let (med, p99) = synth::median_p99(times);
        println!("{q:<40} {total:>9} {:>10} {:>10}", ms(med), ms(p99));
    }
    let (med, p99) = synth::median_p99(all);
    println!(
        "{:<40} {:>9} {:>10} {:>10}",
        "all queries",
        "",
        ms(med),
        ms(p99)
    );

    let t = Instant::now();
    let every = idx.matching_units("busy OR zoom", None).expect("matching");
    println!(
        "\nmatching_units(\"busy OR zoom\") for code-all: {} units in {}",
        every.len(),
        ms(secs(t))
    );

    // Catching up after one coding action (replays both coders' logs).
    let unit = p.units[p.units.len() / 2].id.clone();
    let code = p.codebook.codes[0].id.clone();
    let mut log = p.open_log("coder1").expect("log");
    log.record(&[Change::Remove {
        unit: unit.clone(),
        code: code.clone(),
        span: None,
    }])
    .expect("record");
    log.record(&[Change::Apply {
        unit,
        code,
        span: None,
        memo: None,
    }])
    .expect("record");
    drop(log);
    let t = Instant::now();
    let what = idx.refresh(&p, &mut |_, _| {}).expect("refresh").clone();
    println!("refresh after a coding action: {:.2}s ({what:?})", secs(t));

    // The whole `thematic search` process.
    let exe = env!("CARGO_BIN_EXE_thematic");
    println!(
        "\n`thematic search QUERY --json` as a process on the fresh index, {PROCESS_RUNS} runs:"
    );
    let mut all = Vec::new();
    for q in [
        "communication",
        "\"busy schedule\"",
        "zoom OR email",
        "role:mentee conference",
    ] {
        let mut times = Vec::new();
        for _ in 0..PROCESS_RUNS {
            let t = Instant::now();
            let out = Command::new(exe)
                .args(["-p"])
                .arg(&project_dir)
                .args(["search", q, "--json", "--coder", "coder1"])
                .env("THEMATIC_CACHE_DIR", &cache)
                .output()
                .expect("run thematic");
            times.push(secs(t));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        all.extend(&times);
        let (med, p99) = synth::median_p99(times);
        println!("{q:<40} median {:>10}  max {:>10}", ms(med), ms(p99));
    }
    let (med, _) = synth::median_p99(all);
    println!("{:<40} median {:>10}", "all", ms(med));

    // grep -c over the same text: one unit per line.
    let lines = tmp.path().join("units.txt");
    let mut text = String::with_capacity((text_mb * 1.1e6) as usize);
    for u in &p.units {
        text.extend(u.text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        text.push('\n');
    }
    std::fs::write(&lines, text).expect("write units.txt");
    println!("\n`grep -c -i -w` over the same {text_mb:.0} MB (one unit per line), median of 5:");
    for (word, flag) in GREPS {
        let mut times = Vec::new();
        let mut count = String::new();
        for _ in 0..5 {
            let t = Instant::now();
            let out = Command::new("grep")
                .args(["-c", "-i", flag, word])
                .arg(&lines)
                .output()
                .expect("grep");
            times.push(secs(t));
            count = String::from_utf8_lossy(&out.stdout).trim().to_string();
        }
        let q = format!("\"{word}\"");
        let ours = idx.search(&q, 1, None).expect("search").total;
        let (med, _) = synth::median_p99(times);
        println!(
            "grep {word:<24} {count:>9} lines  {:>10}   (search {q}: {ours} units)",
            ms(med)
        );
    }
    if let Some(m) = synth::peak_rss_mib() {
        println!("\npeak memory of the benchmark process: {m:.0} MiB");
    }
}
