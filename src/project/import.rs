//! Adding sources and case attributes to a project; nothing is written until all is parsed.

use super::{Project, SourceUnits, atomic, manifest, units_file};
use crate::corpus::import::{ImportOptions, parse};
use crate::corpus::{SourceKind, attributes, slug};
use crate::error::{Error, IoContext, Result};
use std::path::Path;

/// What an import added.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportReport {
    pub source: String,
    pub kind: SourceKind,
    pub format: String,
    pub units: usize,
    pub cases: usize,
}

impl Project {
    /// Import `file` as a new source. Writes the verbatim copy and the units file first, the
    /// manifest last (the commit point), so a failure or crash leaves the project as it was.
    pub fn import(
        &mut self,
        file: &Path,
        kind: SourceKind,
        id: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let bytes = std::fs::read(file).at(file)?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source_id = match id {
            Some(id) => {
                if slug(id) != id || id.is_empty() {
                    return Err(Error::field(
                        file,
                        None,
                        "--id",
                        format!("'{id}' must be lowercase letters, digits and -"),
                    ));
                }
                id.to_string()
            }
            None => slug(&stem),
        };
        if source_id.is_empty() {
            return Err(Error::field(
                file,
                None,
                "--id",
                "cannot derive a source id from the file name; give --id",
            ));
        }
        let sha = manifest::sha256_hex(&bytes);
        // Checked on the loaded manifest first (a quick refusal), again under the lock below.
        not_imported(&self.manifest, file, &source_id, &sha)?;
        let (parsed, settings) = parse(file, &bytes, kind, &source_id, opts)?;
        let ext = file
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        let copy = format!("sources/{source_id}{ext}");
        let report = ImportReport {
            source: source_id.clone(),
            kind,
            format: settings.format.clone(),
            units: parsed.units.len(),
            cases: parsed.cases.len(),
        };
        let root = self.root.clone();
        let su = SourceUnits {
            format: manifest::FORMAT,
            source: source_id.clone(),
            parsed,
        };
        // Under the project lock, on the manifest as it is now: another import running at the
        // same time either went first (and is in it) or waits.
        self.update_manifest(|m| {
            not_imported(m, file, &source_id, &sha)?;
            std::fs::create_dir_all(root.join("sources")).at(&root)?;
            atomic::write_atomic(&root.join(&copy), &bytes)?;
            atomic::write_json(&root.join(units_file(&source_id)), &su)?;
            m.sources.push(manifest::SourceEntry {
                id: source_id.clone(),
                kind,
                file: copy.clone(),
                original_name: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256: sha.clone(),
                imported: manifest::now(),
                settings,
            });
            Ok(())
        })?;
        Ok(report)
    }

    /// Merge a CSV of case attributes (first column: case id). Returns the number of cases set.
    pub fn merge_attributes(&mut self, file: &Path) -> Result<usize> {
        let bytes = std::fs::read(file).at(file)?;
        let rows = attributes::parse_csv(file, &bytes)?;
        self.update_attributes(|overlay| {
            for (case, attrs) in &rows {
                overlay
                    .cases
                    .entry(case.clone())
                    .or_default()
                    .extend(attrs.clone());
            }
            Ok(rows.len())
        })
    }
}

/// Refuse a source id or a file (by its hash) that `m` already holds.
fn not_imported(m: &manifest::Manifest, file: &Path, source_id: &str, sha: &str) -> Result<()> {
    if m.sources.iter().any(|s| s.id == source_id) {
        return Err(Error::field(
            file,
            None,
            "--id",
            format!("a source with id '{source_id}' is already imported; give another --id"),
        ));
    }
    if let Some(same) = m.sources.iter().find(|s| s.sha256 == sha) {
        return Err(Error::input(
            file,
            None,
            format!("this file is already imported as source '{}'", same.id),
        ));
    }
    Ok(())
}
