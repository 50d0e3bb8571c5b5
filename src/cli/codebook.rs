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
        if super::interop::is_qdc(file) {
            crate::interop::assign_guids(p)?;
        }
        p.codebook.export(file)?;
        println!(
            "Wrote {} codes to {}",
            p.codebook.active().count(),
            file.display()
        );
        return Ok(());
    }
    let _lock = p.lock_shared()?;
    let message = match cmd {
        CodebookCommand::Add { name, fields } => {
            let id = p.codebook.add(fill(
                NewCode {
                    name,
                    ..Default::default()
                },
                fields,
            ))?;
            format!("Added code '{id}'")
        }
        CodebookCommand::Edit { code, name, fields } => {
            let c = p.codebook.resolve(&code)?;
            let id = c.id.clone();
            let current = NewCode {
                name: name.unwrap_or_else(|| c.name.clone()),
                description: c.description.clone(),
                inclusion: c.inclusion.clone(),
                exclusion: c.exclusion.clone(),
                example: c.example.clone(),
                key: c.key.clone(),
                colour: c.colour.clone(),
                parent: c.parent.clone(),
                exclusive: c.exclusive,
            };
            p.codebook.edit(&id, fill(current, fields))?;
            format!("Updated code '{id}'")
        }
        CodebookCommand::Rename { old, new } => {
            let id = p.codebook.rename(&old, &new)?;
            format!("Renamed '{old}' to '{new}' (id {id} kept)")
        }
        CodebookCommand::Merge { from, into } => {
            let from_id = p.codebook.resolve(&from)?.id.clone();
            let n = p.code_usage(&from_id)?;
            p.codebook.merge(&from, &into)?;
            format!("Merged '{from}' into '{into}': {n} coding(s) now count as '{into}'")
        }
        CodebookCommand::Remove { code, force } => {
            let id = p.codebook.resolve(&code)?.id.clone();
            let n = p.code_usage(&id)?;
            p.codebook.remove(&code, n, force)?;
            if n > 0 {
                format!(
                    "Removed '{code}'; its {n} coding(s) are kept and come back with `codebook restore \"{code}\"`"
                )
            } else {
                format!("Removed '{code}'")
            }
        }
        CodebookCommand::Restore { code } => {
            p.codebook.restore(&code)?;
            format!("Restored '{code}'")
        }
        CodebookCommand::Import { file } => {
            let other = Codebook::load(&file)?;
            let (added, updated) = p.codebook.import_from(&other)?;
            p.codebook.validate(&file)?;
            format!(
                "Imported {}: {added} added, {updated} updated",
                file.display()
            )
        }
        CodebookCommand::List { .. } | CodebookCommand::Export { .. } => {
            unreachable!("handled above")
        }
    };
    p.codebook
        .validate(&p.root.join(crate::project::CODEBOOK))?;
    p.save_codebook()?;
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
