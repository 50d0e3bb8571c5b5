//! Reading a coding-log line the way this program writes it, without a general JSON parser: flat
//! `"key":value` pairs, no spaces, strings without escapes. Anything else (spaces, escapes, a
//! nested value, a key twice, a missing field, a wrong type) returns `None`, and the caller reads
//! the line with serde, which accepts every valid line and names what is wrong with a bad one.

use super::Op;
use super::replay::LineRef;
use std::borrow::Cow;

/// The line as [`LineRef`], when it has the plain shape; `None` otherwise (never a wrong answer).
pub(super) fn parse(text: &str) -> Option<LineRef<'_>> {
    let b = text.as_bytes();
    let mut at = 1;
    if b.first() != Some(&b'{') || b.last() != Some(&b'}') {
        return None;
    }
    let end = b.len() - 1;
    let mut line = Partial::default();
    if end == 1 {
        return None;
    }
    loop {
        let key = string(text, &mut at)?;
        if b.get(at) != Some(&b':') {
            return None;
        }
        at += 1;
        match key {
            "format" => set(&mut line.format, nullable(b, &mut at, number)?)?,
            "seq" => set(&mut line.seq, number(b, &mut at)?)?,
            "op" => set(&mut line.op, op(string(text, &mut at)?)?)?,
            "unit" => set(&mut line.unit, string(text, &mut at)?)?,
            "code" => set(&mut line.code, nullable_str(text, &mut at)?)?,
            "span" => set(&mut line.span, span(b, &mut at)?)?,
            "memo" => set(&mut line.memo, nullable_str(text, &mut at)?)?,
            "group" => set(&mut line.group, number(b, &mut at)?)?,
            "undo" => set(&mut line.undo, nullable(b, &mut at, number)?)?,
            "redo" => set(&mut line.redo, nullable(b, &mut at, number)?)?,
            _ => skip(text, &mut at)?,
        }
        match b.get(at)? {
            b',' => at += 1,
            b'}' if at == end => break,
            _ => return None,
        }
    }
    Some(LineRef {
        format: line.format.flatten().map(u32::try_from).transpose().ok()?,
        seq: line.seq?,
        op: line.op?,
        unit: Cow::Borrowed(line.unit?),
        code: line.code.flatten().map(Cow::Borrowed),
        span: line.span.flatten(),
        memo: line.memo.flatten().map(Cow::Borrowed),
        group: line.group?,
        undo: line.undo.flatten(),
        redo: line.redo.flatten(),
    })
}

#[derive(Default)]
struct Partial<'a> {
    format: Option<Option<u64>>,
    seq: Option<u64>,
    op: Option<Op>,
    unit: Option<&'a str>,
    code: Option<Option<&'a str>>,
    span: Option<Option<(usize, usize)>>,
    memo: Option<Option<&'a str>>,
    group: Option<u64>,
    undo: Option<Option<u64>>,
    redo: Option<Option<u64>>,
}

/// A field seen twice is serde's error to report.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// A string without escapes or control characters.
fn string<'a>(text: &'a str, at: &mut usize) -> Option<&'a str> {
    let b = text.as_bytes();
    if b.get(*at) != Some(&b'"') {
        return None;
    }
    let start = *at + 1;
    let len = b[start..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
    if b[start + len] != b'"' {
        return None;
    }
    *at = start + len + 1;
    text.get(start..start + len)
}

fn number(b: &[u8], at: &mut usize) -> Option<u64> {
    let digits = b[*at..].iter().take_while(|c| c.is_ascii_digit()).count();
    // serde_json refuses a leading zero before another digit.
    if digits == 0 || (digits > 1 && b[*at] == b'0') {
        return None;
    }
    let n = std::str::from_utf8(&b[*at..*at + digits])
        .ok()?
        .parse()
        .ok()?;
    *at += digits;
    Some(n)
}

fn null(b: &[u8], at: &mut usize) -> bool {
    if b[*at..].starts_with(b"null") {
        *at += 4;
        return true;
    }
    false
}

fn nullable<T>(
    b: &[u8],
    at: &mut usize,
    value: fn(&[u8], &mut usize) -> Option<T>,
) -> Option<Option<T>> {
    if null(b, at) {
        return Some(None);
    }
    value(b, at).map(Some)
}

fn nullable_str<'a>(text: &'a str, at: &mut usize) -> Option<Option<&'a str>> {
    if null(text.as_bytes(), at) {
        return Some(None);
    }
    string(text, at).map(Some)
}

fn op(name: &str) -> Option<Op> {
    Some(match name {
        "apply" => Op::Apply,
        "remove" => Op::Remove,
        "review" => Op::Review,
        "unreview" => Op::Unreview,
        "memo" => Op::Memo,
        _ => return None,
    })
}

fn span(b: &[u8], at: &mut usize) -> Option<Option<(usize, usize)>> {
    if null(b, at) {
        return Some(None);
    }
    if b.get(*at) != Some(&b'[') {
        return None;
    }
    *at += 1;
    let start = usize::try_from(number(b, at)?).ok()?;
    if b.get(*at) != Some(&b',') {
        return None;
    }
    *at += 1;
    let end = usize::try_from(number(b, at)?).ok()?;
    if b.get(*at) != Some(&b']') {
        return None;
    }
    *at += 1;
    Some(Some((start, end)))
}

/// Skip a value of a field this reader does not keep: a plain string, number, or literal.
fn skip(text: &str, at: &mut usize) -> Option<()> {
    let b = text.as_bytes();
    match b.get(*at)? {
        b'"' => string(text, at).map(|_| ()),
        b'-' | b'0'..=b'9' => {
            let n = b[*at..]
                .iter()
                .take_while(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .count();
            // Only a number serde would read as one.
            serde_json::from_slice::<serde::de::IgnoredAny>(&b[*at..*at + n]).ok()?;
            *at += n;
            Some(())
        }
        _ => {
            for lit in [&b"null"[..], b"true", b"false"] {
                if b[*at..].starts_with(lit) {
                    *at += lit.len();
                    return Some(());
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(text: &str) -> Option<LineRef<'_>> {
        serde_json::from_str(text).ok()
    }

    /// Wherever the fast reader answers, it answers what serde does.
    fn agrees(text: &str) -> bool {
        match parse(text) {
            Some(fast) => {
                assert_eq!(Some(&fast), serde(text).as_ref(), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn plain_lines_read_as_serde_reads_them() {
        for text in [
            r#"{"seq":1,"at":"2026-01-01T00:00:00Z","op":"apply","unit":"survey:1:5","code":"code-019","group":1}"#,
            r#"{"seq":12,"at":"x","op":"remove","unit":"u","code":"c","span":[3,10],"memo":"kept","group":11,"undo":4}"#,
            r#"{"seq":2,"op":"review","unit":"n:1","group":2,"redo":1}"#,
            r#"{"seq":3,"op":"memo","unit":"n:1","memo":null,"prev":"old text","group":3}"#,
            r#"{"format":1,"seq":3,"op":"unreview","unit":"ü:1","span":null,"group":3,"extra":-1.5e3,"flag":true}"#,
        ] {
            assert!(agrees(text), "{text}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde() {
        for text in [
            r#"{"seq":1, "op":"apply","unit":"u","code":"c","group":1}"#,
            r#"{"seq":1,"op":"apply","unit":"a\"b","code":"c","group":1}"#,
            r#"{"seq":1,"op":"apply","unit":"u","unit":"v","group":1}"#,
            r#"{"seq":1,"op":"apply","code":"c","group":1}"#,
            r#"{"seq":01,"op":"apply","unit":"u","group":1}"#,
            r#"{"seq":1.0,"op":"apply","unit":"u","group":1}"#,
            r#"{"seq":1,"op":"zap","unit":"u","group":1}"#,
            r#"{"seq":1,"op":"apply","unit":"u","group":1,"x":{"y":1}}"#,
            r#"{"seq":1,"op":"apply","unit":"u","group":1,"span":[1,2,3]}"#,
            r#"{"seq":1,"op":"apply","unit":"u","group":1}x"#,
            r#"{"seq":1,"op":"apply","unit":"u","group":1,}"#,
            r#"{"seq":1,"op":"apply","unit":"u","group":99999999999999999999}"#,
            "{\"seq\":1,\"op\":\"apply\",\"unit\":\"a\tb\",\"group\":1}",
            r#"{}"#,
            r#"{"format":1,"coder":"alice"}"#,
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }

    /// Every entry as this program writes it (no escapes needed) takes the fast path.
    #[test]
    fn written_entries_take_the_fast_path() {
        use crate::coding::Entry;
        let ops = [Op::Apply, Op::Remove, Op::Review, Op::Unreview, Op::Memo];
        for (i, op) in ops.into_iter().enumerate() {
            for with in 0..4u32 {
                let e = Entry {
                    seq: 10 + i as u64,
                    at: "2026-12-01T12:00:00Z".into(),
                    op,
                    unit: "interview-2:17".into(),
                    code: (with & 1 == 1).then(|| "code-3".into()),
                    span: (with & 2 == 2).then_some((0, 42)),
                    memo: (with == 3).then(|| "Ça va — fine".into()),
                    prev: (with == 2).then(|| "before".into()),
                    group: 10,
                    undo: (with == 1).then_some(7),
                    redo: (with == 2).then_some(8),
                };
                let text = serde_json::to_string(&e).unwrap();
                assert!(agrees(&text), "{text}");
            }
        }
    }

    /// Every line of the sample's logs is read the same both ways.
    #[test]
    fn the_sample_logs_read_the_same() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mentorship/codings");
        let mut fast = 0;
        for coder in ["alice", "bob"] {
            let text = std::fs::read_to_string(dir.join(format!("{coder}.jsonl"))).unwrap();
            for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
                fast += usize::from(agrees(line));
            }
        }
        assert!(fast > 100, "{fast}");
    }
}
