//! The codes each unit has in a coder's log, replayed fast and without copying (for building
//! a whole-project search index), by the same rules as the full replay.

use super::Op;
use super::replay::{check_header, read_line};
use crate::error::Result;
use crate::files::jsonl::Lines;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

/// Unit → its raw codes (ids as the log has them) with their spans `[start, end]`.
pub type CodesByUnit<'a> = FxHashMap<Cow<'a, str>, Vec<(Cow<'a, str>, Option<[usize; 2]>)>>;

/// The raw codes (and spans) each unit has after replaying `coder`'s log `bytes` (read from
/// `path`): the codes part of [`super::CoderState::apply`] (applies and removes; reviews and
/// memos change no code). Lines are read and refused exactly as the full replay does (a bad
/// line is an error naming it). With `only`, codes of other units are left out.
pub fn codes_by_unit<'a>(
    path: &Path,
    bytes: &'a [u8],
    coder: &str,
    only: Option<&BTreeSet<String>>,
) -> Result<CodesByUnit<'a>> {
    let mut out: CodesByUnit<'a> = FxHashMap::default();
    let wanted = |u: &str| only.is_none_or(|set| set.contains(u));
    let mut header = true;
    for line in Lines::of(bytes).iter() {
        if std::mem::take(&mut header) {
            check_header(path, line.text(path)?, line.number, coder)?;
            continue;
        }
        let l = read_line(path, &line)?;
        let (Some(code), true) = (l.code, wanted(&l.unit)) else {
            continue;
        };
        let span = l.span.map(|(a, b)| [a, b]);
        match l.op {
            Op::Apply => {
                let list = out.entry(l.unit).or_default();
                if !list.iter().any(|(c, s)| *c == code && *s == span) {
                    list.push((code, span));
                }
            }
            Op::Remove => {
                if let Some(list) = out.get_mut(&l.unit) {
                    list.retain(|(c, s)| !(*c == code && *s == span));
                    if list.is_empty() {
                        out.remove(&l.unit);
                    }
                }
            }
            Op::Review | Op::Unreview | Op::Memo => {}
        }
    }
    Ok(out)
}

/// The units that JSON lines (new lines of a coding log, or of the consensus log, which also
/// names its unit in `unit`) are about; lines without a unit (a header) count for none.
pub fn units_in(bytes: &[u8]) -> BTreeSet<String> {
    #[derive(serde::Deserialize)]
    struct About<'a> {
        #[serde(borrow)]
        unit: Cow<'a, str>,
    }
    Lines::of(bytes)
        .iter()
        .filter_map(|line| serde_json::from_slice::<About<'_>>(line.bytes).ok())
        .map(|a| a.unit.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coding::{Change, CodingLog};

    /// Applies, removes, spans, undo and redo: the fast replay agrees with the coding log's.
    #[test]
    fn fast_replay_matches_the_coding_log() {
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
        let fast = codes_by_unit(&path, &bytes, "ann", None).unwrap();
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
                    .map(move |c| (u.clone(), c.code.to_string(), c.span.map(|(a, b)| [a, b])))
            })
            .collect();
        from_fast.sort();
        from_log.sort();
        assert_eq!(from_fast, from_log);
        assert!(from_log.len() >= 4);
        let only_u1 = codes_by_unit(
            &path,
            &bytes,
            "ann",
            Some(&BTreeSet::from(["u1".to_string()])),
        )
        .unwrap();
        assert_eq!(
            only_u1.keys().map(|k| k.to_string()).collect::<Vec<_>>(),
            ["u1"]
        );
    }

    /// A bad line the full replay refuses is refused here too, with the same message.
    #[test]
    fn a_bad_line_is_refused_as_the_full_replay_refuses_it() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ann.jsonl");
        let bytes = b"{\"format\":1,\"coder\":\"ann\"}\n{\"seq\":1,\"op\":\"apply\"\n".to_vec();
        std::fs::write(&path, &bytes).unwrap();
        let fast = codes_by_unit(&path, &bytes, "ann", None)
            .unwrap_err()
            .to_string();
        let full = CodingLog::read(&path, "ann").unwrap_err().to_string();
        assert_eq!(fast, full);
        assert!(fast.contains("ann.jsonl:2:"), "{fast}");
    }
}
