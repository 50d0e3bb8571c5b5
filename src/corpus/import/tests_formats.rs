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

#[test]
fn moderators_by_default_name_and_by_choice() {
    let text = include_str!("../../../tests/fixtures/import/moderated-panel.txt");
    let opts = ImportOptions {
        role: Some("mentee".into()),
        ..Default::default()
    };
    let p = parse_fixture("m.txt", text, SourceKind::FocusGroup, &opts);
    let flags: Vec<bool> = p.units.iter().map(|u| u.moderator).collect();
    assert_eq!(flags, [true, false, false, false, false]);
    assert_eq!(
        p.units[1].prompt.as_deref(),
        Some("Welcome. How did the matching go for you?")
    );
    let ruth = &p.cases[0];
    assert!(ruth.moderator);
    assert!(
        !ruth.attributes.contains_key("role"),
        "--role skips moderators"
    );
    assert_eq!(p.cases[1].attributes["role"], "mentee");

    let opts = ImportOptions {
        moderators: vec!["Facilitator Ruth".into(), "host sam".into()],
        ..Default::default()
    };
    let p = parse_fixture("m.txt", text, SourceKind::FocusGroup, &opts);
    let flags: Vec<bool> = p.units.iter().map(|u| u.moderator).collect();
    assert_eq!(flags, [true, false, false, true, false]);
    assert_eq!(
        p.units[4].prompt.as_deref(),
        Some("And what helped once you were matched?")
    );
    let mods: Vec<&str> = p
        .cases
        .iter()
        .filter(|c| c.moderator)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(mods, ["Facilitator Ruth", "Host Sam"]);
}

#[test]
fn a_transcript_without_speakers_is_warned_about() {
    let notes = "On matching: only by subspecialty.\n\nTime: never protected.\n";
    let opts = ImportOptions {
        moderators: vec!["Lee".into()],
        ..Default::default()
    };
    let p = parse_fixture("n.md", notes, SourceKind::FocusGroup, &opts);
    let w = expectation_warnings(SourceKind::FocusGroup, &p, &opts);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].starts_with("no speakers were found"), "{}", w[0]);
    assert!(w[1].contains("'Lee' is not a speaker"), "{}", w[1]);
    assert!(w[0].contains("have no speaker and no case"), "{}", w[0]);
    assert!(expectation_warnings(SourceKind::Notes, &p, &ImportOptions::default()).is_empty());
    // Notes of one interview given a case: the units have it, and the warning says so.
    let one = ImportOptions {
        case: Some("MR12".into()),
        ..Default::default()
    };
    let p = parse_fixture("n.md", notes, SourceKind::Interview, &one);
    assert!(p.units.iter().all(|u| u.case.as_deref() == Some("MR12")));
    let w = expectation_warnings(SourceKind::Interview, &p, &one);
    assert!(
        w[0].contains("have no speaker (all belong to case 'MR12', from --case)"),
        "{}",
        w[0]
    );
}
