//! Item 15, the core side: a running program notices shared files another process changed,
//! reloads them, and can tell that a project is read-only.

use super::common::{sample_copy, thematic};
use thematic::project::Project;

#[test]
fn changes_by_another_process_are_noticed_and_reloaded() {
    let (t, dir) = sample_copy();
    let mut p = Project::open(&dir).unwrap();
    assert!(!p.changed_on_disk().any());
    assert!(p.read_only().is_none());
    thematic(&dir)
        .args(["codebook", "add", "Brand new", "--key", "z"])
        .assert()
        .success();
    let changed = p.changed_on_disk();
    assert!(changed.codebook && !changed.attributes && !changed.manifest);
    assert!(p.codebook.find("Brand new").is_none());
    p.refresh().unwrap();
    assert!(p.codebook.active().any(|c| c.key.as_deref() == Some("z")));

    let case = p.cases[0].id.clone();
    let csv = t.path().join("attrs.csv");
    std::fs::write(&csv, format!("case,cohort\n{case},2027\n")).unwrap();
    thematic(&dir)
        .args(["attributes", csv.to_str().unwrap()])
        .assert()
        .success();
    assert!(p.changed_on_disk().attributes);
    assert!(p.refresh().unwrap().attributes);
    assert_eq!(
        p.case(&case)
            .unwrap()
            .attributes
            .get("cohort")
            .map(String::as_str),
        Some("2027")
    );
    assert!(!p.changed_on_disk().any());
}

#[cfg(unix)]
#[test]
fn a_read_only_project_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let (_t, dir) = sample_copy();
    let p = Project::open(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Permissions do not bind root (some CI containers): then the folder is writable after all.
    let writable = std::fs::write(dir.join(".probe"), b"").is_ok();
    let said = p.read_only();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if !writable {
        assert!(said.is_some_and(|why| why.contains("cannot be written")));
    }
}
