//! Our `.qdpx` export against the REFI-QDA Project.xsd (vendored in tests/refi-qda with its
//! MIT licence): with `xmllint --schema` when it is installed, and always with a structural
//! check of what we write (element order under <Project>, GUID forms, references that meet).

use super::{common, entry};
use std::collections::HashSet;
use std::path::Path;
use thematic::interop::xml::{Node, parse};

const ORDER: [&str; 11] = [
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Links",
    "Sets",
    "Graphs",
    "Description",
    "NoteRef",
];

fn is_guid(s: &str) -> bool {
    thematic::interop::guid::normalize(s).as_deref() == Some(s)
}

fn walk<'a>(n: &'a Node, out: &mut Vec<&'a Node>) {
    out.push(n);
    for c in &n.children {
        walk(c, out);
    }
}

fn structural(qde: &[u8]) {
    let root = parse(Path::new("project.qde"), qde).unwrap();
    assert_eq!(root.name, "Project");
    assert_eq!(root.namespace.as_deref(), Some("urn:QDA-XML:project:1.0"));
    assert!(root.attr("name").is_some());
    let pos: Vec<usize> = root
        .children
        .iter()
        .map(|c| {
            ORDER
                .iter()
                .position(|o| *o == c.name)
                .unwrap_or_else(|| panic!("<{}> is not a Project child", c.name))
        })
        .collect();
    assert!(
        pos.windows(2).all(|w| w[0] < w[1]),
        "Project children in schema order: {pos:?}"
    );
    let mut all = Vec::new();
    walk(&root, &mut all);
    let mut guids = HashSet::new();
    for n in &all {
        if let Some(g) = n.attr("guid") {
            assert!(is_guid(g), "{g}");
            assert!(guids.insert(g.to_string()), "GUID {g} used twice");
        }
        for a in ["creatingUser", "targetGUID"] {
            if let Some(g) = n.attr(a) {
                assert!(is_guid(g), "{a}={g}");
            }
        }
        match n.name.as_str() {
            "Code" => {
                assert!(n.attr("name").is_some() && n.attr("isCodable").is_some());
                if let Some(c) = n.attr("color") {
                    assert!(c.len() == 7 && c.starts_with('#'), "{c}");
                }
            }
            "PlainTextSelection" => {
                let a: usize = n.attr("startPosition").unwrap().parse().unwrap();
                let b: usize = n.attr("endPosition").unwrap().parse().unwrap();
                assert!(a <= b);
                let kids: Vec<&str> = n.children.iter().map(|c| c.name.as_str()).collect();
                let first_note = kids
                    .iter()
                    .position(|k| *k == "NoteRef")
                    .unwrap_or(kids.len());
                assert!(
                    kids[first_note..].iter().all(|k| *k == "NoteRef"),
                    "Coding before NoteRef"
                );
            }
            "Coding" => assert_eq!(n.children[0].name, "CodeRef"),
            "Variable" => assert!(n.attr("typeOfVariable").is_some()),
            _ => {}
        }
    }
    for n in &all {
        if let Some(t) = n.attr("targetGUID").or(n.attr("creatingUser")) {
            assert!(guids.contains(t), "reference to {t} meets nothing");
        }
    }
}

fn xmllint(qde: &[u8]) {
    let ok = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "xmllint is not installed (Debian/Ubuntu: libxml2-utils): schema validation skipped, structural check only"
        );
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("project.qde");
    std::fs::write(&f, qde).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(common::repo().join("tests/refi-qda/Project.xsd"))
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_sample_export_is_valid_against_project_xsd() {
    let (_t, dir) = common::sample_copy();
    let file = dir.join("sample.qdpx");
    common::thematic(&dir)
        .args(["export", "qdpx"])
        .arg(&file)
        .assert()
        .success();
    let qde = entry(&file, "project.qde");
    structural(&qde);
    xmllint(&qde);
}

#[test]
fn the_schema_check_catches_a_broken_file() {
    // The structural check is not vacuous: a selection without positions fails it.
    let bad = br#"<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="00000000-0000-0000-0000-000000000001"><PlainTextSelection guid="00000000-0000-0000-0000-000000000002"/></TextSource></Sources></Project>"#;
    assert!(std::panic::catch_unwind(|| structural(bad)).is_err());
}
