//! Parts of the `.qdpx` export: the theme map as sets of codes, and the zip itself.

use super::guid::from_seed;
use super::xml::{esc, esc_text};
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::themes::ThemeMap;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// Each theme as a set of its codes; a name used in two sections gets the section's title.
pub fn sets_xml(
    seed: &str,
    cb: &Codebook,
    map: &ThemeMap,
    code_guids: &HashMap<&str, String>,
) -> (String, usize) {
    let mut names: HashMap<&str, usize> = HashMap::new();
    for t in map
        .sections
        .iter()
        .flat_map(|s| &s.categories)
        .flat_map(|c| &c.themes)
    {
        *names.entry(t.name.as_str()).or_default() += 1;
    }
    let mut out = String::new();
    let mut n = 0;
    for (si, s) in map.sections.iter().enumerate() {
        for (ci, c) in s.categories.iter().enumerate() {
            for (ti, t) in c.themes.iter().enumerate() {
                let name = match (&s.title, names.get(t.name.as_str())) {
                    (Some(st), Some(k)) if *k > 1 => format!("{} ({st})", t.name),
                    _ => t.name.clone(),
                };
                let _ = write!(
                    out,
                    "  <Set guid=\"{}\" name=\"{}\">",
                    from_seed(&format!("{seed}:set:{si}:{ci}:{ti}")),
                    esc(&name)
                );
                let desc = if t.description.is_empty() {
                    c.title.clone()
                } else {
                    format!("{}\n\n{}", c.title, t.description)
                };
                let _ = write!(out, "<Description>{}</Description>", esc_text(&desc));
                for code in &t.codes {
                    if let Some(g) = cb.canonical(code).and_then(|id| code_guids.get(id)) {
                        let _ = write!(out, "<MemberCode targetGUID=\"{g}\"/>");
                    }
                }
                out.push_str("</Set>\n");
                n += 1;
            }
        }
    }
    if n == 0 {
        return (String::new(), 0);
    }
    (format!("<Sets>\n{out}</Sets>\n"), n)
}

pub fn zip_bytes(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| Error::user(format!("cannot build the .qdpx: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}
