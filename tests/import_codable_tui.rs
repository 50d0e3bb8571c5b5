//! The workbench refuses a grouping parent (`codable: false`) at its code key, as the command
//! line does, with the reason on the status line and nothing written.

mod tui_common;

use thematic::codebook::{CodePatch, CodebookEdit};
use thematic::project::Project;
use thematic::tui::press;
use tui_common::{current_id, project, state};

#[test]
fn a_grouping_parent_is_refused_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let mut p = Project::open(&root).unwrap();
    p.edit_codebook(CodebookEdit::Patch {
        code: "Program benefits".into(),
        patch: CodePatch {
            key: Some(Some("z".into())),
            codable: Some(false),
            ..Default::default()
        },
    })
    .unwrap();
    let mut st = state(&root, Some("alice"));
    let unit = current_id(&st);
    press(&mut st, "z");
    assert!(st.status.error, "{}", st.status.message);
    assert!(
        st.status
            .message
            .starts_with("Not coded: 'Program benefits' only groups other codes"),
        "{}",
        st.status.message
    );
    let p = Project::open(&root).unwrap();
    let coded = p
        .coders()
        .unwrap()
        .iter()
        .any(|c| !p.coder_state(c).unwrap().codings_of(&unit).is_empty());
    assert!(!coded, "nothing was written");
    press(&mut st, "7");
    assert!(!st.status.error, "{}", st.status.message);
}
