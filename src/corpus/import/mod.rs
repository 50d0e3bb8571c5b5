//! Importers: each turns one file into cases and units with stable ids. Nothing here writes.

mod columns;
mod docx;
mod paragraphs;
mod speaker;
mod survey;
mod vtt;

use super::{Case, Parsed, SourceKind, attribute_key};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use columns::{ColumnRole, SurveyColumn, survey_columns};
pub use survey::detect_text_columns;

/// A `--attr KEY=VALUE` as given on the command line (or typed in the workbench), split; a value
/// without `=` is refused naming `file`, the file it was to apply to.
pub fn parse_attr(file: &Path, kv: &str) -> Result<(String, String)> {
    let Some((k, v)) = kv.split_once('=') else {
        return Err(Error::field(
            file,
            None,
            "--attr",
            format!("'{kv}' is not KEY=VALUE"),
        ));
    };
    Ok((k.trim().to_string(), v.trim().to_string()))
}

/// How a file was parsed; stored in the manifest so the import can be understood and repeated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSettings {
    /// `survey-csv`, `qualtrics-csv`, `webvtt`, `srt`, `docx`, `text`.
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_column: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text_columns: Vec<String>,
    /// Survey: columns left out altogether (neither text nor attribute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore_columns: Vec<String>,
    /// Extra attributes given with `--attr KEY=VALUE`, set on every case of the source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    /// With notes and interviews: the case every unspoken paragraph belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// With transcripts: the speakers named with `--moderator` (empty: the default names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moderators: Vec<String>,
}

/// What the user asked for on the command line (or in the TUI's import dialog).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub role: Option<String>,
    pub case_column: Option<String>,
    pub text_columns: Vec<String>,
    /// Survey: columns left out (neither text nor attribute).
    pub ignore_columns: Vec<String>,
    pub attrs: Vec<(String, String)>,
    pub case: Option<String>,
    /// Transcripts: speakers whose turns are moderation (empty: [`DEFAULT_MODERATORS`]).
    pub moderators: Vec<String>,
    /// Import the file a symbolic link points to (refused otherwise).
    pub follow_symlinks: bool,
}

impl ImportOptions {
    /// The options a source was imported with, to import it again.
    pub fn from_settings(s: &ImportSettings) -> ImportOptions {
        ImportOptions {
            role: s.role.clone(),
            case_column: s.case_column.clone(),
            text_columns: s.text_columns.clone(),
            ignore_columns: s.ignore_columns.clone(),
            attrs: s.attrs.clone(),
            case: s.case.clone(),
            moderators: s.moderators.clone(),
            follow_symlinks: false,
        }
    }
}

/// Parse `bytes` (the content of `path`) as a source of `kind` with id `source_id`.
pub fn parse(
    path: &Path,
    bytes: &[u8],
    kind: SourceKind,
    source_id: &str,
    opts: &ImportOptions,
) -> Result<(Parsed, ImportSettings)> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut settings = ImportSettings {
        role: opts.role.clone(),
        attrs: opts.attrs.clone(),
        case: opts.case.clone(),
        moderators: opts.moderators.clone(),
        ..Default::default()
    };
    if kind == SourceKind::Survey {
        if ext == "docx" || ext == "vtt" || ext == "srt" {
            return Err(Error::input(
                path,
                None,
                "a survey must be a CSV file (.csv)",
            ));
        }
    } else if !opts.text_columns.is_empty()
        || opts.case_column.is_some()
        || !opts.ignore_columns.is_empty()
    {
        return Err(Error::input(
            path,
            None,
            "--case-column, --text-columns and --ignore-columns only apply to --kind survey",
        ));
    }
    let transcript = matches!(kind, SourceKind::FocusGroup | SourceKind::Interview);
    let mut parsed = match (kind, ext.as_str()) {
        (SourceKind::Survey, _) => survey::parse(path, bytes, source_id, opts, &mut settings)?,
        (_, "vtt") => {
            settings.format = "webvtt".into();
            vtt::parse_vtt(path, &super::text::decode(path, bytes)?, source_id)?
        }
        (_, "srt") => {
            settings.format = "srt".into();
            vtt::parse_srt(path, &super::text::decode(path, bytes)?, source_id)?
        }
        (_, "docx") => {
            settings.format = "docx".into();
            let paras = docx::paragraphs(path, bytes)?;
            paragraphs::parse_paragraphs(path, paras, source_id, transcript, opts.case.as_deref())?
        }
        _ => {
            settings.format = "text".into();
            let text = super::text::decode(path, bytes)?;
            paragraphs::parse_text(path, &text, source_id, transcript, opts.case.as_deref())?
        }
    };
    let max = crate::files::input::UNIT_CHARS.amount();
    if let Some(u) = parsed
        .units
        .iter()
        .find(|u| u.text.len() as u64 > max && u.text.chars().count() as u64 > max)
    {
        return Err(crate::files::input::UNIT_CHARS.exceeded(
            path,
            None,
            &format!("unit {}", u.id),
        ));
    }
    if parsed.units.is_empty() {
        return Err(Error::input(
            path,
            None,
            "no text to code was found in the file",
        ));
    }
    if transcript {
        mark_moderators(&mut parsed, &opts.moderators);
    }
    apply_case_tags(&mut parsed.cases, opts);
    Ok((parsed, settings))
}

/// The speakers taken for moderators when no `--moderator` is given: a speaker whose label's
/// first word is one of these ("Moderator", "Interviewer Lee").
pub const DEFAULT_MODERATORS: [&str; 3] = ["Moderator", "Interviewer", "Facilitator"];

/// Whether `speaker` is a moderator: one of `names` (case-insensitive), or with no names given,
/// a label starting with one of [`DEFAULT_MODERATORS`].
pub fn is_moderator(speaker: &str, names: &[String]) -> bool {
    if names.is_empty() {
        let first = speaker.split_whitespace().next().unwrap_or("");
        DEFAULT_MODERATORS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(first))
    } else {
        names.iter().any(|n| n.trim().eq_ignore_ascii_case(speaker))
    }
}

/// Flag moderators' turns and cases; a moderator's turn becomes the `prompt` of the turns that
/// answer it (up to the next moderator turn).
fn mark_moderators(parsed: &mut Parsed, names: &[String]) {
    let mut question: Option<String> = None;
    for u in &mut parsed.units {
        if u.speaker.as_deref().is_some_and(|s| is_moderator(s, names)) {
            u.moderator = true;
            question = Some(u.text.clone());
        } else if let Some(q) = &question {
            u.prompt = Some(q.clone());
        }
    }
    for c in &mut parsed.cases {
        c.moderator = is_moderator(&c.id, names)
            && parsed
                .units
                .iter()
                .any(|u| u.moderator && u.case.as_deref() == Some(&c.id));
    }
}

/// What a researcher should hear about an import that parsed but found less than its kind
/// expects: a transcript without speakers, a `--moderator` who never speaks.
pub fn expectation_warnings(
    kind: SourceKind,
    parsed: &Parsed,
    opts: &ImportOptions,
) -> Vec<String> {
    let mut out = Vec::new();
    let transcript = matches!(kind, SourceKind::FocusGroup | SourceKind::Interview);
    if transcript && parsed.units.iter().all(|u| u.speaker.is_none()) {
        let article = if kind == SourceKind::Interview {
            "an"
        } else {
            "a"
        };
        let whose = match &opts.case {
            Some(c) => format!("have no speaker (all belong to case '{c}', from --case)"),
            None => "have no speaker and no case".to_string(),
        };
        out.push(format!(
            "no speakers were found: {article} {kind} transcript has turns labelled 'Name: text' \
             (or WebVTT voices); the {} units {whose}. \
             If the file is notes, remove it (`thematic source remove`) and import it with --kind notes",
            parsed.units.len()
        ));
    }
    for name in &opts.moderators {
        if !parsed.units.iter().any(|u| {
            u.speaker
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(name.trim()))
        }) {
            out.push(format!("--moderator '{name}' is not a speaker in the file"));
        }
    }
    out
}

/// `--role` and `--attr` tag every case of the source; `--role` skips moderators.
fn apply_case_tags(cases: &mut [Case], opts: &ImportOptions) {
    for case in cases {
        if let Some(role) = opts.role.as_ref().filter(|_| !case.moderator) {
            case.attributes.insert("role".into(), role.clone());
        }
        for (k, v) in &opts.attrs {
            case.attributes.insert(attribute_key(k), v.clone());
        }
    }
}

/// Collect the cases named by units (speakers, `--case`) in first-seen order.
fn cases_from_units(units: &[super::Unit]) -> Vec<Case> {
    let mut seen = std::collections::HashSet::new();
    let mut cases = Vec::new();
    for u in units {
        if let Some(c) = &u.case
            && seen.insert(c.clone())
        {
            cases.push(Case {
                id: c.clone(),
                attributes: Default::default(),
                moderator: false,
            });
        }
    }
    cases
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_formats;
