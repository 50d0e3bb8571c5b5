//! Full-text search: the query language against oracles computed from the project data, index
//! staleness and repair, coding from results with undo, and the `thematic search` command.

mod common;
mod search_support;

use search_support::*;
use std::collections::BTreeSet;
use thematic::Error;
use thematic::search::{Opened, SearchIndex, code_results};

fn set(
    xs: &[&BTreeSet<String>],
    op: fn(&BTreeSet<String>, &BTreeSet<String>) -> BTreeSet<String>,
) -> BTreeSet<String> {
    xs[1..].iter().fold(xs[0].clone(), |acc, x| op(&acc, x))
}
fn and(a: &BTreeSet<String>, b: &BTreeSet<String>) -> BTreeSet<String> {
    a.intersection(b).cloned().collect()
}
fn or(a: &BTreeSet<String>, b: &BTreeSet<String>) -> BTreeSet<String> {
    a.union(b).cloned().collect()
}
fn minus(a: &BTreeSet<String>, b: &BTreeSet<String>) -> BTreeSet<String> {
    a.difference(b).cloned().collect()
}

// ---------------------------------------------------------------- words, phrases, prefixes

#[test]
fn a_word_matches_its_stem_and_exact_words_rank_first() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    // communication, communicating, communicated… and nothing else starting with "commun"
    let family = with_phrase(p, "communicat", true);
    assert!(
        family.len() >= 4,
        "the test data has several forms of the word"
    );
    assert_eq!(found(&idx, "communication", None), family);
    assert_eq!(found(&idx, "Communicating", None), family);
    // Quoted, a word is only itself.
    assert_eq!(
        found(&idx, "\"communication\"", None),
        with_phrase(p, "communication", false)
    );
    // The exact word outranks other forms of it.
    let hits = idx.search("communicating", 10, None).unwrap().hits;
    let exact = with_phrase(p, "communicating", false);
    assert!(!exact.is_empty());
    assert!(
        exact.contains(&hits[0].unit),
        "{:?} should rank first",
        exact
    );
    for h in &hits {
        assert!(!h.highlights.is_empty(), "{} has no highlight", h.unit);
        let text = &p.unit(&h.unit).unwrap().text;
        for &(a, b) in &h.highlights {
            let seen: String = text.chars().skip(a).take(b - a).collect();
            assert!(
                seen.to_lowercase().starts_with("communicat"),
                "highlighted {seen:?}"
            );
        }
    }
}

#[test]
fn phrases_match_exact_words_in_order() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    for phrase in [
        "felt like a burden",
        "quick answers",
        "busy in clinic",
        "burden like",
    ] {
        assert_eq!(
            found(&idx, &format!("\"{phrase}\""), None),
            with_phrase(p, phrase, false),
            "{phrase}"
        );
    }
    assert_eq!(
        with_phrase(p, "felt like a burden", false).len(),
        2,
        "the data has the phrase twice"
    );
    let h = &idx.search("\"felt like a burden\"", 5, None).unwrap().hits[0];
    assert!(
        h.snippet
            .marked("[", "]")
            .to_lowercase()
            .contains("[felt like a burden]"),
        "{:?}",
        h.snippet
    );
}

#[test]
fn prefixes_match_word_starts() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    assert_eq!(found(&idx, "sched*", None), with_phrase(p, "sched", true));
    assert_eq!(
        found(&idx, "resched*", None),
        with_phrase(p, "resched", true)
    );
    assert_eq!(
        found(&idx, "\"quick ans\"*", None),
        with_phrase(p, "quick ans", true)
    );
    assert!(with_phrase(p, "sched", true).len() >= 3);
}

#[test]
fn boolean_queries_are_set_algebra() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    let all = units_where(p, |_| true);
    let zoom = found(&idx, "zoom", None);
    let meet = found(&idx, "\"meeting\"", None);
    let busy = found(&idx, "busy", None);
    assert_eq!(zoom, with_phrase(p, "zoom", false));
    assert_eq!(meet, with_phrase(p, "meeting", false));
    assert!(!zoom.is_empty() && !meet.is_empty() && !busy.is_empty());
    assert_eq!(found(&idx, "zoom \"meeting\"", None), and(&zoom, &meet));
    assert_eq!(found(&idx, "zoom AND \"meeting\"", None), and(&zoom, &meet));
    assert_eq!(found(&idx, "zoom OR busy", None), or(&zoom, &busy));
    assert_eq!(found(&idx, "\"meeting\" -zoom", None), minus(&meet, &zoom));
    assert_eq!(
        found(&idx, "\"meeting\" AND NOT zoom", None),
        minus(&meet, &zoom)
    );
    assert_eq!(found(&idx, "NOT zoom", None), minus(&all, &zoom));
    assert_eq!(
        found(&idx, "(zoom OR busy) \"meeting\"", None),
        and(&or(&zoom, &busy), &meet)
    );
    assert_eq!(
        found(&idx, "zoom OR busy \"meeting\"", None),
        or(&zoom, &and(&busy, &meet)),
        "AND binds tighter"
    );
    assert_eq!(
        found(&idx, "busy OR NOT \"meeting\"", None),
        or(&busy, &minus(&all, &meet))
    );
    assert_eq!(
        found(&idx, "zoom OR busy OR \"meeting\"", None),
        set(&[&zoom, &busy, &meet], or)
    );
    // Excluded phrases (tantivy 0.27 needs a guard there: see compile::excluded).
    let burden = with_phrase(p, "felt like a burden", false);
    assert!(!burden.is_empty());
    assert_eq!(
        found(&idx, "NOT \"felt like a burden\"", None),
        minus(&all, &burden)
    );
    assert_eq!(
        found(&idx, "sched* -\"felt like a burden\"", None),
        minus(&with_phrase(p, "sched", true), &burden)
    );
    let fg = units_where(p, |u| u.source == "focus-group");
    assert_eq!(
        found(&idx, "\"meeting\" -kind:focus-group", None),
        minus(&meet, &fg)
    );
}

// ---------------------------------------------------------------- field filters

#[test]
fn every_field_filter_matches_the_project_data() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    let kind_of = |u: &thematic::corpus::Unit| p.source_kind(&u.source).unwrap();
    for source in p.manifest.sources.iter().map(|s| s.id.clone()) {
        let want = units_where(p, |u| u.source == source);
        assert!(!want.is_empty());
        assert_eq!(
            found(&idx, &format!("source:{source}"), None),
            want,
            "source:{source}"
        );
    }
    for kind in ["survey", "focus-group", "interview"] {
        let want = units_where(p, |u| kind_of(u).as_str() == kind);
        assert_eq!(
            found(&idx, &format!("kind:{kind}"), None),
            want,
            "kind:{kind}"
        );
    }
    assert!(found(&idx, "kind:notes", None).is_empty());
    assert_eq!(
        found(&idx, "case:ME04", None),
        units_where(p, |u| u.case.as_deref() == Some("ME04"))
    );
    assert_eq!(
        found(&idx, "case:me0*", None),
        units_where(p, |u| u
            .case
            .as_deref()
            .is_some_and(|c| c.starts_with("ME0")))
    );
    assert_eq!(
        found(&idx, "case:tomas", None),
        units_where(p, |u| u.case.as_deref() == Some("Tomás")),
        "accents fold"
    );
    let lee = units_where(p, |u| u.speaker.as_deref() == Some("Moderator Lee"));
    assert_eq!(lee.len(), 2);
    assert_eq!(found(&idx, "speaker:\"Moderator Lee\"", None), lee);
    assert_eq!(found(&idx, "speaker:lee", None), lee);
    assert_eq!(
        found(&idx, "speaker:Priya", None),
        units_where(p, |u| u.speaker.as_deref() == Some("Priya"))
    );
    assert_eq!(
        found(&idx, "prompt:time", None),
        units_where(p, |u| u.prompt.as_deref() == Some("Time"))
    );
    let change = units_where(p, |u| {
        u.prompt.as_deref().is_some_and(|q| q.contains("change"))
    });
    assert_eq!(found(&idx, "prompt:\"should we change\"", None), change);
    assert!(!change.is_empty());
    // Attributes from the survey columns, from --role, and from the attributes CSV.
    for (key, value) in [
        ("role", "mentee"),
        ("role", "mentor"),
        ("role", "moderator"),
        ("fellowship", "pediatric"),
        ("fellowship", "Adult"),
        ("year_of_training", "second-year"),
        ("year", "first year"),
        ("my_mentor_was_a_good_match", "agree"),
    ] {
        let want = with_attribute(p, key, value);
        assert!(!want.is_empty(), "{key}:{value} has units in the test data");
        let q = if value.contains(' ') {
            format!("{key}:\"{value}\"")
        } else {
            format!("{key}:{value}")
        };
        assert_eq!(found(&idx, &q, None), want, "{q}");
    }
    // Filters combine with words and with each other.
    let pediatric_meetings = and(
        &with_attribute(p, "fellowship", "pediatric"),
        &with_phrase(p, "meeting", false),
    );
    assert_eq!(
        found(&idx, "fellowship:pediatric \"meeting\"", None),
        pediatric_meetings
    );
    assert_eq!(
        found(&idx, "role:mentee -kind:survey", None),
        minus(
            &with_attribute(p, "role", "mentee"),
            &units_where(p, |u| kind_of(u).as_str() == "survey")
        )
    );
}

#[test]
fn filter_only_queries_list_units_in_corpus_order() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    let hits = idx.search("role:mentee", 4, None).unwrap();
    let order: Vec<String> = p
        .units
        .iter()
        .filter(|u| with_attribute(p, "role", "mentee").contains(&u.id))
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(hits.total, order.len());
    assert_eq!(
        hits.hits.iter().map(|h| h.unit.clone()).collect::<Vec<_>>(),
        order[..4].to_vec()
    );
    assert!(
        hits.hits
            .iter()
            .all(|h| h.score == 0.0 && h.highlights.is_empty())
    );
}

#[test]
fn code_filters_read_the_right_coder() {
    let s = study();
    let idx = s.index();
    let p = &s.project;
    for who in ["alice", "bob"] {
        for code in [
            "Good communication",
            "Inadequate communication",
            "Availability and time",
            "Matching process",
        ] {
            let want = coded(p, who, code);
            let id = p.codebook.resolve(code).unwrap().id.clone();
            assert_eq!(
                found(&idx, &format!("code:\"{code}\""), Some(who)),
                want,
                "{who} {code}"
            );
            assert_eq!(
                found(&idx, &format!("code:{id}"), Some(who)),
                want,
                "{who} {id}"
            );
            assert_eq!(
                found(&idx, &format!("code:{who}/\"{code}\""), Some("carol")),
                want,
                "{who}/{code}"
            );
            assert_eq!(found(&idx, &format!("code:{who}/{id}"), None), want);
        }
        // A parent code matches its sub-codes.
        let fit = coded(p, who, "Relationship fit");
        assert!(fit.len() >= 3);
        assert_eq!(found(&idx, "code:relationship-fit", Some(who)), fit);
        // Any code of the coder.
        let any: BTreeSet<String> = p.coder_view(who).unwrap().codings.keys().cloned().collect();
        assert_eq!(found(&idx, "code:*", Some(who)), any);
        assert_eq!(found(&idx, &format!("code:{who}/*"), None), any);
    }
    assert_ne!(
        coded(p, "alice", "Availability and time"),
        coded(p, "bob", "Availability and time"),
        "coders differ"
    );
    // Codes combine with words: alice's good-communication units that say "zoom".
    assert_eq!(
        found(&idx, "zoom code:good-communication", Some("alice")),
        and(
            &coded(p, "alice", "Good communication"),
            &with_phrase(p, "zoom", false)
        )
    );
    // A coder with no log yet has no codes.
    assert!(found(&idx, "code:good-communication", Some("carol")).is_empty());
}

#[test]
fn consensus_codes_are_indexed_when_the_file_appears() {
    let mut s = study();
    let mut idx = s.index();
    assert!(
        found(&idx, "code:consensus/*", None).is_empty(),
        "no consensus yet"
    );
    let a = unit_with(&s.project, "communication was easy");
    let b = unit_with(&s.project, "I felt like a burden whenever");
    let lines = format!(
        "{{\"format\":1}}\n{{\"unit\":\"{a}\",\"codes\":[\"good-communication\"],\"decision\":\"take-a\",\"by\":\"alice\"}}\n\
         {{\"unit\":\"{b}\",\"codes\":[\"availability-and-time\"],\"decision\":\"take-b\",\"by\":\"alice\"}}\n"
    );
    std::fs::write(s.dir().join("consensus.jsonl"), &lines).unwrap();
    s.reopen();
    assert!(matches!(
        idx.refresh(&s.project, &mut |_, _| {}).unwrap(),
        Opened::Updated(2)
    ));
    assert_eq!(
        found(&idx, "code:consensus/\"Good communication\"", None),
        BTreeSet::from([a.clone()])
    );
    assert_eq!(
        found(&idx, "code:consensus/relationship-fit", None),
        BTreeSet::from([a.clone(), b.clone()])
    );
    // A later decision on a unit replaces the earlier one.
    let more = format!("{{\"unit\":\"{a}\",\"codes\":[],\"decision\":\"none\",\"by\":\"bob\"}}\n");
    std::fs::write(s.dir().join("consensus.jsonl"), lines + &more).unwrap();
    s.reopen();
    idx.refresh(&s.project, &mut |_, _| {}).unwrap();
    assert_eq!(found(&idx, "code:consensus/*", None), BTreeSet::from([b]));
}

#[test]
fn bad_queries_are_clear_user_errors() {
    let s = study();
    let idx = s.index();
    for (q, coder, says) in [
        ("", None, "nothing to search"),
        ("\"felt like", None, "not closed"),
        ("(zoom OR busy", None, "not closed"),
        ("zoom)", None, "no matching '('"),
        ("zoom AND", None, "AND needs"),
        ("OR zoom", None, "OR needs"),
        ("NOT", None, "NOT needs"),
        ("role:", None, "needs a value"),
        ("*", None, "'*' must follow"),
        ("!!!", None, "no letters or digits"),
        ("shoe_size:42", None, "unknown field 'shoe_size:'"),
        ("kind:podcast", None, "unknown kind 'podcast'"),
        ("code:good-communication", None, "add --coder NAME"),
        (
            "code:\"Good communication\"",
            None,
            "code:\"Good communication\" means",
        ),
        ("code:telepathy", Some("alice"), "unknown code 'telepathy'"),
        ("code:zed/good-communication", None, "no coder 'zed'"),
        ("code:good*", Some("alice"), "whole code names"),
    ] {
        match idx.search(q, 10, coder) {
            Err(Error::User(m)) => {
                assert!(m.contains(says), "{q:?}: {m:?} should mention {says:?}")
            }
            other => panic!("{q:?}: expected a user error, got {other:?}"),
        }
    }
}

#[test]
fn no_query_panics() {
    use proptest::prelude::*;
    let s = study();
    let idx = s.index();
    let parts = prop::sample::select(vec![
        "zoom",
        "busy",
        "\"",
        "(",
        ")",
        "*",
        ":",
        "-",
        " ",
        "AND",
        "OR",
        "NOT",
        "role:",
        "code:",
        "case:me*",
        "communication",
        "é",
        "\u{301}",
        "alice/",
        "consensus/",
        "speaker:",
        "\"felt like",
        "sched*",
        "--",
        "",
        "\"felt like\"",
        "kind:focus-group",
        "year:first-year",
        "\"quick ans\"*",
        "(",
        "role:ment*",
        " -",
    ]);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 400,
        ..Default::default()
    });
    runner
        .run(&prop::collection::vec(parts, 0..8), |bits| {
            let q = bits.join("");
            match idx.search(&q, 5, Some("alice")) {
                Ok(_) | Err(Error::User(_)) => Ok(()),
                Err(e) => Err(TestCaseError::fail(format!("{q:?}: not a user error: {e}"))),
            }
        })
        .unwrap();
}

// ---------------------------------------------------------------- staleness and repair

const PROBES: [&str; 5] = [
    "communication",
    "\"felt like a burden\"",
    "sched* -zoom",
    "role:mentee",
    "code:*",
];

/// What the probe queries find.
fn results(idx: &SearchIndex) -> Vec<BTreeSet<String>> {
    PROBES
        .iter()
        .map(|q| found(idx, q, Some("alice")))
        .collect()
}

fn same_results(a: &SearchIndex, b: &SearchIndex) {
    assert_eq!(results(a), results(b));
}

#[test]
fn index_lives_in_the_cache_and_is_reused() {
    let s = study();
    let before = common::snapshot(&s.dir());
    let first = s.index();
    assert!(matches!(first.opened(), Opened::Rebuilt(_)));
    assert!(
        first
            .dir()
            .starts_with(s.cache().join("index").join(&s.project.manifest.id))
    );
    assert_eq!(first.units(), s.project.units.len() as u64);
    let second = s.index();
    assert_eq!(second.opened(), &Opened::Fresh);
    same_results(&first, &second);
    assert!(
        before == common::snapshot(&s.dir()),
        "searching wrote into the project"
    );
}

#[test]
fn index_is_rebuilt_after_it_is_deleted() {
    let s = study();
    let first = s.index();
    std::fs::remove_dir_all(s.cache()).unwrap();
    let again = s.index();
    assert!(
        matches!(again.opened(), Opened::Rebuilt(_)),
        "{:?}",
        again.opened()
    );
    same_results(&first, &again);
    // Only the index folder gone (the `current` pointer left dangling).
    std::fs::remove_dir_all(again.dir()).unwrap();
    let third = s.index();
    assert!(matches!(third.opened(), Opened::Rebuilt(_)));
    same_results(&first, &third);
}

/// What a file of an index is: segment files by extension (their names change every build),
/// the others by name.
fn file_kind(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    match name.rsplit_once('.') {
        Some((stem, ext)) if stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()) => {
            format!("*.{ext}")
        }
        _ => name,
    }
}

fn files_of(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let files = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path());
    files
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "lock"))
        .collect()
}

#[test]
fn index_is_rebuilt_after_its_files_are_truncated() {
    let s = study();
    let (expected, kinds) = {
        let reference = s.index();
        let kinds: BTreeSet<String> = files_of(reference.dir())
            .iter()
            .map(|p| file_kind(p))
            .collect();
        (results(&reference), kinds)
    };
    for k in [
        "meta.json",
        "thematic-stamp.json",
        "*.idx",
        "*.pos",
        "*.term",
        "*.store",
        "*.fast",
        "*.fieldnorm",
    ] {
        assert!(kinds.contains(k), "an index has {k}: {kinds:?}");
    }
    for kind in &kinds {
        let dir = {
            let idx = s.index();
            assert_eq!(idx.opened(), &Opened::Fresh);
            idx.dir().to_path_buf()
        };
        for victim in files_of(&dir).into_iter().filter(|p| &file_kind(p) == kind) {
            let len = std::fs::metadata(&victim).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(&victim)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
        let repaired = s.index();
        assert!(
            matches!(repaired.opened(), Opened::Rebuilt(_)),
            "{kind} truncated: {:?}",
            repaired.opened()
        );
        assert_eq!(results(&repaired), expected, "{kind}");
    }
}

#[test]
fn index_is_rebuilt_for_an_older_schema_or_a_changed_project() {
    let mut s = study();
    let idx = s.index();
    let stamp_path = idx.dir().join("thematic-stamp.json");
    let mut stamp: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&stamp_path).unwrap()).unwrap();
    stamp["schema"] = serde_json::json!(0);
    std::fs::write(&stamp_path, serde_json::to_vec(&stamp).unwrap()).unwrap();
    let again = s.index();
    assert!(
        matches!(again.opened(), Opened::Rebuilt(w) if w.contains("format")),
        "{:?}",
        again.opened()
    );
    // New attributes: rebuilt, and the new attribute is searchable.
    let csv = s.tmp.path().join("more.csv");
    std::fs::write(&csv, "case,site\nME01,North campus\nPriya,South campus\n").unwrap();
    s.project.merge_attributes(&csv).unwrap();
    let after = s.index();
    assert!(
        matches!(after.opened(), Opened::Rebuilt(w) if w.contains("attributes")),
        "{:?}",
        after.opened()
    );
    assert_eq!(
        found(&after, "site:north", None),
        with_attribute(&s.project, "site", "north")
    );
    assert_eq!(
        found(&after, "site:campus", None).len(),
        with_attribute(&s.project, "site", "campus").len()
    );
}

#[test]
fn a_codebook_merge_rebuilds_and_codes_follow_it() {
    let mut s = study();
    let _ = s.index();
    let inadequate = coded(&s.project, "alice", "Inadequate communication");
    let good = coded(&s.project, "alice", "Good communication");
    {
        let _lock = s.project.lock_shared().unwrap();
        s.project
            .codebook
            .merge("Inadequate communication", "Good communication")
            .unwrap();
        s.project.save_codebook().unwrap();
    }
    s.reopen();
    let idx = s.index();
    assert!(
        matches!(idx.opened(), Opened::Rebuilt(w) if w.contains("codebook")),
        "{:?}",
        idx.opened()
    );
    assert_eq!(
        found(&idx, "code:good-communication", Some("alice")),
        or(&good, &inadequate)
    );
    assert_eq!(
        found(&idx, "code:inadequate-communication", Some("alice")),
        or(&good, &inadequate),
        "the old name follows the merge"
    );
}

#[test]
fn results_reflect_a_coding_action_at_once() {
    let mut s = study();
    let mut idx = s.index();
    let unit = unit_with(&s.project, "Virtual meetings should count");
    assert!(!found(&idx, "code:meeting-frequency", Some("alice")).contains(&unit));
    code(
        &s.project,
        "alice",
        &[("Virtual meetings should count", "Meeting frequency")],
    );
    assert_eq!(
        idx.refresh(&s.project, &mut |_, _| {}).unwrap(),
        &Opened::Updated(1)
    );
    assert_eq!(
        found(&idx, "code:meeting-frequency", Some("alice")),
        BTreeSet::from([unit.clone()])
    );
    assert!(
        found(&idx, "code:meeting-frequency", Some("bob")).is_empty(),
        "only alice's codes changed"
    );
    // Another process opening the index sees it fresh, not rebuilt.
    s.reopen();
    assert_eq!(s.index().opened(), &Opened::Fresh);
    // Undo is a coding action too.
    let mut log = s.project.open_log("alice").unwrap();
    log.undo().unwrap();
    drop(log);
    assert_eq!(
        idx.refresh(&s.project, &mut |_, _| {}).unwrap(),
        &Opened::Updated(1)
    );
    assert!(found(&idx, "code:meeting-frequency", Some("alice")).is_empty());
    // update_units re-indexes named units straight away.
    code(
        &s.project,
        "bob",
        &[("Virtual meetings should count", "Meeting frequency")],
    );
    idx.update_units(&s.project, &[&unit]).unwrap();
    assert_eq!(
        found(&idx, "code:bob/meeting-frequency", None),
        BTreeSet::from([unit])
    );
}

#[test]
fn a_rebuild_by_another_process_is_followed_not_repeated() {
    let s = study();
    let mut old = s.index();
    let expected = results(&old);
    let mut other = s.index();
    other.rebuild(&s.project, &mut |_, _| {}).unwrap();
    assert_ne!(other.dir(), old.dir(), "a rebuild fills a new generation");
    assert!(!old.dir().exists(), "the old generation is cleaned up");
    assert_eq!(
        old.refresh(&s.project, &mut |_, _| {}).unwrap(),
        &Opened::Fresh
    );
    assert_eq!(old.dir(), other.dir());
    assert_eq!(results(&old), expected);
}

#[test]
fn a_new_coder_and_a_rewritten_log_are_picked_up() {
    let mut s = study();
    let mut idx = s.index();
    code(
        &s.project,
        "carol",
        &[("Her schedule is brutal", "Availability and time")],
    );
    s.reopen();
    assert_eq!(
        idx.refresh(&s.project, &mut |_, _| {}).unwrap(),
        &Opened::Updated(1)
    );
    assert_eq!(
        found(&idx, "code:carol/*", None),
        BTreeSet::from([unit_with(&s.project, "Her schedule is brutal")])
    );
    // A log replaced by another history (e.g. a git checkout) cannot be caught up: rebuild.
    let path = s.project.log_path("carol");
    std::fs::remove_file(&path).unwrap();
    code(
        &s.project,
        "carol",
        &[("Three mentees is too many", "Availability and time")],
    );
    assert!(matches!(
        idx.refresh(&s.project, &mut |_, _| {}).unwrap(),
        Opened::Rebuilt(_)
    ));
    assert_eq!(
        found(&idx, "code:carol/*", None),
        BTreeSet::from([unit_with(&s.project, "Three mentees is too many")])
    );
}

#[test]
fn the_index_can_live_on_a_worker_thread() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SearchIndex>();
    send_sync::<thematic::search::SearchResults>();
    let s = study();
    let idx = s.index();
    let total = std::thread::scope(|t| {
        t.spawn(|| idx.search("zoom", 5, None).unwrap().total)
            .join()
            .unwrap()
    });
    assert_eq!(total, with_phrase(&s.project, "zoom", false).len());
}

// ---------------------------------------------------------------- code all results

#[test]
fn code_all_results_is_one_undoable_action() {
    let s = study();
    let mut idx = s.index();
    let p = &s.project;
    let query = "busy OR sched*";
    let matched = found(&idx, query, Some("alice"));
    let had = coded(p, "alice", "Availability and time");
    assert!(
        !and(&matched, &had).is_empty() && !minus(&matched, &had).is_empty(),
        "some already coded, some not"
    );
    let bob_before = p.coder_view("bob").unwrap().codings;

    let mut log = p.open_log("alice").unwrap();
    let r = code_results(
        &mut idx,
        p,
        &mut log,
        "alice",
        query,
        "Availability and time",
        None,
    )
    .unwrap();
    assert_eq!(r.matched.iter().cloned().collect::<BTreeSet<_>>(), matched);
    assert_eq!(
        r.coded.iter().cloned().collect::<BTreeSet<_>>(),
        minus(&matched, &had)
    );
    assert_eq!(
        coded(p, "alice", "Availability and time"),
        or(&had, &matched)
    );
    assert_eq!(
        found(&idx, "code:availability-and-time", Some("alice")),
        or(&had, &matched),
        "index already updated"
    );
    assert_eq!(
        p.coder_view("bob").unwrap().codings,
        bob_before,
        "bob's log untouched"
    );

    // One undo takes the whole action back.
    log.undo().unwrap();
    assert_eq!(coded(p, "alice", "Availability and time"), had);
    idx.refresh(p, &mut |_, _| {}).unwrap();
    assert_eq!(
        found(&idx, "code:availability-and-time", Some("alice")),
        had
    );
    assert!(log.can_redo());
    log.undo().unwrap();
    assert_ne!(
        coded(p, "alice", "Availability and time"),
        had,
        "the second undo reaches the earlier action"
    );
}

#[test]
fn code_selected_results_only() {
    let s = study();
    let mut idx = s.index();
    let p = &s.project;
    let matched: Vec<String> = idx.matching_units("\"meeting\"", None).unwrap();
    assert!(matched.len() >= 3);
    let chosen = vec![matched[2].clone(), matched[0].clone()];
    let mut log = p.open_log("alice").unwrap();
    let r = code_results(
        &mut idx,
        p,
        &mut log,
        "alice",
        "\"meeting\"",
        "meeting-frequency",
        Some(&chosen),
    )
    .unwrap();
    assert_eq!(
        r.coded,
        vec![matched[0].clone(), matched[2].clone()],
        "corpus order"
    );
    assert_eq!(
        coded(p, "alice", "Meeting frequency"),
        chosen.iter().cloned().collect()
    );
    // A unit outside the results is refused and nothing is written.
    let outside = unit_with(p, "Similar research interests");
    let err = code_results(
        &mut idx,
        p,
        &mut log,
        "alice",
        "\"meeting\"",
        "meeting-frequency",
        Some(&[outside]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not among the results"), "{err}");
    let err = code_results(
        &mut idx,
        p,
        &mut log,
        "alice",
        "\"meeting\"",
        "telepathy",
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown code"), "{err}");
    assert_eq!(
        coded(p, "alice", "Meeting frequency"),
        chosen.iter().cloned().collect()
    );
}

// ---------------------------------------------------------------- the sample study

#[test]
fn sample_filters_and_codes_match_the_data() {
    let (tmp, dir) = common::sample_copy();
    let p = thematic::project::Project::open(&dir).unwrap();
    let idx = SearchIndex::open_or_build_in(&tmp.path().join("cache"), &p, &mut |_, _| {}).unwrap();
    assert_eq!(idx.units(), p.units.len() as u64);
    for s in &p.manifest.sources {
        assert_eq!(
            found(&idx, &format!("source:{}", s.id), None),
            units_where(&p, |u| u.source == s.id)
        );
        let kind = s.kind.as_str();
        assert_eq!(
            found(&idx, &format!("kind:{kind}"), None),
            units_where(&p, |u| p.source_kind(&u.source).unwrap().as_str() == kind)
        );
    }
    let speakers: BTreeSet<&str> = p
        .units
        .iter()
        .filter_map(|u| u.speaker.as_deref())
        .collect();
    assert!(speakers.len() >= 4);
    for sp in speakers {
        assert_eq!(
            found(&idx, &format!("speaker:\"{sp}\""), None),
            units_where(&p, |u| u.speaker.as_deref().is_some_and(|x| has_seq(
                &words(x),
                &words(sp).iter().map(String::as_str).collect::<Vec<_>>(),
                false
            ))),
            "{sp}"
        );
    }
    let mut checked = 0;
    for key in ["role", "fellowship", "year_of_training", "year"] {
        let values: BTreeSet<&String> = p
            .cases
            .iter()
            .filter_map(|c| c.attributes.get(key))
            .collect();
        for v in values {
            assert_eq!(
                found(&idx, &format!("{key}:\"{v}\""), None),
                with_attribute(&p, key, v),
                "{key}:{v}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 6,
        "the sample has role, fellowship and year values"
    );
    for who in ["alice", "bob"] {
        for code in p.codebook.active() {
            let want = coded(&p, who, &code.id);
            assert_eq!(
                found(&idx, &format!("code:{}", code.id), Some(who)),
                want,
                "{who} {}",
                code.name
            );
            assert_eq!(
                found(&idx, &format!("code:{who}/\"{}\"", code.name), None),
                want
            );
        }
    }
}

#[test]
fn sample_words_phrases_and_booleans() {
    let (tmp, dir) = common::sample_copy();
    let p = thematic::project::Project::open(&dir).unwrap();
    let idx = SearchIndex::open_or_build_in(&tmp.path().join("cache"), &p, &mut |_, _| {}).unwrap();
    let all = units_where(&p, |_| true);
    let q = |s: &str| found(&idx, s, Some("alice"));
    for w in ["zoom", "busy", "meeting", "communication", "email"] {
        assert_eq!(q(&format!("\"{w}\"")), with_phrase(&p, w, false), "{w}");
        assert!(
            q(w).is_superset(&with_phrase(&p, w, false)),
            "the stemmed word finds at least the word"
        );
    }
    for phrase in ["felt like", "once a month", "career goals"] {
        assert!(
            !with_phrase(&p, phrase, false).is_empty(),
            "{phrase} is in the sample"
        );
        assert_eq!(
            q(&format!("\"{phrase}\"")),
            with_phrase(&p, phrase, false),
            "{phrase}"
        );
    }
    assert_eq!(q("mentor*"), with_phrase(&p, "mentor", true));
    let busy = q("busy");
    let meeting = q("\"meeting\"");
    assert_eq!(q("busy \"meeting\""), and(&busy, &meeting));
    assert_eq!(q("busy OR \"meeting\""), or(&busy, &meeting));
    assert_eq!(q("busy -\"meeting\""), minus(&busy, &meeting));
    assert_eq!(q("NOT busy"), minus(&all, &busy));
    let mentee_busy = and(&busy, &with_attribute(&p, "role", "mentee"));
    assert_eq!(q("busy role:mentee"), mentee_busy);
    assert_eq!(
        q("busy code:availability-and-time"),
        and(&busy, &coded(&p, "alice", "availability-and-time"))
    );
}

// ---------------------------------------------------------------- the command

#[test]
fn cli_search_prints_the_contract() {
    let (_tmp, dir) = common::sample_copy();
    let out = common::thematic(&dir)
        .args(["search", "communication", "--json", "--limit", "5"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no progress when stderr is not a terminal"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 5);
    let units = common::json(&dir, &["units", "--json"]);
    let ids: BTreeSet<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    let mut last = f64::INFINITY;
    for h in hits {
        let unit = h["unit"].as_str().unwrap();
        assert!(ids.contains(unit), "{unit}");
        let score = h["score"].as_f64().unwrap();
        assert!(score > 0.0 && score <= last, "ranked by score");
        last = score;
        let snippet = h["snippet"].as_str().unwrap();
        assert!(
            snippet.to_lowercase().contains("**communicat"),
            "hits are marked: {snippet}"
        );
        let text = units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == unit)
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .to_string();
        for span in h["highlights"].as_array().unwrap() {
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let seen: String = text.chars().skip(a).take(b - a).collect();
            assert!(seen.to_lowercase().starts_with("communicat"), "{seen}");
        }
    }
    // The index went to THEMATIC_CACHE_DIR, nowhere else.
    let cache = dir.join(".test-cache/index");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    // Human output marks hits too, and says how many matched.
    let out = common::thematic(&dir)
        .args(["search", "zoom OR busy"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("units match") && text.contains("**"),
        "{text}"
    );
}

#[test]
fn cli_answers_from_a_fresh_index_without_loading_the_units() {
    let (_tmp, dir) = common::sample_copy();
    let first = common::json(&dir, &["search", "\"felt like\" OR zoom", "--json"]);
    // Units are only read to build or update the index: with the units file of a source
    // unreadable, a fresh index still answers, while loading the project fails.
    let units = dir.join("sources/mentee-survey.units.json");
    std::fs::write(&units, b"{ not json").unwrap();
    assert_eq!(
        common::json(&dir, &["search", "\"felt like\" OR zoom", "--json"]),
        first
    );
    let out = common::thematic(&dir).args(["status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Once a log changes, the index must catch up, which needs the project: the error shows.
    let log = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("codings/alice.jsonl"))
        .unwrap();
    log.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let out = common::thematic(&dir)
        .args(["search", "zoom"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("mentee-survey.units.json"));
}

#[test]
fn cli_bad_queries_fail_cleanly() {
    let (_tmp, dir) = common::sample_copy();
    common::fails_cleanly(&dir, &["search", "\"felt like"], "not closed");
    common::fails_cleanly(&dir, &["search", "shoe_size:42"], "unknown field");
    common::fails_cleanly(&dir, &["search", "code:positive"], "--coder");
    common::fails_cleanly(
        &dir,
        &["search", "busy", "--code", "telepathy", "--coder", "carol"],
        "unknown code",
    );
    common::fails_cleanly(
        &dir,
        &[
            "search",
            "busy",
            "--code",
            "positive",
            "--coder",
            "carol",
            "--only",
            "focus-group:1",
        ],
        "not among the results",
    );
    let out = common::thematic(&dir)
        .args(["search", "busy", "--code", "positive"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "--code without --coder is a usage error"
    );
}

#[test]
fn cli_code_all_results_then_undo() {
    let (_tmp, dir) = common::sample_copy();
    let matched: Vec<String> = common::json(
        &dir,
        &["search", "busy OR sched*", "--json", "--limit", "1000"],
    )
    .as_array()
    .unwrap()
    .iter()
    .map(|h| h["unit"].as_str().unwrap().to_string())
    .collect();
    assert!(matched.len() >= 3);
    let before = common::snapshot(&dir);
    let dry = common::json(
        &dir,
        &[
            "search",
            "busy OR sched*",
            "--code",
            "Availability and time",
            "--coder",
            "carol",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(dry["coded"].as_array().unwrap().len(), matched.len());
    assert!(
        before == common::snapshot(&dir),
        "a dry run changes nothing"
    );
    let r = common::json(
        &dir,
        &[
            "search",
            "busy OR sched*",
            "--code",
            "Availability and time",
            "--coder",
            "carol",
            "--json",
        ],
    );
    let mut coded: Vec<String> = r["coded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect();
    coded.sort();
    let mut want = matched.clone();
    want.sort();
    assert_eq!(coded, want);
    let codings = common::json(&dir, &["codings", "--coder", "carol", "--json"]);
    assert_eq!(codings.as_array().unwrap().len(), matched.len());
    let found = common::json(
        &dir,
        &[
            "search",
            "code:availability-and-time",
            "--coder",
            "carol",
            "--json",
            "--limit",
            "1000",
        ],
    );
    assert_eq!(
        found.as_array().unwrap().len(),
        matched.len(),
        "the index reflects the coding"
    );
    common::thematic(&dir)
        .args(["undo", "--coder", "carol"])
        .assert()
        .success();
    assert!(
        common::json(&dir, &["codings", "--coder", "carol", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let found = common::json(&dir, &["search", "code:carol/*", "--json"]);
    assert!(
        found.as_array().unwrap().is_empty(),
        "the index follows the undo"
    );
}

#[test]
fn cli_rebuilds_a_damaged_index() {
    let (_tmp, dir) = common::sample_copy();
    let first = common::json(&dir, &["search", "\"felt like\" OR zoom", "--json"]);
    let home = std::fs::read_dir(dir.join(".test-cache/index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let current = home.join(
        std::fs::read_to_string(home.join("current"))
            .unwrap()
            .trim(),
    );
    for e in std::fs::read_dir(&current).unwrap() {
        let path = e.unwrap().path();
        let len = std::fs::metadata(&path).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(len / 3)
            .unwrap();
    }
    assert_eq!(
        common::json(&dir, &["search", "\"felt like\" OR zoom", "--json"]),
        first
    );
    std::fs::remove_dir_all(dir.join(".test-cache")).unwrap();
    assert_eq!(
        common::json(&dir, &["search", "\"felt like\" OR zoom", "--json"]),
        first
    );
}
