//! The preview, computed by the core's own planning (`Project::plan_import`,
//! `plan_attributes`) so that what is shown is what the import does; the kind guessed from the
//! file; a survey column's role changed into the import's flags.

use super::state::{Preview, Problem, Target};
use crate::corpus::SourceKind;
use crate::corpus::import::{ColumnRole, ImportOptions, ImportSettings, survey_columns};
use crate::error::Error;
use crate::project::Project;
use crate::tui::state::State;
use std::path::Path;

/// The kind a file is most likely, and why: CSVs are surveys (case attributes when the name
/// says so); text and transcripts by the speakers the importer finds in them.
pub fn guess(project: &Project, file: &Path) -> (Target, String) {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "csv" {
        if name.contains("attribute") {
            return (Target::Attributes, "guessed from the file name".into());
        }
        return (
            Target::Source(SourceKind::Survey),
            "guessed from .csv".into(),
        );
    }
    let opts = ImportOptions::default();
    let speakers = match project.plan_import(file, SourceKind::Interview, None, &opts) {
        Ok(plan) => plan.parsed.cases.iter().filter(|c| !c.moderator).count(),
        Err(_) => 0,
    };
    match speakers {
        0 => (
            Target::Source(SourceKind::Notes),
            "guessed: no speaker labels".into(),
        ),
        1 => (
            Target::Source(SourceKind::Interview),
            "guessed: one speaker besides the interviewer".into(),
        ),
        n => (
            Target::Source(SourceKind::FocusGroup),
            format!("guessed: {n} speakers"),
        ),
    }
}

/// Plan the import again with the screen's choices.
pub fn replan(st: &mut State) {
    let im = &st.import;
    let (Some(file), Some(target)) = (im.file.clone(), im.target) else {
        st.import.preview = None;
        return;
    };
    let preview = match target {
        Target::Attributes => st
            .project
            .plan_attributes(&file)
            .map(|p| Preview::Attributes(Box::new(p))),
        Target::Source(kind) => st
            .project
            .plan_import(&file, kind, im.id.as_deref(), &im.opts)
            .map(|p| Preview::Source(Box::new(p))),
    };
    let preview = preview.map_err(|e| problem(&file, &e));
    st.import.columns.clear();
    if preview.is_err() && target == Target::Source(SourceKind::Survey) {
        // The columns as the flags ask for them, so that a role can be changed back.
        let o = &st.import.opts;
        let asked = ImportSettings {
            case_column: o.case_column.clone(),
            text_columns: o.text_columns.clone(),
            ignore_columns: o.ignore_columns.clone(),
            ..Default::default()
        };
        if let Ok(bytes) = std::fs::read(&file) {
            st.import.columns = survey_columns(&file, &bytes, &asked).unwrap_or_default();
        }
    }
    st.import.preview = Some(preview);
    st.import.row = st.import.row.min(st.import.rows().saturating_sub(1));
}

/// The error as the CLI prints it, with the line of the file it points at.
fn problem(file: &Path, e: &Error) -> Problem {
    let at = match e {
        Error::Input {
            file: f,
            line: Some(l),
            ..
        } if f == file && !is_docx(file) => std::fs::read(file).ok().and_then(|b| {
            String::from_utf8_lossy(&b)
                .lines()
                .nth(l.saturating_sub(1))
                .map(|text| (*l, text.to_string()))
        }),
        _ => None,
    };
    Problem {
        message: e.to_string(),
        at,
    }
}

fn is_docx(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Space on a survey column: give it the next role, as flags naming every column's role (what
/// the parser chose is kept as chosen), and plan again. A role the import cannot give the
/// column (a column that looks like the respondent id comes back as the case id) is passed over.
pub fn cycle_role(st: &mut State) {
    let cols = st.import.survey_columns().to_vec();
    let Some(col) = cols.get(st.import.row).cloned() else {
        return;
    };
    let mut role = col.role;
    for _ in 0..3 {
        role = super::next_role(role);
        let o = &mut st.import.opts;
        o.case_column = cols
            .iter()
            .find(|c| c.role == ColumnRole::CaseId && c.name != col.name)
            .map(|c| c.name.clone());
        let named = |r: ColumnRole| {
            cols.iter()
                .filter(|c| c.role == r && c.name != col.name)
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        o.text_columns = named(ColumnRole::Text);
        o.ignore_columns = named(ColumnRole::Ignored);
        match role {
            ColumnRole::CaseId => o.case_column = Some(col.name.clone()),
            ColumnRole::Text => o.text_columns.push(col.name.clone()),
            ColumnRole::Ignored => o.ignore_columns.push(col.name.clone()),
            ColumnRole::Attribute => {}
        }
        // Keep the columns in file order, as the parser reads them.
        let order = |v: &mut Vec<String>| {
            v.sort_by_key(|n| cols.iter().position(|c| &c.name == n));
        };
        order(&mut o.text_columns);
        order(&mut o.ignore_columns);
        replan(st);
        let now = st
            .import
            .survey_columns()
            .iter()
            .find(|c| c.name == col.name)
            .map(|c| c.role);
        if now != Some(col.role) {
            break;
        }
    }
    let now = st
        .import
        .survey_columns()
        .iter()
        .find(|c| c.name == col.name)
        .map_or("?", |c| c.role.label());
    st.info(format!("Column '{}': {now}", col.name));
}
