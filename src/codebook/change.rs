//! One change to the shared codebook, as the command line or the workbench asks for it, carried
//! out in one place: [`crate::project::Project::edit_codebook`] applies it under the project
//! lock to the codebook as it is on disk.

use super::{Codebook, NewCode};
use crate::error::Result;
use std::path::PathBuf;

/// A change to the codebook. Codes are named by id or name (as a user types them).
#[derive(Debug, Clone)]
pub enum CodebookEdit {
    Add(NewCode),
    /// Replace every field of code `id` (a form that showed them all).
    Update {
        id: String,
        fields: NewCode,
    },
    /// Change only the fields the patch gives, on the code as it is now.
    Patch {
        code: String,
        patch: CodePatch,
    },
    Rename {
        code: String,
        name: String,
    },
    /// From now on `from`'s codings count as `into`'s.
    Merge {
        from: String,
        into: String,
    },
    /// Refused while codings use the code, unless `force` (they are kept, restorable).
    Remove {
        code: String,
        force: bool,
    },
    Restore {
        code: String,
    },
    /// Merge another codebook in (`file` names it in messages).
    Import {
        from: Codebook,
        file: PathBuf,
    },
}

/// Fields to change on a code; `None` leaves a field as it is. For `key`, `colour` and
/// `parent`, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct CodePatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub inclusion: Option<String>,
    pub exclusion: Option<String>,
    pub example: Option<String>,
    pub key: Option<Option<String>>,
    pub colour: Option<Option<String>>,
    pub parent: Option<Option<String>>,
    pub exclusive: Option<bool>,
    /// `Some(false)`: a parent that only groups its sub-codes.
    pub codable: Option<bool>,
}

impl CodePatch {
    /// The fields of `base` with this patch's changes.
    pub fn applied_to(&self, mut base: NewCode) -> NewCode {
        let set = |dst: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                dst.clone_from(v);
            }
        };
        set(&mut base.name, &self.name);
        set(&mut base.description, &self.description);
        set(&mut base.inclusion, &self.inclusion);
        set(&mut base.exclusion, &self.exclusion);
        set(&mut base.example, &self.example);
        for (dst, v) in [
            (&mut base.key, &self.key),
            (&mut base.colour, &self.colour),
            (&mut base.parent, &self.parent),
        ] {
            if let Some(v) = v {
                dst.clone_from(v);
            }
        }
        if let Some(e) = self.exclusive {
            base.exclusive = e;
        }
        base
    }
}

impl Codebook {
    /// Carry out `edit`; `usage(codebook, id)` counts the codings that count as a code (for
    /// merge and remove). Returns what was done, in a sentence.
    pub fn apply_edit(
        &mut self,
        edit: CodebookEdit,
        usage: impl Fn(&Codebook, &str) -> Result<usize>,
    ) -> Result<String> {
        Ok(match edit {
            CodebookEdit::Add(fields) => {
                let id = self.add(fields)?;
                format!("Added code '{id}'")
            }
            CodebookEdit::Update { id, fields } => {
                self.edit(&id, fields)?;
                format!("Updated code '{id}'")
            }
            CodebookEdit::Patch { code, patch } => {
                let c = self.resolve(&code)?;
                let id = c.id.clone();
                let fields = patch.applied_to(NewCode::from(c));
                self.edit(&id, fields)?;
                if let (Some(codable), Some(c)) =
                    (patch.codable, self.codes.iter_mut().find(|c| c.id == id))
                {
                    c.codable = codable;
                }
                format!("Updated code '{id}'")
            }
            CodebookEdit::Rename { code, name } => {
                let id = self.rename(&code, &name)?;
                format!("Renamed '{code}' to '{name}' (id {id} kept)")
            }
            CodebookEdit::Merge { from, into } => {
                let from_id = self.resolve(&from)?.id.clone();
                let n = usage(self, &from_id)?;
                self.merge(&from, &into)?;
                format!("Merged '{from}' into '{into}': {n} coding(s) now count as '{into}'")
            }
            CodebookEdit::Remove { code, force } => {
                let id = self.resolve(&code)?.id.clone();
                let n = usage(self, &id)?;
                self.remove(&code, n, force)?;
                if n > 0 {
                    format!(
                        "Removed '{code}'; its {n} coding(s) are kept and come back with `codebook restore \"{code}\"`"
                    )
                } else {
                    format!("Removed '{code}'")
                }
            }
            CodebookEdit::Restore { code } => {
                self.restore(&code)?;
                format!("Restored '{code}'")
            }
            CodebookEdit::Import { from, file } => {
                let (added, updated) = self.import_from(&from)?;
                self.validate(&file)?;
                format!(
                    "Imported {}: {added} added, {updated} updated",
                    file.display()
                )
            }
        })
    }
}
