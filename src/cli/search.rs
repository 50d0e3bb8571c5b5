//! search: hits with highlighted snippets, or (with --code) code every result in one action.

use super::args::SearchArgs;
use super::output::json;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::search::{
    CodeResults, Hit, Opened, SearchIndex, SearchResults, cache_root, code_results,
    preview_code_results,
};
use serde_json::json as j;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

pub fn run(dir: &Path, a: SearchArgs) -> Result<()> {
    // A fresh index answers without loading the project's units (seconds at a million units).
    if a.code.is_none()
        && !a.reindex
        && let Some(index) = SearchIndex::open_if_fresh(&cache_root()?, dir)
    {
        match index.search(&a.query, a.limit as usize, a.coder.as_deref()) {
            Ok(results) => return show(&a, &results),
            Err(e @ Error::User(_)) => return Err(e),
            Err(_) => {} // damaged after all: the full path below repairs it
        }
    }
    let p = super::kept_until_exit(Project::open(dir)?);
    let mut progress = Progress::new();
    let mut index = SearchIndex::open_or_build(p, &mut |done, total| progress.show(done, total))?;
    if a.reindex && !matches!(index.opened(), Opened::Rebuilt(_)) {
        index.rebuild(p, &mut |done, total| progress.show(done, total))?;
    }
    progress.finish(&index);
    if let Some(code) = a.code.clone() {
        return code_all(p, &mut index, &a, &code);
    }
    let results = match index.search(&a.query, a.limit as usize, a.coder.as_deref()) {
        // A damaged index that opened cleanly fails here: rebuild it once and retry.
        Err(e) if !matches!(e, Error::User(_)) => {
            index.rebuild(p, &mut |done, total| progress.show(done, total))?;
            progress.finish(&index);
            index.search(&a.query, a.limit as usize, a.coder.as_deref())?
        }
        r => r?,
    };
    show(&a, &results)
}

fn show(a: &SearchArgs, results: &SearchResults) -> Result<()> {
    if a.json {
        let hits: Vec<_> = results.hits.iter().map(hit_json).collect();
        json(&hits)
    } else {
        print_hits(&a.query, results)?;
        Ok(())
    }
}

/// The contract's `{"unit","score","snippet"}`, with the hits in the snippet as `**…**`, plus
/// `highlights` (char offsets of the hits in the unit's whole text, usable as `--span`), `case`
/// and `speaker`.
fn hit_json(h: &Hit) -> serde_json::Value {
    j!({
        "unit": h.unit,
        "case": h.case,
        "speaker": h.speaker,
        "score": (h.score as f64 * 1000.0).round() / 1000.0,
        "snippet": h.snippet.marked("**", "**"),
        "highlights": h.highlights.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>(),
    })
}

fn print_hits(query: &str, r: &SearchResults) -> Result<()> {
    if r.total == 0 {
        outln!("No unit matches {query}");
        return Ok(());
    }
    let (open, close) = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let shown = if r.hits.len() < r.total {
        format!(", the best {}", r.hits.len())
    } else {
        String::new()
    };
    outln!(
        "{} unit{} match{shown}",
        r.total,
        if r.total == 1 { "" } else { "s" }
    );
    for h in &r.hits {
        let who = h
            .speaker
            .as_ref()
            .or(h.case.as_ref())
            .map_or(String::new(), |w| format!("  {w}"));
        let score = if h.score > 0.0 {
            format!("  {:.2}", h.score)
        } else {
            String::new()
        };
        outln!(
            "\n{}{who}{score}\n  {}",
            h.unit,
            h.snippet.marked(open, close)
        );
    }
    if r.hits.len() < r.total {
        outln!("\n… {} more (--limit N shows more)", r.total - r.hits.len());
    }
    Ok(())
}

fn code_all(p: &Project, index: &mut SearchIndex, a: &SearchArgs, code: &str) -> Result<()> {
    let coder = a
        .coder
        .as_deref()
        .ok_or_else(|| Error::user("--code needs --coder NAME"))?;
    let only = (!a.only.is_empty()).then_some(a.only.as_slice());
    let name = p.codebook.resolve(code)?.name.clone();
    let r: CodeResults = if a.dry_run {
        preview_code_results(
            index,
            p,
            &p.coder_state(coder)?,
            coder,
            &a.query,
            code,
            only,
        )?
    } else {
        let mut log = p.open_log(coder)?;
        code_results(index, p, &mut log, coder, &a.query, code, only)?
    };
    if a.json {
        return json(&j!({
            "code": r.code,
            "coder": coder,
            "dry_run": a.dry_run,
            "matched": r.matched,
            "coded": r.coded,
        }));
    }
    let chosen = only.map_or(r.matched.len(), <[String]>::len);
    let already = chosen - r.coded.len();
    let had = if already > 0 {
        format!("; {already} already had it")
    } else {
        String::new()
    };
    if a.dry_run {
        outln!(
            "Would code {} of {} matching units as '{name}' for {coder}{had}:",
            r.coded.len(),
            r.matched.len()
        );
        for u in &r.coded {
            outln!("  {u}");
        }
    } else if r.coded.is_empty() {
        outln!("Nothing to code: {chosen} unit(s) chosen{had}");
    } else {
        outln!(
            "Coded {} of {} matching units as '{name}' for {coder}{had}. Undo with `thematic undo --coder {coder}`",
            r.coded.len(),
            r.matched.len()
        );
    }
    Ok(())
}

/// Indexing progress on stderr, only when stderr is a terminal.
struct Progress {
    on: bool,
    shown: bool,
    started: Instant,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            shown: false,
            started: Instant::now(),
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        if self.on && total > 0 {
            self.shown = true;
            let mut e = std::io::stderr();
            let _ = write!(
                e,
                "\rIndexing for search: {done}/{total} units ({}%)",
                done * 100 / total
            );
            let _ = e.flush();
        }
    }

    fn finish(&mut self, index: &SearchIndex) {
        if self.shown {
            let why = match index.opened() {
                Opened::Rebuilt(why) => format!(" ({why})"),
                _ => String::new(),
            };
            note!(
                "\r\x1b[KIndexed {} units in {:.1}s{why}",
                index.units(),
                self.started.elapsed().as_secs_f64()
            );
            self.shown = false;
        }
    }
}
