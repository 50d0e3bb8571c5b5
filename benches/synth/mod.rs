//! Synthetic study generator for benchmarks: a survey CSV of free-text answers imported through
//! the real importer, a codebook, and coders' logs with controlled agreement. Deterministic
//! from a seed.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use thematic::codebook::NewCode;
use thematic::coding::{Entry, Op};
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;

#[derive(Debug, Clone)]
pub struct Options {
    pub units: usize,
    pub codes: usize,
    pub coders: usize,
    pub seed: u64,
    /// Probability that a second coder makes the same decision as the first on a code.
    pub agreement: f64,
    pub out: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            units: 1000,
            codes: 40,
            coders: 2,
            seed: 1,
            agreement: 0.85,
            out: PathBuf::from("synth"),
        }
    }
}

/// SplitMix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const WORDS: &[&str] = &[
    "mentor",
    "mentee",
    "meeting",
    "communication",
    "busy",
    "schedule",
    "Zoom",
    "research",
    "project",
    "career",
    "advice",
    "support",
    "feedback",
    "time",
    "goals",
    "program",
    "match",
    "interests",
    "clinic",
    "paper",
    "grant",
    "network",
    "helpful",
    "difficult",
    "often",
    "rarely",
    "always",
    "email",
    "office",
    "questions",
    "confidence",
    "balance",
    "family",
    "training",
    "fellowship",
    "skills",
    "writing",
    "presentation",
    "conference",
    "introductions",
    "expectations",
    "structure",
    "the",
    "and",
    "was",
    "with",
    "my",
    "we",
    "to",
    "of",
    "a",
    "in",
    "it",
    "that",
    "but",
    "not",
    "very",
    "more",
    "less",
    "about",
    "when",
    "because",
    "really",
    "felt",
    "made",
    "helped",
    "wanted",
];

const SURVEY_QUESTIONS: [&str; 4] = [
    "What made your mentoring relationship work well (or not)?",
    "How has the program benefited you, if at all?",
    "What should we change about the program?",
    "Anything else you would like to tell us?",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(14);
    let mut words: Vec<String> = (0..n)
        .map(|_| WORDS[rng.below(WORDS.len())].to_string())
        .collect();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().collect::<String>() + c.as_str();
        }
    }
    words.join(" ") + "."
}

fn answer(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// Write a Google-Forms-like survey CSV with `rows` respondents and 4 free-text questions.
pub fn write_survey_csv(path: &Path, rows: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(path)?));
    let mut header = vec![
        "Timestamp".to_string(),
        "Respondent ID".into(),
        "Fellowship".into(),
        "My mentor was a good match".into(),
    ];
    header.extend(SURVEY_QUESTIONS.iter().map(|s| s.to_string()));
    w.write_record(&header)?;
    let likert = [
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ];
    for r in 0..rows {
        let mut rec = vec![
            format!(
                "2025/06/{:02} {}:{:02}:{:02} AM GMT-4",
                1 + r % 28,
                1 + r % 12,
                r % 60,
                (r * 7) % 60
            ),
            format!("R{:07}", r + 1),
            if rng.chance(0.5) {
                "Adult"
            } else {
                "Pediatric"
            }
            .to_string(),
            likert[rng.below(5)].to_string(),
        ];
        for _ in 0..SURVEY_QUESTIONS.len() {
            rec.push(answer(&mut rng));
        }
        w.write_record(&rec)?;
    }
    w.flush()
}

/// Generate a whole project in `opts.out`: returns the opened project.
pub fn generate(opts: &Options) -> thematic::Result<Project> {
    let dir = &opts.out;
    let mut p = Project::init(dir, Some("synthetic study"), None)?;
    let _lock = p.lock_shared()?;
    for i in 0..opts.codes {
        p.codebook.add(NewCode {
            name: format!("Code {i:03}"),
            description: format!("Synthetic code number {i}."),
            ..Default::default()
        })?;
    }
    p.save_codebook()?;
    drop(_lock);
    let rows = opts.units.div_ceil(SURVEY_QUESTIONS.len());
    let csv_path = dir.with_extension("input.csv");
    write_survey_csv(&csv_path, rows, opts.seed).map_err(|e| thematic::Error::io(&csv_path, e))?;
    let imp = ImportOptions {
        role: Some("mentee".into()),
        ..Default::default()
    };
    p.import(&csv_path, SourceKind::Survey, Some("survey"), &imp)?;
    let _ = std::fs::remove_file(&csv_path);
    let units: Vec<String> = p
        .units
        .iter()
        .take(opts.units)
        .map(|u| u.id.clone())
        .collect();
    let codes: Vec<String> = p.codebook.codes.iter().map(|c| c.id.clone()).collect();
    write_logs(&p, &units, &codes, opts)?;
    Ok(p)
}

/// Write coders' logs directly (one entry per decision, like a coder working through the units):
/// every unit gets 1–3 codes and a review mark; later coders agree with the first with
/// probability `agreement` per code.
pub fn write_logs(
    p: &Project,
    units: &[String],
    codes: &[String],
    opts: &Options,
) -> thematic::Result<()> {
    let mut rng = Rng::new(opts.seed.wrapping_add(77));
    let base: Vec<Vec<usize>> = units
        .iter()
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| rng.below(codes.len().max(1)))
                .collect()
        })
        .collect();
    for k in 0..opts.coders {
        let name = format!("coder{}", k + 1);
        let path = p.log_path(&name);
        let file = std::fs::File::create(&path).map_err(|e| thematic::Error::io(&path, e))?;
        let mut w = std::io::BufWriter::new(file);
        let io = |e: std::io::Error| thematic::Error::io(&path, e);
        writeln!(w, "{{\"format\":1,\"coder\":\"{name}\"}}").map_err(io)?;
        let mut seq = 1u64;
        let mut crng = Rng::new(opts.seed.wrapping_add(1000 + k as u64));
        for (u, chosen) in units.iter().zip(&base) {
            let mut mine: Vec<usize> = Vec::new();
            for &c in chosen {
                let c = if k == 0 || crng.chance(opts.agreement) {
                    c
                } else {
                    crng.below(codes.len().max(1))
                };
                if !mine.contains(&c) {
                    mine.push(c);
                }
            }
            for c in mine.into_iter().map(Some).chain([None]) {
                let e = Entry {
                    seq,
                    at: "2026-01-01T00:00:00Z".into(),
                    op: if c.is_some() { Op::Apply } else { Op::Review },
                    unit: u.clone(),
                    code: c.map(|c| codes[c].clone()),
                    span: None,
                    memo: None,
                    prev: None,
                    group: seq,
                    undo: None,
                    redo: None,
                };
                serde_json::to_writer(&mut w, &e)
                    .map_err(|e| thematic::Error::user(e.to_string()))?;
                w.write_all(b"\n").map_err(io)?;
                seq += 1;
            }
        }
        w.flush().map_err(io)?;
    }
    Ok(())
}

/// Median and 99th percentile of durations in seconds.
pub fn median_p99(mut xs: Vec<f64>) -> (f64, f64) {
    xs.sort_by(|a, b| a.total_cmp(b));
    let med = xs[xs.len() / 2];
    let p99 = xs[((xs.len() as f64 * 0.99).ceil() as usize)
        .saturating_sub(1)
        .min(xs.len() - 1)];
    (med, p99)
}

/// Peak resident memory of this process so far, in MiB (Linux; None elsewhere).
pub fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
