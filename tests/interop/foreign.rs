//! A project as other tools write it (hand-made fixture): codes, codings by two users,
//! cases with typed variables, a PDF's text representation, memos, sets; what cannot be
//! read is skipped with a warning, and agreement works on the result.

use super::{codings, common, zip_of};
use thematic::interop::build::import_project;
use thematic::project::Project;

fn fixture() -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/interop/other-tool.qde")).unwrap()
}

#[test]
fn another_tools_project_imports_with_codes_codings_text_cases_and_memos() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("field.qdpx");
    // `Sources/` capitalised and CRLF line ends, as Windows tools write them.
    zip_of(
        &file,
        &[
            ("project.qde", &fixture()),
            ("Sources/report.txt", b"Good news today.\r\nMore later.\r\n"),
        ],
    );
    let dir = t.path().join("field");
    let r = import_project(&file, &dir).unwrap();
    assert!(!r.exact);
    assert_eq!(r.sources, 2, "the interview and the PDF's text");
    assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("Rich only")));
    assert!(r.warnings.iter().any(|w| w.contains("AudioSource")));
    let p = Project::open(&dir).unwrap();
    assert_eq!(p.manifest.name, "Field study");
    let texts: Vec<&str> = p.units.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "I was happy to start.",
            "It made me nervous at first.",
            "Now it's fine.",
            "Good news today.",
            "More later."
        ]
    );
    assert_eq!(p.coders().unwrap(), ["maría-garcía", "tom"]);
    let joy = p.codebook.find("Joy").unwrap();
    let worry = p.codebook.find("Worry").unwrap();
    let whole = p.codebook.find("Whole document").unwrap();
    assert_eq!(
        joy.parent.as_deref(),
        Some(p.codebook.find("Feelings").unwrap().id.as_str())
    );
    assert_eq!(worry.description, "Concern about what comes next.");
    assert_eq!(worry.colour.as_deref(), Some("#123456"));
    let u = |i: usize| p.units[i].id.clone();
    let maria = codings(&p, "maría-garcía");
    assert_eq!(
        maria[&u(0)],
        [(
            joy.id.clone(),
            Some((6, 11)),
            Some("She smiled here.".to_string())
        )]
    );
    assert_eq!(&p.units[0].text[6..11], "happy");
    assert_eq!(maria[&u(3)], [(joy.id.clone(), Some((0, 4)), None)]);
    let tom = codings(&p, "tom");
    // 0..55 covers the first two lines and "Now"; the whole-source coding all three.
    assert_eq!(
        tom[&u(0)],
        [
            (whole.id.clone(), None, None),
            (worry.id.clone(), None, None)
        ]
    );
    assert_eq!(
        tom[&u(1)],
        [
            (whole.id.clone(), None, None),
            (worry.id.clone(), None, None)
        ]
    );
    assert_eq!(
        tom[&u(2)],
        [
            (whole.id.clone(), None, None),
            (worry.id.clone(), Some((0, 3)), None)
        ]
    );
    let case = p.case("P1").unwrap();
    assert_eq!(
        case.attributes.get("age_group").map(String::as_str),
        Some("30-39")
    );
    assert_eq!(case.attributes.get("years").map(String::as_str), Some("4"));
    assert!(p.units[..3].iter().all(|u| u.case.as_deref() == Some("P1")));
    assert_eq!(p.units[3].case, None);
    let map = thematic::themes::ThemeMap::load(&dir).unwrap();
    let set = &map.sections[0].categories[0].themes[0];
    assert_eq!(set.name, "Emotions");
    assert_eq!(set.codes, [joy.id.clone(), worry.id.clone()]);
    // Both users coded the interview: agreement compares them there.
    common::thematic(&dir)
        .args(["agreement"])
        .assert()
        .success();
}

#[test]
fn a_project_without_optional_parts_imports() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("min.qdpx");
    zip_of(&file, &[("project.qde", br#"<Project xmlns="urn:QDA-XML:project:1.0" name="Minimal"><Sources><TextSource guid="00000000-0000-0000-0000-000000000001" name="a"><PlainTextContent>Only text.</PlainTextContent></TextSource></Sources></Project>"#)]);
    let dir = t.path().join("min");
    let r = import_project(&file, &dir).unwrap();
    assert_eq!((r.sources, r.units, r.codes), (1, 1, 0));
    assert!(r.coders.is_empty());
}
