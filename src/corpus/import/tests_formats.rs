//! Importers on files written the way transcription services and caption writers write them
//! (fixtures in `tests/fixtures/import/`).

use super::*;
use crate::corpus::SourceKind;
use std::path::Path;

fn parse_fixture(name: &str, content: &str, kind: SourceKind, opts: &ImportOptions) -> Parsed {
    match parse(Path::new(name), content.as_bytes(), kind, "fg", opts) {
        Ok((p, _)) => p,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn speakers(p: &Parsed) -> Vec<&str> {
    p.units
        .iter()
        .map(|u| u.speaker.as_deref().unwrap_or("-"))
        .collect()
}

#[test]
fn timestamped_turns_without_blank_lines_are_one_unit_each() {
    let text = include_str!("../../../tests/fixtures/import/focus-group-timestamped.txt");
    let p = parse_fixture("fg.txt", text, SourceKind::FocusGroup, &ImportOptions::default());
    assert_eq!(
        speakers(&p),
        ["Moderator", "Dana", "Omar", "Moderator", "Grace Ho", "Lena"]
    );
    assert_eq!(
        p.units[1].text,
        "Through the program form, in the first week.\nIt took a while before we actually met."
    );
    assert_eq!(p.units[1].time.as_deref(), Some("00:00:12"));
    assert_eq!(p.units[4].line, 6);
    let cases: Vec<&str> = p.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cases, ["Moderator", "Dana", "Omar", "Grace Ho", "Lena"]);
}
