//! `import-project FILE.qdpx DIR`, `export qdpx FILE`: REFI-QDA exchange.

use super::output::json;
use crate::error::Result;
use crate::interop::{assign_guids, build, qdpx_write};
use crate::project::{Project, atomic};
use std::path::Path;

pub fn is_qdc(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdc"))
}

pub fn export_qdpx(p: &Project, file: &Path) -> Result<()> {
    let mut p = Project::open(&p.root)?;
    let given = assign_guids(&mut p)?;
    let (bytes, r) = qdpx_write::export(&p)?;
    atomic::write_atomic(file, &bytes)?;
    if given > 0 {
        eprintln!(
            "Gave {given} code(s) a REFI-QDA GUID, kept in codebook.json for later exchanges"
        );
    }
    outln!(
        "Wrote {}: {} sources, {} cases, {} codes, {} codings by {}, {} memos, {} sets",
        file.display(),
        r.sources,
        r.cases,
        r.codes,
        r.codings,
        if r.users.is_empty() {
            "no one".to_string()
        } else {
            r.users.join(", ")
        },
        r.notes,
        r.sets
    );
    Ok(())
}

pub fn import_project(
    file: &Path,
    dir: &Path,
    consensus_user: Option<String>,
    as_json: bool,
) -> Result<()> {
    let how = build::ProjectImport {
        consensus_user,
        ..Default::default()
    };
    let r = build::import_project_using(file, dir, &how)?;
    if !r.cleared.is_empty() {
        eprintln!(
            "Removed {} folder(s) left by an interrupted import: {}",
            r.cleared.len(),
            r.cleared.join(", ")
        );
    }
    if as_json {
        return json(&r);
    }
    outln!(
        "Imported {} into {}: {} sources, {} units, {} cases, {} codes, {} themes",
        file.display(),
        dir.display(),
        r.sources,
        r.units,
        r.cases,
        r.codes,
        r.themes
    );
    for (coder, n) in &r.coders {
        outln!("  {coder}: {n} codings");
    }
    if let Some(n) = r.consensus {
        outln!("  consensus: {n} decisions");
    }
    if r.memos > 0 {
        outln!("  {} memos", r.memos);
    }
    if !r.exact {
        outln!("Units are the text's paragraphs (one per non-blank line).");
    }
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}
