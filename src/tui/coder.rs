//! Who codes: switching to a coder opens their own log (coding is blind) and remembers the name.

use super::state::{Progress, State};
use crate::coding::CoderState;

/// Switch to `coder`: open their log (only theirs: coding is blind), remember the name.
pub fn set_coder(st: &mut State, coder: &str) {
    if let Err(e) = crate::project::check_coder(coder) {
        st.error(e.to_string());
        return;
    }
    st.log = None;
    st.read_only = None;
    match st.project.open_log(coder) {
        Ok(log) => {
            st.log = Some(log);
            st.fallback = CoderState::default();
        }
        Err(e) => {
            st.fallback = st.project.coder_state(coder).unwrap_or_default();
            st.read_only = Some(e.to_string());
        }
    }
    st.coder = Some(coder.to_string());
    st.progress = Progress::build(&st.project, st.coder_state());
    st.sources.dirty = true;
    match &st.read_only {
        Some(e) => {
            let msg = format!("read-only: {e}");
            st.error(msg);
        }
        None => {
            let reviewed = st.coder_state().reviewed.len();
            st.info(format!(
                "Coding as {coder}: {reviewed} of {} units reviewed",
                st.project.units.len()
            ));
            if st.nav.pos == 0 {
                st.jump_to_first_unreviewed();
            }
        }
    }
    st.config.remember(&st.project.manifest.id, coder);
    if let Err(e) = st.save_config() {
        st.error(format!("could not remember the coder name: {e}"));
    }
    st.coding.warn_shadowed = st.keymap.shadowed_code_keys(&st.project.codebook);
}
