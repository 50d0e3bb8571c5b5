//! Importing as a new user would: the sample's files give the sample's units; bad files fail
//! cleanly and leave the project unchanged.

mod common;

use common::*;
use std::path::Path;

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    thematic(&dir)
        .arg("init")
        .arg(&dir)
        .arg("--codebook")
        .arg(repo().join("codebooks/mentorship.json"))
        .assert()
        .success();
    (t, dir)
}

#[test]
fn importing_the_sample_files_by_hand_gives_the_same_units() {
    let (_t, dir) = fresh();
    let i = inputs();
    let run = |args: &[&str]| thematic(&dir).args(args).assert().success();
    run(&[
        "import",
        i.join("mentee-survey.csv").to_str().unwrap(),
        "--kind",
        "survey",
        "--role",
        "mentee",
    ]);
    run(&[
        "import",
        i.join("mentor-survey.csv").to_str().unwrap(),
        "--kind",
        "survey",
        "--role",
        "mentor",
    ]);
    run(&[
        "import",
        i.join("interview-mentee-07.md").to_str().unwrap(),
        "--kind",
        "interview",
    ]);
    run(&[
        "import",
        i.join("interview-mentor-12.txt").to_str().unwrap(),
        "--kind",
        "interview",
        "--case",
        "MR12",
    ]);
    run(&[
        "import",
        i.join("focus-group.vtt").to_str().unwrap(),
        "--kind",
        "focus-group",
    ]);
    run(&["attributes", i.join("attributes.csv").to_str().unwrap()]);
    // The sample is built by today's importer: the same units, moderators flagged and their
    // questions the prompt of the answers.
    let mine = json(&dir, &["units", "--json"]);
    let theirs = json(&sample(), &["units", "--json"]);
    let me07 = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["speaker"] == "ME07")
        .unwrap()
        .clone();
    let asked = mine
        .as_array()
        .unwrap()
        .iter()
        .take_while(|u| u["id"] != me07["id"])
        .filter(|u| u["speaker"] == "Interviewer")
        .last()
        .unwrap()
        .clone();
    assert_eq!(me07["prompt"], asked["text"]);
    assert_eq!(asked["moderator"], true);
    assert_eq!(mine, theirs);
    // Attributes keep their headers as labels; moderators are flagged.
    let mine = json(&dir, &["cases", "--json"]);
    let fellowship = mine
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| c["labels"].get("fellowship").cloned());
    assert_eq!(fellowship, Some(serde_json::json!("Fellowship")));
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "Moderator Lee" && c["moderator"] == true)
    );
    assert_eq!(mine, json(&sample(), &["cases", "--json"]));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn bad_input_files_fail_with_file_line_field_and_change_nothing() {
    let (t, dir) = fresh();
    let d = t.path();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            write(
                d,
                "bad-utf8.csv",
                b"ID,Answer\nA1,caf\xe9 was nice and the people were good\n",
            ),
            "survey",
            "bad-utf8.csv:2: invalid UTF-8 at byte 17 (column 7)",
        ),
        (
            write(d, "empty.txt", b""),
            "notes",
            "empty.txt: file is empty",
        ),
        (
            write(d, "binary.txt", b"\x7fELF\x02\x01\x01\x00\x00"),
            "notes",
            "binary.txt:1: binary file",
        ),
        (
            write(
                d,
                "ragged.csv",
                b"ID,Answer\nA1,a long enough answer here\nA2,x,y\n",
            ),
            "survey",
            "ragged.csv:3: row has 3 fields but the header has 2",
        ),
        (
            write(d, "bad.vtt", b"1\n00:00:01.000 --> 00:00:02.000\nHi\n"),
            "focus-group",
            "bad.vtt:1: not a WebVTT file",
        ),
        (
            write(d, "broken.docx", b"PK\x03\x04nonsense"),
            "interview",
            "broken.docx: not a .docx (zip) file",
        ),
    ];
    for (file, kind, want) in cases {
        fails_cleanly(&dir, &["import", &file, "--kind", kind], want);
    }
    let ok = write(
        d,
        "ok.csv",
        b"ID,Answer\nA1,a long enough answer here\nA2,another long enough answer\n",
    );
    fails_cleanly(
        &dir,
        &["import", &ok, "--kind", "survey", "--text-columns", "Answr"],
        "ok.csv:1: field '--text-columns': no column named 'Answr'",
    );
    fails_cleanly(
        &dir,
        &["import", &ok, "--kind", "survey", "--case-column", "Who"],
        "field '--case-column': no column named 'Who'",
    );
    fails_cleanly(
        &dir,
        &["import", &ok, "--kind", "survey", "--attr", "novalue"],
        "'novalue' is not KEY=VALUE",
    );
    thematic(&dir)
        .args(["import", &ok, "--kind", "survey"])
        .assert()
        .success();
    let again = write(
        d,
        "ok2.csv",
        b"ID,Answer\nB1,a long enough answer here too\n",
    );
    fails_cleanly(
        &dir,
        &["import", &again, "--kind", "survey", "--id", "ok"],
        "a source with id 'ok' is already imported",
    );
    fails_cleanly(
        &dir,
        &["import", &ok, "--kind", "survey", "--id", "other"],
        "already imported as source 'ok'",
    );
    let attrs = write(d, "attrs.csv", b"case,group\nA1,x\nA1,y\n");
    fails_cleanly(
        &dir,
        &["attributes", &attrs],
        "attrs.csv:3: field 'case': case 'A1' is listed twice",
    );
    fails_cleanly(
        &dir,
        &[
            "import",
            &d.join("missing.csv").to_string_lossy(),
            "--kind",
            "survey",
        ],
        "missing.csv",
    );
}

#[test]
fn a_docx_transcript_imports() {
    let (t, dir) = fresh();
    let mut xml = String::from("<w:document xmlns:w=\"w\"><w:body>");
    for (who, text) in [
        ("Moderator", "Welcome to the group."),
        ("Ana", "Thanks, glad to be here."),
        ("Moderator", "Tell us about your mentor."),
        ("Ana", "She was great &amp; busy."),
    ] {
        xml.push_str(&format!("<w:p><w:r><w:t>{who}: {text}</w:t></w:r></w:p>"));
    }
    xml.push_str("</w:body></w:document>");
    let path = t.path().join("fg.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    thematic(&dir)
        .arg("import")
        .arg(&path)
        .args(["--kind", "focus-group"])
        .assert()
        .success();
    let units = json(&dir, &["units", "--json"]);
    assert_eq!(units.as_array().unwrap().len(), 4);
    assert_eq!(units[3]["text"], "She was great & busy.");
    assert_eq!(units[3]["speaker"], "Ana");
}
