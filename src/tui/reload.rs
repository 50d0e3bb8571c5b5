//! Noticing what another process (a teammate's workbench, the CLI) changed in the shared project
//! files — the codebook, the case attributes, the sources — and showing it at once: checked
//! before every key and on the app's tick or when the terminal regains focus (three `stat`s).

use super::screens::{codebook, sources};
use super::state::{Progress, State};

/// Reload the shared files if they changed on disk since they were loaded; says so on the
/// status line. Returns whether anything was reloaded.
pub fn notice_changes(st: &mut State) -> bool {
    if !st.project.changed_on_disk().any() {
        return false;
    }
    let current = st.current_unit().map(|u| u.id.clone());
    let changed = match st.project.refresh() {
        Ok(c) => c,
        Err(e) => {
            st.error(format!(
                "A project file changed on disk and cannot be read ({e}); still showing the version loaded before"
            ));
            return false;
        }
    };
    st.revision += 1;
    if changed.manifest || changed.attributes {
        // Units or cases may have come or gone: indices into the unit list are rebuilt.
        st.progress = Progress::build(&st.project, st.coder_state());
        if let Some(idx) = current.and_then(|id| st.project.unit_position(&id)) {
            st.nav.list = None;
            st.nav.pos = idx;
        }
        sources::apply_filters(st);
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
    true
}
