//! REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette: the codebook
//! (`.qdc`) and the project (`.qdpx`, a zip of `project.qde` and the sources' plain text).
//!
//! Positions in a `PlainTextSelection` count Unicode scalar values (code points) of the
//! source's plain text, as our spans do (the schema does not name the unit); see the README for
//! what a tool counting UTF-16 units would differ on.

pub mod archive;
pub mod build;
pub mod guid;
mod import_codings;
mod import_consensus;
mod import_units;
pub mod model;
pub mod qdc;
mod qdpx_parts;
pub mod qdpx_read;
pub mod qdpx_write;
mod staging;
pub mod xml;

use crate::codebook::Codebook;
use crate::error::{IoContext, Result};
use crate::project::{CODEBOOK, Project};

/// Give every code of the project that has no GUID one, once, and save it in `codebook.json`
/// (under the project lock, on the file as it is now). Returns how many were given.
pub fn assign_guids(p: &mut Project) -> Result<usize> {
    if p.codebook.codes.iter().all(|c| c.guid.is_some()) {
        return Ok(0);
    }
    let _lock = p.lock_shared()?;
    let path = p.root.join(CODEBOOK);
    let mut cb = Codebook::from_json(&path, &std::fs::read(&path).at(&path)?)?;
    let mut n = 0;
    let given: Vec<Option<String>> = cb
        .codes
        .iter()
        .map(|c| c.guid.is_none().then(|| qdc::code_guid(&cb, c)))
        .collect();
    for (c, g) in cb.codes.iter_mut().zip(given) {
        if g.is_some() {
            c.guid = g;
            n += 1;
        }
    }
    p.codebook = cb;
    if n > 0 {
        p.save_codebook()?;
    }
    Ok(n)
}
