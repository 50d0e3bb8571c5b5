//! `thematic codebook …`

use super::args::{CodeFields, CodebookCommand};
use super::output::{json, short};
use crate::codebook::{Codebook, NewCode};
use crate::error::Result;
use crate::project::Project;
use serde_json::json as j;

pub fn run(p: &mut Project, cmd: CodebookCommand) -> Result<()> {
    if let CodebookCommand::List { json: as_json } = cmd {
        return list(p, as_json);
    }
    if let CodebookCommand::Export { file } = &cmd {
        p.codebook.export(file)?;
        println!(
            "Wrote {} codes to {}",
            p.codebook.active().count(),
            file.display()
        );
        return Ok(());
    }
    // Read before the lock is taken: the file given, not a project file.
    let imported = match &cmd {
        CodebookCommand::Import { file } => Some(Codebook::load(file)?),
        _ => None,
    };
    let message = p.update_codebook(|cb, project| -> Result<String> {
        Ok(match cmd {
            CodebookCommand::Add { name, fields } => {
                let id = cb.add(fill(
                    NewCode {
                        name,
                        ..Default::default()
                    },
                    fields,
                ))?;
                format!("Added code '{id}'")
            }
            CodebookCommand::Edit {
                code,
                name,
                fields,
                reason,
            } => {
                let c = cb.resolve(&code)?;
                let id = c.id.clone();
                let before = crate::reconcile::Definition::of(c);
                let mut current = NewCode::from(c);
                if let Some(name) = name {
                    current.name = name;
                }
                cb.edit(&id, fill(current, fields))?;
                if let Some(r) = reason {
                    super::reconcile::refinement(project, cb, &before, &id, &r)?;
                }
                format!("Updated code '{id}'")
            }
            CodebookCommand::Rename { old, new } => {
                let id = cb.rename(&old, &new)?;
                format!("Renamed '{old}' to '{new}' (id {id} kept)")
            }
            CodebookCommand::Merge { from, into } => {
                let from_id = cb.resolve(&from)?.id.clone();
                let n = project.code_usage_in(cb, &from_id)?;
                cb.merge(&from, &into)?;
                format!("Merged '{from}' into '{into}': {n} coding(s) now count as '{into}'")
            }
            CodebookCommand::Remove { code, force } => {
                let id = cb.resolve(&code)?.id.clone();
                let n = project.code_usage_in(cb, &id)?;
                cb.remove(&code, n, force)?;
                if n > 0 {
                    format!(
                        "Removed '{code}'; its {n} coding(s) are kept and come back with `codebook restore \"{code}\"`"
                    )
                } else {
                    format!("Removed '{code}'")
                }
            }
            CodebookCommand::Restore { code } => {
                cb.restore(&code)?;
                format!("Restored '{code}'")
            }
            CodebookCommand::Import { file } => {
                let Some(other) = &imported else {
                    return Err(crate::Error::user("internal: codebook not read"));
                };
                let (added, updated) = cb.import_from(other)?;
                cb.validate(&file)?;
                format!(
                    "Imported {}: {added} added, {updated} updated",
                    file.display()
                )
            }
            CodebookCommand::List { .. } | CodebookCommand::Export { .. } => {
                return Err(crate::Error::user("internal: not an edit"));
            }
        })
    })?;
    println!("{message}");
    Ok(())
}

fn fill(mut c: NewCode, f: CodeFields) -> NewCode {
    let set = |dst: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *dst = v;
        }
    };
    set(&mut c.description, f.description);
    set(&mut c.inclusion, f.inclusion);
    set(&mut c.exclusion, f.exclusion);
    set(&mut c.example, f.example);
    if let Some(k) = f.key {
        c.key = Some(k).filter(|k| !k.is_empty());
    }
    if let Some(col) = f.colour {
        c.colour = Some(col).filter(|k| !k.is_empty());
    }
    if let Some(parent) = f.parent {
        c.parent = Some(parent).filter(|k| !k.is_empty());
    }
    if let Some(e) = f.exclusive {
        c.exclusive = e;
    }
    c
}

fn list(p: &Project, as_json: bool) -> Result<()> {
    let cb = &p.codebook;
    if as_json {
        let v: Vec<_> = cb
            .active()
            .map(|c| {
                j!({"id": c.id, "name": c.name, "description": c.description, "inclusion": c.inclusion,
                    "exclusion": c.exclusion, "example": c.example, "key": c.key, "parent": c.parent,
                    "colour": c.colour, "exclusive": c.exclusive})
            })
            .collect();
        return json(&v);
    }
    fn level(cb: &Codebook, parent: Option<&str>, depth: usize) {
        for c in cb.children(parent) {
            let key = c
                .key
                .as_deref()
                .map_or("   ".to_string(), |k| format!("[{k}]"));
            println!(
                "{key} {}{:<w$} {}",
                "  ".repeat(depth),
                c.name,
                short(&c.description, 60),
                w = 32 - 2 * depth.min(8)
            );
            level(cb, Some(&c.id), depth + 1);
        }
    }
    level(cb, None, 0);
    Ok(())
}
