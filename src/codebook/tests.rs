use super::*;
use std::path::Path;

fn book() -> Codebook {
    let mut cb = Codebook::default();
    cb.add(NewCode {
        name: "Relationship fit".into(),
        ..Default::default()
    })
    .unwrap();
    cb.add(NewCode {
        name: "Similar interests".into(),
        key: Some("1".into()),
        parent: Some("relationship fit".into()),
        ..Default::default()
    })
    .unwrap();
    cb.add(NewCode {
        name: "Good communication".into(),
        key: Some("2".into()),
        parent: Some("relationship-fit".into()),
        ..Default::default()
    })
    .unwrap();
    cb
}

#[test]
fn add_assigns_slug_ids_and_checks_names_keys_parents() {
    let mut cb = book();
    assert_eq!(cb.codes[1].id, "similar-interests");
    assert_eq!(cb.codes[1].parent.as_deref(), Some("relationship-fit"));
    assert!(
        cb.add(NewCode {
            name: "similar INTERESTS".into(),
            ..Default::default()
        })
        .is_err()
    );
    assert!(
        cb.add(NewCode {
            name: "Other".into(),
            key: Some("1".into()),
            ..Default::default()
        })
        .is_err()
    );
    assert!(
        cb.add(NewCode {
            name: "Other".into(),
            parent: Some("nope".into()),
            ..Default::default()
        })
        .is_err()
    );
    cb.validate(Path::new("codebook.json")).unwrap();
}

#[test]
fn rename_keeps_the_id_and_resolve_finds_by_name_or_id() {
    let mut cb = book();
    cb.rename("similar interests", "Shared interests").unwrap();
    assert_eq!(
        cb.resolve("shared interests").unwrap().id,
        "similar-interests"
    );
    assert_eq!(
        cb.resolve("similar-interests").unwrap().name,
        "Shared interests"
    );
    assert!(cb.resolve("Similar interests").is_err());
}

#[test]
fn merge_redirects_and_remove_is_recoverable() {
    let mut cb = book();
    cb.merge("Good communication", "Similar interests").unwrap();
    assert_eq!(
        cb.canonical("good-communication"),
        Some("similar-interests")
    );
    assert!(
        cb.resolve("good communication")
            .unwrap_err()
            .to_string()
            .contains("merged into 'Similar interests'")
    );
    let e = cb
        .remove("Similar interests", 3, false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("used by 3 coding(s)"), "{e}");
    cb.remove("Similar interests", 3, true).unwrap();
    assert_eq!(
        cb.canonical("good-communication"),
        None,
        "codings of removed codes are not counted"
    );
    assert!(cb.get("similar-interests").is_some(), "kept in the file");
    cb.restore("Similar interests").unwrap();
    assert_eq!(
        cb.canonical("good-communication"),
        Some("similar-interests")
    );
    assert!(
        cb.remove("Relationship fit", 0, false)
            .unwrap_err()
            .to_string()
            .contains("sub-codes")
    );
}

#[test]
fn unused_codes_are_deleted_outright() {
    let mut cb = book();
    cb.remove("Good communication", 0, false).unwrap();
    assert!(cb.get("good-communication").is_none());
}

#[test]
fn validate_rejects_duplicates_loops_and_newer_formats() {
    let mut cb = book();
    cb.codes[2].key = Some("1".into());
    assert!(
        cb.validate(Path::new("c.json"))
            .unwrap_err()
            .to_string()
            .contains("shortcut key '1' is used twice")
    );
    let mut cb = book();
    cb.codes[0].parent = Some("similar-interests".into());
    assert!(
        cb.validate(Path::new("c.json"))
            .unwrap_err()
            .to_string()
            .contains("loops")
    );
    let mut cb = book();
    cb.format = 99;
    assert!(
        cb.validate(Path::new("c.json"))
            .unwrap_err()
            .to_string()
            .contains("newer")
    );
}

#[test]
fn csv_and_markdown_round_trip() {
    let cb = book();
    let csv = cb.to_csv().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.csv");
    std::fs::write(&p, &csv).unwrap();
    let back = Codebook::load(&p).unwrap();
    assert_eq!(
        back.codes
            .iter()
            .map(|c| (&c.id, &c.parent, &c.key))
            .collect::<Vec<_>>(),
        cb.codes
            .iter()
            .map(|c| (&c.id, &c.parent, &c.key))
            .collect::<Vec<_>>()
    );
    let md = cb.to_markdown();
    assert!(
        md.contains("## Relationship fit\n") && md.contains("### Similar interests `[1]`"),
        "{md}"
    );
}

#[test]
fn starter_codebook_is_valid_and_complete() {
    let cb =
        Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/mentorship.json"))
            .unwrap();
    assert!(cb.codes.len() >= 15);
    for c in cb.codes.iter().filter(|c| c.parent.is_some()) {
        assert!(
            !c.description.is_empty() && !c.inclusion.is_empty() && !c.exclusion.is_empty(),
            "{}",
            c.id
        );
    }
    assert!(cb.codes.iter().any(|c| c.exclusive));
}

#[test]
fn codings_count_as_the_code_they_were_merged_into() {
    let mut cb = Codebook::default();
    for name in ["A", "B", "C"] {
        cb.add(NewCode {
            name: name.into(),
            ..Default::default()
        })
        .unwrap();
    }
    cb.merge("a", "b").unwrap();
    cb.merge("b", "c").unwrap();
    assert!(cb.counts_as("a", "c") && cb.counts_as("b", "c") && cb.counts_as("c", "c"));
    assert!(!cb.counts_as("c", "a") && !cb.counts_as("gone", "c"));
    let code = cb.get("c").unwrap().clone();
    let fields = NewCode::from(&code);
    assert_eq!(fields.name, "C");
    cb.edit("c", fields).unwrap();
    assert_eq!(
        cb.get("c"),
        Some(&code),
        "editing with a code's own fields changes nothing"
    );
}
