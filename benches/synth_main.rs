//! `cargo run --release --example synth -- --units 100000 --codes 40 --coders 2 --out DIR [--seed N]`

mod synth;

fn main() {
    let mut o = synth::Options::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        let num = || {
            v.parse::<usize>()
                .unwrap_or_else(|_| fail(&format!("{} needs a number", args[i])))
        };
        match args[i].as_str() {
            "--units" => o.units = num(),
            "--codes" => o.codes = num(),
            "--coders" => o.coders = num(),
            "--seed" => o.seed = num() as u64,
            "--agreement" => {
                o.agreement = v
                    .parse()
                    .unwrap_or_else(|_| fail("--agreement needs a number"))
            }
            "--out" => o.out = v.into(),
            other => fail(&format!("unknown option {other}")),
        }
        i += 2;
    }
    let t = std::time::Instant::now();
    match synth::generate(&o) {
        Ok(p) => println!(
            "{}: {} units, {} codes, {} coders in {:.1}s",
            o.out.display(),
            p.units.len(),
            o.codes,
            o.coders,
            t.elapsed().as_secs_f64()
        ),
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("synth: {msg}");
    std::process::exit(1)
}
