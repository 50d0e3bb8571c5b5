//! Codebook edits from the TUI: the form, the question that says how many codings an edit
//! touches (counted on the worker), and the shared write under the project lock.

use crate::codebook::{Code, Codebook, NewCode};
use crate::tui::action::Effect;
use crate::tui::jobs::Job;
use crate::tui::key::Key;
use crate::tui::popups::Popup;
use crate::tui::state::State;
use crate::tui::widgets::input::LineInput;

/// A change to the shared codebook.
#[derive(Debug, Clone)]
pub enum Edit {
    Add(NewCode),
    /// Replace every field of code `id` (a rename when the name changes).
    Update {
        id: String,
        fields: NewCode,
    },
    Merge {
        from: String,
        into: String,
    },
    /// `codings`: how many codings use it (counted before asking).
    Remove {
        id: String,
        codings: usize,
    },
    Restore {
        id: String,
    },
    SetKey {
        id: String,
        key: Option<String>,
    },
}

impl Edit {
    /// The code whose codings the edit touches (what the question counts).
    pub fn counted_code(&self) -> Option<&str> {
        match self {
            Edit::Update { id, .. } | Edit::Remove { id, .. } | Edit::Restore { id } => Some(id),
            Edit::Merge { from, .. } => Some(from),
            Edit::Add(_) | Edit::SetKey { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CodeForm {
    /// `None`: a new code.
    pub id: Option<String>,
    pub fields: Vec<(&'static str, LineInput)>,
    pub focus: usize,
    /// Rename: only the name is shown.
    pub only_name: bool,
}

const LABELS: [&str; 9] = [
    "Name",
    "Key",
    "Colour",
    "Parent",
    "Exclusive children (yes/no)",
    "Description",
    "Inclusion",
    "Exclusion",
    "Example",
];

impl CodeForm {
    fn from_values(id: Option<String>, values: [String; 9]) -> CodeForm {
        let fields = LABELS
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (l, v))| {
                (
                    *l,
                    if i >= 5 {
                        LineInput::multiline(&v)
                    } else {
                        LineInput::new(&v)
                    },
                )
            })
            .collect();
        CodeForm {
            id,
            fields,
            focus: 0,
            only_name: false,
        }
    }

    pub fn new_code(parent: Option<String>) -> CodeForm {
        let mut v: [String; 9] = Default::default();
        v[3] = parent.unwrap_or_default();
        v[4] = "no".into();
        CodeForm::from_values(None, v)
    }

    pub fn edit_code(cb: &Codebook, c: &Code) -> CodeForm {
        let parent = c
            .parent
            .as_deref()
            .and_then(|p| cb.get(p))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        CodeForm::from_values(
            Some(c.id.clone()),
            [
                c.name.clone(),
                c.key.clone().unwrap_or_default(),
                c.colour.clone().unwrap_or_default(),
                parent,
                if c.exclusive { "yes" } else { "no" }.into(),
                c.description.clone(),
                c.inclusion.clone(),
                c.exclusion.clone(),
                c.example.clone(),
            ],
        )
    }

    fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|(_, f)| f.value().trim().to_string())
            .unwrap_or_default()
    }

    fn fields(&self) -> Result<NewCode, String> {
        let opt = |s: String| Some(s).filter(|s| !s.is_empty());
        let colour = opt(self.value(2));
        if let Some(c) = &colour
            && c.parse::<ratatui::style::Color>().is_err()
        {
            return Err(format!(
                "'{c}' is not a colour: use a name (green, lightblue…) or #rrggbb"
            ));
        }
        let exclusive = match self.value(4).to_lowercase().as_str() {
            "yes" | "y" | "true" => true,
            "" | "no" | "n" | "false" => false,
            other => {
                return Err(format!(
                    "Exclusive children: answer yes or no, not '{other}'"
                ));
            }
        };
        Ok(NewCode {
            name: self.value(0),
            key: opt(self.value(1)),
            colour,
            parent: opt(self.value(3)),
            exclusive,
            description: self.value(5),
            inclusion: self.value(6),
            exclusion: self.value(7),
            example: self.value(8),
        })
    }
}

/// A key that commands use on the Coding screen cannot also be a code key there.
fn check_key(st: &State, key: Option<&str>) -> Result<(), String> {
    let Some(k) = key else { return Ok(()) };
    let mut chars = k.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if st.keymap.shadows_code_key(&Key::ch(c)) => Err(format!(
            "'{k}' is a command key on the Coding screen; pick a digit or another letter"
        )),
        (Some(_), None) => Ok(()),
        _ => Err(format!("shortcut key '{k}' must be a single character")),
    }
}

pub fn submit_form(st: &mut State, form: CodeForm) -> Vec<Effect> {
    let fields = match form.fields() {
        Ok(f) => f,
        Err(e) => {
            st.error(e);
            st.popup = Some(Popup::Form(Box::new(form)));
            return Vec::new();
        }
    };
    if let Err(e) = check_key(st, fields.key.as_deref()) {
        st.error(e);
        st.popup = Some(Popup::Form(Box::new(form)));
        return Vec::new();
    }
    match form.id {
        None => ask(st, Edit::Add(fields)),
        Some(id) => ask(st, Edit::Update { id, fields }),
    }
}

/// Start an edit: edits that touch codings first count them (on the worker), then ask.
pub fn ask(st: &mut State, edit: Edit) -> Vec<Effect> {
    if let Edit::SetKey { key, .. } = &edit
        && let Err(e) = check_key(st, key.as_deref())
    {
        st.error(e);
        return Vec::new();
    }
    match edit.counted_code().map(str::to_string) {
        None => {
            commit(st, edit);
            Vec::new()
        }
        Some(code) => {
            st.info("Counting the codings this touches…");
            vec![Effect::Spawn(Box::new(Job::CountUsage {
                root: st.project.root.clone(),
                codebook: st.project.codebook.clone(),
                code,
                edit,
            }))]
        }
    }
}

/// The question for an edit once its codings are counted.
pub fn question(cb: &Codebook, edit: &Edit, count: usize) -> String {
    let name = |id: &str| {
        cb.get(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let n = match count {
        0 => "No codings use it".to_string(),
        1 => "1 coding (all coders together) uses it".to_string(),
        n => format!("{n} codings (all coders together) use it"),
    };
    match edit {
        Edit::Update { id, fields } if fields.name.trim() != name(id) => {
            format!(
                "Rename '{}' to '{}' and save its fields? {n}; they stay linked to it.",
                name(id),
                fields.name.trim()
            )
        }
        Edit::Update { id, .. } => format!(
            "Save the changes to '{}'? {n}; the new definition applies to them.",
            name(id)
        ),
        Edit::Merge { from, into } => format!(
            "Merge '{}' into '{}'? {n}: they will count as '{}'. Shared with every coder.",
            name(from),
            name(into),
            name(into)
        ),
        Edit::Remove { id, .. } if count > 0 => {
            format!(
                "Remove '{}'? {n}: they are kept, hidden, and come back if you restore it (R).",
                name(id)
            )
        }
        Edit::Remove { id, .. } => format!("Remove '{}'? {n}.", name(id)),
        Edit::Restore { id } => format!("Restore '{}'? {n}: they count again.", name(id)),
        Edit::Add(_) | Edit::SetKey { .. } => String::new(),
    }
}

fn apply(cb: &mut Codebook, edit: &Edit) -> crate::Result<String> {
    Ok(match edit {
        Edit::Add(f) => {
            let id = cb.add(f.clone())?;
            format!("Added code '{}' ({id})", f.name.trim())
        }
        Edit::Update { id, fields } => {
            cb.edit(id, fields.clone())?;
            format!("Saved '{}'", fields.name.trim())
        }
        Edit::Merge { from, into } => {
            let (f, i) = cb.merge(from, into)?;
            format!("Merged '{f}' into '{i}'")
        }
        Edit::Remove { id, codings } => {
            cb.remove(id, *codings, true)?;
            format!("Removed '{id}'")
        }
        Edit::Restore { id } => {
            cb.restore(id)?;
            format!("Restored '{id}'")
        }
        Edit::SetKey { id, key } => {
            let code = cb
                .get(id)
                .cloned()
                .ok_or_else(|| crate::Error::user(format!("no code '{id}'")))?;
            let parent = code
                .parent
                .as_deref()
                .and_then(|p| cb.get(p))
                .map(|p| p.id.clone());
            let fields = NewCode {
                name: code.name.clone(),
                description: code.description,
                inclusion: code.inclusion,
                exclusion: code.exclusion,
                example: code.example,
                key: key.clone(),
                colour: code.colour,
                parent,
                exclusive: code.exclusive,
            };
            cb.edit(id, fields)?;
            match key {
                Some(k) => format!("'{}' now has the key {k}", code.name),
                None => format!("'{}' has no key now", code.name),
            }
        }
    })
}

/// Carry out an edit on the shared codebook: under the project lock, on the codebook as it is
/// on disk now (another coder may have changed it), saved before the screen shows it.
pub fn commit(st: &mut State, edit: Edit) {
    let result = (|| -> crate::Result<(Codebook, String)> {
        let _lock = st.project.lock_shared()?;
        let path = st.project.root.join(crate::project::CODEBOOK);
        let mut cb = match std::fs::read(&path) {
            Ok(bytes) => Codebook::from_json(&path, &bytes)?,
            Err(_) => st.project.codebook.clone(),
        };
        let msg = apply(&mut cb, &edit)?;
        cb.validate(&path)?;
        crate::project::atomic::write_json(&path, &cb)?;
        Ok((cb, msg))
    })();
    match result {
        Ok((cb, msg)) => {
            st.project.codebook = cb;
            st.revision += 1;
            let n = super::rows(&st.project.codebook).len();
            st.codebook.cursor = st.codebook.cursor.min(n.saturating_sub(1));
            st.coding.warn_shadowed = crate::tui::screens::coding::shadowed_code_keys(st);
            st.info(format!("{msg} — saved for every coder"));
        }
        Err(e) => st.error(format!("Not saved: {e}")),
    }
}
