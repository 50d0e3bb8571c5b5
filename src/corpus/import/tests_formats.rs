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
    let p = parse_fixture(
        "fg.txt",
        text,
        SourceKind::FocusGroup,
        &ImportOptions::default(),
    );
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

fn texts(p: &Parsed) -> Vec<&str> {
    p.units.iter().map(|u| u.text.as_str()).collect()
}

#[test]
fn youtube_auto_captions_lose_markup_headers_and_rolling_repeats() {
    let text = include_str!("../../../tests/fixtures/import/youtube-auto.vtt");
    let p = parse_fixture(
        "yt.vtt",
        text,
        SourceKind::Interview,
        &ImportOptions::default(),
    );
    assert_eq!(
        texts(&p),
        ["so today we're talking about mentoring in residency and what helped"]
    );
    assert_eq!(p.units[0].time.as_deref(), Some("00:00:00.000"));
    assert_eq!(p.units[0].line, 5);
}

#[test]
fn zoom_captions_with_name_labels() {
    let text = include_str!("../../../tests/fixtures/import/zoom.vtt");
    let p = parse_fixture(
        "z.vtt",
        text,
        SourceKind::FocusGroup,
        &ImportOptions::default(),
    );
    assert_eq!(speakers(&p), ["Moderator", "Dana Kim", "Omar"]);
    assert_eq!(
        p.units[1].text,
        "Honestly, protected time. My mentor & I met every Friday."
    );
}

#[test]
fn teams_voices_notes_and_a_repeated_timing_line() {
    let text = include_str!("../../../tests/fixtures/import/teams.vtt");
    let p = parse_fixture(
        "t.vtt",
        text,
        SourceKind::FocusGroup,
        &ImportOptions::default(),
    );
    assert_eq!(speakers(&p), ["Grace Ho", "Hamid Ali", "Facilitator"]);
    assert_eq!(
        texts(&p),
        [
            "I think the matching form could have asked about goals.",
            "It asked nothing useful!",
            "Let's move on."
        ]
    );
    assert!(p.units.iter().all(|u| !u.text.contains("-->")));
}

#[test]
fn styled_file_with_style_region_and_note_blocks() {
    let text = include_str!("../../../tests/fixtures/import/styled.vtt");
    let p = parse_fixture(
        "s.vtt",
        text,
        SourceKind::FocusGroup,
        &ImportOptions::default(),
    );
    assert_eq!(speakers(&p), ["Moderator", "Priya"]);
    assert_eq!(
        texts(&p),
        [
            "Welcome to the panel.",
            "The first year was hard <really>. But it got better."
        ]
    );
    assert_eq!(p.units[1].time.as_deref(), Some("00:00:04.000"));
}
