//! Opening a project as a whole process: `status`, `agreement`, `codings`, a full search index
//! build and the workbench opening (and quitting at once) on a synthetic study, each command of
//! this build in turn with the same command of a baseline build, medians and peak memory.
//!
//! `cargo bench --bench open_project`. `BENCH_UNITS` (default 100,000; two coders, about six log
//! lines per unit over the two logs), `BENCH_RUNS` (default 5), `BENCH_DIR=DIR` keeps the
//! generated project there for the next run, `BASELINE_THEMATIC=/path/to/thematic` times an older
//! build on the same project, `BENCH_ONLY=WORD` times only the commands whose name contains WORD
//! (e.g. `workbench` on a million units). Peak memory comes from `/usr/bin/time` (skipped without it); the
//! workbench runs under `script` (util-linux) with `q` as its first key. Each line gives the median
//! and the fastest run: on a shared machine the time the system takes to provide fresh memory
//! varies from run to run, and the fastest run is the one least disturbed.

mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Wall seconds and peak resident memory (MiB, when `/usr/bin/time` is there) of one run.
fn run(shell: &str, with_time: bool) -> (f64, Option<f64>) {
    let mut c = Command::new("sh");
    if with_time {
        c.args([
            "-c",
            &format!("/usr/bin/time -f '%M' -o /dev/fd/3 {shell} 3>&2 2>/dev/null"),
        ]);
    } else {
        c.args(["-c", &format!("{shell} 2>/dev/null")]);
    }
    let t = Instant::now();
    let out = c
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    let secs = t.elapsed().as_secs_f64();
    assert!(out.status.success(), "{shell} failed");
    let kib = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse::<f64>().ok());
    (secs, kib.map(|k| k / 1024.0))
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn main() {
    let units = env("BENCH_UNITS", 100_000);
    let runs = env("BENCH_RUNS", 5);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = std::env::var_os("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    let dir = root.join(format!("synth-{units}"));
    if !dir.join("thematic.json").exists() {
        let opts = synth::Options {
            units,
            codes: 40,
            coders: 2,
            out: dir.clone(),
            ..Default::default()
        };
        synth::generate(&opts).expect("generate");
    }
    let lines: usize = ["coder1", "coder2"]
        .iter()
        .map(|c| {
            std::fs::read(dir.join("codings").join(format!("{c}.jsonl")))
                .map(|b| b.iter().filter(|&&x| x == b'\n').count())
                .unwrap_or(0)
        })
        .sum();
    let with_time = Path::new("/usr/bin/time").exists();
    let with_script = Command::new("script")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let cache = tmp.path().join("cache");
    let config = tmp.path().join("config");
    let p = quote(&dir);
    let commands: Vec<(&str, String)> = [
        ("status", format!("-p {p} status")),
        ("agreement", format!("-p {p} agreement")),
        (
            "codings --coder coder1",
            format!("-p {p} codings --coder coder1"),
        ),
        (
            "search --reindex (full index build)",
            format!("-p {p} search --reindex --limit 1 mentor"),
        ),
    ]
    .into_iter()
    .collect();
    let ours = env!("CARGO_BIN_EXE_thematic").to_string();
    let mut builds = vec![("this build", ours)];
    if let Ok(b) = std::env::var("BASELINE_THEMATIC") {
        builds.push(("baseline", b));
    }
    let env_vars = format!(
        "THEMATIC_CACHE_DIR={} THEMATIC_CONFIG_DIR={}",
        quote(&cache),
        quote(&config)
    );
    let mut shells: Vec<(String, Vec<String>)> = commands
        .iter()
        .map(|(name, args)| {
            let per_build = builds
                .iter()
                .map(|(_, bin)| format!("env {env_vars} '{bin}' {args}"))
                .collect();
            (name.to_string(), per_build)
        })
        .collect();
    if with_script {
        let per_build = builds
            .iter()
            .map(|(_, bin)| {
                format!(
                    "env {env_vars} sh -c \"printf q | script -qec \\\"'{bin}' open {p} --coder coder1\\\" /dev/null\""
                )
            })
            .collect();
        shells.push(("workbench: open, first key q".into(), per_build));
    } else {
        println!("(script not found: the workbench is not timed)");
    }
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        shells.retain(|(name, _)| name.contains(&only));
    }
    println!(
        "{units} units, {lines} log lines (two coders); median of {runs} runs, each build in turn{}",
        if with_time { ", peak memory" } else { "" }
    );
    for (name, per_build) in &shells {
        // One warm-up of each, then the builds in turn.
        for s in per_build {
            run(s, false);
        }
        let mut secs = vec![Vec::new(); per_build.len()];
        let mut mib = vec![Vec::new(); per_build.len()];
        for _ in 0..runs {
            for (i, s) in per_build.iter().enumerate() {
                let (t, m) = run(s, with_time);
                secs[i].push(t);
                mib[i].extend(m);
            }
        }
        println!("  {name}");
        for (i, (build, _)) in builds.iter().enumerate() {
            let mem = if mib[i].is_empty() {
                String::new()
            } else {
                format!(", {:.0} MiB", median(mib[i].clone()))
            };
            let fastest = secs[i].iter().copied().fold(f64::INFINITY, f64::min);
            println!(
                "    {build:<12} {:>8.0} ms (fastest {:.0} ms){mem}",
                1e3 * median(secs[i].clone()),
                1e3 * fastest
            );
        }
    }
}
