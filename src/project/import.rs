//! Adding sources and case attributes to a project; nothing is written until all is parsed.

use super::{Project, SourceUnits, atomic, manifest, units_file};
use crate::corpus::import::{
    ImportOptions, ImportSettings, SurveyColumn, expectation_warnings, parse,
};
use crate::corpus::{Parsed, SourceKind, Unit, attribute_key, attributes, slug};
use crate::error::{Error, IoContext, Result};
use std::path::{Path, PathBuf};

/// What an import added.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportReport {
    pub source: String,
    pub kind: SourceKind,
    pub format: String,
    pub units: usize,
    pub cases: usize,
    /// Speakers taken for moderators (transcripts).
    pub moderators: Vec<String>,
    /// Things the kind expects that the file did not have.
    pub warnings: Vec<String>,
}

impl Project {
    /// Import `file` as a new source: [`Project::plan_import`], then [`Project::apply_import`].
    pub fn import(
        &mut self,
        file: &Path,
        kind: SourceKind,
        id: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let plan = self.plan_import(file, kind, id, opts)?;
        self.apply_import(plan)
    }

    /// Read and parse `file` as the import would, writing nothing: the units, cases and
    /// warnings it will add (the workbench's preview is this plan).
    pub fn plan_import(
        &self,
        file: &Path,
        kind: SourceKind,
        id: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<ImportPlan> {
        let bytes = crate::files::input::read_input(file, opts.follow_symlinks)?;
        let source_id = source_id_for(file, id)?;
        let sha = manifest::sha256_hex(&bytes);
        // Checked on the loaded manifest first (a quick refusal), again under the lock on apply.
        not_imported(&self.manifest, file, &source_id, &sha)?;
        let (parsed, settings) = parse(file, &bytes, kind, &source_id, opts)?;
        let columns = if kind == SourceKind::Survey {
            crate::corpus::import::survey_columns(file, &bytes, &settings)?
        } else {
            Vec::new()
        };
        let report = ImportReport {
            source: source_id.clone(),
            kind,
            format: settings.format.clone(),
            units: parsed.units.len(),
            cases: parsed.cases.len(),
            moderators: parsed
                .cases
                .iter()
                .filter(|c| c.moderator)
                .map(|c| c.id.clone())
                .collect(),
            warnings: expectation_warnings(kind, &parsed, opts),
        };
        Ok(ImportPlan {
            file: file.to_path_buf(),
            kind,
            source_id,
            parsed,
            settings,
            report,
            columns,
            bytes,
            sha,
        })
    }

    /// Write what `plan` holds: the verbatim copy and the units file first, the manifest last
    /// (the commit point), so a failure or crash leaves the project as it was.
    pub fn apply_import(&mut self, plan: ImportPlan) -> Result<ImportReport> {
        let ImportPlan {
            file,
            kind,
            source_id,
            parsed,
            settings,
            report,
            bytes,
            sha,
            ..
        } = plan;
        let ext = file
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        let copy = format!("sources/{source_id}{ext}");
        let root = self.root.clone();
        let su = SourceUnits {
            format: manifest::FORMAT,
            source: source_id.clone(),
            parsed,
            retired: Vec::new(),
        };
        // Under the project lock, on the manifest as it is now: another import running at the
        // same time either went first (and is in it) or waits.
        self.update_manifest(|m| {
            not_imported(m, &file, &source_id, &sha)?;
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

    /// Merge a CSV of case attributes, adding case ids the project does not have as new cases
    /// (`thematic attributes --new-cases`).
    pub fn merge_attributes(&mut self, file: &Path) -> Result<usize> {
        self.import_attributes(file, true)
    }

    /// Merge a CSV of case attributes (first column: case id). Case ids the project does not
    /// have are refused (all listed) unless `new_cases`. Returns the number of cases set.
    pub fn import_attributes(&mut self, file: &Path, new_cases: bool) -> Result<usize> {
        let plan = self.plan_attributes(file)?;
        self.apply_attributes(plan, new_cases)
    }

    /// Read an attributes CSV as the merge would, writing nothing: which case ids the project
    /// has and which it does not.
    pub fn plan_attributes(&self, file: &Path) -> Result<AttributesPlan> {
        let bytes = crate::files::input::read_input(file, false)?;
        let rows = attributes::parse_rows(file, &bytes)?;
        let (matched, unknown) = rows
            .cases
            .keys()
            .cloned()
            .partition(|id| self.case(id).is_some());
        Ok(AttributesPlan {
            file: file.to_path_buf(),
            rows,
            matched,
            unknown,
        })
    }

    /// Merge what `plan` read; refused (nothing written) when it names case ids the project
    /// does not have, unless `new_cases` adds them as cases.
    pub fn apply_attributes(&mut self, plan: AttributesPlan, new_cases: bool) -> Result<usize> {
        plan.refusal(new_cases).map_or(Ok(()), Err)?;
        let rows = plan.rows;
        self.update_attributes(|overlay| {
            for (case, attrs) in &rows.cases {
                overlay
                    .cases
                    .entry(case.clone())
                    .or_default()
                    .extend(attrs.clone());
            }
            for (key, label) in &rows.labels {
                if attribute_key(label) != *label {
                    overlay.labels.insert(key.clone(), label.clone());
                }
            }
            Ok(rows.cases.len())
        })
    }
}

/// What importing a file will add, read and parsed but not written ([`Project::plan_import`]).
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub file: PathBuf,
    pub kind: SourceKind,
    pub source_id: String,
    /// The cases and units, exactly as they will be written.
    pub parsed: Parsed,
    /// How the file was read (the columns chosen, the format…), as the manifest will keep it.
    pub settings: ImportSettings,
    pub report: ImportReport,
    /// Surveys: every column with its role and a few answers.
    pub columns: Vec<SurveyColumn>,
    bytes: Vec<u8>,
    sha: String,
}

impl ImportPlan {
    /// Transcripts: the turns on which no speaker label was found (text the parser could not
    /// give a speaker), in file order.
    pub fn unlabelled(&self) -> Vec<&Unit> {
        if !matches!(self.kind, SourceKind::FocusGroup | SourceKind::Interview) {
            return Vec::new();
        }
        self.parsed
            .units
            .iter()
            .filter(|u| u.speaker.is_none())
            .collect()
    }
}

/// An attributes CSV read against the project ([`Project::plan_attributes`]).
#[derive(Debug, Clone)]
pub struct AttributesPlan {
    pub file: PathBuf,
    pub rows: attributes::AttributeRows,
    /// Case ids the project has.
    pub matched: Vec<String>,
    /// Case ids it does not have (new cases with `--new-cases`), in id order.
    pub unknown: Vec<String>,
}

impl AttributesPlan {
    /// Why the merge is refused without `new_cases`, if it is.
    pub fn refusal(&self, new_cases: bool) -> Option<Error> {
        let first = self.unknown.first().filter(|_| !new_cases)?;
        let shown: Vec<&str> = self.unknown.iter().take(10).map(|s| s.as_str()).collect();
        let more = if self.unknown.len() > 10 {
            format!(" and {} more", self.unknown.len() - 10)
        } else {
            String::new()
        };
        Some(Error::input(
            &self.file,
            self.rows.lines.get(first).copied(),
            format!(
                "{} case id(s) are not in the project: {}{more}; check them with `thematic cases`, \
                 or give --new-cases to add them as cases",
                self.unknown.len(),
                shown.join(", ")
            ),
        ))
    }
}

/// The source id of `file`: `id` when given (checked), else from the file name.
fn source_id_for(file: &Path, id: Option<&str>) -> Result<String> {
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
    Ok(source_id)
}

/// Refuse a source id or a file (by its hash) that `m` already holds.
fn not_imported(m: &manifest::Manifest, file: &Path, source_id: &str, sha: &str) -> Result<()> {
    if m.removed_sources.iter().any(|s| s.id == source_id) {
        return Err(Error::field(
            file,
            None,
            "--id",
            format!(
                "'{source_id}' is a removed source whose codings are kept; bring it back with \
                 `thematic source restore {source_id}` or give another --id"
            ),
        ));
    }
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
