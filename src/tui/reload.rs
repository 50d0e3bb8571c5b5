//! Noticing what another process (a teammate's workbench, the CLI) changed in the shared project
//! files — the codebook, the case attributes, the sources — and showing it at once: checked
//! before every key and on the app's tick or when the terminal regains focus (three `stat`s).

use super::action::{Action, Effect};
use super::screens::search::IndexState;
use super::screens::{codebook, sources};
use super::state::{Progress, Screen, State};

/// Reload the shared files if they changed on disk since they were loaded; says so on the
/// status line. Returns what must follow (the search index opened again, on the Search screen);
/// nothing when nothing changed.
pub fn notice_changes(st: &mut State) -> Vec<Effect> {
    if !st.project.changed_on_disk().any() {
        return Vec::new();
    }
    let current = st.current_unit().map(|u| u.id.clone());
    let changed = match st.project.refresh() {
        Ok(c) => c,
        Err(e) => {
            st.error(format!(
                "A project file changed on disk and cannot be read ({e}); still showing the version loaded before"
            ));
            return Vec::new();
        }
    };
    let mut then = Vec::new();
    st.revision += 1;
    if changed.manifest || changed.attributes {
        // Units or cases may have come or gone: indices into the unit list are rebuilt.
        st.progress = Progress::build(&st.project, st.coder_state());
        if let Some(idx) = current.and_then(|id| st.project.unit_position(&id)) {
            st.nav.list = None;
            st.nav.pos = idx;
        }
        sources::apply_filters(st);
        // The search index holds the units and cases as they were: it is opened again (brought
        // up to date) when the Search screen shows — now, if it is on screen.
        if matches!(st.search.index, IndexState::Ready(_)) {
            st.search.index = IndexState::NotOpened;
            if st.screen == Screen::Search {
                then.push(Effect::Then(Action::Show(Screen::Search)));
            }
        }
    }
    let rows = codebook::rows(&st.project.codebook).len();
    st.codebook.cursor = st.codebook.cursor.min(rows.saturating_sub(1));
    st.coding.warn_shadowed = st.keymap.shadowed_code_keys(&st.project.codebook);
    let mut what = Vec::new();
    if changed.codebook {
        what.push("the codebook");
    }
    if changed.attributes {
        what.push("the case attributes");
    }
    if changed.manifest {
        what.push("the sources");
    }
    st.info(format!(
        "Reloaded {}: changed on disk by another coder or command",
        what.join(" and ")
    ));
    then
}
