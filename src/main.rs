//! `thematic`: parse the command line, run it, print one line on error.

use clap::Parser;

fn main() {
    let cli = thematic::cli::Cli::parse();
    if let Err(e) = thematic::cli::run(cli) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
