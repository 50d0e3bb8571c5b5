//! A crashed or killed import leaves its hidden staging folder (`.DIR.importing-PID`) behind;
//! the next import-project removes those whose process is gone, and says so, and leaves a
//! running import's folder alone.

use super::{common, only};

/// A process id that was in use a moment ago and is not any more.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the child is reaped"
    );
    pid
}

#[test]
fn stale_staging_folders_are_removed_and_a_live_ones_kept() {
    if !std::path::Path::new("/proc/self").exists() {
        return; // Elsewhere staleness is by age (an hour), not by process.
    }
    let (_t, dir) = common::sample_copy();
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("study.qdpx");
    common::thematic(&dir)
        .args(["export", "qdpx"])
        .arg(&file)
        .assert()
        .success();
    let stale = format!(".old.importing-{}", dead_pid());
    std::fs::create_dir_all(t.path().join(&stale).join("codings")).unwrap();
    std::fs::write(t.path().join(&stale).join("thematic.json"), "{}").unwrap();
    // This test's own process is alive while the import runs.
    let live = format!(".busy.importing-{}", std::process::id());
    std::fs::create_dir(t.path().join(&live)).unwrap();
    // A name that only looks alike is not touched.
    std::fs::create_dir(t.path().join(".notes.importing-soon")).unwrap();

    common::thematic(&dir)
        .arg("import-project")
        .arg(&file)
        .arg(t.path().join("back"))
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "Removed 1 folder(s) left by an interrupted import: {stale}"
        )));
    only(
        t.path(),
        &["back", "study.qdpx", &live, ".notes.importing-soon"],
    );
}
