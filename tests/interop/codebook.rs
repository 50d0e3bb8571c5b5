//! `.qdc`: GUIDs given once and kept, tree, colours, the folded description, variants.

use super::common;
use thematic::codebook::Codebook;
use thematic::project::Project;

#[test]
fn qdc_round_trip_keeps_guids_tree_colours_and_definitions() {
    let (_t, dir) = common::sample_copy();
    let out = dir.join("book.qdc");
    common::thematic(&dir)
        .args(["codebook", "export"])
        .arg(&out)
        .assert()
        .success();
    let p = Project::open(&dir).unwrap();
    assert!(
        p.codebook.codes.iter().all(|c| c.guid.is_some()),
        "every code got its GUID, saved in codebook.json"
    );
    let first = std::fs::read_to_string(&out).unwrap();
    // A second export gives the same GUIDs: they were given once.
    common::thematic(&dir)
        .args(["codebook", "export"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(first, std::fs::read_to_string(&out).unwrap());

    let back = Codebook::load(&out).unwrap();
    assert_eq!(back.codes.len(), p.codebook.active().count());
    for c in p.codebook.active() {
        let b = back
            .codes
            .iter()
            .find(|b| b.guid == c.guid)
            .unwrap_or_else(|| panic!("{} came back", c.name));
        assert_eq!(b.name, c.name);
        assert_eq!(b.description, c.description.trim());
        assert_eq!(b.inclusion, c.inclusion.trim());
        assert_eq!(b.exclusion, c.exclusion.trim());
        assert_eq!(b.example, c.example.trim());
        assert_eq!(b.colour, c.colour, "{}", c.name);
        let parent = |cb: &Codebook, x: &thematic::codebook::Code| {
            x.parent
                .as_deref()
                .and_then(|p| cb.get(p))
                .map(|p| p.name.clone())
        };
        assert_eq!(parent(&back, b), parent(&p.codebook, c));
    }
}

#[test]
fn importing_our_qdc_into_a_project_matches_codes_by_guid_even_after_a_rename() {
    let (_t, dir) = common::sample_copy();
    let out = dir.join("book.qdc");
    common::thematic(&dir)
        .args(["codebook", "export"])
        .arg(&out)
        .assert()
        .success();
    let before = Project::open(&dir).unwrap();
    // Rename a code in the file, as a colleague might in NVivo.
    let text = std::fs::read_to_string(&out).unwrap();
    std::fs::write(
        &out,
        text.replace("name=\"Similar interests\"", "name=\"Shared interests\""),
    )
    .unwrap();
    common::thematic(&dir)
        .args(["codebook", "import"])
        .arg(&out)
        .assert()
        .success();
    let after = Project::open(&dir).unwrap();
    assert_eq!(
        after.codebook.codes.len(),
        before.codebook.codes.len(),
        "no code added"
    );
    let c = after.codebook.get("similar-interests").unwrap();
    assert_eq!(c.name, "Shared interests");
    assert_eq!(
        c.guid,
        before.codebook.get("similar-interests").unwrap().guid
    );
    assert_eq!(c.parent.as_deref(), Some("relationship-fit"));
}

fn read(xml: &str) -> Codebook {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("x.qdc");
    std::fs::write(&f, xml).unwrap();
    Codebook::load(&f).unwrap()
}

#[test]
fn namespace_and_version_variants_read_alike() {
    let body = r##"<Codes><Code guid="{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}" name="Joy" isCodable="false" color="#FF0"><Code guid="11111111-2222-3333-4444-555555555555" name="Relief" isCodable="true"><Description>Feeling better.

Include: after a worry ends

Example: "what a relief"</Description></Code></Code><Code name="No guid" isCodable="true"/></Codes>"##;
    let variants = [
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette">{body}</CodeBook>"#
        ),
        format!(r#"<CodeBook>{body}</CodeBook>"#),
        format!(r#"<CodeBook xmlns="urn:QDA-XML:project:1.0">{body}</CodeBook>"#),
        format!(
            r#"<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1:0">{}</qda:CodeBook>"#,
            body.replace('<', "<qda:").replace("<qda:/", "</qda:")
        ),
        format!(
            r#"<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook>{body}</CodeBook></Project>"#
        ),
    ];
    for v in &variants {
        let cb = read(v);
        assert_eq!(cb.codes.len(), 3, "{v}");
        let joy = cb.find("Joy").unwrap();
        assert_eq!(
            joy.guid.as_deref(),
            Some("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
        );
        assert_eq!(
            joy.colour.as_deref(),
            Some("lightyellow"),
            "#FF0 is our light yellow"
        );
        let relief = cb.find("Relief").unwrap();
        assert_eq!(relief.parent.as_deref(), Some(joy.id.as_str()));
        assert_eq!(relief.description, "Feeling better.");
        assert_eq!(relief.inclusion, "after a worry ends");
        assert_eq!(relief.example, "\"what a relief\"");
        assert!(
            cb.find("No guid").unwrap().guid.is_some(),
            "a code without a GUID gets one"
        );
    }
}

#[test]
fn a_qdc_with_a_dtd_or_another_root_is_refused_in_one_line() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("x.qdc");
    std::fs::write(&f, r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><CodeBook><Codes><Code guid="11111111-2222-3333-4444-555555555555" name="&a;" isCodable="true"/></Codes></CodeBook>"#).unwrap();
    let e = Codebook::load(&f).unwrap_err().to_string();
    assert!(e.contains("DOCTYPE") && !e.contains('\n'), "{e}");
    std::fs::write(&f, "<Graphs/>").unwrap();
    let e = Codebook::load(&f).unwrap_err().to_string();
    assert!(e.contains("not a REFI-QDA codebook"), "{e}");
}

/// `codebook edit --codable false`: a grouping parent is `isCodable="false"` in the `.qdc` and
/// in the `.qdpx`, and comes back not codable from both; the other codes stay codable.
#[test]
fn grouping_parents_travel_as_is_codable_false() {
    let (_t, dir) = common::sample_copy();
    for parent in ["relationship-fit", "overall-valence"] {
        common::thematic(&dir)
            .args(["codebook", "edit", parent, "--codable", "false"])
            .assert()
            .success();
    }
    let p = Project::open(&dir).unwrap();
    let grouping = |cb: &Codebook| -> Vec<String> {
        let mut v: Vec<String> = cb
            .active()
            .filter(|c| !c.codable)
            .map(|c| c.name.clone())
            .collect();
        v.sort();
        v
    };
    let want = grouping(&p.codebook);
    assert_eq!(want.len(), 2);

    let qdc = dir.join("book.qdc");
    common::thematic(&dir)
        .args(["codebook", "export"])
        .arg(&qdc)
        .assert()
        .success();
    let xml = std::fs::read_to_string(&qdc).unwrap();
    assert_eq!(xml.matches("isCodable=\"false\"").count(), 2);
    assert_eq!(grouping(&Codebook::load(&qdc).unwrap()), want, ".qdc");

    let t = tempfile::tempdir().unwrap();
    let qdpx = t.path().join("study.qdpx");
    common::thematic(&dir)
        .args(["export", "qdpx"])
        .arg(&qdpx)
        .assert()
        .success();
    let back = t.path().join("back");
    common::thematic(&dir)
        .arg("import-project")
        .arg(&qdpx)
        .arg(&back)
        .assert()
        .success();
    let b = Project::open(&back).unwrap();
    assert_eq!(grouping(&b.codebook), want, ".qdpx");
    // A file saying `0` (an XML boolean too) is read alike.
    let zero = xml.replace("isCodable=\"false\"", "isCodable=\"0\"");
    assert_eq!(grouping(&read(&zero)), want, "isCodable=\"0\"");
}
