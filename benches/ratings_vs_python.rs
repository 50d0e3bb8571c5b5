//! The ratings calculator as a whole process against the python `krippendorff` package (numpy):
//! writes a CSV of 2 coders × N units (values 1–5, 80% exact agreement, 2% missing), then times
//! `thematic agreement --ratings FILE --json` (1000 bootstrap samples, all standard errors) and
//! `python3 -c 'krippendorff.alpha(…)'` on the same file, in turn, and prints the medians.
//!
//! `cargo bench --bench ratings_vs_python`. `BENCH_RATINGS` (default 100,000) sets N,
//! `BENCH_RUNS` (default 11) the runs of each; `BASELINE_THEMATIC=/path/to/thematic` also times
//! an older build of the command on the same file, for before/after figures from one run. The
//! python side is skipped, with a message, when python3 cannot import krippendorff and numpy.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// SplitMix64, so the file is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }
}

fn write_csv(path: &Path, rows: usize) {
    let mut rng = Rng(5);
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(w, "coder1,coder2").expect("write");
    for _ in 0..rows {
        let a = 1 + rng.next() % 5;
        let b = if rng.chance(0.8) {
            a
        } else {
            1 + rng.next() % 5
        };
        if rng.chance(0.02) {
            writeln!(w, "{a},").expect("write");
        } else {
            writeln!(w, "{a},{b}").expect("write");
        }
    }
    w.flush().expect("flush");
}

/// Wall time of one whole process, its standard output kept.
fn run(cmd: &mut Command) -> (f64, String) {
    let t = Instant::now();
    let out = cmd.stderr(Stdio::null()).output().expect("run");
    let secs = t.elapsed().as_secs_f64();
    assert!(out.status.success(), "{cmd:?} failed");
    (secs, String::from_utf8_lossy(&out.stdout).into_owned())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

const PYTHON: &str = "import sys, numpy, krippendorff\n\
data = numpy.genfromtxt(sys.argv[1], delimiter=',', skip_header=1)\n\
print(krippendorff.alpha(reliability_data=data.T, level_of_measurement='nominal'))\n";

fn main() {
    let rows = env("BENCH_RATINGS", 100_000);
    let runs = env("BENCH_RUNS", 11);
    let tmp = tempfile::tempdir().expect("temp dir");
    let csv = tmp.path().join("ratings.csv");
    write_csv(&csv, rows);
    let bytes = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let ours = env!("CARGO_BIN_EXE_thematic");
    let baseline = std::env::var("BASELINE_THEMATIC").ok();
    let python_ok = Command::new("python3")
        .args(["-c", "import numpy, krippendorff"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !python_ok {
        println!("(python3 with krippendorff and numpy not found: skipping the python side)");
    }
    let ratings = |bin: &str| {
        let mut c = Command::new(bin);
        c.args(["agreement", "--ratings"]).arg(&csv).arg("--json");
        c
    };
    let python = || {
        let mut c = Command::new("python3");
        c.args(["-c", PYTHON]).arg(&csv);
        c
    };
    // One warm-up of each, then the commands in turn.
    let (_, report) = run(&mut ratings(ours));
    let mut times: Vec<(&str, Vec<f64>)> = vec![("thematic (this build)", Vec::new())];
    if let Some(b) = &baseline {
        run(&mut ratings(b));
        times.push(("thematic (baseline build)", Vec::new()));
    }
    let mut python_alpha = None;
    if python_ok {
        python_alpha = Some(run(&mut python()).1.trim().to_string());
        times.push(("python krippendorff (numpy)", Vec::new()));
    }
    for _ in 0..runs {
        times[0].1.push(run(&mut ratings(ours)).0);
        let mut i = 1;
        if let Some(b) = &baseline {
            times[i].1.push(run(&mut ratings(b)).0);
            i += 1;
        }
        if python_ok {
            times[i].1.push(run(&mut python()).0);
        }
    }
    let alpha = serde_json::from_str::<serde_json::Value>(&report)
        .ok()
        .and_then(|v| v["krippendorff_alpha"].as_f64());
    println!(
        "ratings calculator, whole process, 2 coders × {rows} units ({:.1} MB CSV), median of {runs} runs:",
        bytes as f64 / 1e6
    );
    for (name, t) in times {
        println!("  {name:<30} {:>8.1} ms", 1e3 * median(t));
    }
    println!(
        "  nominal alpha: thematic {}, python {}",
        alpha.map_or("—".into(), |a| format!("{a:.6}")),
        python_alpha.unwrap_or_else(|| "—".into())
    );
}
