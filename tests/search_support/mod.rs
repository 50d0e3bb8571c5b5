//! A small realistic study built through the core API (survey CSV, focus-group VTT, interview
//! notes with headings, attributes, two coders), and oracles that answer queries from the
//! project data directly, to check the index against.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use thematic::codebook::{Codebook, NewCode};
use thematic::coding::Change;
use thematic::corpus::SourceKind;
use thematic::corpus::import::ImportOptions;
use thematic::project::Project;
use thematic::search::SearchIndex;

pub const SURVEY: &str = "\
Respondent ID,Fellowship,Year of training,My mentor was a good match,What made your mentoring relationship work well (or not)?,What should we change about the program?
ME01,Pediatric,Second-year,Agree,\"We met on Zoom every other week, and communication was easy: she always answered emails within a day.\",Nothing major. Maybe a kickoff meeting so expectations are clear from the start.
ME02,Adult,Third-year,Disagree,He was too busy. Our schedules never lined up and meetings were cancelled a lot.,Protected time for mentors; busy clinicians cannot mentor on top of everything else.
ME03,Pediatric,First-year,Strongly agree,\"Similar research interests (neonatal outcomes) and she's very direct, which I like.\",Let us choose our mentors instead of being assigned one.
ME04,Adult,Second-year,Neutral,I felt like a burden whenever I asked for a meeting. Communicating by email worked better than in person.,\"More structure: a template for the first meeting, and clear goals.\"
ME05,Pediatric,Third-year,Agree,Honestly we just get along. She has been a great advocate and introduced me to people at the national meeting.,Virtual meetings should count toward the required hours.
";

pub const FOCUS_GROUP: &str = "WEBVTT

1
00:00:01.000 --> 00:00:05.000
Moderator Lee: Let's start with scheduling. How often did you meet?

2
00:00:06.000 --> 00:00:12.000
Priya: Once a month on Zoom. Her schedule is brutal but she never cancelled.

3
00:00:13.000 --> 00:00:20.000
Tomás: We scheduled meetings but he rescheduled most of them. I felt like a burden, honestly.

4
00:00:21.000 --> 00:00:25.000
Moderator Lee: And communication between meetings?

5
00:00:26.000 --> 00:00:33.000
Priya: Communication was great. Quick texts, quick answers.

6
00:00:34.000 --> 00:00:40.000
Tomás: Mostly silence. The communication problem was the whole story for me.
";

pub const INTERVIEW: &str = "# Matching

The matching felt random; nobody asked about research interests or career goals.

# Time

Three mentees is too many when you are busy in clinic. Scheduling was the hardest part.
";

pub const ATTRIBUTES: &str = "case,fellowship,year,role
Priya,Pediatric,Second-year,mentee
Tomás,Adult,First-year,mentee
Moderator Lee,,,moderator
";

fn codebook() -> Codebook {
    let mut cb = Codebook::default();
    let mut add = |name: &str, parent: Option<&str>| {
        cb.add(NewCode {
            name: name.into(),
            parent: parent.map(str::to_string),
            ..Default::default()
        })
        .unwrap();
    };
    add("Relationship fit", None);
    add("Similar interests", Some("Relationship fit"));
    add("Good communication", Some("Relationship fit"));
    add("Inadequate communication", Some("Relationship fit"));
    add("Availability and time", Some("Relationship fit"));
    add("Areas for improvement", None);
    add("Matching process", Some("Areas for improvement"));
    add("Structure and expectations", Some("Areas for improvement"));
    add("Meeting frequency", Some("Areas for improvement"));
    add("Networking and sponsorship", None);
    cb
}

/// A temp folder holding `study/` (the project) and `cache/` (for indexes).
pub struct Study {
    pub tmp: tempfile::TempDir,
    pub project: Project,
}

impl Study {
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("study")
    }
    pub fn cache(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }
    pub fn index(&self) -> SearchIndex {
        SearchIndex::open_or_build_in(&self.cache(), &self.project, &mut |_, _| {}).unwrap()
    }
    /// Reload the project from disk (what another process would see).
    pub fn reopen(&mut self) {
        self.project = Project::open(&self.dir()).unwrap();
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

pub fn study() -> Study {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let mut p = Project::init(
        &tmp.path().join("study"),
        Some("search test study"),
        Some(codebook()),
    )
    .unwrap();
    let survey = ImportOptions {
        role: Some("mentee".into()),
        case_column: Some("Respondent ID".into()),
        text_columns: vec![
            "What made your mentoring relationship work well (or not)?".into(),
            "What should we change about the program?".into(),
        ],
        ..Default::default()
    };
    p.import(
        &write(&inputs, "mentee-survey.csv", SURVEY),
        SourceKind::Survey,
        None,
        &survey,
    )
    .unwrap();
    p.import(
        &write(&inputs, "focus-group.vtt", FOCUS_GROUP),
        SourceKind::FocusGroup,
        None,
        &Default::default(),
    )
    .unwrap();
    let notes = ImportOptions {
        role: Some("mentor".into()),
        case: Some("MR12".into()),
        ..Default::default()
    };
    p.import(
        &write(&inputs, "interview-mentor-12.md", INTERVIEW),
        SourceKind::Interview,
        None,
        &notes,
    )
    .unwrap();
    p.merge_attributes(&write(&inputs, "attributes.csv", ATTRIBUTES))
        .unwrap();
    let study = Study { tmp, project: p };
    code(
        &study.project,
        "alice",
        &[
            ("communication was easy", "Good communication"),
            ("Communication was great", "Good communication"),
            ("Communicating by email", "Inadequate communication"),
            ("The communication problem", "Inadequate communication"),
            ("He was too busy", "Availability and time"),
            ("Similar research interests", "Similar interests"),
            ("Let us choose our mentors", "Matching process"),
            ("introduced me to people", "Networking and sponsorship"),
        ],
    );
    code(
        &study.project,
        "bob",
        &[
            ("communication was easy", "Good communication"),
            ("Communication was great", "Good communication"),
            ("The communication problem", "Inadequate communication"),
            ("I felt like a burden whenever", "Availability and time"),
            ("The matching felt random", "Matching process"),
        ],
    );
    study
}

/// The id of the unit whose text contains `text`.
pub fn unit_with(p: &Project, text: &str) -> String {
    let found: Vec<&str> = p
        .units
        .iter()
        .filter(|u| u.text.contains(text))
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one unit should contain {text:?}: {found:?}"
    );
    found[0].to_string()
}

/// Apply codes (found by name) to units (found by text) as one action of `coder`.
pub fn code(p: &Project, coder: &str, pairs: &[(&str, &str)]) {
    let mut log = p.open_log(coder).unwrap();
    let changes: Vec<Change> = pairs
        .iter()
        .map(|(text, code)| Change::Apply {
            unit: unit_with(p, text),
            code: p.codebook.resolve(code).unwrap().id.clone(),
            span: None,
            memo: None,
        })
        .collect();
    log.record(&changes).unwrap();
}

/// The units a query matches, as a set.
pub fn found(idx: &SearchIndex, query: &str, coder: Option<&str>) -> BTreeSet<String> {
    let all = idx
        .matching_units(query, coder)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let set: BTreeSet<String> = all.iter().cloned().collect();
    assert_eq!(set.len(), all.len(), "{query}: a unit is listed twice");
    let r = idx.search(query, 1000, coder).unwrap();
    assert_eq!(
        r.total,
        set.len(),
        "{query}: search() and matching_units() disagree on the count"
    );
    assert!(
        r.hits.iter().all(|h| set.contains(&h.unit)),
        "{query}: a hit is not a match"
    );
    set
}

/// Lowercase words split like a reader would (letters and digits), with the accents this test
/// data uses folded.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['á', 'à', 'â'], "a")
        .replace(['é', 'è', 'ê'], "e")
        .replace(['í', 'ï'], "i")
        .replace(['ó', 'ô'], "o")
        .replace(['ú', 'ü'], "u")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `seq` appears in `words` as consecutive words; with `prefix` the last only starts a word.
pub fn has_seq(words: &[String], seq: &[&str], prefix: bool) -> bool {
    let n = seq.len();
    n > 0
        && words.windows(n).any(|w| {
            w[..n - 1].iter().zip(seq).all(|(a, b)| a == b)
                && if prefix {
                    w[n - 1].starts_with(seq[n - 1])
                } else {
                    w[n - 1] == seq[n - 1]
                }
        })
}

/// Units for which `keep` holds.
pub fn units_where(
    p: &Project,
    keep: impl Fn(&thematic::corpus::Unit) -> bool,
) -> BTreeSet<String> {
    p.units
        .iter()
        .filter(|u| keep(u))
        .map(|u| u.id.clone())
        .collect()
}

/// Units whose text has the phrase (words of `phrase`, the last a prefix when `prefix`).
pub fn with_phrase(p: &Project, phrase: &str, prefix: bool) -> BTreeSet<String> {
    let seq = words(phrase);
    let seq: Vec<&str> = seq.iter().map(String::as_str).collect();
    units_where(p, |u| has_seq(&words(&u.text), &seq, prefix))
}

/// Units of cases whose attribute `key` holds the words of `value` in order.
pub fn with_attribute(p: &Project, key: &str, value: &str) -> BTreeSet<String> {
    let seq = words(value);
    let seq: Vec<&str> = seq.iter().map(String::as_str).collect();
    units_where(p, |u| {
        u.case
            .as_deref()
            .and_then(|c| p.case(c))
            .and_then(|c| c.attributes.get(key))
            .is_some_and(|v| has_seq(&words(v), &seq, false))
    })
}

/// Units that `who`'s effective view codes with `code` or one of its descendants.
pub fn coded(p: &Project, who: &str, code: &str) -> BTreeSet<String> {
    let root = p.codebook.resolve(code).unwrap().id.clone();
    let mut family = vec![root];
    let mut i = 0;
    while i < family.len() {
        let kids: Vec<String> = p
            .codebook
            .codes
            .iter()
            .filter(|c| c.parent.as_deref() == Some(&family[i]))
            .map(|c| c.id.clone())
            .collect();
        family.extend(kids);
        i += 1;
    }
    let view = p.coder_view(who).unwrap();
    view.codings
        .iter()
        .filter(|(_, cs)| cs.iter().any(|c| family.iter().any(|k| c.code == *k)))
        .map(|(u, _)| u.clone())
        .collect()
}
