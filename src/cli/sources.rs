//! `thematic source remove|restore|reimport`.

use super::args::{ReimportArgs, SourceCommand};
use super::output::json;
use crate::corpus::SourceKind;
use crate::corpus::import::ImportOptions;
use crate::error::{Error, Result};
use crate::project::Project;

pub fn run(p: &mut Project, cmd: SourceCommand) -> Result<()> {
    match cmd {
        SourceCommand::Remove { id, force } => {
            let r = p.remove_source(&id, force)?;
            if r.codings.is_empty() {
                outln!(
                    "Removed source '{id}' ({} units); its files are kept in {}",
                    r.units,
                    r.archived
                        .first()
                        .and_then(|f| f.rsplit_once('/'))
                        .map_or("sources/removed", |(dir, _)| dir)
                );
            } else {
                let total: usize = r.codings.values().sum();
                outln!(
                    "Removed source '{id}' ({} units); its {total} coding(s) and review mark(s) are kept and come back with `thematic source restore {id}`",
                    r.units
                );
            }
            Ok(())
        }
        SourceCommand::Restore { id } => {
            p.restore_source(&id)?;
            outln!("Restored source '{id}' with the codings on its units");
            Ok(())
        }
        SourceCommand::Reimport(a) => reimport(p, a),
    }
}

fn reimport(p: &mut Project, a: ReimportArgs) -> Result<()> {
    let kind = a
        .kind
        .as_deref()
        .map(|k| SourceKind::parse(k).ok_or_else(|| Error::user(format!("unknown kind '{k}'"))))
        .transpose()?;
    let Some(entry) = p.manifest.sources.iter().find(|s| s.id == a.id) else {
        return Err(Error::user(format!(
            "unknown source '{}'; see `thematic status`",
            a.id
        )));
    };
    // The settings the source was imported with; those given now replace them.
    let mut opts = ImportOptions::from_settings(&entry.settings);
    let new_kind = kind.unwrap_or(entry.kind);
    if new_kind != SourceKind::Survey {
        opts.case_column = None;
        opts.text_columns.clear();
        opts.ignore_columns.clear();
    }
    if a.parse.role.is_some() {
        opts.role = a.parse.role;
    }
    if a.parse.case_column.is_some() {
        opts.case_column = a.parse.case_column;
    }
    if !a.parse.text_columns.is_empty() {
        opts.text_columns = a.parse.text_columns;
    }
    if !a.parse.ignore_columns.is_empty() {
        opts.ignore_columns = a.parse.ignore_columns;
    }
    if a.parse.case.is_some() {
        opts.case = a.parse.case;
    }
    if !a.parse.moderators.is_empty() {
        opts.moderators = a.parse.moderators;
    }
    if !a.parse.attrs.is_empty() {
        opts.attrs.clear();
        for kv in &a.parse.attrs {
            let Some((k, v)) = kv.split_once('=') else {
                return Err(Error::user(format!("--attr '{kv}' is not KEY=VALUE")));
            };
            opts.attrs
                .push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let r = p.reimport_source(&a.id, kind, &opts, a.force)?;
    for w in &r.warnings {
        note!("warning: {w}");
    }
    if a.json {
        return json(&r);
    }
    outln!(
        "Re-imported source '{}' ({}, {}): {} units, {} kept their ids, {} new",
        r.source,
        r.kind,
        r.format,
        r.units,
        r.kept,
        r.new
    );
    if !r.dropped.is_empty() {
        let total: usize = r.dropped_codings.values().sum();
        outln!(
            "{} earlier unit(s) are gone{}",
            r.dropped.len(),
            if total > 0 {
                format!("; {total} coding(s) and review mark(s) on them stay in the logs, hidden")
            } else {
                String::new()
            }
        );
    }
    if !r.moderators.is_empty() {
        outln!("Moderators: {}", r.moderators.join(", "));
    }
    Ok(())
}
