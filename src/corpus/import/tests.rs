//! Importers on small hand-made files: surveys, transcripts, notes, .docx.

use super::*;
use crate::corpus::SourceKind;
use std::io::Write;
use std::path::Path;

fn parse_as(name: &str, content: &[u8], kind: SourceKind, opts: &ImportOptions) -> Result<Parsed> {
    parse(Path::new(name), content, kind, "src", opts).map(|(p, _)| p)
}

fn ok(name: &str, content: &str, kind: SourceKind) -> Parsed {
    parse_as(name, content.as_bytes(), kind, &ImportOptions::default()).unwrap()
}

const FORMS: &str = "\u{feff}Timestamp,Respondent ID,Fellowship,Match,What worked?,What worked?\r\n\
2025/06/14 9:12:33 AM GMT-4,ME01,Adult,Agree,\"We met weekly, and she answered\r\nevery email within a day.\",Nothing to add here really\r\n\
2025/06/14 9:14:01 AM GMT-4,ME02,Pediatric,Disagree,,He was hard to reach most of the year\r\n\
2025/06/14 9:20:41 AM GMT-4,ME03,Pediatric,Agree,\"She said \"\"call me anytime\"\" and meant it\",\r\n";

#[test]
fn google_forms_csv_with_bom_crlf_quoted_newlines_duplicates_and_blanks() {
    let p = ok("s.csv", FORMS, SourceKind::Survey);
    let ids: Vec<&str> = p.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["src:1:5", "src:1:6", "src:2:6", "src:3:5"]);
    assert_eq!(
        p.units[0].text,
        "We met weekly, and she answered\nevery email within a day."
    );
    assert_eq!(p.units[0].prompt.as_deref(), Some("What worked?"));
    assert_eq!(p.units[0].case.as_deref(), Some("ME01"));
    assert_eq!(p.units[0].line, 2);
    assert_eq!(
        p.units[2].line, 4,
        "line numbers count the newline inside the quoted cell"
    );
    assert_eq!(p.units[3].text, "She said \"call me anytime\" and meant it");
    assert_eq!(p.cases.len(), 3);
    let a = &p.cases[1].attributes;
    assert_eq!(a.get("fellowship").map(String::as_str), Some("Pediatric"));
    assert_eq!(a.get("match").map(String::as_str), Some("Disagree"));
    assert!(
        !a.contains_key("what_worked"),
        "text columns are not attributes"
    );
}

#[test]
fn duplicate_column_names_can_be_chosen_by_suffix_or_number() {
    let opts = ImportOptions {
        text_columns: vec!["what worked? (2)".into()],
        ..Default::default()
    };
    let p = parse_as("s.csv", FORMS.as_bytes(), SourceKind::Survey, &opts).unwrap();
    assert_eq!(p.units.len(), 2);
    let opts = ImportOptions {
        text_columns: vec!["5".into()],
        case_column: Some("respondent id".into()),
        ..Default::default()
    };
    let p = parse_as("s.csv", FORMS.as_bytes(), SourceKind::Survey, &opts).unwrap();
    assert_eq!(
        p.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["src:1:5", "src:3:5"]
    );
}

#[test]
fn qualtrics_export_skips_question_and_import_id_rows() {
    let csv = "StartDate,ResponseId,Q1,Q2\n\
Start Date,Response ID,How old are you?,What did your mentor do well?\n\
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\"\n\
2025-06-01 10:00:00,R_abc,31,She listened to my ideas and helped me plan the study\n\
2025-06-01 11:00:00,R_def,29,Gave honest feedback on my drafts every single time\n";
    let (p, settings) = parse(
        Path::new("q.csv"),
        csv.as_bytes(),
        SourceKind::Survey,
        "q",
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(settings.format, "qualtrics-csv");
    assert_eq!(p.units.len(), 2);
    assert_eq!(
        p.units[0].prompt.as_deref(),
        Some("What did your mentor do well?")
    );
    assert_eq!(p.units[0].case.as_deref(), Some("R_abc"));
    assert_eq!(p.units[0].line, 4);
    assert_eq!(
        p.cases[0].attributes.get("q1").map(String::as_str),
        Some("31")
    );
}

#[test]
fn role_and_attr_tag_every_case() {
    let opts = ImportOptions {
        role: Some("mentee".into()),
        attrs: vec![("Cohort".into(), "2025".into())],
        ..Default::default()
    };
    let p = parse_as("s.csv", FORMS.as_bytes(), SourceKind::Survey, &opts).unwrap();
    assert!(
        p.cases
            .iter()
            .all(|c| c.attributes["role"] == "mentee" && c.attributes["cohort"] == "2025")
    );
}

#[test]
fn survey_errors_name_file_line_and_field() {
    let ragged = "ID,Answer\nA1,Some long answer text here\nA2,x,y\n";
    let e = parse_as(
        "r.csv",
        ragged.as_bytes(),
        SourceKind::Survey,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "r.csv:3: row has 3 fields but the header has 2"
    );
    let opts = ImportOptions {
        text_columns: vec!["Nope".into()],
        ..Default::default()
    };
    let e = parse_as("r.csv", FORMS.as_bytes(), SourceKind::Survey, &opts)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("r.csv:1: field '--text-columns': no column named 'Nope'"),
        "{e}"
    );
    let dup = "ID,Answer\nA1,Some long answer text here\nA1,Another long answer text here\n";
    let e = parse_as(
        "d.csv",
        dup.as_bytes(),
        SourceKind::Survey,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "d.csv:3: field 'ID': respondent 'A1' already answered on line 2"
    );
    let e = parse_as(
        "h.csv",
        b"ID,Answer\n",
        SourceKind::Survey,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no answers"), "{e}");
}

#[test]
fn notes_paragraphs_turns_and_headings() {
    let text = "# Interview with ME07\n\nInterviewer: How were you matched?\n\nME07: By a form.\nIt was quick.\n\nInterviewer: And then?\n\nME07: We met.\n";
    let p = ok("n.md", text, SourceKind::Interview);
    assert_eq!(p.units.len(), 4);
    assert_eq!(p.units[1].speaker.as_deref(), Some("ME07"));
    assert_eq!(p.units[1].text, "By a form.\nIt was quick.");
    assert_eq!(p.units[1].prompt.as_deref(), Some("How were you matched?"));
    assert_eq!(p.units[1].line, 5);
    assert_eq!(
        p.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["Interviewer", "ME07"]
    );
    let notes = "On matching: only by subspecialty.\n\nTime: never protected.\n";
    let opts = ImportOptions {
        case: Some("MR12".into()),
        ..Default::default()
    };
    let p = parse_as("n.txt", notes.as_bytes(), SourceKind::Notes, &opts).unwrap();
    assert_eq!(
        p.units[0].text, "On matching: only by subspecialty.",
        "one-off topic labels are not speakers"
    );
    assert_eq!(p.units[1].case.as_deref(), Some("MR12"));
}

#[test]
fn plain_transcript_with_timestamps_joins_consecutive_turns() {
    let text = "[00:00:01] Lee: Welcome.\n[00:00:05] Priya: Hi, I'm Priya.\n[00:00:09] Priya: Pediatrics.\n[00:00:12] Lee: Thanks.\n";
    let p = ok("fg.txt", text, SourceKind::FocusGroup);
    assert_eq!(p.units.len(), 3);
    assert_eq!(p.units[1].text, "Hi, I'm Priya. Pediatrics.");
    assert_eq!(p.units[1].time.as_deref(), Some("00:00:05"));
    assert_eq!(p.units[2].id, "src:3");
}

#[test]
fn webvtt_zoom_and_teams_styles() {
    let zoom = "WEBVTT\n\n1\n00:00:05.120 --> 00:00:09.880\nModerator Lee: Okay, we're recording.\n\n2\n00:00:10.000 --> 00:00:12.000\nModerator Lee: Welcome.\n\n3\n00:00:13.000 --> 00:00:15.000\nPriya: Hi &amp; hello.\n";
    let p = ok("z.vtt", zoom, SourceKind::FocusGroup);
    assert_eq!(p.units.len(), 2);
    assert_eq!(p.units[0].text, "Okay, we're recording. Welcome.");
    assert_eq!(p.units[0].time.as_deref(), Some("00:00:05.120"));
    assert_eq!(p.units[1].text, "Hi & hello.");
    assert_eq!(p.units[1].line, 12);
    let teams = "WEBVTT\n\nNOTE made by Teams\n\nabc-1\n00:00:01.000 --> 00:00:02.000\n<v Grace Ho>I think</v>\n\nabc-2\n00:00:02.000 --> 00:00:03.000\n<v Grace Ho>it <i>helped</i>.</v>\n\n00:00:04.000 --> 00:00:05.000\n<v.loud Hamid>No!</v>\n";
    let p = ok("t.vtt", teams, SourceKind::FocusGroup);
    assert_eq!(p.units.len(), 2);
    assert_eq!(p.units[0].text, "I think it helped.");
    assert_eq!(p.units[0].speaker.as_deref(), Some("Grace Ho"));
    assert_eq!(p.units[1].speaker.as_deref(), Some("Hamid"));
    let e = parse_as(
        "x.vtt",
        b"hello\n",
        SourceKind::FocusGroup,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.vtt:1: not a WebVTT file: the first line must be WEBVTT"
    );
}

#[test]
fn srt_cues() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nLee: First.\n\n2\n00:00:02,500 --> 00:00:04,000\nmore from Lee\n\n3\n00:00:05,000 --> 00:00:06,000\nPriya: Second.\n";
    let p = ok("s.srt", srt, SourceKind::FocusGroup);
    assert_eq!(p.units.len(), 2);
    assert_eq!(p.units[0].text, "First. more from Lee");
    assert_eq!(p.units[1].time.as_deref(), Some("00:00:05,000"));
}

pub(crate) fn docx_bytes(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:p/></w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn docx_transcript_paragraphs() {
    let bytes = docx_bytes(&[
        "Speaker 1: Thanks for coming &amp; welcome.",
        "Speaker 2: Glad to be here.",
        "Speaker 1: Let us start.",
        "Speaker 2: Sure.",
    ]);
    let p = parse_as(
        "t.docx",
        &bytes,
        SourceKind::Interview,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.units.len(), 4);
    assert_eq!(p.units[0].text, "Thanks for coming & welcome.");
    assert_eq!(p.units[1].speaker.as_deref(), Some("Speaker 2"));
    assert_eq!(p.units[1].line, 2);
    let e = parse_as(
        "t.docx",
        b"PK\x03\x04garbage",
        SourceKind::Interview,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with("t.docx: not a .docx (zip) file"),
        "{e}"
    );
}

#[test]
fn empty_binary_and_bad_encoding_are_refused() {
    for (bytes, want) in [
        (&b""[..], "n.txt: file is empty"),
        (
            &b"\x00\x01\x02"[..],
            "n.txt:1: binary file (NUL byte); expected text",
        ),
        (
            &b"caf\xe9\n"[..],
            "n.txt:1: invalid UTF-8 at byte 4 (column 4); save the file as UTF-8",
        ),
    ] {
        let e = parse_as("n.txt", bytes, SourceKind::Notes, &ImportOptions::default()).unwrap_err();
        assert_eq!(e.to_string(), want);
    }
}
