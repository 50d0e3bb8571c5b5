//! Sharing a project through git: the consensus log merges as appends. Git's `union` merge keeps
//! the lines both sides appended, so two people reconciling on two machines lose nothing.

use crate::error::{Error, Result};
use crate::files::atomic::write_atomic;
use crate::files::lock::WriteLock;
use std::path::Path;
use std::time::Duration;

/// The `.gitattributes` line that makes git merge the consensus log as appends.
pub const UNION_MERGE: &str = "consensus.jsonl merge=union";

/// Add [`UNION_MERGE`] to the project's `.gitattributes` unless it is there; under the project
/// lock, as every read-modify-write of a project file. Returns whether it was added.
pub fn ensure_union_merge(root: &Path) -> Result<bool> {
    let path = root.join(".gitattributes");
    let _lock = WriteLock::acquire_within(
        &root.join(".thematic.lock"),
        "the project's shared files",
        Duration::from_secs(3),
    )?;
    let mut text = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let want: Vec<&str> = UNION_MERGE.split_whitespace().collect();
    if text
        .lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>() == want)
    {
        return Ok(false);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# two people reconciling on two machines: git keeps both sides' decisions\n");
    text.push_str(UNION_MERGE);
    text.push('\n');
    write_atomic(&path, text.as_bytes())?;
    Ok(true)
}
