//! export qdpx → import-project gives the same units' text, codes (ids via GUID), codings per
//! coder with the same spans, attributes, memos and themes; positions count Unicode scalars.

use super::{codings, common, entry};
use std::path::Path;
use thematic::agreement::{Filters, Pairwise};
use thematic::coding::Change;
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;
use thematic::reconcile::{Choice, ConsensusLog, Request, decide};

fn same_project(a: &Project, b: &Project, coders: &[(&str, &str)]) {
    assert_eq!(a.units.len(), b.units.len());
    for (x, y) in a.units.iter().zip(&b.units) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.text, y.text);
        assert_eq!(x.case, y.case);
        assert_eq!(x.prompt, y.prompt);
        assert_eq!(x.speaker, y.speaker);
        assert_eq!(x.source, y.source);
        assert_eq!(x.moderator, y.moderator, "{}", x.id);
    }
    let mut ca: Vec<_> = a
        .cases
        .iter()
        .map(|c| (c.id.clone(), c.attributes.clone()))
        .collect();
    let mut cb: Vec<_> = b
        .cases
        .iter()
        .map(|c| (c.id.clone(), c.attributes.clone()))
        .collect();
    ca.sort();
    cb.sort();
    assert_eq!(ca, cb, "cases and attributes");
    let act: Vec<_> = a
        .codebook
        .active()
        .map(|c| (&c.id, &c.name, &c.guid, &c.parent, &c.key))
        .collect();
    let bct: Vec<_> = b
        .codebook
        .active()
        .map(|c| (&c.id, &c.name, &c.guid, &c.parent, &c.key))
        .collect();
    assert_eq!(act, bct, "codes, ids via GUID");
    for (from, to) in coders {
        assert_eq!(codings(a, from), codings(b, to), "codings of {from}");
        let ra = a.coder_view(from).unwrap();
        let rb = b.coder_view(to).unwrap();
        assert_eq!(ra.reviewed, rb.reviewed, "review marks of {from}");
        assert_eq!(ra.unit_memos, rb.unit_memos, "unit memos of {from}");
    }
}

pub fn round_trip(dir: &Path) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("study.qdpx");
    common::thematic(dir)
        .args(["export", "qdpx"])
        .arg(&file)
        .assert()
        .success();
    let back = t.path().join("back");
    common::thematic(dir)
        .args(["import-project"])
        .arg(&file)
        .arg(&back)
        .assert()
        .success();
    (t, file, back)
}

#[test]
fn the_sample_survives_export_and_import() {
    let (_t, dir) = common::sample_copy();
    let (_t2, file, back) = round_trip(&dir);
    let a = Project::open(&dir).unwrap();
    let b = Project::open(&back).unwrap();
    same_project(&a, &b, &[("alice", "alice"), ("bob", "bob")]);
    assert_eq!(
        thematic::themes::ThemeMap::load(&dir).unwrap(),
        thematic::themes::ThemeMap::load(&back).unwrap()
    );
    // Agreement reads the imported logs as it read the originals.
    let ja = common::json(&dir, &["agreement", "--json"]);
    let jb = common::json(&back, &["agreement", "--json"]);
    // The same numbers (to 1e-9: summation order may differ in the last bit).
    assert_eq!(rounded(ja), rounded(jb));
    positions_hold(&a, &file);
}

fn rounded(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            serde_json::json!((n.as_f64().unwrap() * 1e9).round() / 1e9)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, rounded(v))).collect()),
        v => v,
    }
}

/// Every coding selection's positions, read on the exported plain text as Unicode scalars,
/// cover exactly the text the coder coded.
fn positions_hold(p: &Project, file: &Path) {
    let qde = String::from_utf8(entry(file, "project.qde")).unwrap();
    let root = thematic::interop::xml::parse(Path::new("project.qde"), qde.as_bytes()).unwrap();
    let side: thematic::interop::model::Sidecar =
        serde_json::from_slice(&entry(file, thematic::interop::model::SIDECAR)).unwrap();
    let mut checked = 0;
    for s in root.first("Sources").unwrap().all("TextSource") {
        let g = s.attr("guid").unwrap();
        let text: Vec<char> = String::from_utf8(entry(file, &format!("sources/{g}.txt")))
            .unwrap()
            .chars()
            .collect();
        let units = &side.sources.iter().find(|x| x.guid == g).unwrap().units;
        for sel in s
            .all("PlainTextSelection")
            .filter(|x| x.first("Coding").is_some())
        {
            let a: usize = sel.attr("startPosition").unwrap().parse().unwrap();
            let b: usize = sel.attr("endPosition").unwrap().parse().unwrap();
            let u = units
                .iter()
                .find(|u| u.start <= a && b <= u.end)
                .expect("inside a unit");
            let unit = p.unit(&u.id).unwrap();
            let coded: String = unit.text.chars().skip(a - u.start).take(b - a).collect();
            assert_eq!(text[a..b].iter().collect::<String>(), coded);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

const TEXT: &str = "Café au lait ☕ with my mentor 👩‍⚕️ every week.\n\n東京での研修はとても良かったです。\n\nThe école (e\u{301}cole) taught me 🇺🇸 flags and more.";

/// A small project whose text has emoji (with ZWJ sequences), CJK and combining marks, two
/// coders with spans and memos, a consensus decision and a theme.
pub fn synthetic() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("synthetic");
    let mut p = Project::init(&dir, Some("Ünïcode study 🌏"), None).unwrap();
    let src = t.path().join("notes.txt");
    std::fs::write(&src, TEXT).unwrap();
    p.import(
        &src,
        SourceKind::Notes,
        Some("notes"),
        &ImportOptions {
            case: Some("p-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let csv = t.path().join("attrs.csv");
    std::fs::write(&csv, "case,role,city\np-01,mentee 🎓,東京\n").unwrap();
    p.merge_attributes(&csv).unwrap();
    {
        let _l = p.lock_shared().unwrap();
        for (name, colour) in [
            ("Café culture ☕", "lightred"),
            ("Training 研修", "#336699"),
            ("Accents", "cyan"),
        ] {
            p.codebook
                .add(thematic::codebook::NewCode {
                    name: name.into(),
                    colour: Some(colour.into()),
                    description: "Def.".into(),
                    inclusion: "In".into(),
                    exclusion: "Out".into(),
                    example: "Ex ✓".into(),
                    ..Default::default()
                })
                .unwrap();
        }
        p.save_codebook().unwrap();
    }
    let p = Project::open(&dir).unwrap();
    let ids: Vec<String> = p.codebook.codes.iter().map(|c| c.id.clone()).collect();
    let u: Vec<String> = p.units.iter().map(|u| u.id.clone()).collect();
    assert_eq!(u.len(), 3);
    let apply = |unit: &str, code: &str, span, memo: Option<&str>| Change::Apply {
        unit: unit.into(),
        code: code.into(),
        span,
        memo: memo.map(str::to_string),
    };
    let mut ana = p.open_log("ana").unwrap();
    ana.record(&[
        apply(&u[0], &ids[0], Some((0, 14)), Some("coffee ☕ memo")),
        apply(&u[1], &ids[1], None, None),
        apply(&u[2], &ids[2], Some((11, 17)), None),
        Change::Memo {
            unit: u[1].clone(),
            code: None,
            span: None,
            text: Some("良い 👍".into()),
        },
        Change::Review { unit: u[0].clone() },
        Change::Review { unit: u[1].clone() },
        Change::Review { unit: u[2].clone() },
    ])
    .unwrap();
    let mut ben = p.open_log("ben").unwrap();
    ben.record(&[
        apply(&u[0], &ids[0], Some((35, 40)), None),
        apply(&u[1], &ids[1], Some((0, 4)), None),
        Change::Review { unit: u[0].clone() },
        Change::Review { unit: u[1].clone() },
    ])
    .unwrap();
    drop((ana, ben));
    let pr = Pairwise::compute(&p, &[], &Filters::default()).unwrap();
    let mut log = ConsensusLog::open(&p).unwrap();
    let d = decide(
        &p,
        &pr,
        &Request {
            unit: u[0].clone(),
            take: Some(Choice::A),
            note: Some("ana's reading".into()),
            by: "ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    log.record(vec![d]).unwrap();
    std::fs::write(
        dir.join("themes.json"),
        format!(r#"{{"format":1,"title":"Themes","sections":[{{"categories":[{{"title":"Everyday","themes":[{{"name":"Rituals ☕","description":"Small habits","codes":["{}","{}"]}}]}}]}}]}}"#, ids[0], ids[2]),
    )
    .unwrap();
    (t, dir)
}

#[test]
fn a_synthetic_project_with_emoji_cjk_and_combining_marks_survives() {
    let (_t, dir) = synthetic();
    let (_t2, file, back) = round_trip(&dir);
    let a = Project::open(&dir).unwrap();
    let b = Project::open(&back).unwrap();
    same_project(&a, &b, &[("ana", "ana"), ("ben", "ben")]);
    assert_eq!(b.manifest.name, "Ünïcode study 🌏");
    // The consensus comes back as the consensus (see consensus.rs for the decisions).
    assert!(!b.coders().unwrap().iter().any(|c| c == "reconciled"));
    positions_hold(&a, &file);
    // Positions are Unicode scalars: "every", after the emoji 👩‍⚕️ (four scalars, one of them
    // outside the BMP), is at 35..40; a UTF-16 count would say 36..41.
    let qde = String::from_utf8(entry(&file, "project.qde")).unwrap();
    assert!(
        qde.contains("startPosition=\"35\" endPosition=\"40\""),
        "ben's span counted in scalars"
    );
    let ta = thematic::themes::ThemeMap::load(&dir).unwrap();
    assert_eq!(ta, thematic::themes::ThemeMap::load(&back).unwrap());
}

#[test]
fn exporting_twice_gives_the_same_guids() {
    let (_t, dir) = synthetic();
    let t = tempfile::tempdir().unwrap();
    let (f1, f2) = (t.path().join("1.qdpx"), t.path().join("2.qdpx"));
    common::thematic(&dir)
        .args(["export", "qdpx"])
        .arg(&f1)
        .assert()
        .success();
    common::thematic(&dir)
        .args(["export", "qdpx"])
        .arg(&f2)
        .assert()
        .success();
    assert_eq!(entry(&f1, "project.qde"), entry(&f2, "project.qde"));
}

#[test]
fn moderators_stay_moderators_through_export_and_import() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("group");
    let mut p = Project::init(&dir, Some("Focus group"), None).unwrap();
    let src = t.path().join("group.txt");
    std::fs::write(
        &src,
        "[00:00:01] Moderator Lee: What helped most?\n\
         [00:00:09] Dana: Regular meetings.\n\
         [00:00:15] Sam: A mentor who answered quickly.\n\
         [00:00:21] Moderator Lee: And what did not?\n\
         [00:00:30] Dana: Cancelled meetings.\n",
    )
    .unwrap();
    p.import(
        &src,
        SourceKind::FocusGroup,
        Some("group"),
        &ImportOptions::default(),
    )
    .unwrap();
    let a = Project::open(&dir).unwrap();
    assert_eq!(a.units.iter().filter(|u| u.moderator).count(), 2);
    let (_t, _file, back) = round_trip(&dir);
    let b = Project::open(&back).unwrap();
    let flags = |p: &Project| -> Vec<(String, bool)> {
        p.units
            .iter()
            .map(|u| (u.id.clone(), u.moderator))
            .collect()
    };
    assert_eq!(flags(&a), flags(&b));
    let lee = b.cases.iter().find(|c| c.id.contains("Lee")).unwrap();
    assert!(lee.moderator);
    assert!(
        b.cases
            .iter()
            .filter(|c| c.id != lee.id)
            .all(|c| !c.moderator)
    );
}
