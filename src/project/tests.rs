//! Project-level rules: usage counts across merges, shared-file updates.

use super::*;
use crate::coding::Change;

#[test]
fn code_usage_counts_codings_of_codes_merged_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::init(&dir.path().join("p"), Some("t"), None).unwrap();
    p.update_codebook(|cb, _| {
        for name in ["Trust", "Faith"] {
            cb.add(crate::codebook::NewCode {
                name: name.into(),
                ..Default::default()
            })?;
        }
        Ok(())
    })
    .unwrap();
    let mut log = p.open_log("ann").unwrap();
    for (unit, code) in [("u1", "trust"), ("u2", "faith"), ("u3", "faith")] {
        log.record(&[Change::Apply {
            unit: unit.into(),
            code: code.into(),
            span: None,
            memo: None,
        }])
        .unwrap();
    }
    drop(log);
    assert_eq!(p.code_usage("trust").unwrap(), 1);
    p.update_codebook(|cb, _| cb.merge("Faith", "Trust"))
        .unwrap();
    assert_eq!(p.code_usage("trust").unwrap(), 3);
    assert_eq!(p.code_usage("faith").unwrap(), 2);
}

#[test]
fn a_failed_codebook_edit_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut p = Project::init(&root, Some("t"), None).unwrap();
    let before = std::fs::read(root.join(CODEBOOK)).unwrap();
    let err = p
        .update_codebook(|cb, _| {
            cb.add(crate::codebook::NewCode {
                name: "A".into(),
                ..Default::default()
            })?;
            cb.add(crate::codebook::NewCode {
                name: "a".into(),
                ..Default::default()
            })
        })
        .unwrap_err();
    assert!(err.to_string().contains("already a code named"), "{err}");
    assert_eq!(std::fs::read(root.join(CODEBOOK)).unwrap(), before);
    assert!(p.codebook.codes.is_empty());
}
