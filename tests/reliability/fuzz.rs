//! Random and mangled bytes fed to every importer, the query parser and the project loader:
//! never a panic, never a hang, and a failed import or open writes nothing.
//!
//! Inputs are the sample's real files with random bytes spliced in (mostly still near-valid, so
//! the parsers go deep), or plain random bytes. The case count is kept small for a 2-core CI.

use super::common::{inputs, snapshot};
use proptest::prelude::*;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use thematic::corpus::SourceKind;
use thematic::corpus::import::{ImportOptions, parse};
use thematic::project::Project;

const CASES: u32 = 40;

/// Run `f` on another thread; more than a few seconds is a hang.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} hung"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// `seed` with `junk` spliced in at `at` (replacing `cut` bytes), or `junk` alone.
fn mangle(seed: &[u8], junk: &[u8], at: usize, cut: usize, alone: bool) -> Vec<u8> {
    if alone || seed.is_empty() {
        return junk.to_vec();
    }
    let at = at % seed.len();
    let end = (at + cut).min(seed.len());
    let mut out = seed[..at].to_vec();
    out.extend_from_slice(junk);
    out.extend_from_slice(&seed[end..]);
    out
}

fn mangled() -> impl Strategy<Value = (Vec<u8>, usize, usize, bool)> {
    (
        prop::collection::vec(any::<u8>(), 0..48),
        any::<usize>(),
        0usize..64,
        prop::bool::weighted(0.2),
    )
}

fn docx(text: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(text).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

const DOCX_XML: &[u8] = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Moderator: How did it go?</w:t></w:r></w:p><w:p><w:r><w:t>ME07: We met every week.</w:t></w:r></w:p></w:body></w:document>";

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn importers_never_panic_or_hang((junk, at, cut, alone) in mangled(), which in 0usize..7) {
        let (name, kind, seed): (&str, SourceKind, Vec<u8>) = match which {
            0 => ("s.csv", SourceKind::Survey, std::fs::read(inputs().join("mentee-survey.csv")).unwrap()),
            1 => ("f.vtt", SourceKind::FocusGroup, std::fs::read(inputs().join("focus-group.vtt")).unwrap()),
            2 => ("f.srt", SourceKind::FocusGroup, b"1\n00:00:01,000 --> 00:00:04,000\nLee: Hello all.\n\n2\n00:00:05,000 --> 00:00:09,500\nME03: It went well.\n".to_vec()),
            3 => ("i.md", SourceKind::Interview, std::fs::read(inputs().join("interview-mentee-07.md")).unwrap()),
            4 => ("n.txt", SourceKind::Notes, std::fs::read(inputs().join("interview-mentor-12.txt")).unwrap()),
            5 => ("i.docx", SourceKind::Interview, docx(DOCX_XML)),
            _ => ("x.docx", SourceKind::Interview, Vec::new()),
        };
        let bytes = if which == 6 {
            docx(&mangle(DOCX_XML, &junk, at, cut, alone))
        } else {
            mangle(&seed, &junk, at, cut, alone)
        };
        bounded("an importer", move || {
            let opts = ImportOptions { case: Some("n1".into()), ..Default::default() };
            let _ = parse(Path::new(name), &bytes, kind, "src", &opts);
            let _ = thematic::corpus::attributes::parse_csv(Path::new("a.csv"), &bytes);
            let dir = tempfile::tempdir().unwrap();
            for ext in ["json", "csv"] {
                let f = dir.path().join(format!("cb.{ext}"));
                std::fs::write(&f, &bytes).unwrap();
                let _ = thematic::codebook::Codebook::load(&f);
            }
        });
    }

    #[test]
    fn the_query_parser_never_panics_or_hangs(
        words in prop::collection::vec(prop::sample::select(vec![
            "(", ")", "NOT", "AND", "OR", "-", "\"", "*", "code:", "kind:", "mentor", "x:y", " ", "é", "\\",
        ]), 0..200),
        junk in ".{0,40}",
    ) {
        let q = format!("{}{junk}", words.concat());
        bounded("the query parser", move || {
            let _ = thematic::search::query::parse(&q);
        });
    }

    #[test]
    fn the_project_loader_never_panics_and_a_failed_write_changes_nothing(
        (junk, at, cut, alone) in mangled(),
        which in 0usize..6,
    ) {
        let (_t, dir) = small_project();
        let file = [
            "thematic.json",
            "codebook.json",
            "attributes.json",
            "sources/notes.units.json",
            "codings/ann.jsonl",
            "codings/ann.jsonl",
        ][which];
        let path = dir.join(file);
        let seed = std::fs::read(&path).unwrap();
        let bytes = if which == 5 {
            // Cut the log anywhere: a torn tail.
            seed[..at % (seed.len() + 1)].to_vec()
        } else {
            mangle(&seed, &junk, at, cut, alone)
        };
        std::fs::write(&path, &bytes).unwrap();
        let before = snapshot(&dir);
        let d = dir.clone();
        let (opened, wrote) = bounded("the project loader", move || {
            let Ok(p) = Project::open(&d) else { return (false, false) };
            let _ = p.coder_state("ann");
            let _ = p.code_usage("trust");
            let _ = p.changed_sources();
            let code = p.codebook.active().next().map(|c| c.id.clone());
            let (Some(code), Some(unit)) = (code, p.units.first().map(|u| u.id.clone())) else {
                return (true, false);
            };
            let wrote = p.open_log("ann").and_then(|mut log| {
                log.record(&[thematic::coding::Change::Apply { unit, code, span: None, memo: None }])
            });
            (true, wrote.is_ok())
        });
        if !opened || !wrote {
            let mut after = snapshot(&dir);
            // A torn log tail is cut when the log is opened to write: the only repair allowed.
            if which == 5 {
                after.remove(&std::path::PathBuf::from(file));
                let mut b = before.clone();
                b.remove(&std::path::PathBuf::from(file));
                prop_assert_eq!(after, b);
            } else {
                prop_assert_eq!(after, before);
            }
        }
        if wrote {
            prop_assert!(Project::open(&dir).unwrap().coder_state("ann").is_ok());
        }
    }
}

/// A project with one notes source, a code and a coder's log, made once and copied per case.
fn small_project() -> (tempfile::TempDir, std::path::PathBuf) {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_keep, template) = TEMPLATE.get_or_init(|| {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("p");
        let mut p = Project::init(&dir, Some("fuzz"), None).unwrap();
        p.edit_codebook(thematic::codebook::CodebookEdit::Add(
            thematic::codebook::NewCode {
                name: "Trust".into(),
                key: Some("t".into()),
                ..Default::default()
            },
        ))
        .unwrap();
        let notes = t.path().join("notes.txt");
        std::fs::write(&notes, "We met weekly.\n\nTrust grew slowly.\n\nThe end.\n").unwrap();
        let opts = ImportOptions {
            case: Some("n1".into()),
            ..Default::default()
        };
        p.import(&notes, SourceKind::Notes, None, &opts).unwrap();
        let unit = p.units[0].id.clone();
        let mut log = p.open_log("ann").unwrap();
        log.record(&[thematic::coding::Change::Apply {
            unit,
            code: "trust".into(),
            span: None,
            memo: None,
        }])
        .unwrap();
        (t, dir)
    });
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("p");
    super::common::copy_dir(template, &dir);
    (t, dir)
}
