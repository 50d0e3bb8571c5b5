//! The codes the index holds per unit: every coder's effective codes and the consensus.

use super::schema::code_term;
use crate::coding::Op;
use crate::error::{Error, Result};
use crate::project::Project;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Where the reconciled coding is kept.
pub fn consensus_path(root: &Path) -> PathBuf {
    root.join("consensus.jsonl")
}

/// The consensus codes per unit (ids as the codebook has them now). The only place search reads
/// `consensus.jsonl`: JSON lines with `unit` and `codes`, the last line about a unit winning;
/// lines without a unit (a header) and torn lines are skipped. No file: no consensus yet.
pub fn consensus_codes(project: &Project) -> Result<HashMap<String, Vec<String>>> {
    let path = consensus_path(&project.root);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for line in bytes.split(|&b| b == b'\n') {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let Some(unit) = v.get("unit").and_then(|u| u.as_str()) else {
            continue;
        };
        let codes = v
            .get("codes")
            .and_then(|c| c.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str())
                    .filter_map(|c| project.codebook.canonical(c))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.insert(unit.to_string(), codes);
    }
    Ok(out)
}

/// Code terms per unit over all coders and the consensus; only for `only` when given.
pub fn code_terms(
    project: &Project,
    only: Option<&BTreeSet<String>>,
) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let canonical: HashMap<&str, &str> = project
        .codebook
        .codes
        .iter()
        .filter_map(|c| Some((c.id.as_str(), project.codebook.canonical(&c.id)?)))
        .collect();
    for coder in project.coders()? {
        let path = project.log_path(&coder);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut term_of: HashMap<&str, String> = HashMap::new();
        for (unit, codings) in replay_codes(&bytes, only) {
            let list = out.entry(unit.into_owned()).or_default();
            for (code, _) in codings {
                if let Some(id) = canonical.get(code.as_ref()) {
                    let term = term_of.entry(id).or_insert_with(|| code_term(&coder, id));
                    if !list.contains(term) {
                        list.push(term.clone());
                    }
                }
            }
        }
    }
    for (unit, codes) in consensus_codes(project)? {
        if wanted(&unit) {
            let list = out.entry(unit).or_default();
            for c in codes {
                let term = code_term("consensus", &c);
                if !list.contains(&term) {
                    list.push(term);
                }
            }
        }
    }
    Ok(out)
}

/// What a coding-log line says about codes. Borrowed: a million lines cost no allocation.
#[derive(Deserialize)]
struct CodeLine<'a> {
    op: Op,
    #[serde(borrow)]
    unit: Cow<'a, str>,
    #[serde(borrow, default)]
    code: Option<Cow<'a, str>>,
    #[serde(default)]
    span: Option<[usize; 2]>,
}

type Codings<'a> = HashMap<Cow<'a, str>, Vec<(Cow<'a, str>, Option<[usize; 2]>)>>;

/// The raw codes (and spans) each unit has after replaying a coder's log: the codes part of
/// `CoderState::apply` (applies and removes; reviews and memos change no code), over the
/// complete lines only, as the coding log reads itself. A fast path for a whole-project index:
/// `tests::replay_matches_the_coding_log` holds it to the coding log's own replay.
/// With `only`, lines about other units are skipped before they are parsed.
fn replay_codes<'a>(bytes: &'a [u8], only: Option<&BTreeSet<String>>) -> Codings<'a> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let mut out: Codings<'a> = HashMap::new();
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let key = memchr::memmem::Finder::new(UNIT_KEY);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', &bytes[..complete]) {
        let line = &bytes[start..end];
        start = end + 1;
        if only.is_some() && quick_unit(&key, line).is_some_and(|u| !wanted(u)) {
            continue;
        }
        let Ok(l) = serde_json::from_slice::<CodeLine<'a>>(line) else {
            continue;
        };
        let (Some(code), true) = (l.code, wanted(&l.unit)) else {
            continue;
        };
        match l.op {
            Op::Apply => {
                let list = out.entry(l.unit).or_default();
                if !list.iter().any(|(c, s)| *c == code && *s == l.span) {
                    list.push((code, l.span));
                }
            }
            Op::Remove => {
                if let Some(list) = out.get_mut(&l.unit) {
                    list.retain(|(c, s)| !(*c == code && *s == l.span));
                    if list.is_empty() {
                        out.remove(&l.unit);
                    }
                }
            }
            Op::Review | Op::Unreview | Op::Memo => {}
        }
    }
    out
}

const UNIT_KEY: &[u8] = b"\"unit\":\"";

/// The unit a log line is about, read without parsing it (`None` when it is not plainly there).
fn quick_unit<'l>(key: &memchr::memmem::Finder<'_>, line: &'l [u8]) -> Option<&'l str> {
    let at = key.find(line)? + UNIT_KEY.len();
    let len = line[at..].iter().position(|&b| b == b'"' || b == b'\\')?;
    (line.get(at + len) == Some(&b'"')).then(|| std::str::from_utf8(&line[at..at + len]).ok())?
}

/// The units that JSON lines (new lines of a coding or consensus log) are about.
pub fn units_in_lines(bytes: &[u8]) -> BTreeSet<String> {
    #[derive(Deserialize)]
    struct About<'a> {
        #[serde(borrow)]
        unit: Cow<'a, str>,
    }
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice::<About<'_>>(line).ok())
        .map(|a| a.unit.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coding::{Change, CodingLog};

    /// Applies, removes, spans, undo and redo: the fast replay agrees with the coding log's.
    #[test]
    fn replay_matches_the_coding_log() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ann.jsonl");
        let mut log = CodingLog::open(&path, &tmp.path().join(".ann.lock"), "ann").unwrap();
        let apply = |u: &str, c: &str, span| Change::Apply {
            unit: u.into(),
            code: c.into(),
            span,
            memo: None,
        };
        let remove = |u: &str, c: &str, span| Change::Remove {
            unit: u.into(),
            code: c.into(),
            span,
        };
        log.record(&[
            apply("u1", "a", None),
            apply("u1", "b", Some((0, 4))),
            apply("u2", "a", None),
        ])
        .unwrap();
        log.record(&[
            apply("u1", "b", Some((5, 9))),
            Change::Review { unit: "u3".into() },
        ])
        .unwrap();
        log.record(&[remove("u1", "b", Some((0, 4))), apply("u3", "c", None)])
            .unwrap();
        log.undo().unwrap();
        log.record(&[remove("u2", "a", None), apply("u4", "a", Some((1, 2)))])
            .unwrap();
        log.undo().unwrap();
        log.redo().unwrap();
        log.record(&[apply("u5", "d", None)]).unwrap();
        let state = log.state().clone();
        drop(log);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(br#"{"seq":99,"op":"apply","unit":"u9","code":"torn"#);
        let fast = replay_codes(&bytes, None);
        let mut from_fast: Vec<(String, String, Option<[usize; 2]>)> = fast
            .iter()
            .flat_map(|(u, cs)| {
                cs.iter()
                    .map(move |(c, s)| (u.to_string(), c.to_string(), *s))
            })
            .collect();
        let mut from_log: Vec<(String, String, Option<[usize; 2]>)> = state
            .codings
            .iter()
            .flat_map(|(u, cs)| {
                cs.iter()
                    .map(move |c| (u.clone(), c.code.clone(), c.span.map(|(a, b)| [a, b])))
            })
            .collect();
        from_fast.sort();
        from_log.sort();
        assert_eq!(from_fast, from_log);
        assert!(from_log.len() >= 4);
        let only_u1 = replay_codes(&bytes, Some(&BTreeSet::from(["u1".to_string()])));
        assert_eq!(
            only_u1.keys().map(|k| k.to_string()).collect::<Vec<_>>(),
            ["u1"]
        );
    }

    #[test]
    fn quick_unit_reads_plain_ids_and_gives_up_on_escapes() {
        let k = memchr::memmem::Finder::new(UNIT_KEY);
        assert_eq!(
            quick_unit(
                &k,
                br#"{"seq":1,"op":"apply","unit":"survey:3:9","code":"a"}"#
            ),
            Some("survey:3:9")
        );
        assert_eq!(
            quick_unit(&k, br#"{"seq":1,"unit":"a\"b","code":"a"}"#),
            None
        );
        assert_eq!(quick_unit(&k, br#"{"format":1,"coder":"ann"}"#), None);
    }
}
