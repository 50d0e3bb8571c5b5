//! Hostile archives are refused in one line, write nothing outside the new project, and leave
//! no partial project behind.

use super::{only, zip_of};
use std::io::Write;
use thematic::interop::archive::Limits;
use thematic::interop::build::{import_project, import_project_with};

const QDE: &[u8] = br#"<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="a" plainTextPath="internal://a.txt"/></Sources></Project>"#;

/// Import `files` zipped; it must fail with `want` in a one-line message, leaving the parent
/// folder as it was.
fn refused(files: &[(&str, &[u8])], limits: Limits, want: &str) {
    let t = tempfile::tempdir().unwrap();
    let work = t.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let file = t.path().join("bad.qdpx");
    zip_of(&file, files);
    let e = import_project_with(&file, &work.join("new"), limits)
        .unwrap_err()
        .to_string();
    assert!(e.contains(want), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");
    only(&work, &[]);
    only(t.path(), &["bad.qdpx", "work"]);
}

#[test]
fn zip_slip_and_absolute_paths_are_refused() {
    refused(
        &[("project.qde", QDE), ("../evil.txt", b"x")],
        Limits::default(),
        "outside the archive",
    );
    refused(
        &[("project.qde", QDE), ("sources/../../evil.txt", b"x")],
        Limits::default(),
        "outside the archive",
    );
    refused(
        &[("project.qde", QDE), ("/tmp/evil.txt", b"x")],
        Limits::default(),
        "outside the archive",
    );
    refused(
        &[("project.qde", QDE), ("C:/evil.txt", b"x")],
        Limits::default(),
        "outside the archive",
    );
}

#[test]
fn symlinks_are_refused() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("link.qdpx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("project.qde", o).unwrap();
    z.write_all(QDE).unwrap();
    z.add_symlink("sources/a.txt", "/etc/passwd", o).unwrap();
    z.finish().unwrap();
    let e = import_project(&file, &t.path().join("new"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("symbolic link"), "{e}");
    assert!(!t.path().join("new").exists());
}

#[test]
fn zip_bombs_are_stopped_by_size_limits() {
    let big = vec![b' '; 300_000];
    let mut qde = QDE.to_vec();
    qde.extend_from_slice(&big);
    let small = Limits {
        entry: 100_000,
        total: 1 << 20,
    };
    refused(&[("project.qde", &qde)], small, "zip bomb");
    // Each entry fits but together they pass the total.
    let text = vec![b'a'; 96_000];
    refused(
        &[("project.qde", QDE), ("sources/a.txt", &text)],
        Limits {
            entry: 100_000,
            total: 95_000,
        },
        "zip bomb",
    );
}

#[test]
fn xml_entities_dtds_and_huge_attributes_are_refused() {
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Project name="&lol2;"/>"#;
    refused(&[("project.qde", laughs)], Limits::default(), "DOCTYPE");
    let xxe = br#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>"#;
    refused(&[("project.qde", xxe)], Limits::default(), "DOCTYPE");
    let undeclared = br#"<Project name="a"><Description>&x;</Description></Project>"#;
    refused(&[("project.qde", undeclared)], Limits::default(), "entity");
    let huge = format!(r#"<Project name="{}"/>"#, "a".repeat(100_000));
    refused(
        &[("project.qde", huge.as_bytes())],
        Limits::default(),
        "longer than",
    );
    refused(&[("other.txt", b"x")], Limits::default(), "no project.qde");
}

#[test]
fn a_codebook_with_one_guid_on_two_codes_is_refused_and_leaves_nothing() {
    let qde = br#"<Project name="x"><CodeBook><Codes><Code guid="00000000-0000-0000-0000-000000000001" name="a" isCodable="true"/><Code guid="00000000-0000-0000-0000-000000000001" name="b" isCodable="true"/></Codes></CodeBook></Project>"#;
    refused(
        &[("project.qde", qde)],
        Limits::default(),
        "used by two codes",
    );
}

#[test]
fn a_sidecar_cannot_name_files_outside_the_project() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("side.qdpx");
    let side = br#"{"format":1,"sources":[{"guid":"00000000-0000-0000-0000-000000000001","id":"../../escaped","kind":"notes","units":[{"id":"u1","start":0,"end":4,"line":1}]}],"users":{"00000000-0000-0000-0000-0000000000aa":"../../x"}}"#;
    let qde = br#"<Project name="x"><Users><User guid="00000000-0000-0000-0000-0000000000aa" name="Ann"/></Users><CodeBook><Codes><Code guid="00000000-0000-0000-0000-0000000000cc" name="c" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="Doc One"><PlainTextContent>Text here</PlainTextContent><PlainTextSelection guid="00000000-0000-0000-0000-0000000000bb" startPosition="0" endPosition="4" creatingUser="00000000-0000-0000-0000-0000000000aa"><Coding guid="00000000-0000-0000-0000-0000000000dd"><CodeRef targetGUID="00000000-0000-0000-0000-0000000000cc"/></Coding></PlainTextSelection></TextSource></Sources></Project>"#;
    zip_of(
        &file,
        &[("project.qde", qde), ("thematic/project.json", side)],
    );
    let dir = t.path().join("a/b/new");
    import_project(&file, &dir).unwrap();
    assert!(
        dir.join("sources/doc-one.txt").exists(),
        "the id came from the name"
    );
    assert!(
        dir.join("codings/ann.jsonl").exists(),
        "the coder name came from the user"
    );
    only(&t.path().join("a/b"), &["new"]);
    only(t.path(), &["a", "side.qdpx"]);
}

#[test]
fn the_command_refuses_in_one_line_with_exit_1_and_writes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("bad.qdpx");
    zip_of(&file, &[("project.qde", QDE), ("../evil.txt", b"x")]);
    let new = t.path().join("new");
    let arg = |p: &std::path::Path| p.to_string_lossy().into_owned();
    super::common::fails_cleanly(
        t.path(),
        &["import-project", &arg(&file), &arg(&new)],
        "outside the archive",
    );
    let junk = t.path().join("not-a-zip.qdpx");
    std::fs::write(&junk, "hello").unwrap();
    super::common::fails_cleanly(
        t.path(),
        &["import-project", &arg(&junk), &arg(&new)],
        "not a .qdpx",
    );
}
