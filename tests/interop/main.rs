//! REFI-QDA exchange: codebook (.qdc) round trips and variants, project (.qdpx) round trips on
//! the sample and on a synthetic project with emoji, CJK and combining characters, a project
//! as other tools write it, hostile archives, and the export against the REFI-QDA schema.

#[path = "../common/mod.rs"]
mod common;

mod codebook;
mod consensus;
mod foreign;
mod hostile;
mod roundtrip;
mod schema;
mod staging;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use thematic::project::Project;

/// A coder's codings as comparable rows: unit → sorted (code, span, memo). A span over the
/// whole unit is the whole unit.
pub type Rows = BTreeMap<String, Vec<(String, Option<(usize, usize)>, Option<String>)>>;

pub fn codings(p: &Project, coder: &str) -> Rows {
    let st = p.coder_view(coder).unwrap();
    let mut out = BTreeMap::new();
    for (unit, list) in &st.codings {
        let len = p.unit(unit).unwrap().text.chars().count();
        let mut rows: Vec<_> = list
            .iter()
            .map(|c| {
                let span = c.span.filter(|&(a, b)| !(a == 0 && b == len));
                (c.code.to_string(), span, c.memo.clone())
            })
            .collect();
        rows.sort();
        out.insert(unit.clone(), rows);
    }
    out
}

/// Write a zip of `(name, bytes)` entries.
pub fn zip_of(path: &Path, files: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// Read one entry of a zip.
pub fn entry(path: &Path, name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut f, &mut v).unwrap();
    v
}

/// The folder holds nothing but `keep` (no temporary import folder left behind).
pub fn only(dir: &Path, keep: &[&str]) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(names, want, "left in {}", dir.display());
}
