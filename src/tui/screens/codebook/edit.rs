//! Asking for a codebook edit: checking the form and the key, counting (on the worker) the
//! codings the edit touches, the question, and after yes the write (`write.rs`).

use super::form::{CodeForm, Edit, Msg};
use crate::codebook::Codebook;
use crate::tui::action::{Action, Effect, Job, Screen};
use crate::tui::key::Key;
use crate::tui::popups::Popup;
use crate::tui::state::State;

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

pub fn submit_form(st: &mut State, form: Box<CodeForm>) -> Vec<Effect> {
    let fields = match form.fields() {
        Ok(f) => f,
        Err(e) => {
            st.error(e);
            st.popup = Some(Popup::Form(form));
            return Vec::new();
        }
    };
    if let Err(e) = check_key(st, fields.key.as_deref()) {
        st.error(e);
        st.popup = Some(Popup::Form(form));
        return Vec::new();
    }
    match form.id {
        None => ask(st, Edit::Add(fields)),
        Some(id) => ask(st, Edit::Update { id, fields }),
    }
}

/// Why this workbench may not change the shared codebook (it is read-only), or `None`.
pub fn read_only(st: &State) -> Option<String> {
    let why = st.read_only.clone().or_else(|| st.project.read_only())?;
    Some(format!(
        "Read-only workbench: the codebook is not changed ({why})"
    ))
}

/// Start an edit: edits that touch codings first count them (on the worker), then ask.
pub fn ask(st: &mut State, edit: Edit) -> Vec<Effect> {
    if let Some(why) = read_only(st) {
        st.error(why);
        return Vec::new();
    }
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
            let root = st.project.root.clone();
            vec![Effect::Spawn(Job::new("count codings", move |_| {
                let count = count_usage(&root, &code).map_err(|e| e.to_string());
                Action::to(Screen::Codebook, Msg::Counted { edit, count })
            }))]
        }
    }
}

/// How many codings, over every coder's log, count as `code` (on the worker: the UI's own
/// project is not shared with it).
fn count_usage(root: &std::path::Path, code: &str) -> crate::Result<usize> {
    let p = crate::project::Project::open(root)?;
    p.code_usage(code)
}

/// The codings were counted: ask the question (yes commits the edit).
pub fn on_counted(st: &mut State, mut edit: Edit, count: Result<usize, String>) {
    let n = match count {
        Ok(n) => n,
        Err(e) => {
            st.error(format!("Could not count the codings: {e}"));
            return;
        }
    };
    if let Edit::Remove { codings, .. } = &mut edit {
        *codings = n;
    }
    let question = question(&st.project.codebook, &edit, n);
    st.info("");
    st.popup = Some(Popup::Confirm {
        title: "Shared codebook",
        question,
        yes: Box::new(Action::to(Screen::Codebook, Msg::Commit(edit))),
    });
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

/// Carry out an edit on the shared codebook: under the project lock, on the codebook as it is
/// on disk now (another coder may have changed it), saved before the screen shows it.
pub fn commit(st: &mut State, edit: Edit) {
    if let Some(why) = read_only(st) {
        st.error(why);
        return;
    }
    match super::write::write(&mut st.project, &edit) {
        Ok(msg) => {
            st.revision += 1;
            let n = super::rows(&st.project.codebook).len();
            st.codebook.cursor = st.codebook.cursor.min(n.saturating_sub(1));
            st.coding.warn_shadowed = st.keymap.shadowed_code_keys(&st.project.codebook);
            st.info(format!("{msg} — saved for every coder"));
        }
        Err(e) => st.error(format!("Not saved: {e}")),
    }
}
