//! `thematic`: parse the command line, run it, print one line on error.

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = thematic::cli::Cli::parse();
    match thematic::cli::run(cli) {
        Ok(()) => {}
        // The reader went away (`thematic units | head`): nothing more to say, to no one.
        Err(thematic::Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "error: {e}");
            std::process::exit(1);
        }
    }
}
