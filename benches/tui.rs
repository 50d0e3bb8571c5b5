//! `cargo bench --bench tui` — keystroke-to-frame on the Coding screen as the project grows:
//! synthetic projects of 1,000 and 1,000,000 units (override with THEMATIC_BENCH_UNITS=1000,5000),
//! one coder who has coded and reviewed the first half. Prints medians of repeated runs.

#[path = "synth/mod.rs"]
mod synth;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;
use thematic::project::Project;
use thematic::tui::config::Config;
use thematic::tui::{State, frame, press};

fn median_ms(times: Vec<f64>) -> f64 {
    synth::median_p99(times).0 * 1000.0
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    median_ms(times)
}

fn bench(units: usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("p");
    let t = Instant::now();
    let opts = synth::Options {
        units,
        codes: 40,
        coders: 0,
        out: out.clone(),
        ..Default::default()
    };
    let mut p = synth::generate(&opts).expect("generate");
    p.codebook.codes[0].key = Some("1".into());
    p.codebook.codes[1].key = Some("2".into());
    p.save_codebook().expect("save codebook");
    let half: Vec<String> = p
        .units
        .iter()
        .take(p.units.len() / 2)
        .map(|u| u.id.clone())
        .collect();
    let codes: Vec<String> = p.codebook.codes.iter().map(|c| c.id.clone()).collect();
    synth::write_logs(
        &p,
        &half,
        &codes,
        &synth::Options {
            coders: 1,
            ..opts.clone()
        },
    )
    .expect("logs");
    let total = p.units.len();
    drop(p);
    let made = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let project = Project::open(&out).expect("open");
    let mut st = State::new(
        project,
        Some("coder1".into()),
        Config::default(),
        Some(tmp.path().join("cfg")),
    );
    let opened = t.elapsed().as_secs_f64();
    assert!(st.log.is_some(), "{}", st.status.message);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut draw = |st: &State| {
        term.draw(|f| {
            frame::render(st, f);
        })
        .expect("draw");
    };

    let render_ms = time(200, || draw(&st));
    let apply_ms = time(200, || {
        press(&mut st, "1");
        draw(&st);
    });
    assert!(!st.status.error, "{}", st.status.message);
    let review_ms = time(100, || {
        press(&mut st, "2<space>");
        draw(&st);
    });
    press(&mut st, "<s-tab>");
    let sources_ms = time(100, || {
        press(&mut st, "j");
        draw(&st);
    });
    println!(
        "{total:>9} units (made in {made:.1}s, opened in {opened:.2}s): coding screen render {render_ms:.3} ms · \
         code key + frame {apply_ms:.3} ms · code + reviewed→next + frame {review_ms:.3} ms · sources move + frame {sources_ms:.3} ms (medians)"
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("THEMATIC_BENCH_UNITS")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 1_000_000]);
    for n in sizes {
        bench(n);
    }
    if let Some(m) = synth::peak_rss_mib() {
        println!("peak memory {m:.0} MiB");
    }
}
