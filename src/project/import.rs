//! Adding sources and case attributes to a project; nothing is written until all is parsed.

use super::{ATTRIBUTES, MANIFEST, Project, SourceUnits, atomic, manifest, units_file};
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
        let _lock = self.lock_shared()?;
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
        if self.manifest.sources.iter().any(|s| s.id == source_id) {
            return Err(Error::field(
                file,
                None,
                "--id",
                format!("a source with id '{source_id}' is already imported; give another --id"),
            ));
        }
        let sha = manifest::sha256_hex(&bytes);
        if let Some(same) = self.manifest.sources.iter().find(|s| s.sha256 == sha) {
            return Err(Error::input(
                file,
                None,
                format!("this file is already imported as source '{}'", same.id),
            ));
        }
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
        std::fs::create_dir_all(self.root.join("sources")).at(&self.root)?;
        atomic::write_atomic(&self.root.join(&copy), &bytes)?;
        let su = SourceUnits {
            format: manifest::FORMAT,
            source: source_id.clone(),
            parsed,
        };
        atomic::write_json(&self.root.join(units_file(&source_id)), &su)?;
        let parsed = su.parsed;
        let mut m = self.manifest.clone();
        m.sources.push(manifest::SourceEntry {
            id: source_id,
            kind,
            file: copy,
            original_name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha,
            imported: manifest::now(),
            settings,
        });
        atomic::write_json(&self.root.join(MANIFEST), &m)?;
        self.manifest = m;
        self.add_parsed(parsed);
        Ok(report)
    }

    /// Merge a CSV of case attributes (first column: case id). Returns the number of cases set.
    pub fn merge_attributes(&mut self, file: &Path) -> Result<usize> {
        let _lock = self.lock_shared()?;
        let bytes = std::fs::read(file).at(file)?;
        let rows = attributes::parse_csv(file, &bytes)?;
        let mut overlay = self.overlay.clone();
        overlay.format = manifest::FORMAT;
        for (case, attrs) in &rows {
            overlay
                .cases
                .entry(case.clone())
                .or_default()
                .extend(attrs.clone());
        }
        atomic::write_json(&self.root.join(ATTRIBUTES), &overlay)?;
        self.overlay = overlay;
        let n = rows.len();
        for (case, attrs) in rows {
            match self.cases.iter_mut().find(|c| c.id == case) {
                Some(c) => c.attributes.extend(attrs),
                None => self.cases.push(crate::corpus::Case {
                    id: case,
                    attributes: attrs,
                }),
            }
        }
        Ok(n)
    }
}
