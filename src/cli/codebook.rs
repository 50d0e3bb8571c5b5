//! `thematic codebook …`

use super::args::{CodeFields, CodebookCommand};
use super::output::{json, short};
use crate::codebook::{CodePatch, Codebook, CodebookEdit, NewCode};
use crate::error::Result;
use crate::project::Project;
use serde_json::json as j;

pub fn run(p: &mut Project, cmd: CodebookCommand) -> Result<()> {
    if let CodebookCommand::List { json: as_json } = cmd {
        return list(p, as_json);
    }
    if let CodebookCommand::Export { file } = &cmd {
        p.codebook.export(file)?;
        outln!(
            "Wrote {} codes to {}",
            p.codebook.active().count(),
            file.display()
        );
        return Ok(());
    }
    let edit = match cmd {
        CodebookCommand::Add { name, fields } => {
            CodebookEdit::Add(patch(Some(name), fields).applied_to(NewCode::default()))
        }
        CodebookCommand::Edit {
            code,
            name,
            fields,
            reason: Some(reason),
        } => return edit_with_reason(p, code, patch(name, fields), &reason),
        CodebookCommand::Edit {
            code, name, fields, ..
        } => CodebookEdit::Patch {
            code,
            patch: patch(name, fields),
        },
        CodebookCommand::Rename { old, new } => CodebookEdit::Rename {
            code: old,
            name: new,
        },
        CodebookCommand::Merge { from, into } => CodebookEdit::Merge { from, into },
        CodebookCommand::Remove { code, force } => CodebookEdit::Remove { code, force },
        CodebookCommand::Restore { code } => CodebookEdit::Restore { code },
        // Read before the lock is taken: the file given, not a project file.
        CodebookCommand::Import { file } => CodebookEdit::Import {
            from: Codebook::load(&file)?,
            file,
        },
        CodebookCommand::List { .. } | CodebookCommand::Export { .. } => {
            return Err(crate::Error::user("internal: not an edit"));
        }
    };
    let message = p.edit_codebook(edit)?;
    outln!("{message}");
    Ok(())
}

/// `codebook edit … --reason`: the edit and the record of why, under the codebook's lock (the
/// reason is recorded before the codebook is saved; a refused record leaves it as it was).
fn edit_with_reason(p: &mut Project, code: String, patch: CodePatch, reason: &str) -> Result<()> {
    let message = p.update_codebook(|cb, project| {
        let c = cb.resolve(&code)?;
        let (id, before) = (c.id.clone(), crate::reconcile::Definition::of(c));
        let message = cb.apply_edit(CodebookEdit::Patch { code, patch }, |cb, id| {
            project.code_usage_in(cb, id)
        })?;
        super::reconcile::refinement(project, cb, &before, &id, reason)?;
        Ok(message)
    })?;
    outln!("{message}");
    Ok(())
}

/// The fields given on the command line; an empty `--key`, `--colour` or `--parent` clears it.
fn patch(name: Option<String>, f: CodeFields) -> CodePatch {
    let clearable = |v: Option<String>| v.map(|v| Some(v).filter(|v| !v.is_empty()));
    CodePatch {
        name,
        description: f.description,
        inclusion: f.inclusion,
        exclusion: f.exclusion,
        example: f.example,
        key: clearable(f.key),
        colour: clearable(f.colour),
        parent: clearable(f.parent),
        exclusive: f.exclusive,
    }
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
    fn level(cb: &Codebook, parent: Option<&str>, depth: usize) -> Result<()> {
        for c in cb.children(parent) {
            let key = c
                .key
                .as_deref()
                .map_or("   ".to_string(), |k| format!("[{k}]"));
            outln!(
                "{key} {}{:<w$} {}",
                "  ".repeat(depth),
                c.name,
                short(&c.description, 60),
                w = 32 - 2 * depth.min(8)
            );
            level(cb, Some(&c.id), depth + 1)?;
        }
        Ok(())
    }
    level(cb, None, 0)
}
